//! The rules of "needs attention", one function each, all pure: each finds
//! the things of one kind and returns them as a [`Group`] of facts.

use super::{Facts, Group, Headline, Item, Severity, Subject, Target, URGENT_AFTER_DAYS};
use crate::indicators::Indicator;
use crate::metrics::{Timeline, Window, days_between};
use crate::model::timeline::{ScopeChange, scope_changes};
use crate::model::{Date, Note, Project, Role, Sprint};

/// The sprint page target, for sprints that have started (only those have pages).
fn started(sprint: &Sprint, date: Date, target: Target) -> Option<Target> {
    (sprint.start <= date).then_some(target)
}

/// Urgent once older than [`URGENT_AFTER_DAYS`].
fn by_age(days: i64) -> Severity {
    if days > URGENT_AFTER_DAYS { Severity::Urgent } else { Severity::Important }
}

pub(super) fn open_impediments(project: &Project, date: Date) -> Option<Group> {
    let mut items = Vec::new();
    for sprint in &project.sprints {
        for (i, imp) in sprint.impediments.iter().enumerate() {
            if imp.raised > date || imp.resolved.is_some_and(|r| r <= date) {
                continue;
            }
            let open_days = days_between(date, imp.raised);
            let target = Target::Impediment { sprint: sprint.id.clone(), n: i + 1 };
            items.push(Item {
                severity: by_age(open_days),
                subject: Subject::Impediment {
                    title: imp.title.clone(),
                    sprint: sprint.name.clone(),
                    owner: imp.owner.clone(),
                    open_days,
                },
                target: started(sprint, date, target),
                since: imp.raised,
            });
        }
    }
    let oldest = items.iter().map(|i| i.since).min()?;
    let headline = Headline::OpenImpediments { count: items.len(), oldest_days: days_between(date, oldest) };
    let mut group = Group::of(headline, None, items, Severity::Important);
    // The oldest one's page: the sprint it blocks.
    group.target = group.items.iter().min_by_key(|i| i.since).and_then(|i| i.target.clone());
    Some(group)
}

pub(super) fn low_readiness(facts: &Facts<'_>) -> Option<Group> {
    let backlog = facts.backlog?;
    let readiness = backlog.readiness_sprints.filter(|r| *r < 1.0)?;
    let velocity = facts.velocity?;
    let severity = if readiness < 0.5 { Severity::Urgent } else { Severity::Important };
    let headline = Headline::LowReadiness { ready_points: backlog.ready_points, velocity };
    Some(Group::of(headline, Some(Target::Explain(Indicator::ReadinessSprints)), Vec::new(), severity))
}

/// `notes` are those dated on or before `date`, by date then path.
pub(super) fn overdue_actions(notes: &[&Note], facts: &Facts<'_>, date: Date) -> Option<Group> {
    let items: Vec<Item> = facts
        .tracked
        .iter()
        .enumerate()
        .filter(|(_, a)| a.overdue_at(date))
        .filter_map(|(index, a)| {
            let due = a.due?;
            let late_days = days_between(date, due);
            // The raising note is dated a.raised: look among that day's notes only.
            let day_from = notes.partition_point(|n| n.date < a.raised);
            let note =
                notes[day_from..].iter().take_while(|n| n.date == a.raised).find(|n| *n.path == *a.note);
            Some(Item {
                severity: by_age(late_days),
                subject: Subject::Action {
                    text: a.text.clone(),
                    private: a.private,
                    owners: a.owners.clone(),
                    guests: a.guests.clone(),
                    due,
                    late_days,
                    raised: a.raised,
                    meeting: note.map(|n| n.kind),
                },
                target: Some(if facts.numbered { Target::Action(index) } else { Target::OverdueActions }),
                since: due,
            })
        })
        .collect();
    let oldest = items.iter().map(|i| i.since).min()?;
    let headline = Headline::OverdueActions { count: items.len(), oldest_days: days_between(date, oldest) };
    Some(Group::of(headline, Some(Target::OverdueActions), items, Severity::Important))
}

