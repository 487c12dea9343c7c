//! Published comments, oldest first. Text is always rendered as text, never as HTML.

use inkuru_api::Comment;
use leptos::prelude::*;

use crate::util::links::{pieces, Piece};
use stylers_macro::style;

use crate::util::dates::{reader_ago, reader_date};
use crate::util::names::{hue, initials};

/// The list of comments, or a friendly line when there are none.
#[component]
pub fn CommentList(
    /// Comments to show, oldest first.
    #[prop(into)]
    comments: Signal<Vec<Comment>>,
) -> impl IntoView {
    // "5 minutes ago" stays true: the clock the relative times read ticks every half minute.
    let now = RwSignal::new(js_sys::Date::now());
    if let Ok(ticker) = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || ticker.clear());
    }
    let scope = style! {
        .comment-list {
            list-style: none;
            margin: 0;
            padding: 0;
        }
        .comment {
            display: grid;
            grid-template-columns: 2.5rem 1fr;
            gap: var(--space-1) var(--space-3);
            padding-block: var(--space-4);
            border-top: 1px solid var(--rule);
        }
        .avatar {
            grid-row: span 2;
            display: grid;
            place-items: center;
            width: 2.5rem;
            height: 2.5rem;
            border-radius: 50%;
            color: white;
            font: var(--label-font);
        }
        .comment-meta {
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
        .no-comments {
            color: var(--muted-ink);
        }
    };
    view! { class = scope,
        <Show
            when=move || comments.with(|c| !c.is_empty())
            fallback=move || view! { class = scope, <p class="no-comments">"No comments yet. Be the first to share your view."</p> }
        >
            <ol class="comment-list">
                <For each=move || comments.get() key=|comment| comment.id let:comment>
                    <li class="comment">
                        <span
                            class="avatar"
                            aria-hidden="true"
                            // Set through the CSSOM (not a style attribute), which the CSP allows.
                            style:background-color=format!("hsl({}, 45%, 38%)", hue(&comment.author_name))
                        >
                            {initials(&comment.author_name)}
                        </span>
                        <p class="comment-meta">
                            <strong>{comment.author_name.clone()}</strong>
                            <time datetime=comment.created_at.clone() title=reader_date(&comment.created_at)>
                                {
                                    let created = comment.created_at.clone();
                                    move || reader_ago(&created, now.get())
                                }
                            </time>
                        </p>
                        <p class="comment-body">{linked_text(&comment.body)}</p>
                    </li>
                </For>
            </ol>
        </Show>
    }
}

/// A comment's text with its web addresses as links marked as the reader's, not the site's
/// (`nofollow ugc`); everything else stays text, never HTML.
fn linked_text(body: &str) -> impl IntoView {
    pieces(body)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned().into_any(),
            Piece::Link(address) => {
                view! { <a href=address.to_owned() rel="nofollow ugc noopener">{address.to_owned()}</a> }
                    .into_any()
            }
        })
        .collect_view()
}
