//! Runs the real `tandem import` on every case under `tests/fixtures/import/`,
//! one test per case folder (named after it).
//!
//! A case holds `cmd` (one import per line: the words after `tandem import`,
//! paths relative to the case), an optional `data/` folder to start from, and
//! the exports. Good cases also hold `expected.json`, the sprint figures a
//! person worked out by hand from the exports (the case's README shows how),
//! and `golden/`, the files import writes. Bad cases (`bad-*`) hold
//! `expected-stderr.txt`. A case may also hold, under `flow`, flow figures
//! the start dates it imports must give (docs/figures.md). Run with `TANDEM_BLESS=1` to rewrite `golden/` and
//! `expected-stderr.txt` after a deliberate change, then review the diff; the
//! hand-checked figures are never rewritten.
//!
//! `harness = false` (Cargo.toml): libtest-mimic makes one test per folder.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{Ran, Sandbox, Tandem, golden, repo};
use libtest_mimic::{Arguments, Failed, Trial};

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/import")
}

/// Splits a `cmd` line into words, keeping "quoted words" together.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Runs every line of `cmd` in the case's folder into `sandbox/data`; the
/// outputs in order.
fn import_all(case: &Path, sandbox: &Sandbox) -> Vec<Ran> {
    let cmd = fs::read_to_string(case.join("cmd")).unwrap_or_default();
    cmd.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            Tandem::new(case)
                .redact(sandbox.path(), "[ROOT]")
                .arg("import")
                .args(words(line))
                .arg("--into")
                .arg(sandbox.join("data"))
                .run()
        })
        .collect()
}

