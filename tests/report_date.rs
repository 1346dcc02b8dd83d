//! The report date is today (in `timezone`, from `SOURCE_DATE_EPOCH` when
//! set), and anything dated after it is left out of every figure (docs/data.md);
//! flags are validated as strictly as tandem.yaml (docs/commands.md).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check").join(name)
}

fn tandem(args: &[&str], epoch: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .env_clear()
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tandem: {e}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// 2026-11-29 12:00 UTC: already 2026-11-30 in Pacific/Kiritimati (UTC+14).
const EPOCH: &str = "1795953600";

fn metrics(data: &Path, epoch: &str, extra: &[&str]) -> serde_json::Value {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = out.path().join("site");
    let site_arg = site.to_string_lossy().into_owned();
    let data_arg = data.to_string_lossy().into_owned();
    let mut args = vec!["build", data_arg.as_str(), "-o", site_arg.as_str(), "-q"];
    args.extend(extra);
    let run = tandem(&args, epoch);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
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
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        "error: SOURCE_DATE_EPOCH should be a number of seconds since 1970 (found \"yesterday\")\n"
    );
}

#[test]
fn base_url_flags_are_validated_like_tandem_yaml() {
    let data = fixture("valid-minimal").to_string_lossy().into_owned();
    for command in ["build", "summary"] {
        let run = tandem(&[command, &data, "--base-url", "acme.github.io/phoenix"], EPOCH);
        assert_eq!(run.status.code(), Some(2), "{command}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("should be an absolute URL starting with https://"),
            "{}",
            stderr(&run)
        );
    }
    let run = tandem(&["summary", &data, "--base-url", "https://acme.github.io/phoenix"], EPOCH);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.contains("https://acme.github.io/phoenix/"), "{text}");
}

#[test]
fn a_data_folder_that_does_not_exist_is_a_usage_error() {
    for command in ["build", "check", "summary"] {
        let run = tandem(&[command, "/nonexistent/tandem-data"], EPOCH);
        assert_eq!(run.status.code(), Some(2), "{command}");
    }
}
