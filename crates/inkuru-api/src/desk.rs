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
    pub state: QueueState,
}

/// Where a comment stands, as the desk sorts them (`?state=` of `paths::DESK_COMMENTS`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueState {
    /// Waiting for an editor: seen by its author only.
    #[default]
    Held,
    /// Seen by everyone.
    Published,
    /// Marked as spam: seen by no reader, its author included; kept, so an editor can still
    /// publish it if it was marked by mistake.
    Spam,
}

impl QueueState {
    pub const ALL: [QueueState; 3] = [QueueState::Held, QueueState::Published, QueueState::Spam];

    /// Its name in URLs and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            QueueState::Held => "held",
            QueueState::Published => "published",
            QueueState::Spam => "spam",
        }
    }

    /// The state named `name` (`as_str`), if there is one.
    pub fn parse(name: &str) -> Option<QueueState> {
        QueueState::ALL
            .into_iter()
            .find(|state| state.as_str() == name)
    }

    /// What the desk calls comments in this state.
    pub fn label(self) -> &'static str {
        match self {
            QueueState::Held => "Awaiting review",
            QueueState::Published => "Published",
            QueueState::Spam => "Spam",
        }
    }

    /// The decisions an editor can take on a comment in this state.
    pub fn decisions(self) -> &'static [Decision] {
        match self {
            QueueState::Held => &[Decision::Publish, Decision::Reject, Decision::Spam],
            QueueState::Spam => &[Decision::Publish],
            QueueState::Published => &[],
        }
    }
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
    /// Hidden from every reader and kept in the desk's Spam list.
    Spam,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Publish => "publish",
            Decision::Reject => "reject",
            Decision::Spam => "spam",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Publish => "Publish",
            Decision::Reject => "Reject",
            Decision::Spam => "Mark as spam",
        }
    }

    /// What became of `count` comments, as the desk announces it.
    pub fn outcome(self, count: usize) -> String {
        let comments = if count == 1 { "comment" } else { "comments" };
        let done = match self {
            Decision::Publish => "published",
            Decision::Reject => "rejected",
            Decision::Spam => "marked as spam",
        };
        format!("{count} {comments} {done}.")
    }
}

/// The most comments one decision takes at once.
pub const MAX_DECIDED_AT_ONCE: usize = 100;

/// POST `paths::DESK_MODERATE`: one decision on one or several held comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Moderate {
    /// 1 to `MAX_DECIDED_AT_ONCE` comment ids (whole numbers from 1).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::list")
    )]
    #[cfg_attr(feature = "utoipa", schema(schema_with = comment_ids))]
    pub ids: Vec<i64>,
    pub decision: Decision,
}

/// `Moderate::ids` as the OpenAPI document states it.
#[cfg(feature = "utoipa")]
fn comment_ids() -> utoipa::openapi::schema::ArrayBuilder {
    use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
    let id = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(1))
        .maximum(Some(crate::whole::MAX_SAFE as f64));
    ArrayBuilder::new()
        .items(id)
        .min_items(Some(1))
        .max_items(Some(MAX_DECIDED_AT_ONCE))
}

/// What a decision did: the comments it applied to, and those it could not (no longer held, a
/// rejected one with replies, or a published comment marked as spam).
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
    /// `publish`, `reject`, `spam`, `sign in`, `change`, `close comments`, …
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_states_round_trip_by_name() {
        for state in QueueState::ALL {
            assert_eq!(QueueState::parse(state.as_str()), Some(state));
        }
        assert_eq!(QueueState::parse("deleted"), None);
        assert_eq!(
            serde_json::to_string(&QueueState::Spam).unwrap(),
            "\"spam\""
        );
    }

    #[test]
    fn outcomes_count_comments() {
        assert_eq!(Decision::Publish.outcome(1), "1 comment published.");
        assert_eq!(Decision::Spam.outcome(3), "3 comments marked as spam.");
    }
}
