//! What the stakeholder site (`--public`) says instead of lists: counts.
//!
//! A public site quotes no note, so a list of its action items or decisions
//! is a list of "Action item 12" and "Decision taken at a PO and SM sync",
//! with the owner of every late item beside it. It says what happened
//! instead: action items counted by state and by the month they were
//! raised, decisions counted by the kind of meeting with the items they
//! concern, the rows behind an indicator counted by month.

use serde::Serialize;

use super::format::{self, LinkView};
use super::paths;
use crate::indicators::{InputRow, Source};
use crate::metrics::days_between;
use crate::model::actions::TrackedAction;
use crate::model::{Date, Note, NoteKind, Visibility};

/// How many item ids a decision count names before "and N more items".
pub const MAX_ITEMS: usize = 5;

/// Decisions of one kind of meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionCount {
    /// `review`.
    pub kind: &'static str,
    /// How many.
    pub count: usize,
    /// `3 decisions at sprint reviews, about PHX-140 and PHX-141; 1 of them a compromise`.
    pub text: String,
    /// The same without the items, for pages that link them:
    /// `3 decisions at sprint reviews; 1 of them a compromise`.
    pub head: String,
    /// The items they mention, linked where a page shows them (at most [`MAX_ITEMS`]).
    pub items: Vec<LinkView>,
    /// How many more items they mention.
    pub more_items: usize,
}

/// The decisions of `notes` (newest first), counted by the note's kind of
/// meeting, the kind with the newest decision first. `link` finds an item's
/// page. A decision of a private note counts, but its items and its
/// compromise tag (both read from its text) do not.
pub fn decisions_by_meeting<'a>(
    notes: impl IntoIterator<Item = &'a Note>,
    link: &dyn Fn(&str) -> LinkView,
) -> Vec<DecisionCount> {
    // (kind, decisions, compromises, items in first-seen order)
    let mut kinds: Vec<(NoteKind, usize, usize, Vec<&str>)> = Vec::new();
    for note in notes {
        let private = note.visibility == Visibility::Private;
        for decision in &note.decisions {
            let at = match kinds.iter().position(|k| k.0 == note.kind) {
                Some(at) => at,
                None => {
                    kinds.push((note.kind, 0, 0, Vec::new()));
                    kinds.len() - 1
                }
            };
            let entry = &mut kinds[at];
            entry.1 += 1;
            if private {
                continue;
            }
            entry.2 += usize::from(decision.compromise);
            for item in &decision.references {
                if !entry.3.contains(&item.as_str()) {
                    entry.3.push(item);
                }
            }
        }
    }
    kinds
        .into_iter()
        .map(|(kind, count, compromises, items)| {
            let meetings = format!(
                "{} {}",
                format::count(count, "decision", "decisions"),
                format::at_meetings(kind, count)
            );
            let tag = match (count, compromises) {
                (_, 0) => String::new(),
                (1, _) => "; a compromise".to_string(),
                (_, 1) => "; 1 of them a compromise".to_string(),
                (_, n) => format!("; {n} of them compromises"),
            };
            let more_items = items.len().saturating_sub(MAX_ITEMS);
            let about = if items.is_empty() {
                String::new()
            } else {
                let mut named: Vec<String> = items.iter().take(MAX_ITEMS).map(|i| i.to_string()).collect();
                if more_items > 0 {
                    named.push(format!("{more_items} more"));
                }
                format!(", about {}", format::and_list(&named))
            };
            DecisionCount {
                kind: kind.as_str(),
                count,
                text: format!("{meetings}{about}{tag}"),
                head: format!("{meetings}{tag}"),
                items: items.iter().take(MAX_ITEMS).map(|i| link(i)).collect(),
                more_items,
            }
        })
        .collect()
}

/// Action items by state, then by the month they were raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    /// Overdue, open, done: one line each, with the anchor the team's page
    /// gives the same group (`group-overdue`), so links work on both sites.
    pub states: Vec<StateLine>,
    /// Months with action items raised, newest first.
    pub months: Vec<ActionMonth>,
}

/// One state's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateLine {
    /// `group-overdue`.
    pub anchor: &'static str,
    /// `3 overdue, oldest 45 days`.
    pub text: String,
}

