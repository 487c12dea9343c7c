//! `cargo xtask post-build`, first step: splits the app's wasm into the first module and one chunk
//! per split point (`wasm_split` functions, see src/lazy.rs), which Trunk 0.21 cannot do itself.
//!
//! Trunk has already run wasm-bindgen (and nothing else: index.html asks it for no wasm-opt) on
//! the cargo-built wasm; the split needs that module *before* wasm-bindgen, with the relocations
//! the linker kept for it (`--emit-relocs`, .cargo/config.toml). So this redoes the pipeline from
//! the cargo output: split (wasm_split_cli_support, the library cargo-leptos splits with), then
//! wasm-bindgen with lld's exports kept (the chunks link against them), then wasm-opt on every
//! module and esbuild's minifier on the JS in release builds (not when `INKURU_PROFILE_NAMES` is
//! set: a build for a CPU profile keeps the functions' names). The results replace Trunk's staged `.js` / `_bg.wasm` under the names
//! Trunk gave them; each chunk and the chunk loader get a name with a hash of their content, so a
//! name always means the same bytes (and the server marks them immutable).

use std::path::{Path, PathBuf};

use crate::process::{command, execute, root};

/// The cargo profile Trunk builds with: index.html's `data-cargo-profile-release` in release
/// builds, cargo's `dev` (output folder `debug`) otherwise.
fn cargo_profile_dir(release: bool) -> &'static str {
    if release {
        "wasm-release"
    } else {
        "debug"
    }
}

/// The wasm-bindgen placeholder the splitter's loader is imported under by the first module.
const LOADER_LINK_NAME: &str = "./__wasm_split.js";

/// What Trunk is building: (release, optimised). A release build for profiling keeps the
/// functions' names: no wasm-opt (which strips them) and no minifier.
pub fn build_kind() -> (bool, bool) {
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
    (
        release,
        release && std::env::var_os("INKURU_PROFILE_NAMES").is_none(),
    )
}

pub fn run(staging: &Path) -> Result<(), String> {
    let (release, optimised) = build_kind();
    let base = trunk_base_name(staging)?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let cargo_wasm = target_dir
        .join("wasm32-unknown-unknown")
        .join(cargo_profile_dir(release))
        .join("inkuru.wasm");
    let work = target_dir
        .join("wasm-split")
        .join(cargo_profile_dir(release));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;

    let chunks = split(&cargo_wasm, &work, &base)?;
    bindgen(&work, &base)?;
    let main_wasm = work.join("bindgen").join(format!("{base}_bg.wasm"));
    if optimised {
        for module in chunks.iter().chain(std::iter::once(&main_wasm)) {
            optimise(module)?;
        }
    }
    let loader = work.join(LOADER_LINK_NAME.trim_start_matches("./"));
    let placed = place_chunks(&chunks, &loader, staging, optimised)?;
    let main_js = work.join("bindgen").join(format!("{base}.js"));
    let js = read_text(&main_js)?;
    let js = match &placed {
        Some(loader_name) => point_at_loader(&js, loader_name)?,
        None => js,
    };
    let staged_js = staging.join(format!("{base}.js"));
    write(&staged_js, js.as_bytes())?;
    if optimised {
        minify(&staged_js)?;
    }
    copy(&main_wasm, &staging.join(format!("{base}_bg.wasm")))?;
    println!(
        "split: first module and {} chunk(s) into {}",
        chunks.len(),
        staging.display()
    );
    Ok(())
}

