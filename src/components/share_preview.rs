//! The page's share-preview tags (canonical URL, Open Graph, Twitter Card), kept right by
//! leptos_meta as the reader moves through the app. Crawlers never run the app: the server writes
//! the same tags into the HTML it serves (`server/src/previews.rs`), marked `data-server-meta`;
//! the app removes those when it starts and keeps its own from then on, so the head never holds
//! two sets or a previous page's.

use inkuru_api::Image;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};

/// The site's own origin (`https://news.example`), for the absolute URLs previews need.
fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// Removes the tags the server wrote for the page the app started on.
pub fn retire_server_meta() {
    if let Ok(tags) = document().query_selector_all("[data-server-meta]") {
        for i in 0..tags.length() {
            if let Some(tag) = tags.item(i) {
                if let Some(parent) = tag.parent_node() {
                    let _ = parent.remove_child(&tag);
                }
            }
        }
    }
}

/// The preview tags for the page on screen.
#[component]
pub fn SharePreview(
    /// The page's own title (without the site's name).
    #[prop(into)]
    title: String,
    #[prop(into)] description: String,
    /// The page's path on this site, query included (`/articles/…`, `/news?page=2`).
    #[prop(into)]
    path: String,
    /// The picture a preview card shows, if the page has one.
    #[prop(default = None)]
    image: Option<Image>,
    /// `article` or `website`.
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    let origin = origin();
    let url = format!("{origin}{path}");
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let picture = image.map(|image| {
        let src = format!("{origin}{}", image.src);
        view! {
            <Meta property="og:image" content=src.clone()/>
            <Meta property="og:image:alt" content=image.alt.clone()/>
            <Meta name="twitter:image" content=src/>
        }
    });
    view! {
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:type" content=kind/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=url/>
        <Meta name="twitter:card" content=card/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        {picture}
    }
}
