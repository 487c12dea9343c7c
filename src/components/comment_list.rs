//! Comments as threads: a comment on the article, the replies to it nested below, and theirs
//! nested once more (deeper ones say whom they answer; see `crate::util::threads`). A thread's
//! replies collapse and expand. Comments still in the outbox are shown where they will appear,
//! marked as sending, waiting or refused, with what the reader can do about it; a comment held
//! for review is shown to its author marked "Awaiting moderation". Text is always rendered as
//! text, never as HTML.

use std::collections::HashSet;

use inkuru_api::{Comment, CommentStatus};
use leptos::prelude::*;
use stylers_macro::style;

use crate::outbox::{Delivery, Outgoing};
use crate::util::dates::{now_ms, reader_ago, reader_date};
use crate::util::links::{pieces, Piece};
use crate::util::names::{hue, initials};
use crate::util::threads::{threads, Placed, Threaded};

/// A comment as the list shows it: stored, or still in the outbox.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Stored(Comment),
    Unsent(Outgoing),
}

impl Threaded for Shown {
    fn id(&self) -> Option<i64> {
        match self {
            Shown::Stored(comment) => Some(comment.id),
            Shown::Unsent(_) => None,
        }
    }
    fn parent_id(&self) -> Option<i64> {
        match self {
            Shown::Stored(comment) => comment.parent_id,
            Shown::Unsent(outgoing) => outgoing.comment.parent_id,
        }
    }
    fn author(&self) -> &str {
        match self {
            Shown::Stored(comment) => &comment.author_name,
            Shown::Unsent(outgoing) => outgoing.comment.name.trim(),
        }
    }
}

/// What the reader can do with comments: reply, and act on those not sent. Absent actions are
/// not offered.
#[derive(Clone, Copy, Default)]
pub struct CommentActions {
    /// Opens the reply form under the comment with this id.
    pub reply: Option<Callback<i64>>,
    /// Which comment has the reply form open under it.
    pub replying: Option<Signal<Option<i64>>>,
    /// Sends an unsent comment (by submission key) again now.
    pub retry: Option<Callback<String>>,
    /// Puts an unsent comment's text back into the form to change it.
    pub edit: Option<Callback<String>>,
    /// Drops an unsent comment.
    pub discard: Option<Callback<String>>,
}

