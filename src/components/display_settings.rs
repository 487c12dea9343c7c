//! The reader's display settings in the masthead: a dark-mode toggle (the site follows the system
//! until the reader chooses) and text size, both remembered in this browser (localStorage, no
//! cookie). index.html's head applies the stored choices before the first paint, so a reader who
//! chose dark never sees a light flash; this component only changes and stores them.
//! Styled in style/layout.css.

use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;

/// localStorage keys, also read by index.html's head script.
const THEME_KEY: &str = "inkuru.theme";
const TEXT_SIZE_KEY: &str = "inkuru.text-size";
/// Text size steps around the default (0), as `data-text-size` on `<html>` (style/tokens.css).
const SMALLEST: i32 = -1;
const LARGEST: i32 = 3;

fn root() -> Option<web_sys::Element> {
    document().document_element()
}

fn store(key: &str, value: &str) {
    // Private modes may refuse storage: the choice then lasts for this page only.
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Whether the page is dark now: the reader's choice, or else the system's.
fn dark_now() -> bool {
    match root()
        .and_then(|r| r.get_attribute("data-theme"))
        .as_deref()
    {
        Some("dark") => true,
        Some("light") => false,
        _ => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches()),
    }
}

fn text_size_now() -> i32 {
    root()
        .and_then(|r| r.get_attribute("data-text-size"))
        .and_then(|s| s.parse().ok())
        .filter(|s| (SMALLEST..=LARGEST).contains(s))
        .unwrap_or(0)
}

/// Keeps `dark` true to the page when the system switches (while the reader has not chosen).
fn follow_system(dark: RwSignal<bool>) {
    let Some(query) = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
    else {
        return;
    };
    let changed = Closure::<dyn Fn()>::new(move || dark.set(dark_now()));
    let _ = query.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
    // The header lives as long as the page: so does this listener.
    changed.forget();
}

/// The dark-mode toggle and the text size buttons.
#[component]
pub fn DisplaySettings() -> impl IntoView {
    // What the page shows now is read in an effect: the server, which never runs effects, writes
    // the buttons as a page with no choice made (the head script applies a choice before paint).
    let dark = RwSignal::new(false);
    let size = RwSignal::new(0);
    Effect::new(move || {
        dark.set(dark_now());
        size.set(text_size_now());
        follow_system(dark);
    });
    let toggle_dark = move |_| {
        let theme = if dark_now() { "light" } else { "dark" };
        if let Some(root) = root() {
            let _ = root.set_attribute("data-theme", theme);
        }
        store(THEME_KEY, theme);
        dark.set(theme == "dark");
    };
    let resize = move |step: i32| {
        let next = (size.get_untracked() + step).clamp(SMALLEST, LARGEST);
        if let Some(root) = root() {
            let _ = root.set_attribute("data-text-size", &next.to_string());
        }
        store(TEXT_SIZE_KEY, &next.to_string());
        size.set(next);
    };
    view! {
        <div class="display-settings" role="group" aria-label="Display">
            <button type="button" class="display-button" aria-pressed=move || dark.get().to_string() on:click=toggle_dark>
                "Dark"
            </button>
            <button
                type="button"
                class="display-button"
                aria-disabled=move || (size.get() <= SMALLEST).then_some("true")
                on:click=move |_| resize(-1)
            >
                // The name starts with what is on the button (WCAG 2.5.3, label in name): a
                // voice-control user says what they see.
                "A−"<span class="visually-hidden">" Smaller text"</span>
            </button>
            <button
                type="button"
                class="display-button"
                aria-disabled=move || (size.get() >= LARGEST).then_some("true")
                on:click=move |_| resize(1)
            >
                "A+"<span class="visually-hidden">" Larger text"</span>
            </button>
        </div>
    }
}
