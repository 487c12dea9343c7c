//! `cargo xtask test`'s layer "supply chain": cargo-deny (pinned in tools.toml, installed by setup)
//! checks every crate in the build against deny.toml: their licences, bans (one version of each
//! crate unless an exception says why, no wildcard versions) and sources (crates.io only). Each
//! check is one test. Not `--offline`: the crate graph covers every platform's crates, which a
//! fresh machine has not downloaded for its own builds (cargo fetches them from crates.io).
//!
//! Advisories (known vulnerabilities) are not among them: the RustSec database is fetched from
//! GitHub, and npm audit's from the npm registry's advisory endpoint, and neither can be reached
//! from this machine (RELIABILITY.md).

use crate::process::{cargo_bin, command, execute};
use crate::test::Counts;

/// cargo-deny's checks this layer runs, one test each.
const CHECKS: [&str; 3] = ["licenses", "bans", "sources"];

pub fn run() -> Counts {
    let mut counts = Counts::default();
    let deny = cargo_bin().join("cargo-deny");
    for check in CHECKS {
        let result = execute(
            command(&deny.to_string_lossy())
                // Every crate of the workspace is a root of the graph, not only the app's.
                .args(["deny", "--workspace", "--color", "never", "check", check])
                // deny.toml is found next to the workspace's Cargo.toml.
                .current_dir(crate::process::root()),
        );
        counts.add(match result {
            Ok(()) => Counts::one_passed(),
            Err(message) => Counts::failure(format!("cargo deny check {check}: {message}")),
        });
    }
    counts
}
