//! The moderation queue (`/desk?state=…&article=…`): comments of one state (awaiting review by
//! default), newest first, of one article or all; decided one at a time or several at once. Each
//! decision is announced, the list reloads, and focus goes to the comment that took the decided
//! one's place, so an editor can work down the queue by keyboard.

use std::collections::{BTreeMap, BTreeSet};

use inkuru_api::desk::{Decision, Moderate, ModerationQueue, QueueState};
use inkuru_api::Slug;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::comment_card::CommentCard;
use super::Desk;
use crate::api;
use crate::components::ErrorNotice;
use crate::navigation::PageShown;

/// The queue's address for these filters.
fn queue_path(state: QueueState, article: Option<&str>) -> String {
    let mut path = format!("/desk?state={}", state.as_str());
    if let Some(slug) = article {
        path.push_str("&article=");
        path.push_str(slug);
    }
    path
}

/// What the list says when it is empty.
fn nothing_in(state: QueueState) -> &'static str {
    match state {
        QueueState::Held => "Nothing is waiting for review.",
        QueueState::Published => "No published comments here yet.",
        QueueState::Spam => "No comment is marked as spam.",
    }
}

/// The words of a button that decides every selected comment.
fn for_selected(decision: Decision) -> &'static str {
    match decision {
        Decision::Publish => "Publish selected",
        Decision::Reject => "Reject selected",
        Decision::Spam => "Mark selected as spam",
    }
}

/// What an editor is told after a decision: what was done, and what could not be (another
/// editor decided first, or a comment with replies cannot be rejected).
fn told(decision: Decision, done: usize, skipped: usize) -> String {
    let mut sentence = decision.outcome(done);
    match skipped {
        0 => {}
        1 => sentence.push_str(
            " 1 could not be: it was already decided, or it has replies and cannot be rejected.",
        ),
        n => sentence.push_str(&format!(
            " {n} could not be: they were already decided, or have replies and cannot be rejected."
        )),
    }
    sentence
}

