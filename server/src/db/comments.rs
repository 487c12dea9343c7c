//! SQL for comments. The author's email is stored but never selected for a public response.

use inkuru_api::{Comment, CommentList, NewComment, Slug};

use super::{now_rfc3339, Db};
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    author_name: String,
    body: String,
    created_at: String,
}

impl From<CommentRow> for Comment {
    fn from(row: CommentRow) -> Self {
        Comment {
            id: row.id,
            author_name: row.author_name,
            body: row.body,
            created_at: row.created_at,
        }
    }
}

async fn article_id(db: &Db, slug: &Slug) -> AppResult<Option<i64>> {
    let id: Option<(i64,)> = sqlx::query_as("SELECT id FROM articles WHERE slug = ?")
        .bind(slug.as_str())
        .fetch_optional(db)
        .await?;
    Ok(id.map(|(id,)| id))
}

/// An article's comments, oldest first; `None` when there is no such article.
pub async fn list(db: &Db, slug: &Slug) -> AppResult<Option<CommentList>> {
    let Some(article_id) = article_id(db, slug).await? else {
        return Ok(None);
    };
    let rows: Vec<CommentRow> = sqlx::query_as(
        "SELECT id, author_name, body, created_at FROM comments WHERE article_id = ? ORDER BY id",
    )
    .bind(article_id)
    .fetch_all(db)
    .await?;
    Ok(Some(CommentList {
        comments: rows.into_iter().map(Comment::from).collect(),
    }))
}

/// Stores an already validated and normalised comment; `None` when there is no such article.
pub async fn insert(db: &Db, slug: &Slug, comment: &NewComment) -> AppResult<Option<Comment>> {
    let Some(article_id) = article_id(db, slug).await? else {
        return Ok(None);
    };
    let row: CommentRow = sqlx::query_as(
        "INSERT INTO comments (article_id, author_name, author_email, body, created_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id, author_name, body, created_at",
    )
    .bind(article_id)
    .bind(&comment.name)
    .bind(&comment.email)
    .bind(&comment.body)
    .bind(now_rfc3339())
    .fetch_one(db)
    .await?;
    Ok(Some(row.into()))
}
