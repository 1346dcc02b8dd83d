//! `metrics.json` (docs/figures.md, "metrics.json"): the traceability lists
//! (notes and action items) and the writer.
//!
//! A public site (`--public`) gets the same file without any note text:
//! [`to_public_json`] leaves out each note's `title` and `url` (it has no
//! page) and each action item's `text`, and names each note by its date and
//! kind instead of its path (a file name often says what was discussed:
//! `retro-alice-leaving.md`); every figure is the same. Check-ins keep only
//! who checked in and when (and team rounds only their week): no rating,
//! perception, gap or median.

use std::collections::HashMap;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::model::actions::TrackedAction;
use crate::model::{Attendee, Date, Project, Visibility};

use super::Report;
use crate::indicators::Source;

/// What `metrics.json` shows instead of the text of an action item raised in
/// a private note (docs/data.md: a private note's text is never published).
pub const PRIVATE_TEXT: &str = "(private)";

/// One note in `metrics.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteEntry {
    /// Path relative to the data folder.
    pub path: String,
    /// The note's page, `notes/<slug>/`.
    pub url: String,
    /// Meeting date.
    pub date: Date,
    /// Meeting kind, as spelt in the data.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Member ids, and `guest:<Name>` for anyone else, in the order written.
    pub attendees: Vec<String>,
    /// Action items written in the note.
    pub action_items: usize,
    /// Decisions written in the note.
    pub decisions: usize,
    /// Whether the note is private (its text is never published).
    pub private: bool,
    /// Written without its url and title (`--public`).
    pub public: bool,
}

impl Serialize for NoteEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("NoteEntry", if self.public { 6 } else { 8 })?;
        s.serialize_field("path", &self.path)?;
        if !self.public {
            s.serialize_field("url", &self.url)?;
        }
        s.serialize_field("date", &self.date.to_string())?;
        s.serialize_field("kind", self.kind)?;
        if !self.public {
            s.serialize_field("title", &self.title)?;
        }
        s.serialize_field("attendees", &self.attendees)?;
        s.serialize_field("action_items", &self.action_items)?;
        s.serialize_field("decisions", &self.decisions)?;
        s.end()
    }
}

/// One action item in `metrics.json`, as followed across notes.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionEntry {
    /// Owner member ids, sorted.
    pub owners: Vec<String>,
    /// The text as first written ([`PRIVATE_TEXT`] when raised in a private note).
    pub text: String,
    /// Date of the first note it appears in.
    pub raised: Date,
    /// Due date from the latest note giving one.
    pub due: Option<Date>,
    /// Done date, if done as of the report date.
    pub done: Option<Date>,
    /// Path of the note that raised it.
    pub note: String,
    /// Written without its text or owners (`--public`): with owners and a
    /// due date, the file would name who is late.
    pub public: bool,
}

impl Serialize for ActionEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let day = |d: &Option<Date>| d.map(|d| d.to_string());
        let mut s = serializer.serialize_struct("ActionEntry", if self.public { 4 } else { 6 })?;
        if !self.public {
            s.serialize_field("owners", &self.owners)?;
            s.serialize_field("text", &self.text)?;
        }
        s.serialize_field("raised", &self.raised.to_string())?;
        s.serialize_field("due", &day(&self.due))?;
        s.serialize_field("done", &day(&self.done))?;
        s.serialize_field("note", &self.note)?;
        s.end()
    }
}

/// The notes dated on or before `as_of`, by date then path, each with the
/// address of its page (the same [`crate::slug::note_slugs`] the site uses).
pub fn note_entries(project: &Project, as_of: Date) -> Vec<NoteEntry> {
    let slugs = crate::slug::note_slugs(&project.notes);
    let mut notes: Vec<_> = project.notes.iter().filter(|n| n.date <= as_of).collect();
    notes.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    notes
        .into_iter()
        .map(|note| NoteEntry {
            path: note.path.clone(),
            url: format!("notes/{}/", slugs.get(&note.path).map_or("note", String::as_str)),
            date: note.date,
            kind: note.kind.as_str(),
            title: note.title.clone(),
            attendees: note
                .attendees
                .iter()
                .map(|a| match a {
                    Attendee::Member(id) => id.clone(),
                    Attendee::Guest(name) => format!("guest:{name}"),
                })
                .collect(),
            action_items: note.actions.len(),
            decisions: note.decisions.len(),
            private: note.visibility == Visibility::Private,
            public: false,
        })
        .collect()
}

