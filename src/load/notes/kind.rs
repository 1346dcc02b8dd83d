//! The kind of meeting, inferred from the title and the file name.

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

/// The earliest-listed kind whose word appears in the title, else in the file
/// name (where `-`, `_` and `.` separate words), else [`NoteKind::Other`].
pub fn infer(title: &str, file_name: &str) -> NoteKind {
    let title = words(title);
    let file = words(file_name);
    [title, file]
        .iter()
        .find_map(|text| {
            WORDS.iter().find(|(_, ws)| ws.iter().any(|w| contains_word(text, &words(w)))).map(|(k, _)| *k)
        })
        .unwrap_or(NoteKind::Other)
}

/// Lower case with `-`, `_` and `.` read as spaces.
fn words(text: &str) -> String {
    text.to_lowercase().chars().map(|c| if matches!(c, '-' | '_' | '.') { ' ' } else { c }).collect()
}

/// Whether `phrase` occurs in `text` with no letter or digit on either side.
fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + phrase.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
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
        assert_eq!(infer("Retro, then planning", ""), NoteKind::Planning);
        assert_eq!(infer("Retro", "2026-10-05-planning"), NoteKind::Retro);
        assert_eq!(infer("Team notes", "2026-10-05-planning"), NoteKind::Planning);
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
