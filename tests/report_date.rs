//! The report date is today (in `timezone`, from `SOURCE_DATE_EPOCH` when
//! set), and anything dated after it is left out of every figure (docs/data.md);
//! flags are validated as strictly as tandem.yaml (docs/commands.md).

mod common;

use std::path::{Path, PathBuf};

use common::{Ran, Sandbox, Tandem, repo};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/check").join(name)
}

/// `tandem ARGS` with "today" at `epoch`.
fn tandem(args: &[&str], epoch: &str) -> Ran {
    Tandem::new(repo()).epoch(epoch).args(args).run()
}

/// 2026-11-29 12:00 UTC: already 2026-11-30 in Pacific/Kiritimati (UTC+14).
const EPOCH: &str = "1795953600";

fn metrics(data: &Path, epoch: &str, extra: &[&str]) -> serde_json::Value {
    let out = Sandbox::empty();
    let site = out.join("site");
    let run =
        out.command().epoch(epoch).arg("build").arg(data).arg("-o").arg(&site).arg("-q").args(extra).run();
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(site.join("metrics.json")).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("metrics.json: {e}"))
}

#[test]
fn today_in_the_time_zone_is_the_report_date_and_later_things_are_left_out() {
    let m = metrics(&fixture("report-date-today"), EPOCH, &[]);
    assert_eq!(m["as_of"], "2026-11-30");
    let sprints: Vec<&str> =
        m["sprints"].as_array().into_iter().flatten().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(sprints, vec!["S1", "S2"], "a sprint not yet started is left out");
    let notes: Vec<&str> =
        m["notes"].as_array().into_iter().flatten().filter_map(|n| n["path"].as_str()).collect();
    assert_eq!(notes, vec!["notes/2026-11-30-standup.md"]);
    // The running sprint is not counted as finished: velocity is S1's alone.
    assert_eq!(m["delivery"]["velocity"], 5.0);
    // Only the snapshot of 2026-11-02, without the item created after the report date.
    assert_eq!(m["backlog"]["open_items"], 1);
    assert_eq!(m["backlog"]["median_age_days"], 29.0);
}

#[test]
fn as_of_still_wins_over_today() {
    let m = metrics(&fixture("report-date-today"), EPOCH, &["--as-of", "2026-10-16"]);
    assert_eq!(m["as_of"], "2026-10-16");
}

#[test]
fn a_bad_source_date_epoch_is_a_usage_error() {
    let run = tandem(&["check", &fixture("valid-minimal").to_string_lossy()], "yesterday");
    assert_eq!(run.code(), Some(2));
    assert_eq!(
        run.stderr,
        "error: SOURCE_DATE_EPOCH should be a number of seconds since 1970 (found \"yesterday\")\n"
    );
}

#[test]
fn base_url_flags_are_validated_like_tandem_yaml() {
    let data = fixture("valid-minimal").to_string_lossy().into_owned();
    for command in ["build", "summary"] {
        let run = tandem(&[command, &data, "--base-url", "acme.github.io/phoenix"], EPOCH);
        assert_eq!(run.code(), Some(2), "{command}: {}", run.stderr);
        assert!(run.stderr.contains("should be an absolute URL starting with https://"), "{}", run.stderr);
    }
    let run = tandem(&["summary", &data, "--base-url", "https://acme.github.io/phoenix"], EPOCH);
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let text = &run.stdout;
    assert!(text.contains("https://acme.github.io/phoenix/"), "{text}");
}

#[test]
fn a_data_folder_that_does_not_exist_is_a_usage_error() {
    for command in ["build", "check", "summary"] {
        let run = tandem(&[command, "/nonexistent/tandem-data"], EPOCH);
        assert_eq!(run.code(), Some(2), "{command}");
    }
}
