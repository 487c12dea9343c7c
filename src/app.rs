//! The app: the router with every route in one place, and the shell around the pages (header with
//! the section navigation, footer).
//!
//! The app is mounted into index.html's `<main>`, so content the server wrote there stays in place
//! (see `crate::prerender`); the header and footer go live from a chunk of their own
//! (`crate::live_frame`), each replacing the copy the server wrote in its slot of index.html.

use inkuru_api::{FollowLink, SectionTree, SiteSettings};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::components::share_preview::browser_origin;
use crate::lazy::{self, lazy_view};
use crate::routes::NotFoundPage;
use crate::views::frame::{SITE_NAME, TAGLINE};
use crate::views::head::{page_of_title, page_title};

/// The section tree, loaded once for the header and the section pages.
#[derive(Clone, Copy)]
pub struct SiteSections(pub LocalResource<Result<SectionTree, ApiError>>);

/// The site's settings ("Follow us" links, share buttons, comment policy), loaded once.
#[derive(Clone, Copy)]
pub struct SiteInfo(pub LocalResource<Result<SiteSettings, ApiError>>);

impl SiteInfo {
    /// What pages show of the site's settings, once they are here; if they cannot be loaded, the
    /// page still shows, under the site's own name and without "Follow us".
    pub async fn basics(site: Option<SiteInfo>) -> SiteBasics {
        match site {
            Some(SiteInfo(settings)) => settings.await.map(SiteBasics::from).unwrap_or_default(),
            None => SiteBasics::default(),
        }
    }
}

/// The parts of the site's settings that pages and their heads show.
#[derive(Clone, Debug)]
pub struct SiteBasics {
    pub name: String,
    pub tagline: String,
    pub follow: Vec<FollowLink>,
}

impl From<SiteSettings> for SiteBasics {
    fn from(settings: SiteSettings) -> Self {
        Self {
            name: settings.name,
            tagline: settings.tagline,
            follow: settings.follow,
        }
    }
}

impl Default for SiteBasics {
    fn default() -> Self {
        Self {
            name: SITE_NAME.to_owned(),
            tagline: TAGLINE.to_owned(),
            follow: Vec::new(),
        }
    }
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(browser_origin());
    // Until a page names itself (its chunk and data are here), the title stays what it was: the
    // server's, then the page the reader left.
    let held_title = RwSignal::new(page_of_title(&document().title()));
    crate::navigation::watch(held_title);
    let sections = LocalResource::new(api::sections::tree);
    provide_context(SiteSections(sections));
    provide_context(SiteInfo(LocalResource::new(api::site::settings)));
    // Comments a reader sent that the server has not confirmed yet are sent again from any page
    // (the outbox's code is a chunk, fetched only when there are some).
    let outbox = crate::outbox::Outbox::provide();
    if crate::outbox::Outbox::holds_comments() {
        leptos::task::spawn_local(lazy::start_outbox(outbox));
    }
    // Other pages' code is fetched ahead of the reader, once this page is up (crate::lazy).
    Effect::new(|_| lazy::prefetch::start());
    view! {
        <Title formatter=page_title text=move || held_title.get()/>
        <lazy::ReloadedNotice/>
        <Router>
            // The header and footer go live from a chunk of their own, fetched at the start and
            // drawn in a task of its own when it arrives: the server's copies are on screen and
            // their links work (the router follows any link on the page), and the first module
            // and the app's start carry less.
            {live_frame(sections)}
            // First match wins: fixed prefixes before the catch-all section path.
            <Routes fallback=|| view! { <NotFoundPage/> }>
                // Each page is a chunk of its own, fetched when first needed (crate::lazy).
                <Route path=path!("/articles/:slug") view=|| lazy_page(lazy::article_page)/>
                <Route path=path!("/search") view=|| lazy_page(lazy::search_page)/>
                <Route path=path!("/saved") view=|| lazy_page(lazy::saved_page)/>
                <Route path=path!("/") view=|| lazy_page(lazy::home_page)/>
                <Route path=path!("/*path") view=|| lazy_page(lazy::section_page)/>
            </Routes>
        </Router>
    }
}

/// A page whose code is a chunk of its own (`crate::lazy`). Until the first page's code is here,
/// the server's head tags stay; then the app keeps them from there on (`retire_server_head`).
fn lazy_page<Fut>(load: fn() -> Fut) -> impl IntoView
where
    Fut: std::future::Future<Output = lazy::Loaded> + Send + 'static,
{
    lazy_view(move || async move {
        let page = load().await;
        static RETIRED: std::sync::Once = std::sync::Once::new();
        RETIRED.call_once(retire_server_head);
        page
    })
}

/// Removes the head tags the server wrote for the page the app started on (title aside, which
/// leptos_meta takes over in place); the routes write the same tags again through leptos_meta
/// (`crate::views::head`), and from then on keep them right as the reader moves.
fn retire_server_head() {
    const SERVER_HEAD: &str = "head meta[name=description], head link[rel=canonical], \
        head meta[property^='og:'], head meta[property^='article:'], head meta[name^='twitter:'], \
        head script[type='application/ld+json'], head link[rel=alternate]";
    if let Ok(tags) = document().query_selector_all(SERVER_HEAD) {
        for i in 0..tags.length() {
            if let Some(tag) = tags
                .item(i)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            {
                tag.remove();
            }
        }
    }
}

/// The live header and footer, from their chunk (`crate::live_frame`). If it cannot be had (offline
/// before the service worker holds it, a build replaced under the page), the server's copies stay:
/// every link in them works, and a page's own chunk says what went wrong if anything did.
fn live_frame(sections: LocalResource<Result<SectionTree, ApiError>>) -> impl IntoView {
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                lazy::live_frame(sections).await.unwrap_or_else(|_| ().into_any())
            })}
        </Suspense>
    }
}
