//! The editors' desk sign-in (issue 15): sessions in a cookie the server checks against the
//! database, refused without one, from another site, after sign-out, idle or a password change;
//! the same refusal for an unknown name and a wrong password; attempts on a name limited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::num::NonZeroU32;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use inkuru_api::desk::SignedIn;
use inkuru_api::{ErrorBody, ErrorCode};
use inkuru_server::db::{self, Db};
use inkuru_server::limits::{Limits, WriteLimit};
use inkuru_server::{app, editors, AppState};
use tower::ServiceExt;

const SESSION: &str = "/api/desk/session";
const PASSWORD: &str = "a long enough passphrase";

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn error(&self) -> ErrorBody {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not an error: {}", self.body))
    }
    /// The session cookie this answer sets, as `name=value`.
    fn cookie(&self) -> String {
        let set = self.headers[header::SET_COOKIE].to_str().unwrap();
        set.split(';').next().unwrap().to_owned()
    }
}

/// A server on `db` (one process of several, when called twice) with writes unlimited.
fn server(db: &Db, dist: &std::path::Path) -> Router {
    server_with(db, dist, inkuru_server::answer_cache::AnswerCache::off())
}

/// The same, keeping public answers for a minute, as a busy site would: what the desk changes must
/// still reach readers at once.
fn caching_server(db: &Db, dist: &std::path::Path) -> Router {
    let minute = std::time::Duration::from_secs(60);
    server_with(
        db,
        dist,
        inkuru_server::answer_cache::AnswerCache::new(minute),
    )
}

fn server_with(
    db: &Db,
    dist: &std::path::Path,
    cache: inkuru_server::answer_cache::AnswerCache,
) -> Router {
    let many = NonZeroU32::new(10_000).unwrap();
    let mut state = AppState::new(db.clone());
    state.limits = Limits::new(WriteLimit {
        per_minute: many,
        burst: many,
    });
    state.cache = cache;
    app(state, dist)
}

async fn send(
    router: &Router,
    method: &str,
    body: Option<String>,
    headers: &[(&str, &str)],
) -> Answer {
    send_to(router, method, SESSION, body, headers).await
}

async fn send_to(
    router: &Router,
    method: &str,
    uri: &str,
    body: Option<String>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "inkuru.test");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(json) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(json)
        }
        None => Body::empty(),
    };
    let response = router
        .clone()
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn sign_in_body(name: &str, password: &str) -> Option<String> {
    Some(serde_json::json!({ "name": name, "password": password }).to_string())
}

async fn sign_in(router: &Router, name: &str, password: &str) -> Answer {
    send(
        router,
        "POST",
        sign_in_body(name, password),
        &[("origin", "http://inkuru.test")],
    )
    .await
}

/// A database with the editor `aline`, and a folder for the server's (empty) build.
async fn newsroom() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = common::fresh_db(dir.path()).await;
    let hash = editors::hash_password(PASSWORD).unwrap();
    assert!(db::editors::add(&db, "aline", &hash).await.unwrap());
    (db, dir)
}

/// `newsroom` with the demo content, on a site that holds readers' comments for review.
async fn moderated_newsroom() -> (Db, tempfile::TempDir) {
    let (db, dir) = newsroom().await;
    inkuru_server::seed::seed_if_empty(&db).await.unwrap();
    let mut settings = db::site::get(&db).await.unwrap();
    settings.comments = inkuru_api::CommentPolicy::Moderated;
    db::site::put(&db, &settings).await.unwrap();
    (db, dir)
}

#[tokio::test]
async fn an_editor_signs_in_is_known_on_every_server_and_signs_out() {
    let (db, dir) = newsroom().await;
    let (one, two) = (server(&db, dir.path()), server(&db, dir.path()));

    let signed = sign_in(&one, "aline", PASSWORD).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    let set = signed.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.starts_with("inkuru_desk="), "{set}");
    assert!(set.contains("; HttpOnly; SameSite=Strict; Path=/"), "{set}");
    assert!(!set.contains("Secure"), "plain http here: {set}");
    assert!(!signed.body.contains(PASSWORD));
    assert_eq!(signed.headers[header::CACHE_CONTROL], "no-store");
    let cookie = signed.cookie();

    // Another server process on the same database knows the session.
    let who = send(&two, "GET", None, &[("cookie", &cookie)]).await;
    assert_eq!(who.status, StatusCode::OK, "{}", who.body);
    let who: SignedIn = serde_json::from_str(&who.body).unwrap();
    assert_eq!(who.name, "aline");

    // A fresh id at each sign-in.
    assert_ne!(sign_in(&one, "aline", PASSWORD).await.cookie(), cookie);

    let out = send(
        &two,
        "DELETE",
        None,
        &[("cookie", &cookie), ("origin", "http://inkuru.test")],
    )
    .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.body);
    assert!(out.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after = send(&one, "GET", None, &[("cookie", &cookie)]).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.error().code, ErrorCode::SignInRequired);
}

