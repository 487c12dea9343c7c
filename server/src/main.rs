//! `inkuru-server`: read the configuration, open the database (seeding demo content the first
//! time), and serve until Ctrl-C or SIGTERM.

use clap::Parser;
use inkuru_server::config::{Command, Config};

use inkuru_server::answer_cache::AnswerCache;
use inkuru_server::limits::{Limits, WriteLimit};
use inkuru_server::{app, db, editors, import, moderation, partner_demo, seed, serving, AppState};
use std::time::Duration;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    match run(Config::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("inkuru-server: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), String> {
    let location = db::Location::choose(config.database_url.as_deref(), config.database.clone())?;
    let db = db::open(&location)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", location.describe()))?;
    if let Some(Command::Import { file }) = &config.command {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let report = import::import_str(&db, &text)
            .await
            .map_err(|e| format!("import stopped: {e:?}"))?;
        println!("{report}");
        db.close().await;
        return if report.skipped.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} lines of {} were skipped (see above)",
                report.skipped.len(),
                file.display()
            ))
        };
    }
    if let Some(Command::Editors { action }) = config.command.clone() {
        let result = editors::run(&db, action, editors::read_new_password).await;
        db.close().await;
        return result.map(|report| print!("{report}"));
    }
    if let Some(Command::Comments { action }) = config.command {
        let result = moderation::run(&db, action).await;
        db.close().await;
        return result.map(|report| print!("{report}"));
    }
    if !config.no_demo {
        let added = seed::seed_if_empty(&db)
            .await
            .map_err(|e| format!("cannot load the demo content: {e:?}"))?;
        if added > 0 {
            tracing::info!(articles = added, "new database: demo content loaded");
        }
    }
    let indexed = db::search::catch_up(&db)
        .await
        .map_err(|e| format!("cannot build the search index: {e:?}"))?;
    if indexed > 0 {
        tracing::info!(articles = indexed, "search index caught up");
    }
    let listener = tokio::net::TcpListener::bind((config.addr, config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.addr, config.port))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Inkuru is running at http://{local}/  (Ctrl-C stops it)");
    let state = AppState {
        db: db.clone(),
        limits: Limits::new(WriteLimit {
            per_minute: config.writes_per_minute,
            burst: config.write_burst,
        })
        .with_comments_per_article(config.comments_per_article_per_minute)
        .with_desk_writes(config.desk_writes_per_minute),
        cache: AnswerCache::new(Duration::from_millis(config.cache_ms)),
    };
    let connections = serving::ConnectionLimits {
        head_timeout: Duration::from_secs(config.head_timeout_secs.get().into()),
        max_connections: usize::try_from(config.max_connections.get()).unwrap_or(usize::MAX),
    };
    if let Some(port) = config.partner_demo_port {
        let site = format!("http://{local}");
        let listener = tokio::net::TcpListener::bind((config.addr, port))
            .await
            .map_err(|e| format!("cannot listen on {}:{port}: {e}", config.addr))?;
        let demo = listener.local_addr().map_err(|e| e.to_string())?;
        println!("A partner's page with the widgets: http://{demo}/");
        tokio::spawn(async move {
            let never = std::future::pending();
            serving::serve(listener, partner_demo::router(&site), connections, never).await;
        });
    }
    serving::serve(
        listener,
        app(state, &config.dist),
        connections,
        shutdown_signal(),
    )
    .await;
    db.close().await;
    println!("Inkuru stopped.");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, letting in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
