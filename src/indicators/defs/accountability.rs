//! Hold each other accountable.

use super::super::{Definition, Evidence, Formula, Needs, Practice, RowWords, Unit};
use super::SHARE_CURVE;
use crate::format;
use crate::indicators::inputs::{IndicatorInputs, InputRow, NoFigure, Rule, Source};
use crate::model::numbers::total;

fn action_row(index: usize, date: crate::model::Date, counted: bool) -> InputRow {
    InputRow::new(Source::Action { action: index }, date, counted, None)
}

/// docs/figures.md `on_time_rate`.
pub(crate) const ON_TIME_RATE: Definition = Definition {
    key: "on_time_rate",
    practice: Practice::Accountability,
    label: "Action items done on time",
    meaning: "Action items due in the last {window} days that were done by their due date; it shows \
              whether promises made in meetings are kept.",
    curve: &[(0.3, 0.0), (0.9, 100.0)],
    unit: Unit::Share,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Action items due",
        one: "action item due",
        many: "action items due",
        counted: "done on time",
        uncounted: "not done on time",
    },
    min_evidence: true,
    empty: None,
    inputs: |e| {
        let mut due: Vec<InputRow> = e
            .tracked
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                a.due.filter(|d| e.window.contains(*d)).map(|d| action_row(i, d, a.done_by(d)))
            })
            .collect();
        due.sort_by_key(|r| r.date);
        IndicatorInputs::share(due)
    },
    formula: |f| {
        format!(
            "{} of {} action items due {} were done by their due date = {}.",
            f.n(),
            f.d(),
            f.between(),
            f.shown
        )
    },
};

/// docs/figures.md `overdue_open`.
pub(crate) const OVERDUE_OPEN: Definition = Definition {
    key: "overdue_open",
    practice: Practice::Accountability,
    label: "Overdue action items",
    meaning: "Action items past their due date and still open; each one is a promise someone is still \
              waiting on.",
    curve: &[(0.0, 100.0), (5.0, 0.0)],
    unit: Unit::Count,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Overdue action items",
        one: "overdue action item",
        many: "overdue action items",
        counted: "overdue",
        uncounted: "",
    },
    min_evidence: false,
    empty: None,
    inputs: overdue,
    formula: |f| {
        format!(
            "{} past their due date and still open on {} = {}.",
            format::count(f.inputs.numerator as usize, "action item was", "action items were"),
            format::date(f.window.to).short,
            f.shown
        )
    },
};

fn overdue(e: &Evidence<'_>) -> Result<IndicatorInputs, NoFigure> {
    if !e.any_note_yet() {
        return Err(NoFigure::NoNotesYet);
    }
    let mut rows: Vec<InputRow> = e
        .tracked
        .iter()
        .enumerate()
        .filter(|(_, a)| a.overdue_at(e.date))
        .filter_map(|(i, a)| a.due.map(|d| action_row(i, d, true)))
        .collect();
    rows.sort_by_key(|r| r.date);
    Ok(IndicatorInputs::new(Rule::Count, rows.len() as f64, 1.0, rows))
}

/// docs/figures.md `say_do_rolling`: sum completed_committed_points / sum
/// committed_points over the last `velocity_window` ended sprints.
pub(crate) const SAY_DO_ROLLING: Definition = Definition {
    key: "say_do_rolling",
    practice: Practice::Accountability,
    label: "Committed work delivered",
    meaning: "Work committed at planning that was done, over the last {velocity} sprints; it tells \
              stakeholders whether the team's forecasts can be trusted.",
    curve: &[(0.5, 0.0), (0.9, 100.0)],
    unit: Unit::Share,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Items committed at planning",
        one: "item committed at planning",
        many: "items committed at planning",
        counted: "done",
        uncounted: "not done",
    },
    min_evidence: false,
    empty: Some("no ended sprint had work committed at planning or its goal assessed"),
    inputs: say_do,
    formula: say_do_formula,
};

fn say_do(e: &Evidence<'_>) -> Result<IndicatorInputs, NoFigure> {
    let mut rows = Vec::new();
    for s in e.recent() {
        let sprint = s.sprint;
        for item in sprint.items.iter().filter(|i| i.is_committed(sprint.start)) {
            let source = Source::SprintItem { sprint: sprint.id.clone(), item: item.id.clone() };
            rows.push(InputRow::new(source, sprint.end, sprint.done_by(item, e.date), item.points));
        }
    }
    let points = |counted_only: bool| {
        total(rows.iter().filter(|r: &&InputRow| r.counted || !counted_only).filter_map(|r| r.value))
    };
    let (numerator, denominator) = (points(true), points(false));
    if rows.is_empty() {
        return Err(NoFigure::Empty);
    }
    Ok(IndicatorInputs::new(Rule::PointsShare, numerator, denominator, rows))
}

fn say_do_formula(f: &Formula<'_>) -> String {
    let mut sprints: Vec<String> = Vec::new();
    for r in &f.inputs.rows {
        if let Source::SprintItem { sprint, .. } = &r.source {
            let name = (f.sprint_name)(sprint);
            if !sprints.contains(&name) {
                sprints.push(name);
            }
        }
    }
    format!(
        "{} of {} committed at planning were done in {} = {}.",
        super::num(f.inputs.numerator),
        format::points(f.inputs.denominator),
        format::and_list(&sprints),
        f.shown
    )
}

/// docs/figures.md `goal_success_rate`.
pub(crate) const GOAL_SUCCESS_RATE: Definition = Definition {
    key: "goal_success_rate",
    practice: Practice::Accountability,
    label: "Sprint goals met",
    meaning: "Recent sprint goals met; goals missed again and again usually mean they are too big or keep \
              changing mid-sprint.",
    curve: SHARE_CURVE,
    unit: Unit::Share,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Sprint goals",
        one: "assessed sprint goal",
        many: "assessed sprint goals",
        counted: "met",
        uncounted: "missed",
    },
    min_evidence: true,
    empty: Some("no ended sprint had work committed at planning or its goal assessed"),
    inputs: |e: &Evidence<'_>| {
        IndicatorInputs::share(
            e.assessed_goals()
                .into_iter()
                .map(|(s, met)| InputRow::new(Source::Sprint { sprint: s.id.clone() }, s.end, met, None))
                .collect(),
        )
    },
    formula: |f| {
        format!(
            "{n} of {d} sprint goals were met, the last {d} that were assessed = {}.",
            f.shown,
            n = f.n(),
            d = f.d()
        )
    },
};
