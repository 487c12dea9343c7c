//! Collects the `style!` blocks of every component into target/stylers.css (inlined into dist/index.html by
//! the Trunk post_build hook), and sizes the release wasm's stack.

/// The release wasm's stack, in bytes. The linker's default is 1 MiB, all of it memory a reader's
/// device holds for as long as the page is open; the journeys with the deepest calls use about
/// 14 KB of it (tests/e2e/stack.spec.mjs measures that, and fails if it reaches half of this).
/// Debug builds, whose frames are far larger, keep the default.
const RELEASE_WASM_STACK_BYTES: u32 = 128 * 1024;

fn main() {
    // Without this, cargo re-runs the build script (and re-links the wasm) whenever any file in the
    // package changes, Trunk's own dist/ included.
    println!("cargo:rerun-if-changed=src");
    stylers::build(Some(String::from("./target/stylers.css")));
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    // PROFILE is "release" for every profile that inherits from release (wasm-release does).
    if wasm && std::env::var("PROFILE").as_deref() == Ok("release") {
        // Only the app (the binary): the wasm tests keep the default.
        println!("cargo:rustc-link-arg-bins=-zstack-size={RELEASE_WASM_STACK_BYTES}");
    }
}
