//! The notes pages: `notes/index.html` and one page per note.
//!
//! Privacy is enforced here, in the views: a private note's view never holds
//! its body, action texts or decision texts, only its header and counts, so
//! no template (built-in or override) can publish them. On a public site
//! (`--public`) no note has a page, and the list names each meeting by its
//! kind: dates, kinds and counts only.

use rayon::prelude::*;
use serde::Serialize;

use super::Input;
use super::format::{self, DateView, KindView, LinkView};
use super::markdown::{self, Placement, SafeHtml};
use super::page::{Page, Section};
use crate::model::{Attendee, Note, Visibility};

/// A line of the note that looks like an action item or a decision but was not read.
#[derive(Debug, Serialize)]
pub struct UnreadView {
    /// 1-based line of the file.
    pub line: u32,
    /// The line as written.
    pub text: String,
    /// Why it was not read, and what to write instead.
    pub why: String,
}

/// `notes/index.html`: notes newest first, grouped by month.
#[derive(Debug, Serialize)]
pub struct NotesIndexView {
    /// Months, newest first.
    pub months: Vec<MonthView>,
    /// `12 meetings from Mon 3 Aug 2026 to Mon 5 Oct 2026`, or empty.
    pub summary: String,
    /// A public site (`--public`): the notes themselves are not published.
    pub public: bool,
}

/// One month of notes.
#[derive(Debug, Serialize)]
pub struct MonthView {
    /// `2026-10`, for anchors.
    pub id: String,
    /// `October 2026`.
    pub label: String,
    /// Its notes, newest first.
    pub notes: Vec<NoteRowView>,
}

/// One note in the list.
#[derive(Debug, Serialize)]
pub struct NoteRowView {
    /// Link to the note's page (none on a public site).
    pub url: Option<String>,
    /// Title; on a public site the meeting's kind (`Sprint planning`).
    pub title: String,
    /// Date.
    pub date: DateView,
    /// Kind of meeting.
    pub kind: KindView,
    /// Text not published.
    pub private: bool,
    /// `5 people · 2 action items · 1 decision`.
    pub counts: String,
}

/// `notes/<slug>/index.html`.
#[derive(Debug, Serialize)]
pub struct NotePageView {
    /// The note.
    pub note: NoteView,
    /// The next note in time, if any.
    pub newer: Option<LinkView>,
    /// The previous note in time, if any.
    pub older: Option<LinkView>,
}

/// One note, ready to print.
#[derive(Debug, Serialize)]
pub struct NoteView {
    /// Title.
    pub title: String,
    /// Date.
    pub date: DateView,
    /// Kind of meeting.
    pub kind: KindView,
    /// `Sprint review and retrospective`: every meeting the note records.
    pub kinds_label: String,
    /// The sprint it belongs to.
    pub sprint: Option<LinkView>,
    /// Who was there, in the order written.
    pub attendees: Vec<AttendeeView>,
    /// Whether the note says who was there (when not, it is unknown, not absent).
    pub attendance_recorded: bool,
    /// Lines that look like an action item or a decision but were not read
    /// (empty for a private note).
    pub unread: Vec<UnreadView>,
    /// Text not published.
    pub private: bool,
    /// `2 action items`.
    pub action_count: String,
    /// `1 decision`.
    pub decision_count: String,
    /// Action items (empty for a private note).
    pub actions: Vec<ActionView>,
    /// Decisions (empty for a private note).
    pub decisions: Vec<DecisionView>,
    /// The body as sanitised HTML (`None` for a private note).
    pub body_html: Option<SafeHtml>,
}

/// Someone at the meeting.
#[derive(Debug, Serialize)]
pub struct AttendeeView {
    /// Display name.
    pub name: String,
    /// `Product owner`; `None` for guests.
    pub role: Option<&'static str>,
    /// Not on the team.
    pub guest: bool,
}

/// An action item as written in this note.
#[derive(Debug, Serialize)]
pub struct ActionView {
    /// The text as written.
    pub text: String,
    /// `Alice Chen and Bob Okafor`, or empty.
    pub owners: String,
    /// Due date given here.
    pub due: Option<DateView>,
    /// The words that gave the due date (`by Tuesday`).
    pub due_written: Option<String>,
    /// Checked here.
    pub checked: bool,
    /// Explicit done date given here.
    pub done_on: Option<DateView>,
    /// 1-based line of the file.
    pub line: u32,
    /// Restated from an earlier meeting: it counts where it was first raised.
    pub restated: bool,
}

/// A decision recorded in this note.
#[derive(Debug, Serialize)]
pub struct DecisionView {
    /// The text.
    pub text: String,
    /// Tagged `#compromise`.
    pub compromise: bool,
    /// Ids of the items it mentions.
    pub references: Vec<String>,
    /// 1-based line of the file.
    pub line: u32,
}

