//! Slow and silent clients do not starve readers (issue 16): hundreds of connections that send a
//! request's head a byte at a time, or nothing at all, more of them than the server keeps open at
//! once, are closed by the server once the head deadline passes, and a reader arriving in the
//! middle of them is answered.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::process::{free_port, Server};

/// Connections that trickle a request head, and connections that send nothing.
const SLOW: usize = 150;
const SILENT: usize = 150;
/// The server's ceiling in this test: fewer than the bad connections, so readers must wait for
/// the deadline to free slots, as they would when an attacker fills them.
const MAX_CONNECTIONS: &str = "200";
const HEAD_TIMEOUT_SECS: u64 = 2;

/// Whether the server has closed `stream` (end of stream or reset), without waiting.
fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut byte = [0u8; 64];
    // Any answer counts too: the server spoke, so it did not just hold the connection.
    !matches!(stream.read(&mut byte), Err(e) if e.kind() == ErrorKind::WouldBlock)
}

/// GETs the front page's articles on a fresh connection: the status and how long it took.
fn read_as_a_reader(port: u16) -> (u16, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /api/articles?page=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, started.elapsed())
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_and_silent_connections_are_closed_and_readers_are_still_answered() {
    let dir = tempfile::tempdir().unwrap();
    let location = common::fresh_location(dir.path()).await;
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let port = free_port();
    let timeout = HEAD_TIMEOUT_SECS.to_string();
    let _server = Server::start(
        &location,
        port,
        &dist,
        &[
            "--head-timeout-secs",
            &timeout,
            "--max-connections",
            MAX_CONNECTIONS,
        ],
    );

    let opened = Instant::now();
    let mut slow: Vec<TcpStream> = (0..SLOW)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            stream
                .write_all(b"GET /api/articles?page=1 HTTP/1.1\r\n")
                .unwrap();
            stream
        })
        .collect();
    let mut silent: Vec<TcpStream> = (0..SILENT)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    for stream in slow.iter().chain(silent.iter()) {
        stream.set_nonblocking(true).unwrap();
    }

    let readers = std::thread::spawn(move || {
        (0..10)
            .map(|_| {
                std::thread::sleep(Duration::from_millis(300));
                read_as_a_reader(port)
            })
            .collect::<Vec<_>>()
    });

    // The slow ones send a header byte every 200 ms, never finishing the head.
    let mut open_slow = [true; SLOW];
    let mut open_silent = [true; SILENT];
    let give_up = Instant::now() + Duration::from_secs(8 * HEAD_TIMEOUT_SECS + 10);
    while open_slow.contains(&true) || open_silent.contains(&true) {
        assert!(
            Instant::now() < give_up,
            "after {:?}, {} slow and {} silent connections are still open",
            opened.elapsed(),
            open_slow.iter().filter(|o| **o).count(),
            open_silent.iter().filter(|o| **o).count()
        );
        for (stream, open) in slow.iter_mut().zip(open_slow.iter_mut()) {
            if *open && (stream.write(b"x").is_err() || closed_by_server(stream)) {
                *open = false;
            }
        }
        for (stream, open) in silent.iter_mut().zip(open_silent.iter_mut()) {
            if *open && closed_by_server(stream) {
                *open = false;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }

    for (status, took) in readers.join().unwrap() {
        assert_eq!(status, 200, "a reader was answered {status}");
        // Starved would be never; waiting for one head deadline to free slots is the design.
        assert!(
            took < Duration::from_secs(4 * HEAD_TIMEOUT_SECS + 5),
            "a reader waited {took:?}"
        );
    }
}
