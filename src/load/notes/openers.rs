//! The shapes of sentences that record a decision or a commitment, as people
//! write them in the discussion of a meeting (docs/data.md):
//!
//! - a decision: `We agreed to …`, `We decided …`, `Agreed to …`,
//!   `Decided to …`, also after a topic (`Review format: we decided …`);
//! - a commitment: someone, then `will`, `to`, `volunteers to`, `is going to`
//!   (`@maria will …`, `Sam + Alice to …`, `[jordan] will …`), or a speaker
//!   saying `I'll …` (`MdJ: I'll follow up …`).
//!
//! Only the shape is read here; whether the someone is a person is for the
//! caller, who knows the team and the note's attendees.

/// How someone commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `Bob will …`
    Will,
    /// `Bob to …`: an assignment.
    To,
    /// `Bob volunteers to …`, `Bob is going to …`, `Bob agreed to …`
    Offers,
    /// `Bob: I'll …`, `Bob - I'm going to …`: a speaker's own words.
    Speaker,
}

/// A commitment's shape: who (as written), how, and the task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opener<'t> {
    /// The names before the verb, as written (`Sam + Alice`, `@maria`, `HZ (or AC)`).
    pub names: &'t str,
    /// How they commit.
    pub verb: Verb,
    /// The task, after the verb (`chase legal by Friday`).
    pub rest: &'t str,
}

const DECISIONS: &[&str] = &[
    "we approved",
    "we accepted",
    "we chose",
    "we resolved",
    "we agreed",
    "we have agreed",
    "we've agreed",
    "we decided",
    "we have decided",
    "we've decided",
    "we all agreed",
    "the team agreed",
    "the team decided",
    "the group agreed",
    "the group decided",
    "the board approved",
    "the board agreed",
    "the committee agreed",
    "the committee approved",
    "the council agreed",
    "the council approved",
    "it was agreed",
    "it was decided",
    "agreed to",
    "decided to",
    "decided that",
    "agreed that",
    "consensus is",
    "consensus was",
    "consensus to",
];

/// Whether `text` opens with a decision (`We agreed …`, `Go-live: decided …`).
pub fn opens_with_decision(text: &str) -> bool {
    decision(text).is_some_and(|d| d.len() == text.trim_start().len())
}

/// The decision `text` records in a sentence of its own (`We agreed to move
/// statements to S44`): the whole text when it opens so, possibly after a
/// short topic (`Go-live: decided to wait`), else from a later sentence
/// opening so (`The SC discussed it. We approved PEP 737.`) to the end.
pub fn decision(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let opens = |t: &str| {
        // Only the opening words matter: a long paragraph is not lowered whole at each sentence.
        let head: String = t.chars().take(40).collect::<String>().to_lowercase();
        DECISIONS.iter().any(|d| head.starts_with(d) && !head[d.len()..].starts_with(char::is_alphanumeric))
    };
    if opens(text) || after_topic(text).is_some_and(opens) {
        return Some(text);
    }
    let ends = text.match_indices(['.', '!', '?']).map(|(i, _)| i + 1);
    let starts = ends.filter(|&i| text[i..].starts_with(char::is_whitespace));
    starts.filter_map(|i| text.get(i..)).map(str::trim_start).find(|t| opens(t))
}

/// The text after a short topic label (`Review format: …`): at most six
/// words before a colon, no sentence ending in them.
pub fn after_topic(text: &str) -> Option<&str> {
    let (topic, rest) = text.split_once(':')?;
    let words = topic.split_whitespace().count();
    ((1..=6).contains(&words) && !topic.contains(['.', '!', '?'])).then(|| rest.trim_start())
}

/// Words that make a commitment tentative (`will probably`, `I'll try to`,
/// `hope to`): not an action item.
const TENTATIVE: &[&str] = &[
    "probably",
    "maybe",
    "perhaps",
    "possibly",
    "hopefully",
    "hope",
    "hopes",
    "hoping",
    "try",
    "tries",
    "trying",
    "attempt",
    "might",
    "may",
    "should",
    "could",
    "would",
    "let's",
    "lets",
    "planning",
    "plans",
    "plan",
    "consider",
    "think",
    "if",
];

/// The tentative word opening a commitment's task, if any.
pub fn tentative(rest: &str) -> Option<&'static str> {
    let first: Vec<String> = rest
        .split_whitespace()
        .take(2)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').to_lowercase())
        .collect();
    TENTATIVE.iter().copied().find(|t| {
        first.first().is_some_and(|w| w == t) || (first.len() > 1 && first[1] == *t && first[0] == "also")
    })
}

