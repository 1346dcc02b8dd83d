//! Every docs/figures.md figure worded for people: labels, units and "no data",
//! shared by the weeks, sprints and backlog pages.

use serde::Serialize;

use crate::indicators::{Indicator, Inputs};
use crate::metrics::{
    BacklogFigures, CollaborationFigures, DeliveryFigures, Health, PracticeScore, Status, Window,
};

use crate::site::format;

/// A labelled figure, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactView {
    /// `Velocity`.
    pub label: &'static str,
    /// `21 points per sprint`, or `no data`.
    pub value: String,
}

/// A score with its status, for `ui.status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreView {
    /// `95`, or `no data`.
    pub text: String,
    /// `healthy`, `watch`, `risk` or `none`, as `ui.status` expects.
    pub status: &'static str,
    /// A shape standing for the status, for compact cells: `●`, `▲`, `■`, `○`.
    pub shape: &'static str,
    /// `Healthy`, `Watch`, `At risk`, `No data`.
    pub word: &'static str,
}

/// One scored indicator of a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorView {
    /// `Stale items`.
    pub label: &'static str,
    /// The figure: `9%`, `1.7 sprints`, `no data`.
    pub figure: String,
    /// Its score 0..100, or why it has none (`Not scored: too little data…`).
    pub score: String,
    /// Whether `score` is a number (a reason wraps; a number does not).
    pub scored: bool,
}

/// A practice with its score and indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeView {
    /// `backlog`.
    pub key: &'static str,
    /// `Backlog collaboration`.
    pub label: &'static str,
    /// The practice score.
    pub score: ScoreView,
    /// Its indicators, in docs/figures.md order.
    pub indicators: Vec<IndicatorView>,
    /// How each indicator is worked out, in the same order (week pages only).
    pub explain: Vec<crate::site::explain::ExplainView>,
}

/// A score and its band.
pub fn score(value: Option<f64>, status: Status) -> ScoreView {
    ScoreView {
        text: format::score(value),
        status: status.state(),
        shape: status.shape(),
        word: status.label(),
    }
}

/// Every practice of `health`, worded.
pub fn practices(health: &Health, window: &Window) -> Vec<PracticeView> {
    health.practices.iter().map(|p| practice(p, window)).collect()
}

fn practice(p: &PracticeScore, window: &Window) -> PracticeView {
    PracticeView {
        key: p.key(),
        label: p.practice.name(),
        score: score(p.score, p.status),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorView {
                label: i.indicator.label(),
                figure: i.indicator.format(i.figure),
                score: match (i.score, &i.unscored) {
                    (None, Some(why)) => crate::site::unscored::label(i.indicator, why, window),
                    _ => format::score(i.score),
                },
                scored: i.score.is_some(),
            })
            .collect(),
        explain: Vec::new(),
    }
}

/// Velocity, committed work delivered and sprint goals met; given what the
/// figures counted (`inputs`, as of the same date), each share says what it
/// is a share of.
pub fn delivery(d: &DeliveryFigures, inputs: Option<&Inputs>) -> Vec<FactView> {
    vec![
        fact("Velocity", velocity(d.velocity)),
        scored(Indicator::SayDoRolling, d.say_do_rolling, inputs),
        scored(Indicator::GoalSuccessRate, d.goal_success_rate, inputs),
    ]
}

/// `24.6 points a sprint`, or `no data`: velocity as every page says it.
pub fn velocity(v: Option<f64>) -> String {
    v.map_or_else(|| format::NO_DATA.to_string(), |v| format!("{} a sprint", format::points(v)))
}

/// The figure of `indicator` and, for a share, what it is a share of:
/// `66% (4 of the last 6 assessed sprint goals)`. A percentage never stands
/// alone where its rows are known.
pub fn with_basis(indicator: Indicator, figure: Option<f64>, inputs: Option<&Inputs>) -> String {
    let shown = indicator.format(figure);
    let basis = inputs.and_then(|i| i.get(indicator)).and_then(|i| indicator.basis(i));
    match (figure, basis) {
        (Some(_), Some(basis)) => format!("{shown} ({basis})"),
        _ => shown,
    }
}

/// The backlog health figures.
pub fn backlog(b: &BacklogFigures, inputs: Option<&Inputs>) -> Vec<FactView> {
    vec![
        fact("Open items", b.open_items.to_string()),
        fact("Ready points", format::decimal(b.ready_points)),
        fact(Indicator::ReadinessSprints.label(), Indicator::ReadinessSprints.format(b.readiness_sprints)),
        scored(Indicator::StaleShare, b.stale_share, inputs),
        scored(Indicator::AcceptanceCoverage, b.acceptance_coverage, inputs),
        fact("Top items estimated", format::maybe_percent(b.top_estimated_share)),
        fact(
            "Median age of open items",
            b.median_age_days
                .map_or_else(|| format::NO_DATA.to_string(), |d| format!("{} days", format::trimmed(d, 1))),
        ),
    ]
}

/// The collaboration figures in the window.
pub fn collaboration(c: &CollaborationFigures, inputs: Option<&Inputs>) -> Vec<FactView> {
    let count = |n: Option<usize>| n.map_or_else(|| format::NO_DATA.to_string(), |n| n.to_string());
    vec![
        fact("PO and SM meetings", count(c.touchpoints)),
        scored(Indicator::TouchpointsPerWeek, c.touchpoints_per_week, inputs),
        scored(Indicator::MaxGapDays, c.max_gap_days.map(|d| d as f64), inputs),
        scored(Indicator::PoEventAttendance, c.po_event_attendance, inputs),
        scored(Indicator::SmEventAttendance, c.sm_event_attendance, inputs),
        fact("Refinement sessions", c.refinement_sessions.to_string()),
        scored(Indicator::JointRefinementShare, c.joint_refinement_share, inputs),
        fact("Action items raised", c.actions_raised.to_string()),
        fact("Of those, done", c.actions_done.to_string()),
        scored(Indicator::OnTimeRate, c.on_time_rate, inputs),
        fact(Indicator::OverdueOpen.label(), count(c.overdue_open)),
        fact("Cross-role help", count(c.cross_role_assists)),
        fact("Impediments raised", c.impediments_raised.to_string()),
        scored(Indicator::MedianResolutionDays, c.median_resolution_days, inputs),
        fact("Decisions", c.decisions.to_string()),
        scored(Indicator::JointDecisionShare, c.joint_decision_share, inputs),
        fact("Compromises", c.compromises.to_string()),
        fact("Scope changes", c.scope_changes.to_string()),
        scored(Indicator::NegotiatedScopeChangeShare, c.negotiated_scope_change_share, inputs),
    ]
}

/// A scored indicator's figure under its one name, with its basis.
fn scored(indicator: Indicator, figure: Option<f64>, inputs: Option<&Inputs>) -> FactView {
    fact(indicator.label(), with_basis(indicator, figure, inputs))
}

/// A labelled value.
pub fn fact(label: &'static str, value: String) -> FactView {
    FactView { label, value }
}
