//! Each page type's head: title, description and share previews, plus, for an article, its dates,
//! section and NewsArticle JSON-LD. The server writes these for the URL it serves and the app
//! keeps them from then on, so what a crawler reads before and after the app starts is the same.
//! Each head also names the feeds that follow its page (`<link rel="alternate">`), so a feed
//! reader given the page's address finds them.

use inkuru_api::widgets::oembed_for;
use inkuru_api::{paths, Article, FeedFormat, FeedScope, Image};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Stylesheet, Title};
use serde::Serialize;

use crate::components::share_preview::{SharePreview, SiteOrigin};
use crate::views::first_answers::script_safe_json;
use crate::views::frame::SITE_NAME;
use crate::views::SectionContent;

/// The page title as every page writes it: `{page} · {site}`, or the site's name alone.
pub fn page_title(page: String) -> String {
    if page.is_empty() {
        SITE_NAME.to_owned()
    } else {
        format!("{page} · {SITE_NAME}")
    }
}

/// The page's own part of a title `page_title` made (`Sport · Inkuru` → `Sport`, `Inkuru` → ``).
pub fn page_of_title(title: &str) -> String {
    if title == SITE_NAME {
        return String::new();
    }
    let suffix = format!(" · {SITE_NAME}");
    title.strip_suffix(&suffix).unwrap_or(title).to_owned()
}

/// An article page's head.
#[component]
pub fn ArticleHead(article: Article, #[prop(into)] site_name: String) -> impl IntoView {
    let path = paths::article_page(&article.slug);
    let section = article.section_path.last().map(|s| s.name.clone());
    let origin = use_context::<SiteOrigin>();
    let structured = origin
        .as_ref()
        .map(|origin| news_article(origin, &article, &site_name, &path));
    // Where oEmbed consumers (WordPress and others) find this story's card; absolute where the
    // server knows its origin, since consumers read it from the page the server wrote.
    let oembed = match &origin {
        Some(origin) => origin.url(&oembed_for(&origin.url(&path))),
        None => oembed_for(&path),
    };
    view! {
        <Title text=article.headline.clone()/>
        <Link rel="alternate" type_="application/json+oembed" href=oembed title=article.headline.clone()/>
        <Meta name="description" content=article.standfirst.clone()/>
        <SharePreview
            title=article.headline.clone()
            description=article.standfirst.clone()
            path
            site_name
            image=article.hero.clone()
            kind="article"
        />
        <Meta property="article:published_time" content=article.published_at.clone()/>
        {article.updated_at.clone().map(|updated| view! { <Meta property="article:modified_time" content=updated/> })}
        {section.map(|name| view! { <Meta property="article:section" content=name/> })}
        {structured.map(|data| view! { <Script type_="application/ld+json">{data}</Script> })}
        {article_feeds(&article)}
    }
}

/// An article's feeds: its section's and its author's, as Atom (the format every reader takes).
fn article_feeds(article: &Article) -> impl IntoView {
    let section = article.section_path.last().map(|section| {
        let scope = FeedScope::Section(section.slug.clone());
        view! { <FeedLink scope format=FeedFormat::Atom name=section.name.clone()/> }
    });
    let author = article.byline.feed.clone().map(|slug| {
        let name = format!("Stories by {}", article.byline.name);
        view! { <FeedLink scope=FeedScope::Author(slug) format=FeedFormat::Atom name/> }
    });
    view! { {section}{author} }
}

/// The feeds of `scope` in every format.
#[component]
fn FeedLinks(scope: FeedScope, #[prop(into)] name: String) -> impl IntoView {
    view! {
        <FeedLink scope=scope.clone() format=FeedFormat::Atom name=name.clone()/>
        <FeedLink scope=scope.clone() format=FeedFormat::Rss name=name.clone()/>
        <FeedLink scope format=FeedFormat::Json name/>
    }
}

