//! Collaborate on the backlog.

use super::super::{Definition, Evidence, Formula, Needs, Practice, RowWords, Unit};
use super::{SHARE_CURVE, known_and_unrecorded};
use crate::format;
use crate::indicators::inputs::{IndicatorInputs, InputRow, NoFigure, Rule, Source};
use crate::model::BacklogItem;
use crate::model::dates::days_between;

fn item_row(item: &BacklogItem, counted: bool, value: Option<f64>) -> InputRow {
    InputRow::new(Source::BacklogItem { item: item.id.clone() }, item.last_touch(), counted, value)
}

/// docs/figures.md `readiness_sprints`: ready_points / velocity.
pub(crate) const READINESS_SPRINTS: Definition = Definition {
    key: "readiness_sprints",
    practice: Practice::Backlog,
    label: "Ready work",
    meaning: "How many sprints of ready work the product owner and scrum master have prepared together; \
              below one, the next planning has too little to pull from.",
    curve: &[(0.0, 0.0), (1.5, 100.0), (3.0, 100.0), (6.0, 50.0)],
    unit: Unit::Sprints,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Ready items",
        one: "ready item",
        many: "ready items",
        counted: "ready",
        uncounted: "",
    },
    min_evidence: false,
    empty: Some("there is no backlog data as of this date, or no ended sprint to take a velocity from"),
    inputs: readiness,
    formula: readiness_formula,
};

fn readiness(e: &Evidence<'_>) -> Result<IndicatorInputs, NoFigure> {
    e.backlog.ok_or(NoFigure::Empty)?;
    let velocity = e.velocity().filter(|v| *v != 0.0).ok_or(NoFigure::Empty)?;
    let mut rows: Vec<InputRow> = e.ready_items().map(|i| item_row(i, true, i.points)).collect();
    // The sprints behind the velocity, listed but not counted.
    rows.extend(e.recent().iter().map(|s| {
        let source = Source::Sprint { sprint: s.sprint.id.clone() };
        InputRow::new(source, s.sprint.end, false, Some(s.completed_points))
    }));
    Ok(IndicatorInputs::new(Rule::Readiness, e.ready_points(), velocity, rows))
}

fn readiness_formula(f: &Formula<'_>) -> String {
    let sprints: Vec<&InputRow> =
        f.inputs.rows.iter().filter(|r| matches!(r.source, Source::Sprint { .. })).collect();
    let parts: Vec<String> = sprints.iter().filter_map(|r| r.value).map(super::num).collect();
    format!(
        "{} ready over a velocity of {} a sprint (the mean of the last {}: ({}) / {}) = {}.",
        format::points(f.inputs.numerator),
        format::points(f.inputs.denominator),
        format::count(sprints.len(), "ended sprint", "ended sprints"),
        parts.join(" + "),
        sprints.len(),
        f.shown
    )
}

/// docs/figures.md `stale_share`.
pub(crate) const STALE_SHARE: Definition = Definition {
    key: "stale_share",
    practice: Practice::Backlog,
    label: "Stale items",
    meaning: "Open items nobody has touched in {stale} days; a high share means the backlog holds wishes \
              the product owner no longer stands behind.",
    curve: &[(0.0, 100.0), (0.5, 0.0)],
    unit: Unit::Share,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Open backlog items",
        one: "open backlog item",
        many: "open backlog items",
        counted: "stale",
        uncounted: "touched recently",
    },
    min_evidence: true,
    empty: Some("there is no backlog data, or no backlog item to count, as of this date"),
    inputs: stale,
    formula: |f| {
        format!(
            "{} of {} open backlog items were last touched more than {} days before {} = {}.",
            f.n(),
            f.d(),
            f.settings.stale_days,
            format::date(f.window.to).short,
            f.shown
        )
    },
};

/// Whether `item` counts as stale on `date` (docs/figures.md `stale_share`): open,
/// and last touched more than `stale_days` days before. The backlog page and
/// the dashboard's attention list flag items by this same rule.
pub fn is_stale(item: &BacklogItem, date: crate::model::Date, stale_days: u32) -> bool {
    item.state.is_open() && days_between(date, item.last_touch()) > i64::from(stale_days)
}

fn stale(e: &Evidence<'_>) -> Result<IndicatorInputs, NoFigure> {
    let stale_days = e.project.settings.stale_days;
    let open = e.backlog.ok_or(NoFigure::Empty)?.items.iter().filter(|i| i.state.is_open());
    IndicatorInputs::share(open.map(|i| item_row(i, is_stale(i, e.date, stale_days), None)).collect())
}

/// docs/figures.md `acceptance_coverage`.
pub(crate) const ACCEPTANCE_COVERAGE: Definition = Definition {
    key: "acceptance_coverage",
    practice: Practice::Backlog,
    label: "Ready items with acceptance criteria",
    meaning: "Ready items that say how they will be accepted; without criteria the team guesses what done \
              means and the review turns into rework.",
    curve: SHARE_CURVE,
    unit: Unit::Share,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Ready items",
        one: "ready item",
        many: "ready items",
        counted: "has criteria",
        uncounted: "no criteria",
    },
    min_evidence: true,
    empty: Some("there is no backlog data, or no backlog item to count, as of this date"),
    inputs: |e| {
        IndicatorInputs::share(e.ready_items().map(|i| item_row(i, !i.acceptance.is_empty(), None)).collect())
    },
    formula: |f| {
        format!("{} of {} ready backlog items have acceptance criteria = {}.", f.n(), f.d(), f.shown)
    },
};

/// docs/figures.md `joint_refinement_share`.
pub(crate) const JOINT_REFINEMENT_SHARE: Definition = Definition {
    key: "joint_refinement_share",
    practice: Practice::Backlog,
    label: "Refinements with both",
    meaning: "Refinement sessions the product owner and scrum master both attended; one brings the why, \
              the other makes sure the team can build it.",
    curve: SHARE_CURVE,
    unit: Unit::Share,
    needs: Needs::Both,
    rows: RowWords {
        heading: "Refinement sessions",
        one: "refinement session",
        many: "refinement sessions",
        counted: "both there",
        uncounted: "not both",
    },
    min_evidence: true,
    empty: None,
    inputs: |e| {
        let (known, unrecorded) = known_and_unrecorded(e.refinements(), |n| e.joint(n));
        IndicatorInputs::share_of_known(known, unrecorded)
    },
    formula: |f| {
        format!(
            "{} of {} refinement sessions {} had both the product owner and the scrum master = {}.",
            f.n(),
            f.d(),
            f.between(),
            f.shown
        )
    },
};
