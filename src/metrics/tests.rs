//! The whole report: dates, lists, the backlog.yaml rule and the JSON shape.

use std::collections::BTreeSet;

use serde_json::Value;

use super::fixture::{d, date, latest_snapshot, project};
use super::*;
use crate::model::Backlog;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

fn set(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

const DELIVERY: &[&str] = &["velocity", "say_do_rolling", "goal_success_rate"];
/// docs/figures.md "Flow and forecast as of D", in the table's order.
const FLOW: &[&str] = &[
    "finished_items",
    "throughput_per_week",
    "cycle_time_p50",
    "cycle_time_p85",
    "cycle_time_p95",
    "wip",
    "wip_ages",
    "aging_over_p85",
    "ready_items",
    "forecast_ready_p50",
    "forecast_ready_p85",
    "forecast_ready_p95",
    "forecast_sprint_p50",
    "forecast_sprint_p85",
    "forecast_sprint_p95",
    "forecast_calibration",
];
const BACKLOG: &[&str] = &[
    "open_items",
    "ready_points",
    "readiness_sprints",
    "stale_share",
    "acceptance_coverage",
    "top_estimated_share",
    "median_age_days",
];
const COLLABORATION: &[&str] = &[
    "touchpoints",
    "touchpoints_per_week",
    "max_gap_days",
    "po_event_attendance",
    "sm_event_attendance",
    "refinement_sessions",
    "joint_refinement_share",
    "actions_raised",
    "actions_done",
    "on_time_rate",
    "overdue_open",
    "cross_role_assists",
    "cross_role_assists_per_week",
    "impediments_raised",
    "median_resolution_days",
    "decisions",
    "joint_decision_share",
    "compromises",
    "scope_changes",
    "negotiated_scope_change_share",
];
const SPRINT: &[&str] = &[
    "running",
    "id",
    "name",
    "start",
    "end",
    "goal",
    "committed_points",
    "added_points",
    "removed_points",
    "completed_points",
    "completed_committed_points",
    "carry_over_points",
    "unestimated_items",
    "say_do",
    "scope_change",
    "goal_met",
    "impediments_raised",
    "impediments_open",
];

fn check_health(h: &Value) {
    assert_eq!(keys(h), set(&["score", "status", "practices"]));
    let practices = &h["practices"];
    // Spelt out from docs/figures.md, not read from the indicator table:
    // this checks the table against the document.
    let spec: [(&str, &[&str]); 5] = [
        ("backlog", &["readiness_sprints", "stale_share", "acceptance_coverage", "joint_refinement_share"]),
        (
            "communication",
            &["touchpoints_per_week", "max_gap_days", "po_event_attendance", "sm_event_attendance"],
        ),
        ("support", &["cross_role_assists_per_week", "median_resolution_days"]),
        ("accountability", &["on_time_rate", "overdue_open", "say_do_rolling", "goal_success_rate"]),
        ("compromise", &["joint_decision_share", "negotiated_scope_change_share"]),
    ];
    let names: Vec<&str> = spec.iter().map(|(p, _)| *p).collect();
    assert_eq!(keys(practices), set(&names));
    for (name, indicators) in spec {
        let p = &practices[name];
        assert_eq!(keys(p), set(&["score", "status", "indicators"]));
        assert_eq!(keys(&p["indicators"]), set(indicators));
    }
}

fn weeks_len(v: &Value) -> usize {
    v["weeks"].as_array().map_or(0, Vec::len)
}

#[test]
fn json_has_exactly_the_metrics_md_keys() {
    let report = compute(&project(), d());
    let text = to_json(&report);
    assert!(text.ends_with("}\n"));
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let top = [
        "schema_version",
        "generator",
        "team",
        "as_of",
        "window",
        "health",
        "delivery",
        "flow",
        "backlog",
        "collaboration",
        "sprints",
        "weeks",
        "notes",
        "actions",
        // docs/figures.md "Chart series"
        "backlog_ages",
        "action_weeks",
        // docs/figures.md "How each figure is worked out"
        "inputs",
        // docs/figures.md "Perception beside evidence"
        "checkins",
        "checkin_rounds",
    ];
    assert_eq!(keys(&v), set(&top));
    let scored: Vec<&str> = crate::indicators::Indicator::ALL.iter().map(|i| i.key()).collect();
    assert_eq!(keys(&v["inputs"]), set(&scored));
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["generator"], format!("tandem {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(v["team"], "Phoenix");
    assert_eq!(v["as_of"], "2026-10-20");
    let window = serde_json::json!({"from": "2026-09-23", "to": "2026-10-20", "days": 28});
    assert_eq!(v["window"], window);
    check_health(&v["health"]);
    assert_eq!(keys(&v["delivery"]), set(DELIVERY));
    assert_eq!(keys(&v["flow"]), set(FLOW));
    // each flow key once in the whole file (weeks aside), and no flow figure under delivery
    for key in FLOW {
        let top = text.matches(&format!("\"{key}\"")).count();
        assert_eq!(top, weeks_len(&v) + 1, "{key} appears once in flow and once per week");
    }
    assert_eq!(keys(&v["backlog"]), set(BACKLOG));
    assert_eq!(keys(&v["collaboration"]), set(COLLABORATION));
    let sprints = v["sprints"].as_array().cloned().unwrap_or_default();
    assert_eq!(sprints.len(), 4);
    let sprint_keys = set(&[SPRINT, &["rolling_velocity", "burnup"]].concat());
    assert!(sprints.iter().all(|s| keys(s) == sprint_keys));
    let weeks = v["weeks"].as_array().cloned().unwrap_or_default();
    assert_eq!(weeks.len(), 7);
    for w in &weeks {
        let expected = ["week", "as_of", "health", "delivery", "flow", "backlog", "collaboration"];
        assert_eq!(keys(w), set(&expected));
        assert_eq!(keys(&w["flow"]), set(FLOW));
        check_health(&w["health"]);
        assert_eq!(keys(&w["collaboration"]), set(COLLABORATION));
    }
    let note_keys = ["path", "url", "date", "kind", "title", "attendees", "action_items", "decisions"];
    let notes = v["notes"].as_array().cloned().unwrap_or_default();
    assert!(!notes.is_empty() && notes.iter().all(|n| keys(n) == set(&note_keys)));
    let action_keys = ["owners", "text", "raised", "due", "done", "note"];
    let actions = v["actions"].as_array().cloned().unwrap_or_default();
    assert!(!actions.is_empty() && actions.iter().all(|a| keys(a) == set(&action_keys)));
}

#[test]
fn json_key_order_follows_metrics_md() {
    let text = to_json(&compute(&project(), d()));
    let at = |needle: &str, from: usize| text[from..].find(needle).map(|i| i + from);
    // top level
    let mut pos = 0;
    for key in ["\"schema_version\"", "\"generator\"", "\"team\"", "\"as_of\"", "\"window\""] {
        pos = at(key, pos).unwrap_or_else(|| panic!("{key} out of order"));
    }
    // practices in the order of the Scores table
    let mut pos = at("\"practices\"", 0).unwrap_or_default();
    for p in ["backlog", "communication", "support", "accountability", "compromise"] {
        pos = at(&format!("\"{p}\": {{"), pos).unwrap_or_else(|| panic!("{p} out of order"));
    }
    for key in ["\"delivery\"", "\"flow\"", "\"backlog\"", "\"collaboration\"", "\"sprints\"", "\"weeks\""] {
        pos = at(key, pos).unwrap_or_else(|| panic!("{key} out of order"));
    }
    let mut pos = at("\"flow\"", 0).unwrap_or_default();
    for key in FLOW {
        pos = at(&format!("\"{key}\""), pos).unwrap_or_else(|| panic!("{key} out of order"));
    }
    assert!(at("\"notes\"", pos).is_some());
    // nulls and unrounded floats
    assert!(text.contains("\"goal_met\": null"));
    assert!(text.contains(&format!("\"velocity\": {}", 31.0_f64 / 3.0)));
}

#[test]
fn report_lists_and_dates() {
    let r = compute(&project(), d());
    assert_eq!(r.window.from, date("2026-09-23"));
    // S4 started on 10-19 (running on D) is listed
    let ids: Vec<&str> = r.sprints.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["S1", "S2", "S3", "S4"]);
    // notes: nine dated on or before D (N10 10-21 left out), by date then path:
    // 10-02 retro before 10-02 review
    let paths: Vec<&str> = r.notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths.len(), 9);
    assert_eq!(paths[4], "notes/2026-10-02-retro.md");
    assert_eq!(paths[5], "notes/2026-10-02-review.md");
    let review = &r.notes[5];
    assert_eq!(review.url, "notes/2026-10-02-review/");
    assert_eq!(review.attendees, ["alice", "carol", "dan", "guest:Jane Doe"]);
    assert_eq!((review.kind, review.action_items, review.decisions), ("review", 1, 1));
    // actions by raised date then text; done dates only from notes up to D
    let texts: Vec<&str> = r.actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "book staging",
            "write the checklist",
            "clarify B5 acceptance",
            "pair on deploy script",
            json::PRIVATE_TEXT,
            "book demo room"
        ]
    );
    assert_eq!(r.actions[3].done, None);
    assert_eq!(r.tracked.len(), 6);
    // the private note's action keeps its path, dates and owners
    assert_eq!(r.actions[4].note, "notes/2026-10-05-planning.md");
    assert_eq!(r.actions[4].due, Some(date("2026-10-30")));
    assert!(r.notes[6].private);
}

