//! Who attended: from front matter, from the first Attendees section that
//! names anyone, or from a table row or column headed like one
//! (`| **Participants** | @Maria Lopez @Jordan Kim |`). `everyone` alone
//! means every member. When none of these says anything, attendance is not
//! recorded: unknown, never "nobody came".

use super::people::{People, mentions, split_names, without};
use super::sections::{Section, SectionKind, is_group_header, members};
use super::structure::{Block, Kind, visible};
use crate::model::{Attendee, Team};

/// Who attended a meeting, as far as its note says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    /// Attendees in the order written, without repeats.
    pub attendees: Vec<Attendee>,
    /// Whether the note says who attended.
    pub recorded: bool,
    /// The line of an attendee section that names nobody tandem can read.
    pub unreadable: Option<u32>,
}

/// Entries meaning every member when they are the only one.
const EVERYONE: &[&str] = &[
    "everyone",
    "everybody",
    "all",
    "whole team",
    "the whole team",
    "the team",
    "entire team",
    "all members",
];

fn is_everyone(entries: &[String]) -> bool {
    let [only] = entries else { return false };
    let t = only.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    EVERYONE.contains(&t.as_str())
}

fn everyone(team: &Team) -> Vec<Attendee> {
    team.members.iter().map(|m| Attendee::Member(m.id.clone())).collect()
}

/// Attendees from a list of written names (front matter), in order, without repeats.
pub fn from_entries(entries: &[String], people: &People, team: &Team) -> Vec<Attendee> {
    let split: Vec<String> = entries.iter().flat_map(|e| split_names(e)).collect();
    if is_everyone(&split) {
        return everyone(team);
    }
    from_names(&split, people)
}

/// Attendees from the first Attendees section that names anyone, else from a
/// table naming them.
pub fn from_body(blocks: &[Block], sections: &[Section], people: &People, team: &Team) -> Attendance {
    let mut unreadable = None;
    for s in sections.iter().filter(|s| s.kind == SectionKind::Attendees) {
        let names = entries(blocks, s);
        if is_everyone(&names) {
            return Attendance { attendees: everyone(team), recorded: true, unreadable: None };
        }
        let list = from_names(&names, people);
        if !list.is_empty() {
            return Attendance { attendees: list, recorded: true, unreadable: None };
        }
        unreadable.get_or_insert(blocks.get(s.start).map_or(1, |b| b.line));
    }
    let names = table_entries(blocks);
    if is_everyone(&names) {
        return Attendance { attendees: everyone(team), recorded: true, unreadable: None };
    }
    let list = from_names(&names, people);
    let recorded = !list.is_empty();
    Attendance { attendees: list, recorded, unreadable: if recorded { None } else { unreadable } }
}

/// Whether a cell names attendees (`**Participants**`, `Attendees:`).
fn attendee_heading(cell: &str) -> bool {
    let name = cell.trim().trim_end_matches(':');
    super::sections::label(&format!("{name}:")).is_some_and(|(kind, _)| kind == SectionKind::Attendees)
}

/// Names held by a table: the rest of a row whose first cell is headed like
/// an attendee section (Confluence's page-properties table), or the column
/// headed so. Split on commas, semicolons and `@`.
fn table_entries(blocks: &[Block]) -> Vec<String> {
    let split = |cell: &str| -> Vec<String> {
        let cell = visible(cell);
        cell.split([',', ';', '@']).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect()
    };
    for (i, block) in blocks.iter().enumerate().filter(|(_, b)| b.is_row()) {
        let header = matches!(block.kind, Kind::Row { header: true });
        // In a header row, names beside the heading (`@Maria`, `Ana, Bo`) make it a row of names.
        let names_beside = block.cells.iter().skip(1).any(|c| c.contains(['@', ',', ';']));
        if block.cells.first().is_some_and(|c| attendee_heading(c)) && (!header || names_beside) {
            return block.cells.iter().skip(1).flat_map(|c| split(c)).collect();
        }
        if let Some(column) = block.cells.iter().position(|c| attendee_heading(c)).filter(|_| header) {
            let rows = blocks[i + 1..].iter().take_while(|b| b.is_row());
            return rows.filter_map(|r| r.cells.get(column)).flat_map(|c| split(c)).collect();
        }
    }
    Vec::new()
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
        // An unticked box or struck-through name is someone who did not come.
        let present = |b: &Block| b.task() != Some(false) && !b.struck;
        if is_group_header(blocks, j) {
            let children = (j + 1..end).filter_map(|k| blocks.get(k).filter(|b| b.parent == Some(j)));
            out.extend(children.filter(|b| b.is_item() && present(b)).map(Block::text));
        } else if present(block) {
            out.extend(grouped(&block.text()));
        }
    }
    out
}

/// Words naming a group of attendees before a colon (`Team members: a, b`).
const GROUPS: &[&str] = &[
    "team",
    "members",
    "others",
    "other",
    "guests",
    "observers",
    "tsc",
    "attendees",
    "present",
    "committee",
    "staff",
    "visitors",
];

