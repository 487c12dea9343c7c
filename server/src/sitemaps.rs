//! What crawlers and news aggregators read to find every page: `/robots.txt` names the sitemap
//! index, `/sitemap.xml` lists the sitemaps (one per month of articles, split again past 50,000
//! addresses; the front page and sections; authors' pages; the Google News sitemap of the last 48
//! hours), each with the date its newest page changed. Written with quick-xml, which escapes.
//! Answers go through the answer cache and are conditional (`crate::etag`), like the feeds.

use std::io;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::db;
use crate::db::feeds::{self as stored, Dated};
use crate::error::{AppError, AppResult};
use crate::feeds::{absolute, text, typed_answer, Timestamp};
use crate::AppState;

/// Most addresses one sitemap may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;
/// How far back the news sitemap reaches (Google News).
pub const NEWS_WINDOW: Duration = Duration::hours(48);
/// Most articles a news sitemap may hold (Google News).
const MAX_NEWS_URLS: usize = 1_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const XML: &str = "application/xml";

/// `/robots.txt`, `/sitemap.xml` and `/sitemaps/…` (mounted by `crate::app`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(index))
        .route("/sitemaps/{file}", get(sitemap))
}

/// Where the site is, for the absolute addresses sitemaps and robots.txt must use.
fn origin_of(headers: &HeaderMap) -> AppResult<String> {
    crate::origin::of_headers(headers).ok_or_else(|| {
        AppError::BadRequest("Sitemaps need the site's plain host name in the request.".into())
    })
}

/// Every crawler is welcome, except on the editors' desk; the sitemap index is named when the
/// request says where the site is (robots.txt needs an absolute address for it).
async fn robots(headers: HeaderMap) -> Response {
    let mut body = format!(
        "User-agent: *\nAllow: /\nDisallow: {}\nDisallow: /api/desk/\n",
        inkuru_api::paths::DESK_PAGE
    );
    if let Ok(origin) = origin_of(&headers) {
        body.push_str(&format!("\nSitemap: {origin}/sitemap.xml\n"));
    }
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// One sitemap of the index.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Sitemap {
    /// The front page and every section with stories.
    Sections,
    /// Authors' pages named on bylines.
    Authors,
    /// Articles of the last 48 hours, for news aggregators.
    News,
    /// Articles published in a month (`2026-11`), the `part`th 50,000 of them (from 1).
    Month { month: String, part: usize },
}

impl Sitemap {
    fn file_name(&self) -> String {
        match self {
            Sitemap::Sections => "sections.xml".into(),
            Sitemap::Authors => "authors.xml".into(),
            Sitemap::News => "news.xml".into(),
            Sitemap::Month { month, part: 1 } => format!("articles-{month}.xml"),
            Sitemap::Month { month, part } => format!("articles-{month}-{part}.xml"),
        }
    }

