#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::analysis::{History, analyse};
use crate::model::{
    Backlog, BacklogItem, BacklogSnapshot, BacklogState, Decision, Impediment, ItemStatus, NoteKind,
    SprintItem,
};
use crate::model::{Project, Visibility};
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

fn run(p: &Project) -> Vec<Attention> {
    analyse(p, REPORT_DATE, History::Recent).attention
}

fn of(list: &[Attention], rule: Rule) -> Vec<&Attention> {
    list.iter().filter(|a| a.rule == rule).collect()
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
    let overdue = of(&list, Rule::OverdueAction);
    assert_eq!(overdue.len(), 1);
    assert_eq!(
        overdue[0].text,
        "“Split PHX-101 @bob due 2026-10-09” is 7 days overdue (Bob Okafor, due Fri 9 Oct)"
    );
    assert_eq!(overdue[0].severity, Severity::Important);
    assert_eq!(overdue[0].target, Some(Target::Actions));
    assert_eq!(overdue[0].details[0].text, "Raised at Sprint 21 planning on Mon 5 Oct");
    assert_eq!(overdue[0].details[0].target, Some(Target::Note("notes/2026-10-05-planning.md".into())));

    let missed = of(&list, Rule::MissedEvents);
    let texts: Vec<&str> = missed.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The product owner, Alice Chen, missed 1 of 2 sprint events in the last 26 days",
            "The scrum master, Bob Okafor, missed 1 of 2 sprint events in the last 26 days",
        ]
    );
    assert_eq!(missed[0].details[0].text, "Mon 28 Sep: Sprint 20 retro");
    assert_eq!(missed[0].target, Some(Target::Note("notes/2026-09-28-retro.md".into())));
    assert_eq!(list.len(), 3, "{list:#?}");

    // A public site's words quote no note: not the action's text, not a note's title.
    assert_eq!(
        overdue[0].sentence(true),
        "An action item raised on Mon 5 Oct is 7 days overdue (Bob Okafor, due Fri 9 Oct)"
    );
    assert_eq!(overdue[0].sentence(false), overdue[0].text);
    assert_eq!(overdue[0].details[0].line(true), "Raised on Mon 5 Oct (Sprint planning)");
    assert_eq!(missed[0].details[0].line(true), "Mon 28 Sep: Retrospective");
    assert_eq!(missed[0].sentence(true), missed[0].text);
}

#[test]
fn an_action_from_a_private_note_is_named_but_never_quoted() {
    let mut p = project();
    let sync = p.notes.iter_mut().find(|n| n.visibility == Visibility::Private).unwrap();
    sync.actions[0].due = Some(date("2026-10-01"));
    let list = run(&p);
    let overdue = of(&list, Rule::OverdueAction);
    assert_eq!(
        overdue[0].text,
        "An action item from a private note is 15 days overdue (Alice Chen, due Thu 1 Oct)"
    );
    assert_eq!(overdue[0].severity, Severity::Urgent);
    let all = format!("{list:?}");
    assert!(!all.contains("SECRET"), "{all}");
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
fn open_impediments_are_listed_by_age_and_resolved_ones_are_not() {
    let mut p = project();
    p.sprints[0].impediments = vec![
        impediment("Old blocker", date("2026-10-01"), None, Some("alice")),
        impediment("Fixed", date("2026-10-06"), Some(date("2026-10-10")), None),
        impediment("Fixed after the date", date("2026-10-14"), Some(date("2026-10-20")), None),
        impediment("Not raised yet", date("2026-10-18"), None, None),
    ];
    let list = run(&p);
    let open: Vec<&str> = of(&list, Rule::OpenImpediment).iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        open,
        [
            "Impediment open for 15 days: Old blocker (Alice Chen, Sprint 21)",
            "Impediment open for 2 days: Fixed after the date (no owner, Sprint 21)",
        ]
    );
    assert_eq!(list[0].severity, Severity::Urgent);
    assert_eq!(list[0].target, Some(Target::Sprint("S21".into())));
}

