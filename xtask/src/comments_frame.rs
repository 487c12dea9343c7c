//! `cargo xtask post-build`, the comments frame: builds the app's second program
//! (src/bin/inkuru-comments.rs, a partner's comments widget) next to the site's, and stages it in
//! `comments-frame/` as one script and one wasm, both named by a hash of their content.
//!
//! Why a program of its own: in the site's build the comments frame loaded the site's first module
//! (router, header, every page's shared code) before the comments; on its own it carries the
//! comments and Leptos only (sizes: BENCHMARKS.md, budget: xtask/src/sizes.rs). It is built with
//! exactly the settings Trunk's cargo run had (Trunk.toml's hook hands them over), so cargo reuses
//! every dependency Trunk compiled and only the app's crate is compiled again, without the `split`
//! feature: the site's split points are not in this program, so nothing here is fetched later.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{command, execute, root};
use crate::split::content_hash;

/// The folder of the staged build the frame's files go into (the server looks there, and the
/// service worker's precache list leaves it out: a partner's frame is not the site).
pub const FOLDER: &str = inkuru_api::widgets::COMMENTS_PROGRAM_FOLDER;

/// The program's name (`[[bin]]`, from src/bin/).
const PROGRAM: &str = "inkuru-comments";

/// The environment Trunk's cargo run had for the wasm, handed over by Trunk.toml's hook under
/// these names (the hook clears the originals so its own `cargo xtask` is not rebuilt with them).
const HANDED_OVER: [(&str, &str); 3] = [
    ("INKURU_WASM_RUSTC_BOOTSTRAP", "RUSTC_BOOTSTRAP"),
    ("INKURU_WASM_BUILD_STD", "CARGO_UNSTABLE_BUILD_STD"),
    (
        "INKURU_WASM_RUSTFLAGS",
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
    ),
];

pub fn run(staging: &Path, release: bool, optimised: bool) -> Result<(), String> {
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let profile_dir = if release { "wasm-release" } else { "debug" };
    let work = target_dir.join("comments-frame").join(profile_dir);
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;

    execute(&mut cargo_build(release))?;
    let cargo_wasm = target_dir
        .join("wasm32-unknown-unknown")
        .join(profile_dir)
        .join(format!("{PROGRAM}.wasm"));
    let lean = work.join(format!("{PROGRAM}.wasm"));
    let bytes = std::fs::read(&cargo_wasm).map_err(|e| format!("{}: {e}", cargo_wasm.display()))?;
    write(&lean, &without_link_sections(&bytes)?)?;
    execute(
        command("wasm-bindgen")
            .args(["--target=web", "--no-typescript"])
            .arg(format!("--out-dir={}", work.display()))
            .arg(&lean),
    )?;
    let wasm = work.join(format!("{PROGRAM}_bg.wasm"));
    if optimised {
        execute(
            command("wasm-opt")
                .arg("-Oz")
                .arg("--output")
                .arg(&wasm)
                .arg(&wasm),
        )?;
    }
    stage(staging, &work, &wasm, optimised)
}

/// `cargo build` of the program, as Trunk built the site's (same target, profile and settings).
fn cargo_build(release: bool) -> Command {
    let mut cargo = command("cargo");
    cargo.args(["build", "--target=wasm32-unknown-unknown", "--bin", PROGRAM]);
    if release {
        cargo.arg("--profile=wasm-release");
    }
    for (handed_over, name) in HANDED_OVER {
        // The hook hands over an empty value for a setting Trunk's run did not have.
        if let Some(value) = std::env::var_os(handed_over).filter(|value| !value.is_empty()) {
            cargo.env(name, value);
        }
    }
    cargo
}

/// Copies the wasm under a content-hashed name, and writes the script that starts it: the
/// wasm-bindgen glue and the start call bundled into one module (esbuild), also content-hashed.
fn stage(staging: &Path, work: &Path, wasm: &Path, optimised: bool) -> Result<(), String> {
    let folder = staging.join(FOLDER);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let wasm_bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let wasm_name = format!("{PROGRAM}-{}.wasm", content_hash(&wasm_bytes));
    write(&folder.join(&wasm_name), &wasm_bytes)?;

    let entry = work.join("start.js");
    write(&entry, start_script(&wasm_name).as_bytes())?;
    let bundle = work.join("bundle.js");
    let mut esbuild = command("esbuild");
    esbuild
        .arg(&entry)
        .args(["--bundle", "--format=esm", "--log-level=error"])
        .arg(format!("--outfile={}", bundle.display()));
    if optimised {
        esbuild.arg("--minify");
    }
    execute(&mut esbuild)?;
    let script = std::fs::read(&bundle).map_err(|e| format!("{}: {e}", bundle.display()))?;
    let script_name = format!("{PROGRAM}-{}.js", content_hash(&script));
    write(&folder.join(&script_name), &script)?;
    println!("comments frame: {FOLDER}/{script_name}, {FOLDER}/{wasm_name}");
    Ok(())
}

