//! A small project for site tests: three notes up to the report date (one
//! private), one after it, hostile text in a title and a body.

use crate::model::{
    Attendee, Backlog, Date, Decision, Member, Note, NoteAction, NoteKind, Project, Role, Settings, Sprint,
    Team, Visibility,
};

pub const REPORT_DATE: Date = Date::constant(2026, 10, 16);

fn member(id: &str, name: &str, role: Role) -> Member {
    Member { id: id.into(), name: name.into(), role, aliases: Vec::new() }
}

fn note(path: &str, date: Date, kind: NoteKind, title: &str, body: &str) -> Note {
    Note {
        path: path.into(),
        date,
        kind,
        title: title.into(),
        attendees: Vec::new(),
        sprint: None,
        visibility: Visibility::Team,
        body: body.into(),
        body_line: 1,
        actions: Vec::new(),
        decisions: Vec::new(),
    }
}

fn action(owners: &[&str], text: &str, due: Option<Date>, checked: bool) -> NoteAction {
    NoteAction {
        guests: Vec::new(),
        owners: owners.iter().map(|o| o.to_string()).collect(),
        text: text.into(),
        key: text.to_lowercase(),
        due,
        checked,
        done_on: None,
        line: 1,
    }
}

const PLANNING_BODY: &str = "# Sprint 21 planning\n\n## Agenda\n\n\
- [x] Review the goal\n- [ ] Split PHX-101 @bob due 2026-10-09\n\n\
| Item | Points |\n|:--|--:|\n| PHX-101 | 5 |\n\n\
Decision: Keep the goal small #compromise\n\n\
<script>alert('pwned')</script><img src=x onerror=\"alert(1)\">\n";

pub fn project() -> Project {
    let mut planning = note(
        "notes/2026-10-05-planning.md",
        Date::constant(2026, 10, 5),
        NoteKind::Planning,
        "Sprint 21 planning",
        PLANNING_BODY,
    );
    planning.attendees = vec![
        Attendee::Member("alice".into()),
        Attendee::Member("bob".into()),
        Attendee::Guest("Dana from Sales".into()),
    ];
    planning.sprint = Some("S21".into());
    planning.actions = vec![
        action(&[], "Review the goal", None, true),
        action(&["bob"], "Split PHX-101 @bob due 2026-10-09", Some(Date::constant(2026, 10, 9)), false),
    ];
    planning.decisions = vec![Decision {
        text: "Keep the goal small #compromise".into(),
        compromise: true,
        references: vec!["PHX-101".into()],
        line: 12,
    }];

    let mut sync = note(
        "notes/2026/10-09 Sync.md",
        Date::constant(2026, 10, 9),
        NoteKind::Sync,
        "PO <b>sync</b> & \"notes\"",
        "SECRET salary talk\n",
    );
    sync.visibility = Visibility::Private;
    sync.attendees = vec![Attendee::Member("alice".into()), Attendee::Member("bob".into())];
    sync.actions = vec![action(&["alice"], "SECRET action", None, false)];
    sync.decisions =
        vec![Decision { text: "SECRET decision".into(), compromise: false, references: Vec::new(), line: 3 }];

    let retro = note(
        "notes/2026-09-28-retro.md",
        Date::constant(2026, 9, 28),
        NoteKind::Retro,
        "Sprint 20 retro",
        "Went well: pairing.\n",
    );
    let future = note(
        "notes/2026-10-30-review.md",
        Date::constant(2026, 10, 30),
        NoteKind::Review,
        "Future review",
        "FUTURE text\n",
    );

    Project {
        settings: Settings::default(),
        team: Team {
            name: "Phoenix".into(),
            members: vec![
                member("alice", "Alice Chen", Role::ProductOwner),
                member("bob", "Bob Okafor", Role::ScrumMaster),
                member("carol", "Carol Diaz", Role::Developer),
            ],
        },
        sprints: vec![Sprint {
            id: "S21".into(),
            name: "Sprint 21".into(),
            start: Date::constant(2026, 10, 5),
            end: Date::constant(2026, 10, 16),
            goal: None,
            goal_met: None,
            items: Vec::new(),
            impediments: Vec::new(),
            path: "sprints/s21.yaml".into(),
        }],
        backlog: Backlog::Absent,
        notes: vec![retro, planning, sync, future],
    }
}
