#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::model::{Decision, Visibility};
use crate::testkit::{self, date};

fn decided(path: &str, day: &str, kind: NoteKind, decisions: &[(&[&str], bool)]) -> Note {
    let mut n = testkit::note(path, day, kind, "A title");
    n.decisions = decisions
        .iter()
        .enumerate()
        .map(|(i, (refs, compromise))| Decision {
            text: format!("decision {i}"),
            compromise: *compromise,
            references: refs.iter().map(|r| r.to_string()).collect(),
            line: i as u32 + 1,
        })
        .collect();
    n
}

fn tracked(text: &str, raised: Date, due: Option<Date>, done: Option<Date>) -> TrackedAction {
    TrackedAction {
        owners: Vec::new().into(),
        guests: Vec::new(),
        text: text.into(),
        key: text.into(),
        raised,
        raised_in: crate::model::KindSet::default(),
        note: "n.md".into(),
        private: false,
        due,
        done,
    }
}

fn unlinked(id: &str) -> LinkView {
    LinkView { label: id.to_string(), url: None }
}

#[test]
fn decisions_are_counted_by_meeting_with_their_items() {
    let mut sync = decided("s.md", "2026-10-09", NoteKind::Sync, &[(&["PHX-9"], true)]);
    sync.visibility = Visibility::Private;
    let notes = [
        decided(
            "r2.md",
            "2026-10-16",
            NoteKind::Review,
            &[(&["PHX-140"], false), (&["PHX-141", "PHX-140"], true)],
        ),
        sync,
        decided("r1.md", "2026-10-02", NoteKind::Review, &[(&[], false)]),
        decided("p.md", "2026-09-28", NoteKind::Planning, &[(&["A", "B", "C", "D", "E", "F", "G"], false)]),
    ];
    let counts = decisions_by_meeting(&notes, &unlinked);
    let texts: Vec<&str> = counts.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "3 decisions at sprint reviews, about PHX-140 and PHX-141; 1 of them a compromise",
            // A private note's decision counts; its items and tag (its text) do not.
            "1 decision at a PO and SM sync",
            "1 decision at a sprint planning, about A, B, C, D, E and 2 more",
        ]
    );
    assert_eq!(counts[0].kind, "review");
    assert_eq!(counts[2].items.len(), MAX_ITEMS);
}

#[test]
fn action_items_by_state_and_by_month_raised() {
    let mut tracked = vec![
        tracked("a", date("2026-09-03"), Some(date("2026-09-10")), Some(date("2026-09-09"))),
        tracked("b", date("2026-09-20"), Some(date("2026-10-01")), None),
        tracked("c", date("2026-10-05"), Some(date("2026-10-09")), None),
        tracked("d", date("2026-10-06"), None, None),
        tracked("e", date("2026-10-07"), Some(date("2026-10-30")), None),
    ];
    tracked.sort_by_key(|a| a.raised);
    let counts = actions(&tracked, date("2026-10-16"));
    let states: Vec<&str> = counts.states.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(states, ["2 overdue, oldest 15 days", "2 open: 1 not yet due, 1 with no due date", "1 done"]);
    assert_eq!(counts.states[0].anchor, "group-overdue");
    let months: Vec<(&str, usize, usize, usize, usize)> =
        counts.months.iter().map(|m| (m.label.as_str(), m.raised, m.done, m.open, m.overdue)).collect();
    assert_eq!(months, [("October 2026", 3, 0, 2, 1), ("September 2026", 2, 1, 0, 1)]);
    assert_eq!(actions(&[], date("2026-10-16")).states[0].text, "Nothing is overdue");
}

#[test]
fn rows_of_action_items_are_counted_by_month_and_verdict_in_place() {
    let row = |source: Source, day: &str, counted: bool| InputRow::new(source, date(day), counted, None);
    let rows = [
        row(Source::Sprint { sprint: "S1".into() }, "2026-09-01", true),
        row(Source::Action { action: 0 }, "2026-09-10", true),
        row(Source::Action { action: 1 }, "2026-09-20", false),
        row(Source::Action { action: 2 }, "2026-09-25", true),
        row(Source::Action { action: 3 }, "2026-10-02", true),
        row(Source::Decision { note: "n.md".into(), decision: 1 }, "2026-10-03", true),
    ];
    let lines = public_rows(
        &rows,
        |r| format!("row {:?}", r.date),
        |n, noun, page, d, counted| format!("{n} {noun} {page} {} {counted}", format::month(d)),
    );
    assert_eq!(
        lines,
        [
            "row 2026-09-01".to_string(),
            "2 action item actions/index.html September 2026 true".into(),
            "1 action item actions/index.html September 2026 false".into(),
            "1 action item actions/index.html October 2026 true".into(),
            "1 decision decisions/index.html October 2026 true".into(),
        ]
    );
}
