//! Sections of a note: headings and labels with a known name, and their content.
//!
//! A label is a paragraph or list item whose text starts with a section name
//! and a colon or a dash (`**Attendees:** Alice, Bob`, `Action items:`,
//! `Decision - we carry it over`), or a bold run holding only the name
//! (`**Agreed** keep Friday demos`). `Action 60.2:` and `Decision:` are labels
//! too, so a label with text after it is itself an action item or a
//! decision. Names match case-insensitively.

use std::ops::Range;

use super::structure::{Block, Line};

/// The sections the note reader looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Who attended.
    Attendees,
    /// Who did not attend: never read as attendees.
    Absent,
    /// Action items.
    Actions,
    /// Decisions.
    Decisions,
    /// The topics of the meeting: a checkbox there ticks off a topic.
    Agenda,
    /// Action items or decisions of earlier meetings restated ("Previous
    /// action items", "Carried over from last sprint"): they add nothing new.
    Previous,
}

const NAMES: &[(SectionKind, &[&str])] = &[
    (
        SectionKind::Attendees,
        &[
            "attendees",
            "attendee",
            "attending",
            "in attendance",
            "present",
            "participants",
            "members present",
            "attendance",
            "roll call",
            "people present",
        ],
    ),
    (
        SectionKind::Absent,
        &["absent", "absentees", "apologies", "regrets", "not present", "excused", "unable to attend"],
    ),
    (
        SectionKind::Actions,
        &[
            "action items",
            "action item",
            "actions",
            "action",
            "action points",
            "next steps",
            "todo",
            "to do",
            "to-do",
            "todos",
            "follow-ups",
            "follow ups",
            "followups",
        ],
    ),
    (
        SectionKind::Decisions,
        &[
            "decisions",
            "decision",
            "decided",
            "agreed",
            "agreements",
            "resolutions",
            "resolution",
            "resolved",
        ],
    ),
    (SectionKind::Agenda, &["agenda"]),
];

/// Names that open a section only as a label with a colon (`AI: ...`), never
/// as a heading or a bare list item: a heading "AI" is a topic, not actions.
const LABEL_ONLY: &[(SectionKind, &str)] =
    &[(SectionKind::Actions, "ai"), (SectionKind::Decisions, "consensus"), (SectionKind::Attendees, "who")];

/// MeetBot's tags (`#action bob to …`, `#agreed …`): labels without a colon.
const TAGS: &[(SectionKind, &str)] = &[
    (SectionKind::Actions, "#action"),
    (SectionKind::Decisions, "#agreed"),
    (SectionKind::Decisions, "#agree"),
    (SectionKind::Decisions, "#decision"),
    (SectionKind::Decisions, "#resolved"),
];

/// Words around a section name that do not change what it holds
/// (`New action items`, `Summary of resolutions`, `Key decisions`).
const DECORATIONS: &[&str] = &["new", "summary of", "list of", "key", "our", "meeting", "team", "open"];

/// Words that mark a section restating an earlier meeting's items.
const EARLIER: &[&str] = &[
    "previous",
    "last week",
    "last meeting",
    "last time",
    "last sprint",
    "last call",
    "carried",
    "carry over",
    "carry-over",
    "from last",
    "prior",
    "earlier",
    "outstanding",
    "old",
];

/// A section: where it starts, what follows its label, and the blocks it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// What the section is about.
    pub kind: SectionKind,
    /// Index of the heading or label block.
    pub start: usize,
    /// The label's name as written (`AI (Maria)`), empty for a heading.
    pub head: String,
    /// Text after the label's colon, line by line (empty lines dropped).
    pub rest: Vec<String>,
    /// The blocks of its content.
    pub content: Range<usize>,
}

impl Section {
    /// The text after the colon as one line.
    pub fn rest_text(&self) -> String {
        self.rest.join(" ").trim().to_string()
    }
}

/// The kind named by a heading's whole text or a bare list item's text.
fn kind_of(name: &str) -> Option<SectionKind> {
    let name = normalize(name);
    if is_earlier(&name) {
        return Some(SectionKind::Previous);
    }
    let named = |n: &str| NAMES.iter().find(|(_, names)| names.contains(&n)).map(|(kind, _)| *kind);
    named(&name).or_else(|| {
        let mut bare = name.as_str();
        for word in DECORATIONS {
            bare = bare.strip_prefix(word).map_or(bare, str::trim_start);
        }
        named(bare)
    })
}

