//! Server configuration from flags and environment variables (flags win).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug, Clone)]
#[command(
    name = "inkuru-server",
    version,
    about = "Inkuru's JSON API server and SPA host"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "INKURU_ADDR", default_value = "127.0.0.1")]
    pub addr: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "INKURU_PORT", default_value_t = 8080)]
    pub port: u16,
    /// SQLite database file; created, migrated and seeded with demo content on first start.
    #[arg(long, env = "INKURU_DATABASE", default_value = "data/inkuru.db")]
    pub database: PathBuf,
    /// A PostgreSQL database instead (`postgres://user:password@host:port/name`): migrated and
    /// seeded like the SQLite file. Takes precedence over --database.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// The built SPA (Trunk's dist/ folder).
    #[arg(long, env = "INKURU_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Start with an empty site instead of seeding demo content into a new database.
    #[arg(long, env = "INKURU_NO_DEMO")]
    pub no_demo: bool,
    /// Writes (comments) a client address may make per minute, after its burst.
    #[arg(long, env = "INKURU_WRITES_PER_MINUTE", default_value = "6")]
    pub writes_per_minute: NonZeroU32,
    /// Writes a client address may make at once before the per-minute pace applies.
    #[arg(long, env = "INKURU_WRITE_BURST", default_value = "5")]
    pub write_burst: NonZeroU32,
    /// Comments one article takes per minute from everyone together (that many at once, then
    /// that pace).
    #[arg(
        long,
        env = "INKURU_COMMENTS_PER_ARTICLE_PER_MINUTE",
        default_value = "20"
    )]
    pub comments_per_article_per_minute: NonZeroU32,
    /// Desk writes (decisions, settings) an address may make per minute (that many at once).
    /// (The default is `crate::limits::DESK_WRITES_PER_MINUTE`; a test holds them together.)
    #[arg(long, env = "INKURU_DESK_WRITES_PER_MINUTE", default_value = "120")]
    pub desk_writes_per_minute: NonZeroU32,
    /// How long, in milliseconds, public API answers are kept in memory (0: not at all). Copies of
    /// the server behind a load balancer agree within this time.
    #[arg(long, env = "INKURU_CACHE_MS", default_value_t = 1000)]
    pub cache_ms: u64,
    /// Seconds a client has to send a request's head; an idle connection is closed after the
    /// same time. Slow or silent clients then cannot hold connections that readers need.
    #[arg(long, env = "INKURU_HEAD_TIMEOUT_SECS", default_value = "10")]
    pub head_timeout_secs: NonZeroU32,
    /// Connections open at once; more wait in the listen queue until one closes. Keep it under
    /// the process's file descriptor limit (`ulimit -n`) less the database's and files' share.
    #[arg(long, env = "INKURU_MAX_CONNECTIONS", default_value = "8192")]
    pub max_connections: NonZeroU32,
    /// Also serve a demo partner's page on this port (same address), embedding the site's
    /// widgets the way a partner would. Its origin must be on the site's partner list (the demo
    /// content lists port 8081).
    #[arg(long, env = "INKURU_PARTNER_DEMO_PORT")]
    pub partner_demo_port: Option<u16>,
    /// Without a command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Import sections, articles and site settings from a JSON Lines file (docs/import.md) into the
    /// database, then exit. Importing again updates by slug; bad lines are reported and skipped.
    Import {
        /// The file to read.
        file: PathBuf,
    },
    /// The moderation queue (when the site holds comments for review): list the held comments,
    /// publish one, or reject one; then exit.
    Comments {
        #[command(subcommand)]
        action: ModerationAction,
    },
    /// Who may sign in to the editors' desk: add, list, remove an editor, or give one a new
    /// password (read from the terminal, or one line of standard input); then exit.
    Editors {
        #[command(subcommand)]
        action: EditorAction,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum EditorAction {
    /// Add an editor; asks for their password.
    Add {
        /// Letters, digits, '.', '-' or '_'.
        name: String,
    },
    /// List the editors.
    List,
    /// Remove an editor: they can no longer sign in.
    Remove { name: String },
    /// Give an editor a new password; asks for it.
    ResetPassword { name: String },
}

#[derive(Subcommand, Debug, Clone, Copy)]
pub enum ModerationAction {
    /// List the comments waiting for review, oldest first.
    Held,
    /// Publish a held comment: everyone sees it from now on.
    Publish {
        /// The comment's id (from `comments held`).
        id: i64,
    },
    /// Delete a held comment (one without replies).
    Reject {
        /// The comment's id (from `comments held`).
        id: i64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_write_limit_defaults_to_the_documented_one() {
        let config = Config::try_parse_from(["inkuru-server"]).unwrap();
        assert_eq!(
            config.desk_writes_per_minute.get(),
            crate::limits::DESK_WRITES_PER_MINUTE
        );
    }
}
