//! The comments widget's frame (`/embed/comments/{slug}`, issue 14): an article's comments and
//! form on a partner's page, with the app's own `CommentsSection`, and without the site's header,
//! footer or router around it. It runs as a program of its own (src/bin/inkuru-comments.rs), so
//! the frame loads none of the site's other code.
//! Drafts, the outbox, idempotency keys and "awaiting moderation" live in this frame's own
//! storage, as on the site; where the browser refuses that storage the reader is told that what
//! they write is not kept, and posting still works.
//!
//! The page around it (public/widgets.js, through public/widget-frame.js) can point the frame at
//! another article without reloading it: an `inkuru:show` event with `{article}` in its detail.

use inkuru_api::{paths, Slug};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::api;
use crate::app::SiteInfo;
use crate::components::share_preview::browser_origin;
use crate::components::ErrorNotice;
use crate::outbox::Outbox;
use crate::routes::comments::CommentsSection;
use crate::storage;

/// The article of this frame's address (`/embed/comments/{slug}`), when it names one.
pub fn framed_article() -> Option<Slug> {
    let path = window().location().pathname().ok()?;
    Slug::parse(inkuru_api::widgets::comments_slug_of(&path)?).ok()
}

/// The event the frame script sends when the partner changes the `article` attribute.
const SHOW_EVENT: &str = "inkuru:show";

/// The article an `inkuru:show` event asks for, if it names one that can be a slug.
fn asked_article(event: &web_sys::Event) -> Option<Slug> {
    let detail = event.dyn_ref::<web_sys::CustomEvent>()?.detail();
    let article = js_sys::Reflect::get(&detail, &"article".into())
        .ok()?
        .as_string()?;
    Slug::parse(&article).ok()
}

/// Follows `inkuru:show` events for as long as the frame lives.
fn follow_show_events(slug: RwSignal<Slug>) {
    let on_show = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(asked) = asked_article(&event) {
            slug.set(asked);
        }
    });
    let _ = window().add_event_listener_with_callback(SHOW_EVENT, on_show.as_ref().unchecked_ref());
    on_show.forget();
}

/// What the reader is told where the browser keeps nothing for this frame.
fn storage_notice() -> impl IntoView {
    (!storage::is_available()).then(|| {
        view! {
            <p class="widget-note" role="note">
                "This browser does not let Inkuru keep anything on this page, so a comment you \
                 are writing is lost if you leave before sending it. Sending works as usual."
            </p>
        }
    })
}

/// The comments of the article `slug`, and its form.
#[component]
pub fn CommentsEmbed(slug: Slug) -> impl IntoView {
    provide_context(browser_origin());
    provide_context(SiteInfo(LocalResource::new(api::site::settings)));
    Outbox::provide();
    let slug = RwSignal::new(slug);
    follow_show_events(slug);
    let article = LocalResource::new(move || {
        let slug = slug.get();
        async move { api::articles::get(slug.as_str()).await }
    });
    let comments = move || {
        article.get().map(|answer| match answer {
            Ok(article) => {
                let href = paths::article_page(&article.slug);
                let (slug, count, open) =
                    (article.slug, article.comment_count, article.comments_open);
                view! {
                    <p class="widget-more">
                        <a href=href>"Read “" {article.headline} "” on Inkuru"</a>
                    </p>
                    <CommentsSection slug count open_for_comments=open/>
                }
                .into_any()
            }
            Err(error) => view! {
                <ErrorNotice message=error.to_string() on_retry=Callback::new(move |_| article.refetch())/>
            }
            .into_any(),
        })
    };
    view! {
        {storage_notice()}
        <Suspense>{comments}</Suspense>
    }
}
