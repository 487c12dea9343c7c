//! Entry point of the SPA: install the panic hook and mount the app. Nothing else.

fn main() {
    // With immediate-abort panics (the release wasm, see xtask/src/serve.rs) a panic traps before
    // any hook runs, so the hook, and the formatting code it pulls in, only exists where it can speak.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    // The app goes into index.html's <main>, after anything the server wrote there (see
    // inkuru::prerender); header and footer find their own slots.
    let main = leptos::prelude::document()
        .get_element_by_id("main")
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok());
    match main {
        Some(main) => leptos::mount::mount_to(main, inkuru::App).forget(),
        None => leptos::mount::mount_to_body(inkuru::App),
    }
}
