//! `WhenNear`: draws its view once their place on the page comes within a screen's height of
//! the viewport, so what sits below the article (its comments) is fetched as the reader heads for
//! it, and not for a reader who never scrolls that far.

use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast};
use send_wrapper::SendWrapper;

/// How far below the viewport "near" starts: one viewport's height.
const AHEAD: &str = "0px 0px 100% 0px";

#[component]
pub fn WhenNear<V>(
    /// Draw at once, without waiting, as soon as this is true (the reader has a draft or an
    /// unsent comment here).
    #[prop(optional, into)]
    now: Signal<bool>,
    /// What to draw there.
    render: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    let near = RwSignal::new(now.get_untracked());
    Effect::new(move |_| {
        if now.get() {
            near.set(true);
        }
    });
    let anchor = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(anchor) = anchor.get() {
            watch(&anchor, near);
        }
    });
    view! {
        <Show when=move || near.get() fallback=move || view! { <div class="lazy-anchor" node_ref=anchor></div> }>
            {render()}
        </Show>
    }
}

/// Sets `near` once `anchor` comes within `AHEAD` of the viewport; at once where the browser
/// cannot tell (no IntersectionObserver).
fn watch(anchor: &web_sys::Element, near: RwSignal<bool>) {
    let on_change = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let seen = entries.iter().any(|entry| {
            entry
                .dyn_into::<web_sys::IntersectionObserverEntry>()
                .is_ok_and(|entry| entry.is_intersecting())
        });
        if seen {
            near.set(true);
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(AHEAD);
    let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
        on_change.as_ref().unchecked_ref(),
        &options,
    ) else {
        near.set(true);
        return;
    };
    observer.observe(anchor);
    // The observer and its callback live until the anchor leaves the page (drawn, or the reader
    // moved on).
    let held = SendWrapper::new((observer, on_change));
    on_cleanup(move || held.0.disconnect());
}
