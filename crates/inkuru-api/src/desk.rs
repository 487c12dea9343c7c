//! The editors' desk (issue 15): signing in and out. Editors are added at the server's terminal
//! (`inkuru-server editors add NAME`); the desk signs them in with a name and password and keeps
//! them signed in with a session cookie the server checks on every desk request.

use serde::{Deserialize, Serialize};

/// The session cookie's name: `HttpOnly`, `SameSite=Strict`, `Path=/`, `Secure` over https.
pub const SESSION_COOKIE: &str = "inkuru_desk";

/// POST `paths::DESK_SESSION`: sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub name: String,
    pub password: String,
}

/// The editor a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SignedIn {
    pub name: String,
}

/// A comment as the desk shows it: with its article, and the author's email (editors only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct DeskComment {
    pub id: i64,
    pub article_slug: String,
    pub article_headline: String,
    pub parent_id: Option<i64>,
    pub author_name: String,
    pub author_email: String,
    /// Text, to be shown as text.
    pub body: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub status: crate::CommentStatus,
}

/// GET `paths::DESK_COMMENTS`: comments newest first, and how many wait for review in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    pub comments: Vec<DeskComment>,
    pub held_total: u32,
}

/// What an editor does to held comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Everyone sees it from now on.
    Publish,
    /// Deleted (a comment with replies cannot be rejected).
    Reject,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Publish => "publish",
            Decision::Reject => "reject",
        }
    }
}

/// The most comments one decision takes at once.
pub const MAX_DECIDED_AT_ONCE: usize = 100;

/// POST `paths::DESK_MODERATE`: one decision on one or several held comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Moderate {
    pub ids: Vec<i64>,
    pub decision: Decision,
}

/// What a decision did: the comments it applied to, and those it could not (no longer held, or
/// a rejected one with replies).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Moderated {
    pub done: Vec<i64>,
    pub skipped: Vec<i64>,
}

/// One line of the desk's audit log: who did what, when, to what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub at: String,
    pub editor: String,
    /// `publish`, `reject`.
    pub action: String,
    /// `comment 12 on kigali-jazz-nights-return`.
    pub target: String,
}

/// PUT `paths::desk_article_comments`: open or close one article to new comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct CommentsSwitch {
    pub open: bool,
}
