//! Part of Trunk's post-build hook: next to each built wasm, JS, CSS and SVG file, a brotli
//! (`.br`, quality 11) and a gzip (`.gz`, level 9) copy, which the server sends to browsers that
//! accept them (`ServeDir::precompressed_br`). Compressing once at build time at the highest
//! quality makes the wasm ≈ 20% smaller on the wire than compressing each response on the fly.

use std::path::Path;

use crate::process::{command, execute};

const EXTENSIONS: &[&str] = &["wasm", "js", "css", "svg"];

pub fn run(dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        // Folders of the build (the comments frame's program, xtask/src/comments_frame.rs).
        if path.is_dir() {
            run(&path)?;
            continue;
        }
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if !path.is_file() || !wanted {
            continue;
        }
        compress(&path)?;
    }
    Ok(())
}

/// Writes `path.br` and `path.gz` next to `path`.
fn compress(path: &Path) -> Result<(), String> {
    let name = path.to_string_lossy().into_owned();
    execute(
        command("brotli")
            .args(["--force", "-q", "11", "-o"])
            .arg(format!("{name}.br"))
            .arg(path),
    )?;
    // -n: no name or time in the header, so the same input always gives the same bytes.
    execute(
        command("sh")
            .arg("-c")
            .arg("gzip -9 -n -c \"$1\" > \"$1.gz\"")
            .arg("sh")
            .arg(path),
    )
}