/// The action items raised in one month, by their state on the report date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionMonth {
    /// `2026-10`.
    pub id: String,
    /// `October 2026`.
    pub label: String,
    /// Raised that month.
    pub raised: usize,
    /// Of those, done by the report date.
    pub done: usize,
    /// Of those, open and not yet due (or without a due date).
    pub open: usize,
    /// Of those, overdue.
    pub overdue: usize,
}

/// `tracked` counted as of `date`.
pub fn actions(tracked: &[TrackedAction], date: Date) -> ActionCounts {
    let overdue: Vec<&TrackedAction> = tracked.iter().filter(|a| a.overdue_at(date)).collect();
    let done = tracked.iter().filter(|a| a.done_by(date)).count();
    let open: Vec<&TrackedAction> =
        tracked.iter().filter(|a| !a.overdue_at(date) && !a.done_by(date)).collect();
    let oldest = overdue.iter().filter_map(|a| a.due).min().map(|due| days_between(date, due));
    let undated = open.iter().filter(|a| a.due.is_none()).count();
    let states = vec![
        StateLine {
            anchor: "group-overdue",
            text: match oldest {
                Some(days) => format!("{} overdue, oldest {}", overdue.len(), format::days(days as f64)),
                None => "Nothing is overdue".to_string(),
            },
        },
        StateLine {
            anchor: "group-open",
            text: match (open.len(), undated) {
                (n, 0) => format!("{n} open and not yet due"),
                (n, u) if u == n => format!("{n} open, with no due date"),
                (n, u) => format!("{n} open: {} not yet due, {u} with no due date", n - u),
            },
        },
        StateLine { anchor: "group-done", text: format!("{done} done") },
    ];
    let mut months: Vec<ActionMonth> = Vec::new();
    // `tracked` is by raised date: months come in order, newest pushed last.
    for a in tracked.iter().filter(|a| a.raised <= date) {
        let id = a.raised.strftime("%Y-%m").to_string();
        if months.last().is_none_or(|m| m.id != id) {
            let label = format::month(a.raised);
            months.push(ActionMonth { id, label, raised: 0, done: 0, open: 0, overdue: 0 });
        }
        if let Some(m) = months.last_mut() {
            m.raised += 1;
            match (a.done_by(date), a.overdue_at(date)) {
                (true, _) => m.done += 1,
                (false, true) => m.overdue += 1,
                (false, false) => m.open += 1,
            }
        }
    }
    months.reverse();
    ActionCounts { states, months }
}

/// The rows behind an indicator as a public site lists them: action items
/// and decisions counted by month and by whether they counted (one line per
/// anonymous item says nothing), every other row as `row` makes it.
///
/// `counted(n, noun, page, date, counts)` makes the line of `n` rows of one
/// kind (`noun` is `action item` or `decision`, `page` where they are
/// listed) dated in `date`'s month that count, or not, towards the figure.
pub fn public_rows<'a, R>(
    rows: impl IntoIterator<Item = &'a InputRow>,
    row: impl Fn(&InputRow) -> R,
    counted: impl Fn(usize, &'static str, &'static str, Date, bool) -> R,
) -> Vec<R> {
    // (kind, month, counted) -> (position in the output, how many)
    let mut groups: Vec<(&'static str, String, bool, usize, Date)> = Vec::new();
    let mut out: Vec<Option<R>> = Vec::new();
    for r in rows {
        let kind = match r.source {
            Source::Action { .. } => "action item",
            Source::Decision { .. } => "decision",
            _ => {
                out.push(Some(row(r)));
                continue;
            }
        };
        let month = r.date.strftime("%Y-%m").to_string();
        match groups.iter_mut().find(|g| g.0 == kind && g.1 == month && g.2 == r.counted) {
            Some(g) => g.3 += 1,
            None => {
                groups.push((kind, month, r.counted, 1, r.date));
                out.push(None);
            }
        }
    }
    // Fill each group's place, in the order the groups first appeared.
    let mut filled = groups.into_iter();
    out.into_iter()
        .filter_map(|slot| match slot {
            Some(r) => Some(r),
            None => filled.next().map(|(kind, _, was_counted, n, date)| {
                let page = if kind == "decision" { paths::DECISIONS } else { paths::ACTIONS };
                counted(n, kind, page, date, was_counted)
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests;
