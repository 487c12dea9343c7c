//! "Not found": for unknown URLs, and for articles or sections that do not exist.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::navigation::PageShown;

/// The body of a not-found page, with a way back.
#[component]
pub fn NotFound(
    /// What was not found, in a sentence.
    #[prop(into, default = "There is no page at this address.".into())]
    message: String,
) -> impl IntoView {
    view! {
        <Title text="Page not found"/>
        <PageShown label="Page not found"/>
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>{message}</p>
            <p>"It may have moved, or the link may be mistyped."</p>
            <p><a class="button" href="/">"Go to the front page"</a></p>
        </section>
    }
}

/// The router's fallback.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    // Server-written content belongs to another page (see crate::prerender).
    crate::prerender::discard();
    view! { <NotFound/> }
}
