//! `cargo xtask`: the project's own commands. `setup` installs every tool at its pinned version,
//! `serve` builds and runs the site, `test` runs every test layer, `dev` runs the live-reload loop.

mod api_contract;
mod bench;
mod comments_frame;
mod compile_ahead;
mod held;
mod inline_scripts;
mod inline_styles;
mod load;
mod postgres;
mod precompress;
mod process;
mod serve;
mod server;
mod service_worker;
mod setup;
mod sizes;
mod split;
mod supply_chain;
mod test;
mod wasm_profile;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

  serve [server flags]  build everything (release) and run the site at http://127.0.0.1:8080
                        flags go to inkuru-server: --port, --addr, --database, --dist, --no-demo
  test                  every test layer: lint, native unit, server integration, wasm, end-to-end
  bench [web|api]       build release, measure sizes, Lighthouse and API latency; write BENCHMARKS.md
  bench report          write BENCHMARKS.md again from benchmarks.json (no measuring)
  bench reliability     the no-loss test at 5,000 comments, SQLite and PostgreSQL (RELIABILITY.md)
  bench held            60 s at half the maximum rate of reads and posts, SQLite and PostgreSQL
  setup                 install the pinned tools (tools.toml); run by serve and test
  dev                   trunk serve with live reload on :3000, the API server on :8080
  post-build DIR        Trunk's post-build hook: split the wasm into its first module and chunks,
                        inline the component styles into DIR/index.html (and minify its start
                        script in release), fill in the service worker's precache list, write
                        brotli and gzip copies of the built files
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("serve") => serve::serve(&args[1..]),
        Some("dev") => serve::dev(),
        Some("test") => test::run(),
        Some("bench") => bench::run(&args[1..]),
        Some("post-build") => {
            let dir = std::path::Path::new(args.get(1).map_or("", String::as_str));
            // The wasm split first (it replaces Trunk's JS and wasm), then the comments frame's own
            // program, then the styles and the start script (they change index.html), then the
            // worker's precache list (it hashes the final files), then the compressed copies of it
            // all.
            let (release, optimised) = split::build_kind();
            split::run(dir)
                .and_then(|()| comments_frame::run(dir, release, optimised))
                .and_then(|()| inline_styles::run(&args[1..]))
                .and_then(|()| {
                    if optimised {
                        inline_scripts::run(dir)
                    } else {
                        Ok(())
                    }
                })
                .and_then(|()| service_worker::run(dir))
                .and_then(|()| precompress::run(dir))
        }
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // An empty message means the command already said why (and `test` must keep its totals
            // as the last line of output).
            if !message.is_empty() {
                eprintln!("xtask: {message}");
            }
            ExitCode::FAILURE
        }
    }
}
