//! A small project for the metrics tests. Report date D = 2026-10-20
//! (Tuesday), window W = [2026-09-23, 2026-10-20].
//!
//! Team: alice (PO), bob (SM), carol and dan (developers).
//!
//! Sprints (S4 is still running on D):
//! - S1 09-07..09-18, goal met: A1 5 done, A2 3 not-done, A3 2 removed 09-10,
//!   A4 unestimated done added 09-09; impediment "CI flaky" 09-08..09-11 (bob).
//! - S2 09-21..10-02, goal missed: B1 8 done added 09-21 (= start: committed),
//!   B2 5 done, B3 3 done added 09-24, B4 2 removed 09-25, B5 5 not-done;
//!   "Staging down" 09-28..10-05 (alice), "Vendor API key" 09-29 open (carol).
//! - S3 10-05..10-16, not assessed: C1 5 done, C2 3 done, C3 unestimated
//!   not-done, C4 2 done added 10-07, C5 3 added 10-06 removed 10-08;
//!   "Flaky e2e" 10-06..10-09 (bob).
//! - S4 10-19..10-30: D1 5 not-done, D3 3 removed 10-20, D2 2 added 10-22.
//!
//! Notes (N10 is after D):
//! - N1 09-07 planning (all four): [ ] @bob book staging, due 09-10.
//! - N2 09-24 refinement (alice bob carol): @bob write the checklist due
//!   10-01; decision "Split B3 out of B1 #compromise" → B3.
//! - N3 09-25 standup (bob carol dan): @alice clarify B5 acceptance due 09-30.
//! - N4 10-01 sync (alice bob): [x] write the checklist; decision "No new scope".
//! - N5 10-02 review (alice carol dan, guest Jane Doe): [x] clarify B5
//!   acceptance; decision "Ship B2 as is" → B2.
//! - N6 10-02 retro (bob carol dan): [ ] @alice @carol pair on deploy script due 10-09.
//! - N7 10-05 planning (all four), private: [ ] @dan update runbook due
//!   10-30; decisions "Take C4 mid-sprint if capacity #compromise" → C4,
//!   "Keep the sprint goal".
//! - N8 10-12 refinement (alice carol): decision "C5 goes back to the backlog" → C5.
//! - N9 10-14 sync (alice bob): [x] @bob book demo room due 10-15.
//! - N10 10-21 review (alice bob): [x] pair on deploy script; decision "D3
//!   dropped to make room" → D3.
//!
//! Backlog snapshots 2026-09-01 and 2026-10-15 (see [`latest_snapshot`]).

use crate::model::{
    Backlog, BacklogItem, BacklogSnapshot, BacklogState, Date, Impediment, ItemStatus, Note, NoteKind,
    Project, Role, Sprint, SprintItem, Visibility,
};
use crate::testkit::{self, ProjectBuilder, member};
pub use crate::testkit::{action, date, decision};

/// A sprint item; `removed` also sets the status's date.
pub fn sprint_item(
    id: &str,
    points: Option<f64>,
    status: ItemStatus,
    added: Option<Date>,
    removed: Option<Date>,
) -> SprintItem {
    SprintItem {
        id: id.into(),
        title: id.into(),
        points,
        item_type: None,
        status,
        added,
        removed,
        done: None,
        started: None,
    }
}

fn impediment(title: &str, raised: &str, resolved: Option<&str>, owner: &str) -> Impediment {
    Impediment {
        title: title.into(),
        raised: date(raised),
        resolved: resolved.map(date),
        owner: Some(owner.into()),
    }
}

fn sprint(id: &str, start: &str, end: &str, goal_met: Option<bool>) -> Sprint {
    Sprint {
        name: format!("Sprint {id}"),
        goal: Some(format!("Goal of {id}")),
        goal_met,
        ..testkit::sprint(id, start, end)
    }
}