/// Whether a task describes a state rather than work (`will be out Thursday`).
fn is_state(rest: &str) -> bool {
    let first = rest.split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(first.as_str(), "be" | "not" | "have" | "need" | "needs" | "still" | "")
}

/// Whether a word can be part of the names before a verb: a handle, a
/// bracketed name, a word of letters (ids are often written in lower case:
/// `plh to check …`; the caller decides who is a person), or a joiner.
fn name_word(word: &str) -> bool {
    let w = word.trim_end_matches([',', ':']);
    if w.starts_with('@') || (w.starts_with('[') && w.ends_with(']')) {
        return w.len() > 1;
    }
    if matches!(w, "&" | "+" | "/") {
        return true;
    }
    w.chars().next().is_some_and(char::is_alphanumeric)
        && w.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '/' | '’' | '_'))
        && !matches!(
            w.to_lowercase().as_str(),
            "will" | "to" | "volunteers" | "volunteered" | "is" | "are" | "agreed" | "offered" | "takes"
        )
}

/// The commitment opening `text`, if it has that shape.
pub fn opener(text: &str) -> Option<Opener<'_>> {
    let text = text.trim_start();
    let bytes_of = |n_words: usize| -> usize {
        let mut seen = 0;
        let mut in_word = false;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if in_word {
                    seen += 1;
                    if seen == n_words {
                        return i;
                    }
                }
                in_word = false;
            } else {
                in_word = true;
            }
        }
        text.len()
    };
    let words: Vec<&str> = text.split_whitespace().take(9).collect();
    // `HZ (or AC) will …`: the bracketed alternative is skipped.
    let mut n = 0;
    while n < words.len() && n < 6 {
        let w = words[n];
        if w.starts_with("(or") {
            let close = words[n..].iter().position(|x| x.ends_with(')'))?;
            n += close + 1;
            continue;
        }
        let pronoun = w == "I" || w.starts_with("I'") || w.starts_with("I’");
        if !name_word(w) || w.ends_with([':']) || pronoun {
            break;
        }
        n += 1;
    }
    let ends_with_colon = words.get(n).is_some_and(|w| w.ends_with(':') && name_word(w));
    if ends_with_colon {
        // `Maria: I'll …`, `MdJ: I will …`
        let after = text.get(bytes_of(n + 1)..)?.trim_start();
        return speaker(text.get(..bytes_of(n + 1))?.trim_end().trim_end_matches(':'), after);
    }
    if n == 0 {
        return None;
    }
    let names = text.get(..bytes_of(n))?.trim_end();
    let after = text.get(bytes_of(n)..)?.trim_start();
    if let Some(rest) = after.strip_prefix(['-', '–', '—']) {
        return speaker(names, rest.trim_start());
    }
    let lower: String = after.chars().take(24).collect::<String>().to_lowercase();
    if names.starts_with('[') && !names.contains(' ') && lower.starts_with('i') {
        // `[peeyush] I will …`: a speaker named in brackets.
        return speaker(names, after);
    }
    let verbs: [(&str, Verb); 9] = [
        ("will ", Verb::Will),
        ("to ", Verb::To),
        ("volunteers to ", Verb::Offers),
        ("volunteered to ", Verb::Offers),
        ("is going to ", Verb::Offers),
        ("are going to ", Verb::Offers),
        ("agreed to ", Verb::Offers),
        ("offered to ", Verb::Offers),
        ("takes ", Verb::Offers),
    ];
    let (prefix, verb) = verbs.iter().find(|(p, _)| lower.starts_with(p))?;
    let rest = after.get(prefix.len()..)?.trim_start();
    // `will be out on Thursday`, `to be decided`: a state, not work (`volunteers to be the releaser` is work).
    if (matches!(verb, Verb::Will | Verb::To) && is_state(rest)) || *prefix == "takes " {
        return None;
    }
    Some(Opener { names, verb: *verb, rest })
}

/// A speaker's own commitment after their name: `I'll …`, `I will …`, `I'm going to …`.
fn speaker<'t>(names: &'t str, after: &'t str) -> Option<Opener<'t>> {
    let prefixes = ["i'll ", "i will ", "i'm going to ", "i am going to ", "i can take ", "i volunteer to "];
    let (prefix, len) = prefixes.iter().find_map(|p| starts_with_loosely(after, p).map(|len| (*p, len)))?;
    // `I can take a look`: the task is `take a look`.
    let skip = if prefix.starts_with("i can take") { len - "take ".len() } else { len };
    let rest = after.get(skip..)?.trim_start();
    (!names.is_empty() && !is_state(rest)).then_some(Opener { names, verb: Verb::Speaker, rest })
}

