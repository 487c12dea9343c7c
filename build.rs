//! Collects the `style!` blocks of every component into target/stylers.css (inlined into dist/index.html by
//! the Trunk post_build hook).

fn main() {
    // Without this, cargo re-runs the build script (and re-links the wasm) whenever any file in the
    // package changes, Trunk's own dist/ included.
    println!("cargo:rerun-if-changed=src");
    stylers::build(Some(String::from("./target/stylers.css")));
}
