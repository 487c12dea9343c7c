//! Rate limits on writes (`POST` and the like under `/api`), per client address: a reader posting
//! at a human pace never meets them; a script flooding comments gets `429 Too Many Requests` with
//! `Retry-After` and a sentence saying how long to wait. Reads are never limited here.
//!
//! Comments are also limited per article, whoever sends them: a flood from many addresses onto one
//! story is slowed down without touching readers elsewhere on the site.
//!
//! Limits are per server process: behind a load balancer each copy counts on its own (a shared
//! store would be needed for one global count).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;
use crate::AppState;

/// How many writes a client may make: `burst` at once, then one more every `60 / per_minute` s.
#[derive(Clone, Copy, Debug)]
pub struct WriteLimit {
    pub per_minute: NonZeroU32,
    pub burst: NonZeroU32,
}

impl Default for WriteLimit {
    fn default() -> Self {
        Self {
            per_minute: NonZeroU32::new(6).unwrap_or(NonZeroU32::MIN),
            burst: NonZeroU32::new(5).unwrap_or(NonZeroU32::MIN),
        }
    }
}

/// Comments one article takes per minute (and at once), from everyone together.
pub const DEFAULT_COMMENTS_PER_ARTICLE_PER_MINUTE: u32 = 20;

/// The limiters shared by every request of one server process.
#[derive(Clone)]
pub struct Limits {
    writes: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    comments_per_article: Arc<DefaultKeyedRateLimiter<String>>,
    sign_ins_per_name: Arc<DefaultKeyedRateLimiter<String>>,
    desk_writes: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

/// Desk writes (decisions on comments, settings) one address may make per minute, and at once:
/// an editor working through a queue is not a flood of comments, but a bound stays. Signing in is
/// not one of them: it meets the readers' write limit.
pub const DESK_WRITES_PER_MINUTE: u32 = 120;

/// Desk sign-ins one editor name takes per minute, whoever tries (and that many at once): a
/// password guessed from many addresses is slowed too. Per address, sign-ins are writes.
pub const SIGN_INS_PER_NAME_PER_MINUTE: u32 = 5;

/// Above this many remembered clients, forget those whose allowance is full again.
const MAX_REMEMBERED: usize = 10_000;

impl Limits {
    pub fn new(limit: WriteLimit) -> Self {
        let quota = Quota::per_minute(limit.per_minute).allow_burst(limit.burst);
        let per_article =
            NonZeroU32::new(DEFAULT_COMMENTS_PER_ARTICLE_PER_MINUTE).unwrap_or(NonZeroU32::MIN);
        Self {
            writes: Arc::new(RateLimiter::keyed(quota)),
            comments_per_article: Arc::new(RateLimiter::keyed(
                Quota::per_minute(per_article).allow_burst(per_article),
            )),
            sign_ins_per_name: Arc::new(RateLimiter::keyed(Quota::per_minute(
                NonZeroU32::new(SIGN_INS_PER_NAME_PER_MINUTE).unwrap_or(NonZeroU32::MIN),
            ))),
            desk_writes: Arc::new(RateLimiter::keyed(Quota::per_minute(
                NonZeroU32::new(DESK_WRITES_PER_MINUTE).unwrap_or(NonZeroU32::MIN),
            ))),
        }
    }

    /// `Ok` when the editor name `name` may be tried now; otherwise the seconds to wait. Names are
    /// compared as the database does, but only their first characters are remembered.
    pub fn check_sign_in(&self, name: &str) -> Result<(), u64> {
        if self.sign_ins_per_name.len() > MAX_REMEMBERED {
            self.sign_ins_per_name.retain_recent();
        }
        let key: String = name
            .chars()
            .take(crate::editors::MAX_NAME_CHARS + 1)
            .collect();
        self.sign_ins_per_name.check_key(&key).map_err(|not_until| {
            whole_seconds(not_until.wait_time_from(DefaultClock::default().now()))
        })
    }

    /// These limits with `per_minute` comments per article (that many at once, then that pace).
    pub fn with_comments_per_article(mut self, per_minute: NonZeroU32) -> Self {
        self.comments_per_article = Arc::new(RateLimiter::keyed(
            Quota::per_minute(per_minute).allow_burst(per_minute),
        ));
        self
    }

