//! SQL for feeds and sitemaps: the newest articles of a scope with what a feed item shows, the
//! authors and topics feeds can follow, and the dates sitemaps report.

use inkuru_api::{Image, SectionTree, Slug};

use super::articles::SECTION_SCOPE;
use super::Db;
use crate::error::AppResult;

/// Which articles a feed follows, as the database knows them.
pub enum Selection<'a> {
    All,
    /// A section (by id) and every section below it.
    Section(i64),
    /// Articles whose byline is one of these names (all the names an author slug stands for).
    Authors(&'a [String]),
    /// Articles filed under the tag with this slug.
    Topic(&'a Slug),
}

/// An article as a feed item shows it.
#[derive(Clone, Debug)]
pub struct FeedArticle {
    pub slug: String,
    pub section_id: i64,
    pub headline: String,
    pub standfirst: String,
    pub author_name: String,
    pub author_url: Option<String>,
    /// RFC 3339, UTC.
    pub published_at: String,
    /// RFC 3339, UTC: the update time, or the publication time for an article never updated.
    pub modified_at: String,
    /// Sanitised when imported.
    pub body_html: String,
    pub image: Option<Image>,
}

#[derive(sqlx::FromRow)]
struct FeedRow {
    slug: String,
    section_id: i64,
    headline: String,
    standfirst: String,
    author_name: String,
    author_url: Option<String>,
    published_at: String,
    modified_at: String,
    body_html: String,
    image_src: Option<String>,
    image_width: Option<i64>,
    image_height: Option<i64>,
    image_alt: Option<String>,
}

impl From<FeedRow> for FeedArticle {
    fn from(row: FeedRow) -> Self {
        let to_u32 = |v: Option<i64>| v.and_then(|v| u32::try_from(v).ok());
        let image = match (
            row.image_src,
            to_u32(row.image_width),
            to_u32(row.image_height),
        ) {
            (Some(src), Some(width), Some(height)) => Some(Image {
                src,
                width,
                height,
                alt: row.image_alt.unwrap_or_default(),
                caption: None,
            }),
            _ => None,
        };
        FeedArticle {
            slug: row.slug,
            section_id: row.section_id,
            headline: row.headline,
            standfirst: row.standfirst,
            author_name: row.author_name,
            author_url: row.author_url,
            published_at: row.published_at,
            modified_at: row.modified_at,
            body_html: row.body_html,
            image,
        }
    }
}

const FEED_COLUMNS: &str = "a.slug, a.section_id, a.headline, a.standfirst, a.author_name, \
    a.author_url, a.published_at, COALESCE(a.updated_at, a.published_at) AS modified_at, \
    a.body_html, a.image_src, a.image_width, a.image_height, a.image_alt";

/// The newest `limit` articles of `selection`, newest first (by publication, as readers expect a
/// feed to be ordered).
pub async fn newest(db: &Db, selection: &Selection<'_>, limit: u32) -> AppResult<Vec<FeedArticle>> {
    const ORDER: &str = "ORDER BY a.published_at DESC, a.id DESC";
    let limit = i64::from(limit);
    let rows: Vec<FeedRow> = match selection {
        Selection::All | Selection::Section(_) => {
            let section = match selection {
                Selection::Section(id) => Some(*id),
                _ => None,
            };
            sqlx::query_as(&format!(
                "{SECTION_SCOPE} SELECT {FEED_COLUMNS} FROM articles a
                 WHERE a.section_id IN (SELECT id FROM scope) {ORDER} LIMIT $2"
            ))
            .bind(section)
            .bind(limit)
            .fetch_all(db)
            .await?
        }
        Selection::Authors(names) => {
            // One query per name keeps the SQL the same on both databases (no array binding);
            // an author slug stands for one name almost always.
            let mut rows: Vec<FeedRow> = Vec::new();
            for name in names.iter() {
                let mut of_name: Vec<FeedRow> = sqlx::query_as(&format!(
                    "SELECT {FEED_COLUMNS} FROM articles a WHERE a.author_name = $1 {ORDER} LIMIT $2"
                ))
                .bind(name)
                .bind(limit)
                .fetch_all(db)
                .await?;
                rows.append(&mut of_name);
            }
            rows.sort_by(|a, b| b.published_at.cmp(&a.published_at));
            rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            rows
        }
        Selection::Topic(tag) => {
            sqlx::query_as(&format!(
                "SELECT {FEED_COLUMNS} FROM articles a
                 JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id
                 WHERE t.slug = $1 {ORDER} LIMIT $2"
            ))
            .bind(tag.as_str())
            .bind(limit)
            .fetch_all(db)
            .await?
        }
    };
    Ok(rows.into_iter().map(FeedArticle::from).collect())
}

/// Every name that appears on a byline.
pub async fn author_names(db: &Db) -> AppResult<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT author_name FROM articles ORDER BY author_name")
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

/// A topic's name, if a tag has this slug.
pub async fn topic_name(db: &Db, tag: &Slug) -> AppResult<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM tags WHERE slug = $1")
        .bind(tag.as_str())
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(name,)| name))
}

