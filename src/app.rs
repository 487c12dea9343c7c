//! The app: the router with every route in one place, and the shell around the pages (header with
//! the section navigation, footer).
//!
//! The app is mounted into index.html's `<main>`, so content the server wrote there stays in place
//! (see `crate::prerender`); the header and footer go into their own slots of index.html, each
//! replacing the static copy that painted before the wasm arrived.

use inkuru_api::SectionTree;
use leptos::portal::Portal;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::components::SectionNav;
use crate::routes::{ArticlePage, HomePage, NotFoundPage, SectionPage};

/// The section tree, loaded once for the header and the section pages.
#[derive(Clone, Copy)]
pub struct SiteSections(pub LocalResource<Result<SectionTree, ApiError>>);

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let sections = LocalResource::new(api::sections::tree);
    provide_context(SiteSections(sections));
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Inkuru".to_owned() } else { format!("{page} · Inkuru") }/>
        <Router>
            {in_slot(HEADER_SLOT, move || view! { <SiteHeader sections/> })}
            // First match wins: fixed prefixes before the catch-all section path.
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/articles/:slug") view=ArticlePage/>
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
    if let Ok(Some(copy)) = document().query_selector(&format!("#{slot} > [data-static]")) {
        copy.remove();
    }
}

/// Masthead and top-level sections. If the sections fail to load, the masthead still shows.
#[component]
fn SiteHeader(sections: LocalResource<Result<SectionTree, ApiError>>) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="masthead">
                <a class="wordmark" href="/">"Inkuru"</a>
                <p class="tagline">"News from Rwanda and beyond"</p>
            </div>
            <Transition fallback=|| view! { <div class="section-nav-placeholder"></div> }>
                {move || Suspend::new(async move {
                    match sections.await {
                        Ok(tree) => {
                            let top = tree.top_level().into_iter().cloned().collect::<Vec<_>>();
                            view! { <SectionNav sections=top/> }.into_any()
                        }
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
        </footer>
    }
}
