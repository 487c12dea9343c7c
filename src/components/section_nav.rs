//! The header's row of top-level sections, and "All sections": a disclosure (WAI-ARIA disclosure
//! pattern: a button with aria-expanded and aria-controls) opening the whole tree, so subsections
//! are one step away on every screen. Opening moves focus to the first section; Escape closes the
//! panel and returns focus to the button; following a link closes it.
//! Styled in style/layout.css, not scoped. The server writes it too (inside a `Router`, so `<A>`
//! marks the current section there as well).

use inkuru_api::{paths, Section, SectionTree};
use leptos::html::{Button, Div};
use leptos::prelude::*;
use leptos_router::components::A;

/// Deepest level of the tree the panel lists (News › All around › Out of Rwanda).
const MAX_DEPTH: usize = 3;

/// Links to the top-level sections, in order, and the disclosure with every section.
/// `<A>` marks the current one with `aria-current`.
#[component]
pub fn SectionNav(
    /// The whole section tree.
    tree: SectionTree,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<Button>::new();
    let panel = NodeRef::<Div>::new();
    let top: Vec<Section> = tree.top_level().into_iter().cloned().collect();
    let toggle = move |_| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            // Into the panel, once it is shown.
            request_animation_frame(move || {
                let first = panel
                    .get_untracked()
                    .and_then(|p| p.query_selector("a").ok().flatten())
                    .and_then(|a| {
                        leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(a).ok()
                    });
                if let Some(first) = first {
                    let _ = first.focus();
                }
            });
        }
    };
    let close_and_return = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && open.get_untracked() {
            event.prevent_default();
            close_and_return();
        }
    };
    let on_panel_click = move |event: leptos::ev::MouseEvent| {
        let on_link = event
            .target()
            .and_then(|t| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|e| e.closest("a").ok().flatten())
            .is_some();
        if on_link {
            open.set(false);
        }
    };
    view! {
        <nav class="section-nav" aria-label="Sections" on:keydown=on_key>
            <ul>
                {top
                    .into_iter()
                    .map(|section| {
                        let href = paths::section_page(&section.path);
                        view! { <li><A href=href>{section.name}</A></li> }
                    })
                    .collect_view()}
            </ul>
            <button
                type="button"
                class="all-sections-button"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls="all-sections"
                on:click=toggle
            >
                "All sections"
            </button>
            <div id="all-sections" class="all-sections" node_ref=panel hidden=move || !open.get() on:click=on_panel_click>
                {branch(&tree, None, 1)}
            </div>
        </nav>
    }
}

/// The sections under `parent` as a nested list, down to `MAX_DEPTH`.
fn branch(tree: &SectionTree, parent: Option<i64>, depth: usize) -> Option<AnyView> {
    let children = tree.children_of(parent);
    if children.is_empty() || depth > MAX_DEPTH {
        return None;
    }
    let items = children
        .into_iter()
        .map(|section| {
            let below = branch(tree, Some(section.id), depth + 1);
            view! {
                <li>
                    <a href=paths::section_page(&section.path)>{section.name.clone()}</a>
                    {below}
                </li>
            }
        })
        .collect_view();
    Some(view! { <ul>{items}</ul> }.into_any())
}
