//! `cargo xtask test`: every layer, in order: lint, native unit, server integration, wasm in headless
//! Chromium, end-to-end in Chromium against the release build on the real server, the API against
//! its OpenAPI document (schemathesis), byte budgets. Prints a summary
//! per layer and, as the very last line, the totals: `N passed, N failed` (`, N skipped` if any).
//! Fails if any test fails or any layer runs no tests.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::process::{command, execute, root};
use crate::{api_contract, postgres, serve, server, setup, sizes, supply_chain};

#[derive(Default, Clone, Copy, Debug, PartialEq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Counts {
    /// One test that passed.
    pub fn one_passed() -> Counts {
        Counts {
            passed: 1,
            ..Counts::default()
        }
    }

    /// One failure: a step that could not run at all, reported after `message` is printed.
    pub fn failure(message: impl std::fmt::Display) -> Counts {
        println!("{message}");
        Counts {
            failed: 1,
            ..Counts::default()
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }

    fn total(&self) -> u64 {
        self.passed + self.failed + self.skipped
    }
}

/// Totals line in the form CI reads.
pub fn totals_line(counts: Counts) -> String {
    let mut line = format!("{} passed, {} failed", counts.passed, counts.failed);
    if counts.skipped > 0 {
        line.push_str(&format!(", {} skipped", counts.skipped));
    }
    line
}

/// Reads a libtest summary (`test result: ok. 5 passed; 0 failed; 1 ignored; …`).
pub fn parse_libtest(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |label: &str| -> u64 {
        rest.split(';')
            .find_map(|part| {
                part.trim()
                    .trim_start_matches("ok.")
                    .trim_start_matches("FAILED.")
                    .trim()
                    .strip_suffix(label)
            })
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    Some(Counts {
        passed: number_before("passed"),
        failed: number_before("failed"),
        skipped: number_before("ignored"),
    })
}

/// Runs a cargo test command, echoing its output and adding up every libtest summary.
fn cargo_tests(command: &mut Command) -> Counts {
    println!("$ {:?}", command);
    let child = command.stdin(Stdio::null()).stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            return Counts::failure(format!("could not start: {e}"));
        }
    };
    let mut counts = Counts::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(found) = parse_libtest(&line) {
                counts.add(found);
            }
        }
    }
    let success = child.wait().is_ok_and(|s| s.success());
    if !success && counts.failed == 0 {
        // It failed before or around the tests (a compile error): that is a failure too.
        counts.failed += 1;
    }
    counts
}

fn check(command: &mut Command) -> Counts {
    match execute(command) {
        Ok(()) => Counts::one_passed(),
        Err(message) => Counts::failure(message),
    }
}

fn lint() -> Counts {
    let mut counts = Counts::default();
    counts.add(check(command("cargo").args(["fmt", "--all", "--check"])));
    counts.add(check(command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])));
    counts.add(check(command("cargo").args([
        "clippy",
        "-p",
        "inkuru",
        "--target",
        "wasm32-unknown-unknown",
        // As Trunk builds it: with the split points (native clippy sees them without).
        "--features",
        "split",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])));
    counts
}

/// Reads Playwright's JSON report: its `stats` block.
pub fn parse_playwright(report: &str) -> Option<Counts> {
    let json: serde_json::Value = serde_json::from_str(report).ok()?;
    let stats = json.get("stats")?;
    let get = |key: &str| stats.get(key).and_then(|v| v.as_u64()).unwrap_or(0);
    Some(Counts {
        passed: get("expected"),
        failed: get("unexpected") + get("flaky"),
        skipped: get("skipped"),
    })
}

/// Every test browser posts from the same loopback address, in parallel: the per-address write
/// limit would refuse them (the limits have their own server tests; the e2e layer checks how the
/// app words a 429).
const GENEROUS_WRITES: &[&str] = &["--write-burst", "500", "--writes-per-minute", "600"];

