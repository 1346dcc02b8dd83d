//! Who owns an action item (docs/data.md): the people named where it opens
//! (`@maria will …`, `Sam + Alice to …`, `Carol: …`, `AI (Maria): …`), in
//! closing brackets (`… (@nzakas)`), or in a later clause (`…, Josh to start
//! the FCP`). A name is a member (id, name, alias, first name, initials), a
//! guest of the note, an `@handle`, or, where the item is clearly an action,
//! one to three words written like a person's name.

use super::openers::{Verb, clause_starts, opener, tentative};
use super::people::{People, Who};

/// Words that open an item without naming anyone (`Note: …`, `We will …`,
/// `Talk to Alice …`, `Tests will run …`): pronouns, common verbs and nouns.
const NOT_NAMES: &[&str] = &[
    "action",
    "add",
    "agenda",
    "agree",
    "agreed",
    "align",
    "all",
    "also",
    "ask",
    "blocked",
    "book",
    "bring",
    "build",
    "builds",
    "call",
    "chase",
    "check",
    "ci",
    "circle",
    "clarify",
    "close",
    "collect",
    "confirm",
    "consensus",
    "context",
    "create",
    "decide",
    "decided",
    "decision",
    "deploy",
    "design",
    "discuss",
    "discussion",
    "docs",
    "document",
    "done",
    "draft",
    "email",
    "escalate",
    "estimate",
    "everybody",
    "everyone",
    "evaluate",
    "explore",
    "file",
    "finance",
    "find",
    "fix",
    "follow",
    "followup",
    "fyi",
    "get",
    "give",
    "go",
    "he",
    "i",
    "investigate",
    "invite",
    "it",
    "keep",
    "legal",
    "look",
    "loop",
    "make",
    "marketing",
    "maybe",
    "merge",
    "move",
    "next",
    "nobody",
    "note",
    "notes",
    "open",
    "ops",
    "organise",
    "organize",
    "owner",
    "owners",
    "pair",
    "people",
    "ping",
    "platform",
    "please",
    "post",
    "prepare",
    "present",
    "product",
    "proposal",
    "proposed",
    "publish",
    "put",
    "qa",
    "question",
    "raise",
    "reach",
    "read",
    "release",
    "releases",
    "remind",
    "reply",
    "research",
    "resolution",
    "resolved",
    "review",
    "run",
    "sales",
    "schedule",
    "security",
    "send",
    "set",
    "share",
    "she",
    "somebody",
    "someone",
    "sort",
    "split",
    "start",
    "status",
    "stop",
    "support",
    "sync",
    "take",
    "talk",
    "tbd",
    "team",
    "test",
    "tests",
    "that",
    "the",
    "then",
    "these",
    "they",
    "this",
    "those",
    "todo",
    "track",
    "try",
    "update",
    "ux",
    "we",
    "what",
    "when",
    "where",
    "who",
    "why",
    "how",
    "write",
    "you",
];

/// Weekdays and months are never a person; May can be.
fn calendar_word(lower: &str) -> bool {
    super::dates::WEEKDAYS.contains(&lower) || (lower != "may" && super::dates::MONTHS.contains(&lower))
}

/// A word written like a name: a capital, then small letters (`Zoe`,
/// `O'Neil`, `McKay`, `Anne-Marie`), never a gerund (`Moving`) or a
/// CamelCase identifier (`FlatRuleTester`).
fn name_like(word: &str) -> bool {
    let mut chars = word.chars().peekable();
    if !chars.next().is_some_and(char::is_uppercase) || word.chars().count() < 2 {
        return false;
    }
    let lower = word.to_lowercase();
    if lower.ends_with("ing") || calendar_word(&lower) {
        return false;
    }
    let mut prev = ' ';
    for (i, c) in word.char_indices().skip(1) {
        let capital_ok = matches!(prev, '-' | '\'' | '’')
            || (i == 2 && word.starts_with("Mc"))
            || (i == 3 && word.starts_with("Mac"));
        if !(c.is_lowercase() || matches!(c, '-' | '\'' | '’' | '.') || (c.is_uppercase() && capital_ok)) {
            return false;
        }
        prev = c;
    }
    true
}