/// One feed's discovery link, titled as feed readers list it: "Out of Rwanda (Atom)".
#[component]
fn FeedLink(scope: FeedScope, format: FeedFormat, name: String) -> impl IntoView {
    view! {
        <Link
            rel="alternate"
            type_=format.media_type()
            href=scope.path(format)
            title=format!("{name} ({})", format.label())
        />
    }
}

/// schema.org NewsArticle for search engines, as JSON safe inside `<script>`. Typed rather than
/// built as a JSON tree, which would bring a tree's code into the wasm for one tag.
fn news_article(origin: &SiteOrigin, article: &Article, site_name: &str, path: &str) -> String {
    let data = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        main_entity_of_page: origin.url(path),
        headline: &article.headline,
        description: &article.standfirst,
        date_published: &article.published_at,
        date_modified: article.updated_at.as_ref().unwrap_or(&article.published_at),
        author: [Named {
            kind: "Person",
            name: &article.byline.name,
        }],
        publisher: Named {
            kind: "Organization",
            name: site_name,
        },
        image: article.hero.as_ref().map(|hero| {
            [Picture {
                kind: "ImageObject",
                url: origin.url(&hero.src),
                width: hero.width,
                height: hero.height,
            }]
        }),
        article_section: article.section_path.last().map(|s| s.name.as_str()),
    };
    script_safe_json(&crate::json::to_string(&data).unwrap_or_default())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    main_entity_of_page: String,
    headline: &'a str,
    description: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    author: [Named<'a>; 1],
    publisher: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[Picture; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Picture {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    width: u32,
    height: u32,
}

/// A section page's head (a page past the first is part of its canonical URL).
#[component]
pub fn SectionHead(content: SectionContent, #[prop(into)] site_name: String) -> impl IntoView {
    let section = content.section;
    let base = paths::section_page(&section.path);
    let path = match content.articles.page {
        1 => base,
        page => format!("{base}?page={page}"),
    };
    let description = if section.description.is_empty() {
        format!("{} news from {site_name}", section.name)
    } else {
        section.description.clone()
    };
    view! {
        <Title text=section.name.clone()/>
        <Meta name="description" content=description.clone()/>
        <FeedLinks scope=FeedScope::Section(section.slug.clone()) name=section.name.clone()/>
        <SharePreview title=section.name description path site_name/>
    }
}

/// The front page's head, with the lead story's picture when it has one.
#[component]
pub fn HomeHead(
    #[prop(into)] site_name: String,
    #[prop(into)] tagline: String,
    image: Option<Image>,
) -> impl IntoView {
    view! {
        <Title text=tagline.clone()/>
        <Meta name="description" content=tagline.clone()/>
        <FeedLinks scope=FeedScope::Site name=site_name.clone()/>
        <SharePreview title=site_name.clone() description=tagline path="/" site_name image/>
    }
}

/// The search page's head, for the words as the reader typed them.
#[component]
pub fn SearchHead(#[prop(into)] query: String) -> impl IntoView {
    let query = query.trim();
    let title = if query.is_empty() {
        "Search".to_owned()
    } else {
        format!("Search: {query}")
    };
    view! {
        <Title text=title/>
        <Meta name="description" content="Search Inkuru's articles: headlines, standfirsts and stories."/>
    }
}

/// The Saved page's head (its list lives in the reader's browser).
#[component]
pub fn SavedHead() -> impl IntoView {
    view! { <Title text="Saved articles"/> }
}

/// The editors' desk's head: never indexed, with the desk's own styles (readers never load them).
#[component]
pub fn DeskHead() -> impl IntoView {
    view! {
        <Title text="Editors' desk"/>
        <Meta name="robots" content="noindex"/>
        <Stylesheet id="desk-style" href=DESK_STYLES/>
    }
}

/// The desk's stylesheet (public/desk.css).
pub const DESK_STYLES: &str = "/desk.css";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_gives_back_its_page() {
        for page in ["", "Sport", "Two chefs · a prize"] {
            assert_eq!(page_of_title(&page_title(page.to_owned())), page);
        }
    }
}
