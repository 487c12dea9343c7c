//! The token the server hands a comment's author when it holds the comment for review. Kept in
//! this browser and sent back (`Authorization: Bearer …`) when listing comments and posting, so the
//! author keeps seeing their held comments, marked "awaiting moderation", across reloads, and no
//! one else does.

use inkuru_api::comments::valid_author_token;

/// Where the token is kept (`crate::storage`).
pub const KEY: &str = "inkuru.author-token";

/// The token this browser holds, if any.
pub fn load() -> Option<String> {
    crate::storage::get(KEY).filter(|token| valid_author_token(token))
}

/// Keeps the token the server issued (one per browser: the server reuses a token it is sent).
pub fn keep(token: &str) {
    if valid_author_token(token) {
        crate::storage::set(KEY, token);
    }
}
