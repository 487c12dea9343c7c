//! The wrapper around a page the server wrote: it names the URL the content belongs to, so the
//! app knows whether the content on screen is the page it is about to show (`crate::prerender`).

use leptos::prelude::*;

/// The id the app looks for.
pub const ID: &str = "prerendered";

/// `children`, marked as the server-written content of the page at `path` (path and query).
#[component]
pub fn Prerendered(#[prop(into)] path: String, children: Children) -> impl IntoView {
    view! { <div id=ID data-path=path>{children()}</div> }
}
