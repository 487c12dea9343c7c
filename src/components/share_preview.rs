//! The page's share-preview tags: canonical URL, Open Graph and Twitter Card, with the picture and
//! its size. The server writes them into the HTML it serves (crawlers run no app) and the app
//! keeps them right as the reader moves, both through leptos_meta and this one component, so the
//! two can never say different things.

use inkuru_api::Image;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};

/// Where the site is (`https://news.example`), for the absolute URLs previews need: the app reads
/// it from the browser's location, the server from the request. Without it (a request whose Host
/// cannot be trusted) no preview is written: a preview with a wrong address is worse than none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteOrigin(pub String);

impl SiteOrigin {
    /// `path` (starting with `/`) as an absolute URL on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// Where the app runs (the browser's origin).
pub fn browser_origin() -> SiteOrigin {
    SiteOrigin(window().location().origin().unwrap_or_default())
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
    /// The site's name (`og:site_name`).
    #[prop(into)]
    site_name: String,
    /// The picture a preview card shows, if the page has one.
    #[prop(default = None)]
    image: Option<Image>,
    /// `article` or `website`.
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    let origin = use_context::<SiteOrigin>()?;
    let url = origin.url(&path);
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let picture = image.map(|image| {
        let src = origin.url(&image.src);
        view! {
            <Meta property="og:image" content=src.clone()/>
            <Meta property="og:image:width" content=image.width.to_string()/>
            <Meta property="og:image:height" content=image.height.to_string()/>
            <Meta property="og:image:alt" content=image.alt.clone()/>
            <Meta name="twitter:image" content=src/>
            <Meta name="twitter:image:alt" content=image.alt/>
        }
    });
    Some(view! {
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:type" content=kind/>
        <Meta property="og:site_name" content=site_name/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=url/>
        <Meta name="twitter:card" content=card/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        {picture}
    })
}
