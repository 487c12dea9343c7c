//! The app: the router with every route in one place, and the shell around the pages (header with
//! the section navigation, footer).
//!
//! The app is mounted into index.html's `<main>`, so content the server wrote there stays in place
//! (see `crate::prerender`); the header and footer go into their own slots of index.html, each
//! replacing the copy the server wrote there (the same components, `crate::views::frame`).

use std::sync::Arc;

use inkuru_api::{FollowLink, SectionTree, SiteSettings};
use leptos::portal::Portal;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use send_wrapper::SendWrapper;

use crate::api::{self, ApiError};
use crate::components::share_preview::browser_origin;
use crate::components::{AfterNextPaint, SectionNav};
use crate::lazy::{self, lazy_view};
use crate::routes::NotFoundPage;
use crate::views::frame::{SITE_NAME, TAGLINE};
use crate::views::head::{page_of_title, page_title};
use crate::views::{SectionNavPlaceholder, SiteFooter, SiteHeader};

/// The section tree, loaded once for the header and the section pages.
#[derive(Clone, Copy)]
pub struct SiteSections(pub LocalResource<Result<SectionTree, ApiError>>);

impl SiteSections {
    /// The section tree: the app's copy, as it loads or failed to.
    pub async fn tree(self) -> Result<SectionTree, ApiError> {
        self.0.await
    }

    /// For a page's Retry: asks for the app's copy again if it could not be loaded (the header
    /// and every page awaiting it follow). Never called from inside a resource that awaits the
    /// copy: that resource would start over with it, and ask again, for ever.
    pub fn retry_if_failed(self) {
        if matches!(self.0.get_untracked(), Some(Err(_))) {
            self.0.refetch();
        }
    }
}

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
            // The header too goes live a frame later, in a task of its own: the server's copy is
            // on screen and its links work (the router follows any link on the page); the app's
            // start then stays one short task (a 4×-throttled trace put it at 230–290 ms).
            <AfterNextPaint>{in_slot(HEADER_SLOT, move || view! { <LiveHeader sections/> }.into_any())}</AfterNextPaint>
            // First match wins: fixed prefixes before the catch-all section path.
            <Routes fallback=|| view! { <NotFoundPage/> }>
                // Each page is a chunk of its own, fetched when first needed (crate::lazy).
                <Route path=path!("/articles/:slug") view=|| lazy_page(lazy::article_page)/>
                <Route path=path!("/search") view=|| lazy_page(lazy::search_page)/>
                <Route path=path!("/saved") view=|| lazy_page(lazy::saved_page)/>
                // The desk's own pages (`/desk/settings`) are its business: one route keeps it
                // in place, signed in, as the editor moves between them.
                <Route path=path!("/desk/*tab") view=|| lazy_page(lazy::desk_page)/>
                <Route path=path!("/") view=|| lazy_page(lazy::home_page)/>
                <Route path=path!("/*path") view=|| lazy_page(lazy::section_page)/>
            </Routes>
            // Likewise the footer, far below the first view.
            <AfterNextPaint>{in_slot(FOOTER_SLOT, || view! { <SiteFooter/> }.into_any())}</AfterNextPaint>
        </Router>
    }
}

/// index.html's slots for the header and footer (ids), each holding the server's copy until the
/// app's copy is in place.
const HEADER_SLOT: &str = "site-header";
const FOOTER_SLOT: &str = "site-footer";

/// `view` rendered into the slot `id` of index.html (keeping this app's context: router, sections),
/// or where it stands if the page has no such slot (a test page). The view is boxed (`AnyView`) so
/// the header and the footer share one compiled copy of this and of the portal.
fn in_slot(id: &'static str, view: impl Fn() -> AnyView + Send + Sync + 'static) -> AnyView {
    slot_view(id, Arc::new(view))
}

/// `in_slot`'s one compiled copy.
fn slot_view(id: &'static str, view: Arc<dyn Fn() -> AnyView + Send + Sync>) -> AnyView {
    match document().get_element_by_id(id) {
        Some(slot) => {
            let server_copy = slot.children();
            let server_copy: Vec<web_sys::Element> = (0..server_copy.length())
                .filter_map(|i| server_copy.item(i))
                .collect();
            // Elements stay on the browser's one thread; the portal's view function must be Send.
            let server_copy = SendWrapper::new(server_copy);
            view! {
                <Portal mount=slot>
                    {
                        // First runs once the app's copy is in the slot, before the next frame: the
                        // reader never sees both copies or neither.
                        let server_copy = server_copy.clone();
                        Effect::new(move || retire_server_copy(id, &server_copy));
                        view()
                    }
                </Portal>
            }
        }
        .into_any(),
        None => view(),
    }
}

/// Removes the server's copy of a slot's content, carrying over what the reader did with it.
/// The slot is then marked `data-live`: the app runs the page (what tests wait for).
fn retire_server_copy(slot: &str, copy: &[web_sys::Element]) {
    for element in copy {
        carry_over_fields(slot, element);
        element.remove();
    }
    if let Some(slot) = document().get_element_by_id(slot) {
        let _ = slot.set_attribute("data-live", "");
    }
}

/// A page whose code is a chunk of its own (`crate::lazy`). Until the first page's code is here,
/// the server's head tags stay; then the app keeps them from there on (`retire_server_head`).
fn lazy_page<Fut>(load: fn() -> Fut) -> AnyView
where
    Fut: std::future::Future<Output = lazy::Loaded> + Send + 'static,
{
    lazy_view(move || retiring_server_head(Box::pin(load())))
}

/// The page `loading` gives, once the server's head tags are gone (the first time only). Not
/// generic: one copy however many pages there are.
async fn retiring_server_head(loading: lazy::Loading) -> lazy::Loaded {
    let page = loading.await;
    static RETIRED: std::sync::Once = std::sync::Once::new();
    RETIRED.call_once(retire_server_head);
    page
}

/// Removes the head tags the server wrote for the page the app started on (title aside, which
/// leptos_meta takes over in place); the routes write the same tags again through leptos_meta
/// (`crate::views::head`), and from then on keep them right as the reader moves.
fn retire_server_head() {
    const SERVER_HEAD: &str = "head meta[name=description], head link[rel=canonical], \
        head meta[property^='og:'], head meta[property^='article:'], head meta[name^='twitter:'], \
        head script[type='application/ld+json'], head link[rel=alternate], head meta[name=robots]";
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

/// What a reader typed into the server copy's fields (the search box) before the app started, and
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
        // The server's copy is still in the slot: the app's field is the one that is not in it.
        let Ok(candidates) = document().query_selector_all(&format!("#{slot} #{}", field.id()))
        else {
            continue;
        };
        let live = (0..candidates.length())
            .filter_map(|i| candidates.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
            .find(|candidate| !copy.contains(Some(candidate)));
        let Some(live) = live else {
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

/// The site header with the section row, once the sections are here. If they fail to load, the
/// masthead still shows.
#[component]
fn LiveHeader(sections: LocalResource<Result<SectionTree, ApiError>>) -> impl IntoView {
    view! {
        <SiteHeader>
            <Transition fallback=|| view! { <SectionNavPlaceholder/> }>
                {move || Suspend::new(async move {
                    match sections.await {
                        Ok(tree) => view! { <SectionNav tree/> }.into_any(),
                        Err(_) => view! { <SectionNavPlaceholder/> }.into_any(),
                    }
                })}
            </Transition>
        </SiteHeader>
    }
}