#[test]
fn scope_changes_without_a_decision_are_grouped_by_sprint() {
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
    let changes = of(&list, Rule::UnagreedScopeChange);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].text, "2 scope changes to Sprint 21 with no decision recorded");
    let details: Vec<&str> = changes[0].details.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(
        details,
        [
            "PHX-102 “Title of PHX-102” was added on Mon 12 Oct",
            "PHX-103 “Title of PHX-103” was removed on Wed 14 Oct"
        ]
    );

    // one change: the entry names it
    p.sprints[0].items.truncate(2);
    let list = run(&p);
    assert_eq!(
        of(&list, Rule::UnagreedScopeChange)[0].text,
        "PHX-102 “Title of PHX-102” was added on Mon 12 Oct (Sprint 21) with no decision recorded"
    );
    // a decision within two days, even in a private note, settles it
    let sync = p.notes.iter_mut().find(|n| n.visibility == Visibility::Private).unwrap();
    sync.date = date("2026-10-10");
    sync.decisions.push(Decision {
        text: "ok".into(),
        compromise: false,
        references: vec!["PHX-102".into()],
        line: 1,
    });
    assert!(of(&run(&p), Rule::UnagreedScopeChange).is_empty());
}

#[test]
fn less_than_a_sprint_of_ready_work_says_points_and_velocity() {
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
        let facts = Facts { backlog: Some(figures), velocity: Some(20.0), tracked: &[] };
        of(&attention_with(&Timeline::new(&p), &facts, REPORT_DATE, REPORT_DATE), Rule::LowReadiness)
            .into_iter()
            .map(|a| (a.severity, a.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        check(&figures),
        [(
            Severity::Urgent,
            "Less than one sprint of ready work: 8 points ready against a velocity of 20 points a sprint"
                .to_string()
        )]
    );
    figures.readiness_sprints = Some(0.8);
    assert_eq!(check(&figures)[0].0, Severity::Important);
    figures.readiness_sprints = Some(1.0);
    assert!(check(&figures).is_empty());
    figures.readiness_sprints = None;
    assert!(check(&figures).is_empty());
}

#[test]
fn stale_backlog_items_oldest_first_capped_at_five() {
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
    let stale = of(&list, Rule::StaleItems);
    assert_eq!(stale[0].text, "7 backlog items untouched for more than 90 days");
    assert_eq!(stale[0].severity, Severity::Housekeeping);
    let details: Vec<&str> = stale[0].details.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(details.len(), MAX_DETAILS + 1);
    assert_eq!(details[0], "OLD-1 “Title of OLD-1”: untouched for 279 days");
    assert_eq!(details[5], "and 2 more");
    // housekeeping comes last
    assert_eq!(list.last().map(|a| a.rule), Some(Rule::StaleItems));
}

#[test]
fn order_is_by_severity_then_rule_and_nothing_to_do_is_empty() {
    let mut p = project();
    p.sprints[0].impediments = vec![impediment("Blocker", date("2026-10-15"), None, None)];
    let list = run(&p);
    let order: Vec<(Severity, Rule)> = list.iter().map(|a| (a.severity, a.rule)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(list[0].rule, Rule::OpenImpediment);

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
    let unrecorded = of(&list, Rule::UnrecordedEvents);
    assert_eq!(unrecorded.len(), 1);
    assert_eq!(unrecorded[0].severity, Severity::Housekeeping);
    assert_eq!(
        unrecorded[0].text,
        "3 sprint events have no meeting notes in the last 13 days: add their notes, or the figures about sprint events leave them out"
    );
    let details: Vec<&str> = unrecorded[0].details.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        details,
        [
            "Sprint 21 planning (Mon 5 Oct)",
            "Sprint 21 review (Fri 16 Oct)",
            "Sprint 21 retrospective (Fri 16 Oct)"
        ]
    );
    assert_eq!(unrecorded[0].details[0].target, Some(Target::Sprint("S21".into())));
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
    let details: Vec<String> = of(&list, Rule::UnrecordedEvents)
        .iter()
        .flat_map(|a| a.details.iter().map(|d| d.text.clone()))
        .collect();
    assert_eq!(details, ["Sprint 21 planning (Mon 5 Oct)"]);
}
