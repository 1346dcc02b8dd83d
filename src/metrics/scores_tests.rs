//! Curves, means, bands and the fixture's scores.

use super::*;
use crate::indicators::{Indicator, Practice};
use crate::metrics::fixture::{d, project};
use crate::metrics::snapshot;

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

fn indicator(key: &str) -> Indicator {
    Indicator::from_key(key).unwrap_or_else(|| panic!("no indicator {key}"))
}

fn default_score(key: &str, figure: f64) -> Option<f64> {
    score_on(indicator(key).curve(), figure)
}

#[test]
fn curves_interpolate_and_clamp() {
    // stale_share: 100 at 0, 0 at 0.5
    assert_eq!(default_score("stale_share", 0.25), Some(50.0));
    assert_eq!(default_score("stale_share", 0.8), Some(0.0));
    assert_eq!(default_score("stale_share", 0.0), Some(100.0));
    // on_time_rate: 0 at 0.3, 100 at 0.9 → 0.6 is halfway; below 0.3 clamps to 0
    assert!(close(default_score("on_time_rate", 0.6), 50.0));
    assert_eq!(default_score("on_time_rate", 0.1), Some(0.0));
    assert_eq!(default_score("on_time_rate", 1.0), Some(100.0));
    // max_gap_days: 100 at 7, 0 at 21 → 14 is 50
    assert_eq!(default_score("max_gap_days", 14.0), Some(50.0));
    assert_eq!(default_score("max_gap_days", 3.0), Some(100.0));
    assert_eq!(default_score("max_gap_days", 30.0), Some(0.0));
    // overdue_open: 100 at 0, 0 at 5 → 2 is 60
    assert_eq!(default_score("overdue_open", 2.0), Some(60.0));
    // median_resolution_days: 100 at 2, 0 at 10 → 5 is 62.5
    assert_eq!(default_score("median_resolution_days", 5.0), Some(62.5));
    // an empty curve gives no score
    assert_eq!(score_on(&[], 1.0), None);
}

#[test]
fn readiness_rises_plateaus_then_falls_to_fifty() {
    let r = |f| default_score("readiness_sprints", f);
    assert_eq!(r(0.0), Some(0.0));
    // 0.75 / 1.5 * 100
    assert_eq!(r(0.75), Some(50.0));
    assert_eq!((r(1.5), r(2.0), r(3.0)), (Some(100.0), Some(100.0), Some(100.0)));
    // 3 → 6 goes 100 → 50: 4.5 is 75
    assert_eq!(r(4.5), Some(75.0));
    assert_eq!((r(6.0), r(12.0)), (Some(50.0), Some(50.0)));
}

#[test]
fn settings_override_a_curve() {
    let mut thresholds = BTreeMap::new();
    thresholds.insert("max_gap_days".to_string(), Curve(vec![(7.0, 100.0), (28.0, 0.0)]));
    // 14 on (7,100)-(28,0): 100 - 7/21 * 100
    assert!(close(score_on(curve(indicator("max_gap_days"), &thresholds), 14.0), 200.0 / 3.0));
    // other indicators keep their default
    assert_eq!(curve(indicator("stale_share"), &thresholds), indicator("stale_share").curve());
}

#[test]
fn status_bands() {
    assert_eq!(Status::of(Some(75.0)), Status::Healthy);
    assert_eq!(Status::of(Some(74.999)), Status::Watch);
    assert_eq!(Status::of(Some(50.0)), Status::Watch);
    assert_eq!(Status::of(Some(49.999)), Status::AtRisk);
    assert_eq!(Status::of(Some(0.0)), Status::AtRisk);
    assert_eq!(Status::of(None), Status::NoData);
    let spelt: Vec<&str> =
        [Status::Healthy, Status::Watch, Status::AtRisk, Status::NoData].iter().map(|s| s.as_str()).collect();
    assert_eq!(spelt, ["healthy", "watch", "at-risk", "no-data"]);
    // The states and shapes `ui.status` in components.html expects.
    let all = [Status::Healthy, Status::Watch, Status::AtRisk, Status::NoData];
    assert_eq!(all.map(Status::state), ["healthy", "watch", "risk", "none"]);
    assert_eq!(all.map(Status::shape), ["●", "▲", "■", "○"]);
    assert_eq!(Status::AtRisk.label(), "At risk");
    assert_eq!(Status::NoData.label(), "No data");
}

