//! The header's row of top-level sections.

use inkuru_api::{paths, Section};
use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the top-level sections, in order. `<A>` marks the current one with `aria-current`.
#[component]
pub fn SectionNav(
    /// Top-level sections, in display order.
    sections: Vec<Section>,
) -> impl IntoView {
    view! {
        <nav class="section-nav" aria-label="Sections">
            <ul>
                {sections
                    .into_iter()
                    .map(|section| {
                        let href = paths::section_page(&section.path);
                        view! { <li><A href=href>{section.name}</A></li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
