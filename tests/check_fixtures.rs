//! Runs the real `tandem check` on every folder under `tests/fixtures/check/`
//! and compares exit code and standard error with the case's `expected.txt`.
//!
//! `expected.txt` holds optional `# args: ...`, `# env: KEY=VALUE` and
//! `# exit: N` lines, then the exact stderr. Every case runs with
//! `SOURCE_DATE_EPOCH` pinned to 2026-12-31 (a `# env:` line may change it),
//! so "today" never depends on the day the tests run. Run with `TANDEM_BLESS=1` to rewrite the files after a
//! deliberate change of wording, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

/// 2026-12-31T00:00:00Z: "today" for every case unless its `# env:` says otherwise.
const PINNED_EPOCH: &str = "1798675200";

struct Expected {
    args: Vec<String>,
    env: Vec<(String, String)>,
    exit: i32,
    stderr: String,
}

fn read_expected(path: &Path) -> Expected {
    let text = fs::read_to_string(path).unwrap_or_default();
    let mut args = Vec::new();
    let mut env = Vec::new();
    let mut exit = 0;
    let mut stderr = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("# args:") {
            args = rest.split_whitespace().map(String::from).collect();
        } else if let Some((key, value)) = line.strip_prefix("# env:").and_then(|r| r.trim().split_once('='))
        {
            env.push((key.to_string(), value.to_string()));
        } else if let Some(rest) = line.strip_prefix("# exit:") {
            exit = rest.trim().parse().unwrap_or(-1);
        } else {
            stderr.push_str(line);
        }
    }
    Expected { args, env, exit, stderr }
}

fn run_case(dir: &Path) -> Result<(), String> {
    let expected_path = dir.join("expected.txt");
    let expected = read_expected(&expected_path);
    let output = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("check")
        .args(&expected.args)
        .arg(".")
        .current_dir(dir)
        .env_clear()
        .env("SOURCE_DATE_EPOCH", PINNED_EPOCH)
        .envs(expected.env.iter().map(|(k, v)| (k, v)))
        .output()
        .map_err(|e| format!("cannot run tandem: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let exit = output.status.code().unwrap_or(-1);
    if std::env::var_os("TANDEM_BLESS").is_some() {
        let mut text = String::new();
        if !expected.args.is_empty() {
            text.push_str(&format!("# args: {}\n", expected.args.join(" ")));
        }
        for (key, value) in &expected.env {
            text.push_str(&format!("# env: {key}={value}\n"));
        }
        text.push_str(&format!("# exit: {exit}\n{stderr}"));
        fs::write(&expected_path, text).map_err(|e| e.to_string())?;
        return Ok(());
    }
    if exit != expected.exit || stderr != expected.stderr {
        return Err(format!(
            "{}\n  expected exit {} and stderr:\n{}\n  got exit {exit} and stderr:\n{stderr}",
            dir.display(),
            expected.exit,
            expected.stderr
        ));
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Err(format!("{}: the binary panicked", dir.display()));
    }
    Ok(())
}

#[test]
fn every_fixture_reports_exactly_its_expected_diagnostics() {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    cases.sort();
    assert!(cases.len() >= 20, "expected at least 20 fixture cases, found {}", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn sample_data_checks_clean() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let output = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["check", "--strict"])
        .arg(&sample)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tandem: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "sample-data does not check clean:\n{stderr}");
    assert!(stderr.contains("no problems"), "unexpected output:\n{stderr}");
}

#[test]
fn bad_command_line_exits_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["check", "--message-format", "xml"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run tandem: {e}"));
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn missing_data_folder_is_reported_not_panicked() {
    let output = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["check", "/nonexistent/tandem-data"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run tandem: {e}"));
    // A folder that does not exist is a wrong command line (docs/commands.md: exit 2).
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "error: the data folder /nonexistent/tandem-data does not exist (give the folder holding team.yaml)\n"
    );
}
