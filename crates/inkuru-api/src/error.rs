//! The one JSON error shape every `/api` failure uses: `{ "code", "message", "fields" }`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Machine-readable kind of an API error; the HTTP status says the same in coarser terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the request could not be read (malformed JSON, bad query).
    BadRequest,
    /// 404: no such resource.
    NotFound,
    /// 405: the path exists, the method does not.
    MethodNotAllowed,
    /// 413: the body is larger than the server accepts.
    PayloadTooLarge,
    /// 415: the body is not `application/json`.
    UnsupportedMediaType,
    /// 422: the request was read but breaks a validation rule; see `fields`.
    Validation,
    /// 403: comments are closed on this article (or on the whole site).
    CommentsClosed,
    /// 409: the comment a reply answers is not on the article (any more).
    ParentGone,
    /// 409: the `Idempotency-Key` already names another comment (another article, other words).
    KeyReused,
    /// 429: too many writes from this client; `Retry-After` says how many seconds to wait.
    RateLimited,
    /// 401: the editors' desk needs a signed-in editor (no session, or it has ended).
    SignInRequired,
    /// 401: no editor has this name and password (the same for an unknown name).
    WrongCredentials,
    /// 403: a desk write from another site's page (cross-site request forgery is refused).
    CrossOrigin,
    /// 500: something failed on the server; details are in its log, never in the response.
    Internal,
}

/// Per-field messages, keyed by the JSON field name (`"name"`, `"email"`, `"body"`).
/// A `BTreeMap` keeps the order stable in responses and tests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `message` for `field` unless the field already has one (the first problem is the one to fix).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_insert_with(|| message.into());
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when no field has an error.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// The body of every error response from `/api`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// A sentence a reader can be shown.
    pub message: String,
    /// Field errors for `validation`; empty otherwise.
    #[serde(default, skip_serializing_if = "FieldErrors::is_empty")]
    pub fields: FieldErrors,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            code,
            message: message.into(),
            fields: FieldErrors::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_has_the_documented_shape() {
        let mut fields = FieldErrors::new();
        fields.add("name", "Please enter your name.");
        fields.add("name", "ignored: the first message stays");
        let body = ErrorBody {
            code: ErrorCode::Validation,
            message: "Check the form.".into(),
            fields,
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "validation",
                "message": "Check the form.",
                "fields": { "name": "Please enter your name." }
            })
        );
        let back: ErrorBody = serde_json::from_value(json).unwrap();
        assert_eq!(back, body);
    }

    #[test]
    fn other_errors_omit_fields() {
        let json =
            serde_json::to_value(ErrorBody::new(ErrorCode::NotFound, "No such article.")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "not_found", "message": "No such article." })
        );
    }
}