fn scored(key: &str, score: Option<f64>) -> IndicatorScore {
    IndicatorScore { indicator: indicator(key), figure: score, score, unscored: None }
}

#[test]
fn means_skip_nulls() {
    // (80 + 40) / 2; the null indicator is left out
    let p = PracticeScore::from_indicators(
        Practice::Support,
        vec![
            scored("cross_role_assists_per_week", Some(80.0)),
            scored("median_resolution_days", None),
            scored("stale_share", Some(40.0)),
        ],
    );
    assert_eq!((p.score, p.status), (Some(60.0), Status::Watch));
    let empty =
        PracticeScore::from_indicators(Practice::Compromise, vec![scored("joint_decision_share", None)]);
    assert_eq!((empty.score, empty.status), (None, Status::NoData));
    // health: (60 + 90) / 2, the null practice left out
    let full = PracticeScore::from_indicators(Practice::Backlog, vec![scored("stale_share", Some(90.0))]);
    let h = Health::from_practices(vec![p, empty.clone(), full]);
    assert_eq!((h.score, h.status), (Some(75.0), Status::Healthy));
    let none = Health::from_practices(vec![empty]);
    assert_eq!((none.score, none.status), (None, Status::NoData));
}

#[test]
fn fixture_scores_at_d() {
    // Every figure scored, even over one row: the curves' arithmetic. The
    // next test keeps the default of 3.
    let mut p = project();
    p.settings.min_evidence = 1;
    let entries = crate::metrics::sprint_entries(&p, d());
    let h = snapshot(&crate::metrics::Timeline::new(&p), &entries, d(), d()).health;
    let names: Vec<&str> = h.practices.iter().map(|p| p.key()).collect();
    assert_eq!(names, ["backlog", "communication", "support", "accountability", "compromise"]);
    let score = |key: &str| h.practices.iter().find(|p| p.key() == key).and_then(|p| p.score);
    // backlog: readiness 24/31 → 24/31/1.5*100; stale 0.4 → 20; acceptance 0.5 → 50; joint 0.5 → 50
    let backlog = (24.0 / 31.0 / 1.5 * 100.0 + 20.0 + 50.0 + 50.0) / 4.0;
    assert!(close(score("backlog"), backlog));
    // communication: 1/week → 50; gap 9 → 100 - 2/14*100; attendance 2/3 → (2/3 - 0.5)/0.5*100 twice
    let att = (2.0 / 3.0 - 0.5) / 0.5 * 100.0;
    let communication = (50.0 + (100.0 - 200.0 / 14.0) + att + att) / 4.0;
    assert!(close(score("communication"), communication));
    // support: 1 assist/week → 100; median 5 days → 62.5
    assert!(close(score("support"), 81.25));
    // accountability: on time 0.5 → 0.2/0.6*100; overdue 2 → 60;
    // say/do 26/38 → (26/38 - 0.5)/0.4*100; goals 0.5 → 50
    let accountability = (0.2 / 0.6 * 100.0 + 60.0 + (26.0 / 38.0 - 0.5) / 0.4 * 100.0 + 50.0) / 4.0;
    assert!(close(score("accountability"), accountability));
    // compromise: joint 4/6 → 66.67; negotiated 2/6 → 33.33
    assert!(close(score("compromise"), 50.0));
    let health = (backlog + communication + 81.25 + accountability + 50.0) / 5.0;
    assert!(close(h.score, health));
    assert_eq!(h.status, Status::of(Some(health)));
    // each indicator carries its figure next to its score
    let stale = h.practice(Practice::Backlog).and_then(|p| p.indicators.get(1));
    assert_eq!(
        stale.map(|i| (i.indicator.key(), i.figure, i.score)),
        Some(("stale_share", Some(0.4), Some(20.0)))
    );
}

