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

#[test]
fn the_page_shows_what_was_read_and_what_was_not() {
    let mut project = project();
    let planning = project.notes.iter_mut().find(|n| n.title == "Sprint 21 planning").unwrap();
    planning.also = vec![crate::model::NoteKind::Retro];
    planning.unread = vec![crate::model::Unread {
        line: 14,
        text: "Decision we keep the demo".into(),
        why: "starts with `Decision` but no colon or dash follows".into(),
    }];
    let retro = project.notes.iter_mut().find(|n| n.title == "Sprint 20 retro").unwrap();
    retro.attendance_recorded = false;
    let private = project.notes.iter_mut().find(|n| n.visibility == Visibility::Private).unwrap();
    private.unread = planning_unread();
    let paths = SitePaths::new(&project);
    let analysis = crate::analysis::analyse(&project, REPORT_DATE, crate::analysis::History::Full);
    let pages = pages(&Input::new(&project, &analysis, &paths, false));
    let planning = &pages[1].view.note;
    assert_eq!(planning.kinds_label, "Sprint planning and Retrospective");
    assert_eq!(
        (planning.unread[0].line, planning.unread[0].text.as_str()),
        (14, "Decision we keep the demo")
    );
    let split = planning.actions.iter().find(|a| a.text.starts_with("Split")).unwrap();
    assert_eq!((split.due_written.as_deref(), split.line), (Some("due 2026-10-09"), 1));
    assert!(!pages[0].view.note.attendance_recorded && planning.attendance_recorded);
    assert!(pages[2].view.note.unread.is_empty(), "a private note's lines are never shown");
}

fn planning_unread() -> Vec<crate::model::Unread> {
    vec![crate::model::Unread { line: 3, text: "SECRET line".into(), why: "x".into() }]
}
