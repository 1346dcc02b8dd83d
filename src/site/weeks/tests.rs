#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::site::format;
use crate::site::sprints::fixture::{project, with_input, with_project};
use crate::site::testdata::REPORT_DATE;

/// The pages in order, as the site renders them.
fn pages(input: &Input<'_>) -> Vec<Page<WeekPageView>> {
    rayon::iter::ParallelIterator::collect(super::pages(input))
}

#[test]
fn index_lists_every_week_newest_first() {
    let page = with_input(index);
    assert_eq!(page.path, "weeks/index.html");
    let labels: Vec<&str> = page.view.rows.iter().map(|r| r.label.as_str()).collect();
    // from S20's start (Mon 21 Sep, W39) to the report date (Fri 16 Oct, W42)
    assert_eq!(labels, ["2026-W42", "2026-W41", "2026-W40", "2026-W39"]);
    let latest = &page.view.rows[0];
    assert_eq!(latest.url, "weeks/2026-W42/index.html");
    assert_eq!(latest.as_of.iso, "2026-10-16");
    assert_eq!(page.view.rows[1].as_of.iso, "2026-10-11", "a past week is as of its Sunday");
    assert_eq!(latest.practices.len(), 5);
    assert_eq!(page.view.practices, ["Backlog", "Communication", "Helping", "Accountability", "Compromise"]);
    assert!(page.view.summary.starts_with("4 weeks, from 2026-W39 to 2026-W42."), "{}", page.view.summary);
}

#[test]
fn index_rows_match_the_report() {
    with_input(|input| {
        let page = index(input);
        let week = input.report.weeks.last().unwrap();
        let row = &page.view.rows[0];
        assert_eq!(row.health.text, format::score(week.health.score));
        assert_eq!(row.health.status, week.health.status.state());
        assert_eq!(row.velocity, format::maybe(week.delivery.velocity, 1));
        assert_eq!(row.say_do, format::maybe_percent(week.delivery.say_do_rolling));
    });
}

#[test]
fn the_chart_has_health_and_five_practices() {
    let page = with_input(index);
    let chart = page.view.chart.unwrap();
    let chart = chart.as_str();
    for name in [
        "Health",
        "Collaborate on the backlog",
        "Communicate regularly",
        "Help each other out",
        "Hold each other accountable",
        "Be willing to compromise",
    ] {
        assert!(chart.contains(&format!("</svg>{name}</li>")), "{name} missing from the legend: {chart}");
    }
    assert!(chart.contains("for each week from 2026-W39 to 2026-W42"), "{chart}");
    assert!(chart.contains(">W42</text>"), "{chart}");
    assert!(chart.contains("chart-band-healthy"), "{chart}");
}

#[test]
fn no_weeks_no_chart() {
    let mut p = project();
    p.sprints.clear();
    let page = with_project(&p, index);
    assert!(page.view.rows.is_empty() && page.view.chart.is_none() && page.view.summary.is_empty());
    assert!(with_project(&p, pages).is_empty());
}

#[test]
fn week_pages_hold_every_figure_and_link_their_neighbours() {
    let pages = with_input(pages);
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "weeks/2026-W39/index.html",
            "weeks/2026-W40/index.html",
            "weeks/2026-W41/index.html",
            "weeks/2026-W42/index.html"
        ]
    );
    let last = &pages[3];
    assert_eq!(last.title, "Week 2026-W42");
    assert_eq!(last.view.range, "Mon 12 Oct 2026 to Sun 18 Oct 2026");
    assert!(last.view.partial, "the report date is a Friday");
    assert!(!pages[2].view.partial);
    assert_eq!(last.view.window, "26 days, Mon 21 Sep 2026 to Fri 16 Oct 2026");
    assert_eq!(last.view.previous.as_ref().unwrap().url.as_deref(), Some("weeks/2026-W41/index.html"));
    assert!(last.view.next.is_none() && pages[0].view.previous.is_none());
    assert_eq!(last.view.practices.len(), 5);
    assert_eq!(last.view.practices[0].indicators.len(), 4);
    assert_eq!(last.view.delivery.len(), 3);
    assert_eq!(last.view.collaboration.len(), 19);
    // backlog: the 10-12 snapshot counts from W42 on; W39 (as of 09-27) has none
    assert!(last.view.backlog.is_some());
    assert!(pages[0].view.backlog.is_none());
}

#[test]
fn indicators_read_as_on_the_dashboard() {
    // One wording per indicator: the table's label and unit, on every page.
    let health =
        crate::analysis::analyse(&project(), REPORT_DATE, crate::analysis::History::Recent).report.health;
    let practices =
        figures::practices(&health, &crate::metrics::Window::ending(crate::testkit::date("2026-10-20"), 28));
    let first = &practices[0];
    assert_eq!(first.label, "Collaborate on the backlog");
    assert_eq!(first.indicators[0].label, "Ready work");
    assert!(first.indicators[0].figure == "no data" || first.indicators[0].figure.ends_with(" sprints"));
}

#[test]
fn week_pages_show_the_health_trend_up_to_the_week() {
    // Every figure scored even over one row, so that the first weeks, with
    // a meeting or two, have a score to draw.
    let mut project = crate::site::sprints::fixture::project();
    project.settings.min_evidence = 1;
    let pages = crate::site::sprints::fixture::with_project(&project, pages);
    let trend = |i: usize| pages[i].view.trend.clone().unwrap_or_else(|| panic!("week {i} has a trend"));
    // The first week has no evidence at all (no note, no backlog, no sprint
    // ended): no score, so nothing to draw. The second is a dot; the fourth
    // draws the three scored weeks up to it (the trend starts at the first
    // week with a score).
    assert_eq!(pages[0].view.health.text, "no data");
    assert!(pages[0].view.trend.is_none());
    assert_eq!(trend(1).segments.len(), 1);
    assert_eq!(trend(1).segments[0].split(' ').count(), 1);
    assert_eq!((trend(3).from.as_str(), trend(3).to.as_str()), ("2026-W40", "2026-W42"));
    assert_eq!(trend(3).segments.concat().split(' ').count(), 3);
}
