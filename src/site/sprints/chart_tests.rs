#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::fixture::{project, with_input, with_project};
use super::*;
use crate::testkit::date;

/// The pages in order, as the site renders them.
fn pages(input: &Input<'_>) -> Vec<Page<super::page::SprintPageView>> {
    rayon::iter::ParallelIterator::collect(super::pages(input))
}

#[test]
fn velocity_chart_has_a_bar_pair_a_line_point_and_a_goal_mark_per_sprint() {
    let page = with_input(index);
    let chart = page.view.velocity_chart.as_ref().unwrap().as_str().to_string();
    // two sprints started by the report date: S20 and S21
    assert_eq!(chart.matches(", Committed at planning: ").count(), 2, "{chart}");
    assert_eq!(chart.matches(", Completed: ").count(), 2, "{chart}");
    assert!(chart.contains("S21, Committed at planning: 12"), "{chart}");
    assert!(chart.contains("S21, Completed: 7"), "{chart}");
    // rolling velocity: S20 alone 3, then (3 + 7) / 2 = 5
    assert!(chart.contains("S20, Rolling velocity: 3<"), "{chart}");
    assert!(chart.contains("S21, Rolling velocity: 5<"), "{chart}");
    // S21 missed its goal: a ✗ with words, and the legend says what ✗ means
    assert!(chart.contains(">✗<title class=\"chart-tip\">S21: Goal not met</title>"), "{chart}");
    assert!(chart.contains("aria-hidden=\"true\">✗</span>Goal not met</li>"), "{chart}");
    // its numbers in a table under it
    assert!(chart.contains("<details class=\"chart-data\">"), "{chart}");
    assert!(chart.contains("<tr><th scope=\"row\">S21</th><td class=\"num\">12</td><td class=\"num\">7</td><td class=\"num\">5</td><td class=\"num\">Not met</td></tr>"), "{chart}");
    assert!(chart.ends_with("</details></figure>"), "{chart}");
}

#[test]
fn a_sprint_page_has_a_burnup_ending_on_its_figures() {
    let pages = with_input(pages);
    let s21 = pages.iter().find(|p| p.view.id == "S21").unwrap();
    let chart = s21.view.burnup.as_ref().unwrap().as_str().to_string();
    // 5 Oct to 16 Oct: twelve days, one table row each
    assert_eq!(chart.matches("<tr><th scope=\"row\">").count(), 12, "{chart}");
    // scope 12 committed - 2 removed = 10 at the end; done 7
    assert!(
        chart.contains(
            "<tr><th scope=\"row\">16 Oct</th><td class=\"num\">10</td><td class=\"num\">7</td></tr>"
        ),
        "{chart}"
    );
    // everything done on 14 Oct (PHX-103 unestimated)
    assert!(
        chart.contains(
            "<tr><th scope=\"row\">14 Oct</th><td class=\"num\">10</td><td class=\"num\">7</td></tr>"
        ),
        "{chart}"
    );
    assert!(
        chart.contains(
            "<tr><th scope=\"row\">13 Oct</th><td class=\"num\">10</td><td class=\"num\">0</td></tr>"
        ),
        "{chart}"
    );
    assert!(!chart.contains("Report date"), "S21 ends on the report date: {chart}");
    assert!(s21.view.burnup_note.is_none());
}

#[test]
fn a_running_sprint_marks_the_report_date() {
    let mut p = project();
    let s21 = p.sprints.iter_mut().find(|s| s.id == "S21").unwrap();
    s21.end = date("2026-10-23");
    for item in &mut s21.items {
        item.done = None;
    }
    let pages = with_project(&p, pages);
    let page = pages.iter().find(|p| p.view.id == "S21").unwrap();
    let chart = page.view.burnup.as_ref().unwrap().as_str().to_string();
    assert!(chart.contains("<g class=\"chart-xmark\">"), "{chart}");
    assert!(chart.contains(">Report date</text>"), "{chart}");
    assert!(chart.contains("to the report date, Fri 16 Oct 2026"), "{chart}");
    assert!(chart.contains("the sprint ends on Fri 23 Oct 2026"), "{chart}");
    // the lines stop at the report date; the guide to the end is apart
    assert!(chart.contains("<g class=\"guide\">"), "{chart}");
    assert!(!chart.contains("17 Oct, Scope"), "no point after the report date: {chart}");
    // Without done dates, done items are done only once the sprint ends:
    // while it runs nothing is done yet, and no note says otherwise.
    assert_eq!(page.view.burnup_note, None);
    assert!(
        chart.contains(
            "<tr><th scope=\"row\">16 Oct</th><td class=\"num\">10</td><td class=\"num\">0</td></tr>"
        ),
        "{chart}"
    );
    assert!(!chart.contains("<th scope=\"row\">17 Oct</th>"), "the table stops at the report date: {chart}");
    assert_eq!(chart.matches("<tr><th scope=\"row\">").count(), 12, "5 to 16 Oct: {chart}");
    // The page says the sprint is running, and no figure only its end settles.
    let figures: Vec<(&str, &str)> = page.view.figures.iter().map(|f| (f.label, f.value.as_str())).collect();
    assert!(figures.contains(&("Completed so far", "0 points")), "{figures:?}");
    assert!(!figures.iter().any(|(label, _)| *label == "Carried over"), "{figures:?}");
    assert_eq!(page.view.goal_met.label, "In progress");
    let statuses: Vec<&str> = page.view.groups[0].items.iter().map(|i| i.status).collect();
    assert!(statuses.iter().all(|s| *s == "In progress"), "{statuses:?}");
}

#[test]
fn scope_chart_has_added_and_removed_bars_per_sprint_with_the_scope_change() {
    let page = with_input(index);
    let chart = page.view.scope_chart.as_ref().unwrap().as_str().to_string();
    // S21: PHX-102 joined on the first day (committed), PHX-103 later but
    // unestimated (0 points), PHX-104 (2 points) removed: (0 + 2) / 12 = 16%.
    assert!(chart.contains("S21, Added after the start: 0<"), "{chart}");
    assert!(chart.contains("S21, Removed: 2<"), "{chart}");
    assert!(
        chart.contains(
            "<tr><th scope=\"row\">S21</th><td class=\"num\">0</td><td class=\"num\">2</td><td class=\"num\">16%</td></tr>"
        ),
        "{chart}"
    );
    assert!(chart.contains("1 of them changed scope"), "{chart}");
    // added solid in its own colour, removed hatched the other way
    assert!(chart.contains("<g class=\"bars bars-0 ink-added\">"), "{chart}");
    assert!(chart.contains("<g class=\"bars bars-1 ink-removed\">"), "{chart}");
    assert!(chart.contains("fill=\"url(#scope-chart-hatch-back)\""), "{chart}");
    assert!(!chart.contains("Still running"), "no sprint runs on the report date: {chart}");
}

#[test]
fn a_running_sprint_s_scope_change_is_so_far() {
    let mut p = project();
    let s21 = p.sprints.iter_mut().find(|s| s.id == "S21").unwrap();
    s21.end = date("2026-10-23");
    let page = with_project(&p, index);
    let chart = page.view.scope_chart.as_ref().unwrap().as_str().to_string();
    assert!(chart.contains(">…<title class=\"chart-tip\">S21: Still running: so far</title>"), "{chart}");
    assert!(chart.contains("<td class=\"num\">16% so far</td>"), "{chart}");
    assert!(
        chart.contains("S21 had 0 points added and 2 points removed so far (it is still running)."),
        "{chart}"
    );
}