/// A page of the site and when it last changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dated {
    pub key: String,
    /// RFC 3339, UTC.
    pub modified_at: String,
}

fn dated(rows: Vec<(String, String)>) -> Vec<Dated> {
    rows.into_iter()
        .map(|(key, modified_at)| Dated { key, modified_at })
        .collect()
}

/// A month (`2026-11`) articles were published in: its newest change and how many there are.
#[derive(Clone, Debug)]
pub struct Month {
    pub dated: Dated,
    pub count: usize,
}

/// The months articles were published in, newest first.
pub async fn months(db: &Db) -> AppResult<Vec<Month>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT SUBSTR(published_at, 1, 7) AS month, MAX(COALESCE(updated_at, published_at)), COUNT(*)
         FROM articles GROUP BY SUBSTR(published_at, 1, 7) ORDER BY month DESC",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, modified_at, count)| Month {
            dated: Dated { key, modified_at },
            count: usize::try_from(count).unwrap_or(0),
        })
        .collect())
}

/// The slugs of up to `limit` articles published in `month` (`2026-11`) after the first `skip`,
/// newest first, with their changes.
pub async fn published_in(
    db: &Db,
    month: &str,
    limit: usize,
    skip: usize,
) -> AppResult<Vec<Dated>> {
    let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT slug, COALESCE(updated_at, published_at) FROM articles
         WHERE SUBSTR(published_at, 1, 7) = $1 ORDER BY published_at DESC, id DESC
         LIMIT $2 OFFSET $3",
    )
    .bind(month)
    .bind(as_i64(limit))
    .bind(as_i64(skip))
    .fetch_all(db)
    .await?;
    Ok(dated(rows))
}

/// Articles published at or after `since` (RFC 3339, UTC), newest first.
pub async fn published_since(db: &Db, since: &str) -> AppResult<Vec<FeedArticle>> {
    let rows: Vec<FeedRow> = sqlx::query_as(&format!(
        "SELECT {FEED_COLUMNS} FROM articles a WHERE a.published_at >= $1
         ORDER BY a.published_at DESC, a.id DESC"
    ))
    .bind(since)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(FeedArticle::from).collect())
}

/// Each section's path with the newest change among its own and its subsections' articles
/// (sections without articles are left out: a page of nothing is not worth a crawler's visit).
pub async fn section_changes(db: &Db, tree: &SectionTree) -> AppResult<Vec<Dated>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT section_id, MAX(COALESCE(updated_at, published_at)) FROM articles GROUP BY section_id",
    )
    .fetch_all(db)
    .await?;
    let mut dated = Vec::new();
    for section in &tree.sections {
        // A section's page lists its subsections' stories too, so it changes when they do.
        let newest = rows
            .iter()
            .filter(|(id, _)| tree.trail(*id).iter().any(|s| s.id == section.id))
            .map(|(_, modified)| modified)
            .max();
        if let Some(modified_at) = newest {
            dated.push(Dated {
                key: section.path.clone(),
                modified_at: modified_at.clone(),
            });
        }
    }
    Ok(dated)
}

/// The authors' pages on bylines (`author_url`), each with the newest change to their articles.
pub async fn author_pages(db: &Db) -> AppResult<Vec<Dated>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT author_url, MAX(COALESCE(updated_at, published_at)) FROM articles
         WHERE author_url IS NOT NULL GROUP BY author_url ORDER BY author_url",
    )
    .fetch_all(db)
    .await?;
    Ok(dated(rows))
}
