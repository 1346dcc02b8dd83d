//! One action item's text: its due and done markers, its owners, and the
//! identity key that follows it across notes (DATA.md).

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
    let mut body = text.as_str();
    if let Some((ids, rest)) = leading_owners(body, people) {
        owners.extend(ids);
        body = rest;
    }
    if let Some((ids, rest)) = trailing_owners(body, people) {
        owners.extend(ids);
        body = rest;
    }
    let text = tidy(body);
    // Every @mention leaves the identity (DATA.md), a guest's handle too, so an
    // item copied forward with its handle moved or dropped stays the same item;
    // only members' mentions make owners.
    let mut all_mentions = Vec::new();
    for m in mentions(&text) {
        if let Some(id) = people.member(&m.handle) {
            owners.push(id.to_string());
        }
        all_mentions.push(m.range);
    }
    owners.sort();
    owners.dedup();
    let key = identity(&without(&text, &all_mentions, false));
    if key.is_empty() {
        return None;
    }
    let checked = found.checked || done_on.is_some();
    Some(NoteAction { owners, text, key, due, checked, done_on, line: found.line })
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

/// Owners opening the item: `@bob: ...`, `Carol: ...`, `Danno Ferrin to fix X`,
/// `Bob and Carol to ...`, `Alice - ...`. Gives the ids and the rest (keeping
/// the verb after `to`).
fn leading_owners<'t>(text: &'t str, people: &People) -> Option<(Vec<String>, &'t str)> {
    let lower = text.to_ascii_lowercase();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in [":", " to ", " - ", " – ", " — "] {
        if let Some(p) = lower.find(sep) {
            cuts.push((p, p + sep.len()));
        }
    }
    cuts.sort_unstable();
    cuts.into_iter().find_map(|(end, rest)| {
        let ids = people.all_members(text.get(..end)?)?;
        Some((ids, text.get(rest..)?.trim_start()))
    })
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
        assert_eq!(
            summary(&act("@jdoe: send the logs", false)),
            (vec![], "@jdoe: send the logs", "send the logs")
        );
        assert_eq!(
            summary(&act("Update the roadmap (Alice).", false)),
            (vec!["alice"], "Update the roadmap", "update the roadmap")
        );
        assert_eq!(
            summary(&act("Talk to Alice: about budget", false)),
            (vec![], "Talk to Alice: about budget", "talk to alice: about budget")
        );
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
