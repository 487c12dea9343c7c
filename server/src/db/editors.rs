//! SQL for the editors who sign in to the desk: names and password hashes (`crate::editors` makes
//! and checks the hashes; nothing here sees a password).

use super::{now_rfc3339, Db};
use crate::error::AppResult;

/// An editor as `editors list` shows them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Editor {
    pub name: String,
    pub created_at: String,
}

/// Adds an editor; `false` when one already has that name.
pub async fn add(db: &Db, name: &str, password_hash: &str) -> AppResult<bool> {
    let added = sqlx::query(
        "INSERT INTO editors (name, password_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(password_hash)
    .bind(now_rfc3339())
    .execute(db)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Every editor, by name.
pub async fn list(db: &Db) -> AppResult<Vec<Editor>> {
    Ok(
        sqlx::query_as("SELECT name, created_at FROM editors ORDER BY name")
            .fetch_all(db)
            .await?,
    )
}

/// Removes an editor and signs them out everywhere; `false` when none has that name.
pub async fn remove(db: &Db, name: &str) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    end_sessions_of(&mut tx, name).await?;
    let removed = sqlx::query("DELETE FROM editors WHERE name = $1")
        .bind(name)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(removed.rows_affected() == 1)
}

/// Ends every session of the editor called `name`, within `tx`.
async fn end_sessions_of(tx: &mut sqlx::Transaction<'_, sqlx::Any>, name: &str) -> AppResult<()> {
    sqlx::query(
        "DELETE FROM editor_sessions WHERE editor_id IN (SELECT id FROM editors WHERE name = $1)",
    )
    .bind(name)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Replaces an editor's password hash and ends their sessions (whoever knew the old password is
/// signed out); `false` when none has that name.
pub async fn set_password_hash(db: &Db, name: &str, password_hash: &str) -> AppResult<bool> {
    let mut tx = db.begin().await?;
    end_sessions_of(&mut tx, name).await?;
    let changed = sqlx::query("UPDATE editors SET password_hash = $1 WHERE name = $2")
        .bind(password_hash)
        .bind(name)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(changed.rows_affected() == 1)
}

/// The id and password hash of the editor called `name`, if there is one.
pub async fn password_hash(db: &Db, name: &str) -> AppResult<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, password_hash FROM editors WHERE name = $1")
            .bind(name)
            .fetch_optional(db)
            .await?,
    )
}

/// A stored session: whose, and its times (ms since 1970).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Session {
    pub editor: String,
    pub created_ms: i64,
    pub last_seen_ms: i64,
}

/// Stores a new session for `editor_id` under the hash of its id.
pub async fn start_session(db: &Db, id_hash: &str, editor_id: i64, now_ms: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO editor_sessions (id_hash, editor_id, created_ms, last_seen_ms)
         VALUES ($1, $2, $3, $3)",
    )
    .bind(id_hash)
    .bind(editor_id)
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(())
}

/// The session stored under `id_hash`, if any.
pub async fn session(db: &Db, id_hash: &str) -> AppResult<Option<Session>> {
    Ok(sqlx::query_as(
        "SELECT e.name AS editor, s.created_ms, s.last_seen_ms
         FROM editor_sessions s JOIN editors e ON e.id = s.editor_id WHERE s.id_hash = $1",
    )
    .bind(id_hash)
    .fetch_optional(db)
    .await?)
}

/// Notes that the session was used at `now_ms`.
pub async fn touch_session(db: &Db, id_hash: &str, now_ms: i64) -> AppResult<()> {
    sqlx::query("UPDATE editor_sessions SET last_seen_ms = $1 WHERE id_hash = $2")
        .bind(now_ms)
        .bind(id_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends the session stored under `id_hash` (nothing happens if there is none).
pub async fn end_session(db: &Db, id_hash: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM editor_sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(db)
        .await?;
    Ok(())
}
