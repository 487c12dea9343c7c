//! The section tree.

use inkuru_api::{paths, SectionTree};

use super::client::{get_json_for_app, ApiError};

pub async fn tree() -> Result<SectionTree, ApiError> {
    get_json_for_app(paths::SECTIONS).await
}
