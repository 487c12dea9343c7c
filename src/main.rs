//! Entry point of the SPA: install the panic hook and mount the app. Nothing else.

fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a static shell inside #app before the wasm arrives; the app replaces it.
    let shell = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok());
    match shell {
        Some(shell) => {
            shell.set_inner_html("");
            leptos::mount::mount_to(shell, inkuru::App).forget();
        }
        None => leptos::mount::mount_to_body(inkuru::App),
    }
}
