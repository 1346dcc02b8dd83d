#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::analysis::{History, analyse};
use crate::indicators::Indicator;
use crate::model::{
    Backlog, BacklogItem, BacklogSnapshot, BacklogState, Decision, Impediment, ItemStatus, NoteKind,
    SprintItem,
};
use crate::model::{Project, Role, Visibility};
use crate::site::testdata::{REPORT_DATE, project};
use crate::testkit::date;

/// The fixture with its sprint started before the retro of 2026-09-28, so
/// that retro falls in the collaboration window (which starts no earlier
/// than the first sprint).
fn started_earlier() -> Project {
    let mut p = project();
    p.sprints[0].start = date("2026-09-21");
    p
}

fn run(p: &Project) -> Vec<Group> {
    analyse(p, REPORT_DATE, History::Recent).attention
}

/// The group of `kind`, if any (there is at most one).
fn of(list: &[Group], kind: Kind) -> Option<&Group> {
    let mut found = list.iter().filter(|g| g.kind() == kind);
    let first = found.next();
    assert!(found.next().is_none(), "two groups of {kind:?}");
    first
}

fn impediment(title: &str, raised: Date, resolved: Option<Date>, owner: Option<&str>) -> Impediment {
    Impediment { title: title.into(), raised, resolved, owner: owner.map(String::from) }
}

fn item(id: &str, status: ItemStatus, added: Option<Date>, removed: Option<Date>) -> SprintItem {
    SprintItem {
        id: id.into(),
        title: format!("Title of {id}"),
        points: Some(3.0),
        item_type: None,
        status,
        added,
        removed,
        done: None,
        started: None,
    }
}

fn backlog_item(id: &str, state: BacklogState, created: Date, updated: Option<Date>) -> BacklogItem {
    BacklogItem {
        id: id.into(),
        title: format!("Title of {id}"),
        points: Some(2.0),
        item_type: None,
        state,
        created,
        updated,
        acceptance: Vec::new(),
        owner: None,
    }
}

#[test]
fn the_fixture_has_an_overdue_action_and_a_retro_without_po_or_sm() {
    let list = run(&started_earlier());
    let overdue = of(&list, Kind::OverdueActions).unwrap();
    assert_eq!(overdue.headline, Headline::OverdueActions { count: 1, oldest_days: 7 });
    assert_eq!(overdue.severity, Severity::Important);
    assert_eq!(overdue.target, Some(Target::OverdueActions));
    let Subject::Action { text, owners, due, late_days, raised, meeting, private, .. } =
        &overdue.items[0].subject
    else {
        panic!("{:?}", overdue.items[0])
    };
    assert_eq!(&**text, "Split PHX-101 @bob due 2026-10-09");
    assert_eq!(&**owners, ["bob".to_string()]);
    assert_eq!((*due, *late_days, *raised), (date("2026-10-09"), 7, date("2026-10-05")));
    assert_eq!((*meeting, *private), (Some(NoteKind::Planning), false));
    // The report's own list: the item's number on the actions page.
    assert_eq!(overdue.items[0].target, Some(Target::Action(1)));

    for (kind, role, indicator) in [
        (Kind::WithoutProductOwner, Role::ProductOwner, Indicator::PoEventAttendance),
        (Kind::WithoutScrumMaster, Role::ScrumMaster, Indicator::SmEventAttendance),
    ] {
        let missed = of(&list, kind).unwrap();
        assert_eq!(missed.headline, Headline::MissedEvents { role, missed: 1, events: 2, window_days: 26 });
        assert_eq!(missed.target, Some(Target::Explain(indicator)));
        assert_eq!(
            missed.items[0].subject,
            Subject::Event {
                date: date("2026-09-28"),
                title: "Sprint 20 retro".into(),
                kind: NoteKind::Retro
            }
        );
        assert_eq!(missed.items[0].target, Some(Target::Note("notes/2026-09-28-retro.md".into())));
    }
    assert_eq!(list.len(), 3, "{list:#?}");
}

#[test]
fn an_action_from_a_private_note_is_marked_private_and_urgent_after_a_week() {
    let mut p = project();
    let sync = p.notes.iter_mut().find(|n| n.visibility == Visibility::Private).unwrap();
    sync.actions[0].due = Some(date("2026-10-01"));
    let list = run(&p);
    let overdue = of(&list, Kind::OverdueActions).unwrap();
    assert_eq!(overdue.headline, Headline::OverdueActions { count: 2, oldest_days: 15 });
    assert_eq!(overdue.severity, Severity::Urgent);
    // Most severe, then oldest first.
    assert_eq!(overdue.items[0].severity, Severity::Urgent);
    assert!(matches!(overdue.items[0].subject, Subject::Action { private: true, .. }));
    assert!(matches!(overdue.items[1].subject, Subject::Action { private: false, .. }));
}

