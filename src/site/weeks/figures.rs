//! Every docs/figures.md figure worded for people: labels, units and "no data",
//! shared by the weeks, sprints and backlog pages.

use serde::Serialize;

use crate::indicators::Indicator;
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
    /// Its score 0..100, or `no data`.
    pub score: String,
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
            })
            .collect(),
        explain: Vec::new(),
    }
}

/// Velocity, rolling say/do and goal success.
pub fn delivery(d: &DeliveryFigures) -> Vec<FactView> {
    vec![
        fact(
            "Velocity",
            d.velocity
                .map_or_else(|| format::NO_DATA.to_string(), |v| format!("{} per sprint", format::points(v))),
        ),
        fact(Indicator::SayDoRolling.label(), format::maybe_percent(d.say_do_rolling)),
        fact(Indicator::GoalSuccessRate.label(), format::maybe_percent(d.goal_success_rate)),
    ]
}

/// The backlog health figures.
pub fn backlog(b: &BacklogFigures) -> Vec<FactView> {
    vec![
        fact("Open items", b.open_items.to_string()),
        fact("Ready points", format::decimal(b.ready_points)),
        fact(Indicator::ReadinessSprints.label(), Indicator::ReadinessSprints.format(b.readiness_sprints)),
        fact(Indicator::StaleShare.label(), format::maybe_percent(b.stale_share)),
        fact(Indicator::AcceptanceCoverage.label(), format::maybe_percent(b.acceptance_coverage)),
        fact("Top items estimated", format::maybe_percent(b.top_estimated_share)),
        fact(
            "Median age of open items",
            b.median_age_days
                .map_or_else(|| format::NO_DATA.to_string(), |d| format!("{} days", format::trimmed(d, 1))),
        ),
    ]
}

/// The collaboration figures in the window.
pub fn collaboration(c: &CollaborationFigures) -> Vec<FactView> {
    let count = |n: Option<usize>| n.map_or_else(|| format::NO_DATA.to_string(), |n| n.to_string());
    vec![
        fact("PO and SM meetings", count(c.touchpoints)),
        scored(Indicator::TouchpointsPerWeek, c.touchpoints_per_week),
        scored(Indicator::MaxGapDays, c.max_gap_days.map(|d| d as f64)),
        scored(Indicator::PoEventAttendance, c.po_event_attendance),
        scored(Indicator::SmEventAttendance, c.sm_event_attendance),
        fact("Refinement sessions", c.refinement_sessions.to_string()),
        scored(Indicator::JointRefinementShare, c.joint_refinement_share),
        fact("Action items raised", c.actions_raised.to_string()),
        fact("Of those, done", c.actions_done.to_string()),
        scored(Indicator::OnTimeRate, c.on_time_rate),
        fact(Indicator::OverdueOpen.label(), count(c.overdue_open)),
        fact("Cross-role help", count(c.cross_role_assists)),
        fact("Impediments raised", c.impediments_raised.to_string()),
        scored(Indicator::MedianResolutionDays, c.median_resolution_days),
        fact("Decisions", c.decisions.to_string()),
        scored(Indicator::JointDecisionShare, c.joint_decision_share),
        fact("Compromises", c.compromises.to_string()),
        fact("Scope changes", c.scope_changes.to_string()),
        scored(Indicator::NegotiatedScopeChangeShare, c.negotiated_scope_change_share),
    ]
}

/// A scored indicator's figure under its one name.
fn scored(indicator: Indicator, figure: Option<f64>) -> FactView {
    fact(indicator.label(), indicator.format(figure))
}

/// A labelled value.
pub fn fact(label: &'static str, value: String) -> FactView {
    FactView { label, value }
}
