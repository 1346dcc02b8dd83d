//! One action item's text: its due and done markers, its owners, and the
//! identity key that follows it across notes (docs/data.md).

use super::dates::iso_at;
use super::people::{People, mentions, tidy, without};
use crate::model::{Date, NoteAction};

/// Where an item was found and what the note around it says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The text, without checkbox and `Action ...:` label.
    pub text: String,
    /// Owners given by an enclosing group (`- Bob:` with the items under it).
    pub owners: Vec<String>,
    /// Whether its checkbox is ticked.
    pub checked: bool,
    /// 1-based file line.
    pub line: u32,
}

/// Reads an action item; `None` when nothing is left of its text.
pub fn action(found: &Found, people: &People) -> Option<NoteAction> {
    let (text, due, done_on) = strip_markers(&found.text);
    let mut owners = found.owners.clone();
    let mut guests: Vec<String> = Vec::new();
    let mut body = text.as_str();
    if let Some((named, rest)) = leading_owners(body, people) {
        for owner in named {
            match owner {
                Named::Member(id) => owners.push(id),
                Named::Guest(name) => guests.push(name),
            }
        }
        body = rest;
    }
    if let Some((ids, rest)) = trailing_owners(body, people) {
        owners.extend(ids);
        body = rest;
    }
    let text = tidy(body);
    // Every @mention leaves the identity (docs/data.md), a guest's handle too, so an
    // item copied forward with its handle moved or dropped stays the same item;
    // members' mentions make owners, others guest owners.
    let mut all_mentions = Vec::new();
    for m in mentions(&text) {
        match people.member(&m.handle) {
            Some(id) => owners.push(id.to_string()),
            None => guests.push(format!("@{}", m.handle)),
        }
        all_mentions.push(m.range);
    }
    owners.sort();
    owners.dedup();
    let mut seen = std::collections::HashSet::new();
    guests.retain(|g| seen.insert(g.to_lowercase()));
    let key = identity(&without(&text, &all_mentions, false));
    if key.is_empty() {
        return None;
    }
    let checked = found.checked || done_on.is_some();
    Some(NoteAction { owners, guests, text, key, due, checked, done_on, line: found.line })
}

/// Lower case, single spaces, no empty brackets, no punctuation at either end.
fn identity(text: &str) -> String {
    let lower = text.to_lowercase().replace("()", " ").replace("[]", " ");
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '-' | ',' | ';' | '.' | '–' | '—' | '!')
        })
        .to_string()
}

/// Removes `due YYYY-MM-DD`, `due: ...`, `(due ...)`, `done ...` markers;
/// gives the rest and the first due and done dates.
pub fn strip_markers(text: &str) -> (String, Option<Date>, Option<Date>) {
    let (mut due, mut done) = (None, None);
    let mut ranges = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let at_word = !prev.is_some_and(char::is_alphanumeric);
        prev = Some(c);
        if !at_word || !matches!(c, 'd' | 'D') {
            continue;
        }
        for (word, slot) in [("due", &mut due), ("done", &mut done)] {
            if let Some((date, range)) = marker_at(text, i, word) {
                slot.get_or_insert(date);
                ranges.push(range);
            }
        }
    }
    (without(text, &ranges, false), due, done)
}

/// A `word [date] [:] [by|on] YYYY-MM-DD` marker at byte `i`, with any brackets around it.
fn marker_at(text: &str, i: usize, word: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let b = text.as_bytes();
    let mut j = i + word.len();
    if !text.get(i..j)?.eq_ignore_ascii_case(word) || b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    j = skip_spaces(b, j);
    for optional in ["date", ":", "by", "on"] {
        let end = j + optional.len();
        if text.get(j..end).is_some_and(|s| s.eq_ignore_ascii_case(optional))
            && !b.get(end).is_some_and(u8::is_ascii_alphabetic)
        {
            j = skip_spaces(b, end);
        }
    }
    let date = iso_at(text, j)?;
    let (mut start, mut end) = (i, j + 10);
    let before = text.get(..start)?.trim_end();
    let after = skip_spaces(b, end);
    let pair = match before.chars().next_back() {
        Some('(') => Some(b')'),
        Some('[') => Some(b']'),
        _ => None,
    };
    if pair.is_some() && b.get(after).copied() == pair {
        start = before.len() - 1;
        end = after + 1;
    }
    Some((date, start..end))
}

