//! The site's settings: name, "Follow us" links, share buttons, comment policy.

use inkuru_api::{paths, SiteSettings};

use super::client::{get_json_for_app, ApiError};

pub async fn settings() -> Result<SiteSettings, ApiError> {
    get_json_for_app(paths::SITE).await
}
