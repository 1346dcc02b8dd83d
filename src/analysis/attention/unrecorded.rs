//! Sprint events nobody wrote notes for. A planning, review or retro without
//! a note counts in no figure: "Sprint events with the product owner 100%"
//! over two sprints whose retros were never written down says nothing about
//! them. Listed as housekeeping, so the figures can be trusted again.

use super::{Group, Headline, Item, Severity, Subject, Target};
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
pub(super) fn unrecorded_events(timeline: &Timeline<'_>, window: &Window) -> Option<Group> {
    let project = timeline.project;
    let date = window.to;
    let mut items = Vec::new();
    for sprint in &project.sprints {
        let mut due: Vec<(NoteKind, Date)> = Vec::new();
        if window.contains(sprint.start) && sprint.start <= date {
            due.push((NoteKind::Planning, sprint.start));
        }
        if window.contains(sprint.end) && sprint.end < date {
            due.push((NoteKind::Review, sprint.end));
            due.push((NoteKind::Retro, sprint.end));
        }
        for (kind, when) in due {
            if !recorded(timeline, kind, sprint, date) {
                items.push(Item {
                    severity: Severity::Housekeeping,
                    subject: Subject::Unrecorded { sprint: sprint.name.clone(), kind, date: when },
                    target: Some(Target::Sprint(sprint.id.clone())),
                    since: when,
                });
            }
        }
    }
    let first = items.first()?.target.clone();
    let headline = Headline::UnrecordedEvents { count: items.len(), window_days: window.days };
    Some(Group::of(headline, first, items, Severity::Housekeeping))
}
