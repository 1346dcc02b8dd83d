//! Flow figures on small projects built by hand; the folder fixtures in
//! `tests/fixtures/flow/` work the same figures out on paper, through the binary.

use super::*;
use crate::model::{Backlog, BacklogItem, BacklogSnapshot, ItemStatus, Sprint, SprintItem};
use crate::testkit::{self, ProjectBuilder, date};

fn item(id: &str, status: ItemStatus, done: Option<&str>, started: Option<&str>) -> SprintItem {
    SprintItem { done: done.map(date), started: started.map(date), ..testkit::sprint_item(id, status) }
}

fn ready(n: usize, day: &str) -> BacklogSnapshot {
    let items = (0..n)
        .map(|i| BacklogItem {
            id: format!("R-{i}"),
            title: format!("Ready {i}"),
            points: None,
            item_type: None,
            state: BacklogState::Ready,
            created: date("2026-01-01"),
            updated: None,
            acceptance: Vec::new(),
            owner: None,
        })
        .collect();
    BacklogSnapshot { date: Some(date(day)), items, path: format!("backlog/{day}.yaml") }
}

/// S1 03-02..03-13 and S2 03-16..03-27; a 14-day flow window.
fn project() -> Project {
    let s1 = Sprint {
        items: vec![
            item("A", ItemStatus::Done, Some("2026-03-05"), Some("2026-03-02")),
            item("B", ItemStatus::Done, Some("2026-03-12"), Some("2026-03-10")),
            item("C", ItemStatus::NotDone, None, Some("2026-03-11")),
            item("D", ItemStatus::Done, Some("2026-03-13"), None),
        ],
        ..testkit::sprint("S1", "2026-03-02", "2026-03-13")
    };
    let s2 = Sprint {
        items: vec![
            item("C", ItemStatus::Done, Some("2026-03-18"), None),
            item("E", ItemStatus::Done, Some("2026-03-19"), Some("2026-03-19")),
            item("F", ItemStatus::NotDone, None, Some("2026-03-16")),
        ],
        ..testkit::sprint("S2", "2026-03-16", "2026-03-27")
    };
    let mut p = ProjectBuilder::new("Flow")
        .sprints(vec![s1, s2])
        .backlog(Backlog::Dated(vec![ready(3, "2026-03-02"), ready(2, "2026-03-16")]))
        .build();
    p.settings.flow_window_days = 14;
    p
}

#[test]
fn figures_as_of_a_date_in_the_second_sprint() {
    let p = project();
    let flow = Flow::new(&p);
    let rows = flow.rows(date("2026-03-20"), date("2026-03-20"));
    // F = [03-07, 03-20]: A (03-05) finished before it
    assert_eq!((rows.window.from, rows.window.days), (date("2026-03-07"), 14));
    let ids: Vec<&str> = rows.finished.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["B", "D", "C", "E"]);
    // B 03-10..03-12: 3 days; D no start; C 03-11 (S1) .. 03-18: 8 days; E same day: 1
    let times: Vec<Option<u32>> = rows.finished.iter().map(|r| r.cycle_time).collect();
    assert_eq!(times, [Some(3), None, Some(8), Some(1)]);
    let f = FlowFigures::of(&rows);
    assert_eq!(f.finished_items, 4);
    assert_eq!(f.throughput_per_week, 4.0 * 7.0 / 14.0);
    // sorted 1, 3, 8: ranks ceil(1.5) = 2, ceil(2.55) = 3, ceil(2.85) = 3
    assert_eq!((f.cycle_time_p50, f.cycle_time_p85, f.cycle_time_p95), (Some(3), Some(8), Some(8)));
    // F started 03-16: 5 days old, not past 8
    assert_eq!(f.wip, Some(1));
    assert_eq!(f.wip_ages[0].age, 5);
    assert_eq!(f.aging_over_p85, Some(0));
    // the 03-16 snapshot: 2 ready; S2 runs to 03-27: 7 days left
    assert_eq!(f.ready_items, Some(2));
    assert!(f.forecast_ready_p50.is_some_and(|d| d > date("2026-03-20")));
    assert!(f.forecast_sprint_p95 <= f.forecast_sprint_p85 && f.forecast_sprint_p85 <= f.forecast_sprint_p50);
    assert!(f.forecast_ready_p50 <= f.forecast_ready_p85 && f.forecast_ready_p85 <= f.forecast_ready_p95);
    assert!(f.weak());
}

