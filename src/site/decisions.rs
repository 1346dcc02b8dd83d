//! `decisions/index.html`: decisions from notes dated on or before the
//! report date, newest first, grouped by month, each with the items it
//! mentions linked to where they live.
//!
//! Privacy is enforced here: a decision from a private note has no text, no
//! compromise tag and no items in its view (all three come from its text).
//! On a public site (`--public`) no decision is listed: each month counts
//! its decisions by the kind of meeting, with the items they mention ("3
//! decisions at sprint reviews, about PHX-140 and PHX-141";
//! [`super::counts::decisions_by_meeting`]), instead of a line of "Decision
//! taken at a sprint review" each.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Input;
use super::format::{self, DateView, LinkView};
use super::page::{Page, Section};
use super::paths::{self, item_anchors};
use crate::model::Visibility;

/// What a private decision reads as.
pub const PRIVATE_DECISION: &str = "A decision from a private note";

/// `decisions/index.html`.
#[derive(Debug, Serialize)]
pub struct DecisionsView {
    /// `14 decisions, 3 of them compromises.`, or empty.
    pub summary: String,
    /// Months, newest first.
    pub months: Vec<DecisionMonthView>,
    /// A public site (`--public`): no decision's text is shown.
    pub public: bool,
}

/// One month of decisions.
#[derive(Debug, Serialize)]
pub struct DecisionMonthView {
    /// `2026-10`, for the heading id.
    pub id: String,
    /// `October 2026`.
    pub label: String,
    /// Its decisions, newest first (none on a public site).
    pub decisions: Vec<DecisionRowView>,
    /// On a public site, its decisions counted by kind of meeting.
    pub counts: Vec<super::counts::DecisionCount>,
}

/// One decision.
#[derive(Debug, Serialize)]
pub struct DecisionRowView {
    /// Date of its note.
    pub date: DateView,
    /// The text, or [`PRIVATE_DECISION`].
    pub text: String,
    /// From a private note.
    pub private: bool,
    /// Tagged `#compromise`.
    pub compromise: bool,
    /// The items it mentions: linked to the latest sprint holding the item,
    /// else to the backlog; unlinked if neither has it.
    pub items: Vec<LinkView>,
    /// The note it was recorded in.
    pub note: LinkView,
}

/// Where each known item id is shown: its row in the latest sprint (started
/// by the report date) that holds it, else its row in the backlog as of the
/// report date.
pub(crate) struct ItemLinks(BTreeMap<String, String>);

impl ItemLinks {
    /// The links for `input`.
    pub(crate) fn new(input: &Input<'_>) -> ItemLinks {
        let mut links = BTreeMap::new();
        let d = input.report_date;
        if let Some(snapshot) = input.project.backlog.as_of(d, d) {
            for (id, anchor) in item_anchors(snapshot.items.iter().map(|i| i.id.as_str())) {
                links.insert(id.to_string(), paths::backlog_item_url(&anchor));
            }
        }
        // Sprints in start order: a later sprint replaces an earlier one, and
        // any sprint replaces the backlog.
        let mut sprints: Vec<_> = input.project.sprints.iter().filter(|s| s.start <= d).collect();
        sprints.sort_by_key(|s| s.start);
        for sprint in sprints {
            let Some(url) = input.paths.sprint_url(&sprint.id) else { continue };
            for (id, anchor) in item_anchors(sprint.items.iter().map(|i| i.id.as_str())) {
                links.insert(id.to_string(), format!("{url}#{anchor}"));
            }
        }
        ItemLinks(links)
    }

    /// The link for item `id`, unlinked when no page shows it.
    pub(crate) fn link(&self, id: &str) -> LinkView {
        LinkView { label: id.to_string(), url: self.0.get(id).cloned() }
    }
}

/// The decisions page.
pub fn index(input: &Input<'_>) -> Page<DecisionsView> {
    let links = ItemLinks::new(input);
    let mut months: Vec<DecisionMonthView> = Vec::new();
    // The notes of each month, newest first: what a public site counts.
    let mut month_notes: Vec<Vec<&crate::model::Note>> = Vec::new();
    let (mut total, mut compromises) = (0, 0);
    for note in input.notes.iter().rev() {
        let private = note.visibility == Visibility::Private;
        let note_link = LinkView {
            label: if private && !input.public {
                format!("Private note, {}", format::date(note.date).long)
            } else {
                input.note_name(note)
            },
            url: input.paths.note_url(&note.path),
        };
        for decision in &note.decisions {
            total += 1;
            compromises += usize::from(decision.compromise && !private);
            let id = note.date.strftime("%Y-%m").to_string();
            if months.last().is_none_or(|m| m.id != id) {
                let label = format::month(note.date);
                months.push(DecisionMonthView { id, label, decisions: Vec::new(), counts: Vec::new() });
                month_notes.push(Vec::new());
            }
            if let Some(notes) = month_notes.last_mut()
                && notes.last().is_none_or(|n| !std::ptr::eq(*n, *note))
            {
                notes.push(note);
            }
            let row = DecisionRowView {
                date: format::date(note.date),
                text: match (input.public, private) {
                    (true, _) => format::public_decision(note.kind),
                    (false, true) => PRIVATE_DECISION.to_string(),
                    (false, false) => decision.text.clone(),
                },
                private,
                compromise: decision.compromise && !private,
                items: if private {
                    Vec::new()
                } else {
                    decision.references.iter().map(|r| links.link(r)).collect()
                },
                note: note_link.clone(),
            };
            if let Some(month) = months.last_mut() {
                month.decisions.push(row);
            }
        }
    }
    if input.public {
        for (month, notes) in months.iter_mut().zip(month_notes) {
            month.decisions.clear();
            month.counts = super::counts::decisions_by_meeting(notes, &|id| links.link(id));
        }
    }
    let summary = if total == 0 {
        String::new()
    } else {
        format!(
            "{}, {compromises} of them tagged #compromise.",
            format::count(total, "decision", "decisions")
        )
    };
    Page {
        path: paths::DECISIONS.to_string(),
        template: "decisions/index.html",
        title: "Decisions".to_string(),
        section: Section::Decisions,
        view: DecisionsView { summary, months, public: input.public },
    }
}

#[cfg(test)]
mod tests;
