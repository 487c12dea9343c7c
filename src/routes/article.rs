//! The article page (`/articles/{slug}`): the article (`crate::views::ArticleView`), its head, then
//! saving, sharing and the comments. When the server already wrote the article into the page (the
//! first page of a visit), only what comes after it is rendered (see `crate::prerender`).

use inkuru_api::{paths, Article};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::app::{SiteBasics, SiteInfo};
use crate::components::{AfterNextPaint, ArticleSkeleton, ErrorNotice, ShareControl};
use crate::navigation::PageShown;
use crate::prerender;
use crate::routes::comments::CommentsSection;
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

/// Saving, sharing and the comments, a frame after the article has painted.
fn after_article(article: Article) -> impl IntoView {
    view! {
        <AfterNextPaint>
            <div class="article-actions">
                <SaveButton article=article.clone()/>
                <ShareControl title=article.headline.clone() path=paths::article_page(&article.slug)/>
            </div>
            <CommentsSection slug=article.slug.clone() count=article.comment_count open_for_comments=article.comments_open/>
        </AfterNextPaint>
    }
}
