//! Which blocks of a note are action items and which are decisions.
//!
//! Action items: every task-list item, every list item in an action section,
//! and every `Action ...: text` label. Decisions: every list item in a
//! decision section and every `Decision ...: text` label. A block counts once.

use std::collections::BTreeMap;

use super::action::{Found, action};
use super::people::People;
use super::sections::{Section, SectionKind, is_group_header, members};
use super::structure::Block;
use crate::model::{Decision, NoteAction};

/// How far up the list an owner group (`- Bob:`) is looked for.
const GROUP_DEPTH: usize = 16;

/// Every action item of the note, in the order written.
pub fn actions(blocks: &[Block], sections: &[Section], people: &People) -> Vec<NoteAction> {
    let mut found: BTreeMap<usize, Found> = BTreeMap::new();
    for section in sections.iter().filter(|s| s.kind == SectionKind::Actions) {
        let line = blocks.get(section.start).map_or(0, |b| b.line);
        let checked = blocks.get(section.start).and_then(Block::task) == Some(true);
        if !section.rest.is_empty() {
            let text = section.rest_text();
            if !is_placeholder(&text) {
                found.insert(section.start, Found { text, owners: Vec::new(), checked, line });
            }
            continue;
        }
        for j in members(blocks, section) {
            let Some(block) = blocks.get(j) else { continue };
            if !block.is_item() || is_group_header(blocks, j) || owner_group(blocks, j, people).is_some() {
                continue;
            }
            let owners = inherited_owners(blocks, j, section.content.start, people);
            let item =
                Found { text: block.text(), owners, checked: block.task() == Some(true), line: block.line };
            found.entry(j).or_insert(item);
        }
    }
    // A checkbox in an attendee or Agenda section ticks off a person or a topic.
    let roster_or_agenda: std::collections::BTreeSet<usize> = sections
        .iter()
        .filter(|s| matches!(s.kind, SectionKind::Attendees | SectionKind::Absent | SectionKind::Agenda))
        .flat_map(|s| members(blocks, s))
        .collect();
    for (j, block) in blocks.iter().enumerate() {
        if roster_or_agenda.contains(&j) {
            continue;
        }
        if let Some(checked) = block.task() {
            let item = Found { text: block.text(), owners: Vec::new(), checked, line: block.line };
            found.entry(j).or_insert(item);
        }
    }
    found.values().filter_map(|f| action(f, people)).collect()
}

/// Every decision of the note, in the order written; `references` are left empty.
pub fn decisions(blocks: &[Block], sections: &[Section]) -> Vec<Decision> {
    let mut found: BTreeMap<usize, (String, u32)> = BTreeMap::new();
    for section in sections.iter().filter(|s| s.kind == SectionKind::Decisions) {
        if !section.rest.is_empty() {
            let line = blocks.get(section.start).map_or(0, |b| b.line);
            found.insert(section.start, (section.rest_text(), line));
            continue;
        }
        for j in members(blocks, section) {
            if let Some(block) = blocks.get(j).filter(|b| b.is_item() && !is_group_header(blocks, j)) {
                found.entry(j).or_insert((block.text(), block.line));
            }
        }
    }
    found
        .into_values()
        .filter(|(text, _)| !text.is_empty() && !is_placeholder(text))
        .map(|(text, line)| Decision {
            compromise: has_tag(&text, "#compromise"),
            text,
            references: Vec::new(),
            line,
        })
        .collect()
}

/// `none`, `n/a` and the like written where a list would go.
fn is_placeholder(text: &str) -> bool {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    t.is_empty()
        || matches!(
            t.as_str(),
            "none" | "n/a" | "na" | "nothing" | "nil" | "tbd" | "no actions" | "no decisions"
        )
}

/// The members named by a list item that groups items under it (`- Bob:`, `- Alice`).
fn owner_group(blocks: &[Block], j: usize, people: &People) -> Option<Vec<String>> {
    let block = blocks.get(j).filter(|b| b.is_item() && b.has_children(j))?;
    people.all_members(block.text().trim_end_matches(':'))
}

/// The owners given by the nearest enclosing owner group inside the section.
fn inherited_owners(blocks: &[Block], j: usize, floor: usize, people: &People) -> Vec<String> {
    let mut parent = blocks.get(j).and_then(|b| b.parent);
    for _ in 0..GROUP_DEPTH {
        let Some(p) = parent.filter(|&p| p >= floor) else { break };
        if let Some(ids) = owner_group(blocks, p, people) {
            return ids;
        }
        parent = blocks.get(p).and_then(|b| b.parent);
    }
    Vec::new()
}

