//! The wrapper around a page the server wrote: it names the URL the content belongs to, so the
//! app knows whether the content on screen is the page it is about to show (`crate::prerender`),
//! and tells the start script (Trunk.toml's `pattern_script`) when the app is needed on it.

use leptos::prelude::*;

/// The id the app looks for.
pub const ID: &str = "prerendered";

/// `children`, marked as the server-written content of the page at `path` (path and query).
///
/// On such a page the app starts at the reader's first move, with two exceptions the start script
/// reads from here: at once when the browser holds one of the `data-start-now` storage keys (a
/// comment in the outbox, which is sent from any page, or a draft of this article's, whose
/// comments then show at once), and as the end of the page nears the screen when
/// `data-start-near` is set (an article: its comments are drawn by the app).
#[component]
pub fn Prerendered(
    #[prop(into)] path: String,
    /// Storage keys of this page's own that start the app at once (the outbox's always does).
    #[prop(optional)]
    start_now: Vec<String>,
    /// Whether something the app draws follows the content, so it starts as the end nears.
    #[prop(optional)]
    start_near: bool,
    children: Children,
) -> impl IntoView {
    let start_now = std::iter::once(crate::outbox::KEY.to_owned())
        .chain(start_now)
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div id=ID data-path=path data-start-now=start_now data-start-near=start_near.then_some("")>
            {children()}
        </div>
    }
}
