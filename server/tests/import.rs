//! The importer, through the library and as editors run it (`inkuru-server import FILE`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use inkuru_server::{db, import};

mod common;

const FILE: &str = r###"{"type":"section","slug":"world","name":"World","description":"Beyond the border."}
{"type":"section","slug":"europe","name":"Europe","parent":"world"}
{"type":"section","slug":"orphan","name":"Orphan","parent":"nowhere"}
not json at all
{"type":"article","slug":"first-story","section":"europe","headline":"A \"first\" <story>","standfirst":"It begins.","author":"Ann","published_at":"2026-11-20T08:00:00Z","body":["One.","## Two","> Three"],"tags":[{"slug":"europe-news","name":"Europe news"}],"author_url":"/authors/ann","comments":false}
{"type":"article","slug":"no-headline","section":"world","standfirst":"x","author":"A","published_at":"2026-11-20T08:00:00Z","body":["x"]}
{"type":"article","slug":"bad-date","section":"world","headline":"H","standfirst":"S","author":"A","published_at":"yesterday","body":["x"]}
{"type":"article","slug":"html-story","section":"world","headline":"HTML","standfirst":"S","author":"A","published_at":"2026-11-21T08:00:00Z","body_html":"<p onclick=\"x()\">Safe<script>alert(1)</script></p>","image":{"src":"/media/html.svg","width":800,"height":600,"alt":"A picture"}}
{"type":"article","slug":"hotlink","section":"world","headline":"H","standfirst":"S","author":"A","published_at":"2026-11-21T08:00:00Z","body":["x"],"image":{"src":"https://elsewhere.example/p.jpg","width":1,"height":1,"alt":"x"}}
{"type":"article","slug":"Bad Slug","section":"world","headline":"H","standfirst":"S","author":"A","published_at":"2026-11-21T08:00:00Z","body":["x"]}
{"type":"site","name":"World Desk","tagline":"","follow":[],"share":{"enabled":false,"networks":[]},"comments":"moderated","languages":["en"]}
"###;

#[tokio::test]
async fn good_lines_are_imported_and_each_bad_one_is_named_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, _) = common::fresh_db(dir.path()).await;
    let report = import::import_str(&pool, FILE).await.unwrap();
    assert_eq!(
        (report.sections, report.articles, report.site),
        (2, 2, true),
        "{report}"
    );
    let skipped: Vec<usize> = report.skipped.iter().map(|s| s.line).collect();
    assert_eq!(skipped, [3, 4, 6, 7, 9, 10], "{report}");
    let reason = |line: usize| {
        report
            .skipped
            .iter()
            .find(|s| s.line == line)
            .unwrap()
            .reason
            .clone()
    };
    assert!(
        reason(3).contains("parent nowhere is not known"),
        "{}",
        reason(3)
    );
    assert!(reason(6).contains("headline"), "{}", reason(6));
    assert!(reason(7).contains("RFC 3339"), "{}", reason(7));
    assert!(reason(9).contains("path on this site"), "{}", reason(9));

    let tree = db::sections::tree(&pool).await.unwrap();
    let article = db::articles::get(
        &pool,
        &tree,
        &inkuru_api::Slug::parse("first-story").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(article.headline, "A \"first\" <story>");
    assert_eq!(article.section_path.len(), 2, "World › Europe");
    assert_eq!(article.tags[0].name, "Europe news");
    assert_eq!(article.byline.url.as_deref(), Some("/authors/ann"));
    assert!(!article.comments_open);
    assert!(article.body_html.contains("<h2>Two</h2>"));
    let html = db::articles::get(
        &pool,
        &tree,
        &inkuru_api::Slug::parse("html-story").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(html.body_html, "<p>Safe</p>");
    assert_eq!(db::site::get(&pool).await.unwrap().name, "World Desk");

    // Again: the same content, updated in place, nothing doubled.
    let changed = FILE.replace("It begins.", "It begins again.");
    let again = import::import_str(&pool, &changed).await.unwrap();
    assert_eq!((again.sections, again.articles), (2, 2));
    let (articles,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
        .fetch_one(&pool)
        .await
        .unwrap();
    let (sections,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sections")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((articles, sections), (2, 2));
    let tree = db::sections::tree(&pool).await.unwrap();
    let updated = db::articles::get(
        &pool,
        &tree,
        &inkuru_api::Slug::parse("first-story").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(updated.standfirst, "It begins again.");
}

#[tokio::test]
async fn the_command_reports_line_numbers_and_fails_when_lines_were_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let location = common::fresh_location(dir.path()).await;
    let file = dir.path().join("content.jsonl");
    std::fs::write(&file, FILE).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_inkuru-server"))
        .args(common::database_args(&location))
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stdout.contains("line 4: skipped: not a usable line"),
        "{stdout}"
    );
    assert!(
        stdout.contains("imported 2 sections, 2 articles, the site settings; skipped 6 lines"),
        "{stdout}"
    );
    assert!(stderr.contains("6 lines of"), "{stderr}");

    let good: String = FILE.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, good).unwrap();
    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_inkuru-server"))
        .args(common::database_args(&location))
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
