//! The kind of meeting, inferred from the title, the file name, and the
//! folders the note sits in (docs/data.md). A title naming two events joined
//! by `+`, `&`, `and`, `/` (`Sprint 44 Review + Retro`) makes the note both.

use crate::model::NoteKind;

/// Words naming each kind, in precedence order.
const WORDS: [(NoteKind, &[&str]); 7] = [
    (NoteKind::Planning, &["planning"]),
    (NoteKind::Review, &["review", "demo"]),
    (NoteKind::Retro, &["retro", "retrospective"]),
    (NoteKind::Refinement, &["refinement", "grooming"]),
    (NoteKind::Sync, &["sync", "1:1", "one-on-one", "1on1"]),
    (NoteKind::Standup, &["standup", "daily", "stand-up"]),
    (NoteKind::Stakeholder, &["stakeholder", "stakeholders"]),
];

/// Words that may join two event names in one title (`Review and retro`,
/// `Sprint review + sprint retro`).
const JOINERS: &[&str] = &["and", "then", "plus", "sprint", "the", "&", "+", "/", ",", "-", "–", "—", "with"];

/// The earliest-listed kind whose word appears in the title, else in the file
/// name (where `-`, `_` and `.` separate words), else [`NoteKind::Other`].
#[cfg(test)]
pub fn infer(title: &str, file_name: &str) -> NoteKind {
    infer_all(title, file_name, &[]).first().copied().unwrap_or(NoteKind::Other)
}

/// Every kind the note records, the first named first: from the title, else
/// the file name, else the innermost folder naming one (`notes/retros/…`).
pub fn infer_all(title: &str, file_name: &str, folders: &[&str]) -> Vec<NoteKind> {
    let from_folders = folders.iter().rev().map(|f| singular(&words(f)));
    std::iter::once(words(title))
        .chain(std::iter::once(words(file_name)))
        .chain(from_folders)
        .map(|text| named(&text))
        .find(|kinds| !kinds.is_empty())
        .unwrap_or_else(|| vec![NoteKind::Other])
}

