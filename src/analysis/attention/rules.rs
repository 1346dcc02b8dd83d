//! The rules of "needs attention", one function each, all pure.

use super::{Attention, Detail, Facts, MAX_DETAILS, Rule, Severity, Target, URGENT_AFTER_DAYS};
use crate::format;
use crate::metrics::{Timeline, Window, days_between};
use crate::model::actions::TrackedAction;
use crate::model::timeline::{ScopeChange, scope_changes};
use crate::model::{Date, Note, Project, Role, Sprint};

fn day(d: Date) -> String {
    format::date(d).short
}

/// Names of member ids and guests, `no owner` when there are none.
fn owners(project: &Project, ids: &[String], guests: &[String]) -> String {
    if ids.is_empty() && guests.is_empty() {
        return "no owner".to_string();
    }
    format::and_list(&format::owners(&project.team, ids, guests))
}

/// Keeps the first [`MAX_DETAILS`] lines and says how many were left out.
pub(super) fn capped(mut details: Vec<Detail>) -> Vec<Detail> {
    if details.len() > MAX_DETAILS {
        let more = details.len() - MAX_DETAILS;
        details.truncate(MAX_DETAILS);
        details.push(Detail { text: format!("and {more} more"), public_text: None, target: None });
    }
    details
}

/// The sprint page target, for sprints that have started (only those have pages).
fn sprint_target(sprint: &Sprint, date: Date) -> Option<Target> {
    (sprint.start <= date).then(|| Target::Sprint(sprint.id.clone()))
}

pub(super) fn open_impediments(project: &Project, date: Date) -> Vec<Attention> {
    let mut found = Vec::new();
    for sprint in &project.sprints {
        for imp in &sprint.impediments {
            if imp.raised > date || imp.resolved.is_some_and(|r| r <= date) {
                continue;
            }
            let open = days_between(date, imp.raised);
            let owner = imp.owner.as_ref().map_or_else(
                || "no owner".to_string(),
                |o| format::names(&project.team, std::slice::from_ref(o)).join(""),
            );
            let age = if open == 0 {
                "raised today".to_string()
            } else {
                format!("open for {}", format::days(open as f64))
            };
            found.push(Attention {
                severity: if open > URGENT_AFTER_DAYS { Severity::Urgent } else { Severity::Important },
                rule: Rule::OpenImpediment,
                text: format!("Impediment {age}: {} ({owner}, {})", imp.title, sprint.name),
                public_text: None,
                target: sprint_target(sprint, date),
                details: Vec::new(),
                since: imp.raised,
            });
        }
    }
    found
}

pub(super) fn low_readiness(facts: &Facts<'_>) -> Option<Attention> {
    let backlog = facts.backlog?;
    let readiness = backlog.readiness_sprints.filter(|r| *r < 1.0)?;
    let velocity = facts.velocity?;
    Some(Attention {
        severity: if readiness < 0.5 { Severity::Urgent } else { Severity::Important },
        rule: Rule::LowReadiness,
        text: format!(
            "Less than one sprint of ready work: {} ready against a velocity of {} a sprint",
            format::points(backlog.ready_points),
            format::points(velocity)
        ),
        public_text: None,
        target: Some(Target::Backlog),
        details: Vec::new(),
        since: Date::MIN,
    })
}

/// `notes` are those dated on or before `date`, by date then path.
pub(super) fn overdue_actions(
    project: &Project,
    notes: &[&Note],
    tracked: &[TrackedAction],
    date: Date,
) -> Vec<Attention> {
    tracked
        .iter()
        .filter(|a| a.overdue_at(date))
        .filter_map(|a| {
            let due = a.due?;
            let late = days_between(date, due);
            // The raising note is dated a.raised: look among that day's notes only.
            let day_from = notes.partition_point(|n| n.date < a.raised);
            let note =
                notes[day_from..].iter().take_while(|n| n.date == a.raised).find(|n| *n.path == *a.note);
            let private = a.private;
            let what = if private {
                "An action item from a private note".to_string()
            } else {
                format!("“{}”", a.text)
            };
            let raised = note.map(|n| Detail {
                text: format!("Raised at {} on {}", n.title, day(n.date)),
                public_text: Some(format!("Raised on {} ({})", day(n.date), format::meeting(n.kind))),
                target: Some(Target::Note(n.path.clone())),
            });
            let rest = format!(
                "is {} overdue ({}, due {})",
                format::days(late as f64),
                owners(project, &a.owners, &a.guests),
                day(due)
            );
            Some(Attention {
                severity: if late > URGENT_AFTER_DAYS { Severity::Urgent } else { Severity::Important },
                rule: Rule::OverdueAction,
                text: format!("{what} {rest}"),
                public_text: Some(format!("An action item raised on {} {rest}", day(a.raised))),
                target: Some(Target::Actions),
                details: raised.into_iter().collect(),
                since: due,
            })
        })
        .collect()
}