fn sprints() -> Vec<Sprint> {
    use ItemStatus::{Done, NotDone, Removed};
    let d = |s: &str| Some(date(s));
    let mut s1 = sprint("S1", "2026-09-07", "2026-09-18", Some(true));
    s1.items = vec![
        sprint_item("A1", Some(5.0), Done, None, None),
        sprint_item("A2", Some(3.0), NotDone, None, None),
        sprint_item("A3", Some(2.0), Removed, None, d("2026-09-10")),
        sprint_item("A4", None, Done, d("2026-09-09"), None),
    ];
    s1.impediments = vec![impediment("CI flaky", "2026-09-08", Some("2026-09-11"), "bob")];
    let mut s2 = sprint("S2", "2026-09-21", "2026-10-02", Some(false));
    s2.items = vec![
        sprint_item("B1", Some(8.0), Done, d("2026-09-21"), None),
        sprint_item("B2", Some(5.0), Done, None, None),
        sprint_item("B3", Some(3.0), Done, d("2026-09-24"), None),
        sprint_item("B4", Some(2.0), Removed, None, d("2026-09-25")),
        sprint_item("B5", Some(5.0), NotDone, None, None),
    ];
    s2.impediments = vec![
        impediment("Staging down", "2026-09-28", Some("2026-10-05"), "alice"),
        impediment("Vendor API key", "2026-09-29", None, "carol"),
    ];
    let mut s3 = sprint("S3", "2026-10-05", "2026-10-16", None);
    s3.items = vec![
        sprint_item("C1", Some(5.0), Done, None, None),
        sprint_item("C2", Some(3.0), Done, None, None),
        sprint_item("C3", None, NotDone, None, None),
        sprint_item("C4", Some(2.0), Done, d("2026-10-07"), None),
        sprint_item("C5", Some(3.0), Removed, d("2026-10-06"), d("2026-10-08")),
    ];
    s3.impediments = vec![impediment("Flaky e2e", "2026-10-06", Some("2026-10-09"), "bob")];
    let mut s4 = sprint("S4", "2026-10-19", "2026-10-30", None);
    s4.items = vec![
        sprint_item("D1", Some(5.0), NotDone, None, None),
        sprint_item("D3", Some(3.0), Removed, None, d("2026-10-20")),
        sprint_item("D2", Some(2.0), NotDone, d("2026-10-22"), None),
    ];
    vec![s1, s2, s3, s4]
}

/// A backlog item in `state` created on `created`.
pub fn backlog_item(id: &str, state: BacklogState, points: Option<f64>, created: &str) -> BacklogItem {
    BacklogItem {
        id: id.into(),
        title: id.into(),
        points,
        item_type: None,
        state,
        created: date(created),
        updated: None,
        acceptance: vec![],
        owner: None,
    }
}

/// The 2026-10-15 snapshot, in rank order:
/// P1 ready 5 (acceptance, created 07-01, updated 10-10), P2 ready 3 (05-01),
/// P3 refined unestimated (09-01), P4 new 2 (06-15, updated 07-20),
/// P5 done 8, P6 dropped, P7 in-sprint 3 (07-22).
pub fn latest_snapshot() -> BacklogSnapshot {
    use BacklogState::{Done, Dropped, InSprint, New, Ready, Refined};
    let mut p1 = backlog_item("P1", Ready, Some(5.0), "2026-07-01");
    p1.updated = Some(date("2026-10-10"));
    p1.acceptance = vec!["Given a card, it is saved".into()];
    let mut p4 = backlog_item("P4", New, Some(2.0), "2026-06-15");
    p4.updated = Some(date("2026-07-20"));
    BacklogSnapshot {
        date: Some(date("2026-10-15")),
        items: vec![
            p1,
            backlog_item("P2", Ready, Some(3.0), "2026-05-01"),
            backlog_item("P3", Refined, None, "2026-09-01"),
            p4,
            backlog_item("P5", Done, Some(8.0), "2026-04-01"),
            backlog_item("P6", Dropped, Some(1.0), "2026-04-01"),
            backlog_item("P7", InSprint, Some(3.0), "2026-07-22"),
        ],
        path: "backlog/2026-10-15.yaml".into(),
    }
}

