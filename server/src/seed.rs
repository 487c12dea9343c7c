//! Demo content: the site settings, section tree and articles written for this project
//! (`server/demo/content.jsonl`), loaded into a new, empty database through the importer (the same
//! path an editor's file takes), so a first start shows a complete news site.

use crate::db::{self, Db};
use crate::error::{AppError, AppResult};
use crate::import;

const DEMO_JSONL: &str = include_str!("../demo/content.jsonl");

/// Loads the demo content when the database has no sections yet; returns how many articles it added.
pub async fn seed_if_empty(db: &Db) -> AppResult<usize> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sections")
        .fetch_one(db)
        .await?;
    if count > 0 {
        return Ok(0);
    }
    load_demo(db).await
}

/// Loads (or refreshes, by slug) all demo content. Every line must import: a skipped demo line is
/// a bug in the demo file, reported as such.
pub async fn load_demo(db: &Db) -> AppResult<usize> {
    let report = import::import_str(db, DEMO_JSONL).await?;
    if !report.skipped.is_empty() {
        return Err(AppError::internal(format!("demo/content.jsonl: {report}")));
    }
    if !db::site::is_configured(db).await? {
        return Err(AppError::internal("demo/content.jsonl has no site line"));
    }
    Ok(report.articles)
}
