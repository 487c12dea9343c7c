//! SQL for articles: lists (a section with its subsections, newest first), one article, upsert
//! and removal.

use inkuru_api::{
    Article, ArticlePage, ArticleSummary, Byline, CommentPolicy, Image, SectionRef, SectionTree,
    Slug, Tag,
};

use super::{sections, Db};
use crate::error::{AppError, AppResult};

/// `scope(id)`: the section `$1` and every section below it, or every section when `$1` is NULL.
/// A recursive CTE reads the same on SQLite and PostgreSQL.
pub(crate) const SECTION_SCOPE: &str = "WITH RECURSIVE scope(id) AS (
    SELECT id FROM sections WHERE $1 IS NULL OR id = $1
    UNION SELECT s.id FROM sections s JOIN scope ON s.parent_id = scope.id)";

/// The columns of a list item, from `articles a`, in `SummaryRow`'s order.
pub(crate) const SUMMARY_COLUMNS: &str = "a.slug, a.section_id, a.headline, a.standfirst, \
     a.published_at, a.image_src, a.image_width, a.image_height, a.image_alt, a.image_caption";

/// The columns of a list item (`SUMMARY_COLUMNS`), as read.
#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    slug: String,
    section_id: i64,
    headline: String,
    standfirst: String,
    published_at: String,
    image_src: Option<String>,
    image_width: Option<i64>,
    image_height: Option<i64>,
    image_alt: Option<String>,
    image_caption: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    slug: String,
    section_id: i64,
    headline: String,
    standfirst: String,
    author_name: String,
    published_at: String,
    updated_at: Option<String>,
    body_html: String,
    image_src: Option<String>,
    image_width: Option<i64>,
    image_height: Option<i64>,
    image_alt: Option<String>,
    image_caption: Option<String>,
    author_url: Option<String>,
    /// 1 or 0: a boolean column, read as a number the same way from both databases.
    comments_open: i64,
    comment_count: i64,
}

fn image(
    src: Option<String>,
    width: Option<i64>,
    height: Option<i64>,
    alt: Option<String>,
    caption: Option<String>,
) -> Option<Image> {
    let to_u32 = |v: i64| u32::try_from(v).ok();
    Some(Image {
        src: src?,
        width: width.and_then(to_u32)?,
        height: height.and_then(to_u32)?,
        alt: alt.unwrap_or_default(),
        caption,
    })
}

fn slug(value: &str) -> AppResult<Slug> {
    Slug::parse(value).map_err(|e| AppError::internal(format!("stored slug {value:?}: {e}")))
}

fn section_ref(tree: &SectionTree, section_id: i64) -> AppResult<SectionRef> {
    sections::refs_for(tree, section_id)
        .pop()
        .ok_or_else(|| AppError::internal(format!("article in unknown section {section_id}")))
}

/// A list item from its row.
pub(crate) fn summary(tree: &SectionTree, row: SummaryRow) -> AppResult<ArticleSummary> {
    Ok(ArticleSummary {
        slug: slug(&row.slug)?,
        section: section_ref(tree, row.section_id)?,
        headline: row.headline,
        standfirst: row.standfirst,
        published_at: row.published_at,
        image: image(
            row.image_src,
            row.image_width,
            row.image_height,
            row.image_alt,
            row.image_caption,
        ),
    })
}

