//! Starting page chunks before the reader asks for them, so moving to another page never waits
//! for code: the page a link leads to is fetched and started as soon as the pointer rests on the
//! link (a finger's touch included) or it gets keyboard focus. A preload draws nothing; one that
//! fails is fetched again when it is needed.
//!
//! Once the browser is idle, the chunk loader compiles every chunk ahead, off the main thread
//! (xtask/src/compile_ahead.rs), and the service worker keeps their bytes for offline use, so an
//! intent only has to start what is already compiled. Chunks are not *started* while idle: each
//! start runs on the main thread, and starting the likely pages at start-up added 130–260 ms of
//! blocking time to the article page (BENCHMARKS.md).

use std::future::Future;
use std::pin::Pin;

use inkuru_api::paths::{page_kind, PageKind};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::{closure::Closure, JsCast};
use leptos::wasm_split::SplitLoaderError;

use super::split_points as chunk;

/// Fetching a page's chunk, however the page is called.
type Preload = Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>;

/// The preload of the chunk that draws pages of `kind` (the routes in src/app.rs).
fn preload_of(kind: PageKind<'_>) -> Preload {
    match kind {
        PageKind::Article(_) => Box::pin(chunk::preload_article_page()),
        PageKind::Search => Box::pin(chunk::preload_search_page()),
        PageKind::Saved => Box::pin(chunk::preload_saved_page()),
        PageKind::Desk => Box::pin(chunk::preload_desk_page()),
        PageKind::Front => Box::pin(chunk::preload_home_page()),
        PageKind::Section(_) => Box::pin(chunk::preload_section_page()),
    }
}

/// The chunk of the page at a same-site `path` (the contract's one rule for which page a path
/// shows, `inkuru_api::paths::page_kind`).
fn preload_page_at(path: &str) {
    let preload = preload_of(page_kind(path));
    spawn_local(async move {
        let _ = preload.await;
    });
}

/// The same-site path a hovered or focused element links to, if it is an app link.
fn link_path(event: &web_sys::Event) -> Option<String> {
    let link = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let same_site = link.origin() == window().location().origin().ok()?;
    (same_site && link.target().is_empty()).then(|| link.pathname())
}

/// Starts prefetching: links on hover, touch and focus from now on. Call once.
pub fn start() {
    let on_intent = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        if let Some(path) = link_path(&event) {
            preload_page_at(&path);
        }
    });
    for kind in ["pointerover", "focusin"] {
        let _ =
            document().add_event_listener_with_callback(kind, on_intent.as_ref().unchecked_ref());
    }
    on_intent.forget();
}
