//! The app: the router with every route in one place, and the shell around the pages (skip link,
//! header with the section navigation, main region, footer).

use inkuru_api::SectionTree;
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
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader sections/>
            <main id="main" tabindex="-1">
                // First match wins: fixed prefixes before the catch-all section path.
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/articles/:slug") view=ArticlePage/>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/*path") view=SectionPage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
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
