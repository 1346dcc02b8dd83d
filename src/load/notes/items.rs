//! Which blocks of a note are action items and which are decisions
//! (docs/data.md, "Action items" and "Decisions").
//!
//! Action items: every list item, line or table row of an action section
//! (nested lists are details of their item); every task-list item outside
//! attendee and Agenda sections; every `Action …:` label; and every
//! commitment in the discussion (`@maria will …`, `Sam to …`, a speaker's
//! `I'll …`). Decisions: every item, line or row of a decision section, every
//! `Decision:` label and every sentence opening `We agreed` / `Decided to`.
//! Sections restating an earlier meeting add nothing new. An item written
//! twice in a note (a summary and the body) counts once.

use std::collections::BTreeMap;

use super::action::{Found, action};
use super::due::{self, Due};
use super::openers;
use super::owners::{Commitment, commitment, leading, resolve, trailing};
use super::people::{People, Who, mentions};
use super::sections::{Section, SectionKind, section_at};
use super::structure::Block;
use super::tables::Columns;
use super::twins::{dedupe_actions, dedupe_decisions};
use super::unread;
use crate::model::{Decision, NoteAction, Unread};

/// How far up the list an owner group (`- Bob:`) is looked for.
const GROUP_DEPTH: usize = 16;

/// What a note records: its action items, decisions, and the lines that look
/// like either but were not read.
#[derive(Debug, Default)]
pub struct Reading {
    /// Action items in the order written.
    pub actions: Vec<NoteAction>,
    /// Decisions in the order written; `references` are left empty.
    pub decisions: Vec<Decision>,
    /// Lines not read, and why.
    pub unread: Vec<Unread>,
}

/// Reads a note's blocks.
pub fn read(blocks: &[Block], sections: &[Section], people: &People, ctx: &due::Context) -> Reading {
    let walk = Walk {
        blocks,
        sections,
        people,
        ctx,
        place: places(blocks, sections),
        heading_due: heading_dues(blocks, ctx),
        headers: table_headers(blocks),
    };
    let mut actions: BTreeMap<(usize, usize), Found> = BTreeMap::new();
    let mut decisions: BTreeMap<usize, Vec<(String, u32)>> = BTreeMap::new();
    let mut misses = Vec::new();
    for i in 0..blocks.len() {
        let before = (actions.len(), decisions.len());
        walk.block(i, &mut actions, &mut decisions);
        if (actions.len(), decisions.len()) == before
            && let Some(miss) = unread::why(blocks, i, lists_people(walk.kind(i)), people)
        {
            misses.push(miss);
        }
    }
    let mut read = Reading { unread: misses, ..Reading::default() };
    for found in actions.values() {
        if let Some(a) = action(found, people, ctx) {
            read.actions.push(a);
        }
    }
    read.actions = dedupe_actions(read.actions);
    let all: Vec<(String, u32)> = decisions.into_values().flatten().collect();
    read.decisions = dedupe_decisions(all);
    read
}

/// Whether a section lists people or earlier notes' items (attendees, absent,
/// previous action items), where no line is an unread item.
fn lists_people(kind: Option<SectionKind>) -> bool {
    matches!(kind, Some(SectionKind::Attendees | SectionKind::Absent | SectionKind::Previous))
}

struct Walk<'a> {
    blocks: &'a [Block],
    sections: &'a [Section],
    people: &'a People,
    ctx: &'a due::Context,
    /// For each block, the innermost section holding it.
    place: Vec<Option<usize>>,
    /// For each block, the due date a heading above it gives.
    heading_due: Vec<Option<Due>>,
    /// For each table row, its table's first row (the header).
    headers: Vec<Option<usize>>,
}

/// For each table row, the index of its table's first row.
fn table_headers(blocks: &[Block]) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut current = None;
    for (i, block) in blocks.iter().enumerate() {
        current = match block.kind {
            super::structure::Kind::Row { header: true } => Some(i),
            super::structure::Kind::Row { header: false } => current.or(Some(i)),
            _ => None,
        };
        out.push(current);
    }
    out
}

/// For each block, the index of the innermost section holding it.
fn places(blocks: &[Block], sections: &[Section]) -> Vec<Option<usize>> {
    let mut place = vec![None; blocks.len()];
    for (s, section) in sections.iter().enumerate() {
        for slot in place.get_mut(section.content.clone()).into_iter().flatten() {
            *slot = Some(s);
        }
    }
    place
}

