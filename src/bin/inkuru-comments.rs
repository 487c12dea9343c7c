//! The comments widget's frame (`/embed/comments/{slug}`, issue 14) as a program of its own: the
//! app's `CommentsEmbed` and what it reaches, without the site's router, pages and chrome, so a
//! partner's reader downloads the comments and nothing else (budget in xtask/src/sizes.rs). The
//! server writes the frame's document around it (server/src/widgets/comments.rs); the build makes
//! it next to the app (xtask/src/comments_frame.rs).

fn main() {
    // As in src/main.rs: with immediate-abort panics there is nobody to print a message.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    // The server writes this document only for an address with a well-formed slug, and says why
    // in the frame otherwise: an address without one has nothing to start here.
    let Some(slug) = inkuru::embed::framed_article() else {
        leptos::logging::error!("Inkuru's comments frame: no article in this address");
        return;
    };
    let main = leptos::prelude::document()
        .query_selector("main")
        .ok()
        .flatten()
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok());
    match main {
        Some(main) => leptos::mount::mount_to(main, move || {
            inkuru::embed::CommentsEmbed(inkuru::embed::CommentsEmbedProps { slug })
        })
        .forget(),
        None => leptos::logging::error!("Inkuru's comments frame: its document has no <main>"),
    }
}
