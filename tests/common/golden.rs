//! The one bless switch: every comparison with a golden or expected file goes
//! through here, and `TANDEM_BLESS=1 cargo test` rewrites the files from what
//! tandem does now instead of comparing (then review the diff). Files a person
//! worked out by hand (import's `expected.json`) never come here.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Whether this run rewrites golden files (`TANDEM_BLESS` set and not `0`).
pub fn blessing() -> bool {
    std::env::var_os("TANDEM_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// `actual` against the file at `path`, or written there when blessing.
pub fn check_text(path: &Path, actual: &str) -> Result<(), String> {
    if blessing() {
        return write(path, actual.as_bytes());
    }
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{} differs (TANDEM_BLESS=1 rewrites it; then review the diff):\n{}",
        path.display(),
        diff(&expected, actual)
    ))
}

/// [`check_text`], as a test's assertion.
#[track_caller]
pub fn assert_text(path: &Path, actual: &str) {
    if let Err(message) = check_text(path, actual) {
        panic!("{message}");
    }
}

/// Every file of `actual` (relative path to bytes) against the folder `dir`,
/// which must hold exactly those files; the folder is replaced when blessing.
pub fn check_files(dir: &Path, actual: &BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    if blessing() {
        let _ = fs::remove_dir_all(dir);
        for (rel, bytes) in actual {
            write(&dir.join(rel), bytes)?;
        }
        return Ok(());
    }
    let expected = super::files(dir);
    let mut report = String::new();
    for path in expected.keys().chain(actual.keys()).collect::<BTreeSet<_>>() {
        match (expected.get(path), actual.get(path)) {
            (Some(a), Some(b)) if a != b => report.push_str(&format!(
                "  {path} differs:\n{}\n",
                diff(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b))
            )),
            (Some(_), None) => report.push_str(&format!("  {path} is in the folder but was not written\n")),
            (None, Some(_)) => report.push_str(&format!("  {path} was written but is not in the folder\n")),
            _ => {}
        }
    }
    if report.is_empty() {
        return Ok(());
    }
    Err(format!("{} differs (TANDEM_BLESS=1 rewrites it; then review the diff):\n{report}", dir.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The lines from the first that differs, a few of each side: enough to see
/// what changed without a diff tool.
fn diff(expected: &str, actual: &str) -> String {
    const SHOWN: usize = 6;
    let (want, got): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = want.iter().zip(&got).take_while(|(a, b)| a == b).count();
    let mut out = format!(
        "  first difference at line {} ({} lines expected, {} got)\n",
        first + 1,
        want.len(),
        got.len()
    );
    for line in want.iter().skip(first).take(SHOWN) {
        out.push_str(&format!("  - {line}\n"));
    }
    for line in got.iter().skip(first).take(SHOWN) {
        out.push_str(&format!("  + {line}\n"));
    }
    if first == want.len().min(got.len()) && want.len() == got.len() {
        out.push_str("  (the lines are equal: the line endings or the final newline differ)\n");
    }
    out
}
