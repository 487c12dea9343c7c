//! SQL for comments: threads paged whole, and inserting comments and replies. The author's email is
//! stored but never selected for a public response.

use inkuru_api::{Comment, CommentList, NewComment, Slug};

use super::{now_rfc3339, Db};
use crate::error::{AppError, AppResult};

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

/// The comment stored for the submission `key`, if any.
async fn by_key(db: &Db, key: &str) -> AppResult<Option<Comment>> {
    let row: Option<CommentRow> = sqlx::query_as(
        "SELECT id, parent_id, author_name, body, created_at FROM comments WHERE idempotency_key = $1",
    )
    .bind(key)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Comment::from))
}

/// Stores an already validated and normalised comment (a reply joins its parent's thread). With
/// a submission `key`, a comment already stored under it is answered instead, whether it arrives
/// later or at the same moment (the unique index decides the race).
pub async fn insert(
    db: &Db,
    slug: &Slug,
    comment: &NewComment,
    key: Option<&str>,
) -> AppResult<Result<Comment, InsertError>> {
    if let Some(key) = key {
        if let Some(stored) = by_key(db, key).await? {
            return Ok(Ok(stored));
        }
    }
    match insert_new(db, slug, comment, key).await? {
        Attempt::Stored(stored) => Ok(Ok(stored)),
        Attempt::Refused(why) => Ok(Err(why)),
        // Another request with this key stored it a moment ago.
        Attempt::Duplicate => match key {
            Some(key) => by_key(db, key)
                .await?
                .map(Ok)
                .ok_or_else(|| AppError::internal("a duplicate submission vanished")),
            None => Err(AppError::internal("a duplicate without a submission key")),
        },
    }
}

/// How one attempt to store a comment ended.
enum Attempt {
    Stored(Comment),
    Refused(InsertError),
    /// The submission key is taken: the comment is already stored.
    Duplicate,
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

async fn insert_new(
    db: &Db,
    slug: &Slug,
    comment: &NewComment,
    key: Option<&str>,
) -> AppResult<Attempt> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, CASE WHEN comments_open THEN 1 ELSE 0 END FROM articles WHERE slug = $1",
    )
    .bind(slug.as_str())
    .fetch_optional(db)
    .await?;
    let Some((article_id, open)) = row else {
        return Ok(Attempt::Refused(InsertError::NoArticle));
    };
    if open == 0 || super::site::get(db).await?.comments == inkuru_api::CommentPolicy::Closed {
        return Ok(Attempt::Refused(InsertError::Closed));
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
                None => return Ok(Attempt::Refused(InsertError::NoParent)),
            }
        }
        None => None,
    };
    let inserted: Result<CommentRow, sqlx::Error> = sqlx::query_as(
        "INSERT INTO comments (article_id, parent_id, thread_id, author_name, author_email, body, created_at,
                               idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, parent_id, author_name, body, created_at",
    )
    .bind(article_id)
    .bind(comment.parent_id)
    .bind(thread_id)
    .bind(&comment.name)
    .bind(&comment.email)
    .bind(&comment.body)
    .bind(now_rfc3339())
    .bind(key)
    .fetch_one(&mut *tx)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(error) if is_unique_violation(&error) => return Ok(Attempt::Duplicate),
        Err(error) => return Err(error.into()),
    };
    if thread_id.is_none() {
        // A comment on the article starts its own thread.
        sqlx::query("UPDATE comments SET thread_id = id WHERE id = $1")
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Attempt::Stored(row.into()))
}
