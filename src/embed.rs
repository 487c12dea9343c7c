//! The comments widget's frame (`/embed/comments/{slug}`, issue 14): an article's comments and
//! form on a partner's page, with the app's own `CommentsSection`, and without the site's header,
//! footer or router around it. The server writes the frame's first view (`CommentsFirstView`,
//! the same region read-only); the live comments run as a program of its own
//! (src/bin/inkuru-comments.rs, `start`), so the frame loads none of the site's other code, and
//! loads it only when the reader moves towards the frame.
//! Drafts, the outbox, idempotency keys and "awaiting moderation" live in this frame's own
//! storage, as on the site; where the browser refuses that storage the reader is told that what
//! they write is not kept, and posting still works.
//!
//! The page around it (public/widgets.js, through public/widget-frame.js) can point the frame at
//! another article without reloading it: an `inkuru:show` event with `{article}` in its detail.

use inkuru_api::{paths, Article, Comment, CommentStatus, Slug};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::api;
use crate::app::SiteInfo;
use crate::components::share_preview::browser_origin;
use crate::components::{CommentActions, CommentList, ErrorNotice};
use crate::outbox::{self, Outbox};
use crate::routes::comments::{CommentsRegion, CommentsSection};
use crate::{author_token, drafts, storage};

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

/// The link to the article on the site, above its comments.
fn read_on_site(slug: &Slug, headline: String) -> impl IntoView {
    view! {
        <p class="widget-more">
            <a href=paths::article_page(slug)>"Read “" {headline} "” on Inkuru"</a>
        </p>
    }
}

/// The id of the server's first view in the frame, which the program replaces as it starts.
pub const FIRST_VIEW_ID: &str = "comments-first-view";

/// What this browser may keep of the reader's that only the program can show or send: the author
/// token (their comments held for review), the outbox, drafts (keys, or the start of keys). A
/// frame whose storage holds one starts its program at once (public/widget-frame.js).
pub const READERS_OWN: [&str; 3] = [author_token::KEY, outbox::KEY, drafts::KEY_PREFIX];

/// A partner's comments frame as the server writes it, before its program runs: the article's
/// link and the comments region with the published comments, drawn with the live section's own
/// components, so the reader reads them with no wasm at all. Its buttons are the live section's:
/// the frame script starts the program at the reader's first move towards the frame (pointer,
/// touch, focus, key) and hands a click on to the same button once the program has drawn.
#[component]
pub fn CommentsFirstView(article: Article, comments: Vec<Comment>) -> impl IntoView {
    let published = comments
        .iter()
        .filter(|c| c.status == CommentStatus::Published)
        .count() as u32;
    let open = article.comments_open;
    let actions = CommentActions {
        reply: open.then(|| Callback::new(|_: i64| {})),
        ..CommentActions::default()
    };
    view! {
        <div id=FIRST_VIEW_ID>
            {read_on_site(&article.slug, article.headline)}
            <CommentsRegion
                count=Signal::stored(published)
                open_for_comments=open
                expanded=Signal::stored(false)
                on_toggle=Callback::new(|()| {})
                status=Signal::stored(None)
            >
                <CommentList comments=Signal::stored(comments) actions/>
            </CommentsRegion>
        </div>
    }
}

/// Starts the comments program in this frame (src/bin/inkuru-comments.rs): takes the place of
/// the server's first view in `<main>`, then tells the frame script it is there.
pub fn start() {
    // The server writes this document only for an address with a well-formed slug, and says why
    // in the frame otherwise: an address without one has nothing to start here.
    let Some(slug) = framed_article() else {
        leptos::logging::error!("Inkuru's comments frame: no article in this address");
        return;
    };
    let Some(main) = document()
        .query_selector("main")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::logging::error!("Inkuru's comments frame: its document has no <main>");
        return;
    };
    if let Some(first_view) = document().get_element_by_id(FIRST_VIEW_ID) {
        first_view.remove();
    }
    leptos::mount::mount_to(main, move || view! { <CommentsEmbed slug/> }).forget();
    if let Ok(started) = web_sys::Event::new(STARTED_EVENT) {
        let _ = window().dispatch_event(&started);
    }
}

/// The event that tells the frame script the program has drawn the comments in place of the
/// first view.
const STARTED_EVENT: &str = "inkuru:started";

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
                let (slug, count, open) =
                    (article.slug, article.comment_count, article.comments_open);
                view! {
                    {read_on_site(&slug, article.headline)}
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