#[component]
pub fn Queue() -> impl IntoView {
    let desk = expect_context::<Desk>();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query
            .read()
            .get("state")
            .and_then(|name| QueueState::parse(&name))
            .unwrap_or_default()
    });
    let article = Memo::new(move |_| {
        query
            .read()
            .get("article")
            .and_then(|slug| Slug::parse(&slug).ok())
    });
    let listing = LocalResource::new(move || {
        let (state, article) = (state.get(), article.get());
        async move { api::desk::queue(state, article.as_ref()).await }
    });
    // Articles seen in any listing so far, for the article filter.
    let articles = RwSignal::new(BTreeMap::<String, String>::new());
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let notice = RwSignal::new(None::<String>);
    let focus_after = StoredValue::new(None::<usize>);
    let working = RwSignal::new(false);

    let on_loaded = move |queue: &ModerationQueue| {
        desk.held.set(Some(queue.held_total));
        articles.update(|known| {
            for comment in &queue.comments {
                known.insert(
                    comment.article_slug.clone(),
                    comment.article_headline.clone(),
                );
            }
        });
        let listed: BTreeSet<i64> = queue.comments.iter().map(|c| c.id).collect();
        selected.update(|chosen| chosen.retain(|id| listed.contains(id)));
        if let Some(position) = focus_after.try_update_value(Option::take).flatten() {
            request_animation_frame(move || focus_comment(position));
        }
    };

    let decide = Callback::new(
        move |(ids, decision, position): (Vec<i64>, Decision, usize)| {
            if ids.is_empty() {
                notice.set(Some("Select one or more comments first.".into()));
                return;
            }
            if working.get_untracked() || !confirmed(decision, ids.len()) {
                return;
            }
            working.set(true);
            notice.set(None);
            spawn_local(async move {
                let answer = api::desk::moderate(&Moderate { ids, decision }).await;
                working.set(false);
                match answer {
                    Ok(moderated) => {
                        notice.set(Some(told(
                            decision,
                            moderated.done.len(),
                            moderated.skipped.len(),
                        )));
                        focus_after.set_value(Some(position));
                        listing.refetch();
                    }
                    Err(error) => notice.set(Some(desk.failed(&error))),
                }
            });
        },
    );

    let navigate = use_navigate();
    let go = move |state: QueueState, article: Option<String>| {
        navigate(&queue_path(state, article.as_deref()), Default::default());
    };
    let go_state = go.clone();

    view! {
        <header class="page-header">
            <h1>"Moderation"</h1>
            <PageShown label="Moderation"/>
        </header>
        <div class="desk-filters">
            <div class="field">
                <label for="desk-state">"Show"</label>
                <select
                    id="desk-state"
                    on:change=move |ev| {
                        let state = QueueState::parse(&event_target_value(&ev)).unwrap_or_default();
                        go_state(state, article.get_untracked().map(|s| s.to_string()));
                    }
                >
                    {QueueState::ALL.into_iter().map(|option| view! {
                        <option value=option.as_str() selected=move || state.get() == option>{option.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="desk-article">"Article"</label>
                <select
                    id="desk-article"
                    on:change=move |ev| {
                        let slug = event_target_value(&ev);
                        go(state.get_untracked(), (!slug.is_empty()).then_some(slug));
                    }
                >
                    <option value="" selected=move || article.get().is_none()>"All articles"</option>
                    {move || {
                        let current = article.get().map(|s| s.to_string());
                        let mut known = articles.get();
                        if let Some(slug) = &current {
                            known.entry(slug.clone()).or_insert_with(|| slug.clone());
                        }
                        known.into_iter().map(|(slug, headline)| {
                            let chosen = current.as_deref() == Some(slug.as_str());
                            view! { <option value=slug selected=chosen>{headline}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
        </div>
        <p class="form-notice desk-notice" role="status">{move || notice.get()}</p>
        <Transition fallback=|| view! { <p class="desk-waiting">"Loading comments…"</p> }>
            {move || Suspend::new(async move {
                match listing.await {
                    Ok(queue) => {
                        on_loaded(&queue);
                        let state = state.get_untracked();
                        if queue.comments.is_empty() {
                            return view! { <p class="empty">{nothing_in(state)}</p> }.into_any();
                        }
                        let ids: Vec<i64> = queue.comments.iter().map(|c| c.id).collect();
                        view! {
                            <BulkBar state ids selected working decide/>
                            <ol class="desk-comments">
                                {queue.comments.into_iter().enumerate().map(|(position, comment)| view! {
                                    <CommentCard comment position selected working decide/>
                                }).collect_view()}
                            </ol>
                        }
                        .into_any()
                    }
                    Err(error) => {
                        let message = desk.failed(&error);
                        view! { <ErrorNotice message on_retry=Callback::new(move |_| listing.refetch())/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Select all, how many are selected, and a button per decision for them.
#[component]
fn BulkBar(
    state: QueueState,
    ids: Vec<i64>,
    selected: RwSignal<BTreeSet<i64>>,
    working: RwSignal<bool>,
    decide: Callback<(Vec<i64>, Decision, usize)>,
) -> impl IntoView {
    let decisions = state.decisions();
    if decisions.is_empty() {
        return ().into_any();
    }
    let total = ids.len();
    let all_chosen = move || selected.with(|chosen| chosen.len() == total);
    view! {
        <div class="desk-bulk" role="group" aria-label="Selected comments">
            <div class="desk-check">
                <input
                    type="checkbox"
                    id="desk-select-all"
                    prop:checked=all_chosen
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.set(if on { ids.iter().copied().collect() } else { BTreeSet::new() });
                    }
                />
                <label for="desk-select-all">"Select all"</label>
            </div>
            <p class="desk-selected">{move || format!("{} of {total} selected", selected.with(BTreeSet::len))}</p>
            <div class="desk-actions">
                {decisions.iter().map(|&decision| view! {
                    <button
                        type="button"
                        class="button"
                        aria-disabled=move || (selected.with(BTreeSet::is_empty) || working.get()).then_some("true")
                        on:click=move |_| {
                            let ids: Vec<i64> = selected.get_untracked().into_iter().collect();
                            decide.run((ids, decision, 0));
                        }
                    >
                        {for_selected(decision)}
                    </button>
                }).collect_view()}
            </div>
        </div>
    }
    .into_any()
}

/// Rejecting deletes for good: the editor says so first.
fn confirmed(decision: Decision, count: usize) -> bool {
    if decision != Decision::Reject {
        return true;
    }
    let question = if count == 1 {
        "Reject this comment? It is deleted for good.".to_owned()
    } else {
        format!("Reject these {count} comments? They are deleted for good.")
    };
    window().confirm_with_message(&question).unwrap_or(false)
}

/// Moves focus to the comment at `position` in the list (or the last one, or the page's heading
/// when the list is empty).
fn focus_comment(position: usize) {
    let Ok(headings) = document().query_selector_all(".desk-comment h2") else {
        return;
    };
    let count = headings.length() as usize;
    let target = if count == 0 {
        document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .map(Into::into)
    } else {
        headings.item(position.min(count - 1) as u32)
    };
    if let Some(element) = target.and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok()) {
        if !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_an_address() {
        assert_eq!(queue_path(QueueState::Held, None), "/desk?state=held");
        assert_eq!(
            queue_path(QueueState::Spam, Some("kigali-jazz")),
            "/desk?state=spam&article=kigali-jazz"
        );
    }

    #[test]
    fn an_editor_is_told_what_happened_and_what_did_not() {
        assert_eq!(told(Decision::Publish, 2, 0), "2 comments published.");
        let partly = told(Decision::Reject, 1, 1);
        assert!(
            partly.starts_with("1 comment rejected. 1 could not be: it was"),
            "{partly}"
        );
        let more = told(Decision::Spam, 0, 3);
        assert!(
            more.starts_with("0 comments marked as spam. 3 could not be: they were"),
            "{more}"
        );
    }
}