#[test]
fn no_backlog_and_no_po_leave_only_what_is_known() {
    let mut p = project();
    p.settings.min_evidence = 1;
    p.backlog = crate::model::Backlog::Absent;
    p.team.members[0].role = crate::model::Role::Developer;
    let entries = crate::metrics::sprint_entries(&p, d());
    let h = snapshot(&crate::metrics::Timeline::new(&p), &entries, d(), d()).health;
    // backlog: no snapshot and no PO → every indicator null
    assert_eq!(h.practice(Practice::Backlog).map(|p| p.status), Some(Status::NoData));
    // communication: only sm_event_attendance 2/3 → 33.33
    let communication = h.practice(Practice::Communication).and_then(|p| p.score);
    assert!(close(communication, (2.0 / 3.0 - 0.5) / 0.5 * 100.0));
    // support: median resolution only → 62.5
    assert!(close(h.practice(Practice::Support).and_then(|p| p.score), 62.5));
    // compromise: negotiated share only → 33.33
    assert!(close(h.practice(Practice::Compromise).and_then(|p| p.score), 100.0 / 3.0));
}

#[test]
fn a_share_or_median_over_fewer_than_three_rows_is_shown_but_not_scored() {
    let p = project();
    assert_eq!(p.settings.min_evidence, 3);
    let entries = crate::metrics::sprint_entries(&p, d());
    let h = snapshot(&crate::metrics::Timeline::new(&p), &entries, d(), d()).health;
    let find = |key: &str| {
        h.practices.iter().flat_map(|p| &p.indicators).find(|i| i.indicator.key() == key).cloned()
    };
    // Over two rows each: 2 ready items, 2 refinements, 2 impediments resolved
    // in W, 2 assessed goals. Their figures stay; their scores go.
    for (key, counted, rows) in [
        ("acceptance_coverage", 1, 2),
        ("joint_refinement_share", 1, 2),
        ("median_resolution_days", 2, 2),
        ("goal_success_rate", 1, 2),
    ] {
        let i = find(key).unwrap_or_else(|| panic!("{key}"));
        assert!(i.figure.is_some(), "{key} keeps its figure");
        assert_eq!(i.score, None, "{key}");
        assert_eq!(i.unscored, Some(Unscored::TooLittle { counted, rows, unrecorded: 0 }), "{key}");
    }
    // Three rows or more are scored: 3 sprint events, 4 action items due, 5 open items.
    for key in ["po_event_attendance", "on_time_rate", "stale_share"] {
        assert!(find(key).and_then(|i| i.score).is_some(), "{key}");
    }
    let score = |key: &str| h.practices.iter().find(|p| p.key() == key).and_then(|p| p.score);
    // backlog: readiness 24/31 over 1.5, stale 0.4 → 20
    assert!(close(score("backlog"), (24.0 / 31.0 / 1.5 * 100.0 + 20.0) / 2.0));
    // support: 1 assist a week → 100 alone
    assert!(close(score("support"), 100.0));
    // accountability: on time 0.5 → 33.33, overdue 2 → 60, say/do 26/38
    let accountability = (0.2 / 0.6 * 100.0 + 60.0 + (26.0 / 38.0 - 0.5) / 0.4 * 100.0) / 3.0;
    assert!(close(score("accountability"), accountability));
}

#[test]
fn one_event_never_swings_a_practice() {
    // A compromise practice resting on "0 of 1 scope changes negotiated"
    // has no score at all: not 0, not at risk.
    let mut p = project();
    p.notes.retain(|n| n.decisions.is_empty());
    for s in &mut p.sprints {
        s.items.retain(|i| i.added.is_none() && i.removed.is_none());
    }
    if let Some(item) = p.sprints[3].items.first_mut() {
        item.status = crate::model::ItemStatus::Removed;
        item.removed = Some(crate::metrics::fixture::date("2026-10-19"));
    }
    let entries = crate::metrics::sprint_entries(&p, d());
    let h = snapshot(&crate::metrics::Timeline::new(&p), &entries, d(), d()).health;
    let compromise = h.practice(Practice::Compromise).unwrap_or_else(|| panic!("compromise"));
    let negotiated = &compromise.indicators[1];
    assert_eq!(negotiated.figure, Some(0.0));
    assert_eq!(negotiated.unscored, Some(Unscored::TooLittle { counted: 0, rows: 1, unrecorded: 0 }));
    assert_eq!((compromise.score, compromise.status), (None, Status::NoData));
}
