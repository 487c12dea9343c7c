//! Nothing lost under load and faults (issue 16): many clients post comments at once, each sent one
//! to three times under its own idempotency key (some resends at the same moment), while the
//! server is killed with SIGKILL in the middle of it and started again on the same database. A
//! client keeps resending a comment until the server acknowledges it. In the end every comment is
//! stored exactly once, as the comment the server acknowledged. On SQLite, and on PostgreSQL when
//! `INKURU_TEST_POSTGRES` names a server (`cargo xtask test` runs it on both).
//!
//! Bounded for the test run (8 clients × 25 comments); `cargo xtask bench reliability` runs the
//! same test large (`INKURU_NO_LOSS_CLIENTS`, `INKURU_NO_LOSS_COMMENTS`) and prints its figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::process::{free_port, Server};
use inkuru_server::db::{self, Location};

/// Clients, and comments each, unless the environment says otherwise (the bench's large run).
fn scale() -> (usize, usize) {
    let read = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    (
        read("INKURU_NO_LOSS_CLIENTS", 8),
        read("INKURU_NO_LOSS_COMMENTS", 25),
    )
}
/// Articles of the demo content the comments spread over.
const ARTICLES: [&str; 4] = [
    "kigali-jazz-nights-return",
    "amavubi-win-qualifier",
    "lake-kivu-ferry-service-resumes",
    "book-festival-record-crowds",
];

/// Flags that lift the write limits: every client posts from the same address.
const UNLIMITED: &[&str] = &[
    "--write-burst",
    "100000",
    "--writes-per-minute",
    "100000",
    "--comments-per-article-per-minute",
    "100000",
];

/// POSTs `body` (JSON) to `path` with `key` as its Idempotency-Key: the status and the answer's
/// body, or `None` when the connection failed or was cut (the server is down).
fn post(port: u16, path: &str, key: &str, body: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    write!(
        stream,
        "POST {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Idempotency-Key: {key}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let status = answer.split_whitespace().nth(1)?.parse().ok()?;
    let (_, body) = answer.split_once("\r\n\r\n")?;
    Some((status, body.to_owned()))
}

/// Sends that found the server down (refused, or cut off mid-answer).
static UNANSWERED: AtomicUsize = AtomicUsize::new(0);
/// Every send.
static SENT: AtomicUsize = AtomicUsize::new(0);

/// Sends one comment until the server acknowledges it (201), `times` times once it can (the
/// extra sends are resends of the same submission): the comment id every acknowledgement named.
fn deliver(port: u16, client: usize, n: usize, times: usize) -> Vec<i64> {
    let key = format!("loss-test-{client}-{n}");
    let article = ARTICLES[(client + n) % ARTICLES.len()];
    let body = serde_json::json!({
        "name": format!("Client {client}"),
        "email": format!("client{client}@example.rw"),
        "body": format!("Comment {n} from client {client}."),
        "composed_ms": 9000,
    })
    .to_string();
    let path = format!("/api/articles/{article}/comments");
    let mut ids = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while ids.len() < times {
        assert!(Instant::now() < deadline, "{key} was never acknowledged");
        // Every fourth comment sends twice at the same moment.
        let attempts: Vec<Option<(u16, String)>> = if n.is_multiple_of(4) {
            std::thread::scope(|scope| {
                let first = scope.spawn(|| post(port, &path, &key, &body));
                let second = scope.spawn(|| post(port, &path, &key, &body));
                vec![first.join().unwrap(), second.join().unwrap()]
            })
        } else {
            vec![post(port, &path, &key, &body)]
        };
        SENT.fetch_add(attempts.len(), Ordering::SeqCst);
        for attempt in attempts {
            match attempt {
                Some((201, answer)) => {
                    let comment: serde_json::Value = serde_json::from_str(&answer).unwrap();
                    ids.push(comment["id"].as_i64().unwrap());
                }
                // The server is down or restarting: try again in a moment.
                None | Some((502..=504, _)) => {
                    UNANSWERED.fetch_add(1, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                }
                Some((status, answer)) => panic!("{key}: {status} {answer}"),
            }
        }
    }
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn no_acknowledged_comment_is_lost_or_stored_twice_when_the_server_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let location = common::fresh_location(dir.path()).await;
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let port = free_port();
    let started = Instant::now();
    let server = Server::start(&location, port, &dist, UNLIMITED);
    let (clients, comments_per_client) = scale();

    let acknowledged: Mutex<BTreeMap<String, Vec<i64>>> = Mutex::new(BTreeMap::new());
    let delivered = AtomicUsize::new(0);
    let total = clients * comments_per_client;
    std::thread::scope(|scope| {
        for client in 0..clients {
            let (acknowledged, delivered) = (&acknowledged, &delivered);
            scope.spawn(move || {
                for n in 0..comments_per_client {
                    let ids = deliver(port, client, n, 1 + (client + n) % 3);
                    acknowledged
                        .lock()
                        .unwrap()
                        .insert(format!("loss-test-{client}-{n}"), ids);
                    delivered.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
        // Killed once about a third of the comments are in, started again at once.
        while delivered.load(Ordering::SeqCst) < total / 3 {
            std::thread::sleep(Duration::from_millis(5));
        }
        server.kill();
        let restarted = Server::start(&location, port, &dist, UNLIMITED);
        while delivered.load(Ordering::SeqCst) < total {
            std::thread::sleep(Duration::from_millis(20));
        }
        restarted.kill();
    });

    let db = db::open(&location).await.unwrap();
    let stored: Vec<(String, i64)> = sqlx::query_as(
        "SELECT idempotency_key, id FROM comments WHERE idempotency_key LIKE 'loss-test-%'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let acknowledged = acknowledged.into_inner().unwrap();
    assert_eq!(acknowledged.len(), total);
    assert!(
        UNANSWERED.load(Ordering::SeqCst) > 0,
        "the kill cut no request: the test did not test a fault"
    );
    assert_eq!(stored.len(), total, "each comment stored once, none lost");
    for (key, id) in stored {
        let ids = &acknowledged[&key];
        assert!(
            ids.iter().all(|acked| *acked == id),
            "{key}: every acknowledgement names the one stored comment ({ids:?} vs {id})"
        );
    }
    let database = match location {
        Location::Sqlite(_) => "SQLite",
        Location::Postgres(_) => "PostgreSQL",
    };
    println!(
        "no_loss on {database}: {clients} clients, {total} comments, {} sends, {} unanswered \
         during the restart, one SIGKILL, {seconds:.1} s: every comment stored once",
        SENT.load(Ordering::SeqCst),
        UNANSWERED.load(Ordering::SeqCst),
    );
}