#[test]
fn an_earlier_report_date_sees_nothing_later() {
    let r = compute(&project(), date("2026-10-01"));
    // S3 starts 10-05: not listed; S2 (09-21 .. 10-02) is running
    let ids: Vec<&str> = r.sprints.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["S1", "S2"]);
    // notes up to 10-01: N1 .. N4
    assert_eq!(r.notes.len(), 4);
    // clarify B5 (checked 10-02) is not done yet
    let clarify = r.actions.iter().find(|a| a.text == "clarify B5 acceptance");
    assert_eq!(clarify.map(|a| a.done), Some(None));
    // the 09-01 snapshot is the backlog as of 10-01: P1 ready 5, P2 new
    assert_eq!(r.backlog.as_ref().map(|b| b.open_items), Some(2));
    // weeks W37 .. W40, the last as of 10-01 (a Thursday)
    assert_eq!(r.weeks.len(), 4);
    assert_eq!(r.weeks[3].as_of, date("2026-10-01"));
    assert_eq!(r.weeks[3].week, "2026-W40");
}

#[test]
fn dated_snapshots_follow_the_week() {
    let r = compute(&project(), d());
    // W37 .. W41 (as of 09-13 .. 10-11) use the 09-01 snapshot; W42 (10-18) and W43 the 10-15 one
    let open: Vec<Option<usize>> = r.weeks.iter().map(|w| w.backlog.as_ref().map(|b| b.open_items)).collect();
    assert_eq!(open, [Some(2), Some(2), Some(2), Some(2), Some(2), Some(5), Some(5)]);
    // readiness uses the velocity as of the same week: W37 has no ended sprint → null
    assert_eq!(r.weeks[0].backlog.as_ref().map(|b| b.readiness_sprints), Some(None));
    // W38 (09-20): velocity 5 (S1), ready 5 → 1 sprint
    assert_eq!(r.weeks[1].backlog.as_ref().map(|b| b.readiness_sprints), Some(Some(1.0)));
}

