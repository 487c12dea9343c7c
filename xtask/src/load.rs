//! `bench api`, under load: wrk (Debian's package) against the release server on loopback, 64
//! connections, for the API's busiest requests. wrk and the server share this machine's two
//! cores, so the figures are a floor for a real deployment, where they do not.

use std::path::Path;

use serde_json::{json, Value};

use crate::process::{command, output};

pub const CONNECTIONS: u32 = 64;
pub const SECONDS: u32 = 10;

/// A wrk duration (`812.00us`, `1.23ms`, `2.01s`) in milliseconds.
pub fn millis(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, scale) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * scale)
}

/// Requests per second, p50, p99 and the count of non-2xx answers from wrk's report.
pub fn parse_report(report: &str) -> Option<Value> {
    let mut rps = None;
    let (mut p50, mut p99, mut errors) = (None, None, 0u64);
    for line in report.lines().map(str::trim) {
        if let Some(value) = line.strip_prefix("Requests/sec:") {
            rps = value.trim().parse::<f64>().ok();
        } else if let Some(value) = line.strip_prefix("50%") {
            p50 = millis(value);
        } else if let Some(value) = line.strip_prefix("99%") {
            p99 = millis(value);
        } else if let Some(value) = line.strip_prefix("Non-2xx or 3xx responses:") {
            errors = value.trim().parse().unwrap_or(0);
        }
    }
    Some(json!({ "requests_per_s": rps?, "p50_ms": p50?, "p99_ms": p99?, "non_2xx": errors }))
}

/// Loads `path` (GET, or POST with `post_body` as JSON) and reads wrk's report.
pub fn run(base: &str, path: &str, post_body: Option<&str>, work: &Path) -> Result<Value, String> {
    let mut wrk = command("wrk");
    wrk.args(["-t2", "--latency"])
        .arg(format!("-c{CONNECTIONS}"))
        .arg(format!("-d{SECONDS}s"));
    if let Some(body) = post_body {
        let script = work.join("post.lua");
        let lua = format!(
            "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{body}]]\n"
        );
        std::fs::write(&script, lua).map_err(|e| e.to_string())?;
        wrk.arg("-s").arg(&script);
    }
    let report = output(wrk.arg(format!("{base}{path}")))
        .ok_or("wrk failed (installed by `cargo xtask setup` from Debian's packages)")?;
    println!("{report}");
    parse_report(&report).ok_or_else(|| format!("could not read wrk's report:\n{report}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_wrk_report() {
        let report = "Running 10s test @ http://127.0.0.1:1/api/sections\n  2 threads and 64 connections\n\
            \x20 Latency Distribution\n     50%  812.00us\n     75%    1.10ms\n     90%    1.50ms\n     99%    2.01s\n\
            \x20 123 requests in 10.00s, 1.00MB read\n  Non-2xx or 3xx responses: 7\nRequests/sec:  12345.67\nTransfer/sec: 1.00MB\n";
        let value = parse_report(report).unwrap();
        assert_eq!(value["requests_per_s"], 12345.67);
        assert_eq!(value["p50_ms"], 0.812);
        assert!((value["p99_ms"].as_f64().unwrap() - 2010.0).abs() < 1e-9);
        assert_eq!(value["non_2xx"], 7);
        assert!(parse_report("nothing").is_none());
    }
}
