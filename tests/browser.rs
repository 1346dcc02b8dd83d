//! The browser suite (`browser/suite.mjs`) run by `cargo test`: every page
//! tandem builds, opened in headless Chromium (console, requests, links,
//! axe-core WCAG 2.1 A/AA in light and dark mode at 1280 and 390 px) and
//! checked by the W3C Nu HTML checker. See the README's "Browser tests".
//!
//! It needs Debian's Chromium, Node.js, Java and `npm ci --ignore-scripts`
//! in `browser/`, so it is `#[ignore]`d: a plain `cargo test` lists it as
//! ignored instead of reporting "ok" for a suite that did not run. Run it with
//! `cargo test --test browser -- --include-ignored` (`bash .ci/run` does);
//! then a missing tool is a failure that says plainly what to install.

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
#[ignore = "needs Chromium, Node.js and Java; run with --include-ignored (bash .ci/run does)"]
fn every_page_works_in_a_real_browser() {
    let missing = missing();
    if !missing.is_empty() {
        let message =
            format!("browser suite did not run: {} missing; install with: {INSTALL}", missing.join(", "));
        // Straight to the terminal too: the panic message is easy to miss in a long log.
        let _ = writeln!(std::io::stderr().lock(), "\n{message}\n");
        panic!("{message}");
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
