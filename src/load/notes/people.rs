//! Recognising team members in the words of a note: ids, display names,
//! aliases and `@handles`, case-insensitively.

use std::ops::Range;

use crate::model::Team;

/// Every spelling of every member, ready for look-ups.
#[derive(Debug, Clone)]
pub struct People {
    /// (normalised spelling, member id), in team order.
    spellings: Vec<(String, String)>,
}

/// Lower case, single spaces, without a leading `@` and trailing punctuation.
fn normalize(name: &str) -> String {
    let name = name.trim().trim_start_matches('@');
    let name =
        name.trim_end_matches(|c: char| matches!(c, '.' | ',' | ':' | ';' | '!' | '?') || c.is_whitespace());
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
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
        People { spellings }
    }

    /// The id of the member written as `name` (id, display name, alias, with or without `@`).
    pub fn member(&self, name: &str) -> Option<&str> {
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        self.spellings.iter().find(|(s, _)| *s == key).map(|(_, id)| id.as_str())
    }

    /// The member closest in spelling to `name` (for "did you mean"), by id.
    pub fn closest(&self, name: &str) -> Option<&str> {
        let key = normalize(name);
        self.spellings
            .iter()
            .min_by_key(|(s, _)| strsim::damerau_levenshtein(&key, s))
            .map(|(_, id)| id.as_str())
    }

    /// Whether `name` is a likely misspelling of a member (edit distance 2 at most).
    pub fn is_near(&self, name: &str) -> bool {
        let key = normalize(name);
        key.chars().count() >= 3
            && self.spellings.iter().any(|(s, _)| strsim::damerau_levenshtein(&key, s) <= 2)
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

    /// The names in a list such as `Bob and Carol`, `Raj & Lee`, `@alice @bob`.
    pub fn names_in(&self, list: &str) -> Vec<String> {
        split_names(list)
            .into_iter()
            .flat_map(|name| {
                let words: Vec<&str> = name.split_whitespace().collect();
                if words.len() > 1 && words.iter().all(|w| w.starts_with('@')) {
                    words.into_iter().map(str::to_string).collect()
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

/// Every `@handle` in `text` that is not part of an e-mail address.
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let after_word = prev.is_some_and(|p| p.is_alphanumeric() || p == '_');
        prev = Some(c);
        if c != '@' || after_word {
            continue;
        }
        let tail = text.get(i + 1..).unwrap_or("");
        let len = tail.find(|c: char| !handle_char(c)).unwrap_or(tail.len());
        let handle = tail.get(..len).unwrap_or("").trim_end_matches(['.', '-']);
        if !handle.is_empty() {
            out.push(Mention { range: i..i + 1 + handle.len(), handle: handle.to_string() });
        }
    }
    out
}

/// Splits a line of names at commas, semicolons, `and` and `&` outside parentheses:
/// `Alice Chen (PO), Bob and Carol` gives three names. Empty names are dropped.
pub fn split_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current = String::new();
    let mut depth = 0u32;
    for word in line.split_inclusive(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '(' | ')'))
    {
        let bare = word.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&'));
        if depth == 0 && (bare.eq_ignore_ascii_case("and") || (bare.is_empty() && word.contains('&'))) {
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