pub(super) fn missed_events(project: &Project, notes: &[&Note], window: &Window) -> Vec<Attention> {
    let team = &project.team;
    // Only events that say who attended: unknown attendance is not absence.
    let events: Vec<&Note> = notes
        .iter()
        .copied()
        .filter(|n| window.contains(n.date) && n.is_sprint_event() && n.attendance_known())
        .collect();
    let mut found = Vec::new();
    for (role, word) in [(Role::ProductOwner, "product owner"), (Role::ScrumMaster, "scrum master")] {
        if !team.members.iter().any(|m| m.role == role) {
            continue;
        }
        let missed: Vec<&&Note> = events.iter().filter(|n| !n.has_role(team, role)).collect();
        let Some(first) = missed.first() else { continue };
        let who = match team.sole(role) {
            Some(m) => format!("The {word}, {},", m.name),
            None => format!("The {word}"),
        };
        let details = missed
            .iter()
            .map(|n| Detail {
                text: format!("{}: {}", day(n.date), n.title),
                public_text: Some(format!("{}: {}", day(n.date), format::meeting(n.kind))),
                target: Some(Target::Note(n.path.clone())),
            })
            .collect();
        found.push(Attention {
            severity: Severity::Important,
            rule: Rule::MissedEvents,
            text: format!(
                "{who} missed {} of {} sprint events in the last {} days",
                missed.len(),
                events.len(),
                window.days
            ),
            public_text: None,
            target: Some(Target::Note(first.path.clone())),
            details: capped(details),
            since: first.date,
        });
    }
    found
}

pub(super) fn unagreed_scope_changes(timeline: &Timeline<'_>, window: &Window) -> Vec<Attention> {
    // The same scope changes and the same test for a decision behind them as
    // negotiated_scope_change_share, so the list never contradicts the figure.
    let project = timeline.project;
    let unagreed: Vec<ScopeChange> =
        scope_changes(project, window).into_iter().filter(|c| !timeline.negotiated(c, window.to)).collect();
    let mut found = Vec::new();
    for sprint in &project.sprints {
        let mut changes: Vec<(Date, String)> = unagreed
            .iter()
            .filter(|c| c.sprint == sprint.id)
            .map(|c| {
                let title = sprint.items.iter().find(|i| i.id == c.item).map_or("", |i| i.title.as_str());
                let how = if c.removed { "removed" } else { "added" };
                (c.date, format!("{} “{}” was {how} on {}", c.item, title, day(c.date)))
            })
            .collect();
        changes.sort();
        let Some((since, only)) = changes.first().cloned() else { continue };
        let text = match changes.len() {
            1 => format!("{} ({}) with no decision recorded", only, sprint.name),
            n => format!("{n} scope changes to {} with no decision recorded", sprint.name),
        };
        let details = if changes.len() == 1 {
            Vec::new()
        } else {
            changes.into_iter().map(|(_, text)| Detail { text, public_text: None, target: None }).collect()
        };
        found.push(Attention {
            severity: Severity::Important,
            rule: Rule::UnagreedScopeChange,
            text,
            public_text: None,
            target: sprint_target(sprint, window.to),
            details: capped(details),
            since,
        });
    }
    found
}

pub(super) fn stale_items(project: &Project, date: Date, report_date: Date) -> Option<Attention> {
    let snapshot = project.backlog.as_of(date, report_date)?;
    let stale_days = project.settings.stale_days;
    let mut stale: Vec<(i64, String)> = snapshot
        .items
        .iter()
        .filter(|i| crate::metrics::backlog::is_stale(i, date, stale_days))
        .map(|i| (days_between(date, i.last_touch()), i))
        .map(|(idle, i)| (idle, format!("{} “{}”: untouched for {idle} days", i.id, i.title)))
        .collect();
    stale.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let oldest = stale.first()?.0;
    let text = match stale.len() {
        1 => format!("1 backlog item untouched for more than {stale_days} days"),
        n => format!("{n} backlog items untouched for more than {stale_days} days"),
    };
    Some(Attention {
        severity: Severity::Housekeeping,
        rule: Rule::StaleItems,
        text,
        public_text: None,
        target: Some(Target::Backlog),
        details: capped(
            stale.into_iter().map(|(_, text)| Detail { text, public_text: None, target: None }).collect(),
        ),
        since: crate::metrics::add_days(date, -oldest),
    })
}
