//! The article page (`/articles/{slug}`): the article (`crate::views::ArticleView`), its head, then
//! saving, sharing and the comments. When the server already wrote the article into the page (the
//! first page of a visit), only what comes after it is rendered (see `crate::prerender`).

use inkuru_api::{paths, Article, Slug};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::app::{SiteBasics, SiteInfo};
use crate::components::{AfterNextPaint, ArticleSkeleton, ErrorNotice, ShareControl};
use crate::drafts;
use crate::lazy;
use crate::navigation::PageShown;
use crate::outbox::Outbox;
use crate::prerender;
use crate::routes::NotFound;
use crate::saved::SaveButton;
use crate::views::{ArticleHead, ArticleView};

/// `/articles/{slug}`
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let article = LocalResource::new(move || {
        let slug = slug();
        async move { api::articles::get(&slug).await }
    });
    let site = use_context::<SiteInfo>();
    // The server-written article is the page until this data arrives: no skeleton under it.
    let prerendered = prerender::adopt_or_discard();
    view! {
        <Transition fallback=move || (!prerendered).then(|| view! { <ArticleSkeleton/> })>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(article) => {
                        let settings = SiteInfo::basics(site).await;
                        if prerender::adopt_or_discard() {
                            around_prerendered(article, settings).into_any()
                        } else {
                            whole_article(article, settings).into_any()
                        }
                    }
                    Err(ApiError::NotFound(message)) => {
                        prerender::discard();
                        view! { <NotFound message/> }.into_any()
                    }
                    Err(error) => {
                        // The server-written article stays readable; the notice goes under it.
                        prerender::adopt_or_discard();
                        view! {
                            <ErrorNotice message=error.to_string() on_retry=Callback::new(move |_| article.refetch())/>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// What the app adds to the article the server wrote: the head (the same tags the server wrote,
/// kept by leptos_meta for later navigation), then what comes after the article.
fn around_prerendered(article: Article, site: SiteBasics) -> impl IntoView {
    view! {
        <ArticleHead article=article.clone() site_name=site.name/>
        {after_article(article)}
    }
}

/// The whole article, drawn by the app.
fn whole_article(article: Article, site: SiteBasics) -> impl IntoView {
    view! {
        <ArticleHead article=article.clone() site_name=site.name/>
        <PageShown label=article.headline.clone()/>
        <ArticleView article=article.clone() follow=site.follow/>
        {after_article(article)}
    }
}

/// Whether the reader has words for this article's comments waiting: a draft, or a comment the
/// outbox has not delivered yet (once the outbox has read what the browser holds). Then the
/// comments load at once, to show them.
fn has_unsent_words(slug: &Slug) -> Signal<bool> {
    let draft = drafts::load(slug).is_some_and(|draft| !drafts::is_empty(&draft));
    let unsent = use_context::<Outbox>().map(|outbox| outbox.on_article(slug.clone()));
    Signal::derive(move || draft || unsent.is_some_and(|unsent| !unsent.with(Vec::is_empty)))
}

/// Saving, sharing and the comments, a frame after the article has painted; the comments when
/// the reader nears them.
fn after_article(article: Article) -> impl IntoView {
    let (title, path) = (article.headline.clone(), paths::article_page(&article.slug));
    let (slug, count, open) = (
        article.slug.clone(),
        article.comment_count,
        article.comments_open,
    );
    let unsent = has_unsent_words(&slug);
    let comments = move || {
        let slug = slug.clone();
        lazy::lazy_view(move || lazy::comments(slug.clone(), count, open))
    };
    view! {
        <AfterNextPaint>
            <div class="article-actions">
                <SaveButton article=article.clone()/>
                <ShareControl title=title.clone() path=path.clone()/>
            </div>
            <lazy::WhenNear now=unsent render=comments.clone()/>
        </AfterNextPaint>
    }
}
