//! SQL for comments: threads paged whole, inserting comments and replies, and the moderation queue.
//! The author's email is stored but never selected for a public response; a held comment is
//! selected only for the holder of its author token.

use inkuru_api::desk::QueueState;
use inkuru_api::{Comment, CommentList, CommentPolicy, CommentStatus, NewComment, Slug};

use super::{now_rfc3339, Db};
use crate::error::{AppError, AppResult};

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    parent_id: Option<i64>,
    author_name: String,
    body: String,
    created_at: String,
    status: String,
}

/// The columns a `CommentRow` reads, in its order.
const COMMENT_COLUMNS: &str = "id, parent_id, author_name, body, created_at, status";

impl From<CommentRow> for Comment {
    fn from(row: CommentRow) -> Self {
        Comment {
            id: row.id,
            parent_id: row.parent_id,
            author_name: row.author_name,
            body: row.body,
            created_at: row.created_at,
            status: if row.status == HELD {
                CommentStatus::Held
            } else {
                CommentStatus::Published
            },
        }
    }
}

/// `comments.status` values (the desk's `QueueState` names the same ones).
const PUBLISHED: &str = "published";
const HELD: &str = "held";

/// Which comments a reader holding the author token `$N` sees: published ones, and their own
/// held ones (never one marked as spam). `author_token = NULL` is never true, so without a token
/// only published comments are seen.
fn seen_by_reader(token: u8) -> String {
    format!("(status = 'published' OR (status = 'held' AND author_token = ${token}))")
}

async fn article_id(db: &Db, slug: &Slug) -> AppResult<Option<i64>> {
    let id: Option<(i64,)> = sqlx::query_as("SELECT id FROM articles WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(db)
        .await?;
    Ok(id.map(|(id,)| id))
}

/// One page of an article's threads, oldest first, each with all its replies; `None` when there is
/// no such article. Published comments only, plus the held ones of the holder of `author_token`.
pub async fn list(
    db: &Db,
    slug: &Slug,
    page: u32,
    per_page: u32,
    author_token: Option<&str>,
) -> AppResult<Option<CommentList>> {
    let Some(article_id) = article_id(db, slug).await? else {
        return Ok(None);
    };
    let (total_threads, total_comments): (i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FILTER (WHERE parent_id IS NULL), COUNT(*) FROM comments
         WHERE article_id = $1 AND {}",
        seen_by_reader(2)
    ))
    .bind(article_id)
    .bind(author_token)
    .fetch_one(db)
    .await?;
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    let seen = seen_by_reader(4);
    let rows: Vec<CommentRow> = sqlx::query_as(&format!(
        "WITH threads AS (
             SELECT id FROM comments
             WHERE article_id = $1 AND parent_id IS NULL AND {seen}
             ORDER BY id LIMIT $2 OFFSET $3)
         SELECT {COMMENT_COLUMNS} FROM comments
         WHERE article_id = $1 AND thread_id IN (SELECT id FROM threads) AND {seen}
         ORDER BY thread_id, id"
    ))
    .bind(article_id)
    .bind(i64::from(per_page))
    .bind(offset)
    .bind(author_token)
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
    /// The submission key names another comment (another article, or other words).
    KeyReused,
}

/// A stored comment, with the author token it was held under (if it was).
pub struct Stored {
    pub comment: Comment,
    pub author_token: Option<String>,
}

/// The comment stored for the submission `key`, if any.
/// The comment stored under the submission `key`, if any, and whether it is this submission
/// (the same article and words): a key names one comment, so a different one under it is refused.
async fn by_key(
    db: &Db,
    key: &str,
    slug: &Slug,
    comment: &NewComment,
) -> AppResult<Option<Result<Stored, InsertError>>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        comment: CommentRow,
        author_token: Option<String>,
        author_email: String,
        slug: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT c.id, c.parent_id, c.author_name, c.body, c.created_at, c.status,
                c.author_token, c.author_email, a.slug
         FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.idempotency_key = $1",
    )
    .bind(key)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| {
        let same = row.slug == slug.as_str()
            && row.comment.author_name == comment.name
            && row.author_email == comment.email
            && row.comment.body == comment.body
            && row.comment.parent_id == comment.parent_id;
        if !same {
            return Err(InsertError::KeyReused);
        }
        Ok(Stored {
            author_token: row.author_token.filter(|_| row.comment.status == HELD),
            comment: row.comment.into(),
        })
    }))
}

/// A fresh author token: 128 random bits as 32 lowercase hex digits.
fn new_author_token() -> AppResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(AppError::internal)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The token to hold a comment under: the one the author already has, if this server issued it
/// (so one browser sees all its held comments), or a new one.
async fn author_token_for(db: &Db, offered: Option<&str>) -> AppResult<String> {
    if let Some(offered) = offered {
        let known: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM comments WHERE author_token = $1 LIMIT 1")
                .bind(offered)
                .fetch_optional(db)
                .await?;
        if known.is_some() {
            return Ok(offered.to_owned());
        }
    }
    new_author_token()
}

