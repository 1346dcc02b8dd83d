//! Collaboration in the window W (docs/figures.md, "Collaboration in W").
//!
//! A note "has the PO" when any attendee is a member with role
//! product-owner, and the same for the SM. Figures that need a role are
//! `None` unless the team has exactly one member holding it (docs/data.md: zero
//! or several product owners / scrum masters make them "no data").

use serde::Serialize;

use crate::model::actions::TrackedAction;
use crate::model::{Date, Impediment, Note, NoteKind, Project, Role, Team};

use super::timeline::Timeline;
use super::{add_days, days_between, json, median, ratio};

/// How many days apart a decision's note and a scope change may be for the
/// decision to count as negotiating it.
pub const NEGOTIATION_DAYS: i64 = 2;

/// The collaboration window W = [D - days + 1, D].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    /// First day.
    #[serde(serialize_with = "json::date")]
    pub from: Date,
    /// Last day: the report date D.
    #[serde(serialize_with = "json::date")]
    pub to: Date,
    /// Length in days (`window_days`).
    pub days: u32,
}

impl Window {
    /// The `days`-day window ending on `date`.
    pub fn ending(date: Date, days: u32) -> Window {
        Window { from: add_days(date, 1 - i64::from(days)), to: date, days }
    }

    /// The project's window ending on `date`: `window_days` long, but starting
    /// no earlier than the first sprint's start, so a new team's first weeks
    /// are not judged on days before the team existed (docs/figures.md).
    pub fn of(project: &Project, date: Date) -> Window {
        let w = Window::ending(date, project.settings.window_days);
        match project.sprints.iter().map(|s| s.start).min() {
            Some(first) if first > w.from && first <= date => {
                let days = u32::try_from(days_between(date, first) + 1).unwrap_or(w.days);
                Window { from: first, to: date, days }
            }
            _ => w,
        }
    }

    /// Whether `date` is inside the window (both ends inclusive).
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// Collaboration figures in W, keys as in docs/figures.md.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollaborationFigures {
    /// docs/figures.md `touchpoints`: notes in W that have both the PO and the SM.
    /// Needs a sole PO and a sole SM.
    pub touchpoints: Option<usize>,
    /// docs/figures.md `touchpoints_per_week`: touchpoints * 7 / window_days.
    pub touchpoints_per_week: Option<f64>,
    /// docs/figures.md `max_gap_days`: largest of t1 - start(W), t(i+1) - t(i) and
    /// D - tn over the distinct touchpoint dates; window_days when there are
    /// none. Needs a sole PO and a sole SM.
    pub max_gap_days: Option<i64>,
    /// docs/figures.md `po_event_attendance`: share of sprint events (planning,
    /// review, retro) in W that have the PO. Needs a sole PO.
    pub po_event_attendance: Option<f64>,
    /// docs/figures.md `sm_event_attendance`: share of sprint events in W that
    /// have the SM. Needs a sole SM.
    pub sm_event_attendance: Option<f64>,
    /// docs/figures.md `refinement_sessions`: refinement notes in W.
    pub refinement_sessions: usize,
    /// docs/figures.md `joint_refinement_share`: share of refinement notes in W
    /// that have both the PO and the SM. Needs a sole PO and a sole SM.
    pub joint_refinement_share: Option<f64>,
    /// docs/figures.md `actions_raised`: action items raised in W.
    pub actions_raised: usize,
    /// docs/figures.md `actions_done`: of those, done on or before D.
    pub actions_done: usize,
    /// docs/figures.md `on_time_rate`: of action items due in W, the share done on
    /// or before their due date.
    pub on_time_rate: Option<f64>,
    /// docs/figures.md `overdue_open`: action items (raised any time) due before D
    /// and not done on or before D.
    pub overdue_open: usize,
    /// docs/figures.md `cross_role_assists`: action items raised in W in a retro
    /// or standup with a PO among the owners, plus those raised in W in a
    /// refinement or review with an SM among the owners, plus impediments
    /// raised in W owned by a PO. Needs a sole PO and a sole SM.
    pub cross_role_assists: Option<usize>,
    /// docs/figures.md `cross_role_assists_per_week`: cross_role_assists * 7 / window_days.
    pub cross_role_assists_per_week: Option<f64>,
    /// docs/figures.md `impediments_raised`: impediments (any sprint) raised in W.
    pub impediments_raised: usize,
    /// docs/figures.md `median_resolution_days`: median of (resolved - raised)
    /// over impediments resolved in W.
    pub median_resolution_days: Option<f64>,
    /// docs/figures.md `decisions`: decisions in notes in W.
    pub decisions: usize,
    /// docs/figures.md `joint_decision_share`: share of those decisions made in
    /// notes that have both the PO and the SM. Needs a sole PO and a sole SM.
    pub joint_decision_share: Option<f64>,
    /// docs/figures.md `compromises`: of those decisions, the ones tagged
    /// `#compromise` (shown, not scored).
    pub compromises: usize,
    /// docs/figures.md `scope_changes`: sprint items added mid-sprint with `added`
    /// in W plus items removed with `removed` in W.
    pub scope_changes: usize,
    /// docs/figures.md `negotiated_scope_change_share`: share of those changes
    /// whose item id is referenced by a decision in a note dated (on or
    /// before D) within 2 days of the change.
    pub negotiated_scope_change_share: Option<f64>,
}

