//! `tandem summary` through the real binary: each format on the sample data,
//! and no summary at all when the data is invalid (docs/commands.md).

mod common;

use common::{Ran, repo};

fn tandem(args: &[&str]) -> Ran {
    common::tandem(args, repo())
}

fn summary(extra: &[&str]) -> Ran {
    let mut args = vec!["summary", "sample-data"];
    args.extend_from_slice(extra);
    tandem(&args)
}

#[test]
fn markdown_is_the_default_with_a_title_and_the_status() {
    let run = summary(&[]);
    assert!(run.success(), "{}", run.stderr);
    let md = &run.stdout;
    assert!(md.starts_with("# Phoenix team health, week 2026-W47\n"), "{md}");
    assert!(md.contains("Healthy: 95 out of 100"), "{md}");
    assert!(md.contains("## Needs attention"), "{md}");
    assert!(md.contains("](https://example.github.io/phoenix-health/"), "links are absolute: {md}");
    assert_eq!(run.stderr, "", "no diagnostics on clean data");
    assert_eq!(&summary(&["--format", "markdown"]).stdout, md);
}

#[test]
fn json_parses_and_holds_the_figures() {
    let run = summary(&["--format", "json"]);
    assert!(run.success(), "{}", run.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    assert_eq!(v["team"], "Phoenix");
    assert_eq!(v["as_of"], "2026-11-20");
    assert_eq!(v["score"], 95);
    assert_eq!(v["status"]["label"], "Healthy");
    assert!(v["goals"].as_array().is_some_and(|g| g.len() == 3));
}

#[test]
fn text_has_no_markdown_and_fits_eighty_columns() {
    let run = summary(&["--format", "text"]);
    assert!(run.success(), "{}", run.stderr);
    let text = run.stdout;
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
    assert!(run.success(), "{}", run.stderr);
    assert!(run.stdout.contains("■ At risk: 19 out of 100"), "{}", run.stdout);
    assert!(
        run.stderr.starts_with(
            "warning: notes/2026/sprint-22/retro.md: 37 notes are dated after the report date 2026-09-13 and left out; the furthest is this one, dated 2026-11-20\n"
        ),
        "{}",
        run.stderr
    );

    // the same warning under --strict: exit 1 and no summary
    let strict = summary(&["--as-of", "2026-09-13", "--strict", "--message-format", "github"]);
    assert_eq!(strict.code(), Some(1), "{}", strict.stderr);
    assert_eq!(strict.stdout, "");
    assert!(strict.stderr.starts_with("::error file="), "{}", strict.stderr);
}

#[test]
fn invalid_data_prints_problems_and_no_summary() {
    let run = tandem(&["summary", "tests/fixtures/check/yaml-syntax-error"]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("error: sprints/s2.yaml:5:3: YAML syntax error"), "{}", run.stderr);
    assert!(run.stderr.ends_with("1 problem (1 error)\n"), "{}", run.stderr);
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let run = summary(&["--format", "html"]);
    assert_eq!(run.code(), Some(2), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}
