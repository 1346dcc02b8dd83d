//! Lines that look like an action item or a decision but were not read as
//! one, and why: what `tandem check --explain` and the note's page show, so a
//! writer can tell a figure's "no data" from a line tandem could not read.

use super::openers::{Verb, opener};
use super::owners::{Commitment, commitment, person_like};
use super::people::People;
use super::structure::{Block, visible};
use crate::model::Unread;

/// Words that would make a line a label if a colon followed them.
const LABEL_WORDS: &[(&str, &str)] = &[
    ("decision", "a decision"),
    ("resolution", "a decision"),
    ("resolved", "a decision"),
    ("agreed", "a decision"),
    ("action", "an action item"),
    ("todo", "an action item"),
    ("ai", "an action item"),
];

/// Why block `i` (which recorded nothing) looks like an item but was not
/// read, if it does; never in a section that `lists_people` (attendees,
/// absentees, previous action items).
pub fn why(blocks: &[Block], i: usize, lists_people: bool, people: &People) -> Option<Unread> {
    let block = blocks.get(i)?;
    if block.heading_level().is_some() || block.is_row() || lists_people {
        return None;
    }
    let text = visible(block.first_line());
    let reason = label_without_colon(&text)
        .or_else(|| proposal(&text))
        .or_else(|| tentative(&text, people))
        .or_else(|| unknown_person(&text, people))?;
    Some(Unread { line: block.line, text, why: reason })
}

/// Whether a line opens with a label's word but no colon or dash
/// (`Decision we keep the demo`): it stands on its own, to be named as not read.
pub fn near_label(text: &str) -> bool {
    label_without_colon(text).is_some()
}

/// `Decision we carry it over`: a label word with neither colon nor dash after it.
fn label_without_colon(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let word = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    // A label is written at the start, capitalised: `(decision 22.3)` is a reference.
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    let (_, what) = LABEL_WORDS.iter().find(|(w, _)| word.eq_ignore_ascii_case(w))?;
    // `AI` is a label only in capitals; `ai` is just a word.
    if word.eq_ignore_ascii_case("ai") && word != "AI" {
        return None;
    }
    let rest = text[first.len()..].trim_start();
    if rest.is_empty() || rest.starts_with([':', '-', '–', '—']) || first.ends_with(':') {
        return None;
    }
    let label = format!("{}{}", &word[..1].to_uppercase(), &word[1..].to_lowercase());
    let label = if word == "AI" { "AI".to_string() } else { label };
    Some(format!("starts with `{word}` but no colon or dash follows: to record {what}, write `{label}: …`"))
}

/// `PROPOSED: …`: a proposal, not yet a decision.
fn proposal(text: &str) -> Option<String> {
    let lower = text.trim_start_matches(['*', '_']).to_lowercase();
    ["proposed:", "proposal:", "proposed resolution:", "proposed decision:"]
        .iter()
        .any(|p| lower.starts_with(p))
        .then(|| {
            "a proposal, not a decision: once it is agreed, write `Resolution: …` or `Decision: …`"
                .to_string()
        })
}

/// `@nzakas will probably reach out`: a commitment in tentative words.
fn tentative(text: &str, people: &People) -> Option<String> {
    match commitment(text, people)? {
        Commitment::Tentative(word) => Some(format!(
            "`{word}` makes it tentative, so it is not read as an action item; once it is agreed, write `Name will …` or a task `- [ ] …`"
        )),
        Commitment::Made(..) => None,
    }
}

/// `Zoe will send the banner`, where nobody called Zoe is on the team or at the meeting.
fn unknown_person(text: &str, people: &People) -> Option<String> {
    let o = opener(text)?;
    if o.verb != Verb::Will || !person_like(o.names) || people.who(o.names).is_some() {
        return None;
    }
    Some(format!(
        "`{}` is neither a team member nor listed among the attendees, so `{} will …` is not read as an action item; add them to the attendees, or write `{} to …` or a task `- [ ] …`",
        o.names, o.names, o.names
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::team;
    use super::super::structure::{Line, blocks};
    use super::*;

    fn why_of(md: &str) -> Option<String> {
        let b = blocks(md, 1, &|_: &Line, _: &Line| false);
        why(&b, 0, false, &People::new(&team())).map(|u| u.why)
    }

    #[test]
    fn near_misses_say_what_to_write() {
        assert_eq!(
            why_of("Decision we carry OTT-110 over\n"),
            Some("starts with `Decision` but no colon or dash follows: to record a decision, write `Decision: …`".into())
        );
        assert!(why_of("PROPOSED: close issues 1064\n").is_some_and(|w| w.starts_with("a proposal")));
        assert!(
            why_of("@bob will probably reach out to the agency\n")
                .is_some_and(|w| w.starts_with("`probably`"))
        );
        assert!(why_of("Zoe will send the banner\n").is_some_and(|w| w.starts_with("`Zoe` is neither")));
        assert_eq!(why_of("Marketing will send a banner\n"), None);
        assert_eq!(why_of("The team discussed the roadmap\n"), None);
        assert_eq!(why_of("Decisions were hard this week\n"), None);
        assert_eq!(why_of("(decision 22.3) was reverted\n"), None);
        assert_eq!(why_of("decision making is slow\n"), None);
    }
}
