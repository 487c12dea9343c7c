//! The article page (`/articles/{slug}`): breadcrumbs, headline, standfirst, byline, date, picture,
//! the sanitised body, then the comments. When the server already wrote the article into the page
//! (the first page of a visit), only the comments are rendered next to it (see `crate::prerender`).

use inkuru_api::{paths, Article};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::app::SiteInfo;
use crate::components::{
    AfterNextPaint, ArticleSkeleton, Breadcrumbs, ErrorNotice, ShareControl, SharePreview,
};
use crate::navigation::PageShown;
use crate::prerender;
use crate::routes::comments::CommentsSection;
use crate::routes::NotFound;
use crate::saved::SaveButton;
use crate::util::dates::reader_date;

/// `/articles/{slug}`
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let article = LocalResource::new(move || {
        let slug = slug();
        async move { api::articles::get(&slug).await }
    });
    // The server-written article is the page until this data arrives: no skeleton under it.
    let prerendered = prerender::adopt_or_discard();
    view! {
        <Transition fallback=move || (!prerendered).then(|| view! { <ArticleSkeleton/> })>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(article) if prerender::adopt_or_discard() => around_prerendered(article).into_any(),
                    Ok(article) => article_view(article).into_any(),
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

/// What the app adds to the article the server wrote: the page's title and description (already
/// in the HTML, kept by leptos_meta for later navigation) and the comments.
fn around_prerendered(article: Article) -> impl IntoView {
    view! {
        <Title text=article.headline.clone()/>
        <Meta name="description" content=article.standfirst.clone()/>
        <SharePreview
            title=article.headline.clone()
            description=article.standfirst.clone()
            path=paths::article_page(&article.slug)
            image=article.hero.clone()
            kind="article"
        />
        <AfterNextPaint>
            <div class="article-actions">
                <SaveButton article=article.clone()/>
                <ShareControl title=article.headline.clone() path=paths::article_page(&article.slug)/>
            </div>
            <CommentsSection slug=article.slug.clone() count=article.comment_count open_for_comments=article.comments_open/>
        </AfterNextPaint>
    }
}

/// The whole article, drawn by the app. Its markup matches `server/templates/article.html`.
fn article_view(article: Article) -> impl IntoView {
    let section = article.section_path.last().cloned();
    let updated = article.updated_at.clone().map(|updated| {
        view! { <span>" · Updated "<time datetime=updated.clone()>{reader_date(&updated)}</time></span> }
    });
    let hero = article.hero.clone().map(|image| {
        view! {
            <figure class="hero">
                <img src=image.src width=image.width height=image.height alt=image.alt fetchpriority="high"/>
                {image.caption.map(|caption| view! { <figcaption>{caption}</figcaption> })}
            </figure>
        }
    });
    let author = match article.byline.url.clone() {
        Some(url) => view! { <a href=url>{article.byline.name.clone()}</a> }.into_any(),
        None => article.byline.name.clone().into_any(),
    };
    let tags = (!article.tags.is_empty()).then(|| {
        view! {
            <nav class="article-tags" aria-label="Topics">
                <ul>
                    {article
                        .tags
                        .iter()
                        .map(|tag| view! { <li><a href=paths::search_page(&tag.name, 1)>{tag.name.clone()}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    // "Follow us", from the site's settings once they are here (embedded in a server-sent page).
    let site = use_context::<SiteInfo>();
    let follow = move || {
        let links = site
            .and_then(|SiteInfo(settings)| settings.get())
            .and_then(Result::ok)
            .map(|settings| settings.follow)
            .unwrap_or_default();
        (!links.is_empty()).then(|| {
            view! {
                <section class="follow" aria-labelledby="follow-heading">
                    <h2 id="follow-heading">"Follow us"</h2>
                    <ul>
                        {links
                            .into_iter()
                            .map(|link| view! { <li><a href=link.url>{link.network.label()}</a></li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };
    let related = (!article.related.is_empty()).then(|| {
        view! {
            <aside class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">"Related stories"</h2>
                <ul>
                    {article
                        .related
                        .iter()
                        .map(|story| {
                            view! {
                                <li>
                                    <a href=paths::article_page(&story.slug)>{story.headline.clone()}</a>" "
                                    <time datetime=story.published_at.clone()>{reader_date(&story.published_at)}</time>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </aside>
        }
    });
    view! {
        <Title text=article.headline.clone()/>
        <Meta name="description" content=article.standfirst.clone()/>
        <SharePreview
            title=article.headline.clone()
            description=article.standfirst.clone()
            path=paths::article_page(&article.slug)
            image=article.hero.clone()
            kind="article"
        />
        <PageShown label=article.headline.clone()/>
        <article class="article" aria-labelledby="article-headline">
            <header class="article-header">
                <Breadcrumbs trail=article.section_path.clone()/>
                {section.map(|s| view! { <p class="section-label"><a href=paths::section_page(&s.path)>{s.name}</a></p> })}
                <h1 id="article-headline">{article.headline.clone()}</h1>
                <p class="standfirst">{article.standfirst.clone()}</p>
                <p class="byline">
                    "By "<span class="author">{author}</span>" · "
                    <time datetime=article.published_at.clone()>{reader_date(&article.published_at)}</time>
                    {updated}
                </p>
            </header>
            {hero}
            // Sanitised by the server against an allow-list before it was stored (inkuru-server seed/import).
            <div class="article-body" inner_html=article.body_html.clone()></div>
            <footer class="article-footer">{tags}{follow}</footer>
        </article>
        {related}
        <AfterNextPaint>
            <div class="article-actions">
                <SaveButton article=article.clone()/>
                <ShareControl title=article.headline.clone() path=paths::article_page(&article.slug)/>
            </div>
            <CommentsSection slug=article.slug.clone() count=article.comment_count open_for_comments=article.comments_open/>
        </AfterNextPaint>
    }
}
