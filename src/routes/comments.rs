//! The comments region of an article page: the threads, a panel with the form that the reader
//! opens and closes (WAI-ARIA disclosure), and a reply form that opens in place under a comment.
//! It owns the draft and what the reader does; sending goes through the outbox
//! (`crate::outbox`), so no comment is lost to a failed network, a reload or a server error.

use inkuru_api::comments::MIN_COMPOSE_MS;
use inkuru_api::{Comment, CommentPolicy, CommentStatus, FieldErrors, NewComment, Slug};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::app::SiteInfo;
use crate::components::comment_form::field_id;
use crate::components::{CommentActions, CommentForm, CommentList, ErrorNotice};
use crate::outbox::{Outbox, Outcome};
use crate::{author_token, drafts};

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

/// Focuses the first field still to fill in (the comment itself when name and email are known).
fn focus_first_empty(draft: &NewComment) {
    let field = if draft.name.trim().is_empty() {
        "name"
    } else if draft.email.trim().is_empty() {
        "email"
    } else {
        "body"
    };
    let id = field_id(field);
    request_animation_frame(move || focus(&id));
}

/// What the reader is told once the server has the comment.
fn thanks(comment: &Comment) -> String {
    match comment.status {
        CommentStatus::Published => "Thank you. Your comment is published.".into(),
        CommentStatus::Held => "Thank you. An editor reads comments before they are published; until then only you can see yours, marked “Awaiting moderation”.".into(),
    }
}

