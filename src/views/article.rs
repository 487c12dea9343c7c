//! An article as a reader sees it: breadcrumbs, section, headline, standfirst, byline and dates,
//! hero picture, the sanitised body, topics, "Follow us", then related stories.

use inkuru_api::{paths, Article, FollowLink};
use leptos::prelude::*;

use crate::components::Breadcrumbs;
use crate::util::dates::reader_date;

/// The article and its related stories.
#[component]
pub fn ArticleView(
    article: Article,
    /// The site's "Follow us" links (from its settings), shown at the article's foot.
    follow: Vec<FollowLink>,
) -> impl IntoView {
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
    let footer = (!article.tags.is_empty() || !follow.is_empty()).then(|| {
        view! { <footer class="article-footer">{topics(&article)}{follow_us(follow)}</footer> }
    });
    view! {
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
            // Sanitised by the server against an allow-list before it was stored (inkuru-server import).
            <div class="article-body" inner_html=article.body_html.clone()></div>
            {footer}
        </article>
        {related(&article)}
    }
}

/// The article's topics, each a search for it.
fn topics(article: &Article) -> Option<impl IntoView> {
    (!article.tags.is_empty()).then(|| {
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
    })
}

/// "Follow us": the site's links to its accounts elsewhere.
fn follow_us(links: Vec<FollowLink>) -> Option<impl IntoView> {
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
}

/// Stories the newsroom linked to this one.
fn related(article: &Article) -> Option<impl IntoView> {
    (!article.related.is_empty()).then(|| {
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
    })
}
