//! The comments region of an article page: the list, and a panel with the form that the reader
//! opens and closes (WAI-ARIA disclosure). It owns loading and posting; the form and list only render.

use inkuru_api::{Comment, FieldErrors, NewComment, Slug};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::comment_form::field_id;
use crate::components::{CommentForm, CommentList, ErrorNotice};

/// Moves keyboard focus to the element with `id`, if it is on the page.
fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = document().get_element_by_id(id) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}

/// Focuses the first field with an error, in form order, so the reader lands where the fix is.
fn focus_first_error(errors: &FieldErrors) {
    if let Some(field) = ["name", "email", "body"]
        .into_iter()
        .find(|f| errors.get(f).is_some())
    {
        focus(&field_id(field));
    }
}

/// Comments under an article, with the "Leave your comment" panel.
#[component]
pub fn CommentsSection(
    /// The article the comments belong to.
    slug: Slug,
    /// Comments the article had when it was loaded.
    count: u32,
) -> impl IntoView {
    let loaded = LocalResource::new({
        let slug = slug.clone();
        move || {
            let slug = slug.clone();
            async move { api::comments::list(&slug).await }
        }
    });
    // Comments posted on this page since it loaded, shown at once without refetching.
    let posted = RwSignal::new(Vec::<Comment>::new());
    // What the reader typed here before (a reload, another page, a closed tab) comes back, with
    // the panel open if there were words in it; every change is kept as it is typed.
    let restored = crate::drafts::load(&slug);
    let had_words = restored.as_ref().is_some_and(|d| !d.body.trim().is_empty());
    let draft = RwSignal::new(restored.unwrap_or_default());
    let open = RwSignal::new(had_words);
    Effect::new({
        let slug = slug.clone();
        move |_| draft.with(|d| crate::drafts::save(&slug, d))
    });
    let errors = RwSignal::new(FieldErrors::new());
    let pending = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    // The submission being sent and its key: sending the same words again (after a failure) reuses
    // the key, so if the first attempt did reach the server, no second copy is stored.
    let submission = StoredValue::new(None::<(NewComment, String)>);

    let submit = Callback::new(move |()| {
        if pending.get_untracked() {
            return; // a double click sends once
        }
        let comment = draft.get_untracked().normalised();
        if let Err(field_errors) = comment.validate() {
            focus_first_error(&field_errors);
            errors.set(field_errors);
            notice.set(None);
            return;
        }
        errors.set(FieldErrors::new());
        notice.set(None);
        pending.set(true);
        let key = submission
            .with_value(|sent| {
                sent.as_ref()
                    .filter(|(words, _)| *words == comment)
                    .map(|(_, key)| key.clone())
            })
            .unwrap_or_else(api::comments::new_submission_key);
        submission.set_value(Some((comment.clone(), key.clone())));
        let slug = slug.clone();
        spawn_local(async move {
            let result = api::comments::create(&slug, &comment, &key).await;
            pending.set(false);
            match result {
                Ok(stored) => {
                    submission.set_value(None);
                    posted.update(|list| list.push(stored));
                    // The name and email stay for the next comment; only the text is done with.
                    draft.update(|d| {
                        d.body.clear();
                        d.parent_id = None;
                    });
                    notice.set(Some("Thank you. Your comment is published below.".into()));
                }
                Err(ApiError::Validation(field_errors)) => {
                    focus_first_error(&field_errors);
                    errors.set(field_errors);
                }
                Err(error) => notice.set(Some(format!(
                    "Your comment was not sent: {error} Your text is still here."
                ))),
            }
        });
    });

    let toggle = move |_| {
        let now_open = !open.get_untracked();
        open.set(now_open);
        if now_open {
            request_animation_frame(|| focus(&field_id("name")));
        }
    };
    let close = move |_| {
        open.set(false);
        focus("comment-toggle");
    };

    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">
                "Comments "
                <span class="comment-count">
                    {move || {
                        let shown = loaded.get().and_then(|r| r.ok()).map(|l| l.comments.len() as u32).unwrap_or(count);
                        format!("({})", shown + posted.with(|p| p.len() as u32))
                    }}
                </span>
            </h2>
            <button
                type="button"
                id="comment-toggle"
                class="button button-primary"
                aria-expanded=move || open.get().to_string()
                aria-controls="comment-panel"
                on:click=toggle
            >
                "Leave your comment"
            </button>
            <div
                id="comment-panel"
                class="comment-panel"
                hidden=move || !open.get()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                        focus("comment-toggle");
                    }
                }
            >
                <div class="panel-bar">
                    <h3>"Leave your comment"</h3>
                    <button type="button" class="button button-quiet" on:click=close>"Close ×"</button>
                </div>
                <CommentForm draft errors pending notice on_submit=submit/>
            </div>
            <Transition fallback=|| view! { <p class="loading">"Loading comments…"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => {
                            let all = Signal::derive(move || {
                                let mut all = list.comments.clone();
                                let new: Vec<Comment> = posted.with(|p| {
                                    p.iter().filter(|c| !all.iter().any(|a| a.id == c.id)).cloned().collect()
                                });
                                all.extend(new);
                                all
                            });
                            view! { <CommentList comments=all/> }.into_any()
                        }
                        Err(error) => {
                            view! {
                                <ErrorNotice message=error.to_string() on_retry=Callback::new(move |_| loaded.refetch())/>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
