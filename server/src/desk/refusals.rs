//! The refusals desk requests share, described once for the OpenAPI document: each handler's
//! `responses(...)` names the sets that apply to it next to its own answers. (Never built: the
//! answers themselves come from `crate::error::AppError`.)

#![allow(dead_code)]

use inkuru_api::ErrorBody;

/// Every desk request but signing in needs an open session.
#[derive(utoipa::IntoResponses)]
pub enum NeedsSession {
    /// no session, or it has ended
    #[response(status = 401)]
    SignInRequired(ErrorBody),
}

/// Every desk write is refused from another site's page, and past the desk's own write limit.
#[derive(utoipa::IntoResponses)]
pub enum SiteOwnPagesOnly {
    /// sent from another site's page
    #[response(status = 403)]
    CrossOrigin(ErrorBody),
    /// too many desk writes from this address (120 a minute by default); Retry-After says how
    /// many seconds to wait
    #[response(status = 429)]
    TooMany(ErrorBody),
}

/// A desk write with a body takes JSON only.
#[derive(utoipa::IntoResponses)]
pub enum JsonBody {
    /// the body is not JSON
    #[response(status = 400)]
    Malformed(ErrorBody),
    /// the body is not sent as JSON
    #[response(status = 415)]
    NotJson(ErrorBody),
}
