//! What a reader (and their screen reader) notices when the app changes page: focus moves to the
//! new page's main heading, the change is announced, and Back or Forward returns to where the
//! reader was on that page.
//!
//! `watch()` runs once at start-up; each page renders `<PageShown label=…/>` next to its heading,
//! once its content is there (so focus and scroll land on the new page, not on the one still shown
//! while it loads). The first page of a visit is left alone: the browser has placed focus and
//! scroll itself.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

thread_local! {
    /// Whether the reader has navigated inside the app yet (followed a link, searched, went Back).
    static NAVIGATED: Cell<bool> = const { Cell::new(false) };
    /// Whether the page being shown was reached with Back or Forward.
    static FROM_HISTORY: Cell<bool> = const { Cell::new(false) };
    /// How far down each page (path and query) the reader was when they left it.
    static SCROLL: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// Whether the reader has scrolled, or asked to, since the app began returning them to a
    /// position (a wheel, a touch, a key).
    static READER_MOVED: Cell<bool> = const { Cell::new(false) };
}

/// How many frames (about two seconds) the app keeps trying to return to a position the page is
/// still too short for, while the rest of it draws.
const RESTORE_FRAMES: u32 = 120;

/// The id of index.html's polite live region.
const ANNOUNCER: &str = "route-announcer";

fn here() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

fn remember_scroll() {
    let y = window().scroll_y().unwrap_or(0.0);
    SCROLL.with(|scroll| scroll.borrow_mut().insert(here(), y));
}

/// Whether a click follows a link to another page of this site in this tab (not a new tab, a
/// download or another site).
fn follows_link_in_app(event: &web_sys::Event) -> bool {
    let Some(click) = event.dyn_ref::<web_sys::MouseEvent>() else {
        return false;
    };
    if click.button() != 0
        || click.ctrl_key()
        || click.meta_key()
        || click.shift_key()
        || click.alt_key()
    {
        return false;
    }
    let link = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    link.is_some_and(|link| {
        link.target().is_empty()
            && !link.has_attribute("download")
            && link.origin() == window().location().origin().unwrap_or_default()
    })
}

/// Listens for the ways a reader leaves a page inside the app. Call once. `held_title` is set to
/// the page part of the title shown when the reader leaves a page: the app shows it until the next
/// page names itself (`crate::app::App`), so the title never goes blank between two pages.
pub fn watch(held_title: RwSignal<String>) {
    let hold_title = move || held_title.set(crate::views::head::page_of_title(&document().title()));
    // The app restores positions itself, once the page it returns to has content to scroll.
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    // Capture phase: runs before the router handles the click and scrolls the next page to the top.
    let leaving = move |event: web_sys::Event| {
        if event.type_() == "submit" || follows_link_in_app(&event) {
            hold_title();
            NAVIGATED.with(|n| n.set(true));
            remember_scroll();
            crate::api::cancel_page_requests();
        }
    };
    for kind in ["click", "submit"] {
        let handler =
            leptos::wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(leaving);
        let _ = document().add_event_listener_with_callback_and_bool(
            kind,
            handler.as_ref().unchecked_ref(),
            true,
        );
        handler.forget();
    }
    // Back and Forward: the page left is remembered as it stood before the history moved.
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        hold_title();
        crate::api::cancel_page_requests();
        NAVIGATED.with(|n| n.set(true));
        FROM_HISTORY.with(|h| h.set(true));
    });
    let _ = window_event_listener(leptos::ev::scroll, |_| {
        if !FROM_HISTORY.with(Cell::get) {
            remember_scroll();
        }
    });
    for kind in ["wheel", "touchstart", "keydown", "pointerdown"] {
        let handler = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            READER_MOVED.with(|moved| moved.set(true));
        });
        let _ = window().add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

/// Marks a page as shown: after a navigation, focuses its main heading (without scrolling to it),
/// announces `label`, and after Back or Forward returns to where the reader had scrolled.
#[component]
pub fn PageShown(
    /// What the page is, in a few words ("Sport", the headline, "Page not found").
    #[prop(into)]
    label: String,
) -> impl IntoView {
    Effect::new(move |_| {
        if !NAVIGATED.with(Cell::get) {
            return;
        }
        // The effect runs once the page's view is built; it is in the document by the next frame.
        let label = label.clone();
        request_animation_frame(move || arrive(&label));
    });
}

/// A change of view at the same address that the reader should notice like a new page (signing in
/// to the desk, or out of it): `label` is announced and focus moves to the new main heading.
pub fn show_view(label: &str) {
    NAVIGATED.with(|n| n.set(true));
    let label = label.to_owned();
    request_animation_frame(move || arrive(&label));
}

/// The new page is in the document: say so, focus its heading, and restore its scroll position.
fn arrive(label: &str) {
    if let Some(announcer) = document().get_element_by_id(ANNOUNCER) {
        announcer.set_text_content(Some(label));
    }
    let heading = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        if !heading.has_attribute("tabindex") {
            let _ = heading.set_attribute("tabindex", "-1");
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = heading.focus_with_options(&options);
    }
    if FROM_HISTORY.with(|h| h.replace(false)) {
        let y = SCROLL.with(|scroll| scroll.borrow().get(&here()).copied());
        READER_MOVED.with(|moved| moved.set(false));
        return_to(y.unwrap_or(0.0), RESTORE_FRAMES);
    }
}

/// Scrolls to `y`. A page still drawing can be too short to get there yet (on a slow phone the
/// rest of a long list arrives a frame or more later): then it tries again on each of the next
/// `frames_left` frames, until it gets there or the reader scrolls themselves.
fn return_to(y: f64, frames_left: u32) {
    if READER_MOVED.with(Cell::get) {
        return;
    }
    window().scroll_to_with_x_and_y(0.0, y);
    let reached = window().scroll_y().unwrap_or(y);
    if (reached - y).abs() > 1.0 && frames_left > 0 {
        request_animation_frame(move || return_to(y, frames_left - 1));
    }
}
