//! Collaboration in the window W (docs/figures.md, "Collaboration in W").
//!
//! A note "has the PO" when any attendee is a member with role
//! product-owner, and the same for the SM. Figures that need a role are
//! `None` unless the team has exactly one member holding it (docs/data.md: zero
//! or several product owners / scrum masters make them "no data").

use serde::Serialize;

use crate::indicators::{Evidence, Indicator, IndicatorInputs, Inputs};
use crate::model::Decision;

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
    /// and not done on or before D; `None` when no note is dated on or
    /// before D (no action item could have been recorded).
    pub overdue_open: Option<usize>,
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

impl CollaborationFigures {
    /// The figures in the window ending on the evidence's date; the scored
    /// ones come from their inputs, the counts beside them from the same rows.
    pub fn compute(e: &Evidence<'_>, inputs: &Inputs) -> CollaborationFigures {
        let both = e.both();
        let assists = inputs.get(Indicator::CrossRoleAssistsPerWeek).map(|i| i.rows.len());
        let decisions: Vec<&Decision> = e.decisions().map(|(_, _, d)| d).collect();
        CollaborationFigures {
            touchpoints: both.then(|| e.joint_notes().count()),
            touchpoints_per_week: inputs.figure(Indicator::TouchpointsPerWeek),
            max_gap_days: inputs.figure(Indicator::MaxGapDays).map(|d| d as i64),
            po_event_attendance: inputs.figure(Indicator::PoEventAttendance),
            sm_event_attendance: inputs.figure(Indicator::SmEventAttendance),
            refinement_sessions: e.refinements().count(),
            joint_refinement_share: inputs.figure(Indicator::JointRefinementShare),
            actions_raised: e.raised().count(),
            actions_done: e.raised().filter(|(_, a)| a.done_by(e.date)).count(),
            on_time_rate: inputs.figure(Indicator::OnTimeRate),
            overdue_open: inputs.get(Indicator::OverdueOpen).map(IndicatorInputs::counted),
            cross_role_assists: both.then_some(assists).flatten(),
            cross_role_assists_per_week: inputs.figure(Indicator::CrossRoleAssistsPerWeek),
            impediments_raised: e.impediments().filter(|(_, _, i)| e.window.contains(i.raised)).count(),
            median_resolution_days: inputs.figure(Indicator::MedianResolutionDays),
            decisions: decisions.len(),
            joint_decision_share: inputs.figure(Indicator::JointDecisionShare),
            compromises: decisions.iter().filter(|d| d.compromise).count(),
            scope_changes: e.changes.len(),
            negotiated_scope_change_share: inputs.figure(Indicator::NegotiatedScopeChangeShare),
        }
    }
}

#[cfg(test)]
#[path = "collaboration_tests.rs"]
mod tests;
