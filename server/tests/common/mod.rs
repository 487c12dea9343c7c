//! What every server test file shares: a fresh, empty database per test. SQLite in the test's own
//! folder by default; PostgreSQL when `INKURU_TEST_POSTGRES` names a server (`cargo xtask test`
//! starts a throwaway one on loopback and runs the whole suite once on each database).

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

pub mod process;

use std::ffi::OsString;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use inkuru_server::db::{self, Backend, Db, Location};
use sqlx::Connection;

/// The server URL (any database on it) tests create their databases on, if any.
fn postgres_server() -> Option<String> {
    std::env::var("INKURU_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// A new database nobody else uses: a file in `dir`, or a new PostgreSQL database.
pub async fn fresh_location(dir: &Path) -> Location {
    let Some(server) = postgres_server() else {
        return Location::Sqlite(dir.join("inkuru.db"));
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .expect("INKURU_TEST_POSTGRES does not answer");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let (base, _) = server.rsplit_once('/').expect("a URL with a database name");
    Location::Postgres(format!("{base}/{name}"))
}

/// A fresh, migrated, empty database.
pub async fn fresh_db(dir: &Path) -> (Db, Location) {
    let location = fresh_location(dir).await;
    (db::open(&location).await.unwrap(), location)
}

/// The command-line arguments that point `inkuru-server` at `location`.
pub fn database_args(location: &Location) -> Vec<OsString> {
    match location {
        Location::Sqlite(path) => vec!["--database".into(), path.into()],
        Location::Postgres(url) => vec!["--database-url".into(), url.into()],
    }
}

/// The table holding the search index, for tests that empty it.
pub fn search_table(db: &Db) -> &'static str {
    match db::backend(db) {
        Backend::Sqlite => "articles_fts",
        Backend::Postgres => "article_search",
    }
}
