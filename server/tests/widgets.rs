//! The partner widgets through the real router on a real (seeded) database: the frames' documents
//! and policies, the partner list driving CORS and framing, the snippet, and the answers to bad
//! options. The browser side (loader, sizing, messages) is tests/e2e/widgets.spec.mjs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use inkuru_server::{app, db, seed, AppState};
use tower::ServiceExt;

mod common;

/// The demo's partner list (server/demo/content.jsonl).
const PARTNER: &str = "http://localhost:8081";
const STRANGER: &str = "https://stranger.example";

const INDEX_HTML: &str = "<!doctype html><html lang=en><head><title>Inkuru</title>\
    <style>.card{color:red}</style></head><body><div id=site-header></div><main id=main></main>\
    <div id=site-footer></div></body></html>";

struct Site {
    router: Router,
    db: db::Db,
    _dir: tempfile::TempDir,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let (pool, _) = common::fresh_db(dir.path()).await;
    seed::seed_if_empty(&pool).await.unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
    let mut state = AppState::new(pool.clone());
    state.cache = inkuru_server::answer_cache::AnswerCache::off();
    Site {
        router: app(state, &dist),
        db: pool,
        _dir: dir,
    }
}

impl Site {
    async fn get(&self, uri: &str, origin: Option<&str>) -> (StatusCode, HeaderMap, String) {
        let mut request = Request::get(uri).header(header::HOST, "inkuru.test");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
    }
}

fn header_of(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn only_partner_pages_may_read_the_api_from_the_browser() {
    let site = site().await;
    let (status, headers, _) = site.get("/api/sections", Some(PARTNER)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header_of(&headers, header::ACCESS_CONTROL_ALLOW_ORIGIN),
        PARTNER
    );
    assert!(header_of(&headers, header::VARY)
        .to_lowercase()
        .contains("origin"));

    let (_, headers, _) = site.get("/api/sections", Some(STRANGER)).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    let (_, headers, _) = site.get("/api/sections", None).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[tokio::test]
async fn the_headlines_frame_shows_a_sections_newest_stories_framed_by_partners_only() {
    let site = site().await;
    let (status, headers, html) = site
        .get(
            "/embed/headlines?section=news&count=3&theme=dark&accent=%230B6E4F",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let policy = header_of(&headers, header::CONTENT_SECURITY_POLICY);
    assert!(
        policy.contains("frame-ancestors http://127.0.0.1:8081 http://localhost:8081"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(
        headers.get(header::X_FRAME_OPTIONS).is_none(),
        "framing must not be denied"
    );
    // The site's own stylesheet, allowed by its hash, and the partner's accent as a property.
    assert!(html.contains("<style>.card{color:red}</style>"), "{html}");
    assert!(html.contains("--accent:#0b6e4f !important"), "{html}");
    assert!(html.contains("data-theme=\"dark\""), "{html}");
    assert!(html.contains("<base target=\"_top\""), "{html}");
    // Three stories, each the app's own card linking to the story.
    assert_eq!(html.matches("<article class=\"card\"").count(), 3, "{html}");
    assert_eq!(html.matches("href=\"/articles/").count(), 3, "{html}");
    assert!(html.contains("href=\"/news\""), "{html}");
    assert!(!html.contains("<img"), "pictures only when asked: {html}");
    let (_, _, with_pictures) = site
        .get("/embed/headlines?section=news&count=3&pictures=true", None)
        .await;
    assert!(with_pictures.contains("<img"), "{with_pictures}");
}

#[tokio::test]
async fn a_site_without_partners_lets_no_one_frame_its_widgets() {
    let site = site().await;
    let mut settings = db::site::get(&site.db).await.unwrap();
    settings.partner_origins.clear();
    db::site::put(&site.db, &settings).await.unwrap();
    let (_, headers, _) = site.get("/embed/headlines", None).await;
    let policy = header_of(&headers, header::CONTENT_SECURITY_POLICY);
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let (_, headers, _) = site.get("/api/sections", Some(PARTNER)).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

#[tokio::test]
async fn bad_widget_options_are_named_in_the_frame() {
    let site = site().await;
    let (status, _, html) = site
        .get(
            "/embed/headlines?count=99&theme=purple&font=x%3B%7Dbody%7B",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(
        html.contains("count must be a number from 1 to 10"),
        "{html}"
    );
    assert!(
        html.contains("theme must be light, dark or system"),
        "{html}"
    );
    assert!(html.contains("font must be a list of font names"), "{html}");
    assert!(!html.contains("x;}body{"), "{html}");
    let (status, _, html) = site
        .get("/embed/headlines?section=no-such-section", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("no section called \"no-such-section\""),
        "{html}"
    );
}

#[tokio::test]
async fn the_snippet_carries_the_loader_and_todays_links_for_pages_without_script() {
    let site = site().await;
    let (status, headers, text) = site.get("/embed/snippet?section=news&count=2", None).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(header_of(&headers, header::CONTENT_TYPE).starts_with("text/plain"));
    assert!(
        text.contains("<script src=\"http://inkuru.test/widgets.js\" async></script>"),
        "{text}"
    );
    assert!(
        text.contains("<inkuru-headlines section=\"news\" count=\"2\">"),
        "{text}"
    );
    assert_eq!(
        text.matches("<li><a href=\"http://inkuru.test/articles/")
            .count(),
        2,
        "{text}"
    );
    assert!(text.contains("href=\"http://inkuru.test/news\""), "{text}");
}

#[tokio::test]
async fn reader_pages_still_refuse_to_be_framed() {
    let site = site().await;
    let (_, headers, _) = site.get("/", None).await;
    assert_eq!(header_of(&headers, header::X_FRAME_OPTIONS), "DENY");
    assert!(header_of(&headers, header::CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'"));
}
