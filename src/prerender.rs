//! The hand-over from server-written page content to the app.
//!
//! For an article URL the server writes the article into `<main>` inside `#prerendered`
//! (`server/src/prerender.rs`), so the largest paint needs no wasm. Repainting it would make the
//! app's paint the largest one again (measured: LCP back to ≈ 2 s), so the app adopts it: the
//! article route renders only what is around it (comments), the node stays where it is, and the
//! first navigation to any other page removes it.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

const ID: &str = "prerendered";

fn element() -> Option<web_sys::Element> {
    document().get_element_by_id(ID)
}

/// Whether the server wrote the content of the page at `path` (`/articles/{slug}`) and it is still
/// on the page. If so, its dates are shown in the reader's locale, as the app shows them.
pub fn adopt(path: &str) -> bool {
    let Some(element) = element() else {
        return false;
    };
    if element.get_attribute("data-path").as_deref() != Some(path) {
        return false;
    }
    localise_dates(&element);
    true
}

/// Removes server-written content, if any: another page is being shown.
pub fn discard() {
    if let Some(element) = element() {
        element.remove();
    }
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
