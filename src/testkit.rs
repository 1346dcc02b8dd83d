//! The one way tests build a project by hand: a [`ProjectBuilder`] and the
//! pieces it is made of ([`date`], [`action`], [`note`] ...). The fixtures
//! of each stage (`metrics::fixture`, `site::testdata`, the section pages'
//! fixture, the note reader's team) are data written with these, so a new
//! field in the model is added here once.

use crate::model::{
    Attendee, Backlog, Checkin, Checkins, Date, Decision, ItemStatus, Member, Note, NoteAction, NoteKind,
    Project, Role, Settings, Sprint, SprintItem, Team, Visibility,
};

/// Parses `YYYY-MM-DD` (test input is always valid).
pub fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// A team member without aliases.
pub fn member(id: &str, name: &str, role: Role) -> Member {
    Member { id: id.into(), name: name.into(), role, aliases: Vec::new() }
}

/// An action item: owners (member ids), text, due date, checked. Its
/// identity is the text in lower case, as the reader makes it for plain text.
pub fn action(owners: &[&str], text: &str, due: Option<&str>, checked: bool) -> NoteAction {
    NoteAction {
        guests: Vec::new(),
        owners: owners.iter().map(|s| s.to_string()).collect(),
        text: text.into(),
        key: text.to_lowercase(),
        due: due.map(date),
        due_written: due.map(|d| format!("due {d}")),
        checked,
        done_on: None,
        line: 1,
        restated: false,
    }
}

/// A decision; `#compromise` in the text tags it; `refs` are item ids.
pub fn decision(text: &str, refs: &[&str]) -> Decision {
    Decision {
        text: text.into(),
        compromise: text.contains("#compromise"),
        references: refs.iter().map(|s| s.to_string()).collect(),
        line: 1,
    }
}

/// A published note with its attendance recorded (nobody yet), and no
/// body, actions or decisions.
pub fn note(path: &str, day: &str, kind: NoteKind, title: &str) -> Note {
    Note {
        path: path.into(),
        date: date(day),
        kind,
        also: Vec::new(),
        title: title.into(),
        attendees: Vec::new(),
        // Hand-made notes record their attendance (empty until a test adds some).
        attendance_recorded: true,
        sprint: None,
        visibility: Visibility::Team,
        body: String::new(),
        body_line: 1,
        actions: Vec::new(),
        decisions: Vec::new(),
        unread: Vec::new(),
    }
}

/// Attendees: member ids, or guests when prefixed `guest:`.
pub fn attendees(who: &[&str]) -> Vec<Attendee> {
    who.iter()
        .map(|w| match w.strip_prefix("guest:") {
            Some(name) => Attendee::Guest(name.into()),
            None => Attendee::Member(w.to_string()),
        })
        .collect()
}

/// A check-in by `by` on `day` with `ratings` as (practice key, rating).
pub fn checkin(by: &str, day: &str, ratings: &[(&str, u8)]) -> Checkin {
    Checkin {
        by: by.into(),
        date: date(day),
        ratings: ratings.iter().map(|(k, r)| (k.to_string(), *r)).collect(),
        path: format!("checkins/{day}-{by}.yaml"),
    }
}

/// A sprint item of one point with `status`, no type and no dates.
pub fn sprint_item(id: &str, status: ItemStatus) -> SprintItem {
    SprintItem {
        id: id.into(),
        title: format!("Title of {id}"),
        points: Some(1.0),
        item_type: None,
        status,
        added: None,
        removed: None,
        done: None,
        started: None,
    }
}

/// A sprint named after its id, with no goal, items or impediments yet.
pub fn sprint(id: &str, start: &str, end: &str) -> Sprint {
    Sprint {
        id: id.into(),
        name: id.into(),
        start: date(start),
        end: date(end),
        goal: None,
        goal_met: None,
        items: Vec::new(),
        impediments: Vec::new(),
        path: format!("sprints/{id}.yaml"),
    }
}

/// A project put together piece by piece, default settings unless given.
#[derive(Debug)]
pub struct ProjectBuilder(Project);

impl ProjectBuilder {
    /// A team of that name with nothing in it.
    pub fn new(team: &str) -> ProjectBuilder {
        ProjectBuilder(Project {
            settings: Settings::default(),
            team: Team { name: team.into(), members: Vec::new() },
            sprints: Vec::new(),
            backlog: Backlog::Absent,
            notes: Vec::new(),
            checkins: Checkins::default(),
        })
    }

    /// Adds a member.
    pub fn member(mut self, member: Member) -> Self {
        self.0.team.members.push(member);
        self
    }

    /// Adds sprints (kept in start-date order, as the loader keeps them).
    pub fn sprints(mut self, sprints: impl IntoIterator<Item = Sprint>) -> Self {
        self.0.sprints.extend(sprints);
        self.0.sprints.sort_by_key(|s| s.start);
        self
    }

    /// Sets the backlog.
    pub fn backlog(mut self, backlog: Backlog) -> Self {
        self.0.backlog = backlog;
        self
    }

    /// Adds notes, in the order given.
    pub fn notes(mut self, notes: impl IntoIterator<Item = Note>) -> Self {
        self.0.notes.extend(notes);
        self
    }

    /// Adds check-ins, kept by date then member as the loader keeps them.
    pub fn checkins(mut self, checkins: impl IntoIterator<Item = Checkin>) -> Self {
        self.0.checkins.folder = true;
        self.0.checkins.list.extend(checkins);
        self.0.checkins.list.sort_by(|a, b| (a.date, &a.by).cmp(&(b.date, &b.by)));
        self
    }

    /// The project.
    pub fn build(self) -> Project {
        self.0
    }
}
