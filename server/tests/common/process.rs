//! The server as a separate process, as in production: for the tests that kill it, or that need
//! its real connection handling (`main`'s listener, not a router called in-process).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use inkuru_server::db::Location;

/// A running `inkuru-server`; killed when dropped, so a failing test leaves no process behind.
pub struct Server {
    child: Child,
}

impl Server {
    /// Starts the server on `location` at `port`, serving `dist`, with `extra` flags; returns once
    /// it answers its health check.
    pub fn start(location: &Location, port: u16, dist: &Path, extra: &[&str]) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_inkuru-server"))
            .args(super::database_args(location))
            .args(["--addr", "127.0.0.1", "--port", &port.to_string()])
            .arg("--dist")
            .arg(dist)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server { child };
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if healthy(port) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not start");
    }

    /// SIGKILL: no shutdown, no flushing, whatever was in flight is cut.
    pub fn kill(self) {
        drop(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Whether the server at `port` answers `/api/health` with 200.
pub fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
    let _ = write!(stream, "GET /api/health HTTP/1.0\r\nHost: x\r\n\r\n");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
}