/// The 2026-09-01 snapshot: P1 ready 5 without acceptance, P2 new.
pub fn early_snapshot() -> BacklogSnapshot {
    BacklogSnapshot {
        date: Some(date("2026-09-01")),
        items: vec![
            backlog_item("P1", BacklogState::Ready, Some(5.0), "2026-07-01"),
            backlog_item("P2", BacklogState::New, None, "2026-05-01"),
        ],
        path: "backlog/2026-09-01.yaml".into(),
    }
}

/// A note at `notes/<day>-<kind>.md` attended by `who` (members, or guests
/// when prefixed `guest:`).
pub fn note(day: &str, kind: NoteKind, who: &[&str]) -> Note {
    let path = format!("notes/{day}-{}.md", kind.as_str());
    Note {
        attendees: testkit::attendees(who),
        ..testkit::note(&path, day, kind, &format!("{} {day}", kind.as_str()))
    }
}

fn notes() -> Vec<Note> {
    use NoteKind::{Planning, Refinement, Retro, Review, Standup, Sync};
    let all = ["alice", "bob", "carol", "dan"];
    let mut n1 = note("2026-09-07", Planning, &all);
    n1.actions = vec![action(&["bob"], "book staging", Some("2026-09-10"), false)];
    let mut n2 = note("2026-09-24", Refinement, &["alice", "bob", "carol"]);
    n2.actions = vec![action(&["bob"], "write the checklist", Some("2026-10-01"), false)];
    n2.decisions = vec![decision("Split B3 out of B1 #compromise", &["B3", "B1"])];
    let mut n3 = note("2026-09-25", Standup, &["bob", "carol", "dan"]);
    n3.actions = vec![action(&["alice"], "clarify B5 acceptance", Some("2026-09-30"), false)];
    let mut n4 = note("2026-10-01", Sync, &["alice", "bob"]);
    n4.actions = vec![action(&["bob"], "write the checklist", None, true)];
    n4.decisions = vec![decision("No new scope", &[])];
    let mut n5 = note("2026-10-02", Review, &["alice", "carol", "dan", "guest:Jane Doe"]);
    n5.actions = vec![action(&["alice"], "clarify B5 acceptance", None, true)];
    n5.decisions = vec![decision("Ship B2 as is", &["B2"])];
    let mut n6 = note("2026-10-02", Retro, &["bob", "carol", "dan"]);
    n6.actions = vec![action(&["alice", "carol"], "pair on deploy script", Some("2026-10-09"), false)];
    let mut n7 = note("2026-10-05", Planning, &all);
    n7.visibility = Visibility::Private;
    n7.actions = vec![action(&["dan"], "update runbook", Some("2026-10-30"), false)];
    n7.decisions = vec![
        decision("Take C4 mid-sprint if capacity #compromise", &["C4"]),
        decision("Keep the sprint goal", &[]),
    ];
    let mut n8 = note("2026-10-12", Refinement, &["alice", "carol"]);
    n8.decisions = vec![decision("C5 goes back to the backlog", &["C5"])];
    let mut n9 = note("2026-10-14", Sync, &["alice", "bob"]);
    n9.actions = vec![action(&["bob"], "book demo room", Some("2026-10-15"), true)];
    let mut n10 = note("2026-10-21", Review, &["alice", "bob"]);
    n10.actions = vec![action(&["alice", "carol"], "pair on deploy script", None, true)];
    n10.decisions = vec![decision("D3 dropped to make room", &["D3"])];
    vec![n1, n2, n3, n4, n5, n6, n7, n8, n9, n10]
}

/// The fixture project (dated backlog snapshots, default settings).
pub fn project() -> Project {
    ProjectBuilder::new("Phoenix")
        .member(member("alice", "alice", Role::ProductOwner))
        .member(member("bob", "bob", Role::ScrumMaster))
        .member(member("carol", "carol", Role::Developer))
        .member(member("dan", "dan", Role::Developer))
        .sprints(sprints())
        .backlog(Backlog::Dated(vec![early_snapshot(), latest_snapshot()]))
        .notes(notes())
        .build()
}

/// The fixture's report date.
pub fn d() -> Date {
    date("2026-10-20")
}