/// Stores an already validated and normalised comment (a reply joins its parent's thread),
/// published or held for review as the site's policy says; `author_token` is the token the author
/// offered. With a submission `key`, a comment already stored under it is answered instead,
/// whether it arrives later or at the same moment (the unique index decides the race).
pub async fn insert(
    db: &Db,
    slug: &Slug,
    comment: &NewComment,
    key: Option<&str>,
    author_token: Option<&str>,
) -> AppResult<Result<Stored, InsertError>> {
    if let Some(key) = key {
        if let Some(earlier) = by_key(db, key, slug, comment).await? {
            return Ok(earlier);
        }
    }
    match insert_new(db, slug, comment, key, author_token).await? {
        Attempt::Stored(stored) => Ok(Ok(stored)),
        Attempt::Refused(why) => Ok(Err(why)),
        // Another request with this key stored it a moment ago.
        Attempt::Duplicate => match key {
            Some(key) => by_key(db, key, slug, comment)
                .await?
                .ok_or_else(|| AppError::internal("a duplicate submission vanished")),
            None => Err(AppError::internal("a duplicate without a submission key")),
        },
    }
}

/// How one attempt to store a comment ended.
enum Attempt {
    Stored(Stored),
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
    offered_token: Option<&str>,
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
    let policy = super::site::get(db).await?.comments;
    if open == 0 || policy == CommentPolicy::Closed {
        return Ok(Attempt::Refused(InsertError::Closed));
    }
    let (status, author_token) = if policy == CommentPolicy::Moderated {
        (HELD, Some(author_token_for(db, offered_token).await?))
    } else {
        (PUBLISHED, None)
    };
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
    let inserted: Result<CommentRow, sqlx::Error> = sqlx::query_as(&format!(
        "INSERT INTO comments (article_id, parent_id, thread_id, author_name, author_email, body, created_at,
                               idempotency_key, status, author_token)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {COMMENT_COLUMNS}"
    ))
    .bind(article_id)
    .bind(comment.parent_id)
    .bind(thread_id)
    .bind(&comment.name)
    .bind(&comment.email)
    .bind(&comment.body)
    .bind(now_rfc3339())
    .bind(key)
    .bind(status)
    .bind(author_token.as_deref())
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
    Ok(Attempt::Stored(Stored {
        comment: row.into(),
        author_token,
    }))
}

/// A comment waiting for an editor, with the article it is on.
pub struct HeldComment {
    pub article: String,
    pub comment: Comment,
}

/// Every held comment, oldest first: the moderation queue.
pub async fn held(db: &Db) -> AppResult<Vec<HeldComment>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        #[sqlx(flatten)]
        comment: CommentRow,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.slug, c.id, c.parent_id, c.author_name, c.body, c.created_at, c.status
         FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.status = 'held' ORDER BY c.id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| HeldComment {
            article: row.slug,
            comment: row.comment.into(),
        })
        .collect())
}

/// Publishes a held comment, or one marked as spam by mistake; false when there is no such
/// comment with this id.
pub async fn publish(db: &Db, id: i64) -> AppResult<bool> {
    let done = sqlx::query(
        "UPDATE comments SET status = 'published' WHERE id = $1 AND status IN ('held', 'spam')",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a held comment as spam: no reader sees it any more, its author included; false when
/// there is no held comment with this id.
pub async fn mark_spam(db: &Db, id: i64) -> AppResult<bool> {
    let done = sqlx::query("UPDATE comments SET status = 'spam' WHERE id = $1 AND status = 'held'")
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a held comment that has no replies; false when there is no such comment.
pub async fn reject(db: &Db, id: i64) -> AppResult<bool> {
    let done = sqlx::query(
        "DELETE FROM comments WHERE id = $1 AND status = 'held'
         AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = $1)",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Comments for the editors' desk in `state`, newest first, of one article or all, at most
/// `limit`, with their article and the author's email.
pub async fn for_desk(
    db: &Db,
    state: QueueState,
    article: Option<&Slug>,
    limit: i64,
) -> AppResult<Vec<inkuru_api::desk::DeskComment>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        headline: String,
        author_email: String,
        #[sqlx(flatten)]
        comment: CommentRow,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.slug, a.headline, c.author_email, c.id, c.parent_id, c.author_name, c.body,
                c.created_at, c.status
         FROM comments c JOIN articles a ON a.id = c.article_id
         WHERE c.status = $1 AND ($2 = '' OR a.slug = $2)
         ORDER BY c.id DESC LIMIT $3",
    )
    .bind(state.as_str())
    .bind(article.map(Slug::as_str).unwrap_or_default())
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let comment: Comment = row.comment.into();
            inkuru_api::desk::DeskComment {
                id: comment.id,
                article_slug: row.slug,
                article_headline: row.headline,
                parent_id: comment.parent_id,
                author_name: comment.author_name,
                author_email: row.author_email,
                body: comment.body,
                created_at: comment.created_at,
                state,
            }
        })
        .collect())
}

/// How many comments wait for review, on the whole site.
pub async fn held_total(db: &Db) -> AppResult<i64> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM comments WHERE status = $1")
        .bind(HELD)
        .fetch_one(db)
        .await?;
    Ok(count)
}

/// The slug of the article comment `id` is on, if there is such a comment.
pub async fn article_of(db: &Db, id: i64) -> AppResult<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT a.slug FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(slug,)| slug))
}
