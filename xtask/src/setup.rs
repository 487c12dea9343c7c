//! `cargo xtask setup`: brings every tool the project needs to the version pinned in tools.toml,
//! skipping what is already there. Nothing is ever downloaded from outside the package registries:
//! Trunk finds wasm-bindgen and wasm-opt on the PATH this installs.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;

use crate::process::{cargo_bin, command, execute, output, root};

/// tools.toml, the one place where tool versions are pinned.
#[derive(Deserialize, Debug)]
pub struct Pins {
    pub cargo: CargoPins,
    pub npm: BTreeMap<String, String>,
    /// Python tools, installed into `PYTHON_TOOLS` (a virtualenv of the project's own).
    #[serde(default)]
    pub pypi: BTreeMap<String, String>,
    pub apt: AptPins,
}

/// The project's own virtualenv for the PyPI tools (under `target/`, so `cargo clean` clears it).
pub const PYTHON_TOOLS: &str = "target/venv";

#[derive(Deserialize, Debug)]
pub struct CargoPins {
    pub trunk: String,
    #[serde(rename = "wasm-bindgen-cli")]
    pub wasm_bindgen_cli: String,
    #[serde(rename = "cargo-deny")]
    pub cargo_deny: String,
}

#[derive(Deserialize, Debug)]
pub struct AptPins {
    pub packages: Vec<String>,
}

pub fn read_pins(root: &Path) -> Result<Pins, String> {
    let text =
        std::fs::read_to_string(root.join("tools.toml")).map_err(|e| format!("tools.toml: {e}"))?;
    toml::from_str(&text).map_err(|e| format!("tools.toml: {e}"))
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let text =
        std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let lock: toml::Value = toml::from_str(&text).map_err(|e| format!("Cargo.lock: {e}"))?;
    lock.get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(package))
        .and_then(|p| p.get("version").and_then(|v| v.as_str()))
        .map(str::to_owned)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))
}

/// Differences between tools.toml's npm pins and package.json's devDependencies.
pub fn npm_drift(pins: &Pins, root: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(root.join("package.json"))
        .map_err(|e| format!("package.json: {e}"))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("package.json: {e}"))?;
    let declared = json.get("devDependencies").cloned().unwrap_or_default();
    let mut drift = Vec::new();
    for (name, version) in &pins.npm {
        let found = declared.get(name).and_then(|v| v.as_str());
        if found != Some(version.as_str()) {
            drift.push(format!(
                "{name}: tools.toml says {version}, package.json says {}",
                found.unwrap_or("nothing")
            ));
        }
    }
    Ok(drift)
}

fn step(name: &str, f: impl FnOnce() -> Result<String, String>) -> Result<(), String> {
    let started = Instant::now();
    let result = f();
    let seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(note) => {
            println!("setup: {name:<28} {note} ({seconds:.1}s)");
            Ok(())
        }
        Err(message) => Err(format!("setup: {name}: {message}")),
    }
}

