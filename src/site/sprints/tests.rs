#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::fixture::{project, with_input, with_project};
use super::page::SprintPageView;
use super::*;

/// The pages in order, as the site renders them.
fn pages(input: &Input<'_>) -> Vec<Page<SprintPageView>> {
    rayon::iter::ParallelIterator::collect(super::pages(input))
}

fn page_of<'a>(pages: &'a [Page<SprintPageView>], id: &str) -> &'a Page<SprintPageView> {
    pages.iter().find(|p| p.view.id == id).unwrap_or_else(|| panic!("no page for {id}"))
}

#[test]
fn index_lists_started_sprints_newest_first_with_figures() {
    let page = with_input(index);
    assert_eq!(page.path, "sprints/index.html");
    let names: Vec<&str> = page.view.rows.iter().map(|r| r.name.as_str()).collect();
    // S22 starts after the report date: not shown
    assert_eq!(names, ["Sprint 21", "Sprint 20"]);
    let s21 = &page.view.rows[0];
    assert_eq!(s21.url, "sprints/s21/index.html");
    // committed: PHX-101 5 + PHX-102 3 (added on the start day) + PHX-104 2 + A_1 1 + a-1 1 = 12
    assert_eq!((s21.committed.as_str(), s21.added.as_str(), s21.removed.as_str()), ("12", "0", "2"));
    // completed 5 + 0 + 1 + 1 = 7, all committed: say/do 7/12
    assert_eq!((s21.completed.as_str(), s21.carry_over.as_str()), ("7", "3"));
    assert_eq!((s21.say_do.as_str(), s21.scope_change.as_str()), ("58%", "16%"));
    assert_eq!(s21.goal_met.label, "Not met");
    assert_eq!(s21.goal.as_deref(), Some("Saved <cards> & more"));
    assert_eq!((s21.start_day.as_str(), s21.end_day.as_str()), ("5 Oct", "16 Oct"));
    assert!(!s21.in_progress, "ends on the report date");
    assert!(page.view.summary.starts_with("2 sprints, from Mon 21 Sep 2026"), "{}", page.view.summary);
}

#[test]
fn index_charts_describe_every_sprint() {
    let page = with_input(index);
    let velocity = page.view.velocity_chart.as_ref().unwrap().as_str().to_string();
    assert!(velocity.contains("in each of 2 sprints from S20 to S21"), "{velocity}");
    assert!(velocity.contains("S21 completed 7 of 12 committed"), "{velocity}");
    let say_do = page.view.say_do_chart.as_ref().unwrap().as_str().to_string();
    assert!(say_do.contains("S20 37%, S21 58%"), "{say_do}");
}

#[test]
fn no_sprints_no_charts() {
    let mut p = project();
    p.sprints.clear();
    let page = with_project(&p, index);
    assert!(
        page.view.rows.is_empty() && page.view.velocity_chart.is_none() && page.view.say_do_chart.is_none()
    );
    assert!(page.view.summary.is_empty());
}

#[test]
fn goals_read_as_words_and_shapes() {
    let project = crate::metrics::fixture::project();
    let mut f = crate::metrics::SprintFigures::of(&project.sprints[0], crate::testkit::date("2026-12-31"));
    let mut of = |met: Option<bool>, running: bool| {
        f.goal_met = met;
        f.running = running;
        let g = goal(&f);
        (g.label, g.shape)
    };
    assert_eq!(of(Some(true), false), ("Met", "✓"));
    assert_eq!(of(Some(false), false), ("Not met", "✗"));
    assert_eq!(of(None, false).0, "Not assessed");
    // A running sprint's goal is not judged yet, whatever the file says.
    assert_eq!(of(Some(false), true), ("In progress", "…"));
}

#[test]
fn a_page_per_started_sprint_linked_in_order() {
    let pages = with_input(pages);
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["sprints/s20/index.html", "sprints/s21/index.html"]);
    assert_eq!(pages[1].view.previous.as_ref().unwrap().url.as_deref(), Some("sprints/s20/index.html"));
    assert!(pages[1].view.next.is_none(), "S22 has not started");
    assert!(pages[0].view.previous.is_none());
}

