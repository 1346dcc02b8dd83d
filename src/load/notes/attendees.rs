//! Who attended: from front matter, or from the first Attendees section.

use super::people::{People, mentions, split_names, without};
use super::sections::{Section, SectionKind, is_group_header, members};
use super::structure::{Block, Kind};
use crate::model::Attendee;

/// Attendees from a list of written names (front matter), in order, without repeats.
pub fn from_entries(entries: &[String], people: &People) -> Vec<Attendee> {
    let mut out = Vec::new();
    for entry in entries.iter().flat_map(|e| split_names(e)) {
        if let Some(a) = attendee(&entry, people) {
            add(&mut out, a);
        }
    }
    out
}

/// Attendees from the first Attendees section that names anyone.
pub fn from_body(blocks: &[Block], sections: &[Section], people: &People) -> Vec<Attendee> {
    sections
        .iter()
        .filter(|s| s.kind == SectionKind::Attendees)
        .map(|s| from_names(&entries(blocks, s), people))
        .find(|list| !list.is_empty())
        .unwrap_or_default()
}

/// Attendees from entries already cut one per person, in order, without repeats.
fn from_names(entries: &[String], people: &People) -> Vec<Attendee> {
    let mut out = Vec::new();
    for entry in entries {
        if let Some(a) = attendee(entry, people) {
            add(&mut out, a);
        }
    }
    out
}

/// The names a section holds (docs/data.md): after the label's colon, then the
/// top-level items of the first list in it, else its first paragraph.
fn entries(blocks: &[Block], section: &Section) -> Vec<String> {
    let mut out = paragraph_entries(&section.rest);
    // `Attendees: Ann, Bob` as a paragraph names them all; the list after it
    // is something else (often the action items), not more attendees.
    let label_is_paragraph =
        blocks.get(section.start).is_some_and(|b| !b.is_item() && b.heading_level().is_none());
    if !out.is_empty() && label_is_paragraph {
        return out;
    }
    let inside = members(blocks, section);
    if let Some(&first) = inside.iter().find(|&&j| blocks.get(j).is_some_and(Block::is_item)) {
        out.extend(first_list(blocks, &inside, first));
    } else if let Some(paragraph) =
        inside.iter().filter_map(|&j| blocks.get(j)).find(|b| b.kind == Kind::Paragraph)
    {
        let lines: Vec<String> = paragraph.lines.iter().map(|l| l.text.clone()).collect();
        out.extend(paragraph_entries(&lines));
    }
    out
}

/// The entries of the list starting at block `first`: one per top-level item,
/// its text whole (commas and wrapped lines included), lists nested under it
/// being details. A group item (`- Guests:`) gives the items under it. In a
/// roster kept as a task list, unchecked entries are absent.
fn first_list(blocks: &[Block], inside: &[usize], first: usize) -> Vec<String> {
    let parent = blocks.get(first).and_then(|b| b.parent);
    let mut out = Vec::new();
    let mut end = first;
    for &j in inside.iter().skip_while(|&&j| j != first) {
        if j < end {
            continue;
        }
        let Some(block) = blocks.get(j).filter(|b| b.is_item() && b.parent == parent) else { break };
        end = block.end.max(j + 1);
        let present = |b: &Block| b.task() != Some(false);
        if is_group_header(blocks, j) {
            let children = (j + 1..end).filter_map(|k| blocks.get(k).filter(|b| b.parent == Some(j)));
            out.extend(children.filter(|b| b.is_item() && present(b)).map(Block::text));
        } else if present(block) {
            out.push(block.text());
        }
    }
    out
}

/// A paragraph's entries: split at commas or semicolons when it has any (a
/// wrapped line counts as a space), else one entry per line.
fn paragraph_entries(lines: &[String]) -> Vec<String> {
    if lines.iter().any(|l| l.contains([',', ';'])) {
        split_names(&lines.join(" "))
    } else {
        lines.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
    }
}

/// One written entry such as `Jane Doe @jdoe (voting member)`: a member when
/// any of its parts names one, else a guest by the name without handle and
/// parenthesis.
pub fn attendee(entry: &str, people: &People) -> Option<Attendee> {
    let entry = entry.trim();
    let handles = mentions(entry);
    let ranges: Vec<_> = handles.iter().map(|m| m.range.clone()).collect();
    let cleaned = without(entry, &ranges, true);
    let before_parenthesis = entry.split('(').next().unwrap_or(entry);
    let mut parts: Vec<&str> = vec![entry, before_parenthesis];
    parts.extend(handles.iter().map(|m| m.handle.as_str()));
    parts.push(&cleaned);
    parts.extend(cleaned.split(" - ").flat_map(|p| p.split(['|', ':', '/', '–', '—', ',', ';'])));
    if let Some(id) = parts.iter().find_map(|p| people.member(p)) {
        return Some(Attendee::Member(id.to_string()));
    }
    let name = if cleaned.is_empty() { without(entry, &[], true) } else { cleaned };
    (!name.is_empty()).then_some(Attendee::Guest(name))
}