#[tokio::test]
async fn over_https_the_cookie_is_secure() {
    let (db, dir) = newsroom().await;
    let router = server(&db, dir.path());
    let signed = send(
        &router,
        "POST",
        sign_in_body("aline", PASSWORD),
        &[
            ("x-forwarded-proto", "https"),
            ("origin", "https://inkuru.test"),
        ],
    )
    .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert!(signed.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .ends_with("; Secure"));
}

/// Every desk endpoint, with a body its method takes (sound, so only the session decides).
const EVERY_DESK_ENDPOINT: &[(&str, &str, Option<&str>)] = &[
    ("GET", "/api/desk/session", None),
    ("DELETE", "/api/desk/session", None),
    ("GET", "/api/desk/comments", None),
    ("GET", "/api/desk/comments?state=spam", None),
    (
        "POST",
        "/api/desk/comments/moderate",
        Some(r#"{"ids":[1],"decision":"publish"}"#),
    ),
    ("GET", "/api/desk/audit", None),
    (
        "PUT",
        "/api/desk/articles/amavubi-win-qualifier/comments",
        Some(r#"{"open":false}"#),
    ),
];

#[tokio::test]
async fn no_forged_expired_ended_or_missing_session_gets_in() {
    let (db, dir) = newsroom().await;
    inkuru_server::seed::seed_if_empty(&db).await.unwrap();
    let router = server(&db, dir.path());
    let site = send_to(&router, "GET", "/api/site", None, &[]).await.body;
    let put_site = ("PUT", "/api/desk/site", Some(site.as_str()));

    // A session that was real: signed out, and one left idle past its time.
    let ended = sign_in(&router, "aline", PASSWORD).await.cookie();
    let signed_out = send(&router, "DELETE", None, &[("cookie", &ended)]).await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    let expired = sign_in(&router, "aline", PASSWORD).await.cookie();
    let hour_ago = inkuru_server::desk::session::now_ms() - 60 * 60 * 1000;
    sqlx::query("UPDATE editor_sessions SET last_seen_ms = $1")
        .bind(hour_ago)
        .execute(&db)
        .await
        .unwrap();

    let forged = format!("{}={}", inkuru_api::desk::SESSION_COOKIE, "A".repeat(43));
    for cookie in [
        None,
        Some("inkuru_desk=forged"),
        Some("inkuru_desk="),
        Some("other=1"),
        Some(forged.as_str()),
        Some(ended.as_str()),
        Some(expired.as_str()),
    ] {
        for (method, uri, body) in EVERY_DESK_ENDPOINT.iter().copied().chain([put_site]) {
            let mut headers = vec![("origin", "http://inkuru.test")];
            headers.extend(cookie.map(|c| ("cookie", c)));
            let answer = send_to(&router, method, uri, body.map(str::to_owned), &headers).await;
            assert_eq!(
                answer.status,
                StatusCode::UNAUTHORIZED,
                "{method} {uri} {cookie:?}: {}",
                answer.body
            );
            assert_eq!(answer.error().code, ErrorCode::SignInRequired);
            assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
        }
    }
    // Nothing was changed by any of them.
    let article = send_to(
        &router,
        "GET",
        "/api/articles/amavubi-win-qualifier",
        None,
        &[],
    )
    .await;
    let article: inkuru_api::Article = serde_json::from_str(&article.body).unwrap();
    assert!(article.comments_open);
}

/// Everything the server logs from now on in this test binary, at every level (sqlx's queries
/// included), for every test: the process's one subscriber (a subscriber of one thread would miss
/// events whose call sites another test's thread saw first, without one).
fn captured_log() -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
    static LOG: std::sync::OnceLock<std::sync::Arc<std::sync::Mutex<Vec<u8>>>> =
        std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || LogSink(sink.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        lines
    })
    .clone()
}