/// A second server whose site holds comments for review: the demo content with the comment policy
/// set to `moderated`, imported before it starts (so the demo seeding leaves it alone).
fn moderated_server(
    binary: &Path,
    dist: &Path,
    work: &Path,
) -> Result<server::RunningServer, String> {
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let demo = std::fs::read_to_string(root().join("server/demo/content.jsonl"))
        .map_err(|e| format!("cannot read the demo content: {e}"))?;
    let moderated = demo.replacen(r#""comments": "open""#, r#""comments": "moderated""#, 1);
    if moderated == demo {
        return Err(r#"the demo's site line no longer says "comments": "open""#.into());
    }
    let content = work.join("content.jsonl");
    std::fs::write(&content, moderated).map_err(|e| e.to_string())?;
    execute(
        command(&binary.to_string_lossy())
            .arg("--database")
            .arg(work.join("inkuru.db"))
            .arg("import")
            .arg(&content),
    )?;
    server::start_with(binary, dist, work, GENEROUS_WRITES)
}

fn end_to_end() -> Result<Counts, String> {
    let root = root();
    let dist = serve::build_spa_release()?;
    execute(command("cargo").args(["build", "-p", "inkuru-server"]))?;
    let work = root.join("target/e2e");
    let _ = std::fs::remove_dir_all(&work);
    let binary = root.join("target/debug/inkuru-server");
    let server = server::start_with(&binary, &dist, &work, GENEROUS_WRITES)?;
    let moderated = moderated_server(&binary, &dist, &root.join("target/e2e-moderated"))?;
    let mut playwright = playwright(&root, server.port, moderated.port);
    // deploy.spec.mjs runs a server of its own, to deploy a new build under an open page.
    playwright
        .env("INKURU_SERVER", &binary)
        .env("INKURU_DIST", &dist);
    let result = run_playwright(playwright, &work.join("results.json"));
    if result.is_err() {
        println!("server log: {}", server.log.display());
    }
    result
}

/// The byte budgets of the release build (deterministic, so asserted here; timings are not).
fn budgets() -> Counts {
    let dist = root().join("dist");
    let sizes = match sizes::bundle_sizes(&dist) {
        Ok(sizes) if !sizes.is_empty() => sizes,
        Ok(_) => {
            return Counts::failure(format!("no built files in {}", dist.display()));
        }
        Err(message) => {
            return Counts::failure(message);
        }
    };
    let mut counts = Counts::default();
    let mut results = sizes::check_budgets(&sizes);
    results.extend(served_budgets(&dist));
    for result in results {
        match result {
            Ok(line) => {
                println!("within budget: {line}");
                counts.passed += 1;
            }
            Err(line) => {
                println!("OVER BUDGET: {line}");
                counts.failed += 1;
            }
        }
    }
    counts
}

/// The budgets of what the server writes, from a server on the build the e2e layer made: a demo
/// article page, and everything a partner's comments frame loads first.
fn served_budgets(dist: &Path) -> Vec<Result<String, String>> {
    let root = root();
    let work = root.join("target/budgets");
    let server = match server::start(&root.join("target/debug/inkuru-server"), dist, &work) {
        Ok(server) => server,
        Err(message) => return vec![Err(message)],
    };
    let article = sizes::served_brotli(server.port, "/articles/book-festival-record-crowds", &work)
        .and_then(|actual| {
            sizes::judge(
                "article page HTML as served (brotli)",
                actual,
                sizes::ARTICLE_HTML_BROTLI_BUDGET,
            )
        });
    let frame = sizes::comments_frame_first_load(server.port, dist, &work).and_then(|actual| {
        sizes::judge(
            "comments frame's first load: document, frame script and styles (brotli)",
            actual,
            sizes::COMMENTS_FRAME_BROTLI_BUDGET,
        )
    });
    let program = sizes::comments_program_brotli(dist).and_then(|actual| {
        sizes::judge(
            "comments program, on the reader's first move: script and wasm (brotli)",
            actual,
            sizes::COMMENTS_PROGRAM_BROTLI_BUDGET,
        )
    });
    vec![article, frame, program]
}

/// The Playwright command for the e2e layer, against the two servers on these ports.
fn playwright(root: &Path, port: u16, moderated_port: u16) -> Command {
    let mut command = command(&root.join("node_modules/.bin/playwright").to_string_lossy());
    command
        .args(["test", "--config", "tests/e2e/playwright.config.mjs"])
        .env("BASE_URL", format!("http://127.0.0.1:{port}"))
        .env(
            "MODERATED_URL",
            format!("http://127.0.0.1:{moderated_port}"),
        );
    command
}

/// Runs Playwright, counting its tests from the JSON report it writes to `report`.
fn run_playwright(mut command: Command, report: &Path) -> Result<Counts, String> {
    let status = command
        .env("PLAYWRIGHT_JSON", report)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start playwright: {e}"))?;
    let text = std::fs::read_to_string(report)
        .map_err(|e| format!("no Playwright report ({status}): {e}"))?;
    let mut counts = parse_playwright(&text).ok_or("the Playwright report has no stats")?;
    if !status.success() && counts.failed == 0 {
        counts.failed += 1;
    }
    Ok(counts)
}

pub fn run() -> Result<(), String> {
    let started = Instant::now();
    if std::env::var_os("CI").is_some() && std::env::var_os("CARGO_INCREMENTAL").is_none() {
        // A CI run builds everything once from a clean clone: incremental caches would only take
        // disk (gigabytes of it) for rebuilds that never come.
        std::env::set_var("CARGO_INCREMENTAL", "0");
    }
    setup::run()?;
    let mut layers: Vec<(&str, Counts, f64)> = Vec::new();
    let mut layer = |name: &'static str, f: &mut dyn FnMut() -> Counts| {
        println!("\n=== {name} ===");
        let t = Instant::now();
        let counts = f();
        layers.push((name, counts, t.elapsed().as_secs_f64()));
    };
    layer("lint (fmt, clippy native + wasm32)", &mut lint);
    layer("supply chain (cargo deny)", &mut supply_chain::run);
    layer("native unit", &mut || {
        cargo_tests(command("cargo").args(["test", "--workspace", "--lib", "--bins"]))
    });
    layer("server integration (SQLite)", &mut || {
        cargo_tests(command("cargo").args(["test", "-p", "inkuru-server", "--test", "*"]))
    });
    layer("server integration (PostgreSQL)", &mut || {
        // The same suite, each test on its own new database in a throwaway cluster.
        match postgres::Throwaway::start() {
            Ok(cluster) => cargo_tests(
                command("cargo")
                    .args(["test", "-p", "inkuru-server", "--test", "*"])
                    .env("INKURU_TEST_POSTGRES", cluster.url()),
            ),
            Err(message) => Counts::failure(format!("cannot start PostgreSQL: {message}")),
        }
    });
    layer("wasm (headless Chromium)", &mut || {
        cargo_tests(command("cargo").args([
            "test",
            "-p",
            "inkuru",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "web",
        ]))
    });
    layer("end-to-end (Playwright, release build)", &mut || {
        end_to_end().unwrap_or_else(Counts::failure)
    });
    layer("API against its document (schemathesis)", &mut || {
        let root = root();
        api_contract::run(&root.join("target/debug/inkuru-server"), &root.join("dist"))
            .unwrap_or_else(Counts::failure)
    });
    layer("byte budgets (release build)", &mut budgets);

    println!(
        "\n=== summary ({:.0}s) ===",
        started.elapsed().as_secs_f64()
    );
    let mut totals = Counts::default();
    let mut empty_layers = Vec::new();
    for (name, counts, seconds) in &layers {
        println!("{name:<42} {} ({seconds:.0}s)", totals_line(*counts));
        if counts.total() == 0 || counts.passed == 0 {
            empty_layers.push(*name);
        }
        totals.add(*counts);
    }
    for name in &empty_layers {
        println!("layer `{name}` ran no tests: that counts as a failure");
    }
    let ok = totals.failed == 0 && totals.skipped == 0 && empty_layers.is_empty();
    println!("{}", totals_line(totals));
    if ok {
        Ok(())
    } else {
        // The totals line above must stay the last line of the output, so nothing more is said.
        Err(String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_summaries() {
        assert_eq!(
            parse_libtest("test result: ok. 21 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s"),
            Some(Counts { passed: 21, failed: 0, skipped: 0 })
        );
        assert_eq!(
            parse_libtest("test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 filtered out; finished in 0.05s"),
            Some(Counts { passed: 3, failed: 2, skipped: 1 })
        );
        assert_eq!(parse_libtest("running 4 tests"), None);
    }

    #[test]
    fn reads_playwright_stats() {
        let report = r#"{"config":{},"suites":[],"stats":{"expected":8,"unexpected":1,"flaky":0,"skipped":2}}"#;
        assert_eq!(
            parse_playwright(report),
            Some(Counts {
                passed: 8,
                failed: 1,
                skipped: 2
            })
        );
        assert_eq!(parse_playwright("not json"), None);
    }

    #[test]
    fn totals_line_mentions_skips_only_when_there_are_some() {
        assert_eq!(
            totals_line(Counts {
                passed: 5,
                failed: 0,
                skipped: 0
            }),
            "5 passed, 0 failed"
        );
        assert_eq!(
            totals_line(Counts {
                passed: 5,
                failed: 1,
                skipped: 2
            }),
            "5 passed, 1 failed, 2 skipped"
        );
    }
}
