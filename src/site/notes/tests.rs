#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::site::paths::SitePaths;
use crate::site::testdata::{REPORT_DATE, project};

/// The pages in order, as the site renders them.
fn pages(input: &Input<'_>) -> Vec<Page<NotePageView>> {
    rayon::iter::ParallelIterator::collect(super::pages(input))
}

fn with_input<T>(f: impl FnOnce(&Input<'_>) -> T) -> T {
    let project = project();
    let paths = SitePaths::new(&project);
    let analysis = crate::analysis::analyse(&project, REPORT_DATE, crate::analysis::History::Full);
    f(&Input::new(&project, &analysis, &paths, false))
}

#[test]
fn a_private_view_holds_no_text() {
    let pages = with_input(pages);
    let sync = pages.iter().find(|p| p.view.note.private).unwrap();
    assert!(sync.view.note.actions.is_empty());
    assert!(sync.view.note.decisions.is_empty());
    assert!(sync.view.note.body_html.is_none());
    assert_eq!(sync.view.note.action_count, "1 action item");
    assert_eq!(sync.view.note.decision_count, "1 decision");
    assert_eq!(sync.view.note.attendees.len(), 2);
}

#[test]
fn pages_are_linked_in_time_order() {
    let pages = with_input(pages);
    let titles: Vec<&str> = pages.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, vec!["Sprint 20 retro", "Sprint 21 planning", "PO <b>sync</b> & \"notes\""]);
    assert!(pages[0].view.older.is_none());
    assert_eq!(pages[0].view.newer.as_ref().unwrap().label, "Sprint 21 planning");
    assert!(pages[2].view.newer.is_none());
    assert_eq!(pages[1].path, "notes/2026-10-05-planning/index.html");
}

#[test]
fn attendees_are_named_with_roles_and_guests_marked() {
    let pages = with_input(pages);
    let people = &pages[1].view.note.attendees;
    assert_eq!((people[0].name.as_str(), people[0].role), ("Alice Chen", Some("Product owner")));
    assert_eq!((people[2].name.as_str(), people[2].guest, people[2].role), ("Dana from Sales", true, None));
}

#[test]
fn the_index_counts_and_groups() {
    let index = with_input(index);
    let months: Vec<(&str, usize)> =
        index.view.months.iter().map(|m| (m.label.as_str(), m.notes.len())).collect();
    assert_eq!(months, vec![("October 2026", 2), ("September 2026", 1)]);
    assert_eq!(index.view.months[0].id, "2026-10");
}
