//! Meeting notes: front matter, or everything inferred from the Markdown.
//!
//! A note is read in stages: `frontmatter` cuts off and reads the YAML;
//! `structure` turns the Markdown into a flat list of blocks from
//! pulldown-cmark events; `sections` finds named headings and labels; then
//! `attendees`, `items` (action items and decisions, via `openers`,
//! `owners`, `due`, `tables` and `action`), `kind` and `dates` read what the
//! note says, and `unread` names the lines that look like items but were
//! not read. `explain` prints all of it for `tandem check --explain`.
//! docs/data.md ("notes/**/*.md") is the contract.

mod action;
mod attendees;
mod dates;
mod due;
pub mod explain;

mod frontmatter;
mod items;
mod kind;
mod mistakes;
mod openers;
mod owners;
mod people;
mod sections;
mod structure;
mod tables;
mod twins;
mod unread;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostics;
use crate::model::{Attendee, Date, DateOrder, Note, NoteKind, Sprint, Team};

use people::People;
use structure::Block;

/// What a note is read against.
pub struct NoteContext<'a> {
    /// Members, names and aliases to match attendees and owners.
    pub team: &'a Team,
    /// Sprints, to find the sprint a note belongs to.
    pub sprints: &'a [Sprint],
    /// How `03/04/2026` is read (`date_order` in tandem.yaml).
    pub date_order: Option<DateOrder>,
}

/// Reads one note; `None` when it is skipped (reported in `diags`).
///
/// `path` is relative to the data folder with `/` separators; every
/// diagnostic names it with the line and column of the file. Decision
/// references are left empty for the caller to fill with [`find_references`].
pub fn parse_note(path: &str, source: &str, ctx: &NoteContext<'_>, diags: &mut Diagnostics) -> Option<Note> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let text = source.replace("\r\n", "\n").replace('\r', "\n");
    let Ok(split) = frontmatter::split(&text) else {
        diags.error(
            path,
            Some((1, 1)),
            "front matter starts with --- but never ends (did you forget the closing ---?)",
        );
        return None;
    };
    let errors_before = diags.counts().0;
    let front = match split.yaml {
        Some(text) => frontmatter::read(text, split.format, path, ctx.sprints, diags),
        None => frontmatter::FrontMatter::default(),
    };
    // A broken front matter may well hold the date: its error already says what to fix.
    let front_matter_failed = diags.counts().0 > errors_before;
    let blocks = structure::blocks(split.body, split.body_line, &sections::starts_block);
    let stem = file_stem(path);
    let date = match front.date.or_else(|| dates::find_iso(stem)) {
        Some(date) => Some(date),
        None => date_in_body(&blocks, ctx.date_order, path, stem, diags, front_matter_failed),
    };
    let date = date?;
    let title = front.title.or_else(|| first_title(&blocks)).unwrap_or_else(|| stem.to_string());
    let people = People::new(ctx.team);
    let sections = sections::all(&blocks);
    let attendance = match &front.attendees {
        Some(list) => attendees::Attendance {
            attendees: attendees::from_entries(list, &people, ctx.team),
            recorded: true,
            unreadable: None,
        },
        None => attendees::from_body(&blocks, &sections, &people, ctx.team),
    };
    let people = people.with_guests(&attendance.attendees);
    let sprint = front.sprint.or_else(|| ctx.sprints.iter().find(|s| s.contains(date)).map(|s| s.id.clone()));
    let sprint_end = sprint.as_ref().and_then(|id| ctx.sprints.iter().find(|s| &s.id == id)).map(|s| s.end);
    let due_ctx = due::Context { note: date, sprint_end, order: ctx.date_order };
    let reading = items::read(&blocks, &sections, &people, &due_ctx);
    warn_about_guest_owners(path, &text, &reading.actions, &attendance.attendees, &people, diags);
    let folders: Vec<&str> = path.split('/').collect();
    let folders = folders.get(..folders.len().saturating_sub(1)).unwrap_or(&[]);
    let mut kinds = match front.kind {
        Some(kind) => vec![kind],
        None => kind::infer_all(&title, stem, folders),
    };
    let kind = if kinds.is_empty() { NoteKind::Other } else { kinds.remove(0) };
    let note = Note {
        path: path.to_string(),
        date,
        kind,
        also: kinds,
        title,
        attendees: attendance.attendees,
        attendance_recorded: attendance.recorded,
        sprint,
        visibility: front.visibility.unwrap_or_default(),
        body: split.body.to_string(),
        body_line: split.body_line,
        actions: reading.actions,
        decisions: reading.decisions,
        unread: reading.unread,
    };
    if !note.attendance_recorded {
        warn_about_attendance(&note, attendance.unreadable, diags);
    }
    mistakes::check(&note, &blocks, ctx, diags);
    Some(note)
}