/// Whether `name`, matching nobody known, reads like a person's name: one to
/// three name-like words, not a common word.
pub fn person_like(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let common = words.first().is_some_and(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()));
    (1..=3).contains(&words.len()) && !common && words.iter().all(|w| name_like(w))
}

/// A valid `@handle` written as `name`.
fn handle(name: &str) -> Option<&str> {
    let h = name.strip_prefix('@')?;
    (!h.is_empty() && h.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))).then_some(name)
}

/// The people in a list of names (`Sam + Alice`, `@a @b`, `HZ (or AC)`):
/// all must be someone. `unknown` allows names matching nobody known that
/// read like a person's (they become guests).
pub fn resolve(names: &str, people: &People, unknown: bool) -> Option<Vec<Who>> {
    let names = without_alternatives(names);
    let list = people.names_in(&names);
    if list.is_empty() {
        return None;
    }
    list.into_iter()
        .map(|name| {
            let bare = name.trim().trim_end_matches([':', ',']);
            let bracketed = bare.strip_prefix('[').and_then(|b| b.strip_suffix(']'));
            if let Some(who) = people.who(bare) {
                return Some(who);
            }
            if let Some(h) = handle(bare) {
                return Some(Who::Guest(h.to_string()));
            }
            let shown = bracketed.unwrap_or(bare);
            let looks =
                person_like(shown) || (bracketed.is_some() && !shown.is_empty() && !shown.contains(' '));
            (unknown && looks).then(|| Who::Guest(shown.to_string()))
        })
        .collect()
}

/// `HZ (or AC)` is HZ: the alternative in brackets is not an owner.
fn without_alternatives(names: &str) -> String {
    match names.find("(or ") {
        Some(i) => {
            let close = names[i..].find(')').map_or(names.len(), |j| i + j + 1);
            format!("{} {}", &names[..i], &names[close..]).trim().to_string()
        }
        None => names.to_string(),
    }
}

/// Owners opening a listed action item, and where its task starts:
/// `@bob: …`, `Carol: …`, `Danno Ferrin to …`, `Raj & Lee will …`,
/// `Alice - …`, `Maria: I'll …`.
pub fn leading(text: &str, people: &People) -> Option<(Vec<Who>, usize)> {
    if let Some(o) = opener(text) {
        // A single unknown word before `to` or `will` is a person only when
        // it cannot be a common word (`Zoe to …`, not `Talk to …`).
        if let Some(owners) = resolve(o.names, people, true) {
            return Some((owners, offset(text, o.rest)));
        }
    }
    for sep in [":", " - ", " – ", " — "] {
        let Some(at) = text.find(sep) else { continue };
        let head = &text[..at];
        if head.split_whitespace().count() > 4 {
            continue;
        }
        // After a dash only known people are owners (`Release notes - …` names nobody).
        let owners = resolve(head, people, sep == ":")?;
        return Some((owners, at + sep.len()));
    }
    None
}

/// Byte offset of `part` (a subslice) in `text`.
fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len())
}

/// Owners closing the item in brackets or after an arrow: `Update the
/// roadmap (Alice)`, `… (@nzakas)`, `… (owner: Bob, Carol)`, `… → Omar`.
/// Gives the owners and where the brackets or the arrow start.
pub fn trailing(text: &str, people: &People) -> Option<(Vec<Who>, usize)> {
    let t = text.trim_end().trim_end_matches('.');
    for arrow in [" → ", " -> ", " => "] {
        if let Some(at) = t.rfind(arrow)
            && let Some(owners) = resolve(&t[at + arrow.len()..], people, false)
        {
            return Some((owners, at));
        }
    }
    let open = t.rfind('(')?;
    let inner = t.strip_suffix(')')?.get(open + 1..)?.trim();
    let lower = inner.to_ascii_lowercase();
    let inner = ["owners:", "owner:"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| inner.get(p.len()..))
        .unwrap_or(inner);
    Some((resolve(inner, people, false)?, open))
}

/// Owners named in a later clause of a listed item by people known to the
/// note (`No-meeting Wednesdays — Jordan to block the calendars`).
pub fn in_later_clause(text: &str, people: &People) -> Option<Vec<Who>> {
    clause_starts(text).into_iter().find_map(|start| {
        let o = opener(text.get(start..)?)?;
        resolve(o.names, people, false).filter(|_| tentative(o.rest).is_none())
    })
}

