//! One comment in the moderation queue: who wrote it (with the email only editors see), when, on
//! which article, the text shown as text, a box to select it and a button per decision its state
//! allows.

use std::collections::BTreeSet;

use inkuru_api::desk::{Decision, DeskComment};
use inkuru_api::paths;
use leptos::prelude::*;

use crate::util::dates::{now_ms, reader_ago};

#[component]
pub fn CommentCard(
    comment: DeskComment,
    /// Its place in the list (focus goes back there after a decision).
    position: usize,
    selected: RwSignal<BTreeSet<i64>>,
    working: RwSignal<bool>,
    decide: Callback<(Vec<i64>, Decision, usize)>,
) -> impl IntoView {
    let DeskComment {
        id,
        article_slug,
        article_headline,
        parent_id,
        author_name,
        author_email,
        body,
        created_at,
        state,
    } = comment;
    let decisions = state.decisions();
    let heading = format!("desk-comment-{id}");
    let labelled_by = heading.clone();
    let article_link = inkuru_api::Slug::parse(&article_slug)
        .map(|slug| paths::article_page(&slug))
        .unwrap_or_default();
    let select = (!decisions.is_empty()).then(|| {
        let check_id = format!("desk-select-{id}");
        view! {
            <div class="desk-check">
                <input
                    type="checkbox"
                    id=check_id.clone()
                    aria-label=format!("Select the comment by {author_name}")
                    prop:checked=move || selected.with(|chosen| chosen.contains(&id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|chosen| {
                            if on { chosen.insert(id); } else { chosen.remove(&id); }
                        });
                    }
                />
                <label for=check_id>"Select"</label>
            </div>
        }
    });
    let buttons = decisions
        .iter()
        .map(|&decision| {
            view! {
                <button
                    type="button"
                    class=if decision == Decision::Publish { "button button-primary" } else { "button" }
                    aria-label=format!("{}: the comment by {author_name}", decision.label())
                    aria-disabled=move || working.get().then_some("true")
                    on:click=move |_| decide.run((vec![id], decision, position))
                >
                    {decision.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <li class="desk-comment">
            <article aria-labelledby=labelled_by>
                {select}
                <h2 id=heading>{author_name.clone()}</h2>
                <p class="desk-comment-meta">
                    <span class="desk-email">{author_email}</span>
                    " · "
                    <time datetime=created_at.clone()>{reader_ago(&created_at, now_ms())}</time>
                    " · on "
                    <a href=article_link>{article_headline}</a>
                    {parent_id.map(|_| " · a reply")}
                </p>
                <p class="desk-comment-body">{body}</p>
                <div class="desk-actions">{buttons}</div>
            </article>
        </li>
    }
}