/// A sprint event, refinement or sync whose attendees cannot be read: its
/// attendance figures will not know who was there (docs/data.md).
fn warn_about_attendance(note: &Note, unreadable: Option<u32>, diags: &mut Diagnostics) {
    let needs = |k: NoteKind| k.is_sprint_event() || matches!(k, NoteKind::Refinement | NoteKind::Sync);
    let kinds: Vec<&str> = note.kinds().filter(|k| needs(*k)).map(NoteKind::as_str).collect();
    if kinds.is_empty() {
        return;
    }
    let what = kinds.join(" and ");
    let message = match unreadable {
        Some(_) => format!(
            "the attendee section of this {what} names nobody tandem can read, so who attended is unknown (not absent) in the figures; list one person per line or item"
        ),
        None => format!(
            "who attended this {what} is not recorded (no front-matter `attendees` and no Attendees section), so it is unknown (not absent) in the figures"
        ),
    };
    diags.warning(&note.path, Some((unreadable.unwrap_or(1), 1)), message);
}

/// One warning per owner matching no member (docs/data.md): the note, the line,
/// the column where the name is written, and the closest member. A guest the
/// note lists among its attendees is expected there, so not warned about.
fn warn_about_guest_owners(
    path: &str,
    text: &str,
    actions: &[crate::model::NoteAction],
    attendees: &[Attendee],
    people: &People,
    diags: &mut Diagnostics,
) {
    let attending = |name: &str| {
        attendees.iter().any(|a| match a {
            Attendee::Guest(g) => {
                g.trim_start_matches('@').eq_ignore_ascii_case(name.trim_start_matches('@'))
            }
            Attendee::Member(_) => false,
        })
    };
    let lines: Vec<&str> = text.lines().collect();
    for action in actions {
        for guest in action.guests.iter().filter(|g| !attending(g)) {
            let line = lines.get(action.line.saturating_sub(1) as usize).copied().unwrap_or("");
            let col = line.find(guest.as_str()).map_or(1, |i| line[..i].chars().count() + 1);
            let hint = match people.closest(guest) {
                Some(id) => format!(" (did you mean `{id}`?)"),
                None => String::new(),
            };
            diags.warning(
                path,
                Some((action.line, u32::try_from(col).unwrap_or(1))),
                format!(
                    "action item owner `{guest}` is not a team member or an attendee{hint}; shown by name as a guest"
                ),
            );
        }
    }
}

/// The file name without folders and extension.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}

