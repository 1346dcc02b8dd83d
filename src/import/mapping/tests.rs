#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use jiff::civil::date;

use super::*;
use crate::import::record::Category;
use crate::import::state::{Flag, Membership};

fn item(created: Date, resolved: Option<Date>, category: Category) -> ItemRecord {
    ItemRecord {
        source: "jira".into(),
        title: "Saved cards".into(),
        kind: "Story".into(),
        status: "Done".into(),
        category,
        points: Some(3.0),
        created,
        updated: None,
        resolved,
        assignee_username: None,
        assignee_name: None,
        assignee_account: None,
        labels: vec![],
        acceptance: vec![],
        rank: None,
        order: 0,
        first_seen: date(2026, 3, 1),
        last_seen: date(2026, 3, 30),
        sprints: BTreeMap::new(),
        moves: vec![],
        flags: Vec::<Flag>::new(),
    }
}

const SPAN: Span = Span { start: date(2026, 3, 2), end: date(2026, 3, 13) };

fn member(first: Date, last: Date, left: Option<Date>) -> Membership {
    Membership { first_seen: first, last_seen: last, left }
}

fn mv(d: Date, entered: bool) -> MoveRecord {
    MoveRecord { date: d, sprint: "S1".into(), entered }
}

fn placed(it: &ItemRecord, m: &Membership, runs: &[Run]) -> Option<SprintItem> {
    place("PHX-1", it, "S1", m, SPAN, runs, &ImportSettings::default())
}

#[test]
fn committed_done_and_carried_over() {
    let m = member(date(2026, 3, 14), date(2026, 3, 30), None);
    let done = placed(&item(date(2026, 2, 1), Some(date(2026, 3, 10)), Category::Done), &m, &[]).unwrap();
    assert_eq!((done.status, done.added, done.done), (Status::Done, None, Some(date(2026, 3, 10))));
    // Resolved the day after the end: carried over.
    let late = placed(&item(date(2026, 2, 1), Some(date(2026, 3, 14)), Category::Done), &m, &[]).unwrap();
    assert_eq!(late.status, Status::NotDone);
    // Finished before the sprint began: not this sprint's work.
    assert!(placed(&item(date(2026, 2, 1), Some(date(2026, 2, 20)), Category::Done), &m, &[]).is_none());
}

#[test]
fn created_after_the_start_is_added() {
    let m = member(date(2026, 3, 14), date(2026, 3, 14), None);
    let it = placed(&item(date(2026, 3, 5), None, Category::Todo), &m, &[]).unwrap();
    assert_eq!((it.status, it.added), (Status::NotDone, Some(date(2026, 3, 5))));
}

#[test]
fn changelog_dates_adds_and_removals() {
    let mut it = item(date(2026, 2, 1), None, Category::Todo);
    it.moves = vec![mv(date(2026, 3, 4), true), mv(date(2026, 3, 9), false)];
    let m = member(date(2026, 3, 14), date(2026, 3, 14), Some(date(2026, 3, 14)));
    let p = placed(&it, &m, &[]).unwrap();
    assert_eq!(
        (p.status, p.added, p.removed),
        (Status::Removed, Some(date(2026, 3, 4)), Some(date(2026, 3, 9)))
    );
    // Entered on the first day: committed.
    it.moves = vec![mv(date(2026, 3, 2), true)];
    assert_eq!(placed(&it, &m, &[]).unwrap().added, None);
    // Left before the sprint began: never in it.
    it.moves = vec![mv(date(2026, 2, 20), true), mv(date(2026, 2, 27), false)];
    assert!(placed(&it, &m, &[]).is_none());
}

#[test]
fn successive_imports_date_what_the_export_does_not() {
    let runs = vec![
        Run { as_of: date(2026, 3, 4), source: "jira".into(), files: vec![] },
        Run { as_of: date(2026, 3, 11), source: "jira".into(), files: vec![] },
    ];
    let mut it = item(date(2026, 2, 1), None, Category::Todo);
    it.first_seen = date(2026, 3, 4);
    // Not in the sprint on 03-04, in it on 03-11: added 03-11.
    let joined = member(date(2026, 3, 11), date(2026, 3, 11), None);
    assert_eq!(placed(&it, &joined, &runs).unwrap().added, Some(date(2026, 3, 11)));
    // In it on 03-04, out of it on 03-11 while the sprint ran: removed 03-11.
    let left = member(date(2026, 3, 4), date(2026, 3, 4), Some(date(2026, 3, 11)));
    let p = placed(&it, &left, &runs).unwrap();
    assert_eq!((p.status, p.removed), (Status::Removed, Some(date(2026, 3, 11))));
    // Noticed gone only after the end (moved on when the sprint closed): carried over.
    let moved_on = member(date(2026, 3, 4), date(2026, 3, 11), Some(date(2026, 3, 18)));
    assert_eq!(placed(&it, &moved_on, &runs).unwrap().status, Status::NotDone);
}

#[test]
fn wont_do_inside_the_sprint_is_a_removal() {
    let m = member(date(2026, 3, 14), date(2026, 3, 14), None);
    let p = placed(&item(date(2026, 2, 1), Some(date(2026, 3, 6)), Category::Dropped), &m, &[]).unwrap();
    assert_eq!((p.status, p.removed), (Status::Removed, Some(date(2026, 3, 6))));
}
