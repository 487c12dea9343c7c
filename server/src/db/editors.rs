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

/// Removes an editor; `false` when none has that name.
pub async fn remove(db: &Db, name: &str) -> AppResult<bool> {
    let removed = sqlx::query("DELETE FROM editors WHERE name = $1")
        .bind(name)
        .execute(db)
        .await?;
    Ok(removed.rows_affected() == 1)
}

/// Replaces an editor's password hash; `false` when none has that name.
pub async fn set_password_hash(db: &Db, name: &str, password_hash: &str) -> AppResult<bool> {
    let changed = sqlx::query("UPDATE editors SET password_hash = $1 WHERE name = $2")
        .bind(password_hash)
        .bind(name)
        .execute(db)
        .await?;
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