struct LogSink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_password_and_its_hash_are_in_no_answer_and_no_log() {
    let log = captured_log();
    let (db, dir) = newsroom().await;
    inkuru_server::seed::seed_if_empty(&db).await.unwrap();
    let router = server(&db, dir.path());
    let stored: (String,) = sqlx::query_as("SELECT password_hash FROM editors")
        .fetch_one(&db)
        .await
        .unwrap();
    let signed_in = sign_in(&router, "aline", PASSWORD).await;
    let cookie = signed_in.cookie();
    let mut answers = vec![signed_in, sign_in(&router, "aline", "a wrong one").await];
    for (method, uri, body) in EVERY_DESK_ENDPOINT {
        let headers = [
            ("origin", "http://inkuru.test"),
            ("cookie", cookie.as_str()),
        ];
        answers.push(send_to(&router, method, uri, body.map(str::to_owned), &headers).await);
    }
    for answer in answers {
        assert!(!answer.body.contains(&stored.0), "{}", answer.body);
        assert!(!answer.body.contains("$argon2"), "{}", answer.body);
        assert!(!answer.body.contains(PASSWORD), "{}", answer.body);
    }
    let logged = String::from_utf8_lossy(&log.lock().unwrap()).into_owned();
    assert!(
        logged.contains("editor signed in"),
        "the log was captured: {logged}"
    );
    for secret in [stored.0.as_str(), "$argon2", PASSWORD, "a wrong one"] {
        assert!(!logged.contains(secret), "{secret} in the log: {logged}");
    }
}

#[tokio::test]
async fn an_unknown_name_and_a_wrong_password_get_the_same_answer() {
    let (db, dir) = newsroom().await;
    let router = server(&db, dir.path());
    let wrong = sign_in(&router, "aline", "not the passphrase").await;
    let unknown = sign_in(&router, "nobody", PASSWORD).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.error().code, ErrorCode::WrongCredentials);
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
    assert!(!wrong.body.contains("not the passphrase"));
}

