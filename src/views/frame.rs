//! The frame around every page: the site header (masthead, display settings, search, the section
//! row) and the footer. The server writes them for the page it serves; the app puts its own live
//! copy in their place when it starts (`crate::app`).

use leptos::prelude::*;

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
        </footer>
    }
}
