//! `inkuru-server import FILE`: sections, articles and the site settings from JSON Lines (the
//! format is documented in docs/import.md). Idempotent on slug: importing again updates. A line
//! that cannot be used is reported with its number and the reason and skipped; every other line
//! is still imported. The demo content goes in through here too.

use std::collections::HashMap;

use inkuru_api::{Image, SiteSettings, Slug};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::db::{self, articles::ArticleInput, Db};
use crate::error::{AppError, AppResult};
use crate::media;

/// One line of an import file.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line {
    Site(SiteSettings),
    Section(SectionLine),
    Article(Box<ArticleLine>),
    /// Takes an article off the site (a correction, a legal takedown): `{"type":"removal","slug":…}`.
    Removal(RemovalLine),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemovalLine {
    slug: Slug,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionLine {
    slug: Slug,
    name: String,
    /// The parent's slug; absent for a top-level section. Parents come first (here or in the
    /// database already).
    #[serde(default)]
    parent: Option<Slug>,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleLine {
    slug: Slug,
    section: Slug,
    headline: String,
    standfirst: String,
    author: String,
    published_at: String,
    #[serde(default)]
    updated_at: Option<String>,
    /// Paragraphs of plain text; `## ` starts a subheading and `> ` a quotation.
    #[serde(default)]
    body: Option<Vec<String>>,
    /// Or HTML, sanitised against the allow-list on the way in.
    #[serde(default)]
    body_html: Option<String>,
    #[serde(default)]
    image: Option<ImageLine>,
    /// The author's page: a path on this site or an `https://` address.
    #[serde(default)]
    author_url: Option<String>,
    /// Subjects, in order.
    #[serde(default)]
    tags: Vec<TagLine>,
    /// Whether readers may comment (default yes; the site's policy can still close them).
    #[serde(default = "yes")]
    comments: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagLine {
    slug: Slug,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImageLine {
    /// A path on this site (`/media/…`); without it the article gets a generated illustration.
    #[serde(default)]
    src: Option<String>,
    #[serde(default)]
    width: Option<u32>,
    #[serde(default)]
    height: Option<u32>,
    alt: String,
    #[serde(default)]
    caption: Option<String>,
}

/// A line that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub sections: usize,
    pub articles: usize,
    /// Articles taken off the site.
    pub removed: usize,
    pub site: bool,
    pub skipped: Vec<Skipped>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for skipped in &self.skipped {
            writeln!(f, "line {}: skipped: {}", skipped.line, skipped.reason)?;
        }
        write!(
            f,
            "imported {} sections, {} articles{}{}; skipped {} lines",
            self.sections,
            self.articles,
            match self.removed {
                0 => String::new(),
                n => format!(", removed {n} articles"),
            },
            if self.site { ", the site settings" } else { "" },
            self.skipped.len()
        )
    }
}

/// Imports every usable line of `text`. Fails only when the database does (then nothing after
/// that line is imported, and the error says so).
pub async fn import_str(db: &Db, text: &str) -> AppResult<Report> {
    let mut report = Report::default();
    // Sibling positions follow the order of the file, per parent.
    let mut positions: HashMap<Option<i64>, i32> = HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = match serde_json::from_str(raw) {
            Ok(line) => line,
            Err(error) => {
                report.skipped.push(Skipped {
                    line: number,
                    reason: format!("not a usable line: {error}"),
                });
                continue;
            }
        };
        let outcome = match line {
            Line::Site(settings) => import_site(db, &settings)
                .await
                .map(|()| report.site = true),
            Line::Section(section) => import_section(db, &section, &mut positions)
                .await
                .map(|()| report.sections += 1),
            Line::Article(article) => import_article(db, &article)
                .await
                .map(|()| report.articles += 1),
            Line::Removal(removal) => remove_article(db, &removal.slug)
                .await
                .map(|()| report.removed += 1),
        };
        match outcome {
            Ok(()) => {}
            Err(Problem::Line(reason)) => report.skipped.push(Skipped {
                line: number,
                reason,
            }),
            Err(Problem::Database(error)) => {
                tracing::error!(line = number, "import stopped by a database error");
                return Err(error);
            }
        }
    }
    Ok(report)
}

enum Problem {
    /// Something about this line; skip it.
    Line(String),
    /// The database failed; stop.
    Database(AppError),
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        match error {
            AppError::BadRequest(reason) => Problem::Line(reason),
            other => Problem::Database(other),
        }
    }
}

