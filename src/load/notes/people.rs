//! Recognising people in the words of a note: members by id, display name,
//! alias, `@handle`, unique first name or initials, and the note's own
//! guests by name, first name or initials, case-insensitively.

use std::ops::Range;

use crate::model::{Attendee, Team};

/// Someone a note names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A team member, by id.
    Member(String),
    /// A guest of the note, by the name its attendee list gives.
    Guest(String),
}

/// Every spelling of every member (and, for one note, of its guests), ready for look-ups.
#[derive(Debug, Clone)]
pub struct People {
    /// (normalised spelling, member id), in team order.
    spellings: Vec<(String, String)>,
    /// (first name, member id) for first names only one member has.
    first_names: Vec<(String, String)>,
    /// (initials, member id) for initials only one member has.
    initials: Vec<(String, String)>,
    /// The note's guests: (normalised spelling, name as listed), and (initials, name).
    guests: Vec<(String, String)>,
    guest_initials: Vec<(String, String)>,
}

/// Lower case, single spaces, without a leading `@`, brackets and trailing punctuation.
fn normalize(name: &str) -> String {
    let name =
        name.trim().trim_start_matches(['[', '(']).trim_end_matches([']', ')']).trim_start_matches('@');
    let name =
        name.trim_end_matches(|c: char| matches!(c, '.' | ',' | ':' | ';' | '!' | '?') || c.is_whitespace());
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// `jk` for `Jordan Kim`, `mdj` for `Manu del Jesus`; both `ncz` and `nz` for
/// `Nicholas C. Zakas`. Names of one word have none.
fn initials_of(name: &str) -> Vec<String> {
    let words: Vec<&str> =
        name.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let first = |ws: &[&str]| -> String {
        ws.iter().filter_map(|w| w.chars().next()).flat_map(char::to_lowercase).collect()
    };
    let mut out = vec![first(&words)];
    let full: Vec<&str> =
        words.iter().copied().filter(|w| w.trim_end_matches('.').chars().count() > 1).collect();
    if full.len() >= 2 && full.len() < words.len() {
        out.push(first(&full));
    }
    out
}

/// Written like initials: two to four letters, the first and at least one more a capital (`JK`, `MdJ`).
fn looks_like_initials(word: &str) -> bool {
    let n = word.chars().count();
    (2..=4).contains(&n)
        && word.chars().all(char::is_alphabetic)
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Keeps the entries whose key no other entry has.
fn unique(list: Vec<(String, String)>) -> Vec<(String, String)> {
    let count = |k: &str| {
        list.iter().filter(|(x, _)| x == k).map(|(_, v)| v).collect::<std::collections::BTreeSet<_>>().len()
    };
    list.iter().filter(|(k, _)| count(k) == 1).cloned().collect()
}

impl People {
    /// The spellings of `team`'s members.
    pub fn new(team: &Team) -> Self {
        // Ids come first, so a member's id always names that member even when
        // another member lists the same word as a name or alias.
        let ids = team.members.iter().map(|m| (&m.id, &m.id));
        let others = team
            .members
            .iter()
            .flat_map(|m| std::iter::once(&m.name).chain(&m.aliases).map(move |s| (s, &m.id)));
        let mut spellings = Vec::new();
        for (spelling, id) in ids.chain(others) {
            let key = normalize(spelling);
            if !key.is_empty() {
                spellings.push((key, id.clone()));
            }
        }
        let first_names = team
            .members
            .iter()
            .filter_map(|m| {
                let first = normalize(m.name.split_whitespace().next()?);
                (m.name.split_whitespace().count() > 1 && first.chars().count() >= 3)
                    .then(|| (first, m.id.clone()))
            })
            .collect();
        let initials = team
            .members
            .iter()
            .flat_map(|m| initials_of(&m.name).into_iter().map(move |i| (i, m.id.clone())))
            .collect();
        People {
            spellings,
            first_names: unique(first_names),
            initials: unique(initials),
            guests: Vec::new(),
            guest_initials: Vec::new(),
        }
    }

    /// These people, knowing also the guests a note lists among its attendees.
    pub fn with_guests(&self, attendees: &[Attendee]) -> Self {
        let mut guests = Vec::new();
        let mut initials = Vec::new();
        for a in attendees {
            let Attendee::Guest(name) = a else { continue };
            guests.push((normalize(name), name.clone()));
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() > 1
                && let Some(first) = words.first()
            {
                guests.push((normalize(first), name.clone()));
            }
            initials.extend(initials_of(name).into_iter().map(|i| (i, name.clone())));
        }
        People { guests: unique(guests), guest_initials: unique(initials), ..self.clone() }
    }

    /// The id of the member written as `name`: id, display name, alias (with or
    /// without `@` or brackets), a first name no other member has, or initials
    /// written in capitals (`JK`).
    pub fn member(&self, name: &str) -> Option<&str> {
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        let find = |list: &[(String, String)]| list.iter().position(|(s, _)| *s == key);
        if let Some(i) = find(&self.spellings) {
            return self.spellings.get(i).map(|(_, id)| id.as_str());
        }
        if let Some(i) = find(&self.first_names) {
            return self.first_names.get(i).map(|(_, id)| id.as_str());
        }
        let written = name.trim().trim_start_matches(['[', '@']).trim_end_matches(']');
        if looks_like_initials(written) {
            return find(&self.initials).and_then(|i| self.initials.get(i)).map(|(_, id)| id.as_str());
        }
        None
    }

    /// The member or guest of the note written as `name`.
    pub fn who(&self, name: &str) -> Option<Who> {
        if let Some(id) = self.member(name) {
            return Some(Who::Member(id.to_string()));
        }
        let key = normalize(name);
        let written = name.trim().trim_start_matches(['[', '@']).trim_end_matches(']');
        let guest = self.guests.iter().find(|(s, _)| *s == key).or_else(|| {
            looks_like_initials(written)
                .then(|| self.guest_initials.iter().find(|(s, _)| *s == key))
                .flatten()
        });
        guest.map(|(_, g)| Who::Guest(g.clone()))
    }

    /// The member closest in spelling to `name` (for "did you mean"), by id:
    /// only when it is a likely misspelling, one letter off for short names and
    /// two for longer ones.
    pub fn closest(&self, name: &str) -> Option<&str> {
        let key = normalize(name);
        let len = key.chars().count();
        let allowed = match len {
            0..=2 => 0,
            3..=5 => 1,
            _ => 2,
        };
        self.spellings
            .iter()
            .chain(&self.first_names)
            .map(|(s, id)| (strsim::damerau_levenshtein(&key, s), id))
            .filter(|(d, _)| *d <= allowed)
            .min_by_key(|(d, _)| *d)
            .map(|(_, id)| id.as_str())
    }

    /// The ids of the members in a list such as `Bob and Carol`, `@alice, @bob` or `@alice @bob`;
    /// `None` unless every name is a member.
    pub fn all_members(&self, list: &str) -> Option<Vec<String>> {
        let names = self.names_in(list);
        if names.is_empty() {
            return None;
        }
        names.iter().map(|n| self.member(n).map(str::to_string)).collect()
    }

    /// The names in a list such as `Bob and Carol`, `Raj & Lee`, `Sam + Alice`,
    /// `@alice @bob`, `HZ/SC`.
    pub fn names_in(&self, list: &str) -> Vec<String> {
        split_names(list)
            .into_iter()
            .flat_map(|name| {
                let words: Vec<&str> = name.split_whitespace().collect();
                if words.len() > 1 && words.iter().all(|w| w.starts_with('@')) {
                    words.into_iter().map(str::to_string).collect()
                } else if words.len() == 1 && name.contains('/') && !name.contains("://") {
                    name.split('/').filter(|n| !n.is_empty()).map(str::to_string).collect()
                } else {
                    vec![name]
                }
            })
            .collect()
    }
}

/// An `@mention` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the mention, `@` included.
    pub range: Range<usize>,
    /// The handle without `@`.
    pub handle: String,
}

fn handle_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// Every `@handle` in `text` that is not part of an e-mail address, a URL
/// or a package scope (`@scope/name`).
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let after_word = prev.is_some_and(|p| p.is_alphanumeric() || p == '_');
        prev = Some(c);
        if c != '@' || after_word || in_url(text, i) {
            continue;
        }
        let tail = text.get(i + 1..).unwrap_or("");
        let len = tail.find(|c: char| !handle_char(c)).unwrap_or(tail.len());
        let handle = tail.get(..len).unwrap_or("").trim_end_matches(['.', '-']);
        if tail.get(handle.len()..).is_some_and(|t| t.starts_with('/')) {
            continue;
        }
        if !handle.is_empty() {
            out.push(Mention { range: i..i + 1 + handle.len(), handle: handle.to_string() });
        }
    }
    out
}