/// The notes list page.
pub fn index(input: &Input<'_>) -> Page<NotesIndexView> {
    let mut months: Vec<MonthView> = Vec::new();
    for note in input.notes.iter().rev() {
        let id = note.date.strftime("%Y-%m").to_string();
        if months.last().is_none_or(|m| m.id != id) {
            months.push(MonthView { id, label: format::month(note.date), notes: Vec::new() });
        }
        if let Some(month) = months.last_mut() {
            month.notes.push(row(input, note));
        }
    }
    let summary = match (input.notes.first(), input.notes.last()) {
        (Some(first), Some(last)) => format!(
            "{} from {} to {}.",
            format::count(input.notes.len(), "meeting", "meetings"),
            format::date(first.date).long,
            format::date(last.date).long
        ),
        _ => String::new(),
    };
    Page {
        path: super::paths::NOTES.to_string(),
        template: "notes/index.html",
        title: "Meeting notes".to_string(),
        section: Section::Notes,
        view: NotesIndexView { months, summary, public: input.public },
    }
}

fn row(input: &Input<'_>, note: &Note) -> NoteRowView {
    let counts = [
        format::count(note.attendees.len(), "person", "people"),
        format::count(note.actions.len(), "action item", "action items"),
        format::count(note.decisions.len(), "decision", "decisions"),
    ]
    .join(" · ");
    NoteRowView {
        url: input.paths.note_url(&note.path),
        title: if input.public { format::meeting(note.kind).to_string() } else { note.title.clone() },
        date: format::date(note.date),
        kind: format::kind(note.kind),
        private: note.visibility == Visibility::Private,
        counts,
    }
}

/// One page per note shown as of the report date, oldest first.
pub fn pages<'a>(input: &'a Input<'a>) -> impl ParallelIterator<Item = Page<NotePageView>> + 'a {
    let link =
        move |note: &Note| LinkView { label: note.title.clone(), url: input.paths.note_url(&note.path) };
    let notes = &input.notes;
    // Each note's Markdown is rendered and sanitised here: on every core.
    notes.par_iter().enumerate().filter_map(move |(i, note)| {
        let url = input.paths.note_url(&note.path)?;
        Some(Page {
            path: url,
            template: "notes/note.html",
            title: note.title.clone(),
            section: Section::Notes,
            view: NotePageView {
                note: view(input, note),
                newer: notes.get(i + 1).map(|n| link(n)),
                older: i.checked_sub(1).and_then(|j| notes.get(j)).map(|n| link(n)),
            },
        })
    })
}

fn view(input: &Input<'_>, note: &Note) -> NoteView {
    let team = &input.project.team;
    let private = note.visibility == Visibility::Private;
    let attendees = note
        .attendees
        .iter()
        .map(|a| match a {
            Attendee::Member(id) => match team.member(id) {
                Some(m) => {
                    AttendeeView { name: m.name.clone(), role: Some(format::role(m.role)), guest: false }
                }
                None => AttendeeView { name: id.clone(), role: None, guest: false },
            },
            Attendee::Guest(name) => AttendeeView { name: name.clone(), role: None, guest: true },
        })
        .collect();
    let sprint = note.sprint.as_ref().map(|id| {
        let found = input.project.sprints.iter().find(|s| &s.id == id);
        LinkView {
            label: found.map_or_else(|| id.clone(), |s| s.name.clone()),
            url: input.paths.sprint_url(id),
        }
    });
    let actions = if private {
        Vec::new()
    } else {
        note.actions
            .iter()
            .map(|a| ActionView {
                text: a.text.clone(),
                owners: format::and_list(&format::owners(team, &a.owners, &a.guests)),
                due: a.due.map(format::date),
                due_written: a.due_written.clone(),
                checked: a.checked,
                done_on: a.done_on.map(format::date),
                line: a.line,
                restated: a.restated,
            })
            .collect()
    };
    let decisions = if private {
        Vec::new()
    } else {
        note.decisions
            .iter()
            .map(|d| DecisionView {
                text: d.text.clone(),
                compromise: d.compromise,
                references: d.references.clone(),
                line: d.line,
            })
            .collect()
    };
    let unread = if private {
        Vec::new()
    } else {
        note.unread
            .iter()
            .map(|u| UnreadView { line: u.line, text: u.text.clone(), why: u.why.clone() })
            .collect()
    };
    let kinds: Vec<&str> = note.kinds().map(|k| format::kind(k).label).collect();
    let body_html = (!private)
        .then(|| markdown::to_html(&note.body, Placement { heading_offset: 1, title: Some(&note.title) }));
    NoteView {
        title: note.title.clone(),
        date: format::date(note.date),
        kind: format::kind(note.kind),
        kinds_label: format::and_list(&kinds.iter().map(|k| k.to_string()).collect::<Vec<_>>()),
        sprint,
        attendees,
        attendance_recorded: note.attendance_known(),
        unread,
        private,
        action_count: format::count(note.actions.len(), "action item", "action items"),
        decision_count: format::count(note.decisions.len(), "decision", "decisions"),
        actions,
        decisions,
        body_html,
    }
}

#[cfg(test)]
mod tests;
