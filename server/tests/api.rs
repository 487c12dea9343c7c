//! Integration tests through the real router on a real database per test (an SQLite file, or a
//! PostgreSQL database when `INKURU_TEST_POSTGRES` is set; see tests/common): status codes, headers,
//! and bodies that deserialise into the contract types.

// A failed unwrap in a test helper is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use inkuru_api::{
    Article, ArticlePage, Comment, CommentList, CommentStatus, ErrorBody, ErrorCode, PostedComment,
    SectionTree,
};
use inkuru_server::answer_cache::AnswerCache;
use inkuru_server::limits::{Limits, WriteLimit};
use inkuru_server::{app, db, seed, AppState, MAX_BODY_BYTES};
use serde::de::DeserializeOwned;
use std::time::Duration;
use tempfile::TempDir;
use tower::ServiceExt;

mod common;

struct TestSite {
    router: Router,
    db: db::Db,
    _dir: TempDir,
}

const INDEX_HTML: &str = "<!doctype html><html lang=en><head><title>Inkuru test shell</title>\
    <style>main{}</style></head><body><div id=site-header></div><main id=main tabindex=-1></main>\
    <div id=site-footer></div><script type=module>start()</script></body></html>";

/// Tests post many comments quickly from one (unnamed) client: a write allowance to match.
fn site_state(db: db::Db, writes: u32) -> AppState {
    let writes = std::num::NonZeroU32::new(writes).unwrap();
    AppState {
        db,
        limits: Limits::new(WriteLimit {
            per_minute: writes,
            burst: writes,
        })
        .with_comments_per_article(writes),
        // Off, so a test that changes the database sees it at once; the cache has its own tests.
        cache: AnswerCache::off(),
    }
}

async fn site() -> TestSite {
    site_caching_for(Duration::ZERO).await
}

/// A site whose API answers are cached for `lifetime` (as the real server does for a second).
async fn site_caching_for(lifetime: Duration) -> TestSite {
    let dir = tempfile::tempdir().unwrap();
    let (pool, _) = common::fresh_db(dir.path()).await;
    seed::seed_if_empty(&pool).await.unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
    std::fs::write(dist.join("favicon.svg"), "<svg/>").unwrap();
    std::fs::write(
        dist.join("inkuru-0123456789abcdef_bg.wasm"),
        [0u8, 97, 115, 109],
    )
    .unwrap();
    // What `cargo xtask post-build` writes next to it (content stands in for brotli's).
    std::fs::write(
        dist.join("inkuru-0123456789abcdef_bg.wasm.br"),
        b"brotli bytes",
    )
    .unwrap();
    let state = AppState {
        cache: AnswerCache::new(lifetime),
        ..site_state(pool.clone(), 1_000)
    };
    TestSite {
        router: app(state, &dist),
        db: pool,
        _dir: dir,
    }
}

struct Answer {
    status: StatusCode,
    content_type: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: header::HeaderName) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }
    /// Asserts the documented error shape and returns it.
    fn error(&self, status: StatusCode, code: ErrorCode) -> ErrorBody {
        assert_eq!(self.status, status, "{}", self.text());
        assert!(
            self.content_type.starts_with("application/json"),
            "{}",
            self.content_type
        );
        let body: ErrorBody = self.json();
        assert_eq!(body.code, code);
        assert!(!body.message.is_empty());
        body
    }
}

impl TestSite {
    async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Answer {
            status,
            content_type,
            headers,
            body,
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    async fn post_json(&self, uri: &str, body: impl Into<Body>) -> Answer {
        self.send(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(body.into())
                .unwrap(),
        )
        .await
    }
}

#[tokio::test]
async fn section_tree_is_three_levels_deep_with_out_of_rwanda() {
    let site = site().await;
    let answer = site.get("/api/sections").await;
    assert_eq!(answer.status, StatusCode::OK);
    let tree: SectionTree = answer.json();
    assert!(tree.sections.len() >= 8, "{} sections", tree.sections.len());
    let out = tree
        .by_path("news/all-around/out-of-rwanda")
        .expect("Out of Rwanda");
    let names: Vec<_> = tree.trail(out.id).iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["News", "All around", "Out of Rwanda"]);
    let top: Vec<_> = tree.top_level().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(top.first(), Some(&"News"));
}

#[tokio::test]
async fn demo_content_is_a_real_news_site() {
    let site = site().await;
    let page: ArticlePage = site.get("/api/articles?per_page=50").await.json();
    assert!(page.total >= 40, "{} articles", page.total);
    let with_images = page.items.iter().filter(|a| a.image.is_some()).count();
    assert!(
        with_images * 2 > page.items.len(),
        "most articles have pictures"
    );
    for pair in page.items.windows(2) {
        assert!(pair[0].published_at >= pair[1].published_at, "newest first");
    }
    for summary in &page.items {
        let article: Article = site
            .get(&format!("/api/articles/{}", summary.slug))
            .await
            .json();
        assert!(
            article.body_html.matches("<p>").count() >= 2,
            "{} has one paragraph",
            article.slug
        );
        assert!(!article.byline.name.is_empty());
    }
}

#[tokio::test]
async fn a_section_lists_its_subsections_articles_page_by_page() {
    let site = site().await;
    let news: ArticlePage = site
        .get("/api/articles?section=news&per_page=50")
        .await
        .json();
    assert!(news
        .items
        .iter()
        .any(|a| a.section.slug.as_str() == "out-of-rwanda"));
    assert!(news
        .items
        .iter()
        .all(|a| a.section.path.starts_with("news")));
    let first: ArticlePage = site
        .get("/api/articles?section=news&per_page=5&page=1")
        .await
        .json();
    let second: ArticlePage = site
        .get("/api/articles?section=news&per_page=5&page=2")
        .await
        .json();
    assert_eq!(first.items.len(), 5);
    assert_eq!(first.total, news.total);
    assert_ne!(first.items[0].slug, second.items[0].slug);
    assert_eq!(first.total_pages(), news.total.div_ceil(5));
}

#[tokio::test]
async fn bad_list_parameters_get_clear_errors() {
    let site = site().await;
    let error = site
        .get("/api/articles?page=0")
        .await
        .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    assert!(error.message.contains("page"));
    site.get("/api/articles?per_page=1000")
        .await
        .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    site.get("/api/articles?page=abc")
        .await
        .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    site.get("/api/articles?section=nowhere")
        .await
        .error(StatusCode::NOT_FOUND, ErrorCode::NotFound);
    site.get("/api/articles?section=Not%20A%20Slug")
        .await
        .error(StatusCode::NOT_FOUND, ErrorCode::NotFound);
}

#[tokio::test]
async fn an_article_carries_its_breadcrumb_trail() {
    let site = site().await;
    let answer = site
        .get("/api/articles/rwandan-chefs-win-in-brussels")
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let article: Article = answer.json();
    let trail: Vec<_> = article
        .section_path
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(trail, ["News", "All around", "Out of Rwanda"]);
    let hero = article.hero.expect("hero image");
    assert_eq!((hero.width, hero.height), (1200, 675));
    assert!(
        hero.src.starts_with("/media/"),
        "served by us, never hotlinked"
    );
    let picture = site.get(&hero.src).await;
    assert_eq!(picture.status, StatusCode::OK);
    assert_eq!(picture.content_type, "image/svg+xml");
}

