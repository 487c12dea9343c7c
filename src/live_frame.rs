//! The live header and footer: the app's own copies of the frame (`crate::views::frame`), each put
//! into its slot of index.html in place of the copy the server wrote there. They are a chunk of
//! their own (`crate::lazy::live_frame`), fetched when the app starts and drawn when it arrives:
//! the server's copies stand until then, and their links already work (the router follows any
//! link on the page).

use inkuru_api::SectionTree;
use leptos::portal::Portal;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use send_wrapper::SendWrapper;

use crate::api::ApiError;
use crate::components::SectionNav;
use crate::views::{SectionNavPlaceholder, SiteFooter, SiteHeader};

/// index.html's slots for the header and footer (ids), each holding the server's copy until the
/// app's copy is in place.
const HEADER_SLOT: &str = "site-header";
const FOOTER_SLOT: &str = "site-footer";

/// The header with the section row, and the footer, each in its slot.
#[component]
pub fn LiveFrame(sections: LocalResource<Result<SectionTree, ApiError>>) -> impl IntoView {
    view! {
        {in_slot(HEADER_SLOT, move || view! { <LiveHeader sections/> })}
        {in_slot(FOOTER_SLOT, || view! { <SiteFooter/> })}
    }
}

/// The site header with the section row, once the sections are here. If they fail to load, the
/// masthead still shows.
#[component]
fn LiveHeader(sections: LocalResource<Result<SectionTree, ApiError>>) -> impl IntoView {
    view! {
        <SiteHeader>
            <Transition fallback=|| view! { <SectionNavPlaceholder/> }>
                {move || Suspend::new(async move {
                    match sections.await {
                        Ok(tree) => view! { <SectionNav tree/> }.into_any(),
                        Err(_) => view! { <SectionNavPlaceholder/> }.into_any(),
                    }
                })}
            </Transition>
        </SiteHeader>
    }
}

/// `view` rendered into the slot `id` of index.html (keeping this app's context: router, sections),
/// or where it stands if the page has no such slot (a test page).
fn in_slot<V: IntoView + 'static>(
    id: &'static str,
    view: impl Fn() -> V + Send + Sync + 'static,
) -> AnyView {
    match document().get_element_by_id(id) {
        Some(slot) => {
            let server_copy = slot.children();
            let server_copy: Vec<web_sys::Element> = (0..server_copy.length())
                .filter_map(|i| server_copy.item(i))
                .collect();
            // Elements stay on the browser's one thread; the portal's view function must be Send.
            let server_copy = SendWrapper::new(server_copy);
            view! {
                <Portal mount=slot>
                    {
                        // First runs once the app's copy is in the slot, before the next frame: the
                        // reader never sees both copies or neither.
                        let server_copy = server_copy.clone();
                        Effect::new(move || retire_server_copy(id, &server_copy));
                        view()
                    }
                </Portal>
            }
        }
        .into_any(),
        None => view().into_any(),
    }
}

/// Removes the server's copy of a slot's content, carrying over what the reader did with it.
/// The slot is then marked `data-live`: the app runs the page (what tests wait for).
fn retire_server_copy(slot: &str, copy: &[web_sys::Element]) {
    for element in copy {
        carry_over_fields(slot, element);
        element.remove();
    }
    if let Some(slot) = document().get_element_by_id(slot) {
        let _ = slot.set_attribute("data-live", "");
    }
}

/// What a reader typed into the server copy's fields (the search box) before the app started, and
/// where the focus was, move to the app's copy of the same field: nothing typed is lost.
fn carry_over_fields(slot: &str, copy: &web_sys::Element) {
    let Ok(fields) = copy.query_selector_all("input[id]") else {
        return;
    };
    let focused = document().active_element();
    for index in 0..fields.length() {
        let Some(field) = fields
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        // The server's copy is still in the slot: the app's field is the one that is not in it.
        let Ok(candidates) = document().query_selector_all(&format!("#{slot} #{}", field.id()))
        else {
            continue;
        };
        let live = (0..candidates.length())
            .filter_map(|i| candidates.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
            .find(|candidate| !copy.contains(Some(candidate)));
        let Some(live) = live else {
            continue;
        };
        if !field.value().is_empty() {
            live.set_value(&field.value());
        }
        if focused
            .as_ref()
            .is_some_and(|f| f.is_same_node(Some(&field)))
        {
            let _ = live.focus();
        }
    }
}
