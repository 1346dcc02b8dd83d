//! `tandem summary` through the real binary: each format on the sample data,
//! and no summary at all when the data is invalid (docs/commands.md).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> PathBuf {
    root().join("sample-data")
}

fn tandem(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .current_dir(root())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap_or_else(|e| panic!("cannot run tandem: {e}"))
}

fn summary(extra: &[&str]) -> Output {
    let data = sample().to_string_lossy().into_owned();
    let mut args = vec!["summary", data.as_str()];
    args.extend_from_slice(extra);
    tandem(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn markdown_is_the_default_with_a_title_and_the_status() {
    let run = summary(&[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let md = stdout(&run);
    assert!(md.starts_with("# Phoenix team health, week 2026-W47\n"), "{md}");
    assert!(md.contains("Healthy: 95 out of 100"), "{md}");
    assert!(md.contains("## Needs attention"), "{md}");
    assert!(md.contains("](https://example.github.io/phoenix-health/"), "links are absolute: {md}");
    assert_eq!(stderr(&run), "", "no diagnostics on clean data");
    assert_eq!(stdout(&summary(&["--format", "markdown"])), md);
}

#[test]
fn json_parses_and_holds_the_figures() {
    let run = summary(&["--format", "json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&run)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&run)));
    assert_eq!(v["team"], "Phoenix");
    assert_eq!(v["as_of"], "2026-11-20");
    assert_eq!(v["score"], 95);
    assert_eq!(v["status"]["label"], "Healthy");
    assert!(v["goals"].as_array().is_some_and(|g| g.len() == 3));
}

#[test]
fn text_has_no_markdown_and_fits_eighty_columns() {
    let run = summary(&["--format", "text"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(text.starts_with("Phoenix team health, week 2026-W47\n"), "{text}");
    assert!(text.contains("● Healthy: 95 out of 100"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too long: {line}");
        assert!(!line.starts_with('#'), "heading syntax: {line}");
        for syntax in ["**", "](", "- [", "_("] {
            assert!(!line.contains(syntax), "{syntax} in {line}");
        }
    }
}

#[test]
fn as_of_moves_the_report_date_and_warns_about_later_notes() {
    let run = summary(&["--as-of", "2026-09-13", "--format", "text"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("■ At risk: 17 out of 100"), "{}", stdout(&run));
    assert!(
        stderr(&run).starts_with(
            "warning: notes/2026/sprint-22/retro.md: 37 notes are dated after the report date 2026-09-13 and left out; the furthest is this one, dated 2026-11-20\n"
        ),
        "{}",
        stderr(&run)
    );

    // the same warning under --strict: exit 1 and no summary
    let strict = summary(&["--as-of", "2026-09-13", "--strict", "--message-format", "github"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert_eq!(stdout(&strict), "");
    assert!(stderr(&strict).starts_with("::error file="), "{}", stderr(&strict));
}

#[test]
fn invalid_data_prints_problems_and_no_summary() {
    let bad = root().join("tests/fixtures/check/yaml-syntax-error");
    let run = tandem(&["summary", &bad.to_string_lossy()]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(stdout(&run), "");
    assert!(stderr(&run).contains("error: sprints/s2.yaml:5:3: YAML syntax error"), "{}", stderr(&run));
    assert!(stderr(&run).ends_with("1 problem (1 error)\n"), "{}", stderr(&run));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let run = summary(&["--format", "html"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(stdout(&run), "");
}
