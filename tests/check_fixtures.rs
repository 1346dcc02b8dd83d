//! Runs the real `tandem check` on every folder under `tests/fixtures/check/`,
//! one test per folder (named after it), and compares exit code and standard
//! error with the case's `expected.txt`.
//!
//! `expected.txt` holds optional `# args: ...`, `# env: KEY=VALUE` and
//! `# exit: N` lines, then the exact stderr. Every case runs on a copy of its
//! folder with `SOURCE_DATE_EPOCH` pinned to 2026-12-31 (a `# env:` line may
//! change it), so "today" never depends on the day the tests run. Run with
//! `TANDEM_BLESS=1` to rewrite the files after a deliberate change of wording,
//! then review the diff.
//!
//! `harness = false` (Cargo.toml): libtest-mimic makes one test per folder,
//! so a failure names its fixture and `cargo test --test check_fixtures NAME`
//! runs one.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Sandbox, Tandem, golden, repo};
use libtest_mimic::{Arguments, Failed, Trial};

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/check")
}

/// 2026-12-31T00:00:00Z: "today" for every case unless its `# env:` says otherwise.
const PINNED_EPOCH: &str = "1798675200";

struct Expected {
    args: Vec<String>,
    env: Vec<(String, String)>,
    exit: i32,
    stderr: String,
}

impl Expected {
    fn read(path: &Path) -> Expected {
        let text = fs::read_to_string(path).unwrap_or_default();
        let mut expected = Expected { args: Vec::new(), env: Vec::new(), exit: 0, stderr: String::new() };
        for line in text.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix("# args:") {
                expected.args = rest.split_whitespace().map(String::from).collect();
            } else if let Some((key, value)) =
                line.strip_prefix("# env:").and_then(|r| r.trim().split_once('='))
            {
                expected.env.push((key.to_string(), value.to_string()));
            } else if let Some(rest) = line.strip_prefix("# exit:") {
                expected.exit = rest.trim().parse().unwrap_or(-1);
            } else {
                expected.stderr.push_str(line);
            }
        }
        expected
    }

    /// The file's text: the same header, then this exit code and stderr.
    fn render(&self, exit: i32, stderr: &str) -> String {
        let mut text = String::new();
        if !self.args.is_empty() {
            text.push_str(&format!("# args: {}\n", self.args.join(" ")));
        }
        for (key, value) in &self.env {
            text.push_str(&format!("# env: {key}={value}\n"));
        }
        text.push_str(&format!("# exit: {exit}\n{stderr}"));
        text
    }
}

fn run_case(dir: &Path) -> Result<(), Failed> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let expected_path = dir.join("expected.txt");
    let expected = Expected::read(&expected_path);
    let sandbox = Sandbox::with(&format!("tests/fixtures/check/{name}"), "data");
    let mut command = Tandem::new(sandbox.join("data"))
        .redact(sandbox.path(), "[ROOT]")
        .epoch(PINNED_EPOCH)
        .arg("check")
        .args(&expected.args)
        .arg(".");
    for (key, value) in &expected.env {
        command = command.env(key, value);
    }
    let ran = command.run();
    if ran.stderr.contains("panicked") || ran.stderr.contains("RUST_BACKTRACE") {
        return Err(format!("the binary panicked:\n{}", ran.stderr).into());
    }
    let actual = expected.render(ran.code().unwrap_or(-1), &ran.stderr);
    golden::check_text(&expected_path, &actual)?;
    Ok(())
}

fn sample_data_checks_clean() -> Result<(), Failed> {
    let ran = common::tandem(&["check", "--strict", "sample-data"], repo());
    if !ran.success() || !ran.stderr.contains("no problems") {
        return Err(format!("sample-data does not check clean:\n{}", ran.stderr).into());
    }
    Ok(())
}

fn bad_command_line_exits_2() -> Result<(), Failed> {
    let ran = common::tandem(&["check", "--message-format", "xml"], repo());
    match ran.code() {
        Some(2) => Ok(()),
        code => Err(format!("exit {code:?}, expected 2:\n{}", ran.stderr).into()),
    }
}

fn missing_data_folder_is_reported_not_panicked() -> Result<(), Failed> {
    let ran = common::tandem(&["check", "/nonexistent/tandem-data"], repo());
    // A folder that does not exist is a wrong command line (docs/commands.md: exit 2).
    let want = "error: the data folder /nonexistent/tandem-data does not exist (give the folder holding team.yaml)\n";
    if ran.code() != Some(2) || ran.stderr != want {
        return Err(format!("exit {:?} and stderr:\n{}", ran.code(), ran.stderr).into());
    }
    Ok(())
}

fn main() {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    cases.sort();
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .map(|dir| {
            let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Trial::test(name, move || run_case(&dir))
        })
        .collect();
    // Fewer folders than this means the fixtures were not found, not that they pass.
    let found = trials.len();
    trials.push(Trial::test("the_fixtures_are_there", move || {
        if found >= 20 { Ok(()) } else { Err(format!("expected at least 20 cases, found {found}").into()) }
    }));
    trials.push(Trial::test("sample_data_checks_clean", sample_data_checks_clean));
    trials.push(Trial::test("bad_command_line_exits_2", bad_command_line_exits_2));
    trials.push(Trial::test(
        "missing_data_folder_is_reported_not_panicked",
        missing_data_folder_is_reported_not_panicked,
    ));
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