#[test]
fn backlog_yaml_counts_only_from_the_report_date() {
    let mut p = project();
    let mut current = latest_snapshot();
    current.date = None;
    p.backlog = Backlog::Current(current);
    let r = compute(&p, d());
    assert_eq!(r.backlog.as_ref().map(|b| b.open_items), Some(5));
    // every earlier week has no backlog figures; the last (as of D) has them
    let has: Vec<bool> = r.weeks.iter().map(|w| w.backlog.is_some()).collect();
    assert_eq!(has, [false, false, false, false, false, false, true]);
    // and its backlog practice has no readiness/stale/acceptance scores then
    let backlog = r.weeks[0].health.practice(crate::indicators::Practice::Backlog);
    let scored = backlog.map(|p| p.indicators.iter().filter(|i| i.score.is_some()).count());
    // only joint_refinement_share could be scored, and W37's window has no refinement
    assert_eq!(scored, Some(0));
    let text = to_json(&r);
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    assert_eq!(v["weeks"][0]["backlog"], Value::Null);
}

#[test]
fn no_backlog_is_null_in_json() {
    let mut p = project();
    p.backlog = Backlog::Absent;
    let v: Value = serde_json::from_str(&to_json(&compute(&p, d()))).unwrap_or(Value::Null);
    assert_eq!(v["backlog"], Value::Null);
    assert_eq!(v["health"]["practices"]["backlog"]["indicators"]["stale_share"], Value::Null);
}

#[test]
fn helpers() {
    assert_eq!(days_between(date("2027-01-01"), date("2026-12-25")), 7);
    assert_eq!(days_between(date("2026-12-25"), date("2027-01-01")), -7);
    assert_eq!(add_days(date("2026-12-28"), 7), date("2027-01-04"));
    assert_eq!(ratio(1.0, 0.0), None);
    assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(vec![4.0, 1.0]), Some(2.5));
    assert_eq!(median(vec![]), None);
    assert_eq!(mean(&[]), None);
}

#[test]
fn same_data_same_bytes() {
    let p = project();
    assert_eq!(to_json(&compute(&p, d())), to_json(&compute(&p, d())));
}

#[test]
fn an_empty_sum_is_positive_zero() {
    // Iterator::sum over f64 starts from -0.0; metrics.json must never say -0.0.
    assert!(crate::metrics::total(std::iter::empty()).is_sign_positive());
    assert_eq!(serde_json::to_string(&crate::metrics::total([])).unwrap_or_default(), "0.0");
}