#[tokio::test]
async fn unknown_articles_are_404_in_the_error_shape() {
    let site = site().await;
    site.get("/api/articles/no-such-story")
        .await
        .error(StatusCode::NOT_FOUND, ErrorCode::NotFound);
    site.get("/api/articles/..%2F..%2Fetc")
        .await
        .error(StatusCode::NOT_FOUND, ErrorCode::NotFound);
    site.get("/api/articles/no-such-story/comments")
        .await
        .error(StatusCode::NOT_FOUND, ErrorCode::NotFound);
    site.get("/api/no-such-endpoint")
        .await
        .error(StatusCode::NOT_FOUND, ErrorCode::NotFound);
    site.get("/media/not-a-picture.png")
        .await
        .error(StatusCode::NOT_FOUND, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_valid_comment_is_stored_and_listed_without_its_email() {
    let site = site().await;
    let uri = "/api/articles/amavubi-win-qualifier/comments";
    let before: CommentList = site.get(uri).await.json();
    let answer = site
        .post_json(
            uri,
            r#"{"name":"  Aline ","email":"aline@example.rw","body":"What a goal!\nWell played.","composed_ms":9000}"#,
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let stored: Comment = answer.json();
    assert_eq!(stored.author_name, "Aline", "trimmed");
    assert_eq!(stored.body, "What a goal!\nWell played.");
    let after = site.get(uri).await;
    assert!(
        !after.text().contains("aline@example.rw"),
        "email is never public"
    );
    let after: CommentList = after.json();
    assert_eq!(after.comments.len(), before.comments.len() + 1);
    assert_eq!(
        after.comments.last(),
        Some(&stored),
        "oldest first, newest last"
    );
    let article: Article = site.get("/api/articles/amavubi-win-qualifier").await.json();
    assert_eq!(article.comment_count as usize, after.comments.len());
}

#[tokio::test]
async fn an_invalid_comment_is_refused_with_field_errors() {
    let site = site().await;
    let uri = "/api/articles/amavubi-win-qualifier/comments";
    let error = site
        .post_json(uri, r#"{"name":"","email":"not-an-address","body":"   "}"#)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert_eq!(error.fields.get("name"), Some("Please enter your name."));
    assert!(error.fields.get("email").is_some());
    assert!(error.fields.get("body").is_some());
    let list: CommentList = site.get(uri).await.json();
    assert!(
        list.comments.iter().all(|c| !c.author_name.is_empty()),
        "nothing was stored"
    );
}

#[tokio::test]
async fn malformed_or_oversized_bodies_never_reach_a_500() {
    let site = site().await;
    let uri = "/api/articles/amavubi-win-qualifier/comments";
    site.post_json(uri, "{\"name\":")
        .await
        .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    site.post_json(uri, r#"{"name": 5}"#)
        .await
        .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    let huge = format!(
        r#"{{"name":"A","email":"a@b.rw","body":"{}","composed_ms":9000}}"#,
        "x".repeat(MAX_BODY_BYTES + 1)
    );
    site.post_json(uri, huge)
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge);
    let form = site
        .send(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("name=A&email=a%40b.rw&body=hi"))
                .unwrap(),
        )
        .await;
    form.error(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::UnsupportedMediaType,
    );
    let long_text = format!(
        r#"{{"name":"A","email":"a@b.rw","body":"{}","composed_ms":9000}}"#,
        "x".repeat(6000)
    );
    let error = site
        .post_json(uri, long_text)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert!(error.fields.get("body").unwrap().contains("5000"));
}

#[tokio::test]
async fn wrong_methods_get_405_in_the_error_shape() {
    let site = site().await;
    let answer = site
        .send(
            Request::builder()
                .method(Method::DELETE)
                .uri("/api/sections")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    answer.error(StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn deep_links_get_the_spa_shell_and_files_are_served_as_files() {
    let site = site().await;
    for path in [
        "/",
        "/news/all-around/out-of-rwanda",
        "/news?page=2",
        "/articles/amavubi-win-qualifier",
    ] {
        let answer = site.get(path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert!(
            answer.content_type.starts_with("text/html"),
            "{path}: {}",
            answer.content_type
        );
        assert!(
            answer
                .text()
                .starts_with("<!doctype html><html lang=en><head>"),
            "{path}"
        );
    }
    let icon = site.get("/favicon.svg").await;
    assert_eq!(icon.text(), "<svg/>");
}

/// The answers the server embedded in a page's shell, keyed by API path.
fn embedded(answer: &Answer) -> serde_json::Map<String, serde_json::Value> {
    let html = answer.text();
    let mut found = serde_json::Map::new();
    for chunk in html
        .split("<script type=\"application/json\" data-api-path=\"")
        .skip(1)
    {
        let (path, rest) = chunk.split_once("\">").unwrap();
        let json = rest.split("</script>").next().unwrap();
        found.insert(
            path.replace("&amp;", "&"),
            serde_json::from_str(json).unwrap(),
        );
    }
    assert!(!found.is_empty(), "no embedded answers in {html}");
    found
}

#[tokio::test]
async fn a_page_shell_carries_the_answers_its_page_asks_for_first() {
    let site = site().await;
    let article = embedded(&site.get("/articles/amavubi-win-qualifier").await);
    let embedded_article: Article =
        serde_json::from_value(article["/api/articles/amavubi-win-qualifier"].clone()).unwrap();
    let fetched: Article = site.get("/api/articles/amavubi-win-qualifier").await.json();
    assert_eq!(embedded_article, fetched);
    let _: SectionTree = serde_json::from_value(article["/api/sections"].clone()).unwrap();

    let section = embedded(&site.get("/news/all-around?page=1").await);
    let page: ArticlePage =
        serde_json::from_value(section["/api/articles?section=all-around&page=1"].clone()).unwrap();
    assert!(page
        .items
        .iter()
        .all(|a| a.section.path.starts_with("news/all-around")));

    let home = embedded(&site.get("/").await);
    let front: inkuru_api::FrontPage =
        serde_json::from_value(home["/api/front-page"].clone()).unwrap();
    assert_eq!(front, site.get("/api/front-page").await.json());
}

#[tokio::test]
async fn an_article_page_carries_the_article_itself_so_it_paints_without_wasm() {
    let site = site().await;
    sqlx::query("UPDATE articles SET headline = $1 WHERE slug = 'amavubi-win-qualifier'")
        .bind("Amavubi \"win\" <script>alert(1)</script> & qualify")
        .execute(&site.db)
        .await
        .unwrap();
    let html = site.get("/articles/amavubi-win-qualifier").await.text();
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(
        main.contains(
            "<div id=\"prerendered\" data-path=\"/articles/amavubi-win-qualifier\" \
             data-start-now=\"inkuru.outbox inkuru.draft.amavubi-win-qualifier\" data-start-near=\"\">"
        ),
        "the article's start script starts the app at once for its unsent words, or as its comments near: {main}"
    );
    assert!(
        main.contains("<h1 id=\"article-headline\">Amavubi \"win\" &lt;script&gt;alert(1)&lt;/script&gt; &amp; qualify</h1>"),
        "{main}"
    );
    assert!(
        !html.contains("<script>alert(1)"),
        "the headline is text, never markup"
    );
    // Topics, the site's "Follow us" links and related stories are written with it.
    assert!(
        main.contains(
            "<nav aria-label=\"Topics\" class=\"article-tags\"><ul><li><a href=\"/search?q="
        ),
        "{main}"
    );
    assert!(
        main.contains("<h2 id=\"follow-heading\">Follow us</h2>"),
        "{main}"
    );
    assert!(
        main.contains("<h2 id=\"related-heading\">Related stories</h2>"),
        "{main}"
    );
    let page = site.get("/articles/amavubi-win-qualifier").await;
    assert!(embedded(&page).contains_key("/api/site"));
    assert!(
        html.contains("<title>Amavubi \"win\" &lt;script&gt;alert(1)&lt;/script&gt; &amp; qualify · Inkuru</title>"),
        "the page's own title, escaped: {html}"
    );
    let article: Article = site.get("/api/articles/amavubi-win-qualifier").await.json();
    assert!(
        main.contains(&article.body_html),
        "the sanitised body as stored"
    );
    for crumb in &article.section_path {
        assert!(main.contains(&format!("<a href=\"/{}\">{}</a>", crumb.path, crumb.name)));
    }
}

#[tokio::test]
async fn list_pages_carry_their_stories_so_they_paint_without_wasm() {
    let site = site().await;
    let main_of =
        |html: &str| html[html.find("<main").unwrap()..html.find("</main>").unwrap()].to_owned();

    let home = main_of(&site.get("/").await.text());
    let front: inkuru_api::FrontPage = site.get("/api/front-page").await.json();
    assert!(
        home.contains("<div id=\"prerendered\" data-path=\"/\" data-start-now=\"inkuru.outbox\">"),
        "the front page starts the app at once only for the outbox: {home}"
    );
    assert!(
        home.contains("<article data-lead=\"\" class=\"card\">"),
        "the lead story: {home}"
    );
    // Each top-level section under its own heading, its stories' headlines one level below.
    for block in &front.sections {
        assert!(
            home.contains(&format!(
                "<h2 id=\"front-{}\" class=\"front-section-title\"><a href=\"/{}\">{}</a></h2>",
                block.section.slug, block.section.path, block.section.name
            )),
            "{home}"
        );
    }
    assert!(home.contains("<h3><a href=\"/articles/"), "{home}");
    let stories = front
        .lead
        .iter()
        .chain(front.sections.iter().flat_map(|b| b.stories.iter()));
    for story in stories {
        assert!(
            home.contains(&format!("<a href=\"/articles/{}\">", story.slug)),
            "{}",
            story.slug
        );
    }

    let second = main_of(&site.get("/news?page=2").await.text());
    let page: ArticlePage = site.get("/api/articles?section=news&page=2").await.json();
    assert!(second.contains("data-path=\"/news?page=2\""), "{second}");
    assert!(
        second.contains("<a href=\"/news\" aria-current=\"page\">News</a>"),
        "{second}"
    );
    assert!(
        second.contains("<a href=\"/news?page=1\" rel=\"prev\">"),
        "{second}"
    );
    assert!(
        second.contains(&format!("Page 2 of {}", page.total_pages())),
        "{second}"
    );
    assert!(
        second.contains("aria-label=\"Sections in News\""),
        "{second}"
    );
    for story in &page.items {
        assert!(second.contains(&format!("<a href=\"/articles/{}\">", story.slug)));
    }

    // Past the last page: said plainly, with the way back.
    let past = main_of(&site.get("/news?page=999").await.text());
    assert!(
        past.contains("This section has no page 999. <a href=\"/news\">Go to its first page</a>."),
        "{past}"
    );
}

#[tokio::test]
async fn pages_that_do_not_exist_are_404_with_the_not_found_page() {
    let site = site().await;
    for (path, sentence) in [
        ("/articles/no-such-story", "No article has this address."),
        ("/articles/Not%20A%20Slug", "No article has this address."),
        ("/no/such/section", "No section has this address."),
    ] {
        let answer = site.get(path).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        let html = answer.text();
        assert!(
            html.contains("<title>Page not found · Inkuru</title>"),
            "{path}: {html}"
        );
        assert!(html.contains("<h1>Page not found</h1>"), "{path}: {html}");
        assert!(html.contains(sentence), "{path}: {html}");
        // With its way back, and the header and footer of every page; the app still starts.
        assert!(html.contains("<a class=\"button\" href=\"/\">Go to the front page</a>"));
        assert!(
            html.contains("<nav aria-label=\"Sections\" class=\"section-nav\">"),
            "{html}"
        );
        assert!(html.contains("<script type=module>start()</script>"));
    }
}

#[tokio::test]
async fn responses_carry_a_request_id() {
    let site = site().await;
    let response = site
        .router
        .clone()
        .oneshot(Request::get("/api/health").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key("x-request-id"));
}

#[tokio::test]
async fn seeding_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, location) = common::fresh_db(dir.path()).await;
    assert!(seed::seed_if_empty(&pool).await.unwrap() >= 40);
    assert_eq!(seed::seed_if_empty(&pool).await.unwrap(), 0);
    pool.close().await;
    // Reopening runs the migrations again, harmlessly.
    let pool = db::open(&location).await.unwrap();
    assert_eq!(seed::seed_if_empty(&pool).await.unwrap(), 0);
}

#[tokio::test]
async fn without_a_built_spa_the_site_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, _) = common::fresh_db(dir.path()).await;
    let router = app(AppState::new(pool), &dir.path().join("missing-dist"));
    let response = router
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("cargo xtask serve"));
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_shell_is_revalidated() {
    let site = site().await;
    let cache_control = |response: &axum::response::Response| {
        response
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let wasm = site
        .router
        .clone()
        .oneshot(
            Request::get("/inkuru-0123456789abcdef_bg.wasm")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(cache_control(&wasm), "public, max-age=31536000, immutable");
    let shell = site
        .router
        .clone()
        .oneshot(Request::get("/news").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(cache_control(&shell), "no-cache");
}

#[tokio::test]
async fn another_builds_chunk_is_a_plain_uncached_404_not_a_page() {
    let site = site().await;
    let get = |path: &'static str| {
        site.router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
    };
    // A page open since before a deploy asks for its own build's chunk, gone from this one.
    let gone = get("/inkuru-comments-fedcba9876543210.wasm").await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        gone.headers().get(header::CACHE_CONTROL).unwrap(),
        "no-store"
    );
    let body = gone.into_body().collect().await.unwrap().to_bytes();
    assert!(!String::from_utf8_lossy(&body).contains("<html"));
    // A page whose address merely ends like a hash is still a page.
    let page = get("/articles/no-such-story-0123456789abcdef")
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    let body = page.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("<html"));
}

#[tokio::test]
async fn answers_are_compressed_for_browsers_that_accept_it() {
    let site = site().await;
    let response = site
        .router
        .clone()
        .oneshot(
            Request::get("/api/articles?per_page=50")
                .header(header::ACCEPT_ENCODING, "br, gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok()),
        Some("br")
    );
}

#[tokio::test]
async fn api_answers_carry_an_etag_and_revalidate_with_304() {
    let site = site().await;
    let path = "/api/articles/amavubi-win-qualifier/comments";
    let first = site.get(path).await;
    let tag = first.header(header::ETAG);
    assert!(tag.starts_with("W/\""), "{tag}");
    assert_eq!(first.header(header::CACHE_CONTROL), "no-cache");

    let conditional = |tag: String| {
        Request::get(path)
            .header(header::IF_NONE_MATCH, tag)
            .body(Body::empty())
            .unwrap()
    };
    let unchanged = site.send(conditional(tag.clone())).await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
    assert!(unchanged.body.is_empty());
    assert_eq!(unchanged.header(header::ETAG), tag);

    // A new comment is a new answer: the old tag no longer matches.
    let posted = site
        .post_json(
            path,
            r#"{"name":"Aline","email":"aline@example.rw","body":"A fresh view.","composed_ms":9000}"#,
        )
        .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.text());
    let changed = site.send(conditional(tag.clone())).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.header(header::ETAG), tag);
    assert!(changed.text().contains("A fresh view."));

    // Errors are not tagged.
    let missing = site.get("/api/articles/no-such-story").await;
    assert_eq!(missing.header(header::ETAG), "");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let site = site().await;
    for path in [
        "/",
        "/articles/amavubi-win-qualifier",
        "/api/sections",
        "/api/nope",
        "/robots.txt",
    ] {
        let answer = site.get(path).await;
        let csp = answer.header(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{path}: {csp}"
        );
        assert!(csp.contains("style-src 'self' 'sha256-"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(
            answer.header(header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            answer.header(header::REFERRER_POLICY),
            "strict-origin-when-cross-origin",
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_site_settings_say_how_to_follow_share_and_comment() {
    let site = site().await;
    let answer = site.get("/api/site").await;
    assert_eq!(answer.status, StatusCode::OK);
    let settings: inkuru_api::SiteSettings = answer.json();
    assert_eq!(settings.name, "Inkuru");
    assert!(settings.problems().is_empty(), "{:?}", settings.problems());
    let networks: Vec<_> = settings.follow.iter().map(|f| f.network.label()).collect();
    assert_eq!(networks, ["Facebook", "X", "Instagram", "YouTube", "Email"]);
    assert!(settings.share.enabled);
    assert_eq!(settings.comments, inkuru_api::CommentPolicy::Open);
    assert_eq!(settings.languages[0], "en");
}

#[tokio::test]
async fn unsound_site_settings_are_refused_with_every_problem_named() {
    let site = site().await;
    let mut settings: inkuru_api::SiteSettings = site.get("/api/site").await.json();
    settings.follow[0].url = "javascript:alert(1)".into();
    settings.languages = vec![];
    let message = match db::site::put(&site.db, &settings).await {
        Err(inkuru_server::error::AppError::BadRequest(message)) => message,
        _ => panic!("unsound settings were stored"),
    };
    assert!(
        message.contains("Facebook") && message.contains("language"),
        "{message}"
    );
    // Nothing changed.
    let kept: inkuru_api::SiteSettings = site.get("/api/site").await.json();
    assert!(kept.follow[0].url.starts_with("https://"));
}

#[tokio::test]
async fn the_front_page_has_a_lead_and_each_sections_top_stories_without_repeats() {
    let site = site().await;
    let front: inkuru_api::FrontPage = site.get("/api/front-page").await.json();
    let latest: ArticlePage = site.get("/api/articles?page=1&per_page=1").await.json();
    let lead = front.lead.expect("a lead story");
    assert_eq!(lead.slug, latest.items[0].slug, "the newest story leads");
    let names: Vec<_> = front
        .sections
        .iter()
        .map(|s| s.section.name.as_str())
        .collect();
    assert_eq!(names, ["News", "Business", "Sport", "Culture"]);
    let mut seen = std::collections::HashSet::from([lead.slug.clone()]);
    for group in &front.sections {
        assert!(!group.stories.is_empty() && group.stories.len() <= 4);
        for story in &group.stories {
            assert!(
                seen.insert(story.slug.clone()),
                "{} shown twice",
                story.slug
            );
            assert!(
                story.section.path.starts_with(&group.section.path),
                "{} is not in {}",
                story.slug,
                group.section.path
            );
        }
        let dates: Vec<_> = group
            .stories
            .iter()
            .map(|s| s.published_at.clone())
            .collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "newest first");
    }
}

fn hit_words(results: &inkuru_api::SearchResults) -> Vec<String> {
    results
        .items
        .iter()
        .flat_map(|hit| {
            hit.excerpt
                .iter()
                .filter(|f| f.hit)
                .map(|f| f.text.to_lowercase())
        })
        .collect()
}

#[tokio::test]
async fn search_ranks_headline_matches_first_and_marks_the_words() {
    let site = site().await;
    let answer = site.get("/api/search?q=ferry").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let results: inkuru_api::SearchResults = answer.json();
    assert!(results.total >= 1);
    assert!(
        results.items[0]
            .article
            .headline
            .to_lowercase()
            .contains("ferry"),
        "{:?}",
        results.items[0].article.headline
    );
    assert!(
        hit_words(&results).iter().all(|w| w.starts_with("ferr")),
        "{:?}",
        hit_words(&results)
    );

    // Words must all match, as prefixes, whatever their case or accents.
    let both: inkuru_api::SearchResults = site.get("/api/search?q=FERRY%20Lak").await.json();
    assert!(both.total >= 1 && both.total <= results.total);
    assert_eq!(both.query, "ferry lak");
    // The headline comes marked too: "Ferry service on the lake…" → [Ferry] … [lake].
    let marked: Vec<&str> = both.items[0]
        .headline
        .iter()
        .filter(|f| f.hit)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(marked, ["Ferry", "lake"], "{:?}", both.items[0].headline);
}

#[tokio::test]
async fn search_takes_odd_input_as_words_never_as_syntax() {
    let site = site().await;
    for q in [
        "%22ferry%22",
        "ferry%20AND%20OR%20NOT",
        "NEAR(ferry%20lake)",
        "ferry*%20-lake%20%5E%7B%7D%3A",
        "%27%3B%20DROP%20TABLE%20articles%3B--",
    ] {
        let answer = site.get(&format!("/api/search?q={q}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{q}: {}", answer.text());
        let _: inkuru_api::SearchResults = answer.json();
    }
    // Punctuation alone is a query of no words: it finds nothing (what the document says).
    let wordless: inkuru_api::SearchResults = site.get("/api/search?q=%22%22%20*%20-").await.json();
    assert_eq!((wordless.total, wordless.items.len()), (0, 0));
    for q in ["", "%20%20", &"a".repeat(201)] {
        let body = site
            .get(&format!("/api/search?q={q}"))
            .await
            .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
        assert!(body.message.contains("search"), "{q}: {}", body.message);
    }
    site.get("/api/search")
        .await
        .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    // Still there after all that.
    let sections: SectionTree = site.get("/api/sections").await.json();
    assert!(!sections.sections.is_empty());
}

#[tokio::test]
async fn search_pages_have_edges() {
    let site = site().await;
    let first: inkuru_api::SearchResults = site.get("/api/search?q=the&per_page=5").await.json();
    assert!(first.total > 5, "{}", first.total);
    assert_eq!(first.items.len(), 5);
    let second: inkuru_api::SearchResults =
        site.get("/api/search?q=the&per_page=5&page=2").await.json();
    assert!(second
        .items
        .iter()
        .all(|h| first.items.iter().all(|f| f.article.slug != h.article.slug)));
    let past: inkuru_api::SearchResults = site.get("/api/search?q=the&page=99999").await.json();
    assert!(past.items.is_empty());
    assert_eq!(past.total, first.total);
    for bad in [
        "page=0",
        "page=-1",
        "page=abc",
        "page=99999999999",
        "per_page=51",
    ] {
        site.get(&format!("/api/search?q=the&{bad}"))
            .await
            .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    }
}

#[tokio::test]
async fn a_database_from_before_search_is_indexed_at_start() {
    let site = site().await;
    sqlx::query(&format!("DELETE FROM {}", common::search_table(&site.db)))
        .execute(&site.db)
        .await
        .unwrap();
    let none: inkuru_api::SearchResults = site.get("/api/search?q=ferry").await.json();
    assert_eq!(none.total, 0);
    let indexed = db::search::catch_up(&site.db).await.unwrap();
    assert!(indexed >= 41, "{indexed}");
    let found: inkuru_api::SearchResults = site.get("/api/search?q=ferry").await.json();
    assert!(found.total >= 1);
    assert_eq!(
        db::search::catch_up(&site.db).await.unwrap(),
        0,
        "nothing left to do"
    );
}

async fn post_comment(site: &TestSite, slug: &str, body: &str, parent: Option<i64>) -> Answer {
    let mut json = serde_json::json!({ "name": "Aline", "email": "aline@example.rw", "body": body, "composed_ms": 9000 });
    if let Some(parent) = parent {
        json["parent_id"] = parent.into();
    }
    site.post_json(&format!("/api/articles/{slug}/comments"), json.to_string())
        .await
}

#[tokio::test]
async fn replies_join_their_thread_and_threads_are_paged_whole() {
    let site = site().await;
    let slug = "kigali-jazz-nights-return";
    let before: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    let mut ids = Vec::new();
    for n in 0..3 {
        let c: Comment = post_comment(&site, slug, &format!("Thread {n}"), None)
            .await
            .json();
        ids.push(c.id);
    }
    let reply: Comment = post_comment(&site, slug, "Reply to 0", Some(ids[0]))
        .await
        .json();
    assert_eq!(reply.parent_id, Some(ids[0]));
    let deeper: Comment = post_comment(&site, slug, "Reply to the reply", Some(reply.id))
        .await
        .json();
    post_comment(&site, slug, "Reply to 1", Some(ids[1])).await;

    let skip = before.total_threads;
    let per_page = 2;
    // The page holding thread 0 (the first new thread) lists its replies right after it.
    let page = skip / per_page + 1;
    let list: CommentList = site
        .get(&format!(
            "/api/articles/{slug}/comments?per_page={per_page}&page={page}"
        ))
        .await
        .json();
    assert_eq!(list.total_threads, before.total_threads + 3);
    assert_eq!(list.total_comments, before.total_comments + 6);
    let bodies: Vec<_> = list.comments.iter().map(|c| c.body.as_str()).collect();
    let at = bodies.iter().position(|b| *b == "Thread 0").unwrap();
    assert_eq!(
        &bodies[at..at + 3],
        ["Thread 0", "Reply to 0", "Reply to the reply"]
    );
    assert_eq!(list.comments[at + 2].parent_id, Some(reply.id));
    assert_eq!(deeper.parent_id, Some(reply.id));

    // Every comment is on exactly one page, and no reply is on a page without its thread.
    let mut seen = Vec::new();
    for page in 1..=list.total_pages() {
        let list: CommentList = site
            .get(&format!(
                "/api/articles/{slug}/comments?per_page={per_page}&page={page}"
            ))
            .await
            .json();
        let on_page: Vec<i64> = list.comments.iter().map(|c| c.id).collect();
        for c in &list.comments {
            if let Some(parent) = c.parent_id {
                assert!(
                    on_page.contains(&parent),
                    "reply {} without its parent",
                    c.id
                );
            }
        }
        seen.extend(on_page);
    }
    assert_eq!(seen.len() as u32, list.total_comments);
}

#[tokio::test]
async fn a_reply_to_a_comment_elsewhere_is_refused_at_its_field() {
    let site = site().await;
    let other: Comment = post_comment(&site, "amavubi-win-qualifier", "Elsewhere", None)
        .await
        .json();
    for parent in [other.id, 999_999] {
        let body = post_comment(
            &site,
            "kigali-jazz-nights-return",
            "Lost reply",
            Some(parent),
        )
        .await
        .error(StatusCode::CONFLICT, ErrorCode::ParentGone);
        assert!(body.message.contains("replying to"), "{body:?}");
    }
    for bad in ["page=0", "per_page=101", "page=x"] {
        site.get(&format!(
            "/api/articles/kigali-jazz-nights-return/comments?{bad}"
        ))
        .await
        .error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    }
}

#[tokio::test]
async fn the_openapi_document_lists_every_path_the_contract_names() {
    let site = site().await;
    let answer = site.get("/api/openapi.json").await;
    assert_eq!(answer.status, StatusCode::OK);
    let spec: serde_json::Value = answer.json();
    assert_eq!(spec["openapi"], "3.1.0");
    assert_eq!(spec["servers"][0]["url"], "/api");
    let slug = inkuru_api::Slug::parse("x").unwrap();
    let documented = |api_path: &str| {
        let path = api_path
            .trim_start_matches("/api")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        let templated = path.replace("/articles/x", "/articles/{slug}");
        spec["paths"].get(&templated).is_some()
    };
    for path in [
        inkuru_api::paths::SECTIONS.to_owned(),
        inkuru_api::paths::SITE.to_owned(),
        inkuru_api::paths::FRONT_PAGE.to_owned(),
        inkuru_api::paths::articles(None, 1),
        inkuru_api::paths::article(&slug),
        inkuru_api::paths::comments(&slug),
        inkuru_api::paths::search("x", 1),
    ] {
        assert!(documented(&path), "{path} is not in the OpenAPI document");
    }
    assert!(spec["paths"]["/articles/{slug}/comments"]["post"]["responses"]["422"].is_object());
    // Every $ref points at a schema the document defines.
    let text = answer.text();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            spec["components"]["schemas"][name].is_object(),
            "{name} is referenced but not defined"
        );
    }
}

#[tokio::test]
async fn a_flood_of_comments_gets_429_with_retry_after_and_a_sentence() {
    let mut site = site().await;
    site.router = app(
        site_state(site.db.clone(), 3),
        std::path::Path::new("no-dist"),
    );
    for n in 0..3 {
        let ok = post_comment(
            &site,
            "kigali-jazz-nights-return",
            &format!("Comment {n}"),
            None,
        )
        .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text());
    }
    let refused = post_comment(&site, "kigali-jazz-nights-return", "One too many", None).await;
    let body = refused.error(StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited);
    let wait: u64 = refused.header(header::RETRY_AFTER).parse().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    assert!(body.message.contains("wait"), "{}", body.message);
    // Reading is never limited.
    for _ in 0..20 {
        assert_eq!(
            site.get("/api/articles/kigali-jazz-nights-return/comments")
                .await
                .status,
            StatusCode::OK
        );
    }
    // The refused comment was not stored.
    let list: CommentList = site
        .get("/api/articles/kigali-jazz-nights-return/comments")
        .await
        .json();
    assert!(list.comments.iter().all(|c| c.body != "One too many"));
}

#[tokio::test]
async fn built_files_go_out_precompressed_to_browsers_that_accept_it() {
    let site = site().await;
    let request = |encoding: &str| {
        Request::get("/inkuru-0123456789abcdef_bg.wasm")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap()
    };
    let brotli = site.send(request("gzip, deflate, br")).await;
    assert_eq!(brotli.status, StatusCode::OK);
    assert_eq!(brotli.header(header::CONTENT_ENCODING), "br");
    assert_eq!(brotli.body, b"brotli bytes");
    assert_eq!(brotli.content_type, "application/wasm");
    assert!(brotli.header(header::CACHE_CONTROL).contains("immutable"));
    let plain = site.send(request("identity")).await;
    assert_eq!(plain.header(header::CONTENT_ENCODING), "");
    assert_eq!(plain.body, [0u8, 97, 115, 109]);
}

#[tokio::test]
async fn an_article_has_its_tags_and_related_stories_sharing_them() {
    let site = site().await;
    let article: Article = site
        .get("/api/articles/drone-deliveries-to-health-centres")
        .await
        .json();
    let tags: Vec<_> = article.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Transport", "Health", "Technology"]);
    assert!(!article.related.is_empty() && article.related.len() <= 4);
    assert!(
        article.related.iter().all(|r| r.slug != article.slug),
        "never itself"
    );
    let mut shared = Vec::new();
    for related in &article.related {
        let other: Article = site
            .get(&format!("/api/articles/{}", related.slug))
            .await
            .json();
        shared.push(
            other
                .tags
                .iter()
                .filter(|t| article.tags.contains(t))
                .count(),
        );
    }
    let mut sorted = shared.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(shared, sorted, "most shared tags first");
    assert!(shared[0] >= 1);
    assert!(article.comments_open);
}

#[tokio::test]
async fn closed_comments_are_said_and_refused() {
    let site = site().await;
    // One article closed by the newsroom.
    sqlx::query("UPDATE articles SET comments_open = FALSE WHERE slug = 'amavubi-win-qualifier'")
        .execute(&site.db)
        .await
        .unwrap();
    let closed: Article = site.get("/api/articles/amavubi-win-qualifier").await.json();
    assert!(!closed.comments_open);
    let body = post_comment(&site, "amavubi-win-qualifier", "Let me in", None)
        .await
        .error(StatusCode::FORBIDDEN, ErrorCode::CommentsClosed);
    assert!(body.message.contains("closed"));
    let open = post_comment(&site, "kigali-jazz-nights-return", "Still open here", None).await;
    assert_eq!(open.status, StatusCode::CREATED);

    // The whole site closed by its policy.
    let mut settings: inkuru_api::SiteSettings = site.get("/api/site").await.json();
    settings.comments = inkuru_api::CommentPolicy::Closed;
    db::site::put(&site.db, &settings).await.unwrap();
    let article: Article = site
        .get("/api/articles/kigali-jazz-nights-return")
        .await
        .json();
    assert!(!article.comments_open);
    post_comment(&site, "kigali-jazz-nights-return", "Now closed", None)
        .await
        .error(StatusCode::FORBIDDEN, ErrorCode::CommentsClosed);
}

#[tokio::test]
async fn a_post_that_looks_automated_is_refused_with_a_sentence_and_stores_nothing() {
    let site = site().await;
    let uri = "/api/articles/amavubi-win-qualifier/comments";
    let before: CommentList = site.get(uri).await.json();
    let trapped = serde_json::json!({ "name": "Bot", "email": "bot@example.rw", "body": "Buy now",
        "website": "https://spam.example", "composed_ms": 9000 });
    let error = site
        .post_json(uri, trapped.to_string())
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert!(error.fields.get("body").unwrap().contains("never see"));
    for instant in [
        serde_json::json!({ "name": "Bot", "email": "bot@example.rw", "body": "Buy now", "composed_ms": 300 }),
        serde_json::json!({ "name": "Bot", "email": "bot@example.rw", "body": "Buy now" }),
    ] {
        let error = site
            .post_json(uri, instant.to_string())
            .await
            .error(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
        assert!(error
            .fields
            .get("body")
            .unwrap()
            .contains("faster than anyone"));
    }
    let after: CommentList = site.get(uri).await.json();
    assert_eq!(after.total_comments, before.total_comments);
}

/// A GET carrying an author token.
fn get_as_author(uri: &str, token: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_held_comment_is_shown_to_its_author_and_to_no_one_else_until_published() {
    // Cached as in production (one second), so the test also shows an author's answer is never
    // kept for another reader.
    let site = site_caching_for(Duration::from_secs(1)).await;
    let mut settings: inkuru_api::SiteSettings = site.get("/api/site").await.json();
    settings.comments = inkuru_api::CommentPolicy::Moderated;
    db::site::put(&site.db, &settings).await.unwrap();
    let slug = "amavubi-win-qualifier";
    let uri = format!("/api/articles/{slug}/comments");
    let before: CommentList = site.get(&uri).await.json();
    let count_before = site
        .get(&format!("/api/articles/{slug}"))
        .await
        .json::<Article>()
        .comment_count;

    let answer = site
        .send(keyed_post(
            slug,
            "held-submission-1",
            "Please check this first.",
        ))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let posted: PostedComment = answer.json();
    assert_eq!(posted.comment.status, CommentStatus::Held);
    let token = posted
        .author_token
        .clone()
        .expect("a held comment comes with its author token");
    assert!(inkuru_api::comments::valid_author_token(&token));

    // Everyone else: not in the list, not in the count (cached or not).
    let public: CommentList = site.get(&uri).await.json();
    assert_eq!(public.total_comments, before.total_comments);
    assert!(!public.comments.iter().any(|c| c.id == posted.comment.id));
    let article: Article = site.get(&format!("/api/articles/{slug}")).await.json();
    assert_eq!(article.comment_count, count_before);
    let stranger = site
        .send(get_as_author(&uri, "0123456789abcdef0123456789abcdef"))
        .await;
    assert!(!stranger
        .json::<CommentList>()
        .comments
        .iter()
        .any(|c| c.id == posted.comment.id));

    // Its author: in the list, marked held, in an answer no shared cache may keep.
    let mine = site.send(get_as_author(&uri, &token)).await;
    assert_eq!(mine.header(header::CACHE_CONTROL), "private, no-cache");
    let mine: CommentList = mine.json();
    let shown = mine
        .comments
        .iter()
        .find(|c| c.id == posted.comment.id)
        .expect("the author sees it");
    assert_eq!(shown.status, CommentStatus::Held);
    assert_eq!(mine.total_comments, before.total_comments + 1);
    // …and the answer the author got was not kept for the next reader.
    let public_again: CommentList = site.get(&uri).await.json();
    assert!(!public_again
        .comments
        .iter()
        .any(|c| c.id == posted.comment.id));

    // The same submission again hands back the same token; the author's next comment keeps it.
    let again: PostedComment = site
        .send(keyed_post(
            slug,
            "held-submission-1",
            "Please check this first.",
        ))
        .await
        .json();
    assert_eq!(
        (again.comment.id, again.author_token.as_deref()),
        (posted.comment.id, Some(token.as_str()))
    );
    let second = Request::post(&uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(
            serde_json::json!({ "name": "Aline", "email": "aline@example.rw", "body": "And one more.", "composed_ms": 9000 }).to_string(),
        ))
        .unwrap();
    let second: PostedComment = site.send(second).await.json();
    assert_eq!(second.author_token.as_deref(), Some(token.as_str()));

    // An editor publishes the first: everyone sees it; rejects the second: no one does.
    assert!(db::comments::publish(&site.db, posted.comment.id)
        .await
        .unwrap());
    assert!(db::comments::reject(&site.db, second.comment.id)
        .await
        .unwrap());
    assert!(
        !db::comments::publish(&site.db, second.comment.id)
            .await
            .unwrap(),
        "gone"
    );
    // (The editor works on the database directly, so the cached answers live out their second.)
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let public: CommentList = site.get(&uri).await.json();
    let published = public
        .comments
        .iter()
        .find(|c| c.id == posted.comment.id)
        .expect("published");
    assert_eq!(published.status, CommentStatus::Published);
    let mine: CommentList = site.send(get_as_author(&uri, &token)).await.json();
    assert!(!mine.comments.iter().any(|c| c.id == second.comment.id));
}

#[tokio::test]
async fn answers_are_kept_for_their_lifetime_then_read_again() {
    let site = site_caching_for(Duration::from_millis(300)).await;
    let path = "/api/articles/amavubi-win-qualifier";
    let first: Article = site.get(path).await.json();
    sqlx::query("UPDATE articles SET headline = $1 WHERE slug = 'amavubi-win-qualifier'")
        .bind("An edit made by another copy of the server")
        .execute(&site.db)
        .await
        .unwrap();
    let cached = site.get(path).await;
    assert_eq!(cached.status, StatusCode::OK);
    assert!(
        cached.headers.contains_key(header::ETAG),
        "cached answers revalidate too"
    );
    assert_eq!(cached.json::<Article>().headline, first.headline);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let fresh: Article = site.get(path).await.json();
    assert_eq!(fresh.headline, "An edit made by another copy of the server");
}

#[tokio::test]
async fn a_posted_comment_shows_at_once_despite_the_cache() {
    let site = site_caching_for(Duration::from_secs(600)).await;
    let slug = "amavubi-win-qualifier";
    let before: Article = site.get(&format!("/api/articles/{slug}")).await.json();
    let list: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    let posted = post_comment(&site, slug, "Seen straight away.", None).await;
    assert_eq!(posted.status, StatusCode::CREATED);
    let after: Article = site.get(&format!("/api/articles/{slug}")).await.json();
    assert_eq!(after.comment_count, before.comment_count + 1);
    let list_after: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    assert_eq!(list_after.total_comments, list.total_comments + 1);
    assert!(list_after
        .comments
        .iter()
        .any(|c| c.body == "Seen straight away."));
}

/// A comment post carrying an `Idempotency-Key`.
fn keyed_post(slug: &str, key: &str, body: &str) -> Request<Body> {
    Request::post(format!("/api/articles/{slug}/comments"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(Body::from(
            serde_json::json!({ "name": "Aline", "email": "aline@example.rw", "body": body, "composed_ms": 9000 })
                .to_string(),
        ))
        .unwrap()
}

#[tokio::test]
async fn a_resent_submission_is_stored_once_and_answered_alike() {
    let site = site().await;
    let slug = "amavubi-win-qualifier";
    let before: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    let key = "0f8a5c1e-3b7d-4e4a-9a51-2c1b7d3e9f00";
    let first = site
        .send(keyed_post(slug, key, "Sent on a shaky line."))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let again = site
        .send(keyed_post(slug, key, "Sent on a shaky line."))
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
    assert_eq!(again.json::<Comment>(), first.json::<Comment>());
    let after: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    assert_eq!(after.total_comments, before.total_comments + 1);
    // A new submission (a new key) is a new comment, even with the same words.
    let other = site
        .send(keyed_post(
            slug,
            "another-submission-1",
            "Sent on a shaky line.",
        ))
        .await;
    assert_ne!(other.json::<Comment>().id, first.json::<Comment>().id);
    // A key names one comment: other words, or another article, under it are refused, and the
    // stored comment is not handed out for them.
    for (article, words) in [
        (slug, "Different words, same key."),
        ("kigali-jazz-nights-return", "Sent on a shaky line."),
    ] {
        let reused = site.send(keyed_post(article, key, words)).await;
        let error = reused.error(StatusCode::CONFLICT, ErrorCode::KeyReused);
        assert!(error.message.contains("Idempotency-Key"), "{error:?}");
    }
    let unchanged: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    assert_eq!(unchanged.total_comments, before.total_comments + 2);
}

#[tokio::test]
async fn simultaneous_resends_store_one_comment() {
    let site = site().await;
    let slug = "amavubi-win-qualifier";
    let before: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let router = site.router.clone();
            tokio::spawn(async move {
                let response = router
                    .oneshot(keyed_post(slug, "double-click-race", "Clicked twice."))
                    .await
                    .unwrap();
                let status = response.status();
                let body = response.into_body().collect().await.unwrap().to_bytes();
                (status, serde_json::from_slice::<Comment>(&body).unwrap().id)
            })
        })
        .collect();
    let mut ids = Vec::new();
    for task in tasks {
        let (status, id) = task.await.unwrap();
        assert_eq!(status, StatusCode::CREATED);
        ids.push(id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "every resend answers the one stored comment");
    let after: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    assert_eq!(after.total_comments, before.total_comments + 1);
}

#[tokio::test]
async fn a_malformed_idempotency_key_is_refused_and_nothing_is_stored() {
    let site = site().await;
    let slug = "amavubi-win-qualifier";
    let before: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    for key in ["short", "has spaces in it", &"k".repeat(101)] {
        let answer = site.send(keyed_post(slug, key, "Hello.")).await;
        let error = answer.error(StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
        assert!(
            error.message.contains("Idempotency") || error.message.contains("idempotency"),
            "{}",
            error.message
        );
    }
    let after: CommentList = site
        .get(&format!("/api/articles/{slug}/comments"))
        .await
        .json();
    assert_eq!(after.total_comments, before.total_comments);
}

#[tokio::test]
async fn a_flood_onto_one_article_is_slowed_for_everyone_there_and_no_one_else() {
    let mut site = site().await;
    let per_article = std::num::NonZeroU32::new(3).unwrap();
    let state = AppState {
        limits: Limits::new(WriteLimit {
            per_minute: std::num::NonZeroU32::new(1_000).unwrap(),
            burst: std::num::NonZeroU32::new(1_000).unwrap(),
        })
        .with_comments_per_article(per_article),
        ..site_state(site.db.clone(), 1_000)
    };
    site.router = app(state, &site._dir.path().join("dist"));
    for n in 0..3 {
        let answer = post_comment(
            &site,
            "amavubi-win-qualifier",
            &format!("Comment {n}."),
            None,
        )
        .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    }
    let refused = post_comment(&site, "amavubi-win-qualifier", "One too many.", None).await;
    assert!(refused.headers.contains_key(header::RETRY_AFTER));
    let error = refused.error(StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited);
    assert!(
        error
            .message
            .contains("This article is receiving a great many comments"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("nothing you wrote is lost"),
        "{}",
        error.message
    );
    // Another article takes comments as usual.
    let elsewhere =
        post_comment(&site, "kigali-jazz-nights-return", "Still open here.", None).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::CREATED,
        "{}",
        elsewhere.text()
    );
}

/// A page as a link-preview crawler fetches it: a plain GET naming the host.
async fn crawl(site: &TestSite, path: &str) -> String {
    let request = Request::get(path)
        .header(header::HOST, "news.example")
        .body(Body::empty())
        .unwrap();
    let page = site.send(request).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    page.text()
}

/// The `content` of the first `<meta>` whose `property` or `name` is `key`, unescaped.
fn meta_content(html: &str, key: &str) -> Option<String> {
    let at = html
        .find(&format!("property=\"{key}\""))
        .or_else(|| html.find(&format!("name=\"{key}\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let end = start + rest[start..].find('"')?;
    Some(
        rest[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[tokio::test]
async fn article_pages_carry_escaped_share_previews_for_crawlers() {
    let site = site().await;
    let headline = r#"Quotes "here" & a <b>tag</b> in the headline"#;
    sqlx::query("UPDATE articles SET headline = $1 WHERE slug = 'amavubi-win-qualifier'")
        .bind(headline)
        .execute(&site.db)
        .await
        .unwrap();
    let article: Article = site.get("/api/articles/amavubi-win-qualifier").await.json();
    let html = crawl(&site, "/articles/amavubi-win-qualifier").await;
    assert!(
        !html.contains("<b>tag</b>"),
        "nothing unescaped reaches the HTML"
    );
    assert_eq!(meta_content(&html, "og:title").as_deref(), Some(headline));
    assert_eq!(
        meta_content(&html, "twitter:title").as_deref(),
        Some(headline)
    );
    assert_eq!(meta_content(&html, "og:type").as_deref(), Some("article"));
    assert_eq!(
        meta_content(&html, "og:description"),
        Some(article.standfirst.clone())
    );
    assert_eq!(
        meta_content(&html, "og:url").as_deref(),
        Some("http://news.example/articles/amavubi-win-qualifier")
    );
    assert!(
        html.contains(
            r#"<link href="http://news.example/articles/amavubi-win-qualifier" rel="canonical">"#
        ),
        "{html}"
    );
    let hero = article
        .hero
        .clone()
        .expect("the demo article has a picture");
    assert_eq!(
        meta_content(&html, "og:image"),
        Some(format!("http://news.example{}", hero.src))
    );
    assert_eq!(
        meta_content(&html, "og:image:width"),
        Some(hero.width.to_string())
    );
    assert_eq!(
        meta_content(&html, "og:image:height"),
        Some(hero.height.to_string())
    );
    assert_eq!(
        meta_content(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta_content(&html, "article:published_time"),
        Some(article.published_at.clone())
    );

    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(data["@type"], "NewsArticle");
    assert_eq!(data["headline"], headline);
    assert_eq!(data["author"][0]["name"], article.byline.name.as_str());
    assert_eq!(
        data["image"][0]["url"],
        format!("http://news.example{}", hero.src)
    );

    // A Host header that is not a plain host name gets no previews rather than a broken one.
    let odd = Request::get("/articles/amavubi-win-qualifier")
        .header(header::HOST, "x\"><script>")
        .body(Body::empty())
        .unwrap();
    let odd = site.send(odd).await.text();
    assert!(!odd.contains("og:url"));
    assert!(!odd.contains("<script>\""));
}

#[tokio::test]
async fn section_and_home_pages_carry_share_previews_too() {
    let site = site().await;
    let html = crawl(&site, "/news/all-around/out-of-rwanda?page=2").await;
    assert_eq!(
        meta_content(&html, "og:title").as_deref(),
        Some("Out of Rwanda")
    );
    assert_eq!(meta_content(&html, "og:type").as_deref(), Some("website"));
    assert_eq!(
        meta_content(&html, "og:url").as_deref(),
        Some("http://news.example/news/all-around/out-of-rwanda?page=2")
    );
    assert_eq!(
        meta_content(&html, "twitter:card").as_deref(),
        Some("summary")
    );
    assert!(!html.contains("ld+json"));

    let settings: inkuru_api::SiteSettings = site.get("/api/site").await.json();
    let home = crawl(&site, "/").await;
    assert_eq!(meta_content(&home, "og:title"), Some(settings.name.clone()));
    assert_eq!(
        meta_content(&home, "og:description"),
        Some(settings.tagline.clone())
    );
    assert_eq!(
        meta_content(&home, "og:url").as_deref(),
        Some("http://news.example/")
    );
    assert!(meta_content(&home, "og:image")
        .is_some_and(|src| src.starts_with("http://news.example/media/")));
}

#[tokio::test]
async fn every_page_has_one_head_and_the_apps_header_and_footer() {
    let site = site().await;
    for (path, current) in [
        ("/", None),
        ("/news/all-around", Some("/news")),
        ("/articles/amavubi-win-qualifier", None),
        ("/search?q=kigali", None),
        ("/saved", None),
        ("/desk", None),
    ] {
        let html = crawl(&site, path).await;
        // The shell's own title and description gave way to the page's.
        assert_eq!(html.matches("<title>").count(), 1, "{path}: {html}");
        assert!(!html.contains("Inkuru test shell"), "{path}");
        assert!(html.matches("name=\"description\"").count() <= 1, "{path}");
        let header = &html[html.find("<div id=site-header>").unwrap()..html.find("<main").unwrap()];
        assert!(
            header.contains("<a class=\"wordmark\" href=\"/\">Inkuru</a>"),
            "{path}: {header}"
        );
        assert!(header.contains("id=\"site-search-query\""), "{path}");
        assert!(header.contains("All sections"), "{path}");
        if let Some(section) = current {
            assert!(
                header.contains(&format!("<a href=\"{section}\" aria-current=\"page\">")),
                "{path}: the section it is in is marked: {header}"
            );
        } else {
            assert!(!header.contains("aria-current"), "{path}: {header}");
        }
        let footer = &html[html.find("<div id=site-footer>").unwrap()..];
        assert!(
            footer.contains("<a href=\"/saved\">Saved articles</a>"),
            "{path}"
        );
    }
    let search = crawl(&site, "/search?q=kigali").await;
    assert!(search.contains("<title>Search: kigali · Inkuru</title>"));
}

#[tokio::test]
async fn the_desk_page_is_the_apps_to_draw_and_never_indexed() {
    let site = site().await;
    for path in ["/desk", "/desk/settings", "/desk/audit"] {
        let page = site.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(
            page.header(header::HeaderName::from_static("x-robots-tag")),
            "noindex",
            "{path}"
        );
        let html = page.text();
        assert_eq!(meta_content(&html, "robots").as_deref(), Some("noindex"));
        assert!(
            html.contains("<title>Editors&#x27; desk · Inkuru</title>")
                || html.contains("<title>Editors' desk · Inkuru</title>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"/desk.css\""),
            "its own styles: {html}"
        );
        // Nothing of the desk is written by the server: the app asks who is signed in.
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        assert!(!main.contains("desk"), "{main}");
    }
    assert!(site
        .get("/")
        .await
        .header(header::HeaderName::from_static("x-robots-tag"))
        .is_empty());
    let robots = site.get("/robots.txt").await.text();
    assert!(
        robots.contains("Disallow: /desk\n") && robots.contains("Disallow: /api/desk/\n"),
        "{robots}"
    );
}
