//! The Saved page (`/saved`): the articles saved for later, which open offline, newest or oldest
//! saved first, each with Remove. Drawn from this browser's list alone, so it works offline.

use leptos::prelude::*;

use crate::components::ArticleCard;
use crate::navigation::PageShown;
use crate::saved::{self, SavedArticle};
use crate::util::dates::reader_ago;
use crate::views::SavedHead;

#[component]
pub fn SavedPage() -> impl IntoView {
    // The server wrote no content for this page (see crate::prerender).
    crate::prerender::discard();
    let list = RwSignal::new(saved::load());
    let newest_first = RwSignal::new(true);
    let shown = move || {
        let mut items: Vec<SavedArticle> = list.get();
        items.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        if !newest_first.get() {
            items.reverse();
        }
        items
    };
    let now = js_sys::Date::now();
    view! {
        <SavedHead/>
        <PageShown label="Saved articles"/>
        <header class="page-header">
            <h1>"Saved articles"</h1>
            <p class="page-intro">"Articles you save open without a connection, with their pictures, until you remove them."</p>
        </header>
        <Show
            when=move || list.with(|l| !l.is_empty())
            fallback=|| view! {
                <p class="empty">"Nothing saved yet. Use “Save for later” on an article to keep it for reading offline."</p>
            }
        >
            <div class="saved-sort">
                <label for="saved-order">"Order"</label>
                <select
                    id="saved-order"
                    on:change=move |ev| newest_first.set(event_target_value(&ev) == "newest")
                >
                    <option value="newest" selected=move || newest_first.get()>"Newest saved first"</option>
                    <option value="oldest" selected=move || !newest_first.get()>"Oldest saved first"</option>
                </select>
            </div>
            <ol class="saved-list">
                {move || {
                    shown()
                        .into_iter()
                        .map(|item| {
                            let slug = item.summary.slug.clone();
                            let label = format!("Remove “{}”", item.summary.headline);
                            view! {
                                <li class="saved-item">
                                    <ArticleCard summary=item.summary/>
                                    <p class="saved-meta">
                                        {format!("Saved {}", reader_ago(&item.saved_at, now))}
                                        <button
                                            type="button"
                                            class="link-button"
                                            aria-label=label
                                            on:click=move |_| {
                                                saved::remove(&slug);
                                                list.set(saved::load());
                                            }
                                        >
                                            "Remove"
                                        </button>
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </Show>
    }
}
