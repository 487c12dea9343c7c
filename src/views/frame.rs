//! The frame around every page: the site header (masthead, display settings, search, the section
//! row) and the footer. The server writes them for the page it serves; the app puts its own live
//! copy in their place when it starts (`crate::app`).

use inkuru_api::{FeedFormat, FeedScope};
use leptos::prelude::*;

use crate::components::share_preview::SiteOrigin;
use crate::components::{DisplaySettings, SearchForm};

/// The site's name and tagline: what titles and pages use when the site's settings cannot be read
/// (the masthead below writes the same words).
pub const SITE_NAME: &str = "Inkuru";
pub const TAGLINE: &str = "News from Rwanda and beyond";

/// A quiet line while the browser is offline: what still works, and that posts wait for the network.
#[component]
fn OfflineNotice() -> impl IntoView {
    let online = RwSignal::new(true);
    // In an effect, so the server (which never runs effects) writes the page as online.
    Effect::new(move || {
        online.set(window().navigator().on_line());
        let went_offline = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        let came_back = window_event_listener(leptos::ev::online, move |_| online.set(true));
        on_cleanup(move || {
            went_offline.remove();
            came_back.remove();
        });
    });
    view! {
        <p class="offline-notice" role="status">
            {move || (!online.get()).then_some(
                "You are offline. Articles you read recently still open, and anything you post is sent once you are back online.",
            )}
        </p>
    }
}

/// Masthead, then `children`: the section row (the app draws it once the sections are loaded; the
/// server has them at hand).
#[component]
pub fn SiteHeader(children: Children) -> impl IntoView {
    view! {
        <OfflineNotice/>
        <header class="site-header">
            <div class="masthead">
                // Literal text (not SITE_NAME/TAGLINE): Leptos writes a wholly static element as
                // one template, which keeps the server's header markup as it has always been.
                <a class="wordmark" href="/">"Inkuru"</a>
                <p class="tagline">"News from Rwanda and beyond"</p>
                <DisplaySettings/>
                <SearchForm id="site-search-query"/>
            </div>
            {children()}
        </header>
    }
}

/// Where the section row goes while the sections load, or if they cannot be read: the row's height,
/// so nothing below it moves when it arrives.
#[component]
pub fn SectionNavPlaceholder() -> impl IntoView {
    view! { <div class="section-nav-placeholder"></div> }
}

/// What every page ends with.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Inkuru · A fast, reader-friendly news site. Demo content written for this project."</p>
            <p><a href="/saved">"Saved articles"</a></p>
            <FollowByFeed/>
        </footer>
    }
}

/// "Follow" for feed readers: the site's feed addresses, and what a feed reader is for readers who
/// have never used one. A disclosure, so it opens before the app starts and with scripts off.
#[component]
fn FollowByFeed() -> impl IntoView {
    let origin = use_context::<SiteOrigin>()
        .map(|origin| origin.0)
        .unwrap_or_default();
    view! {
        <details class="follow-feeds">
            <summary>"Follow us in a feed reader"</summary>
            <p>
                "A feed reader (such as NetNewsWire, Feedly, Inoreader or Thunderbird) shows the new "
                "stories of every site you follow in one place, with no account here and nothing "
                "tracking you. Paste one of these addresses into yours:"
            </p>
            <ul>
                <FeedAddress origin=origin.clone() format=FeedFormat::Atom/>
                <FeedAddress origin=origin.clone() format=FeedFormat::Rss/>
                <FeedAddress origin format=FeedFormat::Json/>
            </ul>
            <p>
                "Each section has its own feed: give your reader the section's page and it finds "
                "it. An article's page names the feeds of its section and its author."
            </p>
        </details>
    }
}

/// One of the site's feeds: its format and whole address (as a reader pastes it into a feed
/// reader). target="_self": a feed is a document for the browser to open or hand to a feed
/// reader, not a page of the app, so the router leaves the click alone.
#[component]
fn FeedAddress(origin: String, format: FeedFormat) -> impl IntoView {
    let path = FeedScope::Site.path(format);
    let address = format!("{origin}{path}");
    view! { <li>{format.label()}": "<a href=path target="_self">{address}</a></li> }
}
