//! `metrics.json` (docs/figures.md, "metrics.json"): the traceability lists
//! (notes and action items) and the writer.

use serde::{Serialize, Serializer};

use crate::model::actions::TrackedAction;
use crate::model::{Attendee, Date, Project, Visibility};

use super::Report;

/// What `metrics.json` shows instead of the text of an action item raised in
/// a private note (docs/data.md: a private note's text is never published).
pub const PRIVATE_TEXT: &str = "(private)";

/// Serialises a date as `YYYY-MM-DD`.
pub fn date<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// Serialises an optional date as `YYYY-MM-DD` or `null`.
pub fn opt_date<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_none(),
    }
}

/// One note in `metrics.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteEntry {
    /// Path relative to the data folder.
    pub path: String,
    /// The note's page, `notes/<slug>/`.
    pub url: String,
    /// Meeting date.
    #[serde(serialize_with = "date")]
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
    #[serde(skip)]
    pub private: bool,
}

/// One action item in `metrics.json`, as followed across notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionEntry {
    /// Owner member ids, sorted.
    pub owners: Vec<String>,
    /// The text as first written ([`PRIVATE_TEXT`] when raised in a private note).
    pub text: String,
    /// Date of the first note it appears in.
    #[serde(serialize_with = "date")]
    pub raised: Date,
    /// Due date from the latest note giving one.
    #[serde(serialize_with = "opt_date")]
    pub due: Option<Date>,
    /// Done date, if done as of the report date.
    #[serde(serialize_with = "opt_date")]
    pub done: Option<Date>,
    /// Path of the note that raised it.
    pub note: String,
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