fn skip_spaces(b: &[u8], mut j: usize) -> usize {
    while b.get(j).is_some_and(|c| *c == b' ' || *c == b'\t') {
        j += 1;
    }
    j
}

/// An owner named at the start of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    /// A member, by id.
    Member(String),
    /// Anyone else, as written.
    Guest(String),
}

/// Owners opening the item: `@bob: ...`, `Carol: ...`, `Danno Ferrin to fix X`,
/// `Raj & Lee will ...`, `Ana, Ben and Cy to ...`, `Alice - ...`. Gives the
/// owners and the rest (keeping the verb after `to` and `will`).
fn leading_owners<'t>(text: &'t str, people: &People) -> Option<(Vec<Named>, &'t str)> {
    let lower = text.to_ascii_lowercase();
    let mut cuts: Vec<(usize, usize, &str)> = Vec::new();
    for sep in [":", " to ", " will ", " - ", " – ", " — "] {
        if let Some(p) = lower.find(sep) {
            cuts.push((p, p + sep.len(), sep));
        }
    }
    cuts.sort_unstable();
    cuts.into_iter().find_map(|(end, rest, sep)| {
        let named = owner_list(text.get(..end)?, sep, people)?;
        Some((named, text.get(rest..)?.trim_start()))
    })
}

/// The owners in `head`, when every name in it is a member or reads like a
/// person's name (docs/data.md); `None` when `head` is ordinary words.
fn owner_list(head: &str, sep: &str, people: &People) -> Option<Vec<Named>> {
    let names = people.names_in(head);
    if names.is_empty() {
        return None;
    }
    let several = names.len() > 1;
    names
        .into_iter()
        .map(|name| match people.member(&name) {
            Some(id) => Some(Named::Member(id.to_string())),
            None if looks_like_a_person(&name, sep, several) => Some(Named::Guest(name)),
            // `Carrol will ...`: a misspelt member, to be warned about.
            None if capitalised(&name) && people.is_near(&name) => Some(Named::Guest(name)),
            None => None,
        })
        .collect()
}

/// Words that open an item without naming anyone (`Note: ...`, `We will ...`).
const NOT_NAMES: &[&str] = &[
    "action",
    "agenda",
    "all",
    "also",
    "blocked",
    "context",
    "decision",
    "discussion",
    "done",
    "everybody",
    "everyone",
    "follow",
    "followup",
    "fyi",
    "he",
    "i",
    "it",
    "maybe",
    "next",
    "nobody",
    "note",
    "notes",
    "owner",
    "owners",
    "please",
    "question",
    "she",
    "somebody",
    "someone",
    "status",
    "tbd",
    "team",
    "that",
    "the",
    "then",
    "these",
    "they",
    "this",
    "those",
    "todo",
    "update",
    "we",
    "who",
    "you",
];

/// Whether `name`, found before `sep`, reads like a person who is not a member:
/// an `@handle`; or one to three capitalised words, not common ones. Before
/// ` to `, ` will ` or a dash a single word is a person only in a list
/// (`Raj & Lee will ...`): `Talk to Alice`, `Tests will run`.
fn looks_like_a_person(name: &str, sep: &str, several: bool) -> bool {
    if let Some(handle) = name.strip_prefix('@') {
        return !handle.is_empty()
            && handle.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'));
    }
    if sep.trim().chars().all(|c| matches!(c, '-' | '–' | '—')) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let common = words.first().is_some_and(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()));
    let shape = (1..=3).contains(&words.len()) && words.iter().all(|w| capitalised(w)) && !common;
    shape && (sep == ":" || words.len() > 1 || several)
}

/// A word written like a name: a capital, then letters, `.`, `-` or `'`.
fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
}

