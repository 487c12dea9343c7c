//! Reloading once when this build's chunks are gone from the server (a new build was deployed
//! while the page was open), and telling the reader why afterwards. The mark lives in the tab's
//! sessionStorage: one reload per ten minutes at most, so a chunk that is missing for another
//! reason ends in a notice with Retry, never in a reload loop.

use leptos::prelude::*;

const KEY: &str = "inkuru.reloaded-for-update";
/// Another missing chunk within this long of the last reload is not a new build's doing.
const AT_MOST_ONCE_IN_MS: f64 = 10.0 * 60.0 * 1000.0;

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// `(when, told)`: when the page last reloaded for a new build, and whether the reader was told.
fn mark() -> Option<(f64, bool)> {
    let value = session()?.get_item(KEY).ok().flatten()?;
    let (state, at) = value.split_once(':')?;
    let at: u64 = at.parse().ok()?;
    Some((at as f64, state == "told"))
}

/// Kept as whole milliseconds: reading and writing an `f64` as text would bring float parsing and
/// formatting (7 KB) into the first module for this one mark.
fn set_mark(at: f64, told: bool) {
    if let Some(session) = session() {
        let state = if told { "told" } else { "pending" };
        let _ = session.set_item(KEY, &format!("{state}:{}", at as u64));
    }
}

/// Reloads the page if a new build is the likely reason a chunk is missing: the browser is
/// online, the tab can remember that it reloaded, and it has not reloaded for this lately.
/// `true` when the reload is under way.
pub fn once_for_a_new_build() -> bool {
    let now = js_sys::Date::now();
    let online = window().navigator().on_line();
    let recently = mark().is_some_and(|(at, _)| now - at < AT_MOST_ONCE_IN_MS);
    if !online || recently || session().is_none() {
        return false;
    }
    set_mark(now, false);
    window().location().reload().is_ok()
}

/// After such a reload, a quiet line that says why the page reloaded, until dismissed.
#[component]
pub fn ReloadedNotice() -> impl IntoView {
    let pending = mark().filter(|(_, told)| !told);
    let shown = RwSignal::new(pending.is_some());
    if let Some((at, _)) = pending {
        set_mark(at, true);
    }
    view! {
        <Show when=move || shown.get()>
            <div class="update-banner" role="status">
                <span>"Inkuru was updated while this page was open, so it reloaded. Nothing you typed was lost."</span>
                <button type="button" class="button" on:click=move |_| shown.set(false)>"Dismiss"</button>
            </div>
        </Show>
    }
}