/// Who holds the roles and what each note's attendance says about them.
struct Roles<'a> {
    team: &'a Team,
    /// Exactly one product owner.
    po: bool,
    /// Exactly one scrum master.
    sm: bool,
}

impl Roles<'_> {
    fn has_po(&self, note: &Note) -> bool {
        note.has_role(self.team, Role::ProductOwner)
    }
    fn has_sm(&self, note: &Note) -> bool {
        note.has_role(self.team, Role::ScrumMaster)
    }
    fn joint(&self, note: &Note) -> bool {
        self.has_po(note) && self.has_sm(note)
    }
    fn both(&self) -> bool {
        self.po && self.sm
    }
    fn any_holds(&self, ids: &[String], role: Role) -> bool {
        ids.iter().any(|id| self.team.has_role(id, role))
    }
}

fn count(n: usize) -> f64 {
    n as f64
}

/// `n * 7 / days`, `None` for a zero-day window.
fn per_week(n: usize, days: u32) -> Option<f64> {
    ratio(count(n) * 7.0, f64::from(days))
}

/// The share of `items` for which `pred` holds; `None` when there are none.
fn share<T>(items: &[T], pred: impl Fn(&T) -> bool) -> Option<f64> {
    ratio(count(items.iter().filter(|i| pred(i)).count()), count(items.len()))
}

impl CollaborationFigures {
    /// The figures in the window ending on `date`; `tracked` are the action
    /// items as of `date` ([`Timeline::actions_as_of`]).
    pub fn compute(timeline: &Timeline<'_>, tracked: &[TrackedAction], date: Date) -> CollaborationFigures {
        let project = timeline.project;
        let w = Window::of(project, date);
        let team = &project.team;
        let roles = Roles {
            team,
            po: team.sole(Role::ProductOwner).is_some(),
            sm: team.sole(Role::ScrumMaster).is_some(),
        };
        let notes = timeline.notes_in(&w);
        let touch_dates = touchpoint_dates(notes, &roles);
        let events: Vec<&Note> = notes.iter().copied().filter(|n| n.kind.is_sprint_event()).collect();
        let refinements: Vec<&Note> =
            notes.iter().copied().filter(|n| n.kind == NoteKind::Refinement).collect();
        let touchpoints = notes.iter().filter(|n| roles.joint(n)).count();
        let raised: Vec<&TrackedAction> = tracked.iter().filter(|a| w.contains(a.raised)).collect();
        let due: Vec<&TrackedAction> =
            tracked.iter().filter(|a| a.due.is_some_and(|d| w.contains(d))).collect();
        let impediments: Vec<&Impediment> = project.sprints.iter().flat_map(|s| &s.impediments).collect();
        let assists = cross_role_assists(&raised, &impediments, &roles, &w);
        let decisions = decisions_in(notes, &roles);
        let changes = scope_changes(project, &w);
        CollaborationFigures {
            touchpoints: roles.both().then_some(touchpoints),
            touchpoints_per_week: roles.both().then(|| per_week(touchpoints, w.days)).flatten(),
            max_gap_days: roles.both().then(|| max_gap(&touch_dates, &w)),
            po_event_attendance: roles.po.then(|| share(&events, |n| roles.has_po(n))).flatten(),
            sm_event_attendance: roles.sm.then(|| share(&events, |n| roles.has_sm(n))).flatten(),
            refinement_sessions: refinements.len(),
            joint_refinement_share: roles.both().then(|| share(&refinements, |n| roles.joint(n))).flatten(),
            actions_raised: raised.len(),
            actions_done: raised.iter().filter(|a| a.done_by(date)).count(),
            on_time_rate: share(&due, |a| a.due.is_some_and(|due| a.done_by(due))),
            overdue_open: tracked.iter().filter(|a| a.overdue_at(date)).count(),
            cross_role_assists: roles.both().then_some(assists),
            cross_role_assists_per_week: roles.both().then(|| per_week(assists, w.days)).flatten(),
            impediments_raised: impediments.iter().filter(|i| w.contains(i.raised)).count(),
            median_resolution_days: median(
                impediments
                    .iter()
                    .filter_map(|i| i.resolved.filter(|r| w.contains(*r)).map(|r| (i.raised, r)))
                    .map(|(raised, resolved)| days_between(resolved, raised) as f64)
                    .collect(),
            ),
            decisions: decisions.len(),
            joint_decision_share: roles.both().then(|| share(&decisions, |d| d.joint)).flatten(),
            compromises: decisions.iter().filter(|d| d.compromise).count(),
            scope_changes: changes.len(),
            negotiated_scope_change_share: share(&changes, |c| timeline.negotiated(c, date)),
        }
    }
}