/// The first date in the first heading, else in the first line whose label
/// holds the word `Date` (`**Date:** 8 March 2019`). When there is none, the
/// note is skipped with a warning (none when its front matter already failed)
/// that names the `Date` line looked at, if there is one.
fn date_in_body(
    blocks: &[Block],
    order: Option<DateOrder>,
    path: &str,
    stem: &str,
    diags: &mut Diagnostics,
    quiet: bool,
) -> Option<Date> {
    let heading = blocks.iter().find(|b| b.heading_level().is_some());
    let heading = heading.map(|h| (h.line, h.text()));
    let label = blocks
        .iter()
        .flat_map(|b| &b.lines)
        .find_map(|l| sections::date_label(&l.text).map(|rest| (l.line, rest.to_string())));
    let mut ambiguous = None;
    for (line, text) in heading.iter().chain(label.iter()) {
        match dates::read_date(text, order) {
            Some(dates::Found::Date(date)) => return Some(date),
            Some(dates::Found::Ambiguous(written)) => {
                ambiguous.get_or_insert((*line, written));
            }
            None => {}
        }
    }
    if quiet {
        return None;
    }
    // `2026-11-31` is written as it should be, but no such day exists.
    let impossible = [(label.as_ref(), "on the Date line"), (heading.as_ref(), "in the first heading")]
        .into_iter()
        .find_map(|(found, place)| {
            found.and_then(|(line, t)| dates::impossible(t).map(|i| (Some(*line), i, place)))
        })
        .or_else(|| dates::impossible(stem).map(|i| (None, i, "in the file name")));
    if let Some((line, (written, why), place)) = impossible {
        diags.warning(
            path,
            line.map(|l| (l, 1)),
            format!("`{written}` {place} is not a real calendar date ({why}); note skipped"),
        );
    } else if let Some((line, written)) = ambiguous {
        diags.warning(
            path,
            Some((line, 1)),
            format!(
                "`{written}` could be day/month or month/day; set `date_order: dmy` or `date_order: mdy` in tandem.yaml; note skipped"
            ),
        );
    } else if let Some((line, text)) = label {
        diags.warning(
            path,
            Some((line, 1)),
            format!(
                "no date in front matter or file name, and none this reader knows on the Date line (\"{}\"; write it as YYYY-MM-DD); note skipped",
                text.trim()
            ),
        );
    } else {
        diags.warning(path, None, "no date in front matter, file name or first heading; note skipped");
    }
    None
}

/// The text of the first level-1 heading, if it has any.
fn first_title(blocks: &[Block]) -> Option<String> {
    let title = blocks.iter().find(|b| b.heading_level() == Some(1)).map(Block::text)?;
    Some(structure::visible(&title)).filter(|t| !t.is_empty())
}

/// Ids from `ids` that appear in `text` as whole words: not preceded or
/// followed by a letter, digit, `-` or `_` (so `K-1` is not found in `K-11`).
/// Sorted, without repeats.
pub fn find_references(text: &str, ids: &BTreeSet<String>) -> Vec<String> {
    ItemIds::new(ids).find(text)
}

/// Characters that continue a word around an id (docs/data.md: letter, digit, `-`, `_`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Item ids indexed once, so each decision is matched in time proportional to
/// its own length rather than to the number of ids.
pub struct ItemIds<'a> {
    /// Ids made only of word characters: a whole-word occurrence of such an id
    /// is exactly one maximal run of word characters in the text.
    words: std::collections::HashSet<&'a str>,
    /// Ids with other characters (a space, a dot), searched for one by one.
    others: Vec<&'a str>,
}

impl<'a> ItemIds<'a> {
    /// Indexes `ids`.
    pub fn new(ids: &'a BTreeSet<String>) -> Self {
        let (words, others): (Vec<&str>, Vec<&str>) = ids
            .iter()
            .map(String::as_str)
            .filter(|id| !id.is_empty())
            .partition(|id| id.chars().all(is_word_char));
        ItemIds { words: words.into_iter().collect(), others }
    }

    /// The ids that appear in `text` as whole words, sorted, without repeats.
    pub fn find(&self, text: &str) -> Vec<String> {
        let mut found: BTreeSet<&str> =
            text.split(|c: char| !is_word_char(c)).filter(|run| self.words.contains(run)).collect();
        for id in &self.others {
            let whole = text.match_indices(id).any(|(i, _)| {
                let before = text.get(..i).and_then(|s| s.chars().next_back());
                let after = text.get(i + id.len()..).and_then(|s| s.chars().next());
                !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
            });
            if whole {
                found.insert(id);
            }
        }
        found.into_iter().map(str::to_string).collect()
    }
}