    fn from_file_name(name: &str) -> Option<Sitemap> {
        match name {
            "sections.xml" => return Some(Sitemap::Sections),
            "authors.xml" => return Some(Sitemap::Authors),
            "news.xml" => return Some(Sitemap::News),
            _ => {}
        }
        let rest = name.strip_prefix("articles-")?.strip_suffix(".xml")?;
        let (month, part) = match rest.split_at_checked(7)? {
            (month, "") => (month, 1),
            (month, part) => {
                let part: usize = part.strip_prefix('-')?.parse().ok()?;
                (month, part.max(1))
            }
        };
        // Page 1 has no number, so each sitemap has one address.
        let numbered_first = rest.len() > 7 && part == 1;
        let well_formed = month.bytes().enumerate().all(|(i, b)| match i {
            4 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        (well_formed && !numbered_first).then(|| Sitemap::Month {
            month: month.to_owned(),
            part,
        })
    }
}

async fn index(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let origin = origin_of(&headers)?;
    let mut listed: Vec<(Sitemap, String)> = Vec::new();
    let tree = db::sections::tree(&state.db).await?;
    let sections = stored::section_changes(&state.db, &tree).await?;
    if let Some(newest) = newest(&sections) {
        listed.push((Sitemap::Sections, newest));
    }
    if let Some(newest) = newest(&stored::author_pages(&state.db).await?) {
        listed.push((Sitemap::Authors, newest));
    }
    if let Some(newest) = news_window(&state)
        .await?
        .into_iter()
        .map(|a| a.modified_at)
        .max()
    {
        listed.push((Sitemap::News, newest));
    }
    for month in stored::months(&state.db).await? {
        let parts = month.count.div_ceil(MAX_URLS).max(1);
        for part in 1..=parts {
            let sitemap = Sitemap::Month {
                month: month.dated.key.clone(),
                part,
            };
            listed.push((sitemap, month.dated.modified_at.clone()));
        }
    }
    let body = document(|w| {
        w.create_element("sitemapindex")
            .with_attribute(("xmlns", SITEMAP_NS))
            .write_inner_content(|w| {
                for (sitemap, modified) in &listed {
                    w.create_element("sitemap").write_inner_content(|w| {
                        let address =
                            absolute(&origin, &format!("/sitemaps/{}", sitemap.file_name()));
                        element(w, "loc", &address)?;
                        lastmod(w, modified)
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(xml_answer(
        body,
        listed.iter().map(|(_, modified)| modified.as_str()),
    ))
}

/// An XML answer, dated by the newest of the `modified` times it lists.
fn xml_answer<'a>(body: String, modified: impl IntoIterator<Item = &'a str>) -> Response {
    let updated = modified
        .into_iter()
        .filter_map(Timestamp::parse)
        .max()
        .unwrap_or_else(Timestamp::epoch);
    typed_answer(XML, &updated, body)
}

/// The newest change among `pages`.
fn newest(pages: &[Dated]) -> Option<String> {
    pages.iter().map(|page| page.modified_at.clone()).max()
}

async fn sitemap(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let origin = origin_of(&headers)?;
    let sitemap = Sitemap::from_file_name(&file).ok_or_else(|| {
        AppError::NotFound(
            "There is no sitemap at this address; /sitemap.xml lists them all.".into(),
        )
    })?;
    if sitemap == Sitemap::News {
        return news(&state, &origin).await;
    }
    let pages = pages_of(&state, &sitemap).await?;
    if pages.is_empty() && matches!(sitemap, Sitemap::Month { .. }) {
        return Err(AppError::NotFound(
            "No articles were published in this month.".into(),
        ));
    }
    let body = urlset(false, |w| {
        for page in &pages {
            w.create_element("url").write_inner_content(|w| {
                element(w, "loc", &absolute(&origin, &page.key))?;
                lastmod(w, &page.modified_at)
            })?;
        }
        Ok(())
    })?;
    Ok(xml_answer(
        body,
        pages.iter().map(|p| p.modified_at.as_str()),
    ))
}

/// The pages a sitemap (other than the news sitemap) lists: paths on this site, each with its
/// last change. An author's page elsewhere is not this site's to list.
async fn pages_of(state: &AppState, sitemap: &Sitemap) -> AppResult<Vec<Dated>> {
    let pages = match sitemap {
        Sitemap::Sections => {
            let tree = db::sections::tree(&state.db).await?;
            let sections = stored::section_changes(&state.db, &tree).await?;
            let front = newest(&sections).map(|modified_at| Dated {
                key: "/".to_owned(),
                modified_at,
            });
            let sections = sections.into_iter().map(|section| Dated {
                key: inkuru_api::paths::section_page(&section.key),
                modified_at: section.modified_at,
            });
            front.into_iter().chain(sections).collect()
        }
        Sitemap::Authors => stored::author_pages(&state.db).await?,
        Sitemap::Month { month, part } => {
            stored::published_in(&state.db, month, MAX_URLS, (part - 1) * MAX_URLS)
                .await?
                .into_iter()
                .filter_map(|article| {
                    let slug = inkuru_api::Slug::parse(&article.key).ok()?;
                    Some(Dated {
                        key: inkuru_api::paths::article_page(&slug),
                        modified_at: article.modified_at,
                    })
                })
                .collect()
        }
        Sitemap::News => Vec::new(),
    };
    Ok(pages
        .into_iter()
        .filter(|page| page.key.starts_with('/') && !page.key.starts_with("//"))
        .collect())
}

/// The articles of the news window (the last 48 hours), newest first.
async fn news_window(state: &AppState) -> AppResult<Vec<stored::FeedArticle>> {
    let since = (OffsetDateTime::now_utc() - NEWS_WINDOW)
        .format(&Rfc3339)
        .map_err(AppError::internal)?;
    let mut articles = stored::published_since(&state.db, &since).await?;
    articles.truncate(MAX_NEWS_URLS);
    Ok(articles)
}

/// The Google News sitemap: publication name and language, publication date and title of each
/// article of the last 48 hours.
async fn news(state: &AppState, origin: &str) -> AppResult<Response> {
    let site = db::site::get(&state.db).await?;
    let language = site
        .languages
        .first()
        .cloned()
        .unwrap_or_else(|| "en".into());
    let articles = news_window(state).await?;
    let publication = Publication {
        name: &site.name,
        language: &language,
    };
    let body = urlset(true, |w| {
        for article in &articles {
            news_entry(w, origin, &publication, article)?;
        }
        Ok(())
    })?;
    Ok(xml_answer(
        body,
        articles.iter().map(|a| a.modified_at.as_str()),
    ))
}

/// What Google News calls the publication: the site's name and main language.
struct Publication<'a> {
    name: &'a str,
    language: &'a str,
}

/// One article of the news sitemap (left out if its stored slug or date cannot be read).
fn news_entry(
    w: &mut Xml,
    origin: &str,
    publication: &Publication<'_>,
    article: &stored::FeedArticle,
) -> io::Result<()> {
    let (Ok(slug), Some(published)) = (
        inkuru_api::Slug::parse(&article.slug),
        Timestamp::parse(&article.published_at),
    ) else {
        return Ok(());
    };
    let address = absolute(origin, &inkuru_api::paths::article_page(&slug));
    w.create_element("url").write_inner_content(|w| {
        element(w, "loc", &address)?;
        w.create_element("news:news").write_inner_content(|w| {
            w.create_element("news:publication")
                .write_inner_content(|w| {
                    element(w, "news:name", publication.name)?;
                    element(w, "news:language", publication.language)
                })?;
            element(w, "news:publication_date", &published.rfc3339())?;
            element(w, "news:title", &article.headline)
        })?;
        Ok(())
    })?;
    Ok(())
}

type Xml = Writer<Vec<u8>>;

/// A whole XML document, its declaration first.
fn document(body: impl FnOnce(&mut Xml) -> io::Result<()>) -> AppResult<String> {
    let mut writer = Writer::new(Vec::new());
    let written = writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut writer));
    written.map_err(|e| AppError::internal(format!("sitemap: {e}")))?;
    String::from_utf8(writer.into_inner()).map_err(|e| AppError::internal(format!("sitemap: {e}")))
}

/// A `<urlset>` document (with the news namespace for the news sitemap).
fn urlset(with_news: bool, urls: impl FnOnce(&mut Xml) -> io::Result<()>) -> AppResult<String> {
    document(|w| {
        let mut element = w
            .create_element("urlset")
            .with_attribute(("xmlns", SITEMAP_NS));
        if with_news {
            element = element.with_attribute(("xmlns:news", NEWS_NS));
        }
        element.write_inner_content(urls)?;
        Ok(())
    })
}

/// `<name>text</name>`, with the text escaped and cleaned of characters XML forbids.
fn element(w: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&text::clean(value)))?;
    Ok(())
}

/// `<lastmod>` in W3C date-time form, when the stored date can be read.
fn lastmod(w: &mut Xml, modified: &str) -> io::Result<()> {
    match Timestamp::parse(modified) {
        Some(time) => element(w, "lastmod", &time.rfc3339()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_names_round_trip() {
        for sitemap in [
            Sitemap::Sections,
            Sitemap::Authors,
            Sitemap::News,
            Sitemap::Month {
                month: "2026-11".into(),
                part: 1,
            },
            Sitemap::Month {
                month: "2026-11".into(),
                part: 3,
            },
        ] {
            assert_eq!(Sitemap::from_file_name(&sitemap.file_name()), Some(sitemap));
        }
        for name in [
            "articles-2026-11-1.xml",
            "articles-2026-1.xml",
            "articles-2026x11.xml",
            "articles-.xml",
            "other.xml",
            "articles-2026-11-x.xml",
        ] {
            assert_eq!(Sitemap::from_file_name(name), None, "{name}");
        }
    }
}
