//! Rewrites the chunk loader that wasm_split_cli_support writes so that compiling a chunk and
//! starting it are two steps. The loader as written fetches and instantiates a chunk in one call
//! (`WebAssembly.instantiateStreaming`), so getting a chunk ready ahead of time meant starting it
//! on the main thread, which showed up as Total Blocking Time (BENCHMARKS.md). Compiling
//! (`WebAssembly.compileStreaming`) runs off the main thread: the rewritten loader compiles every
//! chunk ahead once the page is idle, and a chunk is only instantiated when
//! the app calls for it (a page on navigation or on a link's hover, focus or touch). A compile
//! that fails (offline, or a deploy removed the file) is forgotten, so the next call fetches again
//! and the app's reload-on-missing-chunk still sees the failure.

/// How wasm_split_cli_support 0.2 fetches and starts one chunk, around the chunk's file name.
const FETCH_BEFORE: &str = "const src = fetch(new URL(\"";
const FETCH_AFTER: &str = "\", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));";

/// What stands in its place: the compiled module (shared with compiling ahead), then instantiated.
const COMPILED_BEFORE: &str = "const src = __inkuruCompiled(\"";
const COMPILED_AFTER: &str = "\");\n    return async (imports) => {\n        const module = await src;\n        return { module, instance: await WebAssembly.instantiate(module, imports) };\n    };";

/// Defined once at the top of the loader; `CHUNKS` is the list of every chunk's file.
const PRELUDE: &str = r#"
// Compiling and starting a chunk are apart (xtask/src/compile_ahead.rs): compiling runs off the
// main thread, so every chunk is compiled ahead once the page is idle; starting waits for the app.
const __inkuruModules = new Map();
function __inkuruCompiled(path) {
    let compiled = __inkuruModules.get(path);
    if (compiled === undefined) {
        compiled = WebAssembly.compileStreaming(fetch(new URL(path, import.meta.url)));
        compiled.catch(() => { if (__inkuruModules.get(path) === compiled) __inkuruModules.delete(path); });
        __inkuruModules.set(path, compiled);
    }
    return compiled;
}
const __inkuruChunks = CHUNKS;
// All at once, in one idle period: a service worker update waits until no fetch of the page's is
// in flight, and a trickle of one fetch per idle period kept "Update available" from applying.
function __inkuruCompileAhead() {
    for (const path of __inkuruChunks) __inkuruCompiled(path).catch(() => {});
}
if (typeof requestIdleCallback === "function") requestIdleCallback(__inkuruCompileAhead, { timeout: 5000 });
else setTimeout(__inkuruCompileAhead, 3000);
"#;

/// Split points whose chunks few visitors ever need (the editors' desk, `src/lazy/split_points.rs`):
/// fetched only when called, never compiled ahead nor precached by the service worker, so no
/// reader downloads them.
pub const ON_DEMAND_ONLY: &[&str] = &["desk_page"];

/// Whether the chunk file `name` (`split_desk_page.wasm` as split, `inkuru-desk_page-<hash>.wasm`
/// as built) is of a split point in `ON_DEMAND_ONLY`.
pub fn on_demand_only(name: &str) -> bool {
    let label = match crate::sizes::wasm_part(name) {
        Some(crate::sizes::WasmPart::Chunk(label)) => label,
        _ => match name
            .strip_prefix("split_")
            .and_then(|n| n.strip_suffix(".wasm"))
        {
            Some(label) => label.to_owned(),
            None => return false,
        },
    };
    ON_DEMAND_ONLY.contains(&label.as_str())
}

