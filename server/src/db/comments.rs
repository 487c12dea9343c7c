//! SQL for comments: threads paged whole, and inserting comments and replies. The author's email is
//! stored but never selected for a public response.

use inkuru_api::{Comment, CommentList, NewComment, Slug};

use super::{now_rfc3339, Db};
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    author_name: String,
    body: String,
    created_at: String,
}

impl From<CommentRow> for Comment {
    fn from(row: CommentRow) -> Self {
        Comment {
            id: row.id,
            parent_id: row.parent_id,
            author_name: row.author_name,
            body: row.body,
            created_at: row.created_at,
        }
    }
}

async fn article_id(db: &Db, slug: &Slug) -> AppResult<Option<i64>> {
    let id: Option<(i64,)> = sqlx::query_as("SELECT id FROM articles WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(db)
        .await?;
    Ok(id.map(|(id,)| id))
}

/// One page of an article's threads, oldest first, each with all its replies; `None` when there is
/// no such article.
pub async fn list(
    db: &Db,
    slug: &Slug,
    page: u32,
    per_page: u32,
) -> AppResult<Option<CommentList>> {
    let Some(article_id) = article_id(db, slug).await? else {
        return Ok(None);
    };
    let (total_threads, total_comments): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*) FILTER (WHERE parent_id IS NULL), COUNT(*) FROM comments WHERE article_id = $1",
    )
    .bind(article_id)
    .fetch_one(db)
    .await?;
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let rows: Vec<CommentRow> = sqlx::query_as(
        "WITH threads AS (
             SELECT id FROM comments WHERE article_id = $1 AND parent_id IS NULL
             ORDER BY id LIMIT $2 OFFSET $3)
         SELECT id, parent_id, author_name, body, created_at FROM comments
         WHERE article_id = $1 AND thread_id IN (SELECT id FROM threads)
         ORDER BY thread_id, id",
    )
    .bind(article_id)
    .bind(i64::from(per_page))
    .bind(offset)
    .fetch_all(db)
    .await?;
    Ok(Some(CommentList {
        comments: rows.into_iter().map(Comment::from).collect(),
        page,
        per_page,
        total_threads: u32::try_from(total_threads).unwrap_or(u32::MAX),
        total_comments: u32::try_from(total_comments).unwrap_or(u32::MAX),
    }))
}

/// Why a comment could not be stored.
pub enum InsertError {
    NoArticle,
    /// The article, or the whole site, takes no comments now.
    Closed,
    /// The parent is not a comment on this article.
    NoParent,
}

/// Stores an already validated and normalised comment (a reply joins its parent's thread).
pub async fn insert(
    db: &Db,
    slug: &Slug,
    comment: &NewComment,
) -> AppResult<Result<Comment, InsertError>> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, CASE WHEN comments_open THEN 1 ELSE 0 END FROM articles WHERE slug = $1",
    )
    .bind(slug.as_str())
    .fetch_optional(db)
    .await?;
    let Some((article_id, open)) = row else {
        return Ok(Err(InsertError::NoArticle));
    };
    if open == 0 || super::site::get(db).await?.comments == inkuru_api::CommentPolicy::Closed {
        return Ok(Err(InsertError::Closed));
    }
    let mut tx = db.begin().await?;
    let thread_id = match comment.parent_id {
        Some(parent) => {
            let thread: Option<(i64,)> =
                sqlx::query_as("SELECT thread_id FROM comments WHERE id = $1 AND article_id = $2")
                    .bind(parent)
                    .bind(article_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            match thread {
                Some((thread,)) => Some(thread),
                None => return Ok(Err(InsertError::NoParent)),
            }
        }
        None => None,
    };
    let row: CommentRow = sqlx::query_as(
        "INSERT INTO comments (article_id, parent_id, thread_id, author_name, author_email, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, parent_id, author_name, body, created_at",
    )
    .bind(article_id)
    .bind(comment.parent_id)
    .bind(thread_id)
    .bind(&comment.name)
    .bind(&comment.email)
    .bind(&comment.body)
    .bind(now_rfc3339())
    .fetch_one(&mut *tx)
    .await?;
    if thread_id.is_none() {
        // A comment on the article starts its own thread.
        sqlx::query("UPDATE comments SET thread_id = id WHERE id = $1")
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(row.into()))
}