/// The action items as listed in `metrics.json` (already sorted by raised
/// date then text by [`crate::model::actions::follow`]).
pub fn action_entries(tracked: &[TrackedAction]) -> Vec<ActionEntry> {
    tracked
        .iter()
        .map(|a| ActionEntry {
            owners: a.owners.iter().cloned().chain(a.guests.iter().map(|g| format!("guest:{g}"))).collect(),
            text: if a.private { PRIVATE_TEXT.to_string() } else { a.text.to_string() },
            raised: a.raised,
            due: a.due,
            done: a.done,
            note: a.note.to_string(),
            public: false,
        })
        .collect()
}

/// The report as [`to_json`] writes it, without any note text: for a public
/// site (`--public`). The figures are the same, to the byte.
pub fn to_public_json(report: &Report) -> String {
    let mut public = report.clone();
    let ids = public_note_ids(&public.notes);
    let rename = |path: &mut String| {
        if let Some(id) = ids.get(path.as_str()) {
            path.clone_from(id);
        }
    };
    for note in &mut public.notes {
        note.public = true;
        rename(&mut note.path);
    }
    for action in &mut public.actions {
        action.public = true;
        rename(&mut action.note);
    }
    // That a check-in took place is public; its ratings and gaps are not.
    for checkin in &mut public.checkins {
        checkin.public = true;
    }
    for round in &mut public.checkin_rounds {
        round.public = true;
    }
    for row in public.inputs.rows_mut() {
        if let Source::Note { note } | Source::Decision { note, .. } = &mut row.source {
            rename(note);
        }
    }
    to_json(&public)
}

/// Each note's public id by its path: `<date>-<kind>`, then `-2`, `-3` ...
/// for a second meeting of a kind on one day, in the order of the notes list.
fn public_note_ids(notes: &[NoteEntry]) -> HashMap<String, String> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    notes
        .iter()
        .map(|note| {
            let base = format!("{}-{}", note.date, note.kind);
            let count = taken.entry(base.clone()).or_default();
            *count += 1;
            let id = if *count == 1 { base } else { format!("{base}-{count}") };
            (note.path.clone(), id)
        })
        .collect()
}

/// The report as pretty-printed JSON with a trailing newline.
pub fn to_json(report: &Report) -> String {
    // Serialising cannot fail: every map key is a string and no Serialize
    // impl here returns an error (non-finite floats become `null`).
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(path: &str, date: &str, kind: &'static str) -> NoteEntry {
        NoteEntry {
            path: path.to_string(),
            url: String::new(),
            date: crate::testkit::date(date),
            kind,
            title: String::new(),
            attendees: Vec::new(),
            action_items: 0,
            decisions: 0,
            private: false,
            public: true,
        }
    }

    #[test]
    fn notes_are_named_by_date_and_kind_and_numbered_within_a_day() {
        let notes = [
            note("notes/2026-03-12-retro-alice-leaving.md", "2026-03-12", "retro"),
            note("notes/a \"quoted\" name.md", "2026-03-12", "retro"),
            note("notes/sync.md", "2026-03-13", "sync"),
        ];
        let ids = public_note_ids(&notes);
        assert_eq!(ids["notes/2026-03-12-retro-alice-leaving.md"], "2026-03-12-retro");
        assert_eq!(ids["notes/a \"quoted\" name.md"], "2026-03-12-retro-2");
        assert_eq!(ids["notes/sync.md"], "2026-03-13-sync");
        assert!(!ids.contains_key("notes/unknown.md"));
    }
}