/// `Previous action items`, `Last week's actions`, `Action item review`,
/// `Carried over from last sprint`: a section restating earlier items.
fn is_earlier(name: &str) -> bool {
    let about_items = ["action", "decision", "todo", "item", "carried"].iter().any(|w| name.contains(w));
    let earlier = EARLIER.iter().any(|w| name.split_whitespace().any(|x| x.trim_end_matches("'s") == *w))
        || EARLIER.iter().filter(|w| w.contains(' ')).any(|w| name.contains(w))
        || name.ends_with(" review")
        || name.starts_with("review of");
    about_items && earlier
}

/// The kind named by a label's text before its colon.
fn label_kind(name: &str) -> Option<SectionKind> {
    kind_of(name).or_else(|| {
        let name = normalize(name);
        LABEL_ONLY.iter().find(|(_, n)| *n == name).map(|(kind, _)| *kind)
    })
}

/// Lower case, single spaces, without numbering (`3. Actions`, `ACTION 60.2`,
/// `Attendees (5)`) and surrounding signs.
fn normalize(name: &str) -> String {
    let mut lower = name.to_lowercase().replace('\u{2019}', "'");
    if let Some(open) = lower.trim_end().strip_suffix(')').and_then(|s| s.rfind('(')).filter(|&i| i > 0) {
        lower.truncate(open);
    }
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    let numbering = |w: &str| {
        let w = w.trim_start_matches('#').trim_end_matches(['.', ')']);
        !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    while words.first().is_some_and(|w| numbering(w) || !w.chars().any(char::is_alphanumeric)) {
        words.remove(0);
    }
    while words.len() > 1
        && words.last().is_some_and(|w| numbering(w) || !w.chars().any(char::is_alphanumeric))
    {
        words.pop();
    }
    words.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'t> {
    /// The section it names.
    pub kind: SectionKind,
    /// The name as written, before its colon or dash.
    pub head: &'t str,
    /// What follows it, trimmed.
    pub rest: &'t str,
}

/// A label: a name before the first colon (`Decision: ...`), before a dash
/// (`Decision - ...`), or in a bold run opening the line (`**Agreed** ...`).
pub fn label(text: &str) -> Option<(SectionKind, &str)> {
    label_in(text, None).map(|l| (l.kind, l.rest))
}

/// [`label`] with the line's opening bold run, if it has one.
pub fn label_in<'t>(text: &'t str, lead: Option<&str>) -> Option<Label<'t>> {
    if let Some(&(kind, tag)) = TAGS.iter().find(|(_, tag)| {
        text.get(..tag.len()).is_some_and(|t| t.eq_ignore_ascii_case(tag))
            && text[tag.len()..].starts_with([' ', ':'])
    }) {
        let rest = text[tag.len()..].trim_start_matches(':').trim();
        return Some(Label { kind, head: &text[..tag.len()], rest });
    }
    if let Some((head, rest)) = text.split_once(':')
        && let Some(kind) = label_kind(head)
    {
        return Some(Label { kind, head, rest: rest.trim() });
    }
    for dash in [" - ", " – ", " — "] {
        if let Some((head, rest)) = text.split_once(dash)
            && head.split_whitespace().count() <= 3
            && let Some(kind) = kind_of(head)
        {
            return Some(Label { kind, head, rest: rest.trim() });
        }
    }
    let lead = lead.filter(|l| !l.is_empty() && text.starts_with(*l))?;
    let kind = label_kind(lead)?;
    let rest = text.get(lead.len()..)?.trim_start_matches([':', '-', '–', '—', ' ']).trim();
    Some(Label { kind, head: text.get(..lead.len())?, rest })
}

/// The text after the colon of a line whose label holds the word `Date`
/// (`**Date:** ...`, `Meeting Date/Time: ...`).
pub fn date_label(text: &str) -> Option<&str> {
    let (head, rest) = text.split_once(':')?;
    let words: Vec<&str> = head.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |word: &str| words.iter().any(|w| w.eq_ignore_ascii_case(word));
    (words.len() <= 4 && has("date") && !has("due") && !has("next")).then_some(rest)
}

/// Whether a line on its own starts a new block: a label, or a sentence that
/// records a decision or a commitment (`We agreed ...`, `@maria will ...`),
/// unless the line before it runs on into it (`... in the interest of the` /
/// `Foundation to establish ...` is one sentence wrapped).
pub fn starts_block(previous: &Line, line: &Line) -> bool {
    if label_in(&line.text, line.lead.as_deref()).is_some() {
        return true;
    }
    let runs_on = previous.text.ends_with([',', '(', '-', '/'])
        || previous.text.rsplit(' ').next().is_some_and(|w| {
            let w = w.to_lowercase();
            ["the", "of", "to", "a", "an", "and", "or", "for", "with", "in", "on", "at", "by", "that", "from"]
                .contains(&w.as_str())
        });
    !runs_on
        && (super::openers::opens_with_decision(&line.text)
            || super::openers::looks_committed(&line.text)
            || super::unread::near_label(&line.text))
}