pub(super) fn missed_events(project: &Project, notes: &[&Note], window: &Window) -> Vec<Group> {
    let team = &project.team;
    // Only events that say who attended: unknown attendance is not absence.
    let events: Vec<&Note> = notes
        .iter()
        .copied()
        .filter(|n| window.contains(n.date) && n.is_sprint_event() && n.attendance_known())
        .collect();
    let mut found = Vec::new();
    for (role, indicator) in [
        (Role::ProductOwner, Indicator::PoEventAttendance),
        (Role::ScrumMaster, Indicator::SmEventAttendance),
    ] {
        if !team.members.iter().any(|m| m.role == role) {
            continue;
        }
        let items: Vec<Item> = events
            .iter()
            .filter(|n| !n.has_role(team, role))
            .map(|n| Item {
                severity: Severity::Important,
                subject: Subject::Event { date: n.date, title: n.title.clone(), kind: n.kind },
                target: Some(Target::Note(n.path.clone())),
                since: n.date,
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        let headline = Headline::MissedEvents {
            role,
            missed: items.len(),
            events: events.len(),
            window_days: window.days,
        };
        found.push(Group::of(headline, Some(Target::Explain(indicator)), items, Severity::Important));
    }
    found
}

pub(super) fn unagreed_scope_changes(timeline: &Timeline<'_>, window: &Window) -> Option<Group> {
    // The same scope changes and the same test for a decision behind them as
    // negotiated_scope_change_share, so the list never contradicts the figure.
    let project = timeline.project;
    let unagreed: Vec<ScopeChange> =
        scope_changes(project, window).into_iter().filter(|c| !timeline.negotiated(c, window.to)).collect();
    let mut items = Vec::new();
    let mut sprints = 0;
    for sprint in &project.sprints {
        let before = items.len();
        for c in unagreed.iter().filter(|c| c.sprint == sprint.id) {
            let title = sprint.items.iter().find(|i| i.id == c.item).map_or("", |i| i.title.as_str());
            let target = Target::SprintItem { sprint: sprint.id.clone(), item: c.item.clone() };
            items.push(Item {
                severity: Severity::Important,
                subject: Subject::ScopeChange {
                    item: c.item.clone(),
                    title: title.to_string(),
                    removed: c.removed,
                    date: c.date,
                    sprint: sprint.name.clone(),
                },
                target: started(sprint, window.to, target),
                since: c.date,
            });
        }
        sprints += usize::from(items.len() > before);
    }
    if items.is_empty() {
        return None;
    }
    let headline = Headline::UnagreedScopeChanges { count: items.len(), sprints, window_days: window.days };
    let target = Some(Target::Explain(Indicator::NegotiatedScopeChangeShare));
    Some(Group::of(headline, target, items, Severity::Important))
}

pub(super) fn stale_items(project: &Project, date: Date, report_date: Date) -> Option<Group> {
    let snapshot = project.backlog.as_of(date, report_date)?;
    let stale_days = project.settings.stale_days;
    let mut items: Vec<Item> = snapshot
        .items
        .iter()
        .filter(|i| crate::metrics::backlog::is_stale(i, date, stale_days))
        .map(|i| Item {
            severity: Severity::Housekeeping,
            subject: Subject::StaleItem {
                id: i.id.clone(),
                title: i.title.clone(),
                idle_days: days_between(date, i.last_touch()),
            },
            target: Some(Target::BacklogItem(i.id.clone())),
            since: i.last_touch(),
        })
        .collect();
    // Oldest first, then by id: a stable order for items touched the same day.
    items.sort_by(|a, b| match (&a.subject, &b.subject) {
        (Subject::StaleItem { id: x, .. }, Subject::StaleItem { id: y, .. }) => {
            (a.since, x).cmp(&(b.since, y))
        }
        _ => a.since.cmp(&b.since),
    });
    let oldest = items.first()?.since;
    let headline =
        Headline::StaleItems { count: items.len(), oldest_days: days_between(date, oldest), stale_days };
    Some(Group::of(headline, Some(Target::Backlog), items, Severity::Housekeeping))
}
