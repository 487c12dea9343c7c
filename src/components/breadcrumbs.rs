//! The breadcrumb trail (WAI-ARIA breadcrumb pattern): Home › News › All around › Out of Rwanda.

use inkuru_api::{paths, SectionRef};
use leptos::prelude::*;
use stylers_macro::style;

/// A breadcrumb trail starting at Home.
#[component]
pub fn Breadcrumbs(
    /// Sections from the top level down.
    trail: Vec<SectionRef>,
    /// Whether the last section is the page being shown (it is then marked `aria-current="page"`).
    #[prop(optional)]
    last_is_current: bool,
) -> impl IntoView {
    let scope = style! {
        .breadcrumbs ol {
            display: flex;
            flex-wrap: wrap;
            gap: var(--space-1);
            margin: 0;
            padding: 0;
            list-style: none;
            font: var(--meta-font);
            color: var(--muted);
        }
        .breadcrumbs li + li::before {
            content: raw_str("›");
            margin-inline-end: var(--space-1);
            color: var(--muted);
        }
        .breadcrumbs a {
            color: inherit;
        }
        .breadcrumbs a[aria-current] {
            color: var(--ink);
            text-decoration: none;
        }
    };
    let last = trail.len().saturating_sub(1);
    let crumbs = trail
        .into_iter()
        .enumerate()
        .map(|(index, section)| {
            let current = (last_is_current && index == last).then_some("page");
            view! { class = scope,
                <li><a href=paths::section_page(&section.path) aria-current=current>{section.name}</a></li>
            }
        })
        .collect_view();
    view! { class = scope,
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/">"Home"</a></li>
                {crumbs}
            </ol>
        </nav>
    }
}
