//! The project laid out in time once, so that "as of D" is a slice or a
//! lookup: the weekly history asks every question again for each of a few
//! hundred weeks, and a folder of ten thousand notes must not be read again
//! for each of them.

use std::collections::HashMap;

use serde::Serialize;

use super::actions::{ActionLog, TrackedAction};
use super::dates::{add_days, days_between};
use super::{Date, Note, Project};

/// How many days apart a decision's note and a scope change may be for the
/// decision to count as negotiating it.
pub const NEGOTIATION_DAYS: i64 = 2;

/// The collaboration window W = [D - days + 1, D].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    /// First day.
    #[serde(serialize_with = "super::dates::serialize")]
    pub from: Date,
    /// Last day: the report date D.
    #[serde(serialize_with = "super::dates::serialize")]
    pub to: Date,
    /// Length in days (`window_days`).
    pub days: u32,
}

impl Window {
    /// The `days`-day window ending on `date`.
    pub fn ending(date: Date, days: u32) -> Window {
        Window { from: add_days(date, 1 - i64::from(days)), to: date, days }
    }

    /// The project's window ending on `date`: `window_days` long, but starting
    /// no earlier than the first sprint's start, so a new team's first weeks
    /// are not judged on days before the team existed (docs/figures.md).
    pub fn of(project: &Project, date: Date) -> Window {
        Window::of_length(project, date, project.settings.window_days)
    }

    /// A `days`-day window of the project ending on `date`, starting no
    /// earlier than the first sprint's start (the flow window F too).
    pub fn of_length(project: &Project, date: Date, days: u32) -> Window {
        let w = Window::ending(date, days);
        match project.sprints.iter().map(|s| s.start).min() {
            Some(first) if first > w.from && first <= date => {
                let days = u32::try_from(days_between(date, first) + 1).unwrap_or(w.days);
                Window { from: first, to: date, days }
            }
            _ => w,
        }
    }

    /// Whether `date` is inside the window (both ends inclusive).
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// One scope change: an item id and the date it was added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeChange {
    /// The sprint's id.
    pub sprint: String,
    /// The sprint item's id.
    pub item: String,
    /// The day of the change.
    pub date: Date,
    /// Whether the item was removed (else it was added mid-sprint).
    pub removed: bool,
}

/// The scope changes in W: items added mid-sprint with `added` in W, plus
/// items removed with `removed` in W (an item both added and removed counts
/// twice).
pub fn scope_changes(project: &Project, w: &Window) -> Vec<ScopeChange> {
    let mut changes = Vec::new();
    for sprint in &project.sprints {
        for item in &sprint.items {
            let added = item.added.filter(|a| *a > sprint.start).map(|d| (d, false));
            let removed = item.removed.map(|d| (d, true));
            for (date, removed) in [added, removed].into_iter().flatten() {
                if w.contains(date) {
                    changes.push(ScopeChange {
                        sprint: sprint.id.clone(),
                        item: item.id.clone(),
                        date,
                        removed,
                    });
                }
            }
        }
    }
    changes
}

/// Notes in date order, every action item followed once, and the dates on
/// which decisions mention each item id.
#[derive(Debug)]
pub struct Timeline<'a> {
    /// The project it lays out.
    pub project: &'a Project,
    /// Every note, by date then path.
    notes: Vec<&'a Note>,
    /// Every action item with its dated facts.
    actions: ActionLog,
    /// Item id to the dates, in order, of the notes whose decisions mention it.
    decided: HashMap<&'a str, Vec<Date>>,
    /// Sprint id to its notes, in date order.
    by_sprint: HashMap<&'a str, Vec<&'a Note>>,
}

impl<'a> Timeline<'a> {
    /// Lays out `project` (its notes in any order).
    pub fn new(project: &'a Project) -> Timeline<'a> {
        let mut notes: Vec<&Note> = project.notes.iter().collect();
        // The loader already sorts them; hand-built projects may not.
        if !notes.is_sorted_by(|a, b| (a.date, &a.path) <= (b.date, &b.path)) {
            notes.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        }
        let mut decided: HashMap<&str, Vec<Date>> = HashMap::new();
        let mut by_sprint: HashMap<&str, Vec<&Note>> = HashMap::new();
        for note in &notes {
            if let Some(id) = &note.sprint {
                by_sprint.entry(id.as_str()).or_default().push(note);
            }
            for id in note.decisions.iter().flat_map(|d| &d.references) {
                let dates = decided.entry(id.as_str()).or_default();
                // Notes come in date order: one entry per note is enough.
                if dates.last() != Some(&note.date) {
                    dates.push(note.date);
                }
            }
        }
        Timeline { project, notes, actions: ActionLog::new(&project.notes), decided, by_sprint }
    }

    /// Notes dated on or before `date`, by date then path.
    pub fn notes_through(&self, date: Date) -> &[&'a Note] {
        &self.notes[..self.notes.partition_point(|n| n.date <= date)]
    }

    /// Notes dated inside `w`, by date then path.
    pub fn notes_in(&self, w: &Window) -> &[&'a Note] {
        self.notes_between(w.from, w.to)
    }

    /// Notes dated from `from` to `to` (both included), by date then path;
    /// none when `to` is before `from`.
    pub fn notes_between(&self, from: Date, to: Date) -> &[&'a Note] {
        let through = self.notes_through(to);
        &through[through.partition_point(|n| n.date < from)..]
    }

    /// Notes that name sprint `id` (`sprint:`, or dated inside it), by date then path.
    pub fn sprint_notes(&self, id: &str) -> &[&'a Note] {
        self.by_sprint.get(id).map_or(&[], Vec::as_slice)
    }

    /// The action items as of `date` ([`super::actions::follow`]).
    pub fn actions_as_of(&self, date: Date) -> Vec<TrackedAction> {
        self.actions.as_of(date)
    }

    /// Whether a decision in a note dated on or before `as_of`, within
    /// [`NEGOTIATION_DAYS`] of the change, references the changed item
    /// (docs/figures.md `negotiated_scope_change_share`).
    pub fn negotiated(&self, change: &ScopeChange, as_of: Date) -> bool {
        let Some(dates) = self.decided.get(change.item.as_str()) else { return false };
        let from = add_days(change.date, -NEGOTIATION_DAYS);
        let to = add_days(change.date, NEGOTIATION_DAYS).min(as_of);
        dates.get(dates.partition_point(|d| *d < from)).is_some_and(|d| *d <= to)
    }
}
