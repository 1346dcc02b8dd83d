//! Issue 17's rules, end to end: one case per folder of
//! `tests/fixtures/evidence/` (one test each, named after it), each a data
//! folder built with the real binary as of the case's report date.
//!
//! A case holds `data/`, a README with the figures worked out by hand, and
//! `expected.json`:
//! - `as_of`: the report date given with `--as-of`;
//! - `figures`: JSON pointers into `metrics.json` and the value each must hold
//!   (`null` where tandem must say "no data"; numbers within 1e-9);
//! - `counts`: pointers to lists and their lengths;
//! - `stderr`: the build's diagnostics, line by line, exactly;
//! - `pages` / `absent`: phrases each page must hold, or must not.
//!
//! `harness = false` (Cargo.toml): libtest-mimic makes one test per folder.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Sandbox, repo};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/evidence")
}

fn same(want: &Value, got: &Value) -> bool {
    match (want.as_f64(), got.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => want == got,
    }
}

fn run(case: &Path) -> Result<(), Failed> {
    let expected: Value = serde_json::from_str(&fs::read_to_string(case.join("expected.json"))?)?;
    let as_of = expected["as_of"].as_str().ok_or("expected.json has no as_of")?;
    let sandbox = Sandbox::with(&case.join("data").to_string_lossy(), "data");
    let ran = sandbox.tandem(&["build", "data", "-o", "site", "-q", "--as-of", as_of]);
    if !ran.success() {
        return Err(format!("build failed:\n{}", ran.stderr).into());
    }
    let mut problems = Vec::new();
    let want_stderr: Vec<&str> =
        expected["stderr"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let got_stderr: Vec<&str> = ran.stderr.lines().collect();
    if want_stderr != got_stderr {
        problems.push(format!("stderr:\n  expected {want_stderr:#?}\n  got {got_stderr:#?}"));
    }
    let metrics: Value = serde_json::from_str(&fs::read_to_string(sandbox.join("site/metrics.json"))?)?;
    for (pointer, want) in expected["figures"].as_object().into_iter().flatten() {
        let got = metrics.pointer(pointer).unwrap_or(&Value::String("(missing)".into())).clone();
        if !same(want, &got) {
            problems.push(format!("{pointer}: expected {want}, built {got}"));
        }
    }
    for (pointer, want) in expected["counts"].as_object().into_iter().flatten() {
        let got = metrics.pointer(pointer).and_then(Value::as_array).map(Vec::len);
        if got != want.as_u64().map(|n| n as usize) {
            problems.push(format!("{pointer}: expected {want} entries, built {got:?}"));
        }
    }
    for (key, present) in [("pages", true), ("absent", false)] {
        for (page, phrases) in expected[key].as_object().into_iter().flatten() {
            let text = fs::read_to_string(sandbox.join("site").join(page)).unwrap_or_default();
            // Pages escape quotes and apostrophes; the phrases are written plain.
            let text = text.replace("&#39;", "'").replace("&quot;", "\"").replace("&#x27;", "'");
            for phrase in phrases.as_array().into_iter().flatten().filter_map(Value::as_str) {
                if text.contains(phrase) != present {
                    let verb = if present { "lacks" } else { "holds" };
                    problems.push(format!("{page} {verb} {phrase:?}"));
                }
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n").into()) }
}

fn main() {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    cases.sort();
    assert!(cases.len() >= 3, "the evidence cases are missing");
    let trials = cases
        .into_iter()
        .map(|case| {
            let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Trial::test(name, move || run(&case))
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
