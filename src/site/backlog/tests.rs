#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::model::Backlog;
use crate::site::sprints::fixture::{project, with_input, with_project};

#[test]
fn shows_the_latest_snapshot_on_or_before_the_report_date() {
    let page = with_input(index);
    assert_eq!(page.path, "backlog/index.html");
    let snapshot = page.view.snapshot.as_ref().unwrap();
    // 10-30 is after the report date (10-16): the 10-12 snapshot it is
    assert_eq!(
        (snapshot.date.iso.as_str(), snapshot.file.as_str()),
        ("2026-10-12", "backlog/2026-10-12.yaml")
    );
    assert!(!snapshot.undated);
    let all: Vec<&str> = page.view.open.iter().chain(&page.view.closed).map(|r| r.id.as_str()).collect();
    assert!(!all.contains(&"PHX-LATER"), "{all:?}");
}

#[test]
fn open_items_in_rank_order_closed_apart() {
    let page = with_input(index);
    let open: Vec<(usize, &str)> = page.view.open.iter().map(|r| (r.rank, r.id.as_str())).collect();
    assert_eq!(open, [(1, "PHX-110"), (2, "PHX-111"), (3, "PHX-112"), (4, "PHX-113"), (6, "PHX-101")]);
    let closed: Vec<(usize, &str, &str)> =
        page.view.closed.iter().map(|r| (r.rank, r.id.as_str(), r.state)).collect();
    assert_eq!(closed, [(5, "PHX-090", "Done")]);
    assert_eq!((page.view.open_count.as_str(), page.view.closed_count.as_str()), ("5 items", "1 item"));
    let first = &page.view.open[0];
    assert_eq!(first.anchor, "item-phx-110");
    assert_eq!((first.state, first.state_key, first.points.as_str()), ("Ready", "ready", "3"));
    assert_eq!(
        (first.owner.as_str(), first.age.as_str(), first.last_touch.iso.as_str()),
        ("Carol Diaz", "45 days", "2026-10-10")
    );
}

#[test]
fn stale_and_bare_ready_items_are_flagged() {
    let page = with_input(index);
    let flagged: Vec<(&str, bool, bool)> =
        page.view.open.iter().map(|r| (r.id.as_str(), r.stale, r.no_acceptance)).collect();
    assert_eq!(
        flagged,
        [
            ("PHX-110", false, false),
            ("PHX-111", false, true),
            // created 05-01, never updated: 168 days
            ("PHX-112", true, false),
            // exactly stale_days (90) before the report date: not yet stale
            ("PHX-113", false, false),
            ("PHX-101", false, false),
        ]
    );
    assert_eq!(page.view.flags, "1 stale item and 1 ready item without acceptance criteria.");
    assert_eq!(page.view.stale_days, 90);
    // the same rule as backlog health: 1 stale of 5 open
    let stale = page.view.figures.iter().find(|f| f.label == "Stale items").unwrap();
    assert_eq!(stale.value, "20% (1 of 5 open backlog items)");
}

#[test]
fn figures_and_chart_come_from_the_report() {
    let page = with_input(index);
    assert_eq!(page.view.figures.len(), 7);
    assert_eq!(page.view.figures[0].value, "5");
    let chart = page.view.chart.unwrap();
    // W40 and W41 see the 10-01 snapshot, W42 the 10-12 one; W39 none
    assert!(chart.as_str().contains("each week from 2026-W40 to 2026-W42"), "{}", chart.as_str());
    let trend: Vec<(&str, usize, &str)> =
        page.view.trend.iter().map(|r| (r.week.as_str(), r.open_items, r.ready_points.as_str())).collect();
    // W42 sees the 10-12 snapshot (ready PHX-110 and PHX-111: 6 points), W40 and W41 the 10-01 one
    assert_eq!(trend, [("2026-W42", 5, "6"), ("2026-W41", 1, "0"), ("2026-W40", 1, "0")]);
    assert_eq!(page.view.trend[0].url, "weeks/2026-W42/index.html");
}

#[test]
fn no_backlog_data_says_so() {
    let mut p = project();
    p.backlog = Backlog::Absent;
    let page = with_project(&p, index);
    assert!(page.view.snapshot.is_none() && page.view.figures.is_empty() && page.view.open.is_empty());
    assert!(page.view.chart.is_none());
    // only snapshots after the report date: nothing as of it either
    let mut p = project();
    if let Backlog::Dated(list) = &mut p.backlog {
        list.drain(..2);
    }
    assert!(with_project(&p, index).view.snapshot.is_none());
}

#[test]
fn a_single_backlog_file_is_dated_on_the_report_date() {
    let mut p = project();
    if let Backlog::Dated(list) = &mut p.backlog {
        let mut current = list.remove(1);
        current.date = None;
        current.path = "backlog.yaml".into();
        p.backlog = Backlog::Current(current);
    }
    let page = with_project(&p, index);
    let snapshot = page.view.snapshot.unwrap();
    assert!(snapshot.undated);
    assert_eq!((snapshot.date.iso.as_str(), snapshot.file.as_str()), ("2026-10-16", "backlog.yaml"));
    assert!(page.view.chart.is_none() && page.view.trend.is_empty(), "one week of data is no trend");
}