/// Whether `text` holds `tag` (such as `#compromise`) as a whole tag, any case.
pub fn has_tag(text: &str, tag: &str) -> bool {
    let lower = text.to_lowercase();
    let tag = tag.to_lowercase();
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    lower.match_indices(&tag).any(|(i, _)| {
        let before = lower.get(..i).and_then(|s| s.chars().next_back());
        let after = lower.get(i + tag.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::team;
    use super::super::sections::{all, starts_block};
    use super::super::structure::blocks;
    use super::*;

    fn acts(md: &str) -> Vec<NoteAction> {
        let b = blocks(md, 1, &starts_block);
        actions(&b, &all(&b), &People::new(&team()))
    }

    fn decs(md: &str) -> Vec<Decision> {
        let b = blocks(md, 1, &starts_block);
        decisions(&b, &all(&b))
    }

    fn summary(list: &[NoteAction]) -> Vec<(String, String, bool, u32)> {
        list.iter().map(|a| (a.owners.join("+"), a.text.clone(), a.checked, a.line)).collect()
    }

    fn s(owners: &str, text: &str, checked: bool, line: u32) -> (String, String, bool, u32) {
        (owners.into(), text.into(), checked, line)
    }

    #[test]
    fn task_list_items_anywhere() {
        let md = "# Notes\n- [ ] @carol update the runbook\n- plain bullet\n  - [x] Bob: nested task\n";
        assert_eq!(
            summary(&acts(md)),
            vec![s("carol", "@carol update the runbook", false, 2), s("bob", "nested task", true, 4)]
        );
    }

    #[test]
    fn items_of_an_action_items_heading() {
        let md = "## Action items\n- @alice-gh: write the release notes\n- [ ] Danno Ferrin to fix CI\n  - details of the fix\n\n## Notes\n- not an action\n";
        assert_eq!(
            summary(&acts(md)),
            vec![
                s("alice", "write the release notes", false, 2),
                s("dan", "fix CI", false, 3),
                s("", "details of the fix", false, 4),
            ]
        );
    }

    #[test]
    fn action_labels_in_paragraphs_and_items() {
        let md = "Action: Carol to book the room\n**ACTION 60.2:** @bob: send invites\nAction item: order pizza\n\n- ACTION ITEM 3: Alice: sign off\n";
        assert_eq!(
            summary(&acts(md)),
            vec![
                s("carol", "book the room", false, 1),
                s("bob", "send invites", false, 2),
                s("", "order pizza", false, 3),
                s("alice", "sign off", false, 5),
            ]
        );
    }

    #[test]
    fn an_item_counts_once_and_labels_and_placeholders() {
        let md = "**Next steps:**\n- [x] Bob: book staging\n\n## TODO\n- [ ] Action: Carol: check\n\nActions: none\n";
        assert_eq!(
            summary(&acts(md)),
            vec![s("bob", "book staging", true, 2), s("carol", "check", false, 5)]
        );
    }

    #[test]
    fn owner_groups_give_their_items_an_owner() {
        let md =
            "## Action points\n- Bob:\n  - book staging\n  - [ ] send invites\n- Alice\n  - write notes\n";
        assert_eq!(
            summary(&acts(md)),
            vec![
                s("bob", "book staging", false, 3),
                s("bob", "send invites", false, 4),
                s("alice", "write notes", false, 6)
            ]
        );
    }

    #[test]
    fn agenda_and_roster_checkboxes_are_not_actions() {
        let md = "## Agenda\n- [x] Release status\n- [ ] Roadmap\n\n## Attendees\n- [x] Alice\n- [ ] Bob\n\n## Notes\n- [ ] Carol: file the bug\n";
        assert_eq!(summary(&acts(md)), vec![s("carol", "file the bug", false, 10)]);
        let md = "- Agenda\n  - [x] demo\n- [ ] @bob: book staging\n";
        assert_eq!(summary(&acts(md)), vec![s("bob", "book staging", false, 3)]);
    }

    #[test]
    fn ai_and_todo_labels_are_actions() {
        let md = "AI: Bob & Carol will write the ADR\n\n- **TODO:** Alice to check\n";
        assert_eq!(
            summary(&acts(md)),
            vec![s("bob+carol", "write the ADR", false, 1), s("alice", "check", false, 3)]
        );
    }

    #[test]
    fn resolution_resolved_and_agreed_are_decisions() {
        let md = "**Resolution:** ship on Friday\n\n- Resolved: keep the date\n\nAgreed: weekly demos\n\n1. **RESOLUTION 4.1:** drop IE\n";
        let got: Vec<String> = decs(md).into_iter().map(|d| d.text).collect();
        assert_eq!(got, vec!["ship on Friday", "keep the date", "weekly demos", "drop IE"]);
    }

    #[test]
    fn decisions_from_sections_and_labels() {
        let md = "## Decisions\n- Ship on Friday\n- Drop PHX-9 #compromise\n\n**DECISION 60.1:** Use Stripe\n\nDecision: keep the date\n\n- **Agreed**:\n  - weekly demos\n\n### Decided\nnone\n";
        let got: Vec<(String, bool, u32)> =
            decs(md).into_iter().map(|d| (d.text, d.compromise, d.line)).collect();
        assert_eq!(
            got,
            vec![
                ("Ship on Friday".into(), false, 2),
                ("Drop PHX-9 #compromise".into(), true, 3),
                ("Use Stripe".into(), false, 5),
                ("keep the date".into(), false, 7),
                ("weekly demos".into(), false, 10),
            ]
        );
    }

    #[test]
    fn compromise_is_a_whole_tag() {
        assert!(has_tag("Scope cut #Compromise.", "#compromise"));
        assert!(has_tag("(#compromise)", "#compromise"));
        assert!(!has_tag("#compromised", "#compromise"));
        assert!(!has_tag("#compromise-free", "#compromise"));
        assert!(!has_tag("no tag", "#compromise"));
    }
}
