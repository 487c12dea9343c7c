//! The breadcrumb trail (WAI-ARIA breadcrumb pattern): Home › News › All around › Out of Rwanda.
//! Styled in style/layout.css, not scoped (the page-wide rules the server-written page uses too).

use inkuru_api::{paths, SectionRef};
use leptos::prelude::*;

/// A breadcrumb trail starting at Home.
#[component]
pub fn Breadcrumbs(
    /// Sections from the top level down.
    trail: Vec<SectionRef>,
    /// Whether the last section is the page being shown (it is then marked `aria-current="page"`).
    #[prop(optional)]
    last_is_current: bool,
) -> impl IntoView {
    let last = trail.len().saturating_sub(1);
    let crumbs = trail
        .into_iter()
        .enumerate()
        .map(|(index, section)| {
            let current = (last_is_current && index == last).then_some("page");
            view! {
                <li><a href=paths::section_page(&section.path) aria-current=current>{section.name}</a></li>
            }
        })
        .collect_view();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/">"Home"</a></li>
                {crumbs}
            </ol>
        </nav>
    }
}
