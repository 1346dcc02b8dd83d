//! Flow and forecast through the real binary, on the cases under
//! `tests/fixtures/flow/`: each holds a data folder, a README working every
//! figure out by hand, and `expected.json`, those figures. A value written
//! `{"any_of": [...]}` is a forecast the exact distribution puts on a
//! boundary (the README says why), where any of those is within sampling
//! error. The hand-checked figures are never rewritten by a test.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::tandem;

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flow").join(name)
}

/// Builds `case` into a fresh folder; the folder and its metrics.json.
fn build(name: &str, out: &Path) -> Value {
    let run = tandem(
        &["build", &case(name).display().to_string(), "-o", &out.display().to_string(), "-q"],
        Path::new("."),
    );
    assert!(run.success(), "{name}: {}", run.stderr);
    let text = fs::read_to_string(out.join("metrics.json")).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn expected(name: &str) -> Value {
    let text = fs::read_to_string(case(name).join("expected.json")).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}/expected.json: {e}"))
}

/// Every expected key of `want` against `got`; the differences.
fn compare(what: &str, want: &Value, got: &Value) -> Vec<String> {
    let Some(keys) = want.as_object() else { return vec![format!("{what}: expected an object")] };
    keys.iter()
        .filter_map(|(key, w)| {
            let g = &got[key.as_str()];
            let ok = match w.get("any_of").and_then(Value::as_array) {
                Some(choices) => choices.contains(g),
                None => match (w.as_f64(), g.as_f64()) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    _ => w == g,
                },
            };
            (!ok).then(|| format!("{what}.{key}: expected {w}, got {g}"))
        })
        .collect()
}

fn check_case(name: &str) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let metrics = build(name, &tmp.path().join("site"));
    let want = expected(name);
    assert_eq!(metrics["as_of"], want["as_of"], "{name}");
    let mut problems = compare("flow", &want["flow"], &metrics["flow"]);
    let flow_keys: Vec<&String> = metrics["flow"].as_object().map(|o| o.keys().collect()).unwrap_or_default();
    let want_keys: Vec<&String> = want["flow"].as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(flow_keys, want_keys, "{name}: expected.json checks every flow key");
    for (week, figures) in want["weeks"].as_object().into_iter().flatten() {
        let got = metrics["weeks"].as_array().into_iter().flatten().find(|w| w["week"] == week.as_str());
        let Some(got) = got else {
            problems.push(format!("week {week} is missing"));
            continue;
        };
        let mut flow = got["flow"].clone();
        flow["as_of"] = got["as_of"].clone();
        problems.extend(compare(&format!("weeks.{week}"), figures, &flow));
    }
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
}

#[test]
fn hand_worked_figures() {
    check_case("hand-worked");
}

#[test]
fn every_weeks_forecast_is_kept_and_scored() {
    check_case("track-record");
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for name in ["hand-worked", "track-record"] {
        let (a, b) = (tmp.path().join(format!("{name}-a")), tmp.path().join(format!("{name}-b")));
        build(name, &a);
        build(name, &b);
        let (a, b) = (common::files(&a), common::files(&b));
        assert!(a.contains_key("flow/index.html"));
        assert!(
            a == b,
            "{name}: two builds differ in {:?}",
            a.keys().filter(|k| a.get(*k) != b.get(*k)).collect::<Vec<_>>()
        );
    }
}

#[test]
fn without_start_dates_cycle_time_wip_and_age_say_no_data() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("site");
    build("track-record", &out);
    let page = fs::read_to_string(out.join("flow/index.html")).unwrap_or_default();
    for label in ["Cycle time", "Work in progress", "Older than 85% of finished items"] {
        let shown = format!(
            "<span class=\"indicator-name\">{label}</span> <span class=\"indicator-figure flow-figure\">no data</span>"
        );
        assert!(page.contains(&shown), "{label} is not \"no data\":\n{page}");
    }
    assert!(
        page.contains("<span class=\"indicator-figure flow-figure\">3 items a week</span>"),
        "throughput needs no start"
    );
    let dashboard = fs::read_to_string(out.join("index.html")).unwrap_or_default();
    // the dashboard states the 85% date, its track record, the guard and the carry-over
    assert!(
        dashboard.contains("The 2 ready items: 50% by Thu 12 Feb, 85% by Sun 15 Feb, 95% by "),
        "{dashboard}"
    );
    assert!(dashboard.contains("— of 3 past forecasts at 85%, 2 came true."), "{dashboard}");
    assert!(dashboard.contains("A weak forecast: only 6 items were finished"), "{dashboard}");
    assert!(dashboard.contains("1 item was carried over two or more sprints in a row"), "{dashboard}");
}