/// The threads, or a friendly line when there are none.
#[component]
pub fn CommentList(
    /// Stored comments, in the order they were posted.
    #[prop(into)]
    comments: Signal<Vec<Comment>>,
    /// Comments in the outbox for this article, in the order they were sent.
    #[prop(optional, into)]
    unsent: Signal<Vec<Outgoing>>,
    #[prop(optional)] actions: CommentActions,
    /// The reply form, rendered under the comment being replied to.
    #[prop(optional)]
    reply_form: Option<ViewFn>,
) -> impl IntoView {
    // "5 minutes ago" stays true: the clock the relative times read ticks every half minute (in
    // the browser: where the server writes the list, it is drawn once).
    let now = RwSignal::new(now_ms());
    #[cfg(target_arch = "wasm32")]
    if let Ok(ticker) = set_interval_with_handle(
        move || now.set(now_ms()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || ticker.clear());
    }
    let collapsed = RwSignal::new(HashSet::<i64>::new());
    let laid_out = Signal::derive(move || {
        let mut shown: Vec<Shown> = comments.get().into_iter().map(Shown::Stored).collect();
        shown.extend(unsent.get().into_iter().map(Shown::Unsent));
        threads(&shown)
    });
    let scope = style! {
        .comment-list, .replies {
            list-style: none;
            margin: 0;
            padding: 0;
        }
        .replies {
            margin-inline-start: 1.25rem;
            padding-inline-start: var(--space-3);
            border-left: 2px solid var(--rule);
        }
        .comment {
            display: grid;
            grid-template-columns: 2.5rem 1fr;
            gap: var(--space-1) var(--space-3);
            padding-block: var(--space-4);
            border-top: 1px solid var(--rule);
        }
        .replies .comment {
            border-top: none;
            padding-block: var(--space-3);
        }
        .avatar {
            grid-row: span 3;
            display: grid;
            place-items: center;
            width: 2.5rem;
            height: 2.5rem;
            border-radius: 50%;
            color: white;
            font: var(--label-font);
        }
        .comment-meta {
            margin: 0;
            font: var(--meta-font);
            color: var(--muted);
        }
        .comment-meta strong {
            color: var(--ink);
            margin-inline-end: var(--space-2);
        }
        .comment-body {
            margin: 0;
            white-space: pre-line;
            overflow-wrap: anywhere;
        }
        .state {
            display: inline-block;
            margin-inline-start: var(--space-2);
            padding: 0 var(--space-2);
            border-radius: 999px;
            background: var(--highlight);
            color: var(--ink);
            font-weight: 600;
        }
        .refused .state {
            background: none;
            color: var(--error);
            padding: 0;
        }
        .unsent .comment-body {
            color: var(--muted-ink);
        }
        .comment-actions {
            display: flex;
            flex-wrap: wrap;
            gap: var(--space-3);
            grid-column: 2;
        }
        .comment-actions button {
            min-height: 2.75rem;
            min-width: 2.75rem;
            padding: 0;
            border: none;
            background: none;
            color: var(--ink);
            font: var(--label-font);
            text-decoration: underline;
            cursor: pointer;
        }
        .thread-toggle {
            padding-left: calc(2.5rem + var(--space-3));
        }
        .reply-slot {
            grid-column: 1 / -1;
        }
        .no-comments {
            color: var(--muted-ink);
        }
    };
    let reply_form = StoredValue::new(reply_form);
    let entry = move |placed: Placed<Shown>| match placed.item {
        Shown::Stored(comment) => stored_view(
            scope,
            comment,
            placed.in_reply_to,
            now,
            actions,
            reply_form.get_value(),
        )
        .into_any(),
        Shown::Unsent(outgoing) => {
            unsent_view(scope, outgoing, placed.in_reply_to, actions).into_any()
        }
    };
    view! { class = scope,
        <Show
            when=move || laid_out.with(|t| !t.is_empty())
            fallback=move || view! { class = scope, <p class="no-comments">"No comments yet. Be the first to share your view."</p> }
        >
            <ol class="comment-list">
                {move || {
                    laid_out
                        .get()
                        .into_iter()
                        .map(|thread| {
                            let count = thread.reply_count();
                            let thread_id = thread.comment.item.id();
                            let replies_id = thread_id.map(|id| format!("replies-{id}")).unwrap_or_default();
                            let is_collapsed = move || thread_id.is_some_and(|id| collapsed.with(|c| c.contains(&id)));
                            let toggle = (count > 0 && thread_id.is_some()).then(|| {
                                let label = move || {
                                    let noun = if count == 1 { "reply" } else { "replies" };
                                    if is_collapsed() { format!("Show {count} {noun}") } else { format!("Hide {count} {noun}") }
                                };
                                view! { class = scope,
                                    <div class="comment-actions thread-toggle">
                                        <button
                                            type="button"
                                            aria-expanded=move || (!is_collapsed()).to_string()
                                            aria-controls=replies_id.clone()
                                            on:click=move |_| {
                                                if let Some(id) = thread_id {
                                                    collapsed.update(|c| if !c.remove(&id) { c.insert(id); });
                                                }
                                            }
                                        >
                                            {label}
                                        </button>
                                    </div>
                                }
                            });
                            let replies = (count > 0).then(|| {
                                view! { class = scope,
                                    <ol class="replies" id=thread_id.map(|id| format!("replies-{id}")) hidden=is_collapsed>
                                        {thread.replies.into_iter().map(|reply| {
                                            let deeper = (!reply.replies.is_empty()).then(|| view! { class = scope,
                                                <ol class="replies">
                                                    {reply.replies.into_iter().map(|placed| view! { class = scope, <li>{entry(placed)}</li> }).collect_view()}
                                                </ol>
                                            });
                                            view! { class = scope, <li>{entry(reply.comment)} {deeper}</li> }
                                        }).collect_view()}
                                    </ol>
                                }
                            });
                            view! { class = scope, <li class="thread">{entry(thread.comment)} {toggle} {replies}</li> }
                        })
                        .collect_view()
                }}
            </ol>
        </Show>
    }
}

