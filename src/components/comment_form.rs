//! The comment form: Your name, Your email, Your comment, each with a real label and its error
//! shown right under it. It holds no state of its own: the draft, errors and status come from the
//! page, which owns posting.

use inkuru_api::comments::MAX_BODY_CHARS;
use inkuru_api::{FieldErrors, NewComment};
use leptos::prelude::*;
use stylers_macro::style;

/// DOM id of a field's input, for labels, focus and tests: `comment-name`, `comment-email`, `comment-body`.
pub fn field_id(field: &str) -> String {
    format!("comment-{field}")
}

fn error_id(field: &str) -> String {
    format!("comment-{field}-error")
}

/// The message under a field, present only when the field has an error.
fn field_error(errors: Signal<FieldErrors>, field: &'static str) -> impl IntoView {
    move || {
        errors
            .with(|e| e.get(field).map(str::to_owned))
            .map(|message| {
                view! { <p class="field-error" id=error_id(field)>{message}</p> }
            })
    }
}

/// The form itself. Submitting calls `on_submit`; the page validates and posts.
#[component]
pub fn CommentForm(
    /// What the reader has typed so far.
    draft: RwSignal<NewComment>,
    /// Messages per field (`name`, `email`, `body`), from the shared rules or the server.
    #[prop(into)]
    errors: Signal<FieldErrors>,
    /// True while a post is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// A sentence about the last attempt (sent, or why it failed), announced politely.
    #[prop(into)]
    notice: Signal<Option<String>>,
    /// Called when the reader submits.
    on_submit: Callback<()>,
) -> impl IntoView {
    let scope = style! {
        .comment-form {
            display: grid;
            gap: var(--space-4);
        }
        .counter {
            margin: 0;
            font: var(--meta-font);
            color: var(--muted);
            justify-self: end;
        }
        .trap {
            position: absolute;
            left: -10000px;
            width: 1px;
            height: 1px;
            overflow: hidden;
        }
    };
    let has_error =
        move |field: &'static str| move || errors.with(|e| e.get(field).is_some()).to_string();
    let described_by = move |field: &'static str| {
        move || {
            errors
                .with(|e| e.get(field).is_some())
                .then(|| error_id(field))
        }
    };
    let body_chars = move || draft.with(|d| d.body.chars().count());
    view! { class = scope,
        <form
            class="comment-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(());
            }
        >
            <div class="field">
                <label for=field_id("name")>"Your name"</label>
                <input
                    id=field_id("name")
                    name="name"
                    type="text"
                    autocomplete="name"
                    aria-invalid=has_error("name")
                    aria-describedby=described_by("name")
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                />
                {field_error(errors, "name")}
            </div>
            <div class="field">
                <label for=field_id("email")>"Your email"</label>
                <input
                    id=field_id("email")
                    name="email"
                    type="email"
                    autocomplete="email"
                    aria-invalid=has_error("email")
                    aria-describedby=described_by("email")
                    prop:value=move || draft.with(|d| d.email.clone())
                    on:input=move |ev| draft.update(|d| d.email = event_target_value(&ev))
                />
                {field_error(errors, "email")}
            </div>
            <div class="field">
                <label for=field_id("body")>"Your comment"</label>
                <textarea
                    id=field_id("body")
                    name="body"
                    rows="6"
                    aria-invalid=has_error("body")
                    aria-describedby=described_by("body")
                    prop:value=move || draft.with(|d| d.body.clone())
                    on:input=move |ev| draft.update(|d| d.body = event_target_value(&ev))
                ></textarea>
                {field_error(errors, "body")}
                <p class="counter" data-over=move || (body_chars() > MAX_BODY_CHARS).then_some("")>
                    {move || format!("{} / {MAX_BODY_CHARS}", body_chars())}
                </p>
            </div>
            // The honeypot: off screen, hidden from assistive technology and out of the tab order,
            // so people never fill it in; programs that fill every field do, and are refused.
            <div class="trap" aria-hidden="true">
                <label for="comment-website">"Leave this field empty"</label>
                <input
                    id="comment-website"
                    name="website"
                    type="text"
                    tabindex="-1"
                    autocomplete="off"
                    prop:value=move || draft.with(|d| d.website.clone())
                    on:input=move |ev| draft.update(|d| d.website = event_target_value(&ev))
                />
            </div>
            <p class="form-notice" role="status">{move || notice.get()}</p>
            <div>
                <button type="submit" class="button button-primary" aria-disabled=move || pending.get().then_some("true")>
                    {move || if pending.get() { "Posting…" } else { "Post comment" }}
                </button>
            </div>
        </form>
    }
}