/// The hand-checked figures against `metrics.json` of a build on the imported folder.
fn check_figures(case: &Path, data: &Path) -> Result<(), String> {
    let expected: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(case.join("expected.json")).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let as_of = expected["build_as_of"].as_str().ok_or("expected.json has no build_as_of")?;
    let out = common::tandem(&["build", ".", "-o", "public", "--as-of", as_of, "-q"], data);
    if !out.success() {
        return Err(format!("build failed:\n{}", out.stderr));
    }
    let metrics: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(data.join("public/metrics.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let built: BTreeMap<&str, &serde_json::Value> = metrics["sprints"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| Some((s["id"].as_str()?, s))).collect())
        .unwrap_or_default();
    let want = expected["sprints"].as_object().ok_or("expected.json has no sprints")?;
    let mut problems = Vec::new();
    if built.len() != want.len() {
        problems.push(format!(
            "sprints built {:?}, expected {:?}",
            built.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>()
        ));
    }
    for (id, figures) in want {
        let Some(got) = built.get(id.as_str()) else {
            problems.push(format!("sprint {id} is missing"));
            continue;
        };
        for key in [
            "committed_points",
            "added_points",
            "removed_points",
            "completed_points",
            "carry_over_points",
            "unestimated_items",
        ] {
            let (a, b) = (figures[key].as_f64(), got[key].as_f64());
            if a != b {
                problems.push(format!("{id}.{key}: expected {a:?}, built {b:?}"));
            }
        }
        // A goal outcome the sprint list gave, when the case names one.
        if let Some(want) = figures.get("goal_met")
            && got.get("goal_met") != Some(want)
        {
            problems.push(format!("{id}.goal_met: expected {want}, built {:?}", got.get("goal_met")));
        }
        let sprint_file = fs::read_to_string(data.join(format!("sprints/{id}.yaml"))).unwrap_or_default();
        // Every item is listed: an issue written that the person did not expect
        // (a sub-task, an epic) is as wrong as one missing.
        let items_part = sprint_file.split("\nimpediments:").next().unwrap_or_default();
        let written = items_part.lines().filter(|l| l.starts_with("  - id: ")).count();
        let listed = figures["items"].as_object().map_or(0, |m| m.len());
        if written != listed {
            problems.push(format!("{id}: {written} items written, {listed} expected"));
        }
        for (key, status) in figures["items"].as_object().into_iter().flatten() {
            let status = status.as_str().unwrap_or_default();
            let plain = format!("  - id: {key}\n");
            let quoted = format!("  - id: \"{key}\"\n");
            let rest = sprint_file.split(&plain).nth(1).or_else(|| sprint_file.split(&quoted).nth(1));
            let found = rest.and_then(|rest| rest.lines().find_map(|l| l.trim().strip_prefix("status: ")));
            if found != Some(status) {
                problems.push(format!("{id} {key}: expected {status}, written {found:?}"));
            }
        }
    }
    // Start dates, where a case checks them, as the flow figures they give.
    for (key, want) in expected["flow"].as_object().into_iter().flatten() {
        if &metrics["flow"][key.as_str()] != want {
            problems.push(format!("flow.{key}: expected {want}, built {}", metrics["flow"][key.as_str()]));
        }
    }
    // Figures as of the build date (`delivery.goal_success_rate` ...), when the case names any.
    for (key, want) in expected["delivery"].as_object().into_iter().flatten() {
        let got = &metrics["delivery"][key];
        if got.as_f64() != want.as_f64() || got.is_null() != want.is_null() {
            problems.push(format!("delivery.{key}: expected {want}, built {got}"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

/// Imports, compares what was written with `golden/`, imports again (no file
/// may change), then builds and compares the figures with `expected.json`.
fn run_good(case: &Path) -> Result<(), Failed> {
    let sandbox = Sandbox::empty();
    let data = sandbox.join("data");
    fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    if case.join("data").is_dir() {
        common::copy_dir(&case.join("data"), &data);
    }
    let before = common::files(&data);
    for out in import_all(case, &sandbox) {
        if !out.success() || out.stderr.contains("panicked") {
            return Err(format!("import failed:\n{}", out.stderr).into());
        }
    }
    let written: BTreeMap<String, Vec<u8>> =
        common::files(&data).into_iter().filter(|(p, b)| before.get(p) != Some(b)).collect();
    golden::check_files(&case.join("golden"), &written)?;
    // Importing the same exports again changes no file, byte for byte.
    let first = common::files(&data);
    import_all(case, &sandbox);
    if common::files(&data) != first {
        return Err("a second import of the same exports changed files".into());
    }
    Ok(check_figures(case, &data)?)
}

/// The last import fails with exit 1 and exactly `expected-stderr.txt`, and
/// nothing is written.
fn run_bad(case: &Path) -> Result<(), Failed> {
    let sandbox = Sandbox::empty();
    let data = sandbox.join("data");
    fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    if case.join("data").is_dir() {
        common::copy_dir(&case.join("data"), &data);
    }
    let before = common::files(&data);
    let outs = import_all(case, &sandbox);
    let out = outs.last().ok_or("empty cmd")?;
    let mut problems = Vec::new();
    if let Err(message) = golden::check_text(&case.join("expected-stderr.txt"), &out.stderr) {
        problems.push(message);
    }
    if out.code() != Some(1) {
        problems.push(format!("exit {:?}, expected 1", out.code()));
    }
    if out.stderr.contains("panicked") {
        problems.push("panicked".into());
    }
    if common::files(&data) != before {
        problems.push(format!("files were written: {:?}", common::files(&data).keys().collect::<Vec<_>>()));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n").into()) }
}

fn main() {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    cases.sort();
    let name = |case: &Path| case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bad = cases.iter().filter(|c| name(c).starts_with("bad-")).count();
    let good = cases.len() - bad;
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .map(|case| {
            let test_name = name(&case);
            if test_name.starts_with("bad-") {
                Trial::test(test_name, move || run_bad(&case))
            } else {
                Trial::test(test_name, move || run_good(&case))
            }
        })
        .collect();
    // Fewer folders than this means the fixtures were not found, not that they pass.
    trials.push(Trial::test("the_fixtures_are_there", move || {
        if good >= 6 && bad >= 8 {
            Ok(())
        } else {
            Err(format!("expected at least 6 good and 8 bad cases, found {good} and {bad}").into())
        }
    }));
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