/// Comments under an article, with the "Leave your comment" panel.
#[component]
pub fn CommentsSection(
    /// The article the comments belong to.
    slug: Slug,
    /// Comments the article had when it was loaded.
    count: u32,
    /// Whether the article takes new comments.
    #[prop(default = true)]
    open_for_comments: bool,
) -> impl IntoView {
    let outbox = use_context::<Outbox>().unwrap_or_else(Outbox::provide);
    outbox.start();
    let loaded = LocalResource::new({
        let slug = slug.clone();
        move || {
            let slug = slug.clone();
            async move { api::comments::list(&slug, author_token::load().as_deref()).await }
        }
    });
    let delivered = outbox.delivered_on(slug.clone());
    let unsent = outbox.on_article(slug.clone());
    // What the reader typed here before (a reload, another page, a closed tab) comes back, with
    // the form open if there were words in it; every change is kept as it is typed.
    let restored = drafts::load(&slug);
    let had_words = restored.as_ref().is_some_and(|d| !d.body.trim().is_empty());
    let replying = RwSignal::new(restored.as_ref().and_then(|d| d.parent_id));
    let draft = RwSignal::new(restored.unwrap_or_default());
    let open = RwSignal::new(had_words && replying.get_untracked().is_none());
    Effect::new({
        let slug = slug.clone();
        move |_| draft.with(|d| drafts::save(&slug, d))
    });
    let errors = RwSignal::new(FieldErrors::new());
    let pending = RwSignal::new(false);
    let form_notice = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let page_opened = js_sys::Date::now();

    // Stored comments: the page loaded, then those delivered since (here or by the outbox).
    let stored = Signal::derive(move || {
        let mut all: Vec<Comment> = loaded
            .get()
            .and_then(Result::ok)
            .map(|list| list.comments)
            .unwrap_or_default();
        for comment in delivered.get() {
            if !all.iter().any(|c| c.id == comment.id) {
                all.push(comment);
            }
        }
        all
    });
    // Once the server confirms the comment in the form (sent now, or from the outbox), and only
    // then, its text is cleared; the name and email stay for the next one.
    Effect::new(move |_| {
        if let Some(last) = delivered.get().last() {
            if draft.with_untracked(|d| drafts::is_sent(d, &last.body)) {
                let parent = last.parent_id;
                draft.update(|d| {
                    d.body.clear();
                    d.parent_id = None;
                });
                if replying.get_untracked().is_some() {
                    replying.set(None);
                    if let Some(parent) = parent {
                        request_animation_frame(move || focus(&format!("reply-{parent}")));
                    }
                }
                form_notice.set(None);
                status.set(Some(thanks(last)));
            }
        }
    });
    // A restored reply whose comment is no longer shown becomes a comment on the article.
    Effect::new(move |_| {
        if let (Some(parent), Some(Ok(list))) = (replying.get_untracked(), loaded.get()) {
            if !list.comments.iter().any(|c| c.id == parent) {
                replying.set(None);
                draft.update(|d| d.parent_id = None);
                open.set(true);
            }
        }
    });

    let submit = Callback::new({
        let slug = slug.clone();
        move |()| {
            if pending.get_untracked() {
                return; // a double click sends once
            }
            let mut comment = draft.get_untracked().normalised();
            if let Err(field_errors) = comment.validate() {
                focus_first_error(&field_errors);
                errors.set(field_errors);
                form_notice.set(None);
                return;
            }
            errors.set(FieldErrors::new());
            form_notice.set(None);
            status.set(None);
            pending.set(true);
            let written_for = drafts::writing_for_ms(&slug)
                .unwrap_or_else(|| (js_sys::Date::now() - page_opened).max(0.0) as u64);
            // People are rarely this quick, but when they are, waiting a moment beats refusing;
            // the comment waits in the outbox, so a reload meanwhile loses nothing.
            let wait = MIN_COMPOSE_MS.saturating_sub(written_for);
            comment.composed_ms = written_for + wait;
            let not_before = js_sys::Date::now() as u64 + wait;
            let slug = slug.clone();
            spawn_local(async move {
                let outcome = outbox.send(slug, comment, not_before).await;
                pending.set(false);
                match outcome {
                    // The effect on `delivered` clears the text and thanks the reader.
                    Outcome::Delivered(_) => {}
                    Outcome::Invalid(field_errors) => {
                        focus_first_error(&field_errors);
                        errors.set(field_errors);
                    }
                    Outcome::NotYet(why) => form_notice.set(Some(format!(
                        "Not sent yet: {why} Your comment is kept in this browser and will be sent as soon as Inkuru can be reached."
                    ))),
                    Outcome::Refused(why) => form_notice.set(Some(format!(
                        "Your comment was not sent: {why} Your text is still here."
                    ))),
                }
            });
        }
    });

    // Words already in the outbox are safe there: a new comment or reply starts without them.
    let drop_queued_words = move || {
        let queued = unsent.with_untracked(|u| {
            draft.with_untracked(|d| u.iter().any(|e| drafts::is_sent(d, &e.comment.body)))
        });
        if queued {
            draft.update(|d| d.body.clear());
        }
    };
    let toggle = move |()| {
        let now_open = !open.get_untracked();
        if now_open && replying.get_untracked().is_some() {
            replying.set(None);
            drop_queued_words();
            draft.update(|d| d.parent_id = None);
        }
        open.set(now_open);
        if now_open {
            focus_first_empty(&draft.get_untracked());
        }
    };
    let close = move || {
        open.set(false);
        focus("comment-toggle");
    };
    let start_reply = Callback::new(move |parent: i64| {
        open.set(false);
        replying.set(Some(parent));
        drop_queued_words();
        draft.update(|d| d.parent_id = Some(parent));
        errors.set(FieldErrors::new());
        form_notice.set(None);
        focus_first_empty(&draft.get_untracked());
    });
    let cancel_reply = move || {
        if let Some(parent) = replying.get_untracked() {
            replying.set(None);
            draft.update(|d| d.parent_id = None);
            focus(&format!("reply-{parent}"));
        }
    };
    let edit = Callback::new(move |key: String| {
        let Some(entry) = unsent.with_untracked(|u| u.iter().find(|e| e.key == key).cloned())
        else {
            return;
        };
        let busy = draft.with_untracked(|d| {
            !d.body.trim().is_empty() && d.body.trim() != entry.comment.body.trim()
        });
        if busy {
            status.set(Some(
                "You are writing another comment: post or clear it first, then edit this one."
                    .into(),
            ));
            return;
        }
        outbox.discard(&key);
        draft.set(NewComment {
            composed_ms: 0,
            ..entry.comment.clone()
        });
        match entry.comment.parent_id {
            Some(parent) => start_reply.run(parent),
            None => {
                replying.set(None);
                open.set(true);
                request_animation_frame(|| focus(&field_id("body")));
            }
        }
    });
    let actions = CommentActions {
        reply: open_for_comments.then_some(start_reply),
        replying: Some(replying.into()),
        retry: Some(Callback::new(move |key: String| outbox.retry(key))),
        edit: Some(edit),
        discard: Some(Callback::new(move |key: String| outbox.discard(&key))),
    };
    let reply_form = StoredValue::new(ViewFn::from(move || {
        view! {
            <div
                class="reply-form"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        cancel_reply();
                    }
                }
            >
                <div class="panel-bar">
                    <h3>"Your reply"</h3>
                    <button type="button" class="button button-quiet" on:click=move |_| cancel_reply()>"Cancel"</button>
                </div>
                <CommentForm draft errors pending notice=form_notice on_submit=submit/>
            </div>
        }
    }));
    let moderated = move || {
        use_context::<SiteInfo>()
            .and_then(|site| site.0.get())
            .and_then(Result::ok)
            .is_some_and(|site| site.comments == CommentPolicy::Moderated)
    };

    let count = Signal::derive(move || {
        let published = stored.with(|all| {
            all.iter()
                .filter(|c| c.status == CommentStatus::Published)
                .count() as u32
        });
        if loaded.get().is_some() {
            published
        } else {
            count
        }
    });
    let panel = view! {
        <div
            id="comment-panel"
            class="comment-panel"
            hidden=move || !open.get()
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <div class="panel-bar">
                <h3>"Leave your comment"</h3>
                <button type="button" class="button button-quiet" on:click=move |_| close()>"Close ×"</button>
            </div>
            {move || moderated().then(|| view! {
                <p class="form-hint">"An editor reads every comment before it is published."</p>
            })}
            {move || replying.get().is_none().then(|| view! {
                <CommentForm draft errors pending notice=form_notice on_submit=submit/>
            })}
        </div>
    };
    view! {
        <CommentsRegion
            count
            open_for_comments
            expanded=open.into()
            on_toggle=Callback::new(toggle)
            panel=panel.into_any()
            status=status.into()
        >
            <Transition fallback=|| view! { <p class="loading">"Loading comments…"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(_) => {
                            view! { <CommentList comments=stored unsent actions reply_form=reply_form.get_value()/> }.into_any()
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
        </CommentsRegion>
    }
}

/// The comments region's frame: the heading with the number of comments, the button that opens
/// the form's panel (or the line saying comments are closed), the status line, then `children`
/// (the threads). The live section (`CommentsSection`) and the server's first view of a partner's
/// comments frame (`crate::embed::CommentsFirstView`) both draw it, so the two cannot differ.
#[component]
pub fn CommentsRegion(
    /// Published comments.
    count: Signal<u32>,
    open_for_comments: bool,
    /// Whether the form's panel is open.
    expanded: Signal<bool>,
    on_toggle: Callback<()>,
    /// The form's panel, after its button (none where nothing can be written yet).
    #[prop(optional)]
    panel: Option<AnyView>,
    /// What the reader is told after sending.
    status: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let controls = panel.is_some().then_some("comment-panel");
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">
                "Comments "
                <span class="comment-count">{move || format!("({})", count.get())}</span>
            </h2>
            {if open_for_comments {
                view! {
                    <button
                        type="button"
                        id="comment-toggle"
                        class="button button-primary"
                        aria-expanded=move || expanded.get().to_string()
                        aria-controls=controls
                        on:click=move |_| on_toggle.run(())
                    >
                        "Leave your comment"
                    </button>
                    {panel}
                }
                    .into_any()
            } else {
                view! { <p class="comments-closed">"Comments are closed on this article."</p> }.into_any()
            }}
            <p class="comment-status" role="status">{move || status.get()}</p>
            {children()}
        </section>
    }
}
