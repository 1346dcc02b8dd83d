//! An item written twice in one note — in its summary and in its body, or a
//! decision restated in a "Summary of resolutions" — counts once
//! (docs/data.md): the same owners and nearly the same words are one item.

use super::structure::visible;
use crate::model::{Decision, NoteAction};

/// The words of a text that say what it is about (for "the same item written twice").
fn content_words(text: &str) -> Vec<String> {
    const SMALL: &[&str] = &[
        "the", "a", "an", "to", "and", "of", "for", "on", "in", "with", "it", "this", "that", "is", "be",
        "by",
    ];
    text.split(|c: char| !(c.is_alphanumeric() || c == '#' || c == '-'))
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
        .collect()
}

/// Whether two texts say the same thing: the same words, or nearly all of the shorter one's.
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (content_words(a), content_words(b));
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if short.is_empty() {
        return a == b;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    short == long || (short.len() >= 3 && shared * 4 >= short.len() * 3)
}

/// One action per thing to do: an item written in a summary and in the body
/// (same owners, nearly the same words) is kept once, where first written.
pub fn dedupe_actions(list: Vec<NoteAction>) -> Vec<NoteAction> {
    let mut out: Vec<NoteAction> = Vec::new();
    for a in list {
        let twin = out.iter_mut().find(|b| {
            b.owners == a.owners && b.guests == a.guests && (b.key == a.key || same_text(&b.key, &a.key))
        });
        match twin {
            Some(b) => {
                b.checked |= a.checked;
                b.restated &= a.restated;
                if b.due.is_none() {
                    (b.due, b.due_written) = (a.due, a.due_written);
                }
            }
            None => out.push(a),
        }
    }
    out
}

/// One decision per thing decided: one restated in a summary counts once.
pub fn dedupe_decisions(list: Vec<(String, u32)>) -> Vec<Decision> {
    let mut out: Vec<Decision> = Vec::new();
    for (text, line) in list {
        let text = visible(text.trim());
        if out.iter().any(|d| d.text.eq_ignore_ascii_case(&text) || same_text(&d.text, &text)) {
            continue;
        }
        out.push(Decision { compromise: has_tag(&text, "#compromise"), text, references: Vec::new(), line });
    }
    out
}

/// Whether `text` holds `tag` (such as `#compromise`) as a whole tag, any case.
pub fn has_tag(text: &str, tag: &str) -> bool {
    let lower = text.to_lowercase();
    let tag = tag.to_lowercase();
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    lower.match_indices(&tag).any(|(i, _)| {
        let before = lower.get(..i).and_then(|s| s.chars().next_back());
        let after = lower.get(i + tag.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}