/// Whether byte `i` of `text` is inside a URL (`https://x.org/@user`).
fn in_url(text: &str, i: usize) -> bool {
    let start = text.get(..i).and_then(|t| t.rfind(char::is_whitespace)).map_or(0, |p| p + 1);
    text.get(start..i).is_some_and(|t| t.contains("://") || t.starts_with("www."))
}

/// Splits a line of names at commas, semicolons, `and`, `&` and `+` outside
/// parentheses: `Alice Chen (PO), Bob and Carol` gives three names. Empty
/// names are dropped.
pub fn split_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = String::new();
    let mut depth = 0u32;
    for word in line.split_inclusive(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '(' | ')'))
    {
        let bare = word.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&'));
        let joiner =
            bare.eq_ignore_ascii_case("and") || bare == "+" || (bare.is_empty() && word.contains('&'));
        if depth == 0 && joiner {
            names.push(std::mem::take(&mut current));
            continue;
        }
        current.push_str(word);
        depth += u32::from(word.ends_with('('));
        depth = depth.saturating_sub(u32::from(word.ends_with(')')));
        if depth == 0 && word.ends_with([',', ';', '&']) {
            current.pop();
            names.push(std::mem::take(&mut current));
        }
    }
    names.push(current);
    names.into_iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect()
}

