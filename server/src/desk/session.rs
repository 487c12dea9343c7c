//! Desk sessions: a random id in an `HttpOnly`, `SameSite=Strict` cookie, its SHA-256 in the
//! database (`db::editors`), so any server process on the same database knows it. A session ends
//! when the editor signs out, after `IDLE_MS` without use, after `MAX_AGE_MS` in any case, and when
//! the editor is removed or given a new password.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use base64::Engine;
use inkuru_api::desk::SESSION_COOKIE;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::{db, AppState};

/// A session unused this long has ended (30 minutes).
pub const IDLE_MS: i64 = 30 * 60 * 1000;
/// A session this old has ended, however busy (12 hours: a working day).
pub const MAX_AGE_MS: i64 = 12 * 60 * 60 * 1000;
/// Use is written down at most this often (a minute), not at every request.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

/// Milliseconds since 1970.
pub fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// A new session id: 32 random bytes from the operating system, base64url.
pub fn new_id() -> Result<String, AppError> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).map_err(AppError::internal)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps of a session id.
pub fn hash(id: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(id.as_bytes()))
}

/// Whether the request came over https (directly, or as a proxy in front says).
pub fn is_https(headers: &HeaderMap) -> bool {
    crate::origin::of_headers(headers).is_some_and(|origin| origin.starts_with("https://"))
}

/// The `Set-Cookie` value that holds session `id`: for this site's pages only, never readable
/// by script, never sent from another site's page; a browser session cookie (the server ends the
/// session itself).
pub fn cookie(id: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/{secure}")
}

/// The `Set-Cookie` value that clears the session cookie.
pub fn cleared_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}")
}

/// The session id in a request's cookies, if any.
fn id_in(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, id)| id.to_owned())
        .filter(|id| !id.is_empty() && id.len() <= 64)
}

/// Whether a session with these times is still open at `now`.
pub fn is_open(created_ms: i64, last_seen_ms: i64, now: i64) -> bool {
    now - last_seen_ms <= IDLE_MS && now - created_ms <= MAX_AGE_MS
}

/// A desk request's signed-in editor; extracting it refuses the request (401) without an open
/// session.
pub struct SignedInEditor {
    pub name: String,
    /// The session's stored hash (to end it).
    pub id_hash: String,
}

impl<S> FromRequestParts<S> for SignedInEditor
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let state = AppState::from_ref(state);
        let id_hash = hash(&id_in(&parts.headers).ok_or(AppError::SignInRequired)?);
        let session = db::editors::session(&state.db, &id_hash)
            .await?
            .ok_or(AppError::SignInRequired)?;
        let now = now_ms();
        if !is_open(session.created_ms, session.last_seen_ms, now) {
            db::editors::end_session(&state.db, &id_hash).await?;
            return Err(AppError::SignInRequired);
        }
        if now - session.last_seen_ms >= TOUCH_EVERY_MS {
            db::editors::touch_session(&state.db, &id_hash, now).await?;
        }
        Ok(SignedInEditor {
            name: session.editor,
            id_hash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn ids_are_long_random_and_stored_only_as_hashes() {
        let (one, two) = (new_id().unwrap(), new_id().unwrap());
        assert_eq!(one.len(), 43);
        assert_ne!(one, two);
        assert_ne!(hash(&one), one);
        assert_eq!(hash(&one), hash(&one));
    }

    #[test]
    fn the_cookie_is_for_this_site_only_and_secure_over_https() {
        let cookie = cookie("abc", false);
        assert_eq!(cookie, "inkuru_desk=abc; HttpOnly; SameSite=Strict; Path=/");
        assert!(super::cookie("abc", true).ends_with("; Secure"));
        assert!(cleared_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_id_is_read_from_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; inkuru_desk=xyz; b=2"),
        );
        assert_eq!(id_in(&headers).as_deref(), Some("xyz"));
        headers.insert(header::COOKIE, HeaderValue::from_static("inkuru_desk="));
        assert_eq!(id_in(&headers), None);
    }

    #[test]
    fn sessions_end_when_idle_or_old() {
        assert!(is_open(0, 0, IDLE_MS));
        assert!(!is_open(0, 0, IDLE_MS + 1));
        assert!(!is_open(0, MAX_AGE_MS, MAX_AGE_MS + 1));
    }
}
