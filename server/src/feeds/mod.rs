//! Feeds for feed readers and aggregators: the whole site, each section (with its subsections),
//! each author and each topic, as Atom 1.0, RSS 2.0 and JSON Feed 1.1 (addresses and formats are
//! the contract's, `inkuru_api::feeds`). This module finds what a feed carries (`Channel`); `atom`,
//! `rss` and `json` each write it in their format.
//!
//! Answers go through the answer cache and carry an ETag and Last-Modified, so a poller that asks
//! again gets `304 Not Modified` for the price of a hash (`crate::etag`).

mod atom;
mod json;
mod rss;
pub mod text;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use inkuru_api::feeds::{author_slug, FEED_ITEMS};
use inkuru_api::{paths, FeedFormat, FeedScope, SectionTree, SiteSettings, Slug};

use crate::db;
use crate::db::feeds::{self as stored, FeedArticle, Selection};
use crate::error::{AppError, AppResult};
use crate::AppState;

pub use text::{absolute, Timestamp};

/// `/feeds/…` (mounted by `crate::app`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feeds/{file}", get(site_feed))
        .route("/feeds/{kind}/{slug}/{file}", get(scoped_feed))
}

/// A feed as every format writes it.
#[derive(Clone, Debug)]
pub struct Channel {
    /// "Inkuru", "Out of Rwanda · Inkuru".
    pub title: String,
    pub description: String,
    /// The page the feed follows (absolute).
    pub page_url: String,
    /// The feed's own address (absolute).
    pub feed_url: String,
    /// The site's main language (BCP 47).
    pub language: String,
    /// The newest change among the items (the epoch for a feed with none).
    pub updated: Timestamp,
    pub items: Vec<Item>,
}

/// One story in a feed.
#[derive(Clone, Debug)]
pub struct Item {
    /// The article's page (absolute): also the item's permanent id.
    pub url: String,
    pub title: String,
    pub summary: String,
    /// The whole sanitised text, when the site's settings put it in feeds.
    pub content_html: Option<String>,
    pub author: String,
    /// The author's page (absolute), when the byline has one.
    pub author_url: Option<String>,
    pub published: Timestamp,
    pub updated: Timestamp,
    pub section: String,
    pub image: Option<Picture>,
}

/// A story's picture, as an enclosure / attachment.
#[derive(Clone, Debug)]
pub struct Picture {
    pub url: String,
    pub media_type: &'static str,
    pub alt: String,
    /// Its size in bytes, when known (RSS needs it for an enclosure).
    pub length: Option<usize>,
}

async fn site_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    answer(&state, &headers, FeedScope::Site, &file).await
}

async fn scoped_feed(
    State(state): State<AppState>,
    Path((kind, slug, file)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let scope = Slug::parse(&slug)
        .ok()
        .and_then(|slug| FeedScope::from_segments(&kind, slug))
        .ok_or_else(no_such_feed)?;
    answer(&state, &headers, scope, &file).await
}

fn no_such_feed() -> AppError {
    AppError::NotFound(
        "There is no feed at this address. The site's feeds are listed at the foot of every page."
            .into(),
    )
}

/// The feed `scope` in the format `file` names.
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    scope: FeedScope,
    file: &str,
) -> AppResult<Response> {
    let format = FeedFormat::from_file_name(file).ok_or_else(no_such_feed)?;
    let origin = crate::origin::of_headers(headers).ok_or_else(|| {
        AppError::BadRequest("Feeds need the site's plain host name in the request.".into())
    })?;
    let channel = channel(state, &origin, &scope, format).await?;
    let body = match format {
        FeedFormat::Atom => atom::write(&channel)?,
        FeedFormat::Rss => rss::write(&channel)?,
        FeedFormat::Json => json::write(&channel)?,
    };
    Ok(typed_answer(format.media_type(), &channel.updated, body))
}

/// A feed or sitemap answer: its type (UTF-8) and when it last changed; `crate::etag` adds the
/// validator and answers `304` to a poller that has it already.
pub fn typed_answer(media_type: &str, updated: &Timestamp, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&format!("{media_type}; charset=utf-8")) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&updated.http_date()) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    response
}