/// The byte length of `text`'s start matching `prefix` ignoring case, with a
/// typographic apostrophe matching `'`.
fn starts_with_loosely(text: &str, prefix: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for want in prefix.chars() {
        let (_, got) = chars.next()?;
        let got = if got == '’' { '\'' } else { got.to_ascii_lowercase() };
        if got != want {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

/// Where later clauses of `text` start: after `, `, `; `, a dash or `: `
/// (`… blocked — Jordan will ask platform`, `Consensus: …, Josh to start the FCP`).
pub fn clause_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for sep in [", ", "; ", " — ", " – ", " - ", ": "] {
        out.extend(text.match_indices(sep).map(|(i, s)| i + s.len()));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a line has the shape of a commitment by someone written like a
/// name or handle (used to split a paragraph into its lines before reading them).
pub fn looks_committed(text: &str) -> bool {
    opener(text).is_some_and(|o| {
        o.names.split_whitespace().count() <= 3
            && o.names.chars().next().is_some_and(|c| c == '@' || c == '[' || c.is_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Option<(&str, Verb, &str)> {
        opener(text).map(|o| (o.names, o.verb, o.rest))
    }

    #[test]
    fn decisions_in_sentences() {
        assert!(decision("We agreed to move statements to S44").is_some());
        assert!(decision("we've decided: no demo this sprint").is_some());
        assert!(decision("Agreed to keep the JSON plugin experimental").is_some());
        assert!(decision("Statements go-live: Decided to wait for legal").is_some());
        assert!(decision("Review format: we decided to try a shorter demo").is_some());
        assert_eq!(
            decision("We discussed it. We approved PEP 737 as is."),
            Some("We approved PEP 737 as is.")
        );
        assert_eq!(decision("We agreeded nothing"), None);
        assert_eq!(decision("Nobody agreed to anything"), None);
    }

    #[test]
    fn commitments_by_name_handle_and_group() {
        assert_eq!(shape("@maria will talk to Harriet"), Some(("@maria", Verb::Will, "talk to Harriet")));
        assert_eq!(shape("Zoe to set up the env by Wed"), Some(("Zoe", Verb::To, "set up the env by Wed")));
        assert_eq!(
            shape("Sam + Alice to estimate OTT-141"),
            Some(("Sam + Alice", Verb::To, "estimate OTT-141"))
        );
        assert_eq!(shape("Raj & Lee will pair"), Some(("Raj & Lee", Verb::Will, "pair")));
        assert_eq!(
            shape("[jordan] will share the template"),
            Some(("[jordan]", Verb::Will, "share the template"))
        );
        assert_eq!(
            shape("Sam volunteers to pair with Alice"),
            Some(("Sam", Verb::Offers, "pair with Alice"))
        );
        assert_eq!(
            shape("HZ (or AC) will reach out to Nic"),
            Some(("HZ (or AC)", Verb::Will, "reach out to Nic"))
        );
        assert_eq!(shape("Danno Ferrin to fix CI"), Some(("Danno Ferrin", Verb::To, "fix CI")));
    }

    #[test]
    fn a_speaker_saying_ill() {
        assert_eq!(
            shape("MdJ: I'll follow up with the chairs"),
            Some(("MdJ", Verb::Speaker, "follow up with the chairs"))
        );
        assert_eq!(shape("@fasttime: I’ll follow up"), Some(("@fasttime", Verb::Speaker, "follow up")));
        assert_eq!(shape("Jordan - I'll set up a spike"), Some(("Jordan", Verb::Speaker, "set up a spike")));
        assert_eq!(shape("[peeyush] I will organise it"), Some(("[peeyush]", Verb::Speaker, "organise it")));
        assert_eq!(shape("Alice: the CSV story needs criteria"), None);
    }

    #[test]
    fn states_questions_and_ordinary_words_are_not_commitments() {
        assert_eq!(shape("Bob will be out on Thursday"), None);
        assert!(!looks_committed("the tests will run nightly"));
        assert_eq!(shape("Talk to Alice about budget"), Some(("Talk", Verb::To, "Alice about budget")));
        assert_eq!(tentative("probably reach out to the agency"), Some("probably"));
        assert_eq!(tentative("try to open an issue"), Some("try"));
        assert_eq!(tentative("send the invite"), None);
    }

    #[test]
    fn later_clauses() {
        let text = "Consensus: we want it, Josh to start the FCP";
        let starts: Vec<&str> = clause_starts(text).iter().map(|&i| &text[i..]).collect();
        assert_eq!(starts, vec!["we want it, Josh to start the FCP", "Josh to start the FCP"]);
    }
}
