//! Following action items across notes (docs/data.md, "Following an action item").
//!
//! Teams copy open action items forward from one meeting's notes to the next.
//! An item's identity is its sorted owners plus its normalised text; the first
//! note it appears in raises it, the first that shows it checked closes it,
//! and the latest note that gives a due date sets the due date.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Date, KindSet, Note, Visibility};

/// One action item followed across every note dated on or before a report date.
///
/// What never changes after the item is raised is shared, not copied: the
/// weekly history asks for every item as of each of a few hundred weeks, and
/// copying ten thousand texts each time was most of a large build's time.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedAction {
    /// Owner member ids, sorted.
    pub owners: Arc<[String]>,
    /// Owners who are not members, by name, as first written.
    pub guests: Vec<String>,
    /// The text as first written.
    pub text: Arc<str>,
    /// Identity text (see [`super::NoteAction::key`]).
    pub key: Arc<str>,
    /// Date of the first note it appears in.
    pub raised: Date,
    /// The meetings the note that raised it records.
    pub raised_in: KindSet,
    /// Path of the note that raised it.
    pub note: Arc<str>,
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
    ActionLog::new(notes).as_of(as_of)
}

/// Every action item of a project followed once across all its notes, with
/// what each note said about it and when, so the items as of any date are a
/// lookup instead of a new pass over the notes: the weekly history asks for
/// them once a week.
#[derive(Debug, Clone, Default)]
pub struct ActionLog {
    /// By raised date, then text, then owners: the order of [`follow`].
    items: Vec<Logged>,
}

/// One action item and the dated facts that make its state on a date.
#[derive(Debug, Clone)]
struct Logged {
    /// The item as raised (due, done and guests still unset).
    raised: TrackedAction,
    /// (date of the note, due date) for every note that gives a due date, in
    /// note order: the due date as of D is the last one dated on or before D.
    dues: Vec<(Date, Date)>,
    /// The first note that shows it checked: (its date, the done date).
    /// Notes are read in date order, so as of D it is done exactly when
    /// that note is dated on or before D.
    checked: Option<(Date, Date)>,
    /// The first note naming guest owners: (its date, the guests).
    guests: Option<(Date, Vec<String>)>,
}

impl ActionLog {
    /// Follows every action item across `notes` (in any order; read by date, then path).
    pub fn new(notes: &[Note]) -> ActionLog {
        let mut sorted: Vec<&Note> = notes.iter().collect();
        if !sorted.is_sorted_by(|a, b| (a.date, &a.path) <= (b.date, &b.path)) {
            sorted.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        }
        let mut items: Vec<Logged> = Vec::new();
        // Identity borrows from the notes: no owner or key is copied to look it up.
        let mut index: HashMap<(&[String], &str), usize> = HashMap::new();
        for note in sorted {
            for action in &note.actions {
                let id = (action.owners.as_slice(), action.key.as_str());
                // An item restated from an earlier meeting updates the item it
                // restates, but raises none (docs/data.md).
                let slot = match index.get(&id) {
                    Some(&slot) => slot,
                    None if action.restated => continue,
                    None => {
                        items.push(Logged::raise(note, action));
                        index.insert(id, items.len() - 1);
                        items.len() - 1
                    }
                };
                items[slot].record(note.date, action);
            }
        }
        // Stable, like the sort of the items as first seen that `follow` did.
        items.sort_by(|a, b| {
            let (a, b) = (&a.raised, &b.raised);
            (a.raised, &a.text, &a.owners).cmp(&(b.raised, &b.text, &b.owners))
        });
        ActionLog { items }
    }

    /// The action items as of `date`: those raised on or before it, each with
    /// the due date, done date and guests that notes up to `date` give.
    pub fn as_of(&self, date: Date) -> Vec<TrackedAction> {
        let raised = self.items.partition_point(|l| l.raised.raised <= date);
        self.items[..raised].iter().map(|l| l.at(date)).collect()
    }
}

impl Logged {
    fn raise(note: &Note, action: &super::NoteAction) -> Logged {
        Logged {
            raised: TrackedAction {
                owners: action.owners.as_slice().into(),
                guests: Vec::new(),
                text: action.text.as_str().into(),
                key: action.key.as_str().into(),
                raised: note.date,
                raised_in: note.kind_set(),
                note: note.path.as_str().into(),
                private: note.visibility == Visibility::Private,
                due: None,
                done: None,
            },
            dues: Vec::new(),
            checked: None,
            guests: None,
        }
    }

    fn record(&mut self, note_date: Date, action: &super::NoteAction) {
        if self.guests.is_none() && !action.guests.is_empty() {
            self.guests = Some((note_date, action.guests.clone()));
        }
        if let Some(due) = action.due {
            self.dues.push((note_date, due));
        }
        if action.checked && self.checked.is_none() {
            self.checked = Some((note_date, action.done_on.unwrap_or(note_date)));
        }
    }

    fn at(&self, date: Date) -> TrackedAction {
        let seen = self.dues.partition_point(|(noted, _)| *noted <= date);
        TrackedAction {
            guests: self
                .guests
                .as_ref()
                .filter(|(noted, _)| *noted <= date)
                .map(|g| g.1.clone())
                .unwrap_or_default(),
            due: seen.checked_sub(1).map(|i| self.dues[i].1),
            done: self.checked.filter(|(noted, _)| *noted <= date).map(|c| c.1),
            ..self.raised.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoteAction;
    use crate::testkit::{action, date};

    fn note(path: &str, day: &str, actions: Vec<NoteAction>) -> Note {
        Note { actions, ..crate::testkit::note(path, day, crate::model::NoteKind::Sync, path) }
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
        assert_eq!(&*a.note, "a.md");
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