/// Owners closing the item in parentheses: `Update the roadmap (Alice)`,
/// `... (owner: Bob, Carol)`.
fn trailing_owners<'t>(text: &'t str, people: &People) -> Option<(Vec<String>, &'t str)> {
    let t = text.trim_end().trim_end_matches('.');
    let open = t.rfind('(')?;
    let inner = t.strip_suffix(')')?.get(open + 1..)?.trim();
    let lower = inner.to_ascii_lowercase();
    let inner = ["owners:", "owner:"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| inner.get(p.len()..))
        .unwrap_or(inner);
    let ids = people.all_members(inner)?;
    Some((ids, t.get(..open)?))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::team;
    use super::*;
    use crate::load::yaml::parse_iso_date;

    fn d(s: &str) -> Option<Date> {
        parse_iso_date(s).ok()
    }

    fn act(text: &str, checked: bool) -> NoteAction {
        let found = Found { text: text.into(), owners: vec![], checked, line: 1 };
        action(&found, &People::new(&team())).unwrap_or_else(|| panic!("no action in {text:?}"))
    }

    fn summary(a: &NoteAction) -> (Vec<&str>, &str, &str) {
        (a.owners.iter().map(String::as_str).collect(), a.text.as_str(), a.key.as_str())
    }

    #[test]
    fn a_guest_handle_moved_or_dropped_keeps_the_identity() {
        let first = act("@jdoe send the logs due 2026-10-10", false);
        let later = act("send the logs @jdoe", true);
        let dropped = act("send the logs", true);
        assert_eq!(first.key, "send the logs");
        assert_eq!((first.key.as_str(), first.owners.len()), (later.key.as_str(), later.owners.len()));
        assert_eq!(later.key, dropped.key);
    }

    #[test]
    fn markers_are_found_and_removed() {
        assert_eq!(
            strip_markers("Book staging (due 2026-10-07)"),
            ("Book staging".into(), d("2026-10-07"), None)
        );
        assert_eq!(
            strip_markers("Book staging, due: 2026-10-07."),
            ("Book staging.".into(), d("2026-10-07"), None)
        );
        assert_eq!(
            strip_markers("Fix X DUE 2026-10-07 done 2026-10-06"),
            ("Fix X".into(), d("2026-10-07"), d("2026-10-06"))
        );
        assert_eq!(strip_markers("Fix X [done: 2026-10-06]"), ("Fix X".into(), None, d("2026-10-06")));
        assert_eq!(strip_markers("Fix X due by 2026-10-07"), ("Fix X".into(), d("2026-10-07"), None));
        assert_eq!(strip_markers("Fix X - Due date: 2026-10-07"), ("Fix X".into(), d("2026-10-07"), None));
    }

    #[test]
    fn markers_need_a_real_date_and_a_whole_word() {
        assert_eq!(strip_markers("Fix overdue 2026-10-07"), ("Fix overdue 2026-10-07".into(), None, None));
        assert_eq!(strip_markers("Fix X due 2026-02-30"), ("Fix X due 2026-02-30".into(), None, None));
        assert_eq!(strip_markers("Fix X due soon"), ("Fix X due soon".into(), None, None));
        assert_eq!(strip_markers("due"), ("due".into(), None, None));
    }

    #[test]
    fn owners_from_mentions_and_leading_names() {
        assert_eq!(summary(&act("@bob: book staging", false)), (vec!["bob"], "book staging", "book staging"));
        assert_eq!(
            summary(&act("Ask @alice-gh about @jdoe's access", false)),
            (vec!["alice"], "Ask @alice-gh about @jdoe's access", "ask about 's access")
        );
        assert_eq!(
            summary(&act("Danno Ferrin to fix the flaky test", false)),
            (vec!["dan"], "fix the flaky test", "fix the flaky test")
        );
        assert_eq!(
            summary(&act("Carol: write the ADR", false)),
            (vec!["carol"], "write the ADR", "write the adr")
        );
        assert_eq!(
            summary(&act("Bob and Carol to pair on PHX-101", false)),
            (vec!["bob", "carol"], "pair on PHX-101", "pair on phx-101")
        );
        assert_eq!(
            summary(&act("@alice @bob: run the session", false)),
            (vec!["alice", "bob"], "run the session", "run the session")
        );
        assert_eq!(summary(&act("@jdoe: send the logs", false)), (vec![], "send the logs", "send the logs"));
        assert_eq!(
            summary(&act("Update the roadmap (Alice).", false)),
            (vec!["alice"], "Update the roadmap", "update the roadmap")
        );
        assert_eq!(
            summary(&act("Talk to Alice: about budget", false)),
            (vec![], "Talk to Alice: about budget", "talk to alice: about budget")
        );
    }

    fn guests(text: &str) -> (Vec<String>, Vec<String>, String) {
        let a = act(text, false);
        (a.owners, a.guests, a.text)
    }

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn several_owners_and_will() {
        assert_eq!(
            guests("Bob & Carol will update the docs"),
            (v(&["bob", "carol"]), v(&[]), "update the docs".into())
        );
        assert_eq!(
            guests("Alice, Bob and Carol to run the demo"),
            (v(&["alice", "bob", "carol"]), v(&[]), "run the demo".into())
        );
        assert_eq!(guests("Danno Ferrin will fix CI"), (v(&["dan"]), v(&[]), "fix CI".into()));
    }

    #[test]
    fn unknown_owners_are_guests_shown_by_name() {
        assert_eq!(
            guests("@bobby: finish avatar upload"),
            (v(&[]), v(&["@bobby"]), "finish avatar upload".into())
        );
        assert_eq!(guests("Raj & Bob will pair"), (v(&["bob"]), v(&["Raj"]), "pair".into()));
        assert_eq!(guests("Raj & Lee will pair"), (v(&[]), v(&["Raj", "Lee"]), "pair".into()));
        assert_eq!(guests("Jane Doe to send the logs"), (v(&[]), v(&["Jane Doe"]), "send the logs".into()));
        assert_eq!(guests("Jane: send the logs"), (v(&[]), v(&["Jane"]), "send the logs".into()));
        assert_eq!(
            guests("Carrol will update the roadmap"),
            (v(&[]), v(&["Carrol"]), "update the roadmap".into())
        );
        assert_eq!(
            guests("Ask @alice-gh and @jdoe"),
            (v(&["alice"]), v(&["@jdoe"]), "Ask @alice-gh and @jdoe".into())
        );
    }

    #[test]
    fn ordinary_words_are_not_owners() {
        for text in [
            "Talk to Alice: about budget",
            "Tests will run nightly",
            "Note: the build is slow",
            "We will revisit next week",
            "Release Notes - update them",
            "update the wiki: add a page",
        ] {
            let (owners, guests, _) = guests(text);
            assert!(owners.is_empty() && guests.is_empty(), "{text}: {owners:?} {guests:?}");
        }
    }

    #[test]
    fn due_done_and_checked() {
        let a = act("@bob book staging (due 2026-10-07)", false);
        assert_eq!((a.due, a.checked, a.done_on), (d("2026-10-07"), false, None));
        let b = act("@bob book staging done 2026-10-08", false);
        assert_eq!((b.checked, b.done_on), (true, d("2026-10-08")));
        assert!(act("x", true).checked);
    }

    #[test]
    fn a_carried_forward_item_keeps_its_identity() {
        let first = act("@bob: Book staging for the demo (due 2026-10-07)", false);
        let later = act("@bob book   staging for the demo, due: 2026-10-09 -", true);
        let moved = act("Book staging for the demo (@bob)", false);
        assert_eq!(first.key, "book staging for the demo");
        assert_eq!((first.key.as_str(), &first.owners), (later.key.as_str(), &later.owners));
        assert_eq!((first.key.as_str(), &first.owners), (moved.key.as_str(), &moved.owners));
        assert_ne!(first.due, later.due);
    }

    #[test]
    fn nothing_left_means_no_action() {
        let p = People::new(&team());
        let found = |t: &str| Found { text: t.into(), ..Found::default() };
        assert_eq!(action(&found("@bob"), &p), None);
        assert_eq!(action(&found(" - due 2026-10-07"), &p), None);
    }
}
