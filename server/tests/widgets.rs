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
    let program = dist.join(inkuru_api::widgets::COMMENTS_PROGRAM_FOLDER);
    std::fs::create_dir_all(&program).unwrap();
    std::fs::write(program.join("inkuru-comments-0123456789abcdef.js"), "").unwrap();
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

impl Site {
    /// POSTs `json` to `uri` from this site's own pages; the answer's status.
    async fn post_json(&self, uri: &str, json: &str) -> StatusCode {
        let request = Request::post(uri)
            .header(header::HOST, "inkuru.test")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.to_owned()))
            .unwrap();
        self.router.clone().oneshot(request).await.unwrap().status()
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

const ARTICLE: &str = "rwandan-chefs-win-in-brussels";

#[tokio::test]
async fn an_article_url_has_an_oembed_card_and_names_it() {
    let site = site().await;
    let url = format!("http://inkuru.test/articles/{ARTICLE}");
    let (status, headers, body) = site.get(&inkuru_api::widgets::oembed_for(&url), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(header_of(&headers, header::CACHE_CONTROL).contains("max-age=3600"));
    let answer: inkuru_api::widgets::OEmbed = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (answer.version.as_str(), answer.kind.as_str()),
        ("1.0", "rich")
    );
    assert_eq!(answer.provider_url, "http://inkuru.test/");
    assert_eq!(answer.cache_age, 3600);
    assert!(answer.width >= 240 && answer.height > 0, "{answer:?}");
    assert!(
        answer.html.contains(&format!("<a href=\"{url}\">")),
        "{}",
        answer.html
    );
    assert!(
        answer.html.contains(&format!(
            "src=\"http://inkuru.test/embed/articles/{ARTICLE}\""
        )),
        "{}",
        answer.html
    );
    assert!(
        answer.html.contains("sandbox=\"allow-scripts"),
        "{}",
        answer.html
    );
    assert!(answer
        .thumbnail_url
        .is_some_and(|t| t.starts_with("http://inkuru.test/media/")));
    // Numbers, not strings, as the spec asks.
    let raw: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(raw["width"].is_u64() && raw["height"].is_u64(), "{raw}");

    let (_, _, narrow) = site
        .get(
            &format!(
                "{}&maxwidth=300&maxheight=250",
                inkuru_api::widgets::oembed_for(&url)
            ),
            None,
        )
        .await;
    let narrow: inkuru_api::widgets::OEmbed = serde_json::from_str(&narrow).unwrap();
    assert_eq!((narrow.width, narrow.height), (300, 250));

    // Discovery: in the article page's head, early, and as a Link header.
    let (_, headers, page) = site.get(&format!("/articles/{ARTICLE}"), None).await;
    let link = header_of(&headers, header::LINK);
    assert!(
        link.contains("rel=\"alternate\"") && link.contains("application/json+oembed"),
        "{link}"
    );
    assert!(
        link.contains("/oembed?url=http%3A%2F%2Finkuru.test%2Farticles%2F"),
        "{link}"
    );
    let discovery = page
        .find("application/json+oembed")
        .expect("a discovery link");
    assert!(discovery < page.find("</head>").unwrap(), "in the head");
}

