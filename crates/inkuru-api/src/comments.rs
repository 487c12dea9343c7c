//! Comments: what a reader posts (`NewComment`), the rules it must meet, and what the API returns.
//!
//! The same `NewComment::validate` runs in the browser (instant feedback) and on the server (the
//! authority), so the two can never disagree about what is acceptable.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// Longest email address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest comment, in characters.
pub const MAX_BODY_CHARS: usize = 5000;

/// Comment threads per page when the client does not say.
pub const DEFAULT_THREADS_PER_PAGE: u32 = 50;
/// Most comment threads a page returns.
pub const MAX_THREADS_PER_PAGE: u32 = 100;

/// The request header naming one submission of a comment: sending the same submission again (a
/// retry, a double click, a resend from another tab) with the same key never stores a second copy.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
/// Longest idempotency key accepted (a UUID is 36 characters).
pub const MAX_IDEMPOTENCY_KEY_CHARS: usize = 100;

/// Whether `key` can be an idempotency key: 8 to 100 ASCII letters, digits, `-` or `_`.
pub fn valid_idempotency_key(key: &str) -> bool {
    (8..=MAX_IDEMPOTENCY_KEY_CHARS).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Least time, in milliseconds, between starting a comment and posting it. People take longer;
/// programs that fill forms do not. The app waits out the rest rather than refuse a fast reader.
pub const MIN_COMPOSE_MS: u64 = 2000;

/// The request header (`Authorization: Bearer …`) carrying a comment author's token: the server
/// hands one out with a comment it holds for review, and shows held comments only to its holder.
pub const AUTHOR_TOKEN_SCHEME: &str = "Bearer";

/// Whether `token` can be an author token the server issued (32 lowercase hex digits).
pub fn valid_author_token(token: &str) -> bool {
    token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Whether a comment is public or waiting for an editor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Shown to everyone.
    #[default]
    Published,
    /// Held for review: shown only to its author (who holds its author token), to no one else.
    Held,
}

/// A comment as readers see it. The author's email is never part of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: i64,
    /// The comment this one replies to; absent for a comment on the article itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    pub author_name: String,
    /// Plain text: clients render it as text, never as HTML.
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
    /// `held` only in answers to its own author; everyone else sees published comments only.
    #[serde(default)]
    pub status: CommentStatus,
}

/// The answer to posting a comment: the comment as stored and, when it is held for review, the
/// author token to send (`Authorization: Bearer …`) when listing, so its author still sees it.
/// The token also comes back when the same submission is sent again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct PostedComment {
    #[serde(flatten)]
    pub comment: Comment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_token: Option<String>,
}

/// One page of an article's comment threads. A thread is a comment on the article with every reply
/// below it, however deep; threads are paged whole, so a reply is never separated from its thread.
/// `comments` lists the threads oldest first, each thread's comments in the order they were posted
/// (a reply always after its parent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct CommentList {
    pub comments: Vec<Comment>,
    #[serde(default = "first_page")]
    pub page: u32,
    #[serde(default)]
    pub per_page: u32,
    /// Threads on the article.
    #[serde(default)]
    pub total_threads: u32,
    /// Comments on the article, replies included.
    #[serde(default)]
    pub total_comments: u32,
}

fn first_page() -> u32 {
    1
}

impl CommentList {
    /// Pages of threads there are (at least 1).
    pub fn total_pages(&self) -> u32 {
        if self.per_page == 0 {
            return 1;
        }
        self.total_threads.div_ceil(self.per_page).max(1)
    }
}

/// What the comment form sends. The OpenAPI document states the same rules as `validate` and
/// `automation_error` (the patterns: "whitespace" is what `str::trim` removes, control
/// characters are `char::is_control`), so a client can know a comment is acceptable before
/// sending it; `cargo xtask test` holds the two together with schemathesis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct NewComment {
    /// 1 to 80 characters once surrounding whitespace is removed, no control characters.
    #[cfg_attr(
        feature = "utoipa",
        schema(
            pattern = "^[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*[^\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000](?:[^\\x00-\\x1f\\x7f-\\x9f]{0,78}[^\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000])?[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"
        )
    )]
    pub name: String,
    /// One `@`, something before it, a dotted domain after it, no spaces or control characters
    /// (surrounding whitespace aside); at most 254 characters.
    #[cfg_attr(
        feature = "utoipa",
        schema(
            max_length = 254,
            pattern = "^[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*[^@\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+@[^@.\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+(?:\\.[^@.\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+)+[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"
        )
    )]
    pub email: String,
    /// Not only whitespace; at most 5,000 characters.
    #[cfg_attr(
        feature = "utoipa",
        schema(
            max_length = 5000,
            pattern = "[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
        )
    )]
    pub body: String,
    /// The comment this replies to (on the same article); absent for a comment on the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::option")
    )]
    #[cfg_attr(
        feature = "utoipa",
        schema(minimum = 1, maximum = 9007199254740991_u64)
    )]
    pub parent_id: Option<i64>,
    /// A field people never see (the form hides it); only programs fill it in. Must be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(
        feature = "utoipa",
        schema(
            pattern = "^[\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"
        )
    )]
    pub website: String,
    /// How long the comment took to write, in milliseconds (at least `MIN_COMPOSE_MS`).
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::number")
    )]
    #[cfg_attr(
        feature = "utoipa",
        schema(minimum = 2000, maximum = 9007199254740991_u64, required = true)
    )]
    pub composed_ms: u64,
}