#[test]
fn items_are_grouped_committed_added_removed() {
    let pages = with_input(pages);
    let view = &page_of(&pages, "S21").view;
    let groups: Vec<(&str, Vec<&str>)> =
        view.groups.iter().map(|g| (g.key, g.items.iter().map(|i| i.id.as_str()).collect())).collect();
    assert_eq!(
        groups,
        [
            ("committed", vec!["PHX-101", "PHX-102", "A_1", "a-1"]),
            ("added", vec!["PHX-103"]),
            ("removed", vec!["PHX-104"]),
        ]
    );
    // PHX-104 was committed at planning and removed: the heading says so, so
    // it agrees with the "Committed at planning 12 points" figure.
    assert_eq!(
        view.groups[0].summary,
        "4 items, 10 points still in the sprint (12 points committed, 2 points removed later)"
    );
    assert_eq!(view.groups[1].summary, "1 item, 0 points (1 unestimated)");
    let added = &view.groups[1].items[0];
    assert_eq!((added.points.as_str(), added.status, added.item_type), ("unestimated", "Done", "Story"));
    let dates: Vec<&str> = added.dates.iter().map(|d| d.label).collect();
    assert_eq!(dates, ["Added", "Done"]);
    assert_eq!(view.groups[2].items[0].status, "Removed");
    assert_eq!(view.groups[2].items[0].dates[0].label, "Removed");
}

#[test]
fn item_anchors_are_unique_slugs() {
    let pages = with_input(pages);
    let view = &page_of(&pages, "S21").view;
    let anchors: Vec<&str> =
        view.groups.iter().flat_map(|g| g.items.iter().map(|i| i.anchor.as_str())).collect();
    assert_eq!(
        anchors,
        ["item-phx-101", "item-phx-102", "item-a-1", "item-a-1-2", "item-phx-103", "item-phx-104"]
    );
    let hostile = crate::site::paths::item_anchors(["../../etc", "<b>x</b>", ""]);
    assert_eq!(hostile["../../etc"], "item-etc");
    assert_eq!(hostile["<b>x</b>"], "item-b-x-b");
    assert_eq!(hostile[""], "item-item");
}

#[test]
fn impediments_are_as_of_the_report_date() {
    let pages = with_input(pages);
    let imps = &page_of(&pages, "S21").view.impediments;
    let rows: Vec<(&str, bool, &str, &str)> = imps
        .iter()
        .map(|i| (i.title.as_str(), i.resolved.is_some(), i.days_open.as_str(), i.owner.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Staging down", true, "2 days", "Bob Okafor"),
            ("Vendor key", false, "4 days so far", "No owner"),
            // resolved on 10-20, after the report date: still open on it
            ("Later fix", false, "3 days so far", "Alice Chen"),
        ]
    );
}

#[test]
fn notes_and_decisions_of_the_sprint_keep_private_text_out() {
    let pages = with_input(pages);
    let view = &page_of(&pages, "S21").view;
    let notes: Vec<(&str, bool)> = view.notes.iter().map(|n| (n.title.as_str(), n.private)).collect();
    // the future review (dated after the report date) is not listed
    assert_eq!(notes, [("Sprint 21 planning", false)]);
    // the private sync also mentions PHX-101: left out
    let decisions: Vec<&str> = view.decisions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(decisions, ["Keep the goal small #compromise"]);
    let d = &view.decisions[0];
    assert!(d.compromise);
    assert_eq!(d.items[0].url.as_deref(), Some("sprints/s21/index.html#item-phx-101"));
    assert_eq!(d.note.url.as_deref(), Some("notes/2026-10-05-planning/index.html"));
    let s20 = &page_of(&pages, "S20").view;
    assert_eq!(s20.decisions[0].items.len(), 1, "only PHX-090 is an S20 item");
    assert_eq!(s20.notes[0].title, "Sprint 20 retro");
}

#[test]
fn figures_are_worded_with_units() {
    let pages = with_input(pages);
    let view = &page_of(&pages, "S21").view;
    let find = |label: &str| view.figures.iter().find(|f| f.label == label).unwrap().value.as_str();
    assert_eq!(find("Committed at planning"), "12 points (2 points removed later)");
    assert_eq!(find("Committed work delivered"), "58%");
    assert_eq!(find("Impediments"), "3 raised, 2 open at the end");
    assert_eq!(view.dates, "Mon 5 Oct 2026 to Fri 16 Oct 2026");
}
