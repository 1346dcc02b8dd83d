//! Sprint events nobody wrote notes for. A planning, review or retro without
//! a note counts in no figure: "Sprint events with the product owner 100%"
//! over two sprints whose retros were never written down says nothing about
//! them. Listed as housekeeping, so the figures can be trusted again.

use super::{Attention, Detail, Rule, Severity, Target, rules::capped};
use crate::format;
use crate::metrics::{Window, add_days};
use crate::model::{Date, Note, NoteKind, Project, Sprint};

/// How many days after a sprint's end its review or retro may be held, and
/// how many days before its start its planning, and still belong to it.
const SLACK_DAYS: i64 = 3;

/// Whether `note` records the `kind` event of `sprint`.
fn records(note: &Note, kind: NoteKind, sprint: &Sprint) -> bool {
    if note.kind != kind {
        return false;
    }
    if note.sprint.as_deref() == Some(sprint.id.as_str()) {
        return true;
    }
    let (from, to) = match kind {
        NoteKind::Planning => (add_days(sprint.start, -SLACK_DAYS), sprint.end),
        _ => (sprint.start, add_days(sprint.end, SLACK_DAYS)),
    };
    from <= note.date && note.date <= to
}

/// The sprint events in the window with no note: plannings of sprints that
/// started in it, reviews and retros of sprints that ended in it (before the
/// date: a retro on the last day may not be written up yet).
pub(super) fn unrecorded_events(project: &Project, notes: &[&Note], window: &Window) -> Option<Attention> {
    let date = window.to;
    let mut missing: Vec<(Date, &Sprint, &str)> = Vec::new();
    for sprint in &project.sprints {
        let mut due: Vec<(NoteKind, &str, Date)> = Vec::new();
        if window.contains(sprint.start) && sprint.start <= date {
            due.push((NoteKind::Planning, "planning", sprint.start));
        }
        if window.contains(sprint.end) && sprint.end < date {
            due.push((NoteKind::Review, "review", sprint.end));
            due.push((NoteKind::Retro, "retrospective", sprint.end));
        }
        for (kind, word, when) in due {
            if !notes.iter().any(|n| records(n, kind, sprint)) {
                missing.push((when, sprint, word));
            }
        }
    }
    let (first, _, _) = *missing.first()?;
    let count = missing.len();
    let details = missing
        .iter()
        .map(|(when, sprint, word)| Detail {
            text: format!("{} {word} ({})", sprint.name, format::date(*when).short),
            target: Some(Target::Sprint(sprint.id.clone())),
        })
        .collect();
    let (noun, verb) = if count == 1 { ("sprint event has", "its") } else { ("sprint events have", "their") };
    Some(Attention {
        severity: Severity::Housekeeping,
        rule: Rule::UnrecordedEvents,
        text: format!(
            "{count} {noun} no meeting notes in the last {} days: add {verb} notes, or the figures about sprint events leave them out",
            window.days
        ),
        target: missing.first().map(|(_, s, _)| Target::Sprint(s.id.clone())),
        details: capped(details),
        since: first,
    })
}
