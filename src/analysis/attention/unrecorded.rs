//! Sprint events nobody wrote notes for. A planning, review or retro without
//! a note counts in no figure: "Sprint events with the product owner 100%"
//! over two sprints whose retros were never written down says nothing about
//! them. Listed as housekeeping, so the figures can be trusted again.

use super::{Attention, Detail, Rule, Severity, Target, rules::capped};
use crate::format;
use crate::metrics::{Timeline, Window, add_days};
use crate::model::{Date, NoteKind, Sprint};

/// How many days after a sprint's end its review or retro may be held, and
/// how many days before its start its planning, and still belong to it.
const SLACK_DAYS: i64 = 3;

/// Whether a note dated on or before `date` records the `kind` event of
/// `sprint`: a note of that kind that names the sprint, or one dated from
/// the sprint's start to its end (a planning up to [`SLACK_DAYS`] before
/// it, a review or retro up to [`SLACK_DAYS`] after). Both are looked up,
/// not searched for among every note: the feed asks this for every week.
fn recorded(timeline: &Timeline<'_>, kind: NoteKind, sprint: &Sprint, date: Date) -> bool {
    let named = timeline.sprint_notes(&sprint.id).iter().take_while(|n| n.date <= date).any(|n| n.is(kind));
    let (from, to) = match kind {
        NoteKind::Planning => (add_days(sprint.start, -SLACK_DAYS), sprint.end),
        _ => (sprint.start, add_days(sprint.end, SLACK_DAYS)),
    };
    named || timeline.notes_between(from, to.min(date)).iter().any(|n| n.is(kind))
}

/// The sprint events in the window with no note: plannings of sprints that
/// started in it, reviews and retros of sprints that ended in it (before the
/// date: a retro on the last day may not be written up yet).
pub(super) fn unrecorded_events(timeline: &Timeline<'_>, window: &Window) -> Option<Attention> {
    let project = timeline.project;
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
            if !recorded(timeline, kind, sprint, date) {
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
            public_text: None,
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
        public_text: None,
        target: missing.first().map(|(_, s, _)| Target::Sprint(s.id.clone())),
        details: capped(details),
        since: first,
    })
}