/// `standups` read as `standup`, `dailies` as `daily`: folders are named in the plural.
fn singular(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            if let Some(stem) = w.strip_suffix("ies") {
                format!("{stem}y")
            } else {
                w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The kinds named in `text` (lower case, words spaced). Kind words joined
/// only by joiners form one group; the group holding the earliest-listed
/// kind wins, its kinds in the order written.
fn named(text: &str) -> Vec<NoteKind> {
    let mut found: Vec<(usize, usize, NoteKind)> = Vec::new();
    for (kind, ws) in WORDS {
        for w in ws {
            let phrase = words(w);
            for (at, _) in text.match_indices(&phrase).filter(|(at, _)| whole_word(text, *at, phrase.len())) {
                found.push((at, at + phrase.len(), kind));
            }
        }
    }
    found.sort_by_key(|(at, end, kind)| (*at, std::cmp::Reverse(*end), precedence(*kind)));
    let mut groups: Vec<Vec<NoteKind>> = Vec::new();
    let mut end = 0;
    for (at, next_end, kind) in found {
        if at < end {
            continue;
        }
        let joined = !groups.is_empty()
            && text.get(end..at).is_some_and(|gap| gap.split_whitespace().all(|w| JOINERS.contains(&w)));
        match groups.last_mut() {
            Some(group) if joined => {
                if !group.contains(&kind) {
                    group.push(kind);
                }
            }
            _ => groups.push(vec![kind]),
        }
        end = next_end;
    }
    groups.into_iter().min_by_key(|g| g.iter().map(|k| precedence(*k)).min()).unwrap_or_default()
}

fn precedence(kind: NoteKind) -> usize {
    WORDS.iter().position(|(k, _)| *k == kind).unwrap_or(usize::MAX)
}

fn whole_word(text: &str, at: usize, len: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let after = text.get(at + len..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Lower case with `-`, `_` and `.` read as spaces.
fn words(text: &str) -> String {
    let spaced: String = text
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '-' | '_' | '.' => vec![' '],
            '+' | '&' | '/' | ',' => vec![' ', c, ' '],
            c => vec![c],
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_from_its_words() {
        assert_eq!(infer("Sprint 21 Planning", ""), NoteKind::Planning);
        assert_eq!(infer("Sprint demo", ""), NoteKind::Review);
        assert_eq!(infer("Retrospective", ""), NoteKind::Retro);
        assert_eq!(infer("Backlog grooming", ""), NoteKind::Refinement);
        assert_eq!(infer("PO/SM 1:1", ""), NoteKind::Sync);
        assert_eq!(infer("One-on-one with Bob", ""), NoteKind::Sync);
        assert_eq!(infer("Daily stand-up", ""), NoteKind::Standup);
        assert_eq!(infer("Stakeholders update", ""), NoteKind::Stakeholder);
        assert_eq!(infer("Lunch", "lunch"), NoteKind::Other);
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(infer("Retrograde deploy", ""), NoteKind::Other);
        assert_eq!(infer("Reviewer rotation", ""), NoteKind::Other);
        assert_eq!(infer("Meeting at 11:15", ""), NoteKind::Other);
        assert_eq!(infer("Release 1.1", ""), NoteKind::Other);
    }

    #[test]
    fn precedence_is_the_list_order_and_the_title_first() {
        assert_eq!(infer("Review and retro", ""), NoteKind::Review);
        assert_eq!(infer("Planning the review", ""), NoteKind::Planning);
        assert_eq!(infer("Retro", "2026-10-05-planning"), NoteKind::Retro);
        assert_eq!(infer("Team notes", "2026-10-05-planning"), NoteKind::Planning);
    }

    #[test]
    fn a_title_naming_two_events_is_both() {
        use NoteKind::{Planning, Retro, Review};
        assert_eq!(infer_all("Sprint 44 Review + Retro", "", &[]), vec![Review, Retro]);
        assert_eq!(infer_all("Review and retrospective", "", &[]), vec![Review, Retro]);
        assert_eq!(infer_all("Sprint review & sprint retro", "", &[]), vec![Review, Retro]);
        assert_eq!(infer_all("Retro, then planning", "", &[]), vec![Retro, Planning]);
        assert_eq!(infer_all("", "2026-11-27-review-retro", &[]), vec![Review, Retro]);
        assert_eq!(infer_all("Planning for the review", "", &[]), vec![Planning]);
        assert_eq!(infer_all("Daily standup", "", &[]), vec![NoteKind::Standup]);
    }

    #[test]
    fn the_folder_counts_like_the_title() {
        assert_eq!(infer_all("Mon 23 Nov", "2026-11-23", &["notes", "standups"]), vec![NoteKind::Standup]);
        assert_eq!(infer_all("", "2026-11-13", &["notes", "retros"]), vec![NoteKind::Retro]);
        assert_eq!(infer_all("", "x", &["notes", "dailies"]), vec![NoteKind::Standup]);
        assert_eq!(infer_all("", "x", &["notes", "reviews", "2026"]), vec![NoteKind::Review]);
        assert_eq!(infer_all("Planning", "x", &["notes", "retros"]), vec![NoteKind::Planning]);
        assert_eq!(infer_all("", "x", &["notes", "misc"]), vec![NoteKind::Other]);
    }

    #[test]
    fn file_name_words_are_separated_by_dashes_underscores_and_dots() {
        assert_eq!(infer("", "2026-10-05_stand-up"), NoteKind::Standup);
        assert_eq!(infer("", "2026.10.05.retro"), NoteKind::Retro);
        assert_eq!(infer("", "sprint-review-21"), NoteKind::Review);
        assert_eq!(infer("", "bob-alice-one-on-one"), NoteKind::Sync);
        assert_eq!(infer("", "syncing"), NoteKind::Other);
    }
}