/// The frame's entry module: wasm-bindgen's glue, started on the wasm next to the script.
fn start_script(wasm_name: &str) -> String {
    format!(
        "import start from './{PROGRAM}.js';\n\
         start({{ module_or_path: new URL('./{wasm_name}', import.meta.url) }})\n\
         \x20 .catch((error) => console.error('Inkuru comments could not start:', error));\n"
    )
}

/// The module without the linker's relocation sections (`linking`, `reloc.*`): the site's build
/// needs them to split its wasm (`-Clink-args=--emit-relocs`), this one is not split, and they
/// would otherwise ride along into the browser (1.2 MB).
fn without_link_sections(module: &[u8]) -> Result<Vec<u8>, String> {
    const HEADER: usize = 8;
    if module.len() < HEADER || &module[..4] != b"\0asm" {
        return Err("the comments program's wasm is not a wasm module".to_owned());
    }
    let mut kept = module[..HEADER].to_vec();
    let mut at = HEADER;
    while at < module.len() {
        let start = at;
        let id = module[at];
        let (size, body) = leb128(module, at + 1)?;
        let end = body
            .checked_add(size)
            .filter(|end| *end <= module.len())
            .ok_or("a section of the comments program's wasm runs past its end")?;
        if !(id == 0 && is_link_section(custom_section_name(&module[body..end])?)) {
            kept.extend_from_slice(&module[start..end]);
        }
        at = end;
    }
    Ok(kept)
}

fn is_link_section(name: &str) -> bool {
    name == "linking" || name.starts_with("reloc.")
}

/// The name a custom section's body starts with.
fn custom_section_name(body: &[u8]) -> Result<&str, String> {
    let (length, start) = leb128(body, 0)?;
    body.get(start..start + length)
        .and_then(|name| std::str::from_utf8(name).ok())
        .ok_or_else(|| "a custom section of the comments program's wasm has no name".to_owned())
}

/// An unsigned LEB128 number at `at`: its value and where what follows it starts.
fn leb128(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let mut value = 0_usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes
            .get(at)
            .ok_or("the comments program's wasm ends inside a number")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    Err("the comments program's wasm has a number too long for a section size".to_owned())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A custom section named `name` holding `content`.
    fn custom(name: &str, content: &[u8]) -> Vec<u8> {
        let mut body = vec![u8::try_from(name.len()).unwrap()];
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(content);
        let mut section = vec![0, u8::try_from(body.len()).unwrap()];
        section.extend(body);
        section
    }

    #[test]
    fn only_the_linkers_sections_are_left_out() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = vec![1, 1, 0];
        let module = [
            header.clone(),
            types.clone(),
            custom("linking", &[2, 3]),
            custom("reloc.CODE", &[4]),
            custom("__wasm_bindgen_unstable", &[5, 6]),
        ]
        .concat();
        let kept = without_link_sections(&module).unwrap();
        assert_eq!(
            kept,
            [header, types, custom("__wasm_bindgen_unstable", &[5, 6])].concat()
        );
    }

    #[test]
    fn a_broken_module_is_an_error_not_a_panic() {
        assert!(without_link_sections(b"not wasm").is_err());
        assert!(without_link_sections(b"\0asm\x01\0\0\0\x01\x7f").is_err());
        assert!(without_link_sections(b"\0asm\x01\0\0\0\x01\x05\0").is_err());
    }

    #[test]
    fn the_start_script_asks_for_the_hashed_wasm_beside_it() {
        let script = start_script("inkuru-comments-0123456789abcdef.wasm");
        assert!(
            script.contains("new URL('./inkuru-comments-0123456789abcdef.wasm', import.meta.url)")
        );
        assert!(script.starts_with("import start from './inkuru-comments.js';"));
    }
}