/// The avatar: initials on a colour derived from the name (never a picture from elsewhere).
fn avatar(scope: &'static str, name: &str) -> impl IntoView {
    view! { class = scope,
        <span
            class="avatar"
            aria-hidden="true"
            // Set through the CSSOM (not a style attribute), which the CSP allows. At 30% lightness
            // white initials keep a contrast above 4.5:1 on every hue.
            style:background-color=format!("hsl({}, 45%, 30%)", hue(name))
        >
            {initials(name)}
        </span>
    }
}

/// "in reply to Aline", for a reply shown below the comment it does not answer directly.
fn answering(scope: &'static str, in_reply_to: Option<String>) -> impl IntoView {
    in_reply_to
        .map(|name| view! { class = scope, <span class="in-reply-to">{format!("in reply to {name} · ")}</span> })
}

fn stored_view(
    scope: &'static str,
    comment: Comment,
    in_reply_to: Option<String>,
    now: RwSignal<f64>,
    actions: CommentActions,
    reply_form: Option<ViewFn>,
) -> impl IntoView {
    let id = comment.id;
    let held = comment.status == CommentStatus::Held;
    let created = comment.created_at.clone();
    let replying = move || actions.replying.is_some_and(|r| r.get() == Some(id));
    let reply_button = actions.reply.map(|reply| {
        view! { class = scope,
            <div class="comment-actions">
                <button
                    type="button"
                    id=format!("reply-{id}")
                    aria-label=format!("Reply to {}", comment.author_name)
                    aria-expanded=move || replying().to_string()
                    on:click=move |_| reply.run(id)
                >
                    "Reply"
                </button>
            </div>
        }
    });
    let form = move || {
        replying()
            .then(|| reply_form.as_ref().map(ViewFn::run))
            .flatten()
    };
    view! { class = scope,
        <article class="comment" class:held=held id=format!("comment-{id}")>
            {avatar(scope, &comment.author_name)}
            <p class="comment-meta">
                <strong>{comment.author_name.clone()}</strong>
                {answering(scope, in_reply_to)}
                <time datetime=comment.created_at.clone() title=reader_date(&comment.created_at)>
                    {move || reader_ago(&created, now.get())}
                </time>
                {held.then(|| view! { class = scope, <span class="state">"Awaiting moderation"</span> })}
            </p>
            <p class="comment-body">{linked_text(scope, &comment.body)}</p>
            {held.then(|| view! { class = scope, <p class="comment-meta">"Only you can see this until an editor approves it."</p> })}
            {reply_button}
            <div class="reply-slot">{form}</div>
        </article>
    }
}

fn unsent_view(
    scope: &'static str,
    outgoing: Outgoing,
    in_reply_to: Option<String>,
    actions: CommentActions,
) -> impl IntoView {
    let name = outgoing.comment.name.trim().to_owned();
    let (state, refused) = match &outgoing.delivery {
        Delivery::Sending => ("Sending…".to_owned(), false),
        Delivery::Waiting => ("Not sent yet — will retry".to_owned(), false),
        Delivery::Refused { reason } => (format!("Not sent: {reason}"), true),
    };
    let settled = outgoing.delivery != Delivery::Sending;
    let key = outgoing.key.clone();
    let button = move |label: &'static str, action: Option<Callback<String>>| {
        let key = key.clone();
        action.filter(|_| settled).map(|action| {
            view! { class = scope, <button type="button" on:click=move |_| action.run(key.clone())>{label}</button> }
        })
    };
    view! { class = scope,
        <article class="comment unsent" class:refused=refused aria-busy=(!settled).then_some("true")>
            {avatar(scope, &name)}
            <p class="comment-meta">
                <strong>{name.clone()}</strong>
                {answering(scope, in_reply_to)}
                <span class="state">{state}</span>
            </p>
            <p class="comment-body">{outgoing.comment.body.trim().to_owned()}</p>
            <div class="comment-actions">
                {button("Retry now", actions.retry)}
                {button("Edit", actions.edit)}
                {button("Discard", actions.discard)}
            </div>
        </article>
    }
}

/// A comment's text with its web addresses as links marked as the reader's, not the site's
/// (`nofollow ugc`); everything else stays text, never HTML.
fn linked_text(scope: &'static str, body: &str) -> impl IntoView {
    pieces(body)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned().into_any(),
            Piece::Link(address) => {
                view! { class = scope, <a href=address.to_owned() rel="nofollow ugc noopener">{address.to_owned()}</a> }
                    .into_any()
            }
        })
        .collect_view()
}
