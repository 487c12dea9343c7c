//! The app: the router with every route in one place, and the shell around the pages (header with
//! the section navigation, footer).
//!
//! The app is mounted into index.html's `<main>`, so content the server wrote there stays in place
//! (see `crate::prerender`); the header and footer go into their own slots of index.html, each
//! replacing the static copy that painted before the wasm arrived.

use inkuru_api::{SectionTree, SiteSettings};
use leptos::portal::Portal;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::components::{DisplaySettings, SearchForm, SectionNav};
use crate::routes::{ArticlePage, HomePage, NotFoundPage, SavedPage, SearchPage, SectionPage};

/// The section tree, loaded once for the header and the section pages.
#[derive(Clone, Copy)]
pub struct SiteSections(pub LocalResource<Result<SectionTree, ApiError>>);

/// The site's settings ("Follow us" links, share buttons, comment policy), loaded once.
#[derive(Clone, Copy)]
pub struct SiteInfo(pub LocalResource<Result<SiteSettings, ApiError>>);

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The app keeps the share-preview tags from here on (see components::share_preview).
    crate::components::share_preview::retire_server_meta();
    crate::navigation::watch();
    let sections = LocalResource::new(api::sections::tree);
    provide_context(SiteSections(sections));
    provide_context(SiteInfo(LocalResource::new(api::site::settings)));
    // Comments a reader sent that the server has not confirmed yet are sent again from any page.
    crate::outbox::Outbox::provide();
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Inkuru".to_owned() } else { format!("{page} · Inkuru") }/>
        <Router>
            {in_slot(HEADER_SLOT, move || view! { <SiteHeader sections/> })}
            // First match wins: fixed prefixes before the catch-all section path.
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/articles/:slug") view=ArticlePage/>
                <Route path=path!("/search") view=SearchPage/>
                <Route path=path!("/saved") view=SavedPage/>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/*path") view=SectionPage/>
            </Routes>
            {in_slot(FOOTER_SLOT, || view! { <SiteFooter/> })}
        </Router>
    }
}

/// index.html's slots for the header and footer (ids), each holding a static copy marked
/// `data-static` until the app's copy is in place.
const HEADER_SLOT: &str = "site-header";
const FOOTER_SLOT: &str = "site-footer";

/// `view` rendered into the slot `id` of index.html (keeping this app's context: router, sections),
/// or where it stands if the page has no such slot (a test page).
fn in_slot<V: IntoView + 'static>(
    id: &'static str,
    view: impl Fn() -> V + Send + Sync + 'static,
) -> AnyView {
    match document().get_element_by_id(id) {
        Some(slot) => view! {
            <Portal mount=slot>
                {
                    // First runs once the app's copy is in the slot, before the next frame: the
                    // reader never sees both copies or neither.
                    Effect::new(move || retire_static_copy(id));
                    view()
                }
            </Portal>
        }
        .into_any(),
        None => view().into_any(),
    }
}

fn retire_static_copy(slot: &str) {
    let Ok(Some(copy)) = document().query_selector(&format!("#{slot} > [data-static]")) else {
        return;
    };
    carry_over_fields(slot, &copy);
    copy.remove();
}

/// What a reader typed into the static copy's fields (the search box) before the app started, and
/// where the focus was, move to the app's copy of the same field: nothing typed is lost.
fn carry_over_fields(slot: &str, copy: &web_sys::Element) {
    let Ok(fields) = copy.query_selector_all("input[id]") else {
        return;
    };
    let focused = document().active_element();
    for index in 0..fields.length() {
        let Some(field) = fields
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        let selector = format!("#{slot} > :not([data-static]) #{}", field.id());
        let Some(live) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        if !field.value().is_empty() {
            live.set_value(&field.value());
        }
        if focused
            .as_ref()
            .is_some_and(|f| f.is_same_node(Some(&field)))
        {
            let _ = live.focus();
        }
    }
}

/// Masthead and top-level sections. If the sections fail to load, the masthead still shows.
/// A quiet line while the browser is offline: what still works, and that posts wait for the network.
#[component]
fn OfflineNotice() -> impl IntoView {
    let online = RwSignal::new(window().navigator().on_line());
    let went_offline = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    let came_back = window_event_listener(leptos::ev::online, move |_| online.set(true));
    on_cleanup(move || {
        went_offline.remove();
        came_back.remove();
    });
    view! {
        <p class="offline-notice" role="status">
            {move || (!online.get()).then_some(
                "You are offline. Articles you read recently still open, and anything you post is sent once you are back online.",
            )}
        </p>
    }
}

#[component]
fn SiteHeader(sections: LocalResource<Result<SectionTree, ApiError>>) -> impl IntoView {
    view! {
        <OfflineNotice/>
        <header class="site-header">
            <div class="masthead">
                <a class="wordmark" href="/">"Inkuru"</a>
                <p class="tagline">"News from Rwanda and beyond"</p>
                <DisplaySettings/>
                <SearchForm id="site-search-query"/>
            </div>
            <Transition fallback=|| view! { <div class="section-nav-placeholder"></div> }>
                {move || Suspend::new(async move {
                    match sections.await {
                        Ok(tree) => view! { <SectionNav tree/> }.into_any(),
                        Err(_) => view! { <div class="section-nav-placeholder"></div> }.into_any(),
                    }
                })}
            </Transition>
        </header>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Inkuru · A fast, reader-friendly news site. Demo content written for this project."</p>
            <p><a href="/saved">"Saved articles"</a></p>
        </footer>
    }
}