/// A page of articles, newest first: all of them, or those of `section` and its subsections.
/// `None` when `section` names no section. `tree` is the current section tree (callers often have
/// it already, so it is not read again here).
pub async fn list(
    db: &Db,
    tree: &SectionTree,
    section: Option<&Slug>,
    page: u32,
    per_page: u32,
) -> AppResult<Option<ArticlePage>> {
    let section_id = match section {
        Some(slug) => match tree.sections.iter().find(|s| &s.slug == slug) {
            Some(s) => Some(s.id),
            None => return Ok(None),
        },
        None => None,
    };
    let total: (i64,) = sqlx::query_as(&format!(
        "{SECTION_SCOPE} SELECT COUNT(*) FROM articles WHERE section_id IN (SELECT id FROM scope)"
    ))
    .bind(section_id)
    .fetch_one(db)
    .await?;
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SECTION_SCOPE} SELECT {SUMMARY_COLUMNS}
         FROM articles a WHERE a.section_id IN (SELECT id FROM scope)
         ORDER BY a.published_at DESC, a.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(section_id)
    .bind(i64::from(per_page))
    .bind(offset)
    .fetch_all(db)
    .await?;
    let items = rows
        .into_iter()
        .map(|row| summary(tree, row))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Some(ArticlePage {
        items,
        page,
        per_page,
        total: u32::try_from(total.0).unwrap_or(u32::MAX),
    }))
}

/// One article by slug, or `None`. `tree` is the current section tree, for the breadcrumb trail.
pub async fn get(db: &Db, tree: &SectionTree, wanted: &Slug) -> AppResult<Option<Article>> {
    let row: Option<ArticleRow> = sqlx::query_as(
        "SELECT a.id, a.slug, a.section_id, a.headline, a.standfirst, a.author_name, a.published_at,
                a.updated_at, a.body_html, a.image_src, a.image_width, a.image_height, a.image_alt,
                a.image_caption, a.author_url,
                CASE WHEN a.comments_open THEN 1 ELSE 0 END AS comments_open,
                (SELECT COUNT(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published') AS comment_count
         FROM articles a WHERE a.slug = $1",
    )
    .bind(wanted.as_str())
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let tags = tags_of(db, row.id).await?;
    let site_closed = super::site::get(db).await?.comments == CommentPolicy::Closed;
    let related = related_to(db, tree, row.id, row.section_id).await?;
    Ok(Some(Article {
        slug: slug(&row.slug)?,
        headline: row.headline,
        standfirst: row.standfirst,
        byline: Byline {
            feed: inkuru_api::feeds::author_slug(&row.author_name),
            name: row.author_name,
            url: row.author_url,
        },
        published_at: row.published_at,
        updated_at: row.updated_at,
        section_path: sections::refs_for(tree, row.section_id),
        hero: image(
            row.image_src,
            row.image_width,
            row.image_height,
            row.image_alt,
            row.image_caption,
        ),
        body_html: row.body_html,
        tags,
        related,
        comment_count: u32::try_from(row.comment_count).unwrap_or(0),
        comments_open: row.comments_open != 0 && !site_closed,
    }))
}

/// An article's tags, in the order given.
async fn tags_of(db: &Db, article_id: i64) -> AppResult<Vec<Tag>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
         WHERE at.article_id = $1 ORDER BY at.position",
    )
    .bind(article_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(tag, name)| {
            Ok(Tag {
                slug: slug(&tag)?,
                name,
            })
        })
        .collect()
}

/// Most related articles shown under one.
pub const RELATED: i64 = 4;

/// Other articles sharing the most tags with this one, then from its section; newest first.
async fn related_to(
    db: &Db,
    tree: &SectionTree,
    article_id: i64,
    section_id: i64,
) -> AppResult<Vec<ArticleSummary>> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}
         FROM articles a
         LEFT JOIN (SELECT other.article_id, COUNT(*) AS shared
                    FROM article_tags mine JOIN article_tags other ON other.tag_id = mine.tag_id
                    WHERE mine.article_id = $1 AND other.article_id <> $1
                    GROUP BY other.article_id) s ON s.article_id = a.id
         WHERE a.id <> $1 AND (s.shared IS NOT NULL OR a.section_id = $2)
         ORDER BY COALESCE(s.shared, 0) DESC, a.section_id = $2 DESC, a.published_at DESC, a.id DESC
         LIMIT $3"
    ))
    .bind(article_id)
    .bind(section_id)
    .bind(RELATED)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(|row| summary(tree, row)).collect()
}