pub fn run() -> Result<(), String> {
    let root = root();
    let pins = read_pins(&root)?;
    let started = Instant::now();
    step("rust wasm32 target", wasm_target)?;
    step("rust-src (wasm's own std)", rust_src)?;
    step("apt packages", || apt(&pins.apt.packages))?;
    step("trunk", || cargo_tool("trunk", "trunk", &pins.cargo.trunk))?;
    step("cargo-deny", || {
        cargo_tool("cargo-deny", "cargo-deny", &pins.cargo.cargo_deny)
    })?;
    step("wasm-bindgen-cli", || {
        wasm_bindgen(&root, &pins.cargo.wasm_bindgen_cli)
    })?;
    step("npm tools", || npm(&pins, &root))?;
    step("python tools", || python_tools(&pins.pypi, &root))?;
    println!(
        "setup: all tools ready ({:.1}s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn wasm_target() -> Result<String, String> {
    // rustup reads rust-toolchain.toml in the repository, so this is the pinned toolchain's list.
    let installed =
        output(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok("present".into());
    }
    execute(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    Ok("installed".into())
}

/// The standard library's source: the release wasm rebuilds std for itself
/// (`serve::build_spa_release`).
fn rust_src() -> Result<String, String> {
    let installed =
        output(command("rustup").args(["component", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "rust-src") {
        return Ok("present".into());
    }
    execute(command("rustup").args(["component", "add", "rust-src"]))?;
    Ok("installed".into())
}

fn dpkg_installed(package: &str) -> bool {
    output(command("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|s| s.contains("install ok installed"))
}

fn apt(packages: &[String]) -> Result<String, String> {
    let missing: Vec<&String> = packages.iter().filter(|p| !dpkg_installed(p)).collect();
    if dpkg_installed("binaryen") {
        println!("setup: WARNING Debian's binaryen is installed; its wasm-opt 108 breaks the app. Trunk is pinned to wasm-opt 132 from npm, so it is not used.");
    }
    if missing.is_empty() {
        return Ok("present".into());
    }
    let is_root =
        output(std::process::Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let sudo: &[&str] = if is_root { &[] } else { &["sudo", "-n"] };
    let apt_get = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut cmd = command(all[0]);
        cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        execute(&mut cmd)
    };
    let missing: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
    let names = missing.join(" ");
    apt_get(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(&missing);
    apt_get(&args).map_err(|e| format!("{e}\nInstall these Debian packages as root: {names}"))?;
    Ok(format!("installed {names}"))
}

fn installed_version(binary: &str) -> Option<String> {
    let path = cargo_bin().join(binary);
    output(std::process::Command::new(path).arg("--version"))
        .and_then(|v| v.split_whitespace().nth(1).map(str::to_owned))
}

fn cargo_tool(crate_name: &str, binary: &str, version: &str) -> Result<String, String> {
    if installed_version(binary).as_deref() == Some(version) {
        return Ok(format!("{version} present"));
    }
    execute(command("cargo").args(["install", crate_name, "--locked", "--version", version]))?;
    Ok(format!("{version} installed"))
}

/// wasm-bindgen-cli must match the wasm-bindgen crate exactly. Its published Cargo.lock can pin a
/// dependency version the registry here does not serve (webpki-roots 1.0.11 for 0.2.130); then
/// only that package is re-resolved in a copy of the crate's source and the rest stays locked.
fn wasm_bindgen(root: &Path, pinned: &str) -> Result<String, String> {
    let locked = locked_version(root, "wasm-bindgen")?;
    if locked != pinned {
        return Err(format!(
            "Cargo.lock has wasm-bindgen {locked} but tools.toml pins wasm-bindgen-cli {pinned}; make them equal (and Trunk.toml [tools])"
        ));
    }
    let runner_ok = output(
        std::process::Command::new(cargo_bin().join("wasm-bindgen-test-runner")).arg("--version"),
    )
    .is_some_and(|v| v.contains(pinned));
    if installed_version("wasm-bindgen").as_deref() == Some(pinned) && runner_ok {
        return Ok(format!("{pinned} present"));
    }
    if execute(command("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--locked",
        "--version",
        pinned,
    ]))
    .is_ok()
    {
        return Ok(format!("{pinned} installed"));
    }
    println!("setup: retrying wasm-bindgen-cli with a minimal lockfile fix");
    let source = registry_source(&format!("wasm-bindgen-cli-{pinned}"))
        .ok_or("the wasm-bindgen-cli source was not unpacked by cargo")?;
    let work = std::env::temp_dir().join(format!("inkuru-wasm-bindgen-cli-{pinned}"));
    let _ = std::fs::remove_dir_all(&work);
    execute(command("cp").arg("-r").arg(&source).arg(&work))?;
    for _ in 0..10 {
        let check = command("cargo")
            .args(["metadata", "--locked", "--format-version", "1"])
            .current_dir(&work)
            .output();
        let check = check.map_err(|e| e.to_string())?;
        if check.status.success() {
            break;
        }
        let stderr = String::from_utf8_lossy(&check.stderr);
        let package = stderr
            .split("failed to select a version for the requirement `")
            .nth(1)
            .and_then(|rest| rest.split([' ', '`']).next())
            .ok_or_else(|| format!("cannot fix wasm-bindgen-cli's lockfile:\n{stderr}"))?
            .to_owned();
        execute(
            command("cargo")
                .args(["update", "-p", &package])
                .current_dir(&work),
        )?;
    }
    execute(
        command("cargo")
            .args(["install", "--path", ".", "--locked", "--force"])
            .current_dir(&work),
    )?;
    Ok(format!("{pinned} installed (lockfile re-resolved)"))
}

fn registry_source(dir_name: &str) -> Option<std::path::PathBuf> {
    let home = cargo_bin().parent()?.join("registry").join("src");
    std::fs::read_dir(home)
        .ok()?
        .flatten()
        .map(|d| d.path().join(dir_name))
        .find(|p| p.is_dir())
}

fn npm(pins: &Pins, root: &Path) -> Result<String, String> {
    let drift = npm_drift(pins, root)?;
    if !drift.is_empty() {
        return Err(format!(
            "package.json and tools.toml disagree:\n  {}",
            drift.join("\n  ")
        ));
    }
    let present = pins.npm.iter().all(|(name, version)| {
        let manifest = root.join("node_modules").join(name).join("package.json");
        std::fs::read_to_string(manifest)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|j| {
                j.get("version")
                    .and_then(|v| v.as_str())
                    .map(|v| v == version)
            })
            .unwrap_or(false)
    });
    if present {
        return Ok("present".into());
    }
    // Playwright drives Debian's chromium; it must never download a browser of its own.
    execute(
        command("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )?;
    Ok("installed from package-lock.json".into())
}

/// The PyPI packages' constraints: every package in the virtualenv at one version.
pub const PYTHON_LOCK: &str = "pypi.lock";

/// Creates the project's virtualenv if it is missing and installs the pinned PyPI packages into
/// it, constrained by `PYTHON_LOCK`, unless everything the lock names is there already (asked of
/// pip, which knows what it installed).
fn python_tools(pins: &BTreeMap<String, String>, root: &Path) -> Result<String, String> {
    let venv = root.join(PYTHON_TOOLS);
    let python = venv.join("bin/python");
    if !python.exists() {
        execute(command("python3").args(["-m", "venv"]).arg(&venv)).map_err(|e| {
            format!("{e}\nThe Debian package python3-venv provides `python3 -m venv`.")
        })?;
    }
    let lock_path = root.join(PYTHON_LOCK);
    let lock = std::fs::read_to_string(&lock_path).map_err(|e| format!("{PYTHON_LOCK}: {e}"))?;
    let python = python.to_string_lossy();
    let frozen =
        output(command(&python).args(["-m", "pip", "freeze", "--disable-pip-version-check"]))
            .unwrap_or_default();
    let missing = missing_from(&locked_requirements(&lock), &frozen);
    if missing.is_empty() {
        return Ok(format!("{} present in {PYTHON_TOOLS}", pins.len()));
    }
    let requirements: Vec<String> = pins.iter().map(|(p, v)| format!("{p}=={v}")).collect();
    execute(
        command(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
            ])
            .arg("--constraint")
            .arg(&lock_path)
            .args(&requirements),
    )?;
    Ok(format!(
        "installed {} into {PYTHON_TOOLS} ({} packages were missing or at another version)",
        requirements.join(", "),
        missing.len()
    ))
}

/// The `name==version` lines of a pip requirements or constraints file, names lower-cased.
fn locked_requirements(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(normalised)
        .collect()
}

/// Which of `wanted` (`name==version`) `pip freeze`'s output lacks.
fn missing_from(wanted: &[String], frozen: &str) -> Vec<String> {
    let present: Vec<String> = frozen.lines().map(|l| normalised(l.trim())).collect();
    wanted
        .iter()
        .filter(|w| !present.contains(w))
        .cloned()
        .collect()
}

/// PyPI names compare case-insensitively, with `-` and `_` the same.
fn normalised(requirement: &str) -> String {
    requirement.to_lowercase().replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wasm-bindgen version lives in four places that must agree, or Trunk tries to download.
    #[test]
    fn wasm_bindgen_pins_agree() {
        let root = root();
        let pins = read_pins(&root).unwrap();
        assert_eq!(
            locked_version(&root, "wasm-bindgen").unwrap(),
            pins.cargo.wasm_bindgen_cli
        );
        let trunk: toml::Value =
            toml::from_str(&std::fs::read_to_string(root.join("Trunk.toml")).unwrap()).unwrap();
        let tools = trunk.get("tools").unwrap();
        assert_eq!(
            tools.get("wasm_bindgen").and_then(|v| v.as_str()),
            Some(pins.cargo.wasm_bindgen_cli.as_str())
        );
        let binaryen_major = pins.npm["binaryen"].split('.').next().unwrap().to_owned();
        assert_eq!(
            tools.get("wasm_opt").and_then(|v| v.as_str()),
            Some(format!("version_{binaryen_major}").as_str())
        );
    }

    #[test]
    fn npm_pins_match_package_json() {
        let root = root();
        let pins = read_pins(&root).unwrap();
        assert_eq!(npm_drift(&pins, &root).unwrap(), Vec::<String>::new());
    }

    /// A tools.toml pin the lock disagrees with would make pip refuse to install.
    #[test]
    fn pypi_pins_are_in_the_lock() {
        let root = root();
        let pins = read_pins(&root).unwrap();
        let lock = std::fs::read_to_string(root.join(PYTHON_LOCK)).unwrap();
        let wanted: Vec<String> = pins
            .pypi
            .iter()
            .map(|(p, v)| normalised(&format!("{p}=={v}")))
            .collect();
        assert_eq!(missing_from(&wanted, &lock), Vec::<String>::new());
    }

    #[test]
    fn a_dependency_at_another_version_is_missing() {
        let lock =
            locked_requirements("# header\nHypothesis==6.170.27\ntyping_extensions==4.16.0\n");
        assert_eq!(
            missing_from(&lock, "hypothesis==6.171.0\ntyping-extensions==4.16.0\n"),
            vec!["hypothesis==6.170.27".to_owned()]
        );
        assert!(missing_from(&lock, "Hypothesis==6.170.27\ntyping_extensions==4.16.0").is_empty());
    }

    #[test]
    fn never_debian_binaryen() {
        let pins = read_pins(&root()).unwrap();
        assert!(!pins.apt.packages.iter().any(|p| p == "binaryen"));
    }
}