/// `inkuru-0123456789abcdef`: the name Trunk gave the app's staged JS and wasm.
fn trunk_base_name(staging: &Path) -> Result<String, String> {
    let entries = std::fs::read_dir(staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .find_map(|name| {
            name.strip_suffix("_bg.wasm")
                .filter(|base| base.starts_with("inkuru-"))
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("no inkuru-…_bg.wasm staged in {}", staging.display()))
}

/// Splits `cargo_wasm` into `work/main.wasm` and the chunks (returned), with `work/__wasm_split.js`
/// to load them, which imports the first module's JS by the name Trunk gave it.
fn split(cargo_wasm: &Path, work: &Path, base: &str) -> Result<Vec<PathBuf>, String> {
    let input = std::fs::read(cargo_wasm).map_err(|e| {
        format!(
            "{}: {e} (Trunk builds it before this hook runs)",
            cargo_wasm.display()
        )
    })?;
    let main_out = work.join("main.wasm");
    let main_module = format!("./{base}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = work;
    options.main_out_path = &main_out;
    options.main_module = &main_module;
    options.link_name = LOADER_LINK_NAME;
    options.target.web();
    let result = wasm_split_cli_support::transform(options).map_err(|e| {
        format!(
            "splitting {} failed: {e:#} (it needs the relocations `-Clink-args=--emit-relocs` keeps)",
            cargo_wasm.display()
        )
    })?;
    let mut chunks = result.split_modules;
    chunks.sort();
    Ok(chunks)
}

/// wasm-bindgen on the first module, as Trunk runs it, keeping the exports the chunks import.
fn bindgen(work: &Path, base: &str) -> Result<(), String> {
    execute(
        command("wasm-bindgen")
            .args(["--target=web", "--no-typescript", "--keep-lld-exports"])
            .arg(format!("--out-dir={}", work.join("bindgen").display()))
            .arg(format!("--out-name={base}"))
            .arg(work.join("main.wasm")),
    )
}

/// `wasm-opt -Oz` in place (binaryen 132 from npm, the version Trunk.toml pins).
fn optimise(module: &Path) -> Result<(), String> {
    execute(
        command("wasm-opt")
            .arg("-Oz")
            .arg("--output")
            .arg(module)
            .arg(module),
    )
}

/// Minifies a JS file in place (esbuild, from npm; Trunk 0.21's own minifier cannot parse
/// wasm-bindgen 0.2.130's glue). Names a module exports or imports and the wasm's import keys are
/// kept: esbuild renames only local bindings. Measured: the glue 75 KB to 34 KB raw, 9.5 to
/// 7.7 KB brotli (BENCHMARKS.md, size levers).
pub fn minify(script: &Path) -> Result<(), String> {
    execute(
        command("esbuild")
            .arg(script)
            .args([
                "--minify",
                "--format=esm",
                "--log-level=error",
                "--allow-overwrite",
            ])
            .arg(format!("--outfile={}", script.display())),
    )
}

/// Copies the chunks into `staging` under content-hashed names, and the loader, rewritten to ask
/// for those names, under its own content-hashed name, which is returned (`None` when the build has
/// no split point and so no loader).
fn place_chunks(
    chunks: &[PathBuf],
    loader: &Path,
    staging: &Path,
    optimised: bool,
) -> Result<Option<String>, String> {
    if chunks.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = chunks.iter().map(|chunk| file_name(chunk)).collect();
    let mut loader_js = crate::compile_ahead::rewrite(&read_text(loader)?, &names)?;
    for chunk in chunks {
        let bytes = std::fs::read(chunk).map_err(|e| format!("{}: {e}", chunk.display()))?;
        let old_name = file_name(chunk);
        let new_name = chunk_name(&old_name, &bytes);
        let reference = format!("\"./{old_name}\"");
        if !loader_js.contains(&reference) {
            return Err(format!("the chunk loader does not ask for {old_name}"));
        }
        loader_js = loader_js.replace(&reference, &format!("\"./{new_name}\""));
        write(&staging.join(&new_name), &bytes)?;
    }
    if optimised {
        write(loader, loader_js.as_bytes())?;
        minify(loader)?;
        loader_js = read_text(loader)?;
    }
    let loader_name = format!("inkuru-split-{}.js", content_hash(loader_js.as_bytes()));
    write(&staging.join(&loader_name), loader_js.as_bytes())?;
    Ok(Some(loader_name))
}

/// The first module's JS with its `import … from "./__wasm_split.js"` lines (one per split point)
/// pointed at the loader's hashed name. Only the imports: the wasm still names its imports `./__wasm_split.js`, and so
/// must the object the JS hands it.
fn point_at_loader(js: &str, loader_name: &str) -> Result<String, String> {
    let import = format!("from \"{LOADER_LINK_NAME}\"");
    if !js.contains(&import) {
        return Err(format!(
            "wasm-bindgen's JS does not import {LOADER_LINK_NAME}"
        ));
    }
    Ok(js.replace(&import, &format!("from \"./{loader_name}\"")))
}

/// `split_article_page.wasm` → `inkuru-article_page-<hash of the bytes>.wasm` (and a chunk of
/// code several split points share, `chunk_0.wasm`, → `inkuru-chunk_0-<hash>.wasm`): the split
/// point's name for people reading the network panel, and a 16-digit hash the server recognises
/// as immutable.
fn chunk_name(old_name: &str, bytes: &[u8]) -> String {
    let stem = old_name.trim_end_matches(".wasm");
    let label = stem.strip_prefix("split_").unwrap_or(stem);
    let label: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("inkuru-{label}-{}.wasm", content_hash(bytes))
}

/// FNV-1a, 64 bits, as 16 hex digits: the same bytes give the same name on every machine.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_named_by_split_point_and_content() {
        let one = chunk_name("split_article_page.wasm", b"one");
        assert!(one.starts_with("inkuru-article_page-"), "{one}");
        assert!(one.ends_with(".wasm"));
        assert_ne!(one, chunk_name("split_article_page.wasm", b"two"));
        assert!(chunk_name("chunk_0.wasm", b"x").starts_with("inkuru-chunk_0-"));
    }

    #[test]
    fn only_the_import_of_the_loader_is_renamed() {
        let js = "import * as import1 from \"./__wasm_split.js\"\nimport * as import2 from \"./__wasm_split.js\"\nimports = { \"./__wasm_split.js\": import1 };";
        let pointed = point_at_loader(js, "inkuru-split-0123456789abcdef.js").unwrap();
        assert!(pointed.starts_with("import * as import1 from \"./inkuru-split-0123456789abcdef.js\"\nimport * as import2 from \"./inkuru-split-0123456789abcdef.js\""));
        assert!(pointed.contains("{ \"./__wasm_split.js\": import1 }"));
        assert!(point_at_loader("no import", "x.js").is_err());
    }

    #[test]
    fn the_server_treats_chunk_names_as_immutable() {
        // The same rule as server/src/spa.rs: a `-` then 16 hex digits before the extension.
        let name = chunk_name("split_share_1.wasm", b"x");
        let stem = name.trim_end_matches(".wasm");
        let (_, hash) = stem.rsplit_once('-').unwrap();
        assert_eq!(hash.len(), 16);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
