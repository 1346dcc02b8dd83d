//! One action item's text: its due and done markers, its owners, and the
//! identity key that follows it across notes (docs/data.md).

use super::dates::iso_at;
use super::due::{self, Due};
use super::owners::{in_later_clause, leading, trailing};
use super::people::{People, Who, mentions, tidy, without};
use super::structure::visible;
use crate::model::{Date, NoteAction};

/// Where an item was found and what the note around it says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The text, without checkbox and `Action ...:` label.
    pub text: String,
    /// Owners already known: an enclosing group (`- Bob:`), a label
    /// (`AI (Maria):`), a table's Owner column, a commitment's opener.
    pub owners: Vec<Who>,
    /// Owners @mentioned in the details nested under the item.
    pub detail_owners: Vec<Who>,
    /// Whether its checkbox is ticked.
    pub checked: bool,
    /// 1-based file line.
    pub line: u32,
    /// A due date from a table's Due column or a heading above, used when the
    /// text gives none.
    pub due: Option<Due>,
    /// Restated from an earlier meeting: updates an item, never raises one.
    pub restated: bool,
    /// Owners are already read (a commitment): the text opens with the task.
    pub owners_read: bool,
}

/// Reads an action item; `None` when nothing is left of its text.
pub fn action(found: &Found, people: &People, ctx: &due::Context) -> Option<NoteAction> {
    // Code spans keep their `@` as CODE_AT until the end: never a mention.
    let text = strip_numbering(&found.text);
    let (text, mut due_on, done_on) = strip_markers(text);
    let mut owners = found.owners.clone();
    let mut body = text.as_str();
    if !found.owners_read
        && let Some((named, at)) = leading(body, people)
    {
        owners.extend(named);
        body = body.get(at..).unwrap_or("").trim_start();
    }
    let mut due_written = due_on.map(|d| format!("due {d}"));
    let mut cut = Vec::new();
    if due_on.is_none() {
        if let Some(found_due) = due::find(body, ctx) {
            due_on = Some(found_due.date);
            due_written = Some(found_due.written.clone());
            cut.push(found_due.range);
        } else if let Some(fallback) = &found.due {
            due_on = Some(fallback.date);
            due_written = Some(fallback.written.clone());
        }
    }
    let body = without(body, &cut, false);
    let mut body = body.as_str();
    if let Some((named, open)) = trailing(body, people) {
        owners.extend(named);
        body = body.get(..open).unwrap_or(body);
    }
    let text = tidy(body);
    // Every @mention leaves the identity (docs/data.md), a guest's handle too, so an
    // item copied forward with its handle moved or dropped stays the same item;
    // members' mentions make owners, others guest owners.
    let mut all_mentions = Vec::new();
    for m in mentions(&text) {
        owners.push(match people.who(&m.handle) {
            Some(who) => who,
            None => Who::Guest(format!("@{}", m.handle)),
        });
        all_mentions.push(m.range);
    }
    owners.extend(found.detail_owners.iter().cloned());
    if owners.is_empty()
        && let Some(named) = in_later_clause(&text, people)
    {
        owners = named;
    }
    let (members, guests) = split_owners(owners);
    let key = identity(&visible(&without(&text, &all_mentions, false)));
    let text = visible(&text);
    if key.is_empty() {
        return None;
    }
    let checked = found.checked || done_on.is_some();
    Some(NoteAction {
        owners: members,
        guests,
        text,
        key,
        due: due_on,
        due_written,
        checked,
        done_on,
        line: found.line,
        restated: found.restated,
    })
}

/// Member ids sorted without repeats, and guests in order without repeats.
fn split_owners(owners: Vec<Who>) -> (Vec<String>, Vec<String>) {
    let mut members = Vec::new();
    let mut guests: Vec<String> = Vec::new();
    for who in owners {
        match who {
            Who::Member(id) => members.push(id),
            Who::Guest(name) => {
                let bare = |g: &str| g.trim_start_matches('@').to_lowercase();
                if !guests.iter().any(|g| bare(g) == bare(&name)) {
                    guests.push(name);
                }
            }
        }
    }
    members.sort();
    members.dedup();
    (members, guests)
}

/// `101.1: …`, `1) …`: numbering written before an item's text.
fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let digits = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    if digits == 0 || !t[..digits].starts_with(|c: char| c.is_ascii_digit()) {
        return t;
    }
    match t[digits..].chars().next() {
        Some(':' | ')') => t[digits + 1..].trim_start(),
        _ => t,
    }
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
    let text = text.trim();
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::team;
    use super::*;
    use crate::load::yaml::parse_iso_date;

    fn d(s: &str) -> Option<Date> {
        parse_iso_date(s).ok()
    }

    fn ctx() -> due::Context {
        due::Context { note: super::super::fixtures::date("2026-10-05"), sprint_end: None, order: None }
    }

    fn act(text: &str, checked: bool) -> NoteAction {
        let found = Found { text: text.into(), checked, line: 1, ..Found::default() };
        action(&found, &People::new(&team()), &ctx()).unwrap_or_else(|| panic!("no action in {text:?}"))
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
    fn due_dates_as_people_write_them_are_read_and_left_out_of_the_text() {
        // Monday 5 October 2026.
        let a = act("Alice to ask for sandbox keys by Tuesday", false);
        assert_eq!(
            (a.owners.clone(), a.text.as_str(), a.due),
            (v(&["alice"]), "ask for sandbox keys", d("2026-10-06"))
        );
        assert_eq!(a.due_written.as_deref(), Some("by Tuesday"));
        let b = act("AI: @bob chase legal (due 27 Oct)", false);
        assert_eq!((b.text.as_str(), b.due), ("AI: @bob chase legal", d("2026-10-27")));
        let c = act("Jordan to chase legal soon", false);
        assert_eq!((c.text.as_str(), c.due), ("chase legal soon", None));
    }

    #[test]
    fn code_spans_numbering_and_details() {
        // The structure reader keeps an `@` of a code span as CODE_AT.
        let a = act("Update \u{E000}scope/pkg to a flat config (@carol)", false);
        assert_eq!((a.owners.clone(), a.guests.clone()), (v(&["carol"]), v(&[])));
        assert_eq!(a.text, "Update @scope/pkg to a flat config");
        let b = act("101.1: Bob to send the minutes", false);
        assert_eq!((b.owners.clone(), b.text.as_str()), (v(&["bob"]), "send the minutes"));
        let p = People::new(&team());
        let found = Found {
            text: "release the packages".into(),
            detail_owners: vec![Who::Member("dan".into())],
            owners: vec![Who::Member("carol".into())],
            ..Found::default()
        };
        let c = action(&found, &p, &ctx()).map(|a| a.owners);
        assert_eq!(c, Some(v(&["carol", "dan"])));
    }

    #[test]
    fn nothing_left_means_no_action() {
        let p = People::new(&team());
        let found = |t: &str| Found { text: t.into(), ..Found::default() };
        assert_eq!(action(&found("@bob"), &p, &ctx()), None);
        assert_eq!(action(&found(" - due 2026-10-07"), &p, &ctx()), None);
    }
}