/// The distinct dates, in order, of the notes that have both the PO and the SM.
fn touchpoint_dates(notes: &[&Note], roles: &Roles<'_>) -> Vec<Date> {
    let mut dates: Vec<Date> = notes.iter().filter(|n| roles.joint(n)).map(|n| n.date).collect();
    dates.sort();
    dates.dedup();
    dates
}

/// The largest gap between touchpoints, counting from the window's start and
/// up to its end; the window's length when there are no touchpoints.
fn max_gap(dates: &[Date], w: &Window) -> i64 {
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return i64::from(w.days);
    };
    let inner = dates.windows(2).map(|p| days_between(p[1], p[0]));
    inner.chain([days_between(*first, w.from), days_between(w.to, *last)]).max().unwrap_or(0)
}

/// docs/figures.md `cross_role_assists` (roles already known to be present).
fn cross_role_assists(
    raised: &[&TrackedAction],
    impediments: &[&Impediment],
    roles: &Roles<'_>,
    w: &Window,
) -> usize {
    let actions = raised
        .iter()
        .filter(|a| match a.raised_in {
            NoteKind::Retro | NoteKind::Standup => roles.any_holds(&a.owners, Role::ProductOwner),
            NoteKind::Refinement | NoteKind::Review => roles.any_holds(&a.owners, Role::ScrumMaster),
            _ => false,
        })
        .count();
    let po_impediments = impediments
        .iter()
        .filter(|i| w.contains(i.raised))
        .filter(|i| i.owner.as_ref().is_some_and(|o| roles.team.has_role(o, Role::ProductOwner)))
        .count();
    actions + po_impediments
}

/// What a decision in W says for the figures.
struct DecisionFacts {
    joint: bool,
    compromise: bool,
}

fn decisions_in(notes: &[&Note], roles: &Roles<'_>) -> Vec<DecisionFacts> {
    notes
        .iter()
        .flat_map(|n| {
            let joint = roles.joint(n);
            n.decisions.iter().map(move |d| DecisionFacts { joint, compromise: d.compromise })
        })
        .collect()
}

/// One scope change: an item id and the date it was added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeChange {
    /// The sprint's id.
    pub sprint: String,
    /// The sprint item's id.
    pub item: String,
    /// The day of the change.
    pub date: Date,
    /// Whether the item was removed (else it was added mid-sprint).
    pub removed: bool,
}

/// The scope changes in W: items added mid-sprint with `added` in W, plus
/// items removed with `removed` in W (an item both added and removed counts
/// twice).
pub fn scope_changes(project: &Project, w: &Window) -> Vec<ScopeChange> {
    let mut changes = Vec::new();
    for sprint in &project.sprints {
        for item in &sprint.items {
            let added = item.added.filter(|a| *a > sprint.start).map(|d| (d, false));
            let removed = item.removed.map(|d| (d, true));
            for (date, removed) in [added, removed].into_iter().flatten() {
                if w.contains(date) {
                    changes.push(ScopeChange {
                        sprint: sprint.id.clone(),
                        item: item.id.clone(),
                        date,
                        removed,
                    });
                }
            }
        }
    }
    changes
}

#[cfg(test)]
#[path = "collaboration_tests.rs"]
mod tests;
