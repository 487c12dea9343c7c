//! Feeds, sitemaps and robots.txt through the real router on a real database (SQLite, or
//! PostgreSQL when `INKURU_TEST_POSTGRES` is set): each parsed back by an independent parser
//! (feed-rs for the feeds, quick-xml for the sitemaps) and checked against its format's rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use inkuru_api::{ArticlePage, ErrorBody, FeedFormat};
use inkuru_server::answer_cache::AnswerCache;
use inkuru_server::{app, db, import, seed, AppState};
use tempfile::TempDir;
use tower::ServiceExt;

mod common;

const HOST: &str = "news.example";
const ORIGIN: &str = "http://news.example";

struct Site {
    router: Router,
    db: db::Db,
    _dir: TempDir,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn header(&self, name: header::HeaderName) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// The demo site; its answers cached for `cache` (zero: not cached).
async fn site_caching_for(cache: Duration) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let (pool, _) = common::fresh_db(dir.path()).await;
    seed::seed_if_empty(&pool).await.unwrap();
    let state = AppState {
        cache: AnswerCache::new(cache),
        ..AppState::new(pool.clone())
    };
    Site {
        router: app(state, &dir.path().join("no-dist")),
        db: pool,
        _dir: dir,
    }
}

async fn site() -> Site {
    site_caching_for(Duration::ZERO).await
}

impl Site {
    async fn get_with(&self, uri: &str, headers: &[(header::HeaderName, &str)]) -> Answer {
        let mut request = Request::get(uri).header(header::HOST, HOST);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.get_with(uri, &[]).await
    }