impl NewComment {
    /// The comment with surrounding whitespace removed, as it will be stored.
    pub fn normalised(&self) -> NewComment {
        NewComment {
            name: self.name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            body: self.body.trim().to_owned(),
            parent_id: self.parent_id,
            website: self.website.trim().to_owned(),
            composed_ms: self.composed_ms,
        }
    }

    /// Why this looks sent by a program rather than written by a person, if it does: the hidden
    /// field is filled in, or it was posted faster than anyone writes. Checked by the server only
    /// (the app never sends such a comment), after the field rules.
    pub fn automation_error(&self) -> Option<String> {
        if !self.website.trim().is_empty() {
            return Some(
                "This comment filled in a field people never see, so it looks automated. Please post it from the article page.".into(),
            );
        }
        if self.composed_ms < MIN_COMPOSE_MS {
            return Some(
                "This comment was posted faster than anyone can write one, so it looks automated. Please take a moment to read it over, then post it again.".into(),
            );
        }
        None
    }

    /// Checks every field; the errors are keyed by the JSON field name.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if let Some(message) = name_error(&self.name) {
            errors.add("name", message);
        }
        if let Some(message) = email_error(&self.email) {
            errors.add("email", message);
        }
        if let Some(message) = body_error(&self.body) {
            errors.add("body", message);
        }
        errors.into_result()
    }
}

/// The problem with a name, if any.
pub fn name_error(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some("Please enter your name.".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Some(format!(
            "Your name can be at most {MAX_NAME_CHARS} characters."
        ));
    }
    if name.chars().any(char::is_control) {
        return Some("Your name cannot contain control characters.".into());
    }
    None
}

/// The problem with an email address, if any. Deliberately simple: one `@`, something before it,
/// a dotted domain after it, no spaces. Deliverability is not ours to judge.
pub fn email_error(email: &str) -> Option<String> {
    // The length as sent, surrounding whitespace included: the rule a JSON Schema can state.
    let sent_chars = email.chars().count();
    let email = email.trim();
    if email.is_empty() {
        return Some("Please enter your email address. It is never shown publicly.".into());
    }
    if sent_chars > MAX_EMAIL_CHARS {
        return Some(format!(
            "An email address can be at most {MAX_EMAIL_CHARS} characters."
        ));
    }
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty())
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if well_formed {
        None
    } else {
        Some("Please enter a valid email address, like name@example.com.".into())
    }
}

