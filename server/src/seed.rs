//! Demo content: the section tree and articles written for this project (`server/demo/`), loaded
//! into a new, empty database so a first start shows a complete news site.

use inkuru_api::{Image, Slug};
use serde::Deserialize;

use crate::db::{self, articles::ArticleInput, Db};
use crate::error::{AppError, AppResult};
use crate::media;

const SECTIONS_JSON: &str = include_str!("../demo/sections.json");
const ARTICLES_JSONL: &str = include_str!("../demo/articles.jsonl");
const SITE_JSON: &str = include_str!("../demo/site.json");

#[derive(Deserialize)]
struct DemoSection {
    slug: Slug,
    name: String,
    /// Slug of the parent; absent for a top-level section. Parents come before their children.
    parent: Option<Slug>,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
struct DemoArticle {
    slug: Slug,
    section: Slug,
    headline: String,
    standfirst: String,
    author: String,
    published_at: String,
    #[serde(default)]
    updated_at: Option<String>,
    /// Paragraphs; `## ` starts a subheading and `> ` a quotation.
    body: Vec<String>,
    #[serde(default)]
    image: Option<DemoImage>,
}

#[derive(Deserialize)]
struct DemoImage {
    alt: String,
    caption: Option<String>,
}

/// Loads the demo content when the database has no sections yet (and the demo site settings when
/// it has none); returns how many articles it added.
pub async fn seed_if_empty(db: &Db) -> AppResult<usize> {
    if !db::site::is_configured(db).await? {
        let settings = serde_json::from_str(SITE_JSON)
            .map_err(|e| AppError::internal(format!("demo/site.json: {e}")))?;
        db::site::put(db, &settings).await?;
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sections")
        .fetch_one(db)
        .await?;
    if count > 0 {
        return Ok(0);
    }
    load_demo(db).await
}

/// Loads (or refreshes, by slug) all demo sections and articles.
pub async fn load_demo(db: &Db) -> AppResult<usize> {
    let sections: Vec<DemoSection> = serde_json::from_str(SECTIONS_JSON)
        .map_err(|e| AppError::internal(format!("demo/sections.json: {e}")))?;
    let mut ids = std::collections::HashMap::new();
    let mut positions = std::collections::HashMap::new();
    for section in &sections {
        let parent_id = match &section.parent {
            Some(parent) => Some(*ids.get(parent).ok_or_else(|| {
                AppError::internal(format!(
                    "section {} comes before its parent {parent}",
                    section.slug
                ))
            })?),
            None => None,
        };
        let position = positions.entry(parent_id).or_insert(0);
        let id = db::sections::upsert(
            db,
            &section.slug,
            &section.name,
            parent_id,
            *position,
            &section.description,
        )
        .await?;
        *position += 1;
        ids.insert(section.slug.clone(), id);
    }
    let mut added = 0;
    for (number, line) in ARTICLES_JSONL
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let article: DemoArticle = serde_json::from_str(line).map_err(|e| {
            AppError::internal(format!("demo/articles.jsonl line {}: {e}", number + 1))
        })?;
        let section_id = *ids.get(&article.section).ok_or_else(|| {
            AppError::internal(format!(
                "article {} names unknown section {}",
                article.slug, article.section
            ))
        })?;
        let image = article.image.map(|image| Image {
            src: media::picture_src(&article.slug),
            width: media::WIDTH,
            height: media::HEIGHT,
            alt: image.alt,
            caption: image.caption,
        });
        let body_html = sanitise(&paragraphs_to_html(&article.body));
        db::articles::upsert(
            db,
            ArticleInput {
                slug: &article.slug,
                section_id,
                headline: &article.headline,
                standfirst: &article.standfirst,
                author_name: &article.author,
                published_at: &article.published_at,
                updated_at: article.updated_at.as_deref(),
                body_html: &body_html,
                image: image.as_ref(),
            },
        )
        .await?;
        added += 1;
    }
    Ok(added)
}

/// Turns the demo format's paragraphs into HTML, escaping all text.
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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Article HTML goes through ammonia's allow-list before it is stored, so the SPA can render it as is:
/// no scripts, no event handlers, no `javascript:` links.
pub fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_files_parse() {
        let sections: Vec<DemoSection> = serde_json::from_str(SECTIONS_JSON).unwrap();
        assert!(sections.len() >= 8);
        for line in ARTICLES_JSONL.lines().filter(|l| !l.trim().is_empty()) {
            let _: DemoArticle = serde_json::from_str(line).unwrap();
        }
    }

    #[test]
    fn body_markup_is_escaped_then_structured() {
        let html = paragraphs_to_html(&["## Why".into(), "a < b & \"c\"".into(), "> Said".into()]);
        assert_eq!(
            html,
            "<h2>Why</h2><p>a &lt; b &amp; &quot;c&quot;</p><blockquote><p>Said</p></blockquote>"
        );
    }

    #[test]
    fn sanitiser_removes_scripts_and_handlers() {
        let clean = sanitise(
            "<p onclick=\"x()\">Hi<script>alert(1)</script><a href=\"javascript:x\">l</a></p>",
        );
        assert!(!clean.contains("script"));
        assert!(!clean.contains("onclick"));
        assert!(!clean.contains("javascript"));
        assert!(clean.starts_with("<p>Hi"));
    }
}
