//! Writes the build's precache list into the service worker (`dist/sw.js`, from `public/sw.js`):
//! every file the app needs offline, by its exact (hashed) name, and a VERSION derived from their
//! contents, so a new build is a new worker and the list is never maintained by hand.

use std::path::{Path, PathBuf};

/// Placeholders in `public/sw.js` this step fills in.
const VERSION_LINE: &str = "const VERSION = 'dev';";
const PRECACHE_LINE: &str = "const PRECACHE = [];";

/// Whether a built file belongs in the precache: the app's files, its icons, manifest and offline
/// page; not the shell (pages are fetched fresh), the worker itself, compressed copies, the
/// partner widgets' files (they run on partners' pages and in frames, never in the app), or the
/// editors' desk (its chunk and styles: readers never need them, and the desk needs the network).
fn precached(name: &str) -> bool {
    let wanted = [
        ".js",
        ".wasm",
        ".css",
        ".svg",
        ".png",
        ".webmanifest",
        ".html",
    ]
    .iter()
    .any(|ext| name.ends_with(ext));
    wanted
        && !matches!(
            name,
            "index.html"
                | "sw.js"
                | "sw-register.js"
                | "widgets.js"
                | "widget-frame.js"
                | "widget-frame.css"
                | "desk.css"
        )
        && !crate::compile_ahead::on_demand_only(name)
}

/// Files under `dir`, one level of folders deep (`icons/…`), as site paths, sorted.
fn built_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut files = Vec::new();
    let read =
        |path: &Path| std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()));
    for entry in read(dir)?.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && name == crate::comments_frame::FOLDER {
            continue;
        } else if path.is_dir() {
            for inner in read(&path)?.flatten() {
                let inner_name = inner.file_name().to_string_lossy().into_owned();
                if inner.path().is_file() && precached(&inner_name) {
                    files.push((format!("/{name}/{inner_name}"), inner.path()));
                }
            }
        } else if precached(&name) {
            files.push((format!("/{name}"), path));
        }
    }
    files.sort();
    Ok(files)
}

/// FNV-1a over the files' names and bytes: the same build gives the same version everywhere.
fn version_of(files: &[(String, Vec<u8>)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, bytes) in files {
        for byte in name.bytes().chain(bytes.iter().copied()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// `source` with the placeholders filled in.
fn fill(source: &str, version: &str, paths: &[String]) -> Result<String, String> {
    if !source.contains(VERSION_LINE) || !source.contains(PRECACHE_LINE) {
        return Err(format!(
            "sw.js must contain `{VERSION_LINE}` and `{PRECACHE_LINE}` for the build to fill in"
        ));
    }
    let list = serde_json::to_string(paths).map_err(|e| e.to_string())?;
    Ok(source
        .replace(VERSION_LINE, &format!("const VERSION = '{version}';"))
        .replace(PRECACHE_LINE, &format!("const PRECACHE = {list};")))
}

/// Fills in `dir/sw.js` for the files built into `dir`.
pub fn run(dir: &Path) -> Result<(), String> {
    let worker = dir.join("sw.js");
    let source =
        std::fs::read_to_string(&worker).map_err(|e| format!("{}: {e}", worker.display()))?;
    let mut contents = Vec::new();
    for (site_path, file) in built_files(dir)? {
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        contents.push((site_path, bytes));
    }
    let paths: Vec<String> = contents.iter().map(|(path, _)| path.clone()).collect();
    let filled = fill(&source, &version_of(&contents), &paths)?;
    std::fs::write(&worker, filled).map_err(|e| format!("{}: {e}", worker.display()))?;
    println!("service worker: {} files precached", paths.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_files_are_precached_and_the_shell_is_not() {
        for name in [
            "inkuru-0123456789abcdef_bg.wasm",
            "inkuru-0123456789abcdef.js",
            "offline.html",
            "manifest.webmanifest",
            "icon-192.png",
        ] {
            assert!(precached(name), "{name}");
        }
        for name in [
            "index.html",
            "sw.js",
            "inkuru-0123456789abcdef_bg.wasm.br",
            "robots.txt",
            "x.js.gz",
            "widgets.js",
            "widget-frame.css",
            "desk.css",
            "inkuru-desk_page-0123456789abcdef.wasm",
        ] {
            assert!(!precached(name), "{name}");
        }
    }

    #[test]
    fn the_list_and_version_are_written_in() {
        let source = "const VERSION = 'dev';\nconst PRECACHE = [];\nuse(PRECACHE);";
        let filled = fill(source, "abc", &["/a.js".into(), "/icons/b.png".into()]).unwrap();
        assert_eq!(filled, "const VERSION = 'abc';\nconst PRECACHE = [\"/a.js\",\"/icons/b.png\"];\nuse(PRECACHE);");
        assert!(fill("no placeholders", "abc", &[]).is_err());
    }

    #[test]
    fn a_changed_file_is_a_new_version() {
        let one = version_of(&[("/a.js".into(), b"one".to_vec())]);
        let two = version_of(&[("/a.js".into(), b"two".to_vec())]);
        assert_ne!(one, two);
        assert_eq!(one, version_of(&[("/a.js".into(), b"one".to_vec())]));
    }
}