    /// A feed, checked to be served as its format and parsed back.
    async fn feed(&self, uri: &str) -> (Answer, feed_rs::model::Feed) {
        let answer = self.get(uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        let format = FeedFormat::from_file_name(uri.rsplit('/').next().unwrap()).unwrap();
        assert_eq!(
            answer.header(header::CONTENT_TYPE),
            format!("{}; charset=utf-8", format.media_type())
        );
        let parsed = feed_rs::parser::parse(answer.body.as_bytes())
            .unwrap_or_else(|e| panic!("{uri} does not parse: {e}\n{}", answer.body));
        check_rules(format, &answer.body);
        (answer, parsed)
    }

    /// The slugs the API lists first for `query` (`section=news&`), newest first.
    async fn api_newest(&self, query: &str) -> Vec<String> {
        let answer = self.get(&format!("/api/articles?{query}per_page=30")).await;
        let page: ArticlePage = serde_json::from_str(&answer.body).unwrap();
        page.items
            .into_iter()
            .map(|a| a.slug.as_str().to_owned())
            .collect()
    }
}

/// The rules of each format that a parser forgives.
fn check_rules(format: FeedFormat, body: &str) {
    match format {
        FeedFormat::Rss => {
            let channel = rss::Channel::read_from(body.as_bytes()).unwrap();
            rss::validation::Validate::validate(&channel)
                .unwrap_or_else(|e| panic!("RSS 2.0 rules: {e}\n{body}"));
            for item in channel.items() {
                assert!(item.guid().is_some_and(|g| g.is_permalink()));
                assert!(item.pub_date().is_some() && item.link().is_some());
            }
        }
        FeedFormat::Atom => {
            // RFC 4287: a feed has one id, title and updated, and a self link; each entry an id,
            // title, updated, an author (the feed has none), an alternate link and, having no
            // content or content that is not text, a summary.
            let feed: atom_syndication::Feed = body.parse().unwrap();
            assert!(feed.id().starts_with(ORIGIN) && !feed.title().is_empty());
            assert!(feed.links().iter().any(|l| l.rel() == "self"));
            for entry in feed.entries() {
                assert!(entry.id().starts_with(ORIGIN) && !entry.title().is_empty());
                assert!(!entry.authors().is_empty());
                assert!(entry.links().iter().any(|l| l.rel() == "alternate"));
                assert!(entry.summary().is_some());
                assert!(entry.published().is_some_and(|p| p <= entry.updated()));
            }
        }
        FeedFormat::Json => {
            // JSON Feed 1.1: version and title; each item an id and content_html or content_text.
            let feed: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
            assert!(feed["title"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(feed["feed_url"]
                .as_str()
                .is_some_and(|u| u.starts_with(ORIGIN)));
            for item in feed["items"].as_array().unwrap() {
                assert!(item["id"].as_str().is_some_and(|id| !id.is_empty()));
                assert!(item["content_html"].is_string() || item["content_text"].is_string());
            }
        }
    }
}

fn item_slugs(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|entry| {
            let link = &entry
                .links
                .first()
                .expect("every item links to its page")
                .href;
            link.strip_prefix(&format!("{ORIGIN}/articles/"))
                .unwrap_or_else(|| panic!("not an article page: {link}"))
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn every_feed_carries_the_newest_stories_of_its_scope_in_every_format() {
    let site = site().await;
    let scopes = [
        ("/feeds", site.api_newest("").await),
        (
            "/feeds/sections/news",
            site.api_newest("section=news&").await,
        ),
        (
            "/feeds/sections/out-of-rwanda",
            site.api_newest("section=out-of-rwanda&").await,
        ),
    ];
    for (base, expected) in scopes {
        assert!(!expected.is_empty(), "{base}");
        for format in FeedFormat::ALL {
            let uri = format!("{base}/{}", format.file_name());
            let (_, feed) = site.feed(&uri).await;
            assert_eq!(
                item_slugs(&feed),
                expected,
                "{uri}: the same stories as the API, newest first"
            );
        }
    }
    // The whole site's feed holds 30 items from a demo of more.
    assert_eq!(site.api_newest("").await.len(), 30);
}

#[tokio::test]
async fn author_and_topic_feeds_hold_only_their_stories() {
    let site = site().await;
    let (_, by_diane) = site.feed("/feeds/authors/diane-ingabire/atom.xml").await;
    assert_eq!(by_diane.entries.len(), 8);
    for entry in &by_diane.entries {
        assert_eq!(entry.authors[0].name.as_deref(), Some("Diane Ingabire"));
    }
    let tag: (String, String, i64) = sqlx::query_as(
        "SELECT t.slug, t.name, COUNT(*) FROM tags t JOIN article_tags at ON at.tag_id = t.id
         GROUP BY t.slug, t.name ORDER BY COUNT(*) DESC, t.slug LIMIT 1",
    )
    .fetch_one(&site.db)
    .await
    .unwrap();
    for format in FeedFormat::ALL {
        let (_, feed) = site
            .feed(&format!("/feeds/topics/{}/{}", tag.0, format.file_name()))
            .await;
        assert_eq!(feed.entries.len() as i64, tag.2);
        assert!(feed.title.unwrap().content.contains(&tag.1));
    }
}

#[tokio::test]
async fn items_carry_summary_author_dates_and_picture() {
    let site = site().await;
    let (_, atom) = site.feed("/feeds/atom.xml").await;
    let (_, json) = site.feed("/feeds/feed.json").await;
    let (_, rss) = site.feed("/feeds/rss.xml").await;
    let newest = &atom.entries[0];
    let slug = item_slugs(&atom)[0].clone();
    let article: inkuru_api::Article =
        serde_json::from_str(&site.get(&format!("/api/articles/{slug}")).await.body).unwrap();
    assert_eq!(newest.title.as_ref().unwrap().content, article.headline);
    assert_eq!(newest.summary.as_ref().unwrap().content, article.standfirst);
    assert_eq!(
        newest.authors[0].name.as_deref(),
        Some(article.byline.name.as_str())
    );
    assert_eq!(
        newest
            .published
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        article.published_at
    );
    let hero = article.hero.expect("the demo's newest story has a picture");
    let picture = format!("{ORIGIN}{}", hero.src);
    assert!(newest
        .links
        .iter()
        .any(|l| l.rel.as_deref() == Some("enclosure") && l.href == picture));
    assert!(json.entries[0]
        .media
        .iter()
        .chain(&rss.entries[0].media)
        .all(|m| m
            .content
            .iter()
            .all(|c| c.url.as_ref().is_some_and(|u| u.as_str() == picture))));
    assert!(
        !rss.entries[0].media.is_empty(),
        "RSS carries the picture as an enclosure"
    );
    // Summaries only, unless the site's settings say otherwise.
    assert!(newest.content.is_none());
}

#[tokio::test]
async fn the_site_setting_puts_whole_stories_in_the_feeds() {
    let site = site().await;
    let mut settings = db::site::get(&site.db).await.unwrap();
    settings.feeds_full_content = true;
    db::site::put(&site.db, &settings).await.unwrap();
    let (_, atom) = site.feed("/feeds/atom.xml").await;
    let slug = item_slugs(&atom)[0].clone();
    let article: inkuru_api::Article =
        serde_json::from_str(&site.get(&format!("/api/articles/{slug}")).await.body).unwrap();
    let content = atom.entries[0].content.as_ref().unwrap();
    assert_eq!(content.body.as_deref(), Some(article.body_html.as_str()));
    let (_, json) = site.feed("/feeds/feed.json").await;
    assert!(json.entries[0].content.is_some());
}

#[tokio::test]
async fn a_hostile_headline_is_text_in_every_feed_and_every_feed_stays_valid() {
    let site = site().await;
    let slug = site.api_newest("").await[0].clone();
    let hostile = "Rain <script>alert(1)</script> & \"sun\" 'ok' \u{1}\u{202E}desrever";
    sqlx::query("UPDATE articles SET headline = $1, author_name = $2 WHERE slug = $3")
        .bind(hostile)
        .bind("<b>Ann</b> & Co")
        .bind(&slug)
        .execute(&site.db)
        .await
        .unwrap();
    let readable = hostile.replace('\u{1}', "");
    for format in FeedFormat::ALL {
        let (answer, feed) = site.feed(&format!("/feeds/{}", format.file_name())).await;
        assert_eq!(
            feed.entries[0].title.as_ref().unwrap().content,
            readable,
            "{format:?}"
        );
        if format != FeedFormat::Json {
            // In XML the text is escaped; in JSON it is a string, which JSON Feed defines as text.
            assert!(
                !answer.body.contains("<script>"),
                "{format:?}: {}",
                answer.body
            );
            assert!(!answer.body.contains("<b>Ann"), "{format:?}");
        }
        assert_eq!(
            feed.entries[0].authors[0].name.as_deref(),
            Some("<b>Ann</b> & Co")
        );
    }
    let news = site.get("/sitemaps/sections.xml").await;
    assert_eq!(news.status, StatusCode::OK);
}

#[tokio::test]
async fn feeds_answer_304_to_their_own_etag_and_date() {
    let site = site().await;
    for format in FeedFormat::ALL {
        let uri = format!("/feeds/sections/news/{}", format.file_name());
        let (first, _) = site.feed(&uri).await;
        let etag = first.header(header::ETAG);
        let modified = first.header(header::LAST_MODIFIED);
        assert!(etag.starts_with("W/\"") && !modified.is_empty());
        let again = site.get_with(&uri, &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
        let same_date = site
            .get_with(&uri, &[(header::IF_MODIFIED_SINCE, &modified)])
            .await;
        assert_eq!(same_date.status, StatusCode::NOT_MODIFIED);
        let older = site
            .get_with(
                &uri,
                &[(header::IF_MODIFIED_SINCE, "Mon, 01 Jan 2024 00:00:00 GMT")],
            )
            .await;
        assert_eq!(older.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn unknown_feeds_are_404_in_the_error_shape() {
    let site = site().await;
    for uri in [
        "/feeds/sections/no-such-section/atom.xml",
        "/feeds/authors/nobody-at-all/rss.xml",
        "/feeds/topics/no-such-topic/feed.json",
        "/feeds/sections/news/atom.json",
        "/feeds/people/diane-ingabire/atom.xml",
        "/feeds/sections/Not%20A%20Slug/atom.xml",
        "/feeds/podcast.xml",
    ] {
        let answer = site.get(uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        let error: ErrorBody = serde_json::from_str(&answer.body).unwrap();
        assert!(
            error.message.contains("no feed"),
            "{uri}: {}",
            error.message
        );
    }
}

const NEW_STORY: &str = r#"{"type":"article","slug":"fresh-story","section":"out-of-rwanda","headline":"A fresh story","standfirst":"Just in.","author":"Diane Ingabire","published_at":"2026-12-01T09:00:00Z","body":["New."]}"#;

#[tokio::test]
async fn a_new_or_updated_story_is_in_feeds_and_sitemaps_once_the_cached_answer_expires() {
    let lifetime = Duration::from_millis(300);
    let site = site_caching_for(lifetime).await;
    let (_, before) = site.feed("/feeds/sections/news/atom.xml").await;
    let index_before = site.get("/sitemap.xml").await.body;
    import::import_str(&site.db, NEW_STORY).await.unwrap();
    tokio::time::sleep(lifetime + Duration::from_millis(100)).await;
    let (_, after) = site.feed("/feeds/sections/news/atom.xml").await;
    let expected: Vec<String> = std::iter::once("fresh-story".to_owned())
        .chain(item_slugs(&before))
        .take(30)
        .collect();
    assert_eq!(item_slugs(&after), expected);
    let month = site.get("/sitemaps/articles-2026-12.xml").await;
    assert!(month
        .body
        .contains(&format!("{ORIGIN}/articles/fresh-story")));
    let index_after = site.get("/sitemap.xml").await.body;
    assert!(!index_before.contains("articles-2026-12.xml"));
    assert!(index_after.contains(&format!("{ORIGIN}/sitemaps/articles-2026-12.xml")));
    // An update moves the story's date in the feed and its sitemap.
    let updated = NEW_STORY.replace(
        r#""body":["New."]"#,
        r#""updated_at":"2026-12-02T10:00:00Z","body":["Newer."]"#,
    );
    import::import_str(&site.db, &updated).await.unwrap();
    tokio::time::sleep(lifetime + Duration::from_millis(100)).await;
    let (_, again) = site.feed("/feeds/sections/news/atom.xml").await;
    assert_eq!(
        again.entries[0].updated.unwrap().to_rfc3339(),
        "2026-12-02T10:00:00+00:00"
    );
    let month = site.get("/sitemaps/articles-2026-12.xml").await;
    assert!(month
        .body
        .contains("<lastmod>2026-12-02T10:00:00+00:00</lastmod>"));
    // A removal takes it out of both.
    let report = import::import_str(&site.db, r#"{"type":"removal","slug":"fresh-story"}"#)
        .await
        .unwrap();
    assert_eq!((report.removed, report.skipped.len()), (1, 0), "{report}");
    tokio::time::sleep(lifetime + Duration::from_millis(100)).await;
    let (_, gone) = site.feed("/feeds/sections/news/atom.xml").await;
    assert_eq!(item_slugs(&gone), item_slugs(&before));
    assert_eq!(
        site.get("/sitemaps/articles-2026-12.xml").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!site
        .get("/sitemap.xml")
        .await
        .body
        .contains("articles-2026-12.xml"));
    assert_eq!(
        site.get("/api/articles/fresh-story").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_removal_takes_the_comments_and_search_entry_with_it_and_names_a_wrong_slug() {
    let site = site().await;
    let slug = site.api_newest("").await[0].clone();
    // A comment and a reply to it, so the thread's own keys are in the way.
    for parent in ["NULL", "(SELECT MAX(id) FROM comments)"] {
        sqlx::query(&format!(
            "INSERT INTO comments (article_id, author_name, author_email, body, created_at, parent_id)
             SELECT id, 'Ann', 'ann@example.org', 'Hello', '2026-11-30T08:00:00Z', {parent}
             FROM articles WHERE slug = $1"
        ))
        .bind(&slug)
        .execute(&site.db)
        .await
        .unwrap();
    }
    let (comments,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.slug = $1",
    )
    .bind(&slug)
    .fetch_one(&site.db)
    .await
    .unwrap();
    assert!(comments >= 2);
    let headline: (String,) = sqlx::query_as("SELECT headline FROM articles WHERE slug = $1")
        .bind(&slug)
        .fetch_one(&site.db)
        .await
        .unwrap();
    let lines = format!("{{\"type\":\"removal\",\"slug\":\"{slug}\"}}\n{{\"type\":\"removal\",\"slug\":\"no-such-story\"}}");
    let report = import::import_str(&site.db, &lines).await.unwrap();
    assert_eq!(report.removed, 1);
    assert_eq!(report.skipped.len(), 1);
    assert!(
        report.skipped[0].reason.contains("no-such-story"),
        "{report}"
    );
    let (left,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM comments WHERE article_id NOT IN (SELECT id FROM articles)",
    )
    .fetch_one(&site.db)
    .await
    .unwrap();
    assert_eq!(left, 0, "the {comments} comments went with it");
    let search = site
        .get(&format!(
            "/api/search?q={}",
            inkuru_api::paths::encode_component(&headline.0)
        ))
        .await;
    assert!(
        !search.body.contains(&format!("\"slug\":\"{slug}\"")),
        "{}",
        search.body
    );
}

/// Every `<loc>` of a sitemap document, after checking it parses as XML with the right root.
fn locations(body: &str, root: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(body);
    let mut locations = Vec::new();
    let mut current: Option<String> = None;
    let mut first = true;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not XML: {e}\n{body}"))
        {
            Event::Start(element) => {
                if first {
                    assert_eq!(element.name().as_ref(), root.as_bytes());
                    first = false;
                }
                if element.name().as_ref() == b"loc" {
                    current = Some(String::new());
                }
            }
            Event::Text(text) => {
                if let Some(loc) = current.as_mut() {
                    loc.push_str(&text.decode().unwrap());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(loc) = current.as_mut() {
                    let name = reference.decode().unwrap();
                    loc.push(match name.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unexpected entity {other} in {body}"),
                    });
                }
            }
            Event::End(element) if element.name().as_ref() == b"loc" => {
                locations.extend(current.take());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(!first, "an empty document: {body}");
    locations
}

#[tokio::test]
async fn robots_txt_leads_to_a_sitemap_index_that_reaches_every_article_once() {
    let site = site().await;
    let robots = site.get("/robots.txt").await;
    assert!(
        robots
            .body
            .contains(&format!("Sitemap: {ORIGIN}/sitemap.xml")),
        "{}",
        robots.body
    );
    let index = site.get("/sitemap.xml").await;
    assert_eq!(
        index.header(header::CONTENT_TYPE),
        "application/xml; charset=utf-8"
    );
    let sitemaps = locations(&index.body, "sitemapindex");
    assert!(sitemaps.contains(&format!("{ORIGIN}/sitemaps/sections.xml")));
    assert!(sitemaps.contains(&format!("{ORIGIN}/sitemaps/articles-2026-11.xml")));
    assert!(sitemaps.contains(&format!("{ORIGIN}/sitemaps/articles-2026-10.xml")));
    assert_eq!(index.body.matches("<lastmod>").count(), sitemaps.len());
    let mut articles = Vec::new();
    let mut pages = Vec::new();
    for sitemap in &sitemaps {
        let answer = site.get(sitemap.strip_prefix(ORIGIN).unwrap()).await;
        assert_eq!(answer.status, StatusCode::OK, "{sitemap}");
        for location in locations(&answer.body, "urlset") {
            match location.strip_prefix(&format!("{ORIGIN}/articles/")) {
                Some(slug) => articles.push(slug.to_owned()),
                None => pages.push(location),
            }
        }
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(&site.db)
        .await
        .unwrap();
    let mut unique = articles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        (articles.len(), unique.len()),
        (count as usize, count as usize)
    );
    assert!(pages.contains(&format!("{ORIGIN}/")));
    assert!(pages.contains(&format!("{ORIGIN}/news/all-around/out-of-rwanda")));
    // The sitemap is conditional like the feeds.
    let again = site
        .get_with(
            "/sitemap.xml",
            &[(header::IF_NONE_MATCH, &index.header(header::ETAG))],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        site.get("/sitemaps/articles-1999-01.xml").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        site.get("/sitemaps/whatever.xml").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn authors_pages_on_this_site_are_in_their_sitemap() {
    let site = site().await;
    sqlx::query(
        "UPDATE articles SET author_url = '/authors/diane' WHERE author_name = 'Diane Ingabire'",
    )
    .execute(&site.db)
    .await
    .unwrap();
    sqlx::query("UPDATE articles SET author_url = 'https://elsewhere.example/eric' WHERE author_name = 'Eric Nshuti'")
        .execute(&site.db)
        .await
        .unwrap();
    let index = site.get("/sitemap.xml").await;
    assert!(
        locations(&index.body, "sitemapindex").contains(&format!("{ORIGIN}/sitemaps/authors.xml"))
    );
    let authors = locations(&site.get("/sitemaps/authors.xml").await.body, "urlset");
    assert_eq!(authors, [format!("{ORIGIN}/authors/diane")]);
}

#[tokio::test]
async fn the_news_sitemap_holds_the_last_48_hours_with_name_language_date_and_title() {
    let site = site().await;
    let now = time::OffsetDateTime::now_utc();
    let at = |hours: i64| {
        (now - time::Duration::hours(hours))
            .replace_nanosecond(0)
            .unwrap()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let newest = site.api_newest("").await;
    for (slug, hours) in [(&newest[0], 1), (&newest[1], 47), (&newest[2], 49)] {
        sqlx::query("UPDATE articles SET published_at = $1, headline = $2 WHERE slug = $3")
            .bind(at(hours))
            .bind(format!("Story from {hours} hours ago & <more>"))
            .bind(slug)
            .execute(&site.db)
            .await
            .unwrap();
    }
    let news = site.get("/sitemaps/news.xml").await;
    assert_eq!(news.status, StatusCode::OK);
    let listed = locations(&news.body, "urlset");
    assert_eq!(
        listed,
        [
            format!("{ORIGIN}/articles/{}", newest[0]),
            format!("{ORIGIN}/articles/{}", newest[1])
        ]
    );
    assert!(news
        .body
        .contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""));
    assert!(news
        .body
        .contains("<news:name>Inkuru</news:name><news:language>en</news:language>"));
    assert!(news
        .body
        .contains("<news:title>Story from 1 hours ago &amp; &lt;more&gt;</news:title>"));
    assert!(news.body.contains("<news:publication_date>"));
    let index = locations(&site.get("/sitemap.xml").await.body, "sitemapindex");
    assert!(index.contains(&format!("{ORIGIN}/sitemaps/news.xml")));
}

#[tokio::test]
async fn a_month_of_more_than_50000_stories_is_split_across_sitemaps() {
    // Through the answer cache, as served: a sitemap too large to keep still goes out whole.
    let site = site_caching_for(Duration::from_secs(1)).await;
    // 50,001 stories in January 2025, written straight to the table (the search index is not needed).
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50001)
         INSERT INTO articles (slug, section_id, headline, standfirst, author_name, published_at, body_html)
         SELECT 'bulk-' || i, (SELECT MIN(id) FROM sections), 'Bulk', 'Bulk', 'Bulk desk',
                '2025-01-15T08:00:00Z', '<p>Bulk</p>' FROM n",
    )
    .execute(&site.db)
    .await
    .unwrap();
    let index = locations(&site.get("/sitemap.xml").await.body, "sitemapindex");
    assert!(index.contains(&format!("{ORIGIN}/sitemaps/articles-2025-01.xml")));
    assert!(index.contains(&format!("{ORIGIN}/sitemaps/articles-2025-01-2.xml")));
    assert!(!index.contains(&format!("{ORIGIN}/sitemaps/articles-2025-01-3.xml")));
    let first = locations(
        &site.get("/sitemaps/articles-2025-01.xml").await.body,
        "urlset",
    );
    let second = locations(
        &site.get("/sitemaps/articles-2025-01-2.xml").await.body,
        "urlset",
    );
    assert_eq!((first.len(), second.len()), (50_000, 1));
    assert!(!first.contains(&second[0]));
}
