//! Slugs: the only way an id or a file name becomes part of an output path.
//!
//! A slug is `[a-z0-9-]` only, never empty, never starting or ending with `-`,
//! so no id (`../../etc`, `C:\x`, `.git`) can reach outside its folder.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Date, Note};

/// Longest slug kept, in bytes: well under any file system's name limit.
const MAX_LEN: usize = 80;

/// `text` lower-cased, with every run of characters outside `[a-z0-9]`
/// turned into one `-`, trimmed of `-`, at most 80 bytes; `item` when nothing
/// is left.
///
/// Non-ASCII letters are not transliterated: `Ünïcode` gives `n-code`. Ids in
/// sprint and backlog files are ASCII in practice; a name that loses all its
/// letters still gets a path, and [`unique_slugs`] keeps paths apart.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_LEN));
    let mut pending_dash = false;
    for c in text.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            let dash = pending_dash && !out.is_empty();
            if out.len() + usize::from(dash) + 1 > MAX_LEN {
                break;
            }
            if dash {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() { "item".to_string() } else { out }
}

/// One slug per text, in the same order, no two alike.
///
/// Each text gets its [`slug`]; the first text to claim a slug keeps it and
/// later duplicates get `-2`, `-3` ... (the smallest suffix that is neither
/// taken nor some other text's own slug). The result depends only on the
/// order of `texts`, so a deterministic input order gives stable paths.
pub fn unique_slugs<I, S>(texts: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let natural: Vec<String> = texts.into_iter().map(|t| slug(t.as_ref())).collect();
    // Every natural slug is reserved first, so `a`, `a`, `a-2` gives
    // `a`, `a-3`, `a-2`: a text whose own slug looks like a suffix keeps it.
    let reserved: BTreeSet<&str> = natural.iter().map(String::as_str).collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(natural.len());
    for base in &natural {
        let chosen = if taken.contains(base) {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|c| !taken.contains(c) && !reserved.contains(c.as_str()))
                .unwrap_or_else(|| base.clone())
        } else {
            base.clone()
        };
        taken.insert(chosen.clone());
        out.push(chosen);
    }
    out
}

/// A note's path relative to `notes/`, without `.md`: the text of its slug.
fn note_stem(path: &str) -> &str {
    let rel = path.strip_prefix("notes/").unwrap_or(path);
    let cut = rel.len().saturating_sub(3);
    match rel.get(cut..) {
        Some(ext) if ext.eq_ignore_ascii_case(".md") => &rel[..cut],
        _ => rel,
    }
}

/// The slug of every note's page, by note path: the one place a note's
/// address is decided, for the pages and for `metrics.json` alike. Made
/// unique over all notes by date then path, not just those up to a report
/// date, so a page keeps its address when `--as-of` moves.
pub fn note_slugs(notes: &[Note]) -> BTreeMap<String, String> {
    let mut sorted: Vec<(Date, &str)> = notes.iter().map(|n| (n.date, n.path.as_str())).collect();
    sorted.sort();
    let slugs = unique_slugs(sorted.iter().map(|(_, path)| note_stem(path)));
    sorted.into_iter().map(|(_, path)| path.to_string()).zip(slugs).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_stem_drops_folder_and_extension() {
        assert_eq!(note_stem("notes/2026/10-05 Planning.md"), "2026/10-05 Planning");
        assert_eq!(note_stem("notes/retro.MD"), "retro");
        assert_eq!(note_stem("notes/x"), "x");
        assert_eq!(slug(note_stem("notes/2026/10-05 Planning.md")), "2026-10-05-planning");
    }

    #[test]
    fn slug_keeps_only_lowercase_ascii_and_digits() {
        assert_eq!(slug("Sprint 21"), "sprint-21");
        assert_eq!(slug("PHX-101"), "phx-101");
        assert_eq!(slug("  --Hello,   World!--  "), "hello-world");
        assert_eq!(slug("2026/10-05 Planning"), "2026-10-05-planning");
        assert_eq!(slug("a_b.c"), "a-b-c");
    }

    #[test]
    fn slug_of_nothing_usable_is_item() {
        assert_eq!(slug(""), "item");
        assert_eq!(slug("---"), "item");
        assert_eq!(slug("日本語"), "item");
    }

    #[test]
    fn slug_can_never_escape() {
        for hostile in ["../../etc", "..\\..\\win", "/abs/path", "C:\\x", ".git", "a/../b"] {
            let s = slug(hostile);
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{hostile} gave {s}"
            );
            assert!(!s.starts_with('-') && !s.ends_with('-') && !s.is_empty());
        }
        assert_eq!(slug("../../etc"), "etc");
    }

    #[test]
    fn slug_is_bounded() {
        let long = "word ".repeat(100);
        let s = slug(&long);
        assert!(s.len() <= MAX_LEN);
        assert!(!s.ends_with('-'));
    }

    #[test]
    fn duplicates_get_numbered_in_order() {
        assert_eq!(
            unique_slugs(["S21", "s21", "S 21", "s-21", "x"]),
            vec!["s21", "s21-2", "s-21", "s-21-2", "x"]
        );
    }

    #[test]
    fn a_natural_suffix_is_never_stolen() {
        assert_eq!(unique_slugs(["a", "A", "a-2"]), vec!["a", "a-3", "a-2"]);
        assert_eq!(unique_slugs(["", "?", "item"]), vec!["item", "item-2", "item-3"]);
    }
}