/// For each block, the date of the nearest heading above it that names one
/// (`### Scheduled release for March 22nd, 2024`), when that date is not
/// before the meeting. The note's first heading (its title) gives none.
fn heading_dues(blocks: &[Block], ctx: &due::Context) -> Vec<Option<Due>> {
    let mut stack: Vec<(u8, Option<Due>)> = Vec::new();
    let mut out = Vec::with_capacity(blocks.len());
    let mut first = true;
    for block in blocks {
        if let Some(level) = block.heading_level() {
            stack.retain(|(l, _)| *l < level);
            let text = block.text();
            let date = match super::dates::read_date(&text, ctx.order) {
                Some(super::dates::Found::Date(d)) if !first && d >= ctx.note => Some(d),
                _ => None,
            };
            first = false;
            stack.push((level, date.map(|date| Due { date, written: text.clone(), range: 0..0 })));
        }
        out.push(stack.iter().rev().find_map(|(_, d)| d.clone()));
    }
    out
}

impl Walk<'_> {
    fn kind(&self, i: usize) -> Option<SectionKind> {
        self.place.get(i).copied().flatten().and_then(|s| self.sections.get(s)).map(|s| s.kind)
    }

    fn section(&self, i: usize) -> Option<&Section> {
        self.place.get(i).copied().flatten().and_then(|s| self.sections.get(s))
    }

    fn found(&self, i: usize, text: String, owners: Vec<Who>) -> Found {
        let block = self.blocks.get(i);
        Found {
            text,
            owners,
            checked: block.and_then(Block::task) == Some(true),
            line: block.map_or(0, |b| b.line),
            due: self.heading_due.get(i).cloned().flatten(),
            restated: self.kind(i) == Some(SectionKind::Previous),
            ..Found::default()
        }
    }

    /// What block `i` records, added to `actions` and `decisions` by block index.
    fn block(
        &self,
        i: usize,
        actions: &mut BTreeMap<(usize, usize), Found>,
        decisions: &mut BTreeMap<usize, Vec<(String, u32)>>,
    ) {
        let Some(block) = self.blocks.get(i) else { return };
        let kind = self.kind(i);
        if block.heading_level().is_some()
            || matches!(kind, Some(SectionKind::Attendees | SectionKind::Absent))
        {
            return;
        }
        if let Some(label) = section_at(self.blocks, i) {
            self.label(i, &label, actions, decisions);
            return;
        }
        if block.is_row() {
            self.row(i, kind, actions, decisions);
            return;
        }
        match kind {
            Some(SectionKind::Actions | SectionKind::Previous) => self.listed(i, actions),
            Some(SectionKind::Decisions) => self.decided(i, actions, decisions),
            _ => self.discussion(i, actions, decisions),
        }
    }

    /// `Action: …`, `AI (Maria): …`, `Decision: …`, `**Resolution:** @x will …`.
    fn label(
        &self,
        i: usize,
        label: &Section,
        actions: &mut BTreeMap<(usize, usize), Found>,
        decisions: &mut BTreeMap<usize, Vec<(String, u32)>>,
    ) {
        let rest = label.rest_text();
        let line = self.blocks.get(i).map_or(0, |b| b.line);
        if rest.is_empty() || is_placeholder(&rest) {
            return;
        }
        let previous = self.kind(i) == Some(SectionKind::Previous);
        match label.kind {
            SectionKind::Actions => {
                // `AI (Maria): …`: the owners in the label's brackets.
                let owners = bracketed(&label.head)
                    .and_then(|names| resolve(names, self.people, true))
                    .unwrap_or_default();
                actions.insert((i, 0), self.found(i, rest, owners));
            }
            SectionKind::Decisions if !previous => {
                decisions.insert(i, vec![(rest.clone(), line)]);
                self.commitment(i, &rest, actions);
            }
            _ => {}
        }
    }

    /// A row of a table in an action or decision section.
    fn row(
        &self,
        i: usize,
        kind: Option<SectionKind>,
        actions: &mut BTreeMap<(usize, usize), Found>,
        decisions: &mut BTreeMap<usize, Vec<(String, u32)>>,
    ) {
        let Some(block) = self.blocks.get(i) else { return };
        if matches!(block.kind, super::structure::Kind::Row { header: true }) {
            return;
        }
        let header = self.headers.get(i).copied().flatten().and_then(|h| self.blocks.get(h));
        let columns = header.map(Columns::of).unwrap_or_default();
        match kind {
            Some(SectionKind::Actions | SectionKind::Previous) => {
                if let Some(mut found) = columns.action(block, self.people, self.ctx) {
                    found.restated = kind == Some(SectionKind::Previous);
                    found.due = found.due.or_else(|| self.heading_due.get(i).cloned().flatten());
                    actions.insert((i, 0), found);
                }
            }
            Some(SectionKind::Decisions) => {
                let text = columns.text(block);
                if !text.is_empty() && !is_placeholder(text) {
                    decisions.insert(i, vec![(text.to_string(), block.line)]);
                }
            }
            _ => {}
        }
    }

    /// An item or line of an action section: an action unless it groups or details others.
    fn listed(&self, i: usize, actions: &mut BTreeMap<(usize, usize), Found>) {
        let Some(block) = self.blocks.get(i) else { return };
        let floor = self.section(i).map_or(0, |s| s.content.start);
        if block.is_item() {
            if self.is_group(i) || self.detail_of(i, floor).is_some() {
                return;
            }
            let mut found = self.found(i, block.text(), self.inherited_owners(i, floor));
            found.detail_owners = self.detail_owners(i);
            actions.insert((i, 0), found);
            return;
        }
        // A line of text in the section is an item too, unless it introduces a
        // list or is a remark of several sentences (`Grace is still waiting. Klarna went live.`).
        for (n, (text, line)) in logical_lines(block).into_iter().enumerate() {
            if !text.ends_with(':') && !is_placeholder(&text) && !several_sentences(&text) {
                let mut found = self.found(i, text, Vec::new());
                found.line = line;
                actions.insert((i, n), found);
            }
        }
    }

    /// An item or line of a decision section.
    fn decided(
        &self,
        i: usize,
        actions: &mut BTreeMap<(usize, usize), Found>,
        decisions: &mut BTreeMap<usize, Vec<(String, u32)>>,
    ) {
        let Some(block) = self.blocks.get(i) else { return };
        let floor = self.section(i).map_or(0, |s| s.content.start);
        let nested = self.ancestors(i, floor).next().is_some();
        if block.is_item() && (nested || super::sections::is_group_header(self.blocks, i)) {
            return;
        }
        let lines: Vec<(String, u32)> = if block.is_item() {
            vec![(block.text(), block.line)]
        } else {
            logical_lines(block).into_iter().filter(|(t, _)| !t.ends_with(':')).collect()
        };
        let lines: Vec<(String, u32)> =
            lines.into_iter().filter(|(t, _)| !t.is_empty() && !is_placeholder(t)).collect();
        if lines.is_empty() {
            return;
        }
        if let Some((text, _)) = lines.first() {
            self.commitment(i, text, actions);
        }
        decisions.insert(i, lines);
    }

    /// Anything else: a task-list item, a decision in a sentence, a commitment.
    fn discussion(
        &self,
        i: usize,
        actions: &mut BTreeMap<(usize, usize), Found>,
        decisions: &mut BTreeMap<usize, Vec<(String, u32)>>,
    ) {
        let Some(block) = self.blocks.get(i) else { return };
        let text = block.text();
        if block.task().is_some() {
            // A checkbox in an Agenda section ticks off a topic.
            if self.kind(i) != Some(SectionKind::Agenda) {
                actions.insert((i, 0), self.found(i, text, Vec::new()));
            }
            return;
        }
        if let Some(decided) = openers::decision(&text) {
            decisions.insert(i, vec![(decided.to_string(), block.line)]);
        }
        self.commitment(i, &text, actions);
    }

    /// A commitment in `text` (block `i`) as an action item.
    fn commitment(&self, i: usize, text: &str, actions: &mut BTreeMap<(usize, usize), Found>) {
        if let Some(Commitment::Made(owners, at)) = commitment(text, self.people) {
            let mut found = self.found(i, text.get(at..).unwrap_or("").to_string(), owners);
            found.owners_read = true;
            actions.entry((i, 0)).or_insert(found);
        }
    }

    /// Items nested above `i` inside the section (from `floor`), innermost first.
    fn ancestors(&self, i: usize, floor: usize) -> impl Iterator<Item = usize> + '_ {
        let mut parent = self.blocks.get(i).and_then(|b| b.parent);
        std::iter::from_fn(move || {
            let p = parent.filter(|&p| p >= floor)?;
            parent = self.blocks.get(p).and_then(|b| b.parent);
            Some(p)
        })
        .take(GROUP_DEPTH)
    }

    /// The action item `i` is a detail of: its nearest enclosing item that is
    /// not a group. A task-list item is always an item of its own.
    fn detail_of(&self, i: usize, floor: usize) -> Option<usize> {
        if self.blocks.get(i).and_then(Block::task).is_some() {
            return None;
        }
        self.ancestors(i, floor).find(|&p| !self.is_group(p))
    }

    /// A list item grouping the items under it: an owner (`- Bob:`), a
    /// heading item (`- Guests:`), or a topic whose nested items name owners
    /// while it names none.
    fn is_group(&self, j: usize) -> bool {
        let Some(block) = self.blocks.get(j).filter(|b| b.is_item() && b.has_children(j)) else {
            return false;
        };
        if self.owner_group(j).is_some() {
            return true;
        }
        let text = block.text();
        if self.names_owner(&text) {
            return false;
        }
        text.is_empty()
            || text.ends_with(':')
            || self.children(j).any(|c| c.is_item() && (c.task().is_some() || self.names_owner(&c.text())))
    }

    /// The blocks right inside block `j`, their own nested blocks skipped over.
    fn children(&self, j: usize) -> impl Iterator<Item = &Block> + '_ {
        let end = self.blocks.get(j).map_or(j, |b| b.end);
        let mut k = j + 1;
        std::iter::from_fn(move || {
            let child = self.blocks.get(k).filter(|_| k < end)?;
            k = child.end.max(k + 1);
            Some(child)
        })
    }

    /// Whether an item's text names an owner.
    fn names_owner(&self, text: &str) -> bool {
        leading(text, self.people).is_some()
            || trailing(text, self.people).is_some()
            || !mentions(text).is_empty()
    }

    /// The members named by a list item that groups items under it (`- Bob:`, `- Alice`).
    fn owner_group(&self, j: usize) -> Option<Vec<Who>> {
        let block = self.blocks.get(j).filter(|b| b.is_item() && b.has_children(j))?;
        let ids = self.people.all_members(block.text().trim_end_matches(':'))?;
        Some(ids.into_iter().map(Who::Member).collect())
    }

    /// The owners given by the nearest enclosing owner group inside the section.
    fn inherited_owners(&self, j: usize, floor: usize) -> Vec<Who> {
        self.ancestors(j, floor).find_map(|p| self.owner_group(p)).unwrap_or_default()
    }

    /// The people @mentioned in the details nested under item `i`.
    fn detail_owners(&self, i: usize) -> Vec<Who> {
        let Some(block) = self.blocks.get(i) else { return Vec::new() };
        let mut out = Vec::new();
        for k in i + 1..block.end {
            let Some(detail) = self.blocks.get(k).filter(|b| b.task().is_none()) else { continue };
            for m in mentions(&detail.text()) {
                out.push(self.people.who(&m.handle).unwrap_or_else(|| Who::Guest(format!("@{}", m.handle))));
            }
        }
        out
    }
}