/// Removes `(...)` groups and the given byte ranges, then tidies spaces and punctuation.
pub fn without(text: &str, ranges: &[Range<usize>], parentheses: bool) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for (i, c) in text.char_indices() {
        if ranges.iter().any(|r| r.contains(&i)) {
            continue;
        }
        if parentheses && c == '(' {
            depth += 1;
        } else if parentheses && c == ')' && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            out.push(c);
        }
    }
    tidy(&out)
}

/// Single spaces, punctuation attached to the word before it (`staging, .`
/// becomes `staging.`), no stray separators at either end.
pub fn tidy(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let punctuation = word.chars().all(|c| matches!(c, ',' | ';' | '.' | '!' | '?'));
        if punctuation && !out.is_empty() {
            while out.ends_with([',', ';']) {
                out.pop();
            }
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '|'))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::team;
    use super::*;

    #[test]
    fn members_by_id_name_alias_and_handle() {
        let p = People::new(&team());
        assert_eq!(p.member("alice"), Some("alice"));
        assert_eq!(p.member("ALICE CHEN"), Some("alice"));
        assert_eq!(p.member("A. Chen"), Some("alice"));
        assert_eq!(p.member("@alice-gh"), Some("alice"));
        assert_eq!(p.member("@Bob"), Some("bob"));
        assert_eq!(p.member("Danno  Ferrin."), Some("dan"));
        assert_eq!(p.member("Jane"), None);
        assert_eq!(p.member(""), None);
        assert_eq!(p.all_members("Bob and Carol"), Some(vec!["bob".into(), "carol".into()]));
        assert_eq!(p.all_members("Bob and Jane"), None);
        assert_eq!(p.all_members("@alice-gh @bob"), Some(vec!["alice".into(), "bob".into()]));
        assert_eq!(p.all_members("Alice Bob"), None);
    }

    #[test]
    fn mentions_are_handles_not_emails() {
        let text = "ask @alice-gh and bob@example.com, then @carol.";
        let m = mentions(text);
        let handles: Vec<&str> = m.iter().map(|m| m.handle.as_str()).collect();
        assert_eq!(handles, vec!["alice-gh", "carol"]);
        let at = text.find("@carol").unwrap_or_default();
        assert_eq!(m[1].range, at..at + 6);
        assert!(mentions("@ alone @").is_empty());
    }

    #[test]
    fn names_split_at_commas_and_and_outside_parentheses() {
        assert_eq!(split_names("Alice, Bob and Carol"), vec!["Alice", "Bob", "Carol"]);
        assert_eq!(
            split_names("Jane Doe (Acme, guest); Dan & Bob"),
            vec!["Jane Doe (Acme, guest)", "Dan", "Bob"]
        );
        assert_eq!(split_names("Alice,Bob"), vec!["Alice", "Bob"]);
        assert_eq!(split_names(" , "), Vec::<String>::new());
        assert_eq!(split_names("Sandra Anderson"), vec!["Sandra Anderson"]);
    }

    #[test]
    fn without_parentheses_and_ranges() {
        assert_eq!(
            without("Jane Doe @jdoe (voting member)", &[Range { start: 9, end: 14 }], true),
            "Jane Doe"
        );
        assert_eq!(tidy(" - fix it , now -"), "fix it, now");
    }
}
