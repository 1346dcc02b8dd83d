//! A small project for site tests: three notes up to the report date (one
//! private), one after it, hostile text in a title and a body.

use crate::model::{Date, Decision, Note, NoteKind, Project, Role, Visibility};
use crate::testkit::{self, ProjectBuilder, action, member};

pub const REPORT_DATE: Date = Date::constant(2026, 10, 16);

/// A note with its body.
fn note(path: &str, day: &str, kind: NoteKind, title: &str, body: &str) -> Note {
    Note { body: body.into(), ..testkit::note(path, day, kind, title) }
}

const PLANNING_BODY: &str = "# Sprint 21 planning\n\n## Agenda\n\n\
- [x] Review the goal\n- [ ] Split PHX-101 @bob due 2026-10-09\n\n\
| Item | Points |\n|:--|--:|\n| PHX-101 | 5 |\n\n\
Decision: Keep the goal small #compromise\n\n\
<script>alert('pwned')</script><img src=x onerror=\"alert(1)\">\n";

pub fn project() -> Project {
    let mut planning = note(
        "notes/2026-10-05-planning.md",
        "2026-10-05",
        NoteKind::Planning,
        "Sprint 21 planning",
        PLANNING_BODY,
    );
    planning.attendees = testkit::attendees(&["alice", "bob", "guest:Dana from Sales"]);
    planning.sprint = Some("S21".into());
    planning.actions = vec![
        action(&[], "Review the goal", None, true),
        action(&["bob"], "Split PHX-101 @bob due 2026-10-09", Some("2026-10-09"), false),
    ];
    planning.decisions = vec![Decision {
        text: "Keep the goal small #compromise".into(),
        compromise: true,
        references: vec!["PHX-101".into()],
        line: 12,
    }];

    let mut sync = note(
        "notes/2026/10-09 Sync.md",
        "2026-10-09",
        NoteKind::Sync,
        "PO <b>sync</b> & \"notes\"",
        "SECRET salary talk\n",
    );
    sync.visibility = Visibility::Private;
    sync.attendees = testkit::attendees(&["alice", "bob"]);
    sync.actions = vec![action(&["alice"], "SECRET action", None, false)];
    sync.decisions =
        vec![Decision { text: "SECRET decision".into(), compromise: false, references: Vec::new(), line: 3 }];

    let retro = note(
        "notes/2026-09-28-retro.md",
        "2026-09-28",
        NoteKind::Retro,
        "Sprint 20 retro",
        "Went well: pairing.\n",
    );
    let future =
        note("notes/2026-10-30-review.md", "2026-10-30", NoteKind::Review, "Future review", "FUTURE text\n");

    let mut s21 = testkit::sprint("S21", "2026-10-05", "2026-10-16");
    s21.name = "Sprint 21".into();
    s21.path = "sprints/s21.yaml".into();
    ProjectBuilder::new("Phoenix")
        .member(member("alice", "Alice Chen", Role::ProductOwner))
        .member(member("bob", "Bob Okafor", Role::ScrumMaster))
        .member(member("carol", "Carol Diaz", Role::Developer))
        .sprints([s21])
        .notes([retro, planning, sync, future])
        .build()
}