/// The names in a label's brackets: `Maria` in `AI (Maria)`.
fn bracketed(head: &str) -> Option<&str> {
    let open = head.find('(')?;
    let close = head[open..].find(')')? + open;
    Some(head[open + 1..close].trim()).filter(|n| !n.is_empty())
}

/// A paragraph's lines with their file lines, a line continuing a sentence
/// (starting in lower case, or after a comma) joined to the one before.
fn logical_lines(block: &Block) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    for line in &block.lines {
        let text = line.text.trim();
        let continues = text.starts_with(|c: char| c.is_lowercase())
            || out.last().is_some_and(|(l, _)| {
                l.ends_with([',', ';', '-', '(']) || l.ends_with(" and") || l.ends_with(" or")
            });
        match out.last_mut() {
            Some((last, _)) if continues => {
                last.push(' ');
                last.push_str(text);
            }
            _ => out.push((text.to_string(), line.line)),
        }
    }
    out
}

/// Whether a line holds more than one sentence.
fn several_sentences(text: &str) -> bool {
    let t = text.trim_end();
    t.match_indices(['.', '!', '?']).any(|(i, _)| {
        let after = &t[i + 1..];
        after.starts_with(' ') && after.trim_start().starts_with(char::is_uppercase)
    })
}

/// `none`, `n/a` and the like written where a list would go.
fn is_placeholder(text: &str) -> bool {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    t.is_empty()
        || matches!(
            t.as_str(),
            "none" | "n/a" | "na" | "nothing" | "nil" | "tbd" | "no actions" | "no decisions" | "none yet"
        )
}

#[cfg(test)]
mod tests;