#[tokio::test]
async fn oembed_refuses_unknown_urls_and_other_formats() {
    let site = site().await;
    for url in [
        "http://inkuru.test/articles/no-such-article",
        "http://elsewhere.example/articles/rwandan-chefs-win-in-brussels",
        "http://inkuru.test/news",
        "not a url",
    ] {
        let (status, _, body) = site.get(&inkuru_api::widgets::oembed_for(url), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{url}: {body}");
        assert!(body.contains("\"code\":\"not_found\""), "{body}");
    }
    let (status, _, _) = site.get("/oembed", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let xml = format!(
        "/oembed?url={}&format=xml",
        inkuru_api::paths::encode_component(&format!("http://inkuru.test/articles/{ARTICLE}"))
    );
    let (status, _, _) = site.get(&xml, None).await;
    assert_eq!(status, StatusCode::NOT_IMPLEMENTED);
}

#[tokio::test]
async fn the_oembed_card_is_the_apps_card_and_any_page_may_frame_it() {
    let site = site().await;
    let (status, headers, html) = site.get(&format!("/embed/articles/{ARTICLE}"), None).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let policy = header_of(&headers, header::CONTENT_SECURITY_POLICY);
    assert!(policy.contains("frame-ancestors *"), "{policy}");
    assert!(
        html.contains("<article data-lead=\"\" class=\"card\">"),
        "{html}"
    );
    assert!(
        html.contains(&format!("href=\"/articles/{ARTICLE}\"")),
        "{html}"
    );
    let (status, _, _) = site.get("/embed/articles/no-such-article", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_comments_frame_shows_the_comments_and_names_its_program_framed_by_partners_only() {
    let site = site().await;
    let posted = site
        .post_json(
            &format!("/api/articles/{ARTICLE}/comments"),
            r#"{"name":"Aline","email":"aline@example.rw","body":"Read on a partner's page.","composed_ms":9000}"#,
        )
        .await;
    assert_eq!(posted, StatusCode::CREATED);
    let (status, headers, html) = site
        .get(
            &format!("/embed/comments/{ARTICLE}?theme=dark&accent=%23123456"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // The comments, written by the server with the app's own components: no wasm needed to read.
    assert!(
        html.contains("<main aria-label=\"Comments on Inkuru\"><div id=\"comments-first-view\">"),
        "{html}"
    );
    assert!(
        html.contains("Read on a partner&#x27;s page.")
            || html.contains("Read on a partner's page."),
        "{html}"
    );
    assert!(html.contains("id=\"comment-toggle\""), "{html}");
    assert!(html.contains("<style>.card{color:red}</style>"), "{html}");
    // The program, loaded by the frame script when the reader moves towards the frame, and the
    // answers it will ask for first.
    assert!(
        html.contains("<meta name=\"inkuru-program\" content=\"/comments-frame/inkuru-comments-0123456789abcdef.js\">"),
        "{html}"
    );
    assert!(
        html.contains("<meta name=\"inkuru-program-now\" content=\"inkuru.author-token inkuru.outbox inkuru.draft.\">"),
        "{html}"
    );
    for path in [
        format!("/api/articles/{ARTICLE}"),
        format!("/api/articles/{ARTICLE}/comments"),
        "/api/site".to_owned(),
    ] {
        assert!(
            html.contains(&format!(
                "<script type=\"application/json\" data-api-path=\"{path}\">"
            )),
            "{path}: {html}"
        );
    }
    assert!(!html.contains("<script type=\"module\""), "{html}");
    assert!(
        html.contains("<meta name=\"inkuru-theme\" content=\"dark\">"),
        "{html}"
    );
    assert!(html.contains("<meta name=\"inkuru-partners\" content=\"http://127.0.0.1:8081 http://localhost:8081\">"), "{html}");
    assert!(html.contains("--accent:#123456 !important"), "{html}");
    assert!(
        html.contains("<script src=\"/widget-frame.js\" defer>"),
        "{html}"
    );
    let policy = header_of(&headers, header::CONTENT_SECURITY_POLICY);
    assert!(
        policy.contains("frame-ancestors http://127.0.0.1:8081 http://localhost:8081"),
        "{policy}"
    );
    assert!(!policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(headers.get(header::X_FRAME_OPTIONS).is_none());
    // The site's style, the look's and the avatar's colour (a style attribute, allowed by its hash
    // alone) are allowed; the program may compile its wasm; scripts come from this site only.
    assert!(policy.contains("'unsafe-hashes'"), "{policy}");
    assert_eq!(policy.matches("'sha256-").count(), 3, "{policy}");
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{policy}"
    );

    let (status, _, html) = site.get("/embed/comments/no-such-article", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("no article at that address"), "{html}");
    let (status, _, html) = site.get("/embed/comments/Not%20A%20Slug", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("no article at that address"), "{html}");
}