/// Removes the article `slug` with its comments, tags and search entry; a slug that names no
/// article is a line to report (a typo must not pass for a takedown).
async fn remove_article(db: &Db, slug: &Slug) -> Result<(), Problem> {
    if db::articles::remove(db, slug).await? {
        Ok(())
    } else {
        Err(Problem::Line(format!(
            "no article has the slug {slug:?} to remove"
        )))
    }
}

async fn import_site(db: &Db, settings: &SiteSettings) -> Result<(), Problem> {
    Ok(db::site::put(db, settings).await?)
}

async fn section_id(db: &Db, slug: &Slug) -> Result<Option<i64>, Problem> {
    let tree = db::sections::tree(db).await?;
    Ok(tree
        .sections
        .iter()
        .find(|section| &section.slug == slug)
        .map(|section| section.id))
}

async fn import_section(
    db: &Db,
    line: &SectionLine,
    positions: &mut HashMap<Option<i64>, i32>,
) -> Result<(), Problem> {
    if line.name.trim().is_empty() {
        return Err(Problem::Line(format!("section {} has no name", line.slug)));
    }
    let parent_id = match &line.parent {
        Some(parent) => Some(section_id(db, parent).await?.ok_or_else(|| {
            Problem::Line(format!(
                "section {}: its parent {parent} is not known (put parents first)",
                line.slug
            ))
        })?),
        None => None,
    };
    let position = positions.entry(parent_id).or_insert(0);
    db::sections::upsert(
        db,
        &line.slug,
        line.name.trim(),
        parent_id,
        *position,
        line.description.trim(),
    )
    .await?;
    *position += 1;
    Ok(())
}

fn timestamp(field: &str, value: &str) -> Result<(), Problem> {
    OffsetDateTime::parse(value, &Rfc3339)
        .map(|_| ())
        .map_err(|_| Problem::Line(format!("{field} is not an RFC 3339 time: {value:?}")))
}

async fn import_article(db: &Db, line: &ArticleLine) -> Result<(), Problem> {
    for (field, value) in [
        ("headline", &line.headline),
        ("standfirst", &line.standfirst),
        ("author", &line.author),
    ] {
        if value.trim().is_empty() {
            return Err(Problem::Line(format!(
                "article {}: {field} is empty",
                line.slug
            )));
        }
    }
    timestamp("published_at", &line.published_at)?;
    if let Some(updated) = &line.updated_at {
        timestamp("updated_at", updated)?;
    }
    let body_html = match (&line.body, &line.body_html) {
        (Some(paragraphs), None) => sanitise(&paragraphs_to_html(paragraphs)),
        (None, Some(html)) => sanitise(html),
        _ => {
            return Err(Problem::Line(format!(
                "article {}: give either body (paragraphs) or body_html, not both or neither",
                line.slug
            )))
        }
    };
    let section_id = section_id(db, &line.section).await?.ok_or_else(|| {
        Problem::Line(format!(
            "article {}: section {} is not known",
            line.slug, line.section
        ))
    })?;
    let image = match &line.image {
        None => None,
        Some(image) => Some(image_of(&line.slug, image)?),
    };
    if let Some(url) = &line.author_url {
        let sound = (is_local_path(url) || url.starts_with("https://"))
            && !url.contains(['"', '<', '>', ' ']);
        if !sound {
            return Err(Problem::Line(format!(
                "article {}: author_url must be a path on this site or an https:// address: {url:?}",
                line.slug
            )));
        }
    }
    if let Some(tag) = line.tags.iter().find(|t| t.name.trim().is_empty()) {
        return Err(Problem::Line(format!(
            "article {}: tag {} has no name",
            line.slug, tag.slug
        )));
    }
    let tags: Vec<(Slug, String)> = line
        .tags
        .iter()
        .map(|t| (t.slug.clone(), t.name.trim().to_owned()))
        .collect();
    db::articles::upsert(
        db,
        ArticleInput {
            slug: &line.slug,
            section_id,
            headline: line.headline.trim(),
            standfirst: line.standfirst.trim(),
            author_name: line.author.trim(),
            published_at: &line.published_at,
            updated_at: line.updated_at.as_deref(),
            body_html: &body_html,
            image: image.as_ref(),
            author_url: line.author_url.as_deref(),
            comments_open: line.comments,
            tags: &tags,
        },
    )
    .await?;
    Ok(())
}