#[test]
fn without_start_dates_cycle_time_wip_and_age_are_unknown() {
    let mut p = project();
    for item in p.sprints.iter_mut().flat_map(|s| &mut s.items) {
        item.started = None;
    }
    let f = FlowFigures::of(&Flow::new(&p).rows(date("2026-03-20"), date("2026-03-20")));
    assert_eq!(f.finished_items, 4, "throughput needs only finish dates");
    assert_eq!((f.cycle_time_p50, f.wip, f.aging_over_p85), (None, None, None));
    assert!(f.wip_ages.is_empty());
    assert!(f.forecast_ready_p85.is_some(), "the forecast needs only finish dates");
}

#[test]
fn no_backlog_no_ready_items_and_no_forecast() {
    let mut p = project();
    p.backlog = Backlog::Absent;
    let f = FlowFigures::of(&Flow::new(&p).rows(date("2026-03-20"), date("2026-03-20")));
    assert_eq!((f.ready_items, f.forecast_ready_p85), (None, None));
    // the sprint forecast needs no backlog
    assert!(f.forecast_sprint_p50.is_some());
    // on S2's last day no sprint runs
    let f = FlowFigures::of(&Flow::new(&p).rows(date("2026-03-27"), date("2026-03-27")));
    assert_eq!(f.forecast_sprint_p50, None);
}

#[test]
fn the_track_record_counts_forecasts_come_due() {
    let p = project();
    let flow = Flow::new(&p);
    let made = |d: &str, ready: usize, due: &str| {
        let mut f = FlowFigures::of(&flow.rows(date(d), date(d)));
        f.ready_items = Some(ready);
        f.forecast_ready_p85 = Some(date(due));
        f
    };
    // made 03-08 for 2 items due 03-13: B 03-12 and D 03-13 finished → true;
    // made 03-15 for 2 items due 03-19: C 03-18 and E 03-19 → true;
    // made 03-17 for 3 items due 03-19: only 2 → false; due 03-30: not yet due
    let dates = [date("2026-03-08"), date("2026-03-15"), date("2026-03-17"), date("2026-03-18")];
    let figures = [
        made("2026-03-08", 2, "2026-03-13"),
        made("2026-03-15", 2, "2026-03-19"),
        made("2026-03-17", 3, "2026-03-19"),
        made("2026-03-18", 1, "2026-03-30"),
    ];
    let rows = flow.calibrate(&dates, &figures, date("2026-03-20"));
    let verdicts: Vec<(usize, bool)> = rows.iter().map(|r| (r.finished, r.came_true())).collect();
    assert_eq!(verdicts, [(2, true), (2, true), (2, false)]);
}

#[test]
fn the_history_keeps_each_weeks_forecast_and_its_record() {
    let p = project();
    let flow = Flow::new(&p);
    let dates = [date("2026-03-08"), date("2026-03-15"), date("2026-03-22"), date("2026-03-27")];
    let weeks = flow.history(&dates, date("2026-03-27"));
    // each week's figures are those as of its date
    for (d, w) in dates.iter().zip(&weeks) {
        let mut alone = FlowFigures::of(&flow.rows(*d, date("2026-03-27")));
        alone.forecast_calibration = w.forecast_calibration;
        assert_eq!(&alone, w);
    }
    // the first week has no earlier forecast to judge
    assert_eq!(weeks[0].forecast_calibration, None);
    let weekly = flow.weekly(&dates);
    let counts: Vec<usize> = weekly.iter().map(|w| w.finished).collect();
    // 03-02..03-08: A; 03-09..03-15: B, D; 03-16..03-22: C, E; 03-23..03-27: none
    assert_eq!(counts, [1, 2, 2, 0]);
}

#[test]
fn docs_name_every_flow_key() {
    let docs = include_str!("../../../docs/figures.md");
    let json = serde_json::to_value(FlowFigures::default()).unwrap_or_default();
    let keys: Vec<&String> = json.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(keys.len(), 16);
    for key in keys {
        let short =
            key.rsplit_once("_p").filter(|(_, p)| p.parse::<u32>().is_ok()).map(|(_, p)| format!("`_p{p}`"));
        let named = docs.contains(&format!("`{key}`")) || short.is_some_and(|s| docs.contains(&s));
        assert!(named, "docs/figures.md's flow table lacks `{key}`");
    }
}
