//! Following action items across notes (docs/data.md, "Following an action item").
//!
//! Teams copy open action items forward from one meeting's notes to the next.
//! An item's identity is its sorted owners plus its normalised text; the first
//! note it appears in raises it, the first that shows it checked closes it,
//! and the latest note that gives a due date sets the due date.

use std::collections::HashMap;

use super::{Date, Note, NoteKind, Visibility};

/// One action item followed across every note dated on or before a report date.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedAction {
    /// Owner member ids, sorted.
    pub owners: Vec<String>,
    /// Owners who are not members, by name, as first written.
    pub guests: Vec<String>,
    /// The text as first written.
    pub text: String,
    /// Identity text (see [`super::NoteAction::key`]).
    pub key: String,
    /// Date of the first note it appears in.
    pub raised: Date,
    /// Kind of the note that raised it.
    pub raised_in: NoteKind,
    /// Path of the note that raised it.
    pub note: String,
    /// Raised in a private note: its text is never published.
    pub private: bool,
    /// Due date from the latest note that gives one.
    pub due: Option<Date>,
    /// Explicit done date, else the date of the first note showing it checked.
    pub done: Option<Date>,
}

impl TrackedAction {
    /// Done on or before `date`.
    pub fn done_by(&self, date: Date) -> bool {
        self.done.is_some_and(|d| d <= date)
    }

    /// Due before `date` and not done on or before it.
    pub fn overdue_at(&self, date: Date) -> bool {
        self.due.is_some_and(|due| due < date) && !self.done_by(date)
    }
}

/// Every action item seen in notes dated on or before `as_of`, sorted by raised
/// date then text. `notes` may be in any order: they are read by date, then path.
pub fn follow(notes: &[Note], as_of: Date) -> Vec<TrackedAction> {
    let mut seen: Vec<&Note> = notes.iter().filter(|n| n.date <= as_of).collect();
    seen.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));

    let mut tracked: Vec<TrackedAction> = Vec::new();
    let mut index: HashMap<(Vec<String>, String), usize> = HashMap::new();
    for note in seen {
        for action in &note.actions {
            let identity = (action.owners.clone(), action.key.clone());
            let slot = *index.entry(identity).or_insert_with(|| {
                tracked.push(TrackedAction {
                    owners: action.owners.clone(),
                    guests: action.guests.clone(),
                    text: action.text.clone(),
                    key: action.key.clone(),
                    raised: note.date,
                    raised_in: note.kind,
                    note: note.path.clone(),
                    private: note.visibility == Visibility::Private,
                    due: None,
                    done: None,
                });
                tracked.len() - 1
            });
            let item = &mut tracked[slot];
            if item.guests.is_empty() {
                item.guests.clone_from(&action.guests);
            }
            if action.due.is_some() {
                item.due = action.due;
            }
            if action.checked && item.done.is_none() {
                item.done = Some(action.done_on.unwrap_or(note.date));
            }
        }
    }
    tracked.sort_by(|a, b| (a.raised, &a.text, &a.owners).cmp(&(b.raised, &b.text, &b.owners)));
    tracked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NoteAction, Visibility};

    fn date(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    fn note(path: &str, day: &str, actions: Vec<NoteAction>) -> Note {
        Note {
            path: path.into(),
            date: date(day),
            kind: NoteKind::Sync,
            title: path.into(),
            attendees: vec![],
            sprint: None,
            visibility: Visibility::Team,
            body: String::new(),
            body_line: 1,
            actions,
            decisions: vec![],
        }
    }

    fn action(owners: &[&str], key: &str, due: Option<&str>, checked: bool) -> NoteAction {
        NoteAction {
            guests: Vec::new(),
            owners: owners.iter().map(|s| s.to_string()).collect(),
            text: key.into(),
            key: key.into(),
            due: due.map(date),
            checked,
            done_on: None,
            line: 1,
        }
    }

    #[test]
    fn carried_forward_item_is_one_action_raised_first_done_when_checked() {
        let notes = vec![
            note("c.md", "2026-10-12", vec![action(&["bob"], "book staging", None, true)]),
            note("a.md", "2026-10-01", vec![action(&["bob"], "book staging", Some("2026-10-05"), false)]),
            note("b.md", "2026-10-08", vec![action(&["bob"], "book staging", Some("2026-10-09"), false)]),
        ];
        let all = follow(&notes, date("2026-10-31"));
        assert_eq!(all.len(), 1);
        let a = &all[0];
        assert_eq!(a.raised, date("2026-10-01"));
        assert_eq!(a.note, "a.md");
        // The latest note that gives a due date wins.
        assert_eq!(a.due, Some(date("2026-10-09")));
        assert_eq!(a.done, Some(date("2026-10-12")));
        assert!(!a.overdue_at(date("2026-10-09")));
        assert!(a.overdue_at(date("2026-10-10")));
        assert!(!a.overdue_at(date("2026-10-12")));
    }

    #[test]
    fn notes_after_the_report_date_are_not_seen() {
        let notes = vec![
            note("a.md", "2026-10-01", vec![action(&["bob"], "x", None, false)]),
            note("b.md", "2026-10-08", vec![action(&["bob"], "x", None, true)]),
        ];
        let early = follow(&notes, date("2026-10-07"));
        assert_eq!(early[0].done, None);
    }

    #[test]
    fn different_owners_are_different_actions() {
        let notes = vec![note(
            "a.md",
            "2026-10-01",
            vec![action(&["bob"], "x", None, false), action(&["alice"], "x", None, false)],
        )];
        assert_eq!(follow(&notes, date("2026-10-01")).len(), 2);
    }

    #[test]
    fn explicit_done_date_wins_over_the_note_date() {
        let mut a = action(&["bob"], "x", None, true);
        a.done_on = Some(date("2026-10-03"));
        let notes = vec![note("a.md", "2026-10-06", vec![a])];
        assert_eq!(follow(&notes, date("2026-10-06"))[0].done, Some(date("2026-10-03")));
    }
}