fn image_of(slug: &Slug, image: &ImageLine) -> Result<Image, Problem> {
    let (src, width, height) = match &image.src {
        None => (media::picture_src(slug), media::WIDTH, media::HEIGHT),
        Some(src) => {
            // Same-origin paths only: the site never hotlinks (privacy, and the CSP's img-src).
            if !is_local_path(src) || src.contains(['"', '<', '>', ' ']) {
                return Err(Problem::Line(format!(
                    "article {slug}: image src must be a path on this site (/media/…): {src:?}"
                )));
            }
            match (image.width, image.height) {
                (Some(w), Some(h)) if w > 0 && h > 0 => (src.clone(), w, h),
                _ => {
                    return Err(Problem::Line(format!(
                        "article {slug}: an image with a src needs its width and height (so the page can reserve its space)"
                    )))
                }
            }
        }
    };
    Ok(Image {
        src,
        width,
        height,
        alt: image.alt.trim().to_owned(),
        caption: image.caption.clone(),
    })
}

/// A path on this site (`/media/a.svg`), not an address elsewhere (`https://…`, `//host/…`).
fn is_local_path(value: &str) -> bool {
    value.starts_with('/') && !value.starts_with("//")
}

/// Turns paragraphs into HTML, escaping all text.
pub fn paragraphs_to_html(paragraphs: &[String]) -> String {
    let mut html = String::new();
    for paragraph in paragraphs {
        let (tag, text) = if let Some(text) = paragraph.strip_prefix("## ") {
            ("h2", text)
        } else if let Some(text) = paragraph.strip_prefix("> ") {
            ("blockquote", text)
        } else {
            ("p", paragraph.as_str())
        };
        let escaped = escape(text);
        if tag == "blockquote" {
            html.push_str(&format!("<blockquote><p>{escaped}</p></blockquote>"));
        } else {
            html.push_str(&format!("<{tag}>{escaped}</{tag}>"));
        }
    }
    html
}

/// Text made safe inside an HTML element or a quoted attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Article HTML goes through ammonia's allow-list before it is stored, so the SPA can render it as
/// is: paragraphs, headings, lists, emphasis, quotations, figures and same-origin images, links
/// with a safe rel; no scripts, no event handlers, no `javascript:` links.
pub fn sanitise(html: &str) -> String {
    let tags = [
        "p",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "em",
        "strong",
        "b",
        "i",
        "a",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "br",
        "hr",
        "cite",
        "q",
        "sub",
        "sup",
        "small",
    ];
    ammonia::Builder::default()
        .tags(tags.into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["https", "mailto"].into_iter().collect())
        .attribute_filter(|element, attribute, value| {
            // Images only from this site: no request to anyone else when a reader opens a page.
            if element == "img" && attribute == "src" && !is_local_path(value) {
                None
            } else {
                Some(value.into())
            }
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_markup_is_escaped_then_structured() {
        let html = paragraphs_to_html(&["## Why".into(), "a < b & \"c\"".into(), "> Said".into()]);
        assert_eq!(
            html,
            "<h2>Why</h2><p>a &lt; b &amp; &quot;c&quot;</p><blockquote><p>Said</p></blockquote>"
        );
    }

    #[test]
    fn sanitiser_keeps_the_allow_list_and_nothing_else() {
        let clean = sanitise(
            "<p onclick=\"x()\">Hi<script>alert(1)</script><a href=\"javascript:x\">l</a></p>\
             <img src=\"https://tracker.example/p.gif\"><img src=\"/media/a.svg\" alt=\"A\">\
             <iframe src=\"/x\"></iframe><ul><li><em>ok</em></li></ul><a href=\"https://ok.example\">ok</a>",
        );
        assert!(
            !clean.contains("script") && !clean.contains("onclick"),
            "{clean}"
        );
        assert!(
            !clean.contains("javascript") && !clean.contains("iframe"),
            "{clean}"
        );
        assert!(!clean.contains("tracker.example"), "{clean}");
        assert!(
            clean.contains("<img src=\"/media/a.svg\" alt=\"A\">"),
            "{clean}"
        );
        assert!(clean.contains("<ul><li><em>ok</em></li></ul>"), "{clean}");
        assert!(clean.contains("rel=\"noopener noreferrer\""), "{clean}");
    }
}