/// Everything needed to store an article; `body_html` must already be sanitised.
pub struct ArticleInput<'a> {
    pub slug: &'a Slug,
    pub section_id: i64,
    pub headline: &'a str,
    pub standfirst: &'a str,
    pub author_name: &'a str,
    pub published_at: &'a str,
    pub updated_at: Option<&'a str>,
    pub body_html: &'a str,
    pub image: Option<&'a Image>,
    pub author_url: Option<&'a str>,
    pub comments_open: bool,
    /// (slug, name), in order; replaces the article's tags.
    pub tags: &'a [(Slug, String)],
}

/// Adds or updates an article by slug.
pub async fn upsert(db: &Db, input: ArticleInput<'_>) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO articles (slug, section_id, headline, standfirst, author_name, published_at,
             updated_at, body_html, image_src, image_width, image_height, image_alt, image_caption,
             author_url, comments_open)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT(slug) DO UPDATE SET section_id = excluded.section_id,
             headline = excluded.headline, standfirst = excluded.standfirst,
             author_name = excluded.author_name, published_at = excluded.published_at,
             updated_at = excluded.updated_at, body_html = excluded.body_html,
             image_src = excluded.image_src, image_width = excluded.image_width,
             image_height = excluded.image_height, image_alt = excluded.image_alt,
             image_caption = excluded.image_caption, author_url = excluded.author_url,
             comments_open = excluded.comments_open",
    )
    .bind(input.slug.as_str())
    .bind(input.section_id)
    .bind(input.headline)
    .bind(input.standfirst)
    .bind(input.author_name)
    .bind(input.published_at)
    .bind(input.updated_at)
    .bind(input.body_html)
    .bind(input.image.map(|i| i.src.as_str()))
    .bind(input.image.map(|i| i64::from(i.width)))
    .bind(input.image.map(|i| i64::from(i.height)))
    .bind(input.image.map(|i| i.alt.as_str()))
    .bind(input.image.and_then(|i| i.caption.as_deref()))
    .bind(input.author_url)
    .bind(input.comments_open)
    .execute(db)
    .await?;
    set_tags(db, input.slug, input.tags).await?;
    super::search::index(db, input.slug).await
}

/// Removes the article `slug`, its comments, tags and search entry, together; `false` when no
/// article has that slug.
pub async fn remove(db: &Db, slug: &Slug) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM articles WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    let Some((id,)) = row else { return Ok(false) };
    // Replies point at their parents: one statement takes the whole thread, checked at its end.
    sqlx::query("DELETE FROM comments WHERE article_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if super::backend(db) == super::Backend::Sqlite {
        // PostgreSQL's search table goes with the article (ON DELETE CASCADE); FTS5's has no keys.
        sqlx::query("DELETE FROM articles_fts WHERE rowid = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM articles WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Replaces an article's tags (creating tags not seen before; a known tag keeps its first name).
async fn set_tags(db: &Db, article: &Slug, tags: &[(Slug, String)]) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let (article_id,): (i64,) = sqlx::query_as("SELECT id FROM articles WHERE slug = $1")
        .bind(article.as_str())
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
    for (position, (tag, name)) in tags.iter().enumerate() {
        sqlx::query("INSERT INTO tags (slug, name) VALUES ($1, $2) ON CONFLICT(slug) DO NOTHING")
            .bind(tag.as_str())
            .bind(name)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO article_tags (article_id, tag_id, position)
             SELECT $1, id, $2 FROM tags WHERE slug = $3 ON CONFLICT DO NOTHING",
        )
        .bind(article_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(tag.as_str())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Opens or closes the article `slug` to new comments; `false` when there is no such article.
pub async fn set_comments_open(db: &Db, slug: &Slug, open: bool) -> AppResult<bool> {
    let changed = sqlx::query("UPDATE articles SET comments_open = $1 WHERE slug = $2")
        .bind(open)
        .bind(slug.as_str())
        .execute(db)
        .await?;
    Ok(changed.rows_affected() == 1)
}
