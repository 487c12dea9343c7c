//! Renders its children one frame later than the rest of the page.
//!
//! For what sits below the fold (an article's comments): the part of the page the reader sees
//! paints first, and the work of building the rest runs as a separate task instead of lengthening
//! the one that paints (Lighthouse's Total Blocking Time counts each task's time beyond 50 ms, and
//! a click's latency lasts until the next paint).

use std::time::Duration;

use leptos::prelude::*;

#[component]
pub fn AfterNextPaint(children: ChildrenFn) -> impl IntoView {
    let painted = RwSignal::new(false);
    request_animation_frame(move || {
        // A timer queued from the frame callback runs after that frame has been painted.
        set_timeout(move || painted.set(true), Duration::ZERO);
    });
    view! { <Show when=move || painted.get()>{children()}</Show> }
}
