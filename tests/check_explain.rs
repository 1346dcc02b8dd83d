//! Runs the real `tandem check … --explain` on every folder under
//! `tests/fixtures/explain/` and compares exit code, standard output (what
//! was read from each note) and standard error (problems and hints) with the
//! case's `expected-stdout.txt`, `expected-stderr.txt` and `expected-exit.txt`.
//! `args.txt` holds the arguments after `check`. Run with `TANDEM_BLESS=1` to
//! rewrite the expected files after a deliberate change, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 2026-12-31T00:00:00Z: "today" for every case.
const PINNED_EPOCH: &str = "1798675200";

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/explain");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn run_case(dir: &Path) -> Result<(), String> {
    let args =
        fs::read_to_string(dir.join("args.txt")).map_err(|e| format!("{}: args.txt: {e}", dir.display()))?;
    let output = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("check")
        .args(args.split_whitespace())
        .current_dir(dir)
        .env_clear()
        .env("SOURCE_DATE_EPOCH", PINNED_EPOCH)
        .output()
        .map_err(|e| format!("cannot run tandem: {e}"))?;
    let got = [
        ("expected-stdout.txt", String::from_utf8_lossy(&output.stdout).into_owned()),
        ("expected-stderr.txt", String::from_utf8_lossy(&output.stderr).into_owned()),
        ("expected-exit.txt", format!("{}\n", output.status.code().unwrap_or(-1))),
    ];
    let mut report = String::new();
    for (file, text) in got {
        let path = dir.join(file);
        if std::env::var_os("TANDEM_BLESS").is_some() {
            fs::write(&path, &text).map_err(|e| e.to_string())?;
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if want != text {
            report.push_str(&format!("{}\n--- expected ---\n{want}--- got ---\n{text}\n", path.display()));
        }
    }
    if report.is_empty() { Ok(()) } else { Err(report) }
}

#[test]
fn explain_prints_exactly_what_was_read() {
    let cases = cases();
    assert!(cases.len() >= 3, "expected the explain cases, found {}", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