    /// These limits with `per_minute` desk writes per address (that many at once, then that pace).
    pub fn with_desk_writes(mut self, per_minute: NonZeroU32) -> Self {
        self.desk_writes = Arc::new(RateLimiter::keyed(
            Quota::per_minute(per_minute).allow_burst(per_minute),
        ));
        self
    }

    /// `Ok` when the article `slug` may take another comment now; otherwise the seconds to wait.
    pub fn check_comment_on(&self, slug: &str) -> Result<(), u64> {
        if self.comments_per_article.len() > MAX_REMEMBERED {
            self.comments_per_article.retain_recent();
        }
        self.comments_per_article
            .check_key(&slug.to_owned())
            .map_err(|not_until| {
                whole_seconds(not_until.wait_time_from(DefaultClock::default().now()))
            })
    }

    /// `Ok` when `client` may make a desk write now; otherwise the whole seconds to wait.
    pub fn check_desk_write(&self, client: IpAddr) -> Result<(), u64> {
        if self.desk_writes.len() > MAX_REMEMBERED {
            self.desk_writes.retain_recent();
        }
        self.desk_writes.check_key(&client).map_err(|not_until| {
            whole_seconds(not_until.wait_time_from(DefaultClock::default().now()))
        })
    }

    /// `Ok` when `client` may write now; otherwise the whole seconds to wait (at least 1).
    pub fn check_write(&self, client: IpAddr) -> Result<(), u64> {
        if self.writes.len() > MAX_REMEMBERED {
            self.writes.retain_recent();
        }
        self.writes.check_key(&client).map_err(|not_until| {
            whole_seconds(not_until.wait_time_from(DefaultClock::default().now()))
        })
    }
}

/// A wait in whole seconds, rounded up, at least 1.
fn whole_seconds(wait: std::time::Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(WriteLimit::default())
    }
}

/// Whether `path` (under `/api`, with or without the prefix) is a desk write other than signing in
/// or out: those answer to a session (`crate::desk`) and have their own limit.
fn is_desk_write(path: &str) -> bool {
    let path = path.strip_prefix("/api").unwrap_or(path);
    path.starts_with("/desk/") && path != "/desk/session"
}

/// Middleware for `/api`: limits every method but GET, HEAD and OPTIONS.
pub async fn limit_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    // The peer address from the listener; requests built in tests have none and share one key.
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let checked = if is_desk_write(request.uri().path()) {
        state.limits.check_desk_write(client)
    } else {
        state.limits.check_write(client)
    };
    match checked {
        Ok(()) => next.run(request).await,
        Err(seconds) => {
            tracing::info!(%client, seconds, "write rate limited");
            AppError::RateLimited { seconds }.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desk_writes_are_told_from_sign_ins_and_readers_writes() {
        assert!(is_desk_write("/desk/comments/moderate"));
        assert!(is_desk_write("/api/desk/site"));
        assert!(!is_desk_write("/desk/session"));
        assert!(!is_desk_write("/api/desk/session"));
        assert!(!is_desk_write("/articles/x/comments"));
    }

    #[test]
    fn a_burst_is_allowed_then_the_wait_is_said_in_seconds() {
        let limits = Limits::new(WriteLimit {
            per_minute: NonZeroU32::new(2).unwrap(),
            burst: NonZeroU32::new(2).unwrap(),
        });
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(limits.check_write(client).is_ok());
        assert!(limits.check_write(client).is_ok());
        let wait = limits.check_write(client).unwrap_err();
        assert!((1..=30).contains(&wait), "{wait}");
        // Another reader is not held up by the first.
        assert!(limits.check_write("192.0.2.2".parse().unwrap()).is_ok());
    }

    #[test]
    fn one_article_is_limited_without_holding_up_the_others() {
        let limits = Limits::default().with_comments_per_article(NonZeroU32::new(3).unwrap());
        for _ in 0..3 {
            assert!(limits.check_comment_on("busy-story").is_ok());
        }
        let wait = limits.check_comment_on("busy-story").unwrap_err();
        assert!((1..=20).contains(&wait), "{wait}");
        assert!(limits.check_comment_on("quiet-story").is_ok());
    }
}
