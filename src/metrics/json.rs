//! `metrics.json` (METRICS.md, "metrics.json"): the traceability lists
//! (notes and action items), note slugs and the writer.

use std::collections::HashSet;

use serde::{Serialize, Serializer};

use crate::model::actions::TrackedAction;
use crate::model::{Attendee, Date, Project, Visibility};

use super::Report;

/// What `metrics.json` shows instead of the text of an action item raised in
/// a private note (DATA.md: a private note's text is never published).
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
    /// The slug in `url` (unique across the listed notes).
    #[serde(skip)]
    pub slug: String,
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

/// The slug of a note's page: the path relative to `notes/` without `.md`,
/// lower-cased, every run of characters outside `[a-z0-9]` turned into one
/// `-`, trimmed of `-`; `note` when nothing is left.
/// `notes/2026/Sprint 21 Planning.md` → `2026-sprint-21-planning`.
pub fn note_slug(path: &str) -> String {
    let rel = path.strip_prefix("notes/").unwrap_or(path);
    let stem = match rel.len().checked_sub(3) {
        Some(cut) if rel.is_char_boundary(cut) && rel[cut..].eq_ignore_ascii_case(".md") => &rel[..cut],
        _ => rel,
    };
    let mut slug = String::with_capacity(stem.len());
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("note");
    }
    slug
}

/// [`note_slug`] of each path, made unique in the given order: a later
/// duplicate gets `-2`, `-3` … (the first suffix not already taken).
pub fn unique_slugs(paths: &[&str]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    paths
        .iter()
        .map(|path| {
            let base = note_slug(path);
            let mut slug = base.clone();
            let mut n = 2;
            while taken.contains(&slug) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            taken.insert(slug.clone());
            slug
        })
        .collect()
}

/// The notes dated on or before `as_of`, by date then path, with unique slugs.
pub fn note_entries(project: &Project, as_of: Date) -> Vec<NoteEntry> {
    let mut notes: Vec<_> = project.notes.iter().filter(|n| n.date <= as_of).collect();
    notes.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    let paths: Vec<&str> = notes.iter().map(|n| n.path.as_str()).collect();
    notes
        .into_iter()
        .zip(unique_slugs(&paths))
        .map(|(note, slug)| NoteEntry {
            path: note.path.clone(),
            url: format!("notes/{slug}/"),
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
            slug,
            private: note.visibility == Visibility::Private,
        })
        .collect()
}

/// The action items as listed in `metrics.json` (already sorted by raised
/// date then text by [`crate::model::actions::follow`]).
pub fn action_entries(project: &Project, tracked: &[TrackedAction]) -> Vec<ActionEntry> {
    let private =
        |path: &str| project.notes.iter().any(|n| n.path == path && n.visibility == Visibility::Private);
    tracked
        .iter()
        .map(|a| ActionEntry {
            owners: a.owners.clone(),
            text: if private(&a.note) { PRIVATE_TEXT.to_string() } else { a.text.clone() },
            raised: a.raised,
            due: a.due,
            done: a.done,
            note: a.note.clone(),
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

    #[test]
    fn slugs_follow_the_rule() {
        assert_eq!(note_slug("notes/2026/Sprint 21 Planning.md"), "2026-sprint-21-planning");
        assert_eq!(note_slug("notes/2026-10-05-planning.md"), "2026-10-05-planning");
        // runs collapse, ends are trimmed, upper-case extension removed
        assert_eq!(note_slug("notes/__Retro -- #12!.MD"), "retro-12");
        // non-ASCII letters are outside [a-z0-9]
        assert_eq!(note_slug("notes/Café Sync.md"), "caf-sync");
        assert_eq!(note_slug("notes/###.md"), "note");
    }

    #[test]
    fn later_duplicates_get_numbered() {
        let slugs =
            unique_slugs(&["notes/A b.md", "notes/a-b.md", "notes/a_b.md", "notes/a-b-2.md", "notes/c.md"]);
        // a-b, a-b-2, a-b-3; the path whose own slug is a-b-2 takes the next free one
        assert_eq!(slugs, ["a-b", "a-b-2", "a-b-3", "a-b-2-2", "c"]);
    }
}
