//! Starting a throwaway inkuru-server on a free loopback port (for the end-to-end tests and the
//! benchmark), waiting until it answers, a minimal HTTP GET and POST, and stopping it again.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::process::command;

/// Readers' write limits lifted: load tests, benchmarks and the contract's fuzzer post thousands
/// of comments from one address, which the limits (tested on their own) would answer with 429.
pub const UNLIMITED_WRITES: &[&str] = &[
    "--write-burst",
    "4000000000",
    "--writes-per-minute",
    "4000000000",
    "--comments-per-article-per-minute",
    "4000000000",
];

pub struct RunningServer {
    pub port: u16,
    pub log: PathBuf,
    child: Child,
}

impl RunningServer {
    /// The server's process id (to read its memory from /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Starts `binary` with a new database in `work`, serving `dist`, and waits for `/api/health`.
pub fn start(binary: &Path, dist: &Path, work: &Path) -> Result<RunningServer, String> {
    start_with(binary, dist, work, &[])
}

/// `start` with extra server flags.
pub fn start_with(
    binary: &Path,
    dist: &Path,
    work: &Path,
    flags: &[&str],
) -> Result<RunningServer, String> {
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let port = free_port()?;
    let log_path = work.join("server.log");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let child = command(&binary.to_string_lossy())
        .args(["--addr", "127.0.0.1", "--port", &port.to_string()])
        .arg("--database")
        .arg(work.join("inkuru.db"))
        .arg("--dist")
        .arg(dist)
        .args(flags)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .spawn()
        .map_err(|e| format!("could not start inkuru-server: {e}"))?;
    let mut server = RunningServer {
        port,
        log: log_path,
        child,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = server.child.try_wait() {
            return Err(format!(
                "inkuru-server exited early ({status}); see {}",
                server.log.display()
            ));
        }
        if get(port, "/api/health").is_ok_and(|(status, _)| status == 200) {
            return Ok(server);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(format!(
        "inkuru-server did not answer /api/health within 60 s; see {}",
        server.log.display()
    ))
}

/// One HTTP/1.0 exchange (no chunking, no compression): `request` sent as it is, then the
/// status code, the answer's head (status line and headers) and its body.
fn exchange(port: u16, request: &str, timeout: Duration) -> Result<(u16, String, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP answer: {answer:.80}"))?;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    Ok((status, head.to_owned(), body.to_owned()))
}

/// POST `json` to `path`: the status code and the answer's head (its headers, as sent).
pub fn post_json(port: u16, path: &str, json: &str) -> Result<(u16, String), String> {
    let request = format!(
        "POST {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{json}",
        json.len()
    );
    let (status, head, _) = exchange(port, &request, Duration::from_secs(30))?;
    Ok((status, head))
}

/// GET `path`: the status code and the body.
pub fn get(port: u16, path: &str) -> Result<(u16, String), String> {
    let request = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let (status, _, body) = exchange(port, &request, Duration::from_secs(10))?;
    Ok((status, body))
}