fn add(list: &mut Vec<Attendee>, a: Attendee) {
    let seen = list.iter().any(|b| match (&a, b) {
        (Attendee::Member(x), Attendee::Member(y)) => x == y,
        (Attendee::Guest(x), Attendee::Guest(y)) => x.to_lowercase() == y.to_lowercase(),
        _ => false,
    });
    if !seen {
        list.push(a);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{guest, member, team};
    use super::super::sections::{all, starts_block};
    use super::super::structure::blocks;
    use super::*;

    fn from(md: &str) -> Vec<Attendee> {
        let b = blocks(md, 1, &starts_block);
        from_body(&b, &all(&b), &People::new(&team()))
    }

    #[test]
    fn names_after_a_paragraph_label_do_not_take_the_list_that_follows() {
        let md =
            "# Retro\n\nAttendees: Alice, Carol\n\n- [ ] @bob book the room\n- [ ] Bob to update the board\n";
        assert_eq!(from(md), vec![member("alice"), member("carol")]);
    }

    #[test]
    fn a_list_item_label_keeps_its_nested_names() {
        let md = "- **Attendees:** Alice\n  - Bob\n- Next topic\n";
        assert_eq!(from(md), vec![member("alice"), member("bob")]);
    }

    #[test]
    fn entries_match_by_any_part() {
        let p = People::new(&team());
        assert_eq!(attendee("Alice Chen @someone (voting member)", &p), Some(member("alice")));
        assert_eq!(attendee("Someone @alice-gh (PO)", &p), Some(member("alice")));
        assert_eq!(attendee("Bob Okafor - Scrum Master", &p), Some(member("bob")));
        assert_eq!(attendee("carol (remote)", &p), Some(member("carol")));
        assert_eq!(attendee("Alice Chen, Acme Corp", &p), Some(member("alice")));
        assert_eq!(attendee("Carol Diaz (_Chair_), Initech", &p), Some(member("carol")));
        assert_eq!(attendee("Jane Doe @jdoe (voting member)", &p), Some(guest("Jane Doe")));
        assert_eq!(attendee("@jdoe", &p), Some(guest("@jdoe")));
        assert_eq!(attendee("  ", &p), None);
    }

    #[test]
    fn present_bullets_under_a_heading_at_any_level() {
        let want = vec![member("alice"), member("bob")];
        assert_eq!(from("## Present\n* Alice\n* Bob Okafor\n"), want);
        assert_eq!(from("#### Attendees\n- alice\n- bob\n"), want);
        assert_eq!(from("   ## Participants\n- Alice\n- Bob\n"), want);
    }

    #[test]
    fn nested_bullets_and_group_labels() {
        let md = "# Notes\n## Attendees\n- Team:\n  - Alice\n  - Carol Diaz\n- Guests:\n  - Jane Doe @jdoe (voting member)\n";
        assert_eq!(from(md), vec![member("alice"), member("carol"), guest("Jane Doe")]);
    }

    #[test]
    fn a_comma_separated_line_and_names_after_a_bold_label() {
        assert_eq!(
            from("## Attendance\nAlice, Bob and Carol\n"),
            vec![member("alice"), member("bob"), member("carol")]
        );
        assert_eq!(
            from("**Attendees:** A. Chen, @bob, Jane\n"),
            vec![member("alice"), member("bob"), guest("Jane")]
        );
        assert_eq!(from("- **Members present**:\n  - Danno Ferrin\n"), vec![member("dan")]);
    }

    #[test]
    fn order_kept_and_repeats_and_empties_dropped() {
        assert_eq!(
            from("Present: Bob, bob, , Alice, jane, Jane\n"),
            vec![member("bob"), member("alice"), guest("jane")]
        );
    }

    #[test]
    fn absent_people_are_not_attendees() {
        let md = "## Attendees\n- Alice\n### Absent\n- Dan\n\n**Apologies:** Carol\n";
        assert_eq!(from(md), vec![member("alice")]);
    }

    #[test]
    fn the_first_section_naming_anyone_wins() {
        assert_eq!(
            from("## Attendees\n\n## Present\n- Bob\n\n## Participants\n- Carol\n"),
            vec![member("bob")]
        );
        assert_eq!(from("# Nothing here\n"), vec![]);
    }

    #[test]
    fn a_wrapped_paragraph_line_is_a_space_and_lines_without_commas_are_entries() {
        assert_eq!(
            from("## Attendees\nAlice Chen, Danno\nFerrin, Jane\n"),
            vec![member("alice"), member("dan"), guest("Jane")]
        );
        assert_eq!(from("## Attendees\nAlice Chen\nDanno Ferrin\n"), vec![member("alice"), member("dan")]);
        assert_eq!(from("Attending: Alice,\nDanno\nFerrin\n"), vec![member("alice"), member("dan")]);
    }

    #[test]
    fn each_item_is_one_entry_and_nested_lists_are_details() {
        let md =
            "## In attendance\n- Jane Doe, Acme Corp\n- Alice\n  - notes: joined late, left early\n- alice\n";
        assert_eq!(from(md), vec![guest("Jane Doe, Acme Corp"), member("alice")]);
    }

    #[test]
    fn only_the_first_list_counts() {
        let md = "## Attendees\n- Alice\n- Bob\n\n### Meeting Guidelines\n- [Code of conduct](https://x)\n- [Notes template](https://y)\n";
        assert_eq!(from(md), vec![member("alice"), member("bob")]);
        let md = "## Attendees\n- Alice\n\nSome text\n\n- Carol\n";
        assert_eq!(from(md), vec![member("alice")]);
    }

    #[test]
    fn a_task_list_roster_counts_checked_entries() {
        let md = "## Attendees\n- [x] Alice\n- [ ] Bob\n- [X] Carol\n";
        assert_eq!(from(md), vec![member("alice"), member("carol")]);
    }

    #[test]
    fn a_label_without_colon_over_a_nested_list() {
        let md = "- Participants\n  - @alice-gh\n  - Bob Okafor\n- Agenda\n  - demo\n";
        assert_eq!(from(md), vec![member("alice"), member("bob")]);
    }

    #[test]
    fn front_matter_entries() {
        let p = People::new(&team());
        let list = ["alice".to_string(), "Bob Okafor".into(), "Jane (Acme)".into(), "carol, dan".into()];
        assert_eq!(
            from_entries(&list, &p),
            vec![member("alice"), member("bob"), guest("Jane"), member("carol"), member("dan")]
        );
    }
}
