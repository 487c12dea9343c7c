//! Storage: the connection pool, migrations, and (in the submodules) every SQL statement the server runs.
//! Rows are turned into `inkuru-api` types here, so handlers never see SQL.
//!
//! One code path serves both databases through sqlx's `Any` driver: the embedded SQLite file by
//! default, PostgreSQL when the site outgrows one machine. Statements are written in the SQL both
//! understand (`$1` parameters, `ON CONFLICT`, `RETURNING`, recursive CTEs); the few that cannot be
//! (full-text search) ask `backend()` which dialect to speak. Each database has its own migrations
//! (`migrations/sqlite`, `migrations/postgres`) describing the same tables.

pub mod articles;
pub mod audit;
pub mod comments;
pub mod editors;
pub mod feeds;
pub mod search;
pub mod sections;
pub mod site;

use std::path::PathBuf;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Executor};

pub type Db = sqlx::AnyPool;

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file, created (with its folder) if missing.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:password@host:port/database`).
    Postgres(String),
}

impl Location {
    /// The database a configuration names: `url` (from `DATABASE_URL`) when given, else the SQLite
    /// file at `path`. A URL of another kind is refused with the kinds that work.
    pub fn choose(url: Option<&str>, path: PathBuf) -> Result<Location, String> {
        let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(Location::Sqlite(path));
        };
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Location::Postgres(url.to_owned()))
        } else if let Some(file) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            Ok(Location::Sqlite(PathBuf::from(file)))
        } else {
            Err(format!(
                "DATABASE_URL must start with postgres://, postgresql:// or sqlite: (it starts {:?})",
                url.chars().take(12).collect::<String>()
            ))
        }
    }

    /// For messages: the file, or the PostgreSQL URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(url) => match url.split_once('@') {
                Some((credentials, host)) => {
                    let scheme_end = credentials.find("://").map_or(0, |i| i + 3);
                    let user = credentials[scheme_end..]
                        .split(':')
                        .next()
                        .unwrap_or_default();
                    format!("{}{user}@{host}", &credentials[..scheme_end])
                }
                None => url.clone(),
            },
        }
    }
}

/// Which SQL dialect a pool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The dialect of `db`.
pub fn backend(db: &Db) -> Backend {
    if db
        .connect_options()
        .database_url
        .scheme()
        .starts_with("postgres")
    {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

/// Opens (creating an SQLite file if needed) the database and brings its schema up to date.
pub async fn open(location: &Location) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    match location {
        Location::Sqlite(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
            }
            let url = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .to_url_lossy();
            let options = AnyConnectOptions::from_url(&url)?;
            let pool = AnyPoolOptions::new()
                .max_connections(8)
                .after_connect(|connection, _| {
                    Box::pin(async move {
                        // WAL lets readers run while a comment is written; NORMAL sync is safe with
                        // WAL; SQLite enforces foreign keys only when asked, per connection.
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                            )
                            .await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await?;
            sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
            Ok(pool)
        }
        Location::Postgres(url) => {
            let options: AnyConnectOptions = url.parse()?;
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            sqlx::migrate!("./migrations/postgres").run(&pool).await?;
            Ok(pool)
        }
    }
}

/// The current time as RFC 3339 UTC with whole seconds, the form every stored timestamp takes.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_url_picks_the_backend() {
        let default = PathBuf::from("data/inkuru.db");
        assert_eq!(
            Location::choose(None, default.clone()),
            Ok(Location::Sqlite(default.clone()))
        );
        assert_eq!(
            Location::choose(Some("  "), default.clone()),
            Ok(Location::Sqlite(default.clone()))
        );
        assert_eq!(
            Location::choose(Some("postgres://u:p@db:5432/news"), default.clone()),
            Ok(Location::Postgres("postgres://u:p@db:5432/news".into()))
        );
        assert_eq!(
            Location::choose(Some("sqlite:/var/lib/inkuru.db"), default.clone()),
            Ok(Location::Sqlite(PathBuf::from("/var/lib/inkuru.db")))
        );
        let refused = Location::choose(Some("mysql://x"), default).unwrap_err();
        assert!(refused.contains("postgres://"), "{refused}");
    }

    #[test]
    fn described_urls_hide_the_password() {
        let location = Location::Postgres("postgres://news:s3cret@db.local:5432/inkuru".into());
        assert_eq!(location.describe(), "postgres://news@db.local:5432/inkuru");
        assert!(!location.describe().contains("s3cret"));
    }
}
