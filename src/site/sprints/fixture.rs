//! The site test project ([`crate::site::testdata`]) with what the section
//! pages need on top: sprint items of every kind, impediments, backlog
//! snapshots (one after the report date), decisions that mention items,
//! action items in every state, and a sprint that starts after the report
//! date.

use crate::model::{
    Backlog, BacklogItem, BacklogSnapshot, BacklogState, Date, Impediment, ItemStatus, ItemType, Note,
    NoteAction, Project, Sprint, SprintItem,
};
use crate::site::Input;
use crate::site::paths::SitePaths;
use crate::site::testdata::{self, REPORT_DATE};
use crate::testkit::{self, date, decision};

pub fn item(id: &str, points: Option<f64>, status: ItemStatus, added: Option<Date>) -> SprintItem {
    SprintItem {
        id: id.into(),
        title: format!("Title of {id}"),
        points,
        item_type: Some(ItemType::Story),
        status,
        added,
        removed: (status == ItemStatus::Removed).then(|| date("2026-10-08")),
        done: (status == ItemStatus::Done).then(|| date("2026-10-14")),
        started: None,
    }
}

fn sprint(id: &str, start: &str, end: &str, mut items: Vec<SprintItem>) -> Sprint {
    // Items are done on the 14th of October, or on the last day of a sprint
    // that ended before (a done date after the end is not done in it).
    for item in &mut items {
        item.done = item.done.map(|d| d.min(date(end)));
    }
    Sprint { name: format!("Sprint {}", &id[1..]), items, ..testkit::sprint(id, start, end) }
}

pub fn backlog_item(id: &str, state: BacklogState, created: Date, updated: Option<Date>) -> BacklogItem {
    BacklogItem {
        id: id.into(),
        title: format!("Backlog {id}"),
        points: Some(3.0),
        item_type: None,
        state,
        created,
        updated,
        acceptance: vec!["It works".into()],
        owner: Some("carol".into()),
    }
}

/// An action item with an explicit done date.
fn action(
    owners: &[&str],
    text: &str,
    due: Option<&str>,
    checked: bool,
    done_on: Option<&str>,
) -> NoteAction {
    NoteAction { done_on: done_on.map(date), ..testkit::action(owners, text, due, checked) }
}

fn note_mut<'a>(p: &'a mut Project, path: &str) -> &'a mut Note {
    p.notes.iter_mut().find(|n| n.path == path).unwrap_or_else(|| panic!("no note {path}"))
}

pub fn project() -> Project {
    let mut p = testdata::project();
    let s20 = sprint(
        "S20",
        "2026-09-21",
        "2026-10-02",
        vec![
            item("PHX-101", Some(5.0), ItemStatus::NotDone, None),
            item("PHX-090", Some(3.0), ItemStatus::Done, None),
        ],
    );
    let mut s21 = p.sprints.remove(0);
    s21.goal = Some("Saved <cards> & more".into());
    s21.goal_met = Some(false);
    s21.items = vec![
        item("PHX-101", Some(5.0), ItemStatus::Done, None),
        item("PHX-102", Some(3.0), ItemStatus::NotDone, Some(date("2026-10-05"))),
        item("PHX-103", None, ItemStatus::Done, Some(date("2026-10-07"))),
        item("PHX-104", Some(2.0), ItemStatus::Removed, None),
        item("A_1", Some(1.0), ItemStatus::Done, None),
        item("a-1", Some(1.0), ItemStatus::Done, None),
    ];
    s21.items[1].title = "<script>alert(1)</script>".into();
    s21.impediments = vec![
        Impediment {
            title: "Staging down".into(),
            raised: date("2026-10-06"),
            resolved: Some(date("2026-10-08")),
            owner: Some("bob".into()),
        },
        Impediment { title: "Vendor key".into(), raised: date("2026-10-12"), resolved: None, owner: None },
        Impediment {
            title: "Later fix".into(),
            raised: date("2026-10-13"),
            resolved: Some(date("2026-10-20")),
            owner: Some("alice".into()),
        },
    ];
    let s22 =
        sprint("S22", "2026-10-19", "2026-10-30", vec![item("PHX-200", Some(8.0), ItemStatus::Done, None)]);
    p.sprints = vec![s20, s21, s22];

    let mut ready_bare = backlog_item("PHX-111", BacklogState::Ready, date("2026-09-01"), None);
    ready_bare.acceptance.clear();
    let snapshot = |d: Date, items: Vec<BacklogItem>| BacklogSnapshot {
        date: Some(d),
        path: format!("backlog/{d}.yaml"),
        items,
    };
    p.backlog = Backlog::Dated(vec![
        snapshot(
            date("2026-10-01"),
            vec![backlog_item("PHX-110", BacklogState::New, date("2026-09-01"), None)],
        ),
        snapshot(
            date("2026-10-12"),
            vec![
                backlog_item("PHX-110", BacklogState::Ready, date("2026-09-01"), Some(date("2026-10-10"))),
                ready_bare,
                backlog_item("PHX-112", BacklogState::Refined, date("2026-05-01"), None),
                backlog_item("PHX-113", BacklogState::New, date("2026-07-18"), None),
                backlog_item("PHX-090", BacklogState::Done, date("2026-08-01"), None),
                backlog_item("PHX-101", BacklogState::InSprint, date("2026-08-01"), None),
            ],
        ),
        snapshot(
            date("2026-10-30"),
            vec![backlog_item("PHX-LATER", BacklogState::New, date("2026-10-29"), None)],
        ),
    ]);

    let retro = note_mut(&mut p, "notes/2026-09-28-retro.md");
    retro.sprint = Some("S20".into());
    retro.decisions =
        vec![decision("Finish PHX-090, then PHX-112; PHX-999 waits", &["PHX-090", "PHX-112", "PHX-999"])];
    retro.actions = vec![
        action(&["carol"], "Write the runbook", Some("2026-10-20"), false, None),
        action(&["bob", "carol"], "Tidy the board", None, true, Some("2026-10-20")),
        action(&["alice"], "Call the vendor", Some("2026-10-01"), true, Some("2026-09-30")),
    ];
    note_mut(&mut p, "notes/2026/10-09 Sync.md").decisions[0].references = vec!["PHX-101".into()];
    note_mut(&mut p, "notes/2026-10-30-review.md").actions =
        vec![action(&["bob"], "Split PHX-101 @bob due 2026-10-09", None, true, None)];
    p
}

/// Runs `f` with the page input for [`project`] as of the report date.
pub fn with_input<T>(f: impl FnOnce(&Input<'_>) -> T) -> T {
    with_project(&project(), f)
}

/// Runs `f` with the page input for `project` as of the report date.
pub fn with_project<T>(project: &Project, f: impl FnOnce(&Input<'_>) -> T) -> T {
    let paths = SitePaths::new(project);
    let analysis = crate::analysis::analyse(project, REPORT_DATE, crate::analysis::History::Full);
    f(&Input::new(project, &analysis, &paths, false))
}
