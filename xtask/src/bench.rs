//! `cargo xtask bench [web|api]`: builds release, starts the real server on loopback with the demo
//! content, measures, and writes BENCHMARKS.md and benchmarks.json.
//!
//! web: bundle sizes (raw, gzip, brotli); Lighthouse 12.2.3 (mobile defaults, simulated throttling,
//! median of 5) for home, a section, an article, and the same article as a plain HTML page with no
//! wasm, served by the same server, which gives the headline ratio. api: latency of the main reads.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use inkuru_api::{Article, ArticlePage};
use serde_json::{json, Value};

use crate::process::{command, execute, output, root};
use crate::{load, postgres, serve, server, setup, sizes, wasm_profile};

const RUNS: usize = 5;
const ARTICLE: &str = "rwandan-chefs-win-in-brussels";
const SECTION: &str = "/news/all-around/out-of-rwanda";

pub fn run(args: &[String]) -> Result<(), String> {
    let (web, api) = match args.first().map(String::as_str) {
        None | Some("all") => (true, true),
        Some("web") => (true, false),
        Some("api") => (false, true),
        Some("report") => return rewrite_report(),
        Some("wasm") => return print_wasm_profile(args.get(1), args.get(2)),
        Some("reliability") => return reliability(),
        Some("held") => return crate::held::run(),
        Some(other) => {
            return Err(format!(
            "unknown bench part `{other}`: use web, api, report, wasm, reliability, held, or nothing for web and api"
        ))
        }
    };
    setup::run()?;
    let root = root();
    let dist = serve::build_spa_release()?;
    execute(command("cargo").args(["build", "--release", "-p", "inkuru-server"]))?;
    let work = root.join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    // The benchmark serves a copy of dist/ with one extra file: the plain-HTML article.
    let bench_dist = work.join("dist");
    execute(command("cp").arg("-r").arg(&dist).arg(&bench_dist))?;
    let binary = root.join("target/release/inkuru-server");
    let server = server::start_with(&binary, &bench_dist, &work, server::UNLIMITED_WRITES)?;

    // A partial run (`bench web`, `bench api`) keeps the other part's figures from the last run.
    let mut results: Value = std::fs::read_to_string(root.join("benchmarks.json"))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({}));
    results["date"] = json!(output(command("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]))
        .unwrap_or_default()
        .trim());
    results["machine"] = machine();
    results["command"] = json!(format!(
        "cargo xtask bench{}",
        args.first().map(|a| format!(" {a}")).unwrap_or_default()
    ));
    if web {
        let sizes = sizes::bundle_sizes(&dist)?;
        results["bundle"] = json!({
            "files": sizes,
            "wasm_brotli": sizes::first_module_brotli(&sizes),
            "chunks_brotli": sizes::chunks_brotli(&sizes),
            "first_view_brotli": sizes::first_view_brotli(&sizes),
        });
        results["article_page"] = article_page_size(&server, &work, &sizes)?;
        results["widgets"] = widget_sizes(&server, &dist, &work, &sizes)?;
        let rustc_wasm = root.join("target/wasm32-unknown-unknown/wasm-release/inkuru.wasm");
        results["wasm_profile"] = serde_json::to_value(wasm_profile::profile(&rustc_wasm, 15)?)
            .map_err(|e| e.to_string())?;
        write_plain_article(&server, &bench_dist.join("plain"))?;
        let base = server.base_url();
        let pages = [
            ("home", format!("{base}/")),
            ("section", format!("{base}{SECTION}")),
            ("article", format!("{base}/articles/{ARTICLE}")),
            ("plain_article", format!("{base}/plain/article.html")),
        ];
        let mut lighthouse = serde_json::Map::new();
        for (name, url) in pages {
            lighthouse.insert(
                name.into(),
                lighthouse_median(&url, &work.join(format!("lh-{name}")))?,
            );
        }
        let ratio = |metric: &str| {
            let inkuru = lighthouse["article"][metric].as_f64().unwrap_or(0.0);
            let plain = lighthouse["plain_article"][metric].as_f64().unwrap_or(0.0);
            if plain > 0.0 {
                inkuru / plain
            } else {
                0.0
            }
        };
        results["ratio_to_plain_html"] = json!({ "fcp": ratio("fcp_ms"), "lcp": ratio("lcp_ms") });
        results["lighthouse"] = Value::Object(lighthouse);
        let report = work.join("interactions.json");
        execute(
            command("node")
                .arg(root.join("tests/bench/interactions.mjs"))
                .arg(server.base_url())
                .arg(&report)
                .env("NODE_PATH", root.join("node_modules")),
        )?;
        let text = std::fs::read_to_string(&report).map_err(|e| e.to_string())?;
        results["interactions"] = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        results["start_trace"] = start_trace(&server, &work)?;
    }
    if api {
        results["api"] = api_latency(server.port)?;
        results["api_load"] = api_load(&server, &work, "SQLite")?;
    }
    drop(server);
    if api {
        // The same load on PostgreSQL: a throwaway cluster on loopback, a second server on it.
        let postgres = postgres::Throwaway::start()?;
        postgres.create_database("inkuru_bench")?;
        let url = postgres.url_for("inkuru_bench");
        let mut flags = server::UNLIMITED_WRITES.to_vec();
        flags.extend(["--database-url", url.as_str()]);
        let pg_work = work.join("postgres");
        let server = server::start_with(&binary, &bench_dist, &pg_work, &flags)?;
        results["api_load_postgres"] = api_load(&server, &pg_work, "PostgreSQL")?;
    }
    let json_text = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
    std::fs::write(root.join("benchmarks.json"), json_text + "\n").map_err(|e| e.to_string())?;
    std::fs::write(root.join("BENCHMARKS.md"), report(&results)).map_err(|e| e.to_string())?;
    println!("wrote BENCHMARKS.md and benchmarks.json");
    Ok(())
}

/// `bench wasm`: where the last release build's wasm bytes go (per crate, largest functions),
/// measuring nothing else: for checking what a change costs before running the whole bench.
/// `bench wasm [FILE [N]]`: where the bytes of the cargo-built wasm go, or of FILE (the split's
/// first module or a chunk before wasm-opt, in target/wasm-split/wasm-release/), with the N
/// largest functions (40 unless said).
/// Comments the large no-loss run posts: 50 clients × 100 (issue 16 asks for ≥ 5,000 from 50).
const NO_LOSS_CLIENTS: &str = "50";
const NO_LOSS_COMMENTS_EACH: &str = "100";

/// `bench reliability`: the no-loss test (`server/tests/no_loss.rs`) at full size, on SQLite and on
/// PostgreSQL, printing its figures (RELIABILITY.md quotes them).
fn reliability() -> Result<(), String> {
    setup::run()?;
    let run = |postgres: Option<&str>| {
        let mut test = command("cargo");
        test.args([
            "test",
            "-p",
            "inkuru-server",
            "--test",
            "no_loss",
            "--",
            "--nocapture",
        ])
        .env("INKURU_NO_LOSS_CLIENTS", NO_LOSS_CLIENTS)
        .env("INKURU_NO_LOSS_COMMENTS", NO_LOSS_COMMENTS_EACH);
        if let Some(url) = postgres {
            test.env("INKURU_TEST_POSTGRES", url);
        }
        execute(&mut test)
    };
    run(None)?;
    let cluster = crate::postgres::Throwaway::start()?;
    run(Some(&cluster.url()))
}

fn print_wasm_profile(file: Option<&String>, count: Option<&String>) -> Result<(), String> {
    let wasm = file.map_or_else(
        || root().join("target/wasm32-unknown-unknown/wasm-release/inkuru.wasm"),
        std::path::PathBuf::from,
    );
    let count = match count {
        Some(text) => text
            .parse()
            .map_err(|_| format!("`{text}` is not a number of functions"))?,
        None => 40,
    };
    let profile = wasm_profile::profile(&wasm, count)?;
    println!(
        "{}",
        serde_json::to_string_pretty(&profile).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// The long tasks of the article page's start in a Chromium trace at 4× CPU throttling
/// (tests/bench/trace-start.mjs), three runs: what each task spent its time on.
fn start_trace(server: &server::RunningServer, work: &Path) -> Result<Value, String> {
    let root = root();
    let mut runs = Vec::new();
    for run in 0..3 {
        let report = work.join(format!("trace-start-{run}.json"));
        execute(
            command("node")
                .arg(root.join("tests/bench/trace-start.mjs"))
                .arg(format!("{}/articles/{ARTICLE}", server.base_url()))
                .arg(&report)
                .env("NODE_PATH", root.join("node_modules")),
        )?;
        let text = std::fs::read_to_string(&report).map_err(|e| e.to_string())?;
        runs.push(serde_json::from_str::<Value>(&text).map_err(|e| e.to_string())?);
    }
    Ok(json!({ "page": format!("/articles/{ARTICLE}"), "runs": runs }))
}

/// `bench report`: BENCHMARKS.md again from benchmarks.json, measuring nothing (after editing
/// the report's wording).
fn rewrite_report() -> Result<(), String> {
    let root = root();
    let text = std::fs::read_to_string(root.join("benchmarks.json"))
        .map_err(|e| format!("benchmarks.json: {e} (run `cargo xtask bench` first)"))?;
    let results: Value =
        serde_json::from_str(&text).map_err(|e| format!("benchmarks.json: {e}"))?;
    std::fs::write(root.join("BENCHMARKS.md"), report(&results)).map_err(|e| e.to_string())?;
    println!("wrote BENCHMARKS.md from benchmarks.json");
    Ok(())
}

/// The start's long tasks, one line per run.
fn start_trace_report(md: &mut String, trace: &Value) {
    let Some(runs) = trace["runs"].as_array() else {
        return;
    };
    let _ = writeln!(
        md,
        "## The article page's start, traced (Chromium, 4× CPU throttling, `tests/bench/trace-start.mjs`)\n\n\
         Every main-thread task of 50 ms or more while `{}` loads and the app starts, with what it spent its time on \
         (ms). `tests/bench/cpu-profile.mjs` names the functions, on a build made with `INKURU_PROFILE_NAMES=1`.\n\n\
         | run | blocking (sum over 50 ms) | tasks: start ms, duration ms, where the time went |\n| --- | ---: | --- |",
        trace["page"].as_str().unwrap_or("")
    );
    for (index, run) in runs.iter().enumerate() {
        let tasks: Vec<String> = run["long_tasks"]
            .as_array()
            .map(|tasks| {
                tasks
                    .iter()
                    .map(|t| {
                        let kinds: Vec<String> = t["by_kind_ms"]
                            .as_object()
                            .map(|k| {
                                k.iter()
                                    .filter(|(_, v)| v.as_f64().unwrap_or(0.0) >= 1.0)
                                    .map(|(name, v)| format!("{name} {v}"))
                                    .collect()
                            })
                            .unwrap_or_default();
                        format!(
                            "@{} {} ({})",
                            t["start_ms"],
                            t["duration_ms"],
                            kinds.join(", ")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "| {} | {} ms | {} |",
            index + 1,
            run["blocking_ms"],
            tasks.join("; ")
        );
    }
    let _ = writeln!(md);
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| format!("{:.0} GiB", kb as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let chromium = output(command("chromium").arg("--version")).unwrap_or_default();
    let chromium = chromium
        .lines()
        .find(|l| l.starts_with("Chromium"))
        .unwrap_or("")
        .trim()
        .to_owned();
    json!({ "cpu": cpu, "cores": cores, "memory": memory, "browser": chromium })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The article page's HTML as the server sends it (shell, server-written article, embedded
/// answers), and the whole first view of that page: that HTML plus the JS glue and the wasm.
fn article_page_size(
    server: &server::RunningServer,
    work: &Path,
    sizes: &[sizes::FileSize],
) -> Result<Value, String> {
    let (status, body) = server::get(server.port, &format!("/articles/{ARTICLE}"))?;
    if status != 200 {
        return Err(format!("GET /articles/{ARTICLE} answered {status}"));
    }
    let file = work.join("article-page.html");
    std::fs::write(&file, &body).map_err(|e| e.to_string())?;
    let html_brotli = sizes::brotli_len(&file)?;
    // The JS and the first module; the page's chunks come after it is up.
    let scripts: u64 = sizes
        .iter()
        .filter(|f| {
            f.kind == "js" && !sizes::NOT_IN_A_FIRST_VIEW.contains(&f.name.as_str())
                || f.name.ends_with("_bg.wasm")
        })
        .map(|f| f.brotli)
        .sum();
    Ok(json!({
        "html_raw": body.len(),
        "html_brotli": html_brotli,
        "first_view_brotli": html_brotli + scripts,
    }))
}

/// What a partner's page loads for the widgets (issue 14), brotli: the loader, and each frame's
/// first load (document, frame script and styles, and for the comments its program).
fn widget_sizes(
    server: &server::RunningServer,
    dist: &Path,
    work: &Path,
    sizes: &[sizes::FileSize],
) -> Result<Value, String> {
    let loader = sizes
        .iter()
        .find(|f| f.name == "widgets.js")
        .map(|f| f.brotli)
        .ok_or("widgets.js is missing from the build")?;
    Ok(json!({
        "loader_brotli": loader,
        "headlines_frame_brotli": sizes::headlines_frame_first_load(server.port, dist, work)?,
        "comments_frame_brotli": sizes::comments_frame_first_load(server.port, dist, work)?,
        "comments_program_brotli": sizes::comments_program_brotli(dist)?,
    }))
}

/// The benchmark's baseline: the same article as a static page with the same global styles and no
/// script at all — the fastest this server can deliver it.
fn write_plain_article(server: &server::RunningServer, dir: &Path) -> Result<(), String> {
    let (status, body) = server::get(server.port, &format!("/api/articles/{ARTICLE}"))?;
    if status != 200 {
        return Err(format!("GET /api/articles/{ARTICLE} answered {status}"));
    }
    let article: Article = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    let root = root();
    let mut css = String::new();
    for file in ["tokens.css", "base.css", "layout.css"] {
        css.push_str(
            &std::fs::read_to_string(root.join("style").join(file)).map_err(|e| e.to_string())?,
        );
    }
    let hero = article.hero.as_ref().map(|image| {
        format!(
            "<figure class=\"hero\"><img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\" fetchpriority=\"high\"><figcaption>{}</figcaption></figure>",
            escape(&image.src), image.width, image.height, escape(&image.alt), escape(image.caption.as_deref().unwrap_or(""))
        )
    });
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Inkuru</title><meta name=\"description\" content=\"{standfirst}\"><style>{css}</style></head>\
         <body><header class=\"site-header\"><div class=\"masthead\"><a class=\"wordmark\" href=\"/\">Inkuru</a></div></header>\
         <main id=\"main\"><article class=\"article\"><header class=\"article-header\"><h1>{title}</h1><p class=\"standfirst\">{standfirst}</p>\
         <p class=\"byline\">By <span class=\"author\">{author}</span></p></header>{hero}<div class=\"article-body\">{body}</div></article></main></body></html>",
        title = escape(&article.headline),
        standfirst = escape(&article.standfirst),
        author = escape(&article.byline.name),
        hero = hero.unwrap_or_default(),
        body = article.body_html,
    );
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("article.html"), html).map_err(|e| e.to_string())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// Lighthouse `RUNS` times on `url`; the median of each figure.
fn lighthouse_median(url: &str, out: &Path) -> Result<Value, String> {
    let root = root();
    let mut runs: Vec<Value> = Vec::new();
    for run in 0..RUNS {
        let report = PathBuf::from(format!("{}-{run}.json", out.display()));
        println!("lighthouse {url} ({}/{RUNS})", run + 1);
        execute(
            command(&root.join("node_modules/.bin/lighthouse").to_string_lossy())
                .arg(url)
                .args(["--quiet", "--output=json"])
                .arg(format!("--output-path={}", report.display()))
                .arg("--only-categories=performance,accessibility,best-practices,seo")
                .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run")
                .env("CHROME_PATH", "/usr/bin/chromium"),
        )?;
        let text = std::fs::read_to_string(&report).map_err(|e| e.to_string())?;
        runs.push(serde_json::from_str(&text).map_err(|e| e.to_string())?);
    }
    let figure = |f: &dyn Fn(&Value) -> Option<f64>| median(runs.iter().filter_map(f).collect());
    let score = |category: &'static str| {
        move |r: &Value| {
            r["categories"][category]["score"]
                .as_f64()
                .map(|s| s * 100.0)
        }
    };
    let audit = |id: &'static str| move |r: &Value| r["audits"][id]["numericValue"].as_f64();
    Ok(json!({
        "performance": figure(&score("performance")),
        "accessibility": figure(&score("accessibility")),
        "best_practices": figure(&score("best-practices")),
        "seo": figure(&score("seo")),
        "fcp_ms": figure(&audit("first-contentful-paint")),
        "lcp_ms": figure(&audit("largest-contentful-paint")),
        "tbt_ms": figure(&audit("total-blocking-time")),
        "cls": figure(&audit("cumulative-layout-shift")),
        "speed_index_ms": figure(&audit("speed-index")),
        "transfer_bytes": figure(&audit("total-byte-weight")),
        "requests": figure(&|r: &Value| r["audits"]["network-requests"]["details"]["items"].as_array().map(|a| a.len() as f64)),
    }))
}

/// Sequential GETs from one client over loopback against the release server: p50 and p98 in ms.
fn api_latency(port: u16) -> Result<Value, String> {
    const REQUESTS: usize = 200;
    let (_, body) = server::get(port, "/api/articles?per_page=1")?;
    let page: ArticlePage = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    let slug = page
        .items
        .first()
        .map(|a| a.slug.to_string())
        .ok_or("no articles")?;
    let endpoints = [
        "/api/sections".to_owned(),
        "/api/articles?page=1".to_owned(),
        "/api/articles?section=news&page=2".to_owned(),
        format!("/api/articles/{slug}"),
        format!("/api/articles/{slug}/comments"),
    ];
    let mut results = serde_json::Map::new();
    for path in endpoints {
        let mut millis = Vec::with_capacity(REQUESTS);
        for _ in 0..REQUESTS {
            let started = Instant::now();
            let (status, _) = server::get(port, &path)?;
            if status != 200 {
                return Err(format!("GET {path} answered {status}"));
            }
            millis.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        millis.sort_by(f64::total_cmp);
        let at = |q: f64| millis[((millis.len() as f64 * q) as usize).min(millis.len() - 1)];
        results.insert(
            path,
            json!({ "p50_ms": at(0.50), "p98_ms": at(0.98), "requests": REQUESTS }),
        );
    }
    Ok(Value::Object(results))
}

/// The busiest requests under load (wrk, 64 connections), in the order that keeps them honest:
/// the comments list is read before the load test of posting fills it.
fn api_load(server: &server::RunningServer, work: &Path, database: &str) -> Result<Value, String> {
    let base = server.base_url();
    let comment = r#"{"name":"Load Test","email":"load@example.rw","body":"A comment posted by the load test.","composed_ms":9000}"#;
    let mut results = serde_json::Map::new();
    for (name, path, body) in [
        ("article by slug", format!("/api/articles/{ARTICLE}"), None),
        (
            "section listing",
            "/api/articles?section=news&page=1".to_owned(),
            None,
        ),
        (
            "comments list",
            format!("/api/articles/{ARTICLE}/comments"),
            None,
        ),
        (
            "comment post",
            format!("/api/articles/{ARTICLE}/comments"),
            Some(comment),
        ),
    ] {
        let mut figures = load::run(&base, &path, body, work)?;
        figures["request"] = json!(format!(
            "{} {path}",
            if body.is_some() { "POST" } else { "GET" }
        ));
        results.insert(name.to_owned(), figures);
    }
    Ok(
        json!({ "connections": load::CONNECTIONS, "seconds": load::SECONDS, "database": database, "results": results }),
    )
}

fn kb(bytes: f64) -> String {
    format!("{:.1} KB", bytes / 1000.0)
}

/// "met" when `low` ≤ `high`, else by how much it was missed.
fn verdict(low: f64, high: f64, unit: &str) -> String {
    if low <= high {
        "met".into()
    } else {
        format!("missed by {:.2}{unit}", low - high)
    }
}

fn report(results: &Value) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Written by `{}` on {}.",
        results["command"].as_str().unwrap_or(""),
        results["date"].as_str().unwrap_or("")
    );
    let m = &results["machine"];
    let _ = writeln!(
        md,
        "Machine: {} ({} cores), {}, {}. The machine is shared and noisy: compare runs, not single figures.\n",
        m["cpu"].as_str().unwrap_or("?"), m["cores"], m["memory"].as_str().unwrap_or("?"), m["browser"].as_str().unwrap_or("?")
    );
    let _ = writeln!(md, "Reproduce: `cargo xtask bench` (both parts), `cargo xtask bench web`, `cargo xtask bench api`. Figures also in `benchmarks.json`.\n");
    if let Some(files) = results["bundle"]["files"].as_array() {
        let _ = writeln!(md, "## Bundle (release build, `dist/`)\n\n| file | raw | gzip -9 | brotli -q 11 |\n| --- | ---: | ---: | ---: |");
        for f in files {
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} |",
                f["name"].as_str().unwrap_or(""),
                f["raw"],
                f["gzip"],
                f["brotli"]
            );
        }
        let wasm = results["bundle"]["wasm_brotli"].as_f64().unwrap_or(0.0);
        let first = results["bundle"]["first_view_brotli"]
            .as_f64()
            .unwrap_or(0.0);
        let _ = writeln!(
            md,
            "\nFirst module (the wasm every page loads first) brotli: {} (goal ≤ 100 KB: {}); every chunk together: {}; \
             HTML + JS + CSS + first module brotli: {}.",
            kb(wasm),
            verdict(wasm / 1000.0, 100.0, " KB"),
            kb(results["bundle"]["chunks_brotli"].as_f64().unwrap_or(0.0)),
            kb(first)
        );
        let chunk_budgets: Vec<String> = sizes::CHUNK_BROTLI_BUDGETS
            .iter()
            .map(|(name, budget)| format!("{name} ≤ {budget} B"))
            .collect();
        let _ = writeln!(
            md,
            "Budgets asserted by `cargo xtask test` (brotli): first module ≤ {} B, first-view files ≤ {} B, \
             shared chunks together ≤ {} B, each split point's chunk: {}.\n",
            sizes::FIRST_MODULE_BROTLI_BUDGET,
            sizes::FIRST_VIEW_BROTLI_BUDGET,
            sizes::SHARED_CHUNKS_BROTLI_BUDGET,
            chunk_budgets.join(", ")
        );
    }
    let page = &results["article_page"];
    if let Some(html) = page["html_brotli"].as_f64() {
        let first = page["first_view_brotli"].as_f64().unwrap_or(0.0);
        let _ = writeln!(
            md,
            "Article page as served (`/articles/{ARTICLE}`: shell, the server-written article, the embedded API answers): \
             HTML {} B raw, **{} brotli** (goal ≤ 14 KB: {}); its first view, HTML + JS + first module: **{} brotli** (goal ≤ 130 KB: {}).\n",
            page["html_raw"], kb(html), verdict(html / 1000.0, 14.0, " KB"), kb(first), verdict(first / 1000.0, 130.0, " KB")
        );
    }
    if let Some(crates) = results["wasm_profile"]["crates"].as_array() {
        let profile = &results["wasm_profile"];
        let _ = writeln!(
            md,
            "### Where the wasm bytes go\n\nFrom the wasm rustc writes (`target/wasm32-unknown-unknown/wasm-release/inkuru.wasm`, before \
             wasm-bindgen and wasm-opt strip the names): {} B of code, {} B of data. Shares are of that module.\n\n\
             | crate | bytes | share |\n| --- | ---: | ---: |",
            profile["code_bytes"], profile["data_bytes"]
        );
        for c in crates {
            let _ = writeln!(
                md,
                "| `{}` | {} | {}% |",
                c["name"].as_str().unwrap_or(""),
                c["bytes"],
                c["percent"]
            );
        }
        let _ = writeln!(
            md,
            "\n| largest functions | bytes | share |\n| --- | ---: | ---: |"
        );
        for f in profile["functions"].as_array().into_iter().flatten() {
            let name: String = f["name"].as_str().unwrap_or("").chars().take(110).collect();
            let _ = writeln!(
                md,
                "| `{}` | {} | {}% |",
                name.replace('|', "\\|"),
                f["bytes"],
                f["percent"]
            );
        }
        let _ = writeln!(md);
    }
    if let Some(widgets) = results["widgets"].as_object() {
        let kb = |key: &str| widgets[key].as_f64().unwrap_or(0.0) / 1000.0;
        let _ = writeln!(
            md,
            "## Partner widgets (brotli)\n\n\
             | what a partner's page loads | brotli | goal (issue 14) |\n| --- | ---: | ---: |\n\
             | the loader, `widgets.js` (both widgets) | {:.1} KB | ≤ 3 KB: {} |\n\
             | a headlines frame's first load (5 stories: document, frame script and styles) | {:.1} KB | no wasm |\n\
             | a comments frame's first load (document with the comments, frame script and styles) | {:.1} KB | ≤ 100 KB: {} |\n\
             | the comments program, at the reader's first move towards the frame (script and wasm) | {:.1} KB | — |\n",
            kb("loader_brotli"),
            verdict(kb("loader_brotli"), 3.0, " KB"),
            kb("headlines_frame_brotli"),
            kb("comments_frame_brotli"),
            verdict(kb("comments_frame_brotli"), 100.0, " KB"),
            kb("comments_program_brotli"),
        );
    }
    if let Some(lh) = results["lighthouse"].as_object() {
        let _ = writeln!(
            md,
            "## Lighthouse 12.2.3, mobile defaults (simulated throttling), median of {RUNS}\n"
        );
        let _ = writeln!(md, "| page | perf | a11y | best pr. | SEO | FCP | LCP | TBT | CLS | Speed Index | transfer | requests |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (name, r) in lh {
            let n = |k: &str| r[k].as_f64().unwrap_or(0.0);
            let _ = writeln!(
                md,
                "| {name} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} s | {:.2} s | {:.0} ms | {:.3} | {:.2} s | {} | {:.0} |",
                n("performance"), n("accessibility"), n("best_practices"), n("seo"), n("fcp_ms") / 1000.0, n("lcp_ms") / 1000.0,
                n("tbt_ms"), n("cls"), n("speed_index_ms") / 1000.0, kb(n("transfer_bytes")), n("requests")
            );
        }
        let ratio = &results["ratio_to_plain_html"];
        let _ = writeln!(md, "\n**Headline: Inkuru article ÷ the same article as plain HTML: FCP {:.2}×, LCP {:.2}×** (goal LCP ≤ 1.3×).\n", ratio["fcp"].as_f64().unwrap_or(0.0), ratio["lcp"].as_f64().unwrap_or(0.0));
        let _ = writeln!(md, "`plain_article` is the article as a static page with the same global CSS and no script, served by the same server (`/plain/article.html` in the benchmark's copy of dist/).\n");
        let _ = writeln!(
            md,
            "### Goals\n\n| goal | home | section | article |\n| --- | --- | --- | --- |"
        );
        // (label, figure, goal, scale to the goal's unit, unit, higher is better)
        let goals: [(&str, &str, f64, f64, &str, bool); 5] = [
            ("performance = 100", "performance", 100.0, 1.0, "", true),
            ("LCP ≤ 1.5 s", "lcp_ms", 1.5, 0.001, " s", false),
            ("FCP ≤ 0.9 s", "fcp_ms", 0.9, 0.001, " s", false),
            ("TBT ≤ 50 ms", "tbt_ms", 50.0, 1.0, " ms", false),
            ("CLS ≤ 0.02", "cls", 0.02, 1.0, "", false),
        ];
        for (label, key, goal, scale, unit, higher_is_better) in goals {
            let cell = |page: &str| {
                let value = lh.get(page).and_then(|r| r[key].as_f64()).unwrap_or(0.0) * scale;
                if higher_is_better {
                    verdict(goal, value, unit)
                } else {
                    verdict(value, goal, unit)
                }
            };
            let _ = writeln!(
                md,
                "| {label} | {} | {} | {} |",
                cell("home"),
                cell("section"),
                cell("article")
            );
        }
        let _ = writeln!(md);
    }
    if let Some(interactions) = results["interactions"]["interactions"].as_object() {
        let i = &results["interactions"];
        let _ = writeln!(
            md,
            "## Interactions (Playwright, Chromium, 4× CPU throttling, {} rounds)\n\n\
             Event Timing duration per interaction (input delay + handlers + next paint). Chromium reports only\n\
             interactions of {} ms or more, so {} ms means \"{} ms or less\".\n\n| interaction | p50 | p98 | samples |\n| --- | ---: | ---: | ---: |",
            i["rounds"], i["floor_ms"], i["floor_ms"], i["floor_ms"]
        );
        for (name, r) in interactions {
            let _ = writeln!(
                md,
                "| {} | {:.0} ms | {:.0} ms | {} |",
                name.replace('_', " "),
                r["p50_ms"].as_f64().unwrap_or(0.0),
                r["p98_ms"].as_f64().unwrap_or(0.0),
                r["count"]
            );
        }
        let all_p98 = i["all"]["p98_ms"].as_f64().unwrap_or(0.0);
        let _ = writeln!(
            md,
            "| **all** | {:.0} ms | **{:.0} ms** | {} |\n",
            i["all"]["p50_ms"].as_f64().unwrap_or(0.0),
            all_p98,
            i["all"]["count"]
        );
        let _ = writeln!(md, "Goal p98 ≤ 100 ms: {}. Opening the article is the reader's first tap, which starts the app (Trunk.toml's start script): the article is on screen {:.0} ms (median) after it (start + fetch + render).\n", verdict(all_p98, 100.0, " ms"), i["article_visible_after_click_ms"]["p50_ms"].as_f64().unwrap_or(0.0));
        let parts = &i["open_article_breakdown_p50_ms"];
        if parts["processing"].is_number() {
            let _ = writeln!(md, "Opening an article, where the time goes (Event Timing, median): input delay {} ms, the app's handlers {} ms, rendering the next frame {} ms.\n", parts["input_delay"], parts["processing"], parts["presentation"]);
        }
        let memory = &i["memory_after_first_article"];
        let heap = memory["js_heap_bytes"].as_f64().unwrap_or(0.0);
        let wasm = memory["wasm_memory_bytes"].as_f64().unwrap_or(0.0);
        let _ = writeln!(
            md,
            "Memory after the first article: JS heap {:.2} MB + wasm linear memory {:.2} MB = {:.2} MB (goal ≤ 5 MB: {}).\n",
            heap / 1e6, wasm / 1e6, (heap + wasm) / 1e6, verdict((heap + wasm) / 1e6, 5.0, " MB")
        );
    }
    start_trace_report(&mut md, &results["start_trace"]);
    if let Some(api) = results["api"].as_object() {
        let _ = writeln!(md, "## API (release server, SQLite, one client, sequential, loopback)\n\n| request | p50 | p98 |\n| --- | ---: | ---: |");
        for (path, r) in api {
            let _ = writeln!(
                md,
                "| `GET {path}` | {:.2} ms | {:.2} ms |",
                r["p50_ms"].as_f64().unwrap_or(0.0),
                r["p98_ms"].as_f64().unwrap_or(0.0)
            );
        }
        let _ = writeln!(md);
    }
    for key in ["api_load", "api_load_postgres"] {
        load_table(&mut md, &results[key]);
    }
    md.push_str(LEVERS);
    md.push_str(NOT_YET);
    md
}

/// One database's table of throughput under load, against the goals.
fn load_table(md: &mut String, load: &Value) {
    if let Some(rows) = load["results"].as_object() {
        let _ = writeln!(
            md,
            "### Under load (wrk, {} connections, {} s each, {}, wrk and the server on the same 2 cores)\n\n\
             | request | requests/s | p50 | p99 | non-2xx | goal |\n| --- | ---: | ---: | ---: | ---: | --- |",
            load["connections"], load["seconds"],
            load["database"].as_str().unwrap_or("?")
        );
        for (name, r) in rows {
            let rps = r["requests_per_s"].as_f64().unwrap_or(0.0);
            let p99 = r["p99_ms"].as_f64().unwrap_or(0.0);
            let goal = match name.as_str() {
                "article by slug" => format!(
                    "≥ 40,000 req/s: {}; p99 ≤ 2 ms: {}",
                    verdict_at_least(rps, 40_000.0),
                    verdict(p99, 2.0, " ms")
                ),
                "section listing" => format!("≥ 15,000 req/s: {}", verdict_at_least(rps, 15_000.0)),
                _ => String::new(),
            };
            let _ = writeln!(
                md,
                "| {name} (`{}`) | {:.0} | {:.2} ms | {:.2} ms | {} | {goal} |",
                r["request"].as_str().unwrap_or(""),
                rps,
                r["p50_ms"].as_f64().unwrap_or(0.0),
                p99,
                r["non_2xx"]
            );
        }
        let _ = writeln!(md);
    }
}

fn verdict_at_least(value: f64, goal: f64) -> String {
    if value >= goal {
        "met".to_owned()
    } else {
        format!("missed by {:.0}", goal - value)
    }
}

/// What made the page fast, and why the goals still missed are missed (kept in step with the figures).
const LEVERS: &str = "## Size levers, each measured on its own\n\n\
Each lever measured alone on the same commit: the release wasm (`trunk build --release`, wasm-opt -Oz), \
brotli -q 11, with and without it (on the dated builds named, not on this run's build).\n\n\
| lever | without | with | saving | kept |\n\
| --- | ---: | ---: | ---: | --- |\n\
| std rebuilt for the wasm with immediate-abort panics (`-Zbuild-std=std,panic_abort`, \
`-Cpanic=immediate-abort`; `RUSTC_BOOTSTRAP` for that build only; 2026-12-05, at d026ffc) | 304,647 B | 289,458 B | \
15,189 B (5.0%) | yes: panics in the release wasm become traps without a message (debug builds keep them) |\n\
| Leptos hydration instead of adopting the server's page (for comparison; 2026-12-05, at aebd961) | 304,647 B | \
424,159 B | −119,512 B (it costs 39%) | no (docs/architecture.md) |\n\
| the wasm split into a first module and chunks: every page, an article's comments and sharing \
(`xtask/src/split.rs`, 2026-12-05, at 62b43a2; first module only) | 289,458 B | 174,494 B | 114,964 B (39.7%) | \
yes: the chunks (221.0 KB together, 49 of them code the split points share) load when needed; all the wasm \
together is 396 KB against 289 KB in one module |\n\
| the outbox's machinery a chunk, started when there are comments to send (2026-12-05, at 671f14a) | \
174,494 B | 163,326 B | 11,168 B (6.4%) | yes: the shared chunks grew by 18.6 KB |\n\
| JSON read and written by the browser's own `JSON.parse`/`JSON.stringify`, mapped to Rust types by \
serde-wasm-bindgen, in place of serde_json (`src/json.rs`), with the fetch helpers concrete (only decoding \
is per type; 2026-12-05, on b5d825b) | 164,149 B | 155,484 B | 8,665 B (5.3%) | yes: the chunks lost \
9,204 B more; the JS glue gained 506 B |\n\
| the panic hook only where a panic can print (not with immediate-abort; 2026-12-05, on b5d825b) | \
155,484 B | 155,336 B | 148 B (0.1%) | yes |\n\
| talc 5.1.1 as the allocator in place of std's dlmalloc (2026-12-05, on b5d825b; with its \
`disable-realloc-in-place` feature: 155,606 B) | 155,336 B | 155,772 B | −436 B | no: larger; lol_alloc \
not tried (it needs `unsafe`, which the workspace forbids) |\n\
| the reload-for-a-new-build mark kept as whole milliseconds, so no float is parsed from text in the \
first module (core's float parsing and its tables; 2026-12-05, on b5d825b) | 155,336 B | 142,535 B | \
12,801 B (8.2%) | yes |\n\
| the live header and footer a chunk of their own, fetched when the app starts (the server's copies \
standing until it is here; 2026-12-05, a02cfac, reverted) | 142,535 B | 116,195 B | 26,340 B (18.5%) | \
no: the framework code the header shares with the pages moved into shared chunks (the chunks grew \
by 50.8 KB, 63 chunks became 110), and Lighthouse's requests went from 64 to 112 and home's Total \
Blocking Time from 138–356 ms to 439–634 ms (three runs each): every chunk is compiled and started on \
the main thread when it arrives, so more, smaller chunks cost the start more than the bytes saved |\n\
| the JS glue and the chunk loader minified with esbuild 0.28.2 (Trunk 0.21 cannot parse wasm-bindgen 0.2.130's \
glue, so it went out unminified; 2026-12-05, 3ac7863; JS, not wasm) | 9,504 + 2,016 B | 7,667 + 1,540 B | \
2,313 B of every first view | yes |\n\
| Share and Copy link drawn with the article, and only the share options (network links, Mastodon) a chunk, \
fetched on the first click of Share (2026-12-05, b62b10b; the article's first load) | article chunk 28,927 + \
sharing chunk 13,692 B | article chunk 32,742 B | 9,877 B | yes: the options' chunk is 10,161 B |\n\
| `-Zfmt-debug=none`: every `{:?}` writes nothing in the release wasm, so no type's Debug code is in it (no reader \
sees Debug output; 2026-12-06, on c36ee15) | 144,059 B | 141,080 B | 2,979 B (2.1%) | yes |\n\
| `-Zlocation-detail=none`: no source locations for panics (2026-12-06, on c36ee15) | 144,059 B | 143,824 B | \
235 B (0.2%) | no: too little for one more unstable option (immediate-abort panics already drop most of them) |\n\
| the loading view of a split point and the header's and footer's slot concrete: the split point's call boxed \
(`lazy::Loading`), the slot's view an `AnyView` (`src/lazy.rs`, `src/app.rs`): the profile (`cargo xtask bench wasm`) showed the Suspense, the \
portal and the head-retiring future compiled once per page (six times), 20 KB of the first module before wasm-opt \
(2026-12-06, with `-Zfmt-debug=none`) | 141,080 B | 137,785 B | 3,295 B (2.3%) | yes: all the wasm together \
475,073 → 469,150 B |\n\
| `opt-level = \"s\"` in place of `\"z\"` for the wasm (2026-12-06) | 137,785 B | 146,935 B | −9,150 B | no: larger |\n\
| Leptos's `delegation` feature: one listener per event type on the document (2026-12-06) | 137,785 B | \
137,717 B | 68 B | no: every handler would run from the document (focus, `stopPropagation`) for 68 B |\n\
| wasm-opt beyond one `-Oz` (binaryen 132, on the same first module: `-Oz` 140,887 B): `-Oz` twice, \
`--converge`, `--gufa`, `-iit` (2026-12-06) | 140,887 B | 140,781–141,032 B | at most 106 B | no |\n\
| server_fn's stream classes (wasm-streams, exported, so never dropped) removed after wasm-bindgen with \
`wasm-metadce`, then `-Oz` (2026-12-06) | 140,887 B | 140,970 B | −83 B | no: brotli grew |\n\n";

const NOT_YET: &str = "## What made the page fast, and why some goals are still missed\n\n\
- **LCP and FCP (LCP 0.93–0.96 s, 1.26× the plain HTML article, 2026-12-06 at 8f4fc79 from a clean clone; 1.06–1.35×\n  over the runs of 2026-12-05).** For the page URL it serves, the server writes the page itself (article, front page, section page,\n  header links) into the HTML, with the first API answers embedded; the app adopts that DOM without repainting it (a\n  repaint would make the app's paint the LCP again: 2.3–2.6 s before), there is no wasm preload, and nothing of the\n  app runs before the reader moves, so nothing competes with the page's own bytes. All CSS is inline. The first module is fetched to be compiled only after\n  the page's load event: fetched at the first idle moment, it overlapped the section page's images and doubled its LCP\n  (1.88 s in 3 of 5 runs at 56df2c2; 1 of 5 at 8f4fc79, whose median is 0.93 s).\n\
- **TBT (0 ms on article, home and section, performance 100 on all three, 2026-12-06 at 8f4fc79; 262–655 ms and\n  84–95 in the runs of 2026-12-05).** The app's start is one long task (230–260 ms at 4×, the trace above: V8 compiling\n  the wasm functions the start calls, then mounting), which Leptos's mount does not split. So it no longer runs at\n  load: the server has written the page, and the start script (Trunk.toml, docs/architecture.md, \"When the app\n  starts\") starts the app at the reader's first move (pointer, touch, key, focus, wheel), as an article's end nears\n  the screen, or at once where the page needs it (a page the server does not write, an unsent comment). The first\n  module is compiled ahead once the page has loaded and is idle, off the main thread, so the move only instantiates it. What is left\n  at load is the browser's own style, layout and paint of the server's page (the first two tasks of each trace run,\n  before and around the first paint, as the plain HTML page has). The trace above now shows the start after a\n  move at 3 s. Before this (every chunk compiled ahead, the start after the first frame) TBT was 262–655 ms on this\n  machine and the same code moved 240 ms between runs.\n\
- **First module (137.7 KB brotli against 100 KB) and the article's first view (157.7 KB against 130 KB): missed.**\n  \
The profile (`cargo xtask bench wasm target/wasm-split/wasm-release/main.wasm 100`, 2026-12-06: the first module\n  \
before wasm-bindgen and wasm-opt, 628 KB of code and data) puts Leptos's own crates (reactive_graph, tachys,\n  \
leptos_router, leptos, either_of, leptos_meta, and the futures, slotmap and indexmap they use) at 35%; core, alloc\n  \
and std (formatting, collections, the allocator) at 20%; the JS bindings at 13% (mostly descriptors wasm-bindgen\n  \
drops); serde at 1%; the app's own code at 8% (the header and its section row, the six routes, the API client,\n  \
focus and scroll on navigation, the outbox's start). Every page, what sits under an article and the desk are chunks\n  \
already; what is left is what the first move needs: the router, the reactive runtime, the header. The levers above\n  \
took 6.4 KB more off on 2026-12-06 (no Debug code; one copy of the loading view and of the slots); those left save\n  \
under 1% each (source locations, event delegation, more wasm-opt passes) or make it larger (`opt-level = \"s\"`,\n  \
talc). Moving the header and footer out reached 116 KB but only moves code the first move needs into chunks, and\n  \
cost the start more than it saved (above). So 100 KB is below what Leptos takes for a router with its routes and a\n  \
live header; getting there would mean a first move without the app's router. Since the app starts at the reader's\n  \
first move, these bytes are fetched when the page is idle, never on the way of the first paint or of TBT.\n\
- **Interactions (goal p98 ≤ 100 ms at 4× throttling: 64 ms at 8f4fc79, 72 ms at dd11da4; 80–112 ms in the runs of 2026-12-05).**\n  Opening the article is now the reader's first tap on the section page, which starts the app: the click is held\n  (1 ms) and handed to the app once it stands, so the interaction itself is short (input delay 16 ms, next frame 14\n  ms), but the article is on screen about 0.94 s after the tap at 4× (0.76 s when the app had started at load): the\n  start's 230–260 ms task comes before the navigation. Share was the slowest at dd11da4 (p98 104 ms once in five), typing is\n  16 ms per key.\n\
- **Memory (goal met: 3.88 MB at 8f4fc79, 4.04 MB at dd11da4, 4.24–4.44 MB before, against 5 MB).** About 4 MB is the JS heap (the glue, the loader, the browser's own\n  objects), 0.33 MB the wasm's linear memory: the release wasm's stack is 128 KiB instead of the linker's 1 MiB\n  (build.rs; 1.25 MB before), as the deepest journeys use 14 KB of it (`tests/e2e/stack.spec.mjs` fails at half).\n\
- **API throughput (goals met on both databases: article by slug ≈ 42,000–48,000 req/s, section listing\n  ≈ 40,000–45,000; p99 ≈ 3–4 ms against 2 ms, missed).** Public GET answers are kept in memory for one\n  second (`server/src/answer_cache.rs`, moka; `--cache-ms`): a hot article costs one database read a second\n  whatever the traffic, and when it expires one request reads while the others wait for its answer (before\n  that, PostgreSQL's p99 was 21 ms from 64 simultaneous misses). Without the cache an article took five\n  SQL round trips and reached ≈ 9,600 req/s. What holds p99 back, from `perf record` of the server under\n  this load: 46% of its CPU time is the kernel's TCP path (wake-ups, task switches, socket writes), 15%\n  libc (malloc, memmove), and the server's own 38% is spread thin over hyper, axum's middleware stack\n  (request id, trace span, timeout, compression check, security headers, ETag hash) and the cache lookup,\n  with no function above 2.2%. wrk takes one of the two cores, and the machine is shared (load average ≈\n  2.4 during the runs); with request logging off (`RUST_LOG=warn`) the same run reached ≈ 50,000 req/s and\n  p99 ≈ 2.7–3.3 ms. At 64 connections on one effective core, Little's law puts the mean at ≈ 1.4 ms, so\n  p99 ≤ 2 ms needs either a core of our own or about half the per-request CPU. Static files through ServeDir\n  measured ≈ 1,800 req/s (a blocking-pool file open per request); in production they belong on a CDN.\n";