#[test]
fn notes_after_the_date_are_not_seen() {
    let mut p = project();
    let future = p.notes.iter_mut().find(|n| n.title == "Future review").unwrap();
    future.actions = vec![crate::testkit::action(&["carol"], "FUTURE action", Some("2026-10-01"), false)];
    future.date = date("2026-10-17");
    future.kind = NoteKind::Review;
    let all = format!("{:?}", run(&p));
    assert!(!all.contains("FUTURE") && !all.contains("Future review"), "{all}");
}

#[test]
fn open_impediments_are_counted_with_the_oldest_and_resolved_ones_are_not() {
    let mut p = project();
    p.sprints[0].impediments = vec![
        impediment("Old blocker", date("2026-10-01"), None, Some("alice")),
        impediment("Fixed", date("2026-10-06"), Some(date("2026-10-10")), None),
        impediment("Fixed after the date", date("2026-10-14"), Some(date("2026-10-20")), None),
        impediment("Not raised yet", date("2026-10-18"), None, None),
    ];
    let list = run(&p);
    let open = of(&list, Kind::OpenImpediments).unwrap();
    assert_eq!(open.headline, Headline::OpenImpediments { count: 2, oldest_days: 15 });
    let titles: Vec<(&str, i64, Option<&str>)> = open
        .items
        .iter()
        .map(|i| match &i.subject {
            Subject::Impediment { title, open_days, owner, .. } => {
                (title.as_str(), *open_days, owner.as_deref())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(titles, [("Old blocker", 15, Some("alice")), ("Fixed after the date", 2, None)]);
    assert_eq!(list[0].severity, Severity::Urgent);
    assert_eq!(list[0].kind(), Kind::OpenImpediments);
    // Each links its row on the sprint's page; the group its oldest.
    assert_eq!(open.items[1].target, Some(Target::Impediment { sprint: "S21".into(), n: 3 }));
    assert_eq!(open.target, Some(Target::Impediment { sprint: "S21".into(), n: 1 }));
}

#[test]
fn scope_changes_without_a_decision_are_one_group_across_sprints() {
    let mut p = project();
    p.sprints[0].items = vec![
        // added two days after the planning decision that names it: negotiated
        item("PHX-101", ItemStatus::Done, Some(date("2026-10-07")), None),
        item("PHX-102", ItemStatus::NotDone, Some(date("2026-10-12")), None),
        item("PHX-103", ItemStatus::Removed, None, Some(date("2026-10-14"))),
        // committed at planning: not a change
        item("PHX-104", ItemStatus::Done, Some(date("2026-10-05")), None),
    ];
    let list = run(&p);
    let changes = of(&list, Kind::UnagreedScopeChanges).unwrap();
    assert_eq!(changes.headline, Headline::UnagreedScopeChanges { count: 2, sprints: 1, window_days: 12 });
    let ids: Vec<(&str, bool)> = changes
        .items
        .iter()
        .map(|i| match &i.subject {
            Subject::ScopeChange { item, removed, .. } => (item.as_str(), *removed),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(ids, [("PHX-102", false), ("PHX-103", true)]);
    assert_eq!(
        changes.items[0].target,
        Some(Target::SprintItem { sprint: "S21".into(), item: "PHX-102".into() })
    );

    // a decision within two days, even in a private note, settles it
    p.sprints[0].items.truncate(2);
    let sync = p.notes.iter_mut().find(|n| n.visibility == Visibility::Private).unwrap();
    sync.date = date("2026-10-10");
    sync.decisions.push(Decision {
        text: "ok".into(),
        compromise: false,
        references: vec!["PHX-102".into()],
        line: 1,
    });
    assert!(of(&run(&p), Kind::UnagreedScopeChanges).is_none());
}

#[test]
fn less_than_a_sprint_of_ready_work_gives_points_and_velocity() {
    let p = project();
    let mut figures = crate::metrics::BacklogFigures {
        open_items: 4,
        ready_points: 8.0,
        readiness_sprints: Some(8.0 / 20.0),
        stale_share: None,
        acceptance_coverage: None,
        top_estimated_share: None,
        median_age_days: None,
    };
    let check = |figures: &crate::metrics::BacklogFigures| {
        let facts = Facts { backlog: Some(figures), velocity: Some(20.0), tracked: &[], numbered: true };
        let list = attention_with(&Timeline::new(&p), &facts, REPORT_DATE, REPORT_DATE);
        of(&list, Kind::LowReadiness).map(|g| (g.severity, g.headline.clone()))
    };
    assert_eq!(
        check(&figures),
        Some((Severity::Urgent, Headline::LowReadiness { ready_points: 8.0, velocity: 20.0 }))
    );
    figures.readiness_sprints = Some(0.8);
    assert_eq!(check(&figures).map(|c| c.0), Some(Severity::Important));
    figures.readiness_sprints = Some(1.0);
    assert!(check(&figures).is_none());
    figures.readiness_sprints = None;
    assert!(check(&figures).is_none());
}

#[test]
fn stale_backlog_items_oldest_first_every_one_kept() {
    let mut p = project();
    let mut items = vec![
        backlog_item("OK-1", BacklogState::Ready, date("2026-01-01"), Some(date("2026-07-18"))), // exactly 90 days
        backlog_item("DONE", BacklogState::Done, date("2025-01-01"), None),
    ];
    for (i, month) in [3, 1, 5, 2, 4, 6, 3].iter().enumerate() {
        items.push(backlog_item(
            &format!("OLD-{i}"),
            BacklogState::New,
            Date::constant(2026, *month, 10),
            None,
        ));
    }
    p.backlog = Backlog::Current(BacklogSnapshot { date: None, items, path: "backlog.yaml".into() });
    let list = run(&p);
    let stale = of(&list, Kind::StaleItems).unwrap();
    assert_eq!(stale.headline, Headline::StaleItems { count: 7, oldest_days: 279, stale_days: 90 });
    assert_eq!(stale.severity, Severity::Housekeeping);
    let ids: Vec<&str> = stale
        .items
        .iter()
        .map(|i| match &i.subject {
            Subject::StaleItem { id, .. } => id.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    // Both of March: by id.
    assert_eq!(ids, ["OLD-1", "OLD-3", "OLD-0", "OLD-6", "OLD-4", "OLD-2", "OLD-5"]);
    assert_eq!(stale.items[0].target, Some(Target::BacklogItem("OLD-1".into())));
    // housekeeping comes last
    assert_eq!(list.last().map(Group::kind), Some(Kind::StaleItems));
}

#[test]
fn order_is_by_severity_then_kind_and_nothing_to_do_is_empty() {
    let mut p = project();
    p.sprints[0].impediments = vec![impediment("Blocker", date("2026-10-15"), None, None)];
    let list = run(&p);
    let order: Vec<(Severity, Kind)> = list.iter().map(|g| (g.severity, g.kind())).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(list[0].kind(), Kind::OpenImpediments);

    let mut calm = project();
    // Only the planning (with the PO and the SM), without its overdue action:
    // the sprint (ending on the report date) has every event it owes so far.
    calm.notes.retain(|n| n.kind == NoteKind::Planning);
    calm.notes.iter_mut().for_each(|n| n.actions.clear());
    calm.sprints[0].impediments.clear();
    assert!(run(&calm).is_empty(), "{:?}", run(&calm));
}

#[test]
fn sprint_events_without_notes_are_housekeeping() {
    let mut p = project();
    p.notes.retain(|n| n.kind != NoteKind::Planning);
    // The sprint ended the day before the report date, with no review or retro notes.
    let date = date("2026-10-17");
    let list = analyse(&p, date, History::Recent).attention;
    let unrecorded = of(&list, Kind::UnrecordedEvents).unwrap();
    assert_eq!(unrecorded.severity, Severity::Housekeeping);
    assert_eq!(unrecorded.headline, Headline::UnrecordedEvents { count: 3, window_days: 13 });
    let kinds: Vec<NoteKind> = unrecorded
        .items
        .iter()
        .map(|i| match &i.subject {
            Subject::Unrecorded { kind, .. } => *kind,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, [NoteKind::Planning, NoteKind::Review, NoteKind::Retro]);
    assert_eq!(unrecorded.items[0].target, Some(Target::Sprint("S21".into())));
}

#[test]
fn a_review_and_retro_written_up_together_records_both() {
    let mut p = project();
    p.notes.retain(|n| n.kind != NoteKind::Planning);
    let mut both = crate::testkit::note(
        "notes/2026-10-16-review-retro.md",
        "2026-10-16",
        NoteKind::Review,
        "Sprint 21 review + retro",
    );
    both.also = vec![NoteKind::Retro];
    p.notes.push(both);
    let list = analyse(&p, date("2026-10-17"), History::Recent).attention;
    let unrecorded = of(&list, Kind::UnrecordedEvents).unwrap();
    assert_eq!(unrecorded.items.len(), 1);
    assert!(matches!(unrecorded.items[0].subject, Subject::Unrecorded { kind: NoteKind::Planning, .. }));
}

#[test]
fn a_week_s_groups_point_at_the_overdue_list_not_at_numbered_items() {
    let p = started_earlier();
    let analysis = analyse(&p, REPORT_DATE, History::Full);
    let last = analysis.weekly_attention.last().unwrap();
    let overdue = of(last, Kind::OverdueActions).unwrap();
    assert_eq!(overdue.items[0].target, Some(Target::OverdueActions));
}