#[tokio::test]
async fn attempts_on_one_name_are_limited() {
    let (db, dir) = newsroom().await;
    let router = server(&db, dir.path());
    for _ in 0..inkuru_server::limits::SIGN_INS_PER_NAME_PER_MINUTE {
        let answer = sign_in(&router, "aline", "a wrong guess, again").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let limited = sign_in(&router, "aline", PASSWORD).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    assert!(limited.headers.contains_key(header::RETRY_AFTER));
    // Another name is not slowed by them.
    let other = sign_in(&router, "nobody", PASSWORD).await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn writes_from_another_site_are_refused_even_with_the_cookie() {
    let (db, dir) = newsroom().await;
    let router = server(&db, dir.path());
    let cookie = sign_in(&router, "aline", PASSWORD).await.cookie();
    for headers in [
        vec![
            ("cookie", cookie.as_str()),
            ("origin", "https://evil.example"),
        ],
        vec![
            ("cookie", cookie.as_str()),
            ("sec-fetch-site", "cross-site"),
        ],
    ] {
        let answer = send(&router, "DELETE", None, &headers).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(answer.error().code, ErrorCode::CrossOrigin);
    }
    let forged_sign_in = send(
        &router,
        "POST",
        sign_in_body("aline", PASSWORD),
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(forged_sign_in.status, StatusCode::FORBIDDEN);
    // The session still stands.
    let who = send(&router, "GET", None, &[("cookie", &cookie)]).await;
    assert_eq!(who.status, StatusCode::OK);
}

#[tokio::test]
async fn sessions_end_when_idle_and_when_the_password_changes() {
    let (db, dir) = newsroom().await;
    let router = server(&db, dir.path());
    let idle = sign_in(&router, "aline", PASSWORD).await.cookie();
    let hour_ago = inkuru_server::desk::session::now_ms() - 60 * 60 * 1000;
    sqlx::query("UPDATE editor_sessions SET last_seen_ms = $1")
        .bind(hour_ago)
        .execute(&db)
        .await
        .unwrap();
    let answer = send(&router, "GET", None, &[("cookie", &idle)]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);

    let fresh = sign_in(&router, "aline", PASSWORD).await.cookie();
    let new_hash = editors::hash_password("a brand new passphrase").unwrap();
    assert!(db::editors::set_password_hash(&db, "aline", &new_hash)
        .await
        .unwrap());
    let answer = send(&router, "GET", None, &[("cookie", &fresh)]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn editors_publish_and_reject_held_comments_and_the_audit_log_says_who() {
    let (db, dir) = moderated_newsroom().await;
    let router = caching_server(&db, dir.path());
    let slug = "amavubi-win-qualifier";
    let readers = format!("/api/articles/{slug}/comments");
    let mut ids = Vec::new();
    for n in 1..=3 {
        let body = format!(
            r#"{{"name":"Reader {n}","email":"reader{n}@example.rw","body":"Comment number {n}.","composed_ms":9000}}"#
        );
        let posted = send_to(&router, "POST", &readers, Some(body), &[]).await;
        assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);
        let comment: inkuru_api::Comment = serde_json::from_str(&posted.body).unwrap();
        assert_eq!(comment.status, inkuru_api::CommentStatus::Held);
        ids.push(comment.id);
    }

    // Nothing of the desk without a session.
    let queue_uri = "/api/desk/comments";
    assert_eq!(
        send_to(&router, "GET", queue_uri, None, &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    let publish_first = format!(r#"{{"ids":[{}],"decision":"publish"}}"#, ids[0]);
    let moderate = "/api/desk/comments/moderate";
    let refused = send_to(&router, "POST", moderate, Some(publish_first.clone()), &[]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let cookie = sign_in(&router, "aline", PASSWORD).await.cookie();
    let as_editor = [
        ("cookie", cookie.as_str()),
        ("origin", "http://inkuru.test"),
    ];
    let queue = send_to(&router, "GET", queue_uri, None, &as_editor).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    assert_eq!(queue.headers[header::CACHE_CONTROL], "no-store");
    let queue: inkuru_api::desk::ModerationQueue = serde_json::from_str(&queue.body).unwrap();
    assert_eq!(queue.held_total, 3);
    let listed: Vec<i64> = queue.comments.iter().map(|c| c.id).collect();
    assert_eq!(listed, [ids[2], ids[1], ids[0]], "newest first");
    assert_eq!(queue.comments[0].author_email, "reader3@example.rw");
    assert_eq!(queue.comments[0].article_slug, slug);

    // Readers see none yet (and the answer is now cached).
    let before: inkuru_api::CommentList =
        serde_json::from_str(&send_to(&router, "GET", &readers, None, &[]).await.body).unwrap();
    assert!(before.comments.iter().all(|c| !ids.contains(&c.id)));

    let published = send_to(&router, "POST", moderate, Some(publish_first), &as_editor).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    let published: inkuru_api::desk::Moderated = serde_json::from_str(&published.body).unwrap();
    assert_eq!(published.done, [ids[0]]);
    let after: inkuru_api::CommentList =
        serde_json::from_str(&send_to(&router, "GET", &readers, None, &[]).await.body).unwrap();
    assert!(
        after.comments.iter().any(|c| c.id == ids[0]),
        "shown at once"
    );

    let reject = format!(r#"{{"ids":[{},999999],"decision":"reject"}}"#, ids[1]);
    let rejected = send_to(&router, "POST", moderate, Some(reject), &as_editor).await;
    let rejected: inkuru_api::desk::Moderated = serde_json::from_str(&rejected.body).unwrap();
    assert_eq!(rejected.done, [ids[1]]);
    assert_eq!(rejected.skipped, [999999]);

    let held: inkuru_api::desk::ModerationQueue = serde_json::from_str(
        &send_to(&router, "GET", queue_uri, None, &as_editor)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(held.held_total, 1);
    assert_eq!(held.comments.len(), 1);
    let shown = send_to(
        &router,
        "GET",
        &format!("{queue_uri}?state=published&article={slug}"),
        None,
        &as_editor,
    )
    .await;
    let shown: inkuru_api::desk::ModerationQueue = serde_json::from_str(&shown.body).unwrap();
    assert!(shown.comments.iter().any(|c| c.id == ids[0]));
    let bogus = send_to(
        &router,
        "GET",
        &format!("{queue_uri}?state=deleted"),
        None,
        &as_editor,
    )
    .await;
    assert_eq!(bogus.status, StatusCode::BAD_REQUEST);

    let audit = send_to(&router, "GET", "/api/desk/audit", None, &as_editor).await;
    let audit: Vec<inkuru_api::desk::AuditEntry> = serde_json::from_str(&audit.body).unwrap();
    let lines: Vec<(String, String, String)> = audit
        .into_iter()
        .map(|e| (e.editor, e.action, e.target))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "aline".into(),
                "reject".into(),
                format!("comment {} on {slug}", ids[1])
            ),
            (
                "aline".into(),
                "publish".into(),
                format!("comment {} on {slug}", ids[0])
            ),
            ("aline".into(), "sign in".into(), "the desk".into()),
        ]
    );

    // From another site's page, not even with the cookie.
    let forged = send_to(
        &router,
        "POST",
        moderate,
        Some(format!(r#"{{"ids":[{}],"decision":"publish"}}"#, ids[2])),
        &[
            ("cookie", cookie.as_str()),
            ("origin", "https://evil.example"),
        ],
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn spam_is_hidden_from_its_author_too_and_can_be_published_after_all() {
    let (db, dir) = moderated_newsroom().await;
    let router = caching_server(&db, dir.path());
    let readers = "/api/articles/amavubi-win-qualifier/comments";
    let body = r#"{"name":"Cheap pills","email":"pills@example.com","body":"Buy now at pills dot example.","composed_ms":9000}"#;
    let posted = send_to(&router, "POST", readers, Some(body.into()), &[]).await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);
    let posted: inkuru_api::PostedComment = serde_json::from_str(&posted.body).unwrap();
    let id = posted.comment.id;
    let as_author = format!("Bearer {}", posted.author_token.unwrap());
    let seen_by_author = |router: Router, token: String| async move {
        let answer = send_to(&router, "GET", readers, None, &[("authorization", &token)]).await;
        let list: inkuru_api::CommentList = serde_json::from_str(&answer.body).unwrap();
        list.comments.iter().any(|c| c.id == id)
    };
    assert!(seen_by_author(router.clone(), as_author.clone()).await);

    let cookie = sign_in(&router, "aline", PASSWORD).await.cookie();
    let as_editor = [
        ("cookie", cookie.as_str()),
        ("origin", "http://inkuru.test"),
    ];
    let decide = |decision: &str| format!(r#"{{"ids":[{id}],"decision":"{decision}"}}"#);
    let moderate = "/api/desk/comments/moderate";
    let spam = send_to(&router, "POST", moderate, Some(decide("spam")), &as_editor).await;
    assert_eq!(spam.status, StatusCode::OK, "{}", spam.body);
    assert!(
        !seen_by_author(router.clone(), as_author.clone()).await,
        "not even its author sees spam"
    );
    let queue = |state: &'static str| {
        let router = router.clone();
        let cookie = cookie.clone();
        async move {
            let uri = format!("/api/desk/comments?state={state}");
            let answer = send_to(&router, "GET", &uri, None, &[("cookie", &cookie)]).await;
            serde_json::from_str::<inkuru_api::desk::ModerationQueue>(&answer.body).unwrap()
        }
    };
    let spam_list = queue("spam").await;
    assert_eq!(spam_list.held_total, 0);
    assert_eq!(spam_list.comments[0].id, id);
    assert_eq!(
        spam_list.comments[0].state,
        inkuru_api::desk::QueueState::Spam
    );
    // Marking it again does nothing: it is no longer held.
    let again = send_to(&router, "POST", moderate, Some(decide("spam")), &as_editor).await;
    let again: inkuru_api::desk::Moderated = serde_json::from_str(&again.body).unwrap();
    assert_eq!(again.skipped, [id]);

    // Marked by mistake: published after all, and every reader sees it at once.
    let publish = send_to(
        &router,
        "POST",
        moderate,
        Some(decide("publish")),
        &as_editor,
    )
    .await;
    assert_eq!(publish.status, StatusCode::OK, "{}", publish.body);
    let list: inkuru_api::CommentList =
        serde_json::from_str(&send_to(&router, "GET", readers, None, &[]).await.body).unwrap();
    assert!(list.comments.iter().any(|c| c.id == id));
    assert!(queue("spam").await.comments.is_empty());
}

#[tokio::test]
async fn editors_change_the_site_settings_and_close_an_article_to_comments() {
    let (db, dir) = newsroom().await;
    inkuru_server::seed::seed_if_empty(&db).await.unwrap();
    let router = caching_server(&db, dir.path());
    let site: inkuru_api::SiteSettings =
        serde_json::from_str(&send_to(&router, "GET", "/api/site", None, &[]).await.body).unwrap();

    let mut changed = site.clone();
    changed.follow[0].url = "https://www.facebook.com/inkuru.newsroom".into();
    let body = serde_json::to_string(&changed).unwrap();
    let refused = send_to(&router, "PUT", "/api/desk/site", Some(body.clone()), &[]).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

    let cookie = sign_in(&router, "aline", PASSWORD).await.cookie();
    let as_editor = [
        ("cookie", cookie.as_str()),
        ("origin", "http://inkuru.test"),
    ];
    let mut unsound = site.clone();
    unsound.name = String::new();
    unsound.languages = vec!["not a tag".into()];
    let answer = send_to(
        &router,
        "PUT",
        "/api/desk/site",
        Some(serde_json::to_string(&unsound).unwrap()),
        &as_editor,
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let error = answer.error();
    assert_eq!(error.fields.get("name"), Some("The site needs a name."));
    assert!(error.fields.get("languages").is_some(), "{}", answer.body);

    let saved = send_to(&router, "PUT", "/api/desk/site", Some(body), &as_editor).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let shown: inkuru_api::SiteSettings =
        serde_json::from_str(&send_to(&router, "GET", "/api/site", None, &[]).await.body).unwrap();
    assert_eq!(
        shown.follow[0].url, "https://www.facebook.com/inkuru.newsroom",
        "at once"
    );

    let slug = "amavubi-win-qualifier";
    let switch = format!("/api/desk/articles/{slug}/comments");
    let article = format!("/api/articles/{slug}");
    let open: inkuru_api::Article =
        serde_json::from_str(&send_to(&router, "GET", &article, None, &[]).await.body).unwrap();
    assert!(open.comments_open);
    let closed = send_to(
        &router,
        "PUT",
        &switch,
        Some(r#"{"open":false}"#.into()),
        &as_editor,
    )
    .await;
    assert_eq!(closed.status, StatusCode::NO_CONTENT, "{}", closed.body);
    let now: inkuru_api::Article =
        serde_json::from_str(&send_to(&router, "GET", &article, None, &[]).await.body).unwrap();
    assert!(!now.comments_open, "at once");
    let comment = send_to(
        &router,
        "POST",
        &format!("{article}/comments"),
        Some(r#"{"name":"A","email":"a@b.rw","body":"Too late?","composed_ms":9000}"#.into()),
        &[],
    )
    .await;
    assert_eq!(comment.status, StatusCode::FORBIDDEN);
    let unknown = send_to(
        &router,
        "PUT",
        "/api/desk/articles/no-such-article/comments",
        Some(r#"{"open":false}"#.into()),
        &as_editor,
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let audit: Vec<inkuru_api::desk::AuditEntry> = serde_json::from_str(
        &send_to(&router, "GET", "/api/desk/audit", None, &as_editor)
            .await
            .body,
    )
    .unwrap();
    let lines: Vec<(&str, &str)> = audit
        .iter()
        .map(|e| (e.action.as_str(), e.target.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("close comments", "article amavubi-win-qualifier"),
            ("change", "site settings: follow"),
            ("sign in", "the desk"),
        ]
    );
}

#[tokio::test]
async fn an_editor_working_through_the_queue_is_not_held_to_the_readers_write_limit() {
    let (db, dir) = newsroom().await;
    inkuru_server::seed::seed_if_empty(&db).await.unwrap();
    // The readers' limits as they ship: a burst of 5 writes per address, then 6 a minute.
    let router = app(AppState::new(db.clone()), dir.path());
    let cookie = sign_in(&router, "aline", PASSWORD).await.cookie();
    let as_editor = [
        ("cookie", cookie.as_str()),
        ("origin", "http://inkuru.test"),
    ];
    for n in 0..12 {
        let body = format!(r#"{{"ids":[{}],"decision":"publish"}}"#, 1000 + n);
        let answer = send_to(
            &router,
            "POST",
            "/api/desk/comments/moderate",
            Some(body),
            &as_editor,
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "decision {n}: {}",
            answer.body
        );
    }
    // Readers' writes from the same address still meet theirs.
    let mut limited = false;
    for _ in 0..8 {
        let answer = send_to(
            &router,
            "POST",
            "/api/articles/amavubi-win-qualifier/comments",
            Some(r#"{"name":"A","email":"a@b.rw","body":"Again.","composed_ms":9000}"#.into()),
            &[],
        )
        .await;
        limited |= answer.status == StatusCode::TOO_MANY_REQUESTS;
    }
    assert!(limited);
}
