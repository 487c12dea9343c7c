//! `cargo xtask test`'s layer "API against its document": schemathesis (PyPI, pinned in
//! tools.toml, installed by setup into the project's own virtualenv) runs every operation of
//! `/api/openapi.json` with every check (`--checks all`: no server error, status codes, content
//! types, headers and bodies as documented, schema-valid requests accepted and schema-violating
//! ones refused, …) against a server of its own, on the demo content.
//!
//! Bounded by the number of examples per operation (no `--max-time`: with one, schemathesis
//! repeats fuzzing and stateful runs until the time is spent), with a fixed seed so a failure
//! reproduces. The desk's operations run signed in (an editor is added at the server's
//! terminal, as a newsroom would); signing out runs in a pass of its own, last, so it cannot end
//! the session under the others. Each operation is one test (schemathesis's JUnit report).

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use crate::process::{command, root};
use crate::server;
use crate::setup::PYTHON_TOOLS;
use crate::test::Counts;

/// Test cases per operation and phase (about 20 s for the whole API on this machine).
const MAX_EXAMPLES: &str = "60";
/// The same cases every run: a failure here fails again, locally too.
const SEED: &str = "20261206";
/// The editor schemathesis signs in as.
const EDITOR: &str = "schemathesis";
const PASSWORD: &str = "a passphrase only the contract run knows";

/// The desk's own write limit lifted too: the fuzzer signs in and writes to the desk as much.
const UNLIMITED_DESK_WRITES: &[&str] = &["--desk-writes-per-minute", "4000000000"];

/// Runs the layer against `binary` (the debug server) serving `dist`.
pub fn run(binary: &Path, dist: &Path) -> Result<Counts, String> {
    let work = root().join("target/api-contract");
    let _ = std::fs::remove_dir_all(&work);
    let flags = [server::UNLIMITED_WRITES, UNLIMITED_DESK_WRITES].concat();
    let server = server::start_with(binary, dist, &work, &flags)?;
    add_editor(binary, &work.join("inkuru.db"))?;
    let session = sign_in(server.port)?;
    let schema = format!("{}/api/openapi.json", server.base_url());
    let mut counts = Counts::default();
    // Everything but signing out, then signing out (which ends the session).
    for (name, filter) in [
        ("most", "--exclude-method"),
        ("sign-out", "--include-method"),
    ] {
        let report = work.join(format!("junit-{name}.xml"));
        counts.add(pass(&schema, &session, &[filter, "DELETE"], &report)?);
    }
    if counts.failed > 0 {
        println!("server log: {}", server.log.display());
    }
    Ok(counts)
}

/// One schemathesis run over the operations `filter` selects, signed in with `session`; its
/// totals from the JUnit report it writes to `report`.
fn pass(schema: &str, session: &str, filter: &[&str], report: &Path) -> Result<Counts, String> {
    let root = root();
    let schemathesis = root.join(PYTHON_TOOLS).join("bin/schemathesis");
    let status = command(&schemathesis.to_string_lossy())
        .current_dir(root.join("tests/api"))
        .env("INKURU_DESK_SESSION", session)
        .args([
            "run",
            schema,
            "--checks",
            "all",
            // One worker: with two, hypothesis describes strategies from two threads at once
            // and CPython 3.11's parser state is shared between them ("AST constructor
            // recursion depth mismatch" in a CI run).
            "--workers",
            "1",
            "--no-color",
        ])
        .args(["--max-examples", MAX_EXAMPLES, "--seed", SEED])
        .args(["--generation-database", "none"])
        .args(filter)
        .args(["--report", "junit", "--report-junit-path"])
        .arg(report)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start schemathesis: {e}"))?;
    let xml = std::fs::read_to_string(report)
        .map_err(|e| format!("no schemathesis report ({status}): {e}"))?;
    let mut counts = parse_junit(&xml).ok_or("the schemathesis report has no totals")?;
    if !status.success() && counts.failed == 0 {
        counts.failed += 1;
    }
    Ok(counts)
}

/// `inkuru-server editors add`, the password on standard input.
fn add_editor(binary: &Path, database: &Path) -> Result<(), String> {
    let mut child = command(&binary.to_string_lossy())
        .arg("--database")
        .arg(database)
        .args(["editors", "add", EDITOR])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not add the editor: {e}"))?;
    if let Some(mut input) = child.stdin.take() {
        writeln!(input, "{PASSWORD}").map_err(|e| e.to_string())?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("inkuru-server editors add {EDITOR}: {status}"))
    }
}

/// Signs the editor in; the session cookie's value.
fn sign_in(port: u16) -> Result<String, String> {
    let body = format!(r#"{{"name":"{EDITOR}","password":"{PASSWORD}"}}"#);
    let (status, headers) = server::post_json(port, "/api/desk/session", &body)?;
    if status != 200 {
        return Err(format!("signing in answered {status}"));
    }
    session_cookie(&headers).ok_or_else(|| "signing in set no session cookie".to_owned())
}

/// The `inkuru_desk` cookie's value in an answer's headers.
fn session_cookie(headers: &str) -> Option<String> {
    headers.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("set-cookie") {
            return None;
        }
        let pair = value.trim().split(';').next()?;
        let (cookie, session) = pair.split_once('=')?;
        (cookie == "inkuru_desk" && !session.is_empty()).then(|| session.to_owned())
    })
}

/// Totals of a JUnit report (`<testsuites tests= failures= errors= skipped=>`): each operation is
/// a test case; errors (the run could not test it) count as failures.
pub fn parse_junit(xml: &str) -> Option<Counts> {
    let start = xml.find("<testsuites")?;
    let tag = &xml[start..start + xml[start..].find('>')?];
    let attribute = |name: &str| -> Option<u64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse().ok()
    };
    let tests = attribute("tests")?;
    let failed = attribute("failures")? + attribute("errors").unwrap_or(0);
    let skipped = attribute("skipped").unwrap_or(0);
    Some(Counts {
        passed: tests.saturating_sub(failed + skipped),
        failed,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_junit_totals() {
        let xml = r#"<?xml version="1.0"?><testsuites errors="1" failures="2" skipped="0" tests="17" time="3.2"><testsuite/></testsuites>"#;
        assert_eq!(
            parse_junit(xml),
            Some(Counts {
                passed: 14,
                failed: 3,
                skipped: 0
            })
        );
        assert_eq!(parse_junit("<nothing/>"), None);
    }

    #[test]
    fn finds_the_session_cookie() {
        let headers = "HTTP/1.0 200 OK\r\ncontent-type: application/json\r\nSet-Cookie: inkuru_desk=abc-123; HttpOnly; SameSite=Strict; Path=/";
        assert_eq!(session_cookie(headers).as_deref(), Some("abc-123"));
        assert_eq!(session_cookie("HTTP/1.0 401\r\n"), None);
    }
}
