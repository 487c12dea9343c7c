//! The hand-over from server-written page content to the app.
//!
//! For the page URL it serves, the server writes the page (an article, the front page, a section's
//! stories) into `<main>` inside `#prerendered` (`crate::ssr`, with the same `crate::views`
//! components the app draws pages with), so the largest paint
//! needs no wasm. Repainting it would make the app's paint the largest one again (measured: LCP
//! back to ≈ 2.5 s), so the app adopts it: the route renders only what the server could not write
//! (the comments), the node stays where it is, and the first navigation to another page removes it.

use std::time::Duration;

use leptos::prelude::{document, set_timeout};
use wasm_bindgen::JsCast;

use crate::views::prerendered::ID;

fn element() -> Option<web_sys::Element> {
    document().get_element_by_id(ID)
}

/// The page's URL as the server saw it: path and query (`/news?page=2`).
pub fn current_url() -> String {
    let location = leptos::prelude::window().location();
    let path = location.pathname().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    format!("{path}{query}")
}

/// Whether the server wrote the content of the page now shown (the browser's current URL) and it
/// is still there. If so, its dates are shown in the reader's locale, as the app shows them.
pub fn adopt() -> bool {
    let Some(element) = element() else {
        return false;
    };
    if element.get_attribute("data-path") != Some(current_url()) {
        return false;
    }
    localise_dates_soon(element);
    true
}

/// Adopts the server-written content if it is this page's, or removes it if it is another's.
/// Pages call this when they are about to show their own content.
pub fn adopt_or_discard() -> bool {
    let adopted = adopt();
    if !adopted {
        discard();
    }
    adopted
}

/// Removes server-written content, if any: another page is being shown.
pub fn discard() {
    if let Some(element) = element() {
        element.remove();
    }
}

/// Shows the adopted content's dates in the reader's locale, once, in a task of its own: the
/// browser loads its locale data the first time a date format is made, and that took 55 ms of
/// the app's start on a 4×-throttled CPU (a CPU profile of the front page).
fn localise_dates_soon(element: web_sys::Element) {
    const DONE: &str = "data-localised";
    if element.has_attribute(DONE) {
        return;
    }
    let _ = element.set_attribute(DONE, "");
    set_timeout(move || localise_dates(&element), Duration::ZERO);
}

/// The server writes dates in English (`24 November 2026`); the reader's locale may differ.
fn localise_dates(element: &web_sys::Element) {
    let Ok(times) = element.query_selector_all("time[datetime]") else {
        return;
    };
    for index in 0..times.length() {
        let Some(time) = times
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if let Some(iso) = time.get_attribute("datetime") {
            time.set_text_content(Some(&crate::util::dates::reader_date(&iso)));
        }
    }
}
