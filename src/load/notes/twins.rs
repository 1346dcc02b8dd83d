//! An item written twice in one note — in its summary and in its body, or a
//! decision restated in a "Summary of resolutions" — counts once
//! (docs/data.md): the same owners and nearly the same words are one item.

use std::collections::{HashMap, HashSet};

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

/// Whether two texts' words say the same thing: the same words, or nearly
/// all of the shorter one's.
fn same_words(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return a == b;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    short == long || (short.len() >= 3 && shared * 4 >= short.len() * 3)
}

/// How many items already kept are compared word by word with a new one. A
/// summary repeats a handful of items: a note of thousands of items (a
/// generated one) is still read in time proportional to its length, its
/// later items compared only by their exact words.
const FUZZY_LIMIT: usize = 256;

/// One action per thing to do: an item written in a summary and in the body
/// (same owners, nearly the same words) is kept once, where first written.
pub fn dedupe_actions(list: Vec<NoteAction>) -> Vec<NoteAction> {
    let mut out: Vec<NoteAction> = Vec::new();
    let mut words: Vec<Vec<String>> = Vec::new();
    let mut exact: HashMap<(Vec<String>, Vec<String>, String), usize> = HashMap::new();
    for a in list {
        let id = (a.owners.clone(), a.guests.clone(), a.key.clone());
        let these = content_words(&a.key);
        let twin = exact.get(&id).copied().or_else(|| {
            (0..out.len().min(FUZZY_LIMIT)).find(|&i| {
                out[i].owners == a.owners && out[i].guests == a.guests && same_words(&words[i], &these)
            })
        });
        match twin.and_then(|i| out.get_mut(i)) {
            Some(b) => {
                b.checked |= a.checked;
                b.restated &= a.restated;
                if b.due.is_none() {
                    (b.due, b.due_written) = (a.due, a.due_written);
                }
            }
            None => {
                exact.insert(id, out.len());
                words.push(these);
                out.push(a);
            }
        }
    }
    out
}

/// One decision per thing decided: one restated in a summary counts once.
pub fn dedupe_decisions(list: Vec<(String, u32)>) -> Vec<Decision> {
    let mut out: Vec<Decision> = Vec::new();
    let mut words: Vec<Vec<String>> = Vec::new();
    let mut exact: HashSet<String> = HashSet::new();
    for (text, line) in list {
        let text = visible(text.trim());
        let these = content_words(&text);
        let seen = exact.contains(&text.to_lowercase())
            || (0..out.len().min(FUZZY_LIMIT)).any(|i| same_words(&words[i], &these));
        if seen {
            continue;
        }
        exact.insert(text.to_lowercase());
        words.push(these);
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
