//! The browser suite (`browser/suite.mjs`) run by `cargo test`: every page
//! tandem builds, opened in headless Chromium (console, requests, links,
//! axe-core WCAG 2.1 A/AA in light and dark mode at 1280 and 390 px) and
//! checked by the W3C Nu HTML checker. See the README's "Browser tests".
//!
//! It needs Debian's Chromium, Node.js, Java and `npm ci --ignore-scripts`
//! in `browser/`. Without them it says plainly that the suite did not run and
//! passes, except in CI (`CI=true`), where a missing tool is a failure.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const INSTALL: &str = "apt-get install chromium default-jre-headless; \
                       then `npm ci --ignore-scripts` in browser/ (or run `bash .ci/run`)";

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("TANDEM_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Whether `program --version`-like `args` runs at all.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What the suite needs and is not here.
fn missing() -> Vec<String> {
    let mut missing = Vec::new();
    let chromium = chromium();
    if !chromium.is_file() {
        missing.push(format!("Chromium ({})", chromium.display()));
    }
    if !runs("node", &["--version"]) {
        missing.push("Node.js (node)".to_string());
    }
    if !runs("java", &["-version"]) {
        missing.push("Java (java)".to_string());
    }
    let modules = browser_dir().join("node_modules");
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!("browser/node_modules/{package}"));
        }
    }
    missing
}

#[test]
fn every_page_works_in_a_real_browser() {
    let missing = missing();
    if !missing.is_empty() {
        let message =
            format!("browser suite did not run: {} missing; install with: {INSTALL}", missing.join(", "));
        assert!(!in_ci(), "{message}\n(CI=true: a missing browser is a failure, never a skip)");
        // Straight to the terminal: cargo test hides what a passing test prints.
        let _ = writeln!(std::io::stderr().lock(), "\n{message}\n");
        return;
    }
    // The suite's report goes straight to the terminal (inherited), so it
    // shows in CI logs whether the test passes or fails.
    let status = Command::new("node")
        .arg("suite.mjs")
        .arg("--tandem")
        .arg(env!("CARGO_BIN_EXE_tandem"))
        // Built sites, Chromium's profile and the screenshots, in target/.
        .arg("--work")
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-suite"))
        .current_dir(browser_dir())
        .stdin(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    assert!(status.success(), "the browser suite failed: its report is printed above");
}
