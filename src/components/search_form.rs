//! The search box: a real GET form to `/search?q=…`, so it works before the app starts and with
//! scripts off; once the app runs, submitting navigates inside the app instead of reloading.
//! Styled in style/layout.css, not scoped.

use inkuru_api::paths;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// A labelled search field and button.
#[component]
pub fn SearchForm(
    /// The field's id (a page may hold two forms: the header's and the search page's).
    id: &'static str,
    /// The query to start with (the search page shows what was searched).
    #[prop(optional, into)]
    initial: String,
    /// Show the label (the search page), or keep it for screen readers only (the header).
    #[prop(optional)]
    visible_label: bool,
) -> impl IntoView {
    let navigate = use_navigate();
    let field = NodeRef::<Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let query = field.get().map(|f| f.value()).unwrap_or_default();
        navigate(&paths::search_page(&query, 1), Default::default());
    };
    view! {
        <form class="search-form" role="search" action="/search" method="get" on:submit=submit>
            <label for=id class=(!visible_label).then_some("visually-hidden")>"Search Inkuru"</label>
            <span class="search-row">
                <input
                    id=id
                    node_ref=field
                    type="search"
                    name="q"
                    value=initial
                    maxlength=inkuru_api::search::MAX_QUERY_CHARS.to_string()
                    autocomplete="off"
                    enterkeyhint="search"
                />
                <button type="submit">"Search"</button>
            </span>
        </form>
    }
}