/// The section starting at block `i`, if it is a named heading or a label.
pub fn section_at(blocks: &[Block], i: usize) -> Option<Section> {
    let block = blocks.get(i)?;
    if block.is_row() {
        return None;
    }
    let first = block.lines.first()?;
    let labelled = || label_in(&first.text, first.lead.as_deref()).map(|l| (l.kind, l.head, l.rest));
    let bare = || kind_of(&block.text()).map(|kind| (kind, "", ""));
    let (kind, head, first_rest) = if block.heading_level().is_some() {
        bare().or_else(labelled)?
    } else if block.is_item() && block.has_children(i) {
        // `- Participants` with the names nested under it: a label without its colon.
        labelled().or_else(bare)?
    } else if block.kind == super::structure::Kind::Paragraph && followed_by_list(blocks, i) {
        // `Attendees` on a line of its own, the list right after it.
        labelled().or_else(bare)?
    } else {
        labelled()?
    };
    let head = head.to_string();
    let rest: Vec<String> = std::iter::once(first_rest)
        .chain(block.lines.iter().skip(1).map(|l| l.text.as_str()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    // `Action: fix X` is an item itself; its nested bullets are details. A
    // paragraph `Attendees: Ann, Bob` names them all: the list after it is
    // something else (often the action items).
    let is_item = matches!(kind, SectionKind::Actions | SectionKind::Decisions) && !rest.is_empty();
    let names_itself = !rest.is_empty() && !block.is_item() && block.heading_level().is_none();
    let content = if is_item || names_itself { i + 1..i + 1 } else { content(blocks, i) };
    Some(Section { kind, start: i, head, rest, content })
}

/// Whether a list starts right after paragraph `i`, at the same depth.
fn followed_by_list(blocks: &[Block], i: usize) -> bool {
    let (Some(block), Some(next)) = (blocks.get(i), blocks.get(i + 1)) else { return false };
    next.is_item() && next.parent == block.parent && block.lines.len() == 1
}

/// Every section, in document order.
pub fn all(blocks: &[Block]) -> Vec<Section> {
    (0..blocks.len()).filter_map(|i| section_at(blocks, i)).collect()
}

/// What a section starting at block `i` holds: up to the next heading of the
/// same or a higher level for a heading; the nested list for a list item;
/// the list that follows for a paragraph.
fn content(blocks: &[Block], i: usize) -> Range<usize> {
    let Some(block) = blocks.get(i) else { return i..i };
    if let Some(level) = block.heading_level() {
        let end = (i + 1..blocks.len())
            .find(|&j| blocks.get(j).and_then(Block::heading_level).is_some_and(|l| l <= level))
            .unwrap_or(blocks.len());
        return i + 1..end;
    }
    if block.is_item() {
        return i + 1..block.end.max(i + 1);
    }
    let mut j = i + 1;
    while let Some(next) = blocks.get(j) {
        if !(next.is_item() || next.is_row()) || next.parent != block.parent {
            break;
        }
        j = next.end.max(j + 1);
    }
    i + 1..j
}

/// The blocks of a section's content, leaving out sections nested inside it
/// (an `### Absent` under `## Attendees`, a `Decision:` among action items).
pub fn members(blocks: &[Block], section: &Section) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = section.content.start;
    while j < section.content.end {
        match section_at(blocks, j) {
            Some(nested) => j = nested.content.end.max(j + 1),
            None => {
                out.push(j);
                j += 1;
            }
        }
    }
    out
}

/// A list item that only groups the items nested under it (`- Guests:`).
pub fn is_group_header(blocks: &[Block], j: usize) -> bool {
    blocks.get(j).is_some_and(|b| {
        let text = b.text();
        b.is_item() && b.has_children(j) && (text.is_empty() || text.ends_with(':'))
    })
}

#[cfg(test)]
mod tests {
    use super::super::structure::blocks;
    use super::*;

    fn read(md: &str) -> Vec<Block> {
        blocks(md, 1, &|_: &Line, l: &Line| label(&l.text).is_some())
    }

    #[test]
    fn names_match_case_insensitively_with_numbering_and_signs() {
        assert_eq!(kind_of("Attendees"), Some(SectionKind::Attendees));
        assert_eq!(kind_of("MEMBERS   PRESENT"), Some(SectionKind::Attendees));
        assert_eq!(kind_of("3. Action Items"), Some(SectionKind::Actions));
        assert_eq!(kind_of("ACTION 60.2"), Some(SectionKind::Actions));
        assert_eq!(kind_of("Action item #3"), Some(SectionKind::Actions));
        assert_eq!(kind_of("To-do"), Some(SectionKind::Actions));
        assert_eq!(kind_of("✅ Decisions (2)"), Some(SectionKind::Decisions));
        assert_eq!(kind_of("Resolutions:"), Some(SectionKind::Decisions));
        assert_eq!(kind_of("Action items (from last week)"), Some(SectionKind::Actions));
        assert_eq!(kind_of("(Attendees)"), Some(SectionKind::Attendees));
        assert_eq!(kind_of("Discussion"), None);
        assert_eq!(kind_of("Actionable"), None);
    }

    #[test]
    fn labels_and_date_labels() {
        assert_eq!(label("Attendees: Alice, Bob"), Some((SectionKind::Attendees, "Alice, Bob")));
        assert_eq!(label("Decisions:"), Some((SectionKind::Decisions, "")));
        assert_eq!(label("DECISION 60.1: ship it"), Some((SectionKind::Decisions, "ship it")));
        assert_eq!(label("Alice: will check"), None);
        assert_eq!(
            date_label("Meeting Date/Time: Friday, March 8, 2019 14:00 UTC"),
            Some(" Friday, March 8, 2019 14:00 UTC")
        );
        assert_eq!(date_label("Date: 2026-10-05"), Some(" 2026-10-05"));
        assert_eq!(date_label("Update: done"), None);
        assert_eq!(date_label("Due date: 2026-10-05"), None);
    }

    #[test]
    fn heading_content_runs_to_the_next_heading_of_same_or_higher_level() {
        let b = read("## Attendees\n- a\n### Guests\n- g\n## Notes\n- n\n");
        let s = section_at(&b, 0);
        assert_eq!(s.map(|s| s.content), Some(1..4));
    }

    #[test]
    fn label_content_is_the_list_that_follows_or_is_nested() {
        let b = read(
            "**Action items:**\n\n- one\n  - one.a\n- two\n\nafter\n\n- **Decisions:**\n  - d1\n- other\n",
        );
        let actions = section_at(&b, 0);
        assert_eq!(actions.map(|s| (s.kind, s.content)), Some((SectionKind::Actions, 1..4)));
        let decisions = section_at(&b, 5);
        assert_eq!(decisions.map(|s| (s.kind, s.content)), Some((SectionKind::Decisions, 6..7)));
    }

    #[test]
    fn a_label_with_text_after_the_colon() {
        let b = read("**Attendees:** Alice, Bob\n\n- Action: fix it\n  - detail\n");
        let s = all(&b);
        assert_eq!(s[0].rest, vec!["Alice, Bob".to_string()]);
        assert_eq!(
            (s[1].kind, s[1].rest_text(), s[1].content.clone()),
            (SectionKind::Actions, "fix it".into(), 2..2)
        );
    }

    #[test]
    fn new_names_and_labels_without_a_colon() {
        assert_eq!(kind_of("Attending"), Some(SectionKind::Attendees));
        assert_eq!(kind_of("In attendance"), Some(SectionKind::Attendees));
        assert_eq!(kind_of("Agenda"), Some(SectionKind::Agenda));
        assert_eq!(label("Resolution: ship it"), Some((SectionKind::Decisions, "ship it")));
        assert_eq!(label("Resolved: ship it"), Some((SectionKind::Decisions, "ship it")));
        assert_eq!(label("AI: Bob to fix"), Some((SectionKind::Actions, "Bob to fix")));
        assert_eq!(label("TODO: fix"), Some((SectionKind::Actions, "fix")));
        // `AI` is a label only: as a heading it is a topic.
        let b = read(
            "## AI
- [ ] read the paper
",
        );
        assert!(section_at(&b, 0).is_none());
        let b = read(
            "- Participants
  - @lidel
  - @hacdias
- Notes
",
        );
        let s = section_at(&b, 0);
        assert_eq!(s.map(|s| (s.kind, s.content)), Some((SectionKind::Attendees, 1..3)));
        // Without a nested list, a bare word is just text.
        assert!(
            section_at(
                &read(
                    "- Participants
- Notes
"
                ),
                0
            )
            .is_none()
        );
    }

    #[test]
    fn nested_sections_are_left_out_of_members() {
        let b = read("## Attendees\n- Alice\n### Absent\n- Dan\n### Guests\n- Jane\n");
        let s = section_at(&b, 0).unwrap_or_else(|| panic!("a section"));
        let texts: Vec<String> = members(&b, &s).iter().map(|&j| b[j].text()).collect();
        assert_eq!(texts, vec!["Alice", "Guests", "Jane"]);
    }
}