/// What the feed `scope` carries now, or 404 when the scope names nothing.
async fn channel(
    state: &AppState,
    origin: &str,
    scope: &FeedScope,
    format: FeedFormat,
) -> AppResult<Channel> {
    let site = db::site::get(&state.db).await?;
    let tree = db::sections::tree(&state.db).await?;
    let found = find(state, &tree, scope).await?.ok_or_else(no_such_feed)?;
    let articles = stored::newest(&state.db, &found.selection(), FEED_ITEMS).await?;
    let items: Vec<Item> = articles
        .into_iter()
        .filter_map(|article| item(origin, &tree, &site, article))
        .collect();
    let updated = items
        .iter()
        .map(|item| item.updated.clone())
        .max()
        .unwrap_or_else(Timestamp::epoch);
    let title = match &found.name {
        Some(name) => text::clean(&format!("{name} · {}", site.name)),
        None => text::clean(&site.name),
    };
    Ok(Channel {
        title,
        description: text::clean(&found.description(&site)),
        page_url: absolute(origin, &found.page),
        feed_url: absolute(origin, &scope.path(format)),
        language: site
            .languages
            .first()
            .cloned()
            .unwrap_or_else(|| "en".into()),
        updated,
        items,
    })
}

/// What a scope turned out to name.
struct Found {
    /// The section's, author's or topic's name (`None` for the whole site).
    name: Option<String>,
    /// The section's own description, if it has one.
    section_description: Option<String>,
    /// The page on the site it follows.
    page: String,
    kind: Kind,
}

enum Kind {
    Site,
    Section(i64),
    Authors(Vec<String>),
    Topic(Slug),
}

impl Found {
    fn selection(&self) -> Selection<'_> {
        match &self.kind {
            Kind::Site => Selection::All,
            Kind::Section(id) => Selection::Section(*id),
            Kind::Authors(names) => Selection::Authors(names),
            Kind::Topic(tag) => Selection::Topic(tag),
        }
    }

    fn description(&self, site: &SiteSettings) -> String {
        let name = self.name.as_deref().unwrap_or_default();
        match &self.kind {
            Kind::Site if site.tagline.trim().is_empty() => {
                format!("The newest stories from {}", site.name)
            }
            Kind::Site => site.tagline.clone(),
            Kind::Section(_) => match &self.section_description {
                Some(description) if !description.trim().is_empty() => description.clone(),
                _ => format!("The newest stories in {name}, from {}", site.name),
            },
            Kind::Authors(_) => format!("The newest stories by {name}, from {}", site.name),
            Kind::Topic(_) => format!("The newest stories about {name}, from {}", site.name),
        }
    }
}

async fn find(state: &AppState, tree: &SectionTree, scope: &FeedScope) -> AppResult<Option<Found>> {
    Ok(match scope {
        FeedScope::Site => Some(Found {
            name: None,
            section_description: None,
            page: "/".into(),
            kind: Kind::Site,
        }),
        FeedScope::Section(slug) => tree
            .sections
            .iter()
            .find(|s| &s.slug == slug)
            .map(|s| Found {
                name: Some(s.name.clone()),
                section_description: Some(s.description.clone()),
                page: paths::section_page(&s.path),
                kind: Kind::Section(s.id),
            }),
        FeedScope::Author(slug) => {
            let names: Vec<String> = stored::author_names(&state.db)
                .await?
                .into_iter()
                .filter(|name| author_slug(name).as_ref() == Some(slug))
                .collect();
            names.first().cloned().map(|name| Found {
                page: paths::search_page(&name, 1),
                name: Some(name),
                section_description: None,
                kind: Kind::Authors(names),
            })
        }
        FeedScope::Topic(tag) => stored::topic_name(&state.db, tag).await?.map(|name| Found {
            page: paths::search_page(&name, 1),
            name: Some(name),
            section_description: None,
            kind: Kind::Topic(tag.clone()),
        }),
    })
}

/// A stored article as a feed item (`None`, logged, if its stored dates cannot be read).
fn item(
    origin: &str,
    tree: &SectionTree,
    site: &SiteSettings,
    article: FeedArticle,
) -> Option<Item> {
    let (Some(published), Some(updated)) = (
        Timestamp::parse(&article.published_at),
        Timestamp::parse(&article.modified_at),
    ) else {
        tracing::warn!(slug = %article.slug, "an article's stored date is not RFC 3339; left out of feeds");
        return None;
    };
    let page = Slug::parse(&article.slug)
        .ok()
        .map(|slug| paths::article_page(&slug))?;
    let section = tree
        .by_id(article.section_id)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    Some(Item {
        url: absolute(origin, &page),
        title: text::clean(&article.headline),
        summary: text::clean(&article.standfirst),
        content_html: site
            .feeds_full_content
            .then(|| text::clean(&article.body_html)),
        author: text::clean(&article.author_name),
        author_url: article
            .author_url
            .as_deref()
            .map(|url| absolute(origin, url)),
        published,
        updated,
        section: text::clean(&section),
        image: article.image.map(|image| Picture {
            url: absolute(origin, &image.src),
            media_type: text::image_type(&image.src),
            alt: text::clean(&image.alt),
            length: crate::media::size_of(&image.src),
        }),
    })
}