/// A commitment found in a text: who, and where the task starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commitment {
    /// Someone committed: the owners and the byte where the task starts.
    Made(Vec<Who>, usize),
    /// The shape of one, but tentative (`will probably …`): the word.
    Tentative(&'static str),
}

/// The commitment in `text`: opening it, or opening a later clause (there
/// only by someone known: `… — Jordan will ask platform today`).
/// `strict` (a sentence in the discussion) wants the opener's names known,
/// except before `to` or a speaker's `I'll`.
pub fn commitment(text: &str, people: &People) -> Option<Commitment> {
    let mut starts = vec![0];
    starts.extend(clause_starts(text));
    for (n, start) in starts.into_iter().enumerate() {
        let Some(clause) = text.get(start..) else { continue };
        let Some(o) = opener(clause) else { continue };
        let unknown_ok = n == 0 && matches!(o.verb, Verb::To | Verb::Speaker);
        let Some(owners) = resolve(o.names, people, unknown_ok) else { continue };
        if let Some(word) = tentative(o.rest) {
            return Some(Commitment::Tentative(word));
        }
        return Some(Commitment::Made(owners, start + offset(clause, o.rest)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::team;
    use super::*;

    fn ids(who: &[Who]) -> Vec<String> {
        who.iter()
            .map(|w| match w {
                Who::Member(id) => id.clone(),
                Who::Guest(name) => format!("guest:{name}"),
            })
            .collect()
    }

    fn lead(text: &str) -> Option<(Vec<String>, String)> {
        let p = People::new(&team());
        leading(text, &p).map(|(w, at)| (ids(&w), text[at..].trim().to_string()))
    }

    #[test]
    fn names_like_people_and_not() {
        for name in ["Zoe", "Jane Doe", "O'Neil", "McKay", "Anne-Marie Smith"] {
            assert!(person_like(name), "{name}");
        }
        for name in ["Moving FlatRuleTester", "Talk", "Tests", "Friday", "UX", "we", "Release", "a b c d"] {
            assert!(!person_like(name), "{name}");
        }
    }

    #[test]
    fn leading_owners_of_listed_items() {
        assert_eq!(lead("@bob: book staging"), Some((vec!["bob".into()], "book staging".into())));
        assert_eq!(lead("Zoe to set up the env"), Some((vec!["guest:Zoe".into()], "set up the env".into())));
        assert_eq!(lead("Bob + Carol to pair"), Some((vec!["bob".into(), "carol".into()], "pair".into())));
        assert_eq!(lead("Danno Ferrin will fix CI"), Some((vec!["dan".into()], "fix CI".into())));
        assert_eq!(lead("Jane: send the logs"), Some((vec!["guest:Jane".into()], "send the logs".into())));
        assert_eq!(lead("Moving FlatRuleTester to be RuleTester"), None);
        assert_eq!(lead("Talk to Alice: about budget"), None);
        assert_eq!(lead("Release Notes - update them"), None);
        assert_eq!(lead("Alice - update them"), Some((vec!["alice".into()], "update them".into())));
    }

    #[test]
    fn commitments_in_the_discussion() {
        let p = People::new(&team());
        let made = |text: &str| match commitment(text, &p) {
            Some(Commitment::Made(w, at)) => Some((ids(&w), text[at..].to_string())),
            _ => None,
        };
        assert_eq!(
            made("@carol will talk to Harriet"),
            Some((vec!["carol".into()], "talk to Harriet".into()))
        );
        assert_eq!(
            made("Blocked on the DB — Bob will ask platform"),
            Some((vec!["bob".into()], "ask platform".into()))
        );
        assert_eq!(made("Marketing will send a banner"), None);
        assert_eq!(made("Zoe will send a banner"), None);
        assert_eq!(made("Zoe to send a banner"), Some((vec!["guest:Zoe".into()], "send a banner".into())));
        assert_eq!(commitment("@bob will probably reach out", &p), Some(Commitment::Tentative("probably")));
    }
}