/// One list item's entries: itself, or the names after a group's colon
/// (`Team members: Taylor, nikomatsakis`, `Others: Jane, David`).
fn grouped(text: &str) -> Vec<String> {
    if let Some((head, names)) = text.split_once(':') {
        let words: Vec<String> = head.split_whitespace().map(str::to_lowercase).collect();
        let group = words.len() <= 3 && words.iter().any(|w| GROUPS.contains(&w.as_str()));
        if group && !names.trim().is_empty() {
            return split_names(names);
        }
    }
    vec![text.to_string()]
}

/// A paragraph's entries: split at commas or semicolons when it has any (a
/// wrapped line counts as a space), else one entry per line.
fn paragraph_entries(lines: &[String]) -> Vec<String> {
    // A later line `Guests: Ana (PSF)` adds its names; `Chair: Bo` is another
    // matter and ends the list.
    let mut names = Vec::new();
    let mut grouped_names = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let labelled = line.split_once(':').filter(|(head, _)| {
            n > 0 && head.split_whitespace().count() <= 3 && head.starts_with(char::is_uppercase)
        });
        match labelled {
            Some(_) => {
                let group = grouped(line);
                if group.len() == 1 && group[0] == *line {
                    break;
                }
                grouped_names.extend(group);
            }
            None => names.push(line.clone()),
        }
    }
    let mut out = if names.iter().any(|l| l.contains([',', ';'])) {
        split_names(&names.join(" "))
    } else {
        names.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
    };
    out.extend(grouped_names);
    out
}

/// One written entry such as `Jane Doe @jdoe (voting member)`: a member when
/// any of its parts names one, else a guest by the name without handle and
/// parenthesis.
pub fn attendee(entry: &str, people: &People) -> Option<Attendee> {
    let entry = entry.trim();
    // `Attendee names…`: a template's placeholder, not a person.
    if entry.ends_with('…') || entry.ends_with("...") {
        return None;
    }
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
    (!name.is_empty()).then(|| Attendee::Guest(visible(&name)))
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

    fn attendance(md: &str) -> Attendance {
        let b = blocks(md, 1, &starts_block);
        from_body(&b, &all(&b), &People::new(&team()), &team())
    }

    fn from(md: &str) -> Vec<Attendee> {
        attendance(md).attendees
    }

    #[test]
    fn attendance_not_recorded_is_told_from_an_empty_list() {
        assert_eq!(
            attendance(
                "# Retro

Went well: pairing
"
            ),
            Attendance::default()
        );
        assert_eq!(
            attendance(
                "# Retro

## Attendees

## Notes
- x
"
            ),
            Attendance { attendees: vec![], recorded: false, unreadable: Some(3) }
        );
        assert!(
            attendance(
                "Present: Bob
"
            )
            .recorded
        );
    }

    #[test]
    fn everyone_alone_means_every_member() {
        let all = vec![member("alice"), member("bob"), member("carol"), member("dan")];
        assert_eq!(
            from(
                "Attendees: everyone
"
            ),
            all
        );
        assert_eq!(
            from(
                "## Present
- The whole team
"
            ),
            all
        );
        assert_eq!(
            from(
                "Attendees: all
"
            ),
            all
        );
        let p = People::new(&team());
        assert_eq!(from_entries(&["everyone".to_string()], &p, &team()), all);
        assert_eq!(from("Attendees: everyone from Acme, Bob\n").len(), 2);
    }

    #[test]
    fn a_table_row_or_column_headed_like_an_attendee_section() {
        let md = "| | |\n|---|---|\n| **Date** | 19 Nov 2026 |\n| **Participants** | @Alice Chen @Bob Okafor @Jane Doe |\n";
        assert_eq!(from(md), vec![member("alice"), member("bob"), guest("Jane Doe")]);
        let md = "| Attendees | Role |\n|---|---|\n| Carol Diaz | dev |\n| Dan; Jane | dev |\n";
        assert_eq!(from(md), vec![member("carol"), member("dan"), guest("Jane")]);
    }

    #[test]
    fn struck_names_placeholders_and_group_labels() {
        let md = "## Attendees\n- Alice\n- ~~Bob Okafor~~\n- _Attendee names…_\n- Others: Jane, Raj\n- Team members: carol, Dan\n";
        assert_eq!(
            from(md),
            vec![member("alice"), guest("Jane"), guest("Raj"), member("carol"), member("dan")]
        );
    }

    #[test]
    fn guests_on_the_next_line_and_meetbot_rosters() {
        assert_eq!(
            from("Attendees: Alice, Bob\nGuests: Jane (PSF)\nChair: Carol\n"),
            vec![member("alice"), member("bob"), guest("Jane")]
        );
        assert_eq!(
            from("## People present (lines said)\n\n* bob (54)\n* dan (3)\n"),
            vec![member("bob"), member("dan")]
        );
        assert_eq!(from("**Who:** Alice, Carol\n"), vec![member("alice"), member("carol")]);
    }

    #[test]
    fn first_names_and_initials_of_members() {
        assert_eq!(from("Present: Carol, Danno, BO\n"), vec![member("carol"), member("dan"), member("bob")]);
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
            from_entries(&list, &p, &team()),
            vec![member("alice"), member("bob"), guest("Jane"), member("carol"), member("dan")]
        );
    }
}