/// The loader `js` rewritten as above; `chunks` are the files it loads (`chunk_9.wasm`, …). Fails
/// when the loader does not read as expected (another version of the splitter), rather than
/// shipping a loader half rewritten.
pub fn rewrite(js: &str, chunks: &[String]) -> Result<String, String> {
    let mut rewritten = js.to_owned();
    for chunk in chunks {
        let fetch = format!("{FETCH_BEFORE}./{chunk}{FETCH_AFTER}");
        if rewritten.matches(&fetch).count() != 1 {
            return Err(format!(
                "the chunk loader does not fetch {chunk} as wasm_split_cli_support 0.2 writes it; \
                 xtask/src/compile_ahead.rs needs updating for this splitter"
            ));
        }
        rewritten = rewritten.replace(
            &fetch,
            &format!("{COMPILED_BEFORE}./{chunk}{COMPILED_AFTER}"),
        );
    }
    if rewritten.contains("instantiateStreaming") {
        return Err("the chunk loader instantiates a chunk this rewrite does not know".into());
    }
    let list = chunks
        .iter()
        .filter(|chunk| !on_demand_only(chunk))
        .map(|chunk| format!("\"./{chunk}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let prelude = PRELUDE.replace("CHUNKS", &format!("[{list}]"));
    // After the loader's import of the first module's JS (imports come first in a module).
    let after_imports = rewritten.find('\n').map_or(0, |at| at + 1);
    rewritten.insert_str(after_imports, &prelude);
    Ok(rewritten)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loader(chunks: &[&str]) -> String {
        let mut js =
            "import { initSync } from \"./inkuru-0123.js\";\nfunction makeLoad() {}\n".to_owned();
        for chunk in chunks {
            js.push_str(&format!(
                "const c = makeLoad(() => {{\n    {FETCH_BEFORE}./{chunk}{FETCH_AFTER}\n}}, []);\n"
            ));
        }
        js
    }

    #[test]
    fn every_chunk_is_compiled_by_one_helper_and_listed_for_compiling_ahead() {
        let chunks = ["chunk_1.wasm".to_owned(), "split_home.wasm".to_owned()];
        let js = rewrite(&loader(&["chunk_1.wasm", "split_home.wasm"]), &chunks).unwrap();
        assert!(!js.contains("instantiateStreaming"), "{js}");
        assert_eq!(
            js.matches("__inkuruCompiled(\"./chunk_1.wasm\")").count(),
            1,
            "{js}"
        );
        assert!(
            js.contains("const __inkuruChunks = [\"./chunk_1.wasm\", \"./split_home.wasm\"];"),
            "{js}"
        );
        assert!(
            js.starts_with("import { initSync } from \"./inkuru-0123.js\";\n\n// Compiling"),
            "{js}"
        );
    }

    #[test]
    fn the_desk_is_not_compiled_ahead_for_readers() {
        let chunks = ["chunk_1.wasm".to_owned(), "split_desk_page.wasm".to_owned()];
        let js = rewrite(&loader(&["chunk_1.wasm", "split_desk_page.wasm"]), &chunks).unwrap();
        assert!(
            js.contains("const __inkuruChunks = [\"./chunk_1.wasm\"];"),
            "{js}"
        );
        assert_eq!(
            js.matches("__inkuruCompiled(\"./split_desk_page.wasm\")")
                .count(),
            1
        );
        assert!(!on_demand_only("desk_page.wasm"));
        assert!(on_demand_only("inkuru-desk_page-0123456789abcdef.wasm"));
        assert!(!on_demand_only("inkuru-article_page-0123456789abcdef.wasm"));
        assert!(!on_demand_only("inkuru-0123456789abcdef_bg.wasm"));
    }

    #[test]
    fn a_loader_of_another_shape_is_refused() {
        let chunks = ["chunk_1.wasm".to_owned()];
        assert!(rewrite(
            "import x from \"./a.js\";\nWebAssembly.instantiateStreaming(f, i);\n",
            &chunks
        )
        .is_err());
        let two = loader(&["chunk_1.wasm", "chunk_2.wasm"]);
        assert!(
            rewrite(&two, &chunks).is_err(),
            "an unknown instantiate must not pass"
        );
    }
}
