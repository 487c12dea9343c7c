//! SQL for the desk's audit log: lines are added, never changed or removed.

use inkuru_api::desk::AuditEntry;

use super::{now_rfc3339, Db};
use crate::error::AppResult;

/// Notes that `editor` did `action` to `target`, now.
pub async fn record(db: &Db, editor: &str, action: &str, target: &str) -> AppResult<()> {
    sqlx::query("INSERT INTO audit_log (at, editor, action, target) VALUES ($1, $2, $3, $4)")
        .bind(now_rfc3339())
        .bind(editor)
        .bind(action)
        .bind(target)
        .execute(db)
        .await?;
    Ok(())
}

/// The newest `limit` lines, newest first.
pub async fn recent(db: &Db, limit: i64) -> AppResult<Vec<AuditEntry>> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT at, editor, action, target FROM audit_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, editor, action, target)| AuditEntry {
            at,
            editor,
            action,
            target,
        })
        .collect())
}
