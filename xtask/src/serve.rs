//! `cargo xtask serve` (release build of everything, then the server on 127.0.0.1:8080) and
//! `cargo xtask dev` (Trunk's live-reload server proxying to a debug API server).

use std::path::PathBuf;

use crate::process::{command, execute, root};
use crate::setup;

/// Builds the SPA with Trunk in release mode into dist/.
///
/// The release wasm gets a standard library rebuilt for it whose panics abort on the spot
/// (`-Zbuild-std=std,panic_abort`, `-Cpanic=immediate-abort`): no panic messages, formatting or
/// unwinding paths in the module, 15 KB brotli less (5%, BENCHMARKS.md). Both are unstable options
/// of the pinned stable compiler, so `RUSTC_BOOTSTRAP` is set for this build only (Trunk.toml's
/// hook unsets it again for `cargo xtask post-build`); `setup` installs rust-src. A panic in the
/// release wasm is then a trap with no message; debug builds (`cargo xtask dev`, the wasm tests)
/// keep the messages. `-Zfmt-debug=none` makes every `{:?}` write nothing in that build: no
/// reader sees Debug output (what the app shows is written with `Display`), and every type's
/// Debug code goes (3.0 KB brotli of the first module, BENCHMARKS.md). The flags are the wasm
/// target's own, so a RUSTFLAGS in the environment would replace them; they replace
/// .cargo/config.toml's too, so they repeat `--emit-relocs`,
/// which the post-build split needs.
pub fn build_spa_release() -> Result<PathBuf, String> {
    execute(
        command("trunk")
            .args(["build", "--release"])
            .env("RUSTC_BOOTSTRAP", "1")
            .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Clink-args=--emit-relocs",
            ),
    )?;
    Ok(root().join("dist"))
}

pub fn serve(server_args: &[String]) -> Result<(), String> {
    setup::run()?;
    let dist = build_spa_release()?;
    execute(command("cargo").args(["build", "--release", "-p", "inkuru-server"]))?;
    let mut server = command(
        root()
            .join("target/release/inkuru-server")
            .to_str()
            .unwrap_or("inkuru-server"),
    );
    // Defaults for a laptop; flags given to `cargo xtask serve` come after and win.
    if std::env::var_os("INKURU_DIST").is_none() {
        server.arg("--dist").arg(&dist);
    }
    if std::env::var_os("INKURU_DATABASE").is_none() {
        server.arg("--database").arg(root().join("data/inkuru.db"));
    }
    // A partner's page with the widgets, on the port the demo content's partner list names.
    if std::env::var_os("INKURU_PARTNER_DEMO_PORT").is_none() {
        server.args(["--partner-demo-port", "8081"]);
    }
    server.args(server_args);
    hand_over(server)
}

/// Replaces this process with the server, so Ctrl-C reaches it directly and it shuts down cleanly.
#[cfg(unix)]
fn hand_over(mut server: std::process::Command) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    Err(format!("could not start inkuru-server: {}", server.exec()))
}

#[cfg(not(unix))]
fn hand_over(mut server: std::process::Command) -> Result<(), String> {
    let status = server.status().map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("inkuru-server exited with {status}"))
}

pub fn dev() -> Result<(), String> {
    setup::run()?;
    execute(command("cargo").args(["build", "-p", "inkuru-server"]))?;
    let mut api = command(
        root()
            .join("target/debug/inkuru-server")
            .to_str()
            .unwrap_or("inkuru-server"),
    );
    api.arg("--database")
        .arg(root().join("data/inkuru.db"))
        .arg("--dist")
        .arg(root().join("dist"));
    let mut api = api
        .spawn()
        .map_err(|e| format!("could not start inkuru-server: {e}"))?;
    println!("Live reload at http://127.0.0.1:3000/ (API proxied to :8080). Ctrl-C stops both.");
    let result = execute(command("trunk").arg("serve"));
    let _ = api.kill();
    let _ = api.wait();
    result
}
