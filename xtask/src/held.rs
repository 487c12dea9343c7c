//! `cargo xtask bench held` (issue 16, "held under load"): the release server on SQLite, then on
//! PostgreSQL, loaded by `tests/bench/held-load.mjs` (autocannon, npm): readers and comment posts
//! side by side, first flat out for the mix's maximum rates, then held at half of them for 60 s.
//! Passes when the held minute had no error, timeout or non-2xx answer, reached its rates, and the
//! server's memory stayed flat. Prints the figures RELIABILITY.md quotes, and keeps them in
//! `target/bench-held/`.

use std::path::Path;

use serde_json::Value;

use crate::process::{command, execute, root};
use crate::server::UNLIMITED_WRITES;
use crate::{postgres, server, setup};

/// Flat memory: the server's resident size over the held minute's last `WINDOW` seconds is at
/// most this much above its size just after `WARM_UP` (the first seconds fill SQLite's page cache,
/// the answer cache and the connection pool; then it should stay).
const FLAT_GROWTH: f64 = 0.10;
/// Seconds (memory samples) of the held minute that are warm-up.
const WARM_UP: usize = 10;
/// Seconds (samples) each memory mean is taken over.
const WINDOW: usize = 10;
/// Held means at least this share of the target rate was reached.
const RATE_REACHED: f64 = 0.95;

pub fn run() -> Result<(), String> {
    setup::run()?;
    let root = root();
    execute(command("cargo").args(["build", "--release", "-p", "inkuru-server"]))?;
    let binary = root.join("target/release/inkuru-server");
    let work = root.join("target/bench-held");
    let _ = std::fs::remove_dir_all(&work);
    let dist = work.join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut failures = Vec::new();
    failures.extend(held(&binary, &dist, &work.join("sqlite"), "SQLite", &[])?);
    let cluster = postgres::Throwaway::start()?;
    let url = cluster.url();
    let flags = ["--database-url", url.as_str()];
    failures.extend(held(
        &binary,
        &dist,
        &work.join("postgres"),
        "PostgreSQL",
        &flags,
    )?);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// One database's run: its figures printed, its failures returned.
fn held(
    binary: &Path,
    dist: &Path,
    work: &Path,
    database: &str,
    flags: &[&str],
) -> Result<Vec<String>, String> {
    let all_flags: Vec<&str> = UNLIMITED_WRITES.iter().chain(flags).copied().collect();
    let server = server::start_with(binary, dist, work, &all_flags)?;
    let report = work.join("held.json");
    execute(
        command("node")
            .arg(root().join("tests/bench/held-load.mjs"))
            .arg(server.base_url())
            .arg(server.pid().to_string())
            .arg(&report)
            .env("NODE_PATH", root().join("node_modules")),
    )?;
    drop(server);
    let text =
        std::fs::read_to_string(&report).map_err(|e| format!("{}: {e}", report.display()))?;
    let figures: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    println!("{}", describe(database, &figures));
    Ok(judge(database, &figures))
}

/// The run in a few lines, as RELIABILITY.md quotes it.
fn describe(database: &str, f: &Value) -> String {
    let side = |run: &str, load: &str| {
        let s = &f[run][load];
        format!(
            "{:.0}/s (p50 {} ms, p99 {} ms; {} errors, {} timeouts, {} non-2xx)",
            s["per_s"].as_f64().unwrap_or(0.0),
            s["p50_ms"],
            s["p99_ms"],
            s["errors"],
            s["timeouts"],
            s["non_2xx"]
        )
    };
    let (first, second) = memory_trend(f);
    format!(
        "held on {database}:\n  maximum: reads {}, posts {}\n  held {} s: reads {}, posts {}\n  \
         server memory: {:.1} MiB before, {:.1} MiB at {WARM_UP}–{} s, {:.1} MiB in the last {WINDOW} s",
        side("maximum", "readers"),
        side("maximum", "posters"),
        f["held_seconds"],
        side("held", "readers"),
        side("held", "posters"),
        f["rss_kib"]["before"].as_f64().unwrap_or(0.0) / 1024.0,
        WARM_UP + WINDOW,
        first / 1024.0,
        second / 1024.0,
    )
}

/// The held minute's failures: errors, rates not reached, memory that grew.
fn judge(database: &str, f: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    for (load, target) in [("readers", "reads_per_s"), ("posters", "posts_per_s")] {
        let s = &f["held"][load];
        let bad = ["errors", "timeouts", "non_2xx"]
            .iter()
            .map(|k| s[k].as_u64().unwrap_or(u64::MAX))
            .sum::<u64>();
        if bad > 0 {
            failures.push(format!(
                "{database}: {load} had {bad} failed requests held at half rate"
            ));
        }
        let wanted = f["target"][target].as_f64().unwrap_or(0.0);
        let reached = s["per_s"].as_f64().unwrap_or(0.0);
        if reached < wanted * RATE_REACHED {
            failures.push(format!(
                "{database}: {load} reached {reached:.0}/s of {wanted:.0}/s"
            ));
        }
    }
    let (first, second) = memory_trend(f);
    if first <= 0.0 || second > first * (1.0 + FLAT_GROWTH) {
        failures.push(format!(
            "{database}: memory grew from {first:.0} KiB to {second:.0} KiB (after warm-up, then at the end)"
        ));
    }
    failures
}

/// The mean resident size (KiB) over the held minute's first `WINDOW` seconds after `WARM_UP`,
/// and over its last `WINDOW` seconds.
fn memory_trend(f: &Value) -> (f64, f64) {
    let samples: Vec<f64> = f["rss_kib"]["samples"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    let mean = |s: &[f64]| {
        if s.is_empty() {
            0.0
        } else {
            s.iter().sum::<f64>() / s.len() as f64
        }
    };
    let early = samples
        .iter()
        .skip(WARM_UP)
        .take(WINDOW)
        .copied()
        .collect::<Vec<_>>();
    let late = &samples[samples
        .len()
        .saturating_sub(WINDOW)
        .max(WARM_UP.min(samples.len()))..];
    (mean(&early), mean(late))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn figures(errors: u64, per_s: f64, samples: &[f64]) -> Value {
        let side = json!({ "per_s": per_s, "errors": errors, "timeouts": 0, "non_2xx": 0 });
        json!({
            "target": { "reads_per_s": 100.0, "posts_per_s": 100.0 },
            "held": { "readers": side, "posters": side },
            "rss_kib": { "before": 1000.0, "samples": samples },
        })
    }

    #[test]
    fn a_clean_flat_minute_passes() {
        let mut samples = vec![50.0; WARM_UP];
        samples.extend([100.0, 104.0, 103.0, 105.0, 108.0].repeat(6));
        assert!(judge("x", &figures(0, 99.0, &samples)).is_empty());
    }

    #[test]
    fn errors_missed_rates_and_growing_memory_each_fail() {
        let flat = vec![100.0; 60];
        assert_eq!(judge("x", &figures(3, 99.0, &flat)).len(), 2);
        assert_eq!(judge("x", &figures(0, 50.0, &flat)).len(), 2);
        let growing: Vec<f64> = (0..60).map(|s| 100.0 + f64::from(s)).collect();
        assert_eq!(judge("x", &figures(0, 99.0, &growing)).len(), 1);
        assert_eq!(
            judge("x", &figures(0, 99.0, &[])).len(),
            1,
            "no samples is no proof"
        );
    }
}
