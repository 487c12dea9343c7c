//! SQL for the site settings: one row holding the contract's `SiteSettings` as JSON.

use inkuru_api::{CommentPolicy, ShareSettings, SiteSettings};

use super::Db;
use crate::error::{AppError, AppResult};

/// What a site that was never configured (started with `--no-demo`) says about itself.
pub fn unconfigured() -> SiteSettings {
    SiteSettings {
        name: "Inkuru".to_owned(),
        tagline: String::new(),
        logo: None,
        follow: Vec::new(),
        share: ShareSettings {
            enabled: false,
            networks: Vec::new(),
        },
        comments: CommentPolicy::Open,
        languages: vec!["en".to_owned()],
        feeds_full_content: false,
        partner_origins: Vec::new(),
    }
}

/// The stored settings, or `unconfigured()` when there are none.
pub async fn get(db: &Db) -> AppResult<SiteSettings> {
    let row: Option<(String,)> = sqlx::query_as("SELECT settings FROM site_settings WHERE id = 1")
        .fetch_optional(db)
        .await?;
    match row {
        Some((json,)) => serde_json::from_str(&json)
            .map_err(|e| AppError::internal(format!("stored site settings: {e}"))),
        None => Ok(unconfigured()),
    }
}

/// Whether settings were ever stored.
pub async fn is_configured(db: &Db) -> AppResult<bool> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM site_settings")
        .fetch_one(db)
        .await?;
    Ok(count > 0)
}

/// Stores `settings` after checking them; an unsound setting is refused with every problem named.
pub async fn put(db: &Db, settings: &SiteSettings) -> AppResult<()> {
    let problems = settings.problems();
    if !problems.is_empty() {
        return Err(AppError::BadRequest(problems.join(" ")));
    }
    let json = serde_json::to_string(settings)
        .map_err(|e| AppError::internal(format!("site settings: {e}")))?;
    sqlx::query(
        "INSERT INTO site_settings (id, settings) VALUES (1, $1)
         ON CONFLICT(id) DO UPDATE SET settings = excluded.settings",
    )
    .bind(json)
    .execute(db)
    .await?;
    Ok(())
}