/// The problem with a comment's text, if any.
pub fn body_error(body: &str) -> Option<String> {
    // The length as sent, surrounding whitespace included: the rule a JSON Schema can state.
    let chars = body.chars().count();
    let body = body.trim();
    if body.is_empty() {
        return Some("Please write your comment.".into());
    }
    if chars > MAX_BODY_CHARS {
        return Some(format!(
            "Your comment can be at most {MAX_BODY_CHARS} characters; it has {chars}."
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_are_short_plain_tokens() {
        assert!(valid_idempotency_key(
            "0f8a5c1e-3b7d-4e4a-9a51-2c1b7d3e9f00"
        ));
        assert!(valid_idempotency_key("draft_12345678"));
        assert!(!valid_idempotency_key("short"));
        assert!(!valid_idempotency_key(&"k".repeat(101)));
        assert!(!valid_idempotency_key("has space in it"));
        assert!(!valid_idempotency_key("quote\"injection"));
    }

    fn valid() -> NewComment {
        NewComment {
            name: "Aline".into(),
            email: "aline@example.rw".into(),
            body: "Thank you for this report.".into(),
            composed_ms: 30_000,
            ..NewComment::default()
        }
    }

    #[test]
    fn a_complete_comment_is_valid() {
        assert_eq!(valid().validate(), Ok(()));
        assert_eq!(valid().automation_error(), None);
    }

    #[test]
    fn a_filled_hidden_field_or_an_instant_post_looks_automated() {
        let trap = NewComment {
            website: "https://spam.example".into(),
            ..valid()
        };
        assert!(trap.automation_error().unwrap().contains("never see"));
        let instant = NewComment {
            composed_ms: MIN_COMPOSE_MS - 1,
            ..valid()
        };
        assert!(instant.automation_error().unwrap().contains("faster"));
        let unsaid: NewComment =
            serde_json::from_str(r#"{"name":"A","email":"a@b.rw","body":"Hi"}"#).unwrap();
        assert!(
            unsaid.automation_error().is_some(),
            "a post that does not say how long it took is treated as instant"
        );
    }

    #[test]
    fn author_tokens_are_what_the_server_issues() {
        assert!(valid_author_token("0123456789abcdef0123456789abcdef"));
        assert!(!valid_author_token("0123456789ABCDEF0123456789ABCDEF"));
        assert!(!valid_author_token("0123456789abcdef"));
        assert!(!valid_author_token("0123456789abcdef0123456789abcdeg"));
    }

    #[test]
    fn every_empty_field_is_reported_at_its_field() {
        let errors = NewComment {
            name: "  ".into(),
            email: "".into(),
            body: "\n".into(),
            ..NewComment::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.get("name"), Some("Please enter your name."));
        assert!(errors
            .get("email")
            .unwrap()
            .starts_with("Please enter your email"));
        assert_eq!(errors.get("body"), Some("Please write your comment."));
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "aline",
            "aline@",
            "@example.rw",
            "aline@example",
            "a b@example.rw",
            "a@b@c.rw",
            "a@example..rw",
        ] {
            let comment = NewComment {
                email: bad.into(),
                ..valid()
            };
            assert!(comment.validate().is_err(), "{bad} should be refused");
        }
        let comment = NewComment {
            email: " aline@example.rw ".into(),
            ..valid()
        };
        assert_eq!(comment.validate(), Ok(()), "surrounding spaces are trimmed");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let at_limit = NewComment {
            body: "é".repeat(MAX_BODY_CHARS),
            ..valid()
        };
        assert_eq!(at_limit.validate(), Ok(()));
        let over = NewComment {
            body: "é".repeat(MAX_BODY_CHARS + 1),
            ..valid()
        };
        let errors = over.validate().unwrap_err();
        assert!(errors.get("body").unwrap().contains("5001"));
        let long_name = NewComment {
            name: "n".repeat(MAX_NAME_CHARS + 1),
            ..valid()
        };
        assert!(long_name.validate().unwrap_err().get("name").is_some());
    }

    #[test]
    fn control_characters_in_a_name_are_refused() {
        let comment = NewComment {
            name: "Al\u{7}ine".into(),
            ..valid()
        };
        assert!(comment.validate().is_err());
    }

    #[test]
    fn normalised_trims_every_field() {
        let comment = NewComment {
            name: " A ".into(),
            email: " a@b.rw ".into(),
            body: " hi\n".into(),
            ..NewComment::default()
        };
        assert_eq!(
            comment.normalised(),
            NewComment {
                name: "A".into(),
                email: "a@b.rw".into(),
                body: "hi".into(),
                ..NewComment::default()
            }
        );
    }

    #[test]
    fn new_comment_wire_format() {
        let json = serde_json::to_value(valid()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "name": "Aline", "email": "aline@example.rw", "body": "Thank you for this report.", "composed_ms": 30000 })
        );
    }

    #[test]
    fn a_reply_names_its_parent_and_old_lists_still_read() {
        let reply: NewComment =
            serde_json::from_str(r#"{"name":"A","email":"a@b.rw","body":"Yes","parent_id":7}"#)
                .unwrap();
        assert_eq!(reply.parent_id, Some(7));
        let list: CommentList = serde_json::from_str(r#"{"comments":[]}"#).unwrap();
        assert_eq!((list.page, list.total_pages()), (1, 1));
        let paged = CommentList {
            per_page: 50,
            total_threads: 101,
            ..CommentList::default()
        };
        assert_eq!(paged.total_pages(), 3);
    }

    #[test]
    fn a_published_comment_carries_no_email() {
        let comment = Comment {
            id: 1,
            parent_id: None,
            author_name: "Aline".into(),
            body: "Hi".into(),
            created_at: "2026-11-01T08:00:00Z".into(),
            status: CommentStatus::Published,
        };
        let json = serde_json::to_string(&comment).unwrap();
        assert!(!json.contains("email"));
    }

    #[test]
    fn a_posted_comment_is_the_comment_plus_a_token_when_held() {
        let posted = PostedComment {
            comment: Comment {
                id: 3,
                parent_id: None,
                author_name: "Aline".into(),
                body: "Hi".into(),
                created_at: "2026-11-01T08:00:00Z".into(),
                status: CommentStatus::Held,
            },
            author_token: Some("0123456789abcdef0123456789abcdef".into()),
        };
        let json = serde_json::to_value(&posted).unwrap();
        assert_eq!(json["id"], 3);
        assert_eq!(json["status"], "held");
        assert_eq!(json["author_token"], "0123456789abcdef0123456789abcdef");
        let old: Comment = serde_json::from_str(
            r#"{"id":1,"author_name":"A","body":"B","created_at":"2026-11-01T08:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(old.status, CommentStatus::Published);
    }
}
