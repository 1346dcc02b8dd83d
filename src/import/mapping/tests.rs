#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use jiff::civil::date;

use super::*;
use crate::import::record::Category;

fn item(created: Date, resolved: Option<Date>, category: Category) -> ItemRecord {
    ItemRecord {
        title: "Saved cards".into(),
        kind: "Story".into(),
        status: "Done".into(),
        category,
        points: Some(3.0),
        resolved,
        seen: BTreeMap::from([(date(2026, 3, 30), vec!["S1".to_string()])]),
        ..ItemRecord::new("jira", created, 0)
    }
}

const SPAN: Span = Span { start: date(2026, 3, 2), end: date(2026, 3, 13) };

/// An item seen by imports on these days, in S1 on the days marked `true`.
fn seen(it: &mut ItemRecord, days: &[(Date, bool)]) {
    it.seen =
        days.iter().map(|(d, inside)| (*d, if *inside { vec!["S1".to_string()] } else { vec![] })).collect();
}

fn mv(d: Date, entered: bool) -> MoveRecord {
    MoveRecord { date: d, sprint: "S1".into(), entered }
}

fn placed(it: &ItemRecord) -> Option<SprintItem> {
    place("PHX-1", it, "S1", SPAN, &ImportSettings::default())
}

#[test]
fn committed_done_and_carried_over() {
    let done = placed(&item(date(2026, 2, 1), Some(date(2026, 3, 10)), Category::Done)).unwrap();
    assert_eq!((done.status, done.added, done.done), (Status::Done, None, Some(date(2026, 3, 10))));
    // Resolved the day after the end: carried over.
    let late = placed(&item(date(2026, 2, 1), Some(date(2026, 3, 14)), Category::Done)).unwrap();
    assert_eq!(late.status, Status::NotDone);
    // Finished before the sprint began: not this sprint's work.
    assert!(placed(&item(date(2026, 2, 1), Some(date(2026, 2, 20)), Category::Done)).is_none());
}

#[test]
fn created_after_the_start_is_added() {
    let it = placed(&item(date(2026, 3, 5), None, Category::Todo)).unwrap();
    assert_eq!((it.status, it.added), (Status::NotDone, Some(date(2026, 3, 5))));
}

#[test]
fn changelog_dates_adds_and_removals() {
    let mut it = item(date(2026, 2, 1), None, Category::Todo);
    it.moves = vec![mv(date(2026, 3, 4), true), mv(date(2026, 3, 9), false)];
    let p = placed(&it).unwrap();
    assert_eq!(
        (p.status, p.added, p.removed),
        (Status::Removed, Some(date(2026, 3, 4)), Some(date(2026, 3, 9)))
    );
    // Entered on the first day: committed.
    it.moves = vec![mv(date(2026, 3, 2), true)];
    assert_eq!(placed(&it).unwrap().added, None);
    // Left before the sprint began: never in it.
    it.moves = vec![mv(date(2026, 2, 20), true), mv(date(2026, 2, 27), false)];
    assert!(placed(&it).is_none());
    // In and out again the same day, in the changelog's order: never in it.
    it.moves = vec![mv(date(2026, 2, 25), true), mv(date(2026, 2, 25), false)];
    assert!(placed(&it).is_none());
}

#[test]
fn successive_imports_date_what_the_export_does_not() {
    let mut it = item(date(2026, 2, 1), None, Category::Todo);
    // Not in the sprint on 03-04, in it on 03-11: added 03-11.
    seen(&mut it, &[(date(2026, 3, 4), false), (date(2026, 3, 11), true)]);
    assert_eq!(placed(&it).unwrap().added, Some(date(2026, 3, 11)));
    // In it on 03-04, out of it on 03-11 while the sprint ran: removed 03-11.
    seen(&mut it, &[(date(2026, 3, 4), true), (date(2026, 3, 11), false)]);
    let p = placed(&it).unwrap();
    assert_eq!((p.status, p.removed), (Status::Removed, Some(date(2026, 3, 11))));
    // Noticed gone only after the end (moved on when the sprint closed): carried over.
    seen(&mut it, &[(date(2026, 3, 4), true), (date(2026, 3, 11), true), (date(2026, 3, 18), false)]);
    assert_eq!(placed(&it).unwrap().status, Status::NotDone);
    // Seen in it before it began, and out of it since: never in it.
    seen(&mut it, &[(date(2026, 2, 25), true), (date(2026, 3, 4), false)]);
    assert!(placed(&it).is_none());
}

#[test]
fn wont_do_inside_the_sprint_is_a_removal() {
    let p = placed(&item(date(2026, 2, 1), Some(date(2026, 3, 6)), Category::Dropped)).unwrap();
    assert_eq!((p.status, p.removed), (Status::Removed, Some(date(2026, 3, 6))));
}

#[test]
fn started_is_written_where_work_had_begun_by_the_sprints_end() {
    let cfg = ImportSettings::default();
    let mut it = item(date(2026, 2, 20), Some(date(2026, 3, 10)), Category::Done);
    it.started = Some(date(2026, 3, 4));
    let placed = place("P-1", &it, "S1", SPAN, &cfg).unwrap();
    assert_eq!((placed.started, placed.done), (Some(date(2026, 3, 4)), Some(date(2026, 3, 10))));
    // begun after the sprint ended: this sprint's record does not say it had started
    it.resolved = None;
    it.category = Category::InProgress;
    it.started = Some(date(2026, 3, 16));
    assert_eq!(place("P-1", &it, "S1", SPAN, &cfg).unwrap().started, None);
    // a first move to In Progress after the resolution (reopened): no start before the finish
    it.category = Category::Done;
    it.resolved = Some(date(2026, 3, 5));
    it.started = Some(date(2026, 3, 9));
    let placed = place("P-1", &it, "S1", SPAN, &cfg).unwrap();
    assert_eq!((placed.done, placed.started), (Some(date(2026, 3, 5)), None));
}
