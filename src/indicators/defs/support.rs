//! Help each other out.

use super::super::{Definition, Evidence, Needs, Practice, RowWords, Unit};
use super::{SHARE_CURVE, per_week};
use crate::format;
use crate::indicators::inputs::{IndicatorInputs, InputRow, NoFigure, Rule, Source};
use crate::model::dates::days_between;
use crate::model::numbers::median;
use crate::model::{NoteKind, Role};

/// docs/figures.md `cross_role_assists_per_week`: cross_role_assists * 7 / window_days.
pub(crate) const CROSS_ROLE_ASSISTS_PER_WEEK: Definition = Definition {
    key: "cross_role_assists_per_week",
    practice: Practice::Support,
    label: "Help across roles",
    meaning: "How often one takes on work from the other's side, such as the product owner owning a retro \
              action or the scrum master a refinement follow-up.",
    curve: SHARE_CURVE,
    unit: Unit::PerWeek,
    needs: Needs::Both,
    rows: RowWords {
        heading: "Help across roles",
        one: "time one helped the other",
        many: "times one helped the other",
        counted: "counted",
        uncounted: "not counted",
    },
    min_evidence: false,
    empty: None,
    inputs: |e| {
        // No note in the window is no evidence about help, not evidence of none.
        if e.notes.is_empty() {
            return Err(NoFigure::NoNotes);
        }
        Ok(per_week(assists(e), e.window.days))
    },
    formula: |f| {
        format!(
            "{} in the {d} days {} one took on work from the other's side (action items the \
             product owner owns from retros and standups, the scrum master from refinements and reviews, \
             impediments the product owner owns): {n} × 7 / {d} = {}.",
            format::count(f.inputs.numerator as usize, "time", "times"),
            f.between(),
            f.shown,
            n = f.n(),
            d = f.d(),
        )
    },
};

/// docs/figures.md `cross_role_assists`: action items raised in W in a retro
/// or standup with a PO among the owners, plus those raised in W in a
/// refinement or review with an SM among the owners, plus impediments
/// raised in W owned by a PO; in date order.
fn assists(e: &Evidence<'_>) -> Vec<InputRow> {
    let mut rows: Vec<InputRow> = e
        .raised()
        .filter(|(_, a)| {
            // A review and a retro written up together counts as either.
            let po_side = a.raised_in.any(&[NoteKind::Retro, NoteKind::Standup]);
            let sm_side = a.raised_in.any(&[NoteKind::Refinement, NoteKind::Review]);
            (po_side && e.any_holds(&a.owners, Role::ProductOwner))
                || (sm_side && e.any_holds(&a.owners, Role::ScrumMaster))
        })
        .map(|(i, a)| InputRow::new(Source::Action { action: i }, a.raised, true, None))
        .collect();
    let team = &e.project.team;
    rows.extend(
        e.impediments()
            .filter(|(_, _, i)| e.window.contains(i.raised))
            .filter(|(_, _, i)| i.owner.as_ref().is_some_and(|o| team.has_role(o, Role::ProductOwner)))
            .map(|(s, n, i)| impediment_row(&s.id, n, i.raised, None)),
    );
    rows.sort_by_key(|r| r.date);
    rows
}

fn impediment_row(sprint: &str, n: usize, date: crate::model::Date, value: Option<f64>) -> InputRow {
    InputRow::new(Source::Impediment { sprint: sprint.to_string(), impediment: n }, date, true, value)
}

/// docs/figures.md `median_resolution_days`.
pub(crate) const MEDIAN_RESOLUTION_DAYS: Definition = Definition {
    key: "median_resolution_days",
    practice: Practice::Support,
    label: "Time to clear an impediment",
    meaning: "Typical number of days from raising an impediment to clearing it; quick clearing shows the \
              product owner and scrum master unblock the team together.",
    curve: &[(2.0, 100.0), (10.0, 0.0)],
    unit: Unit::Days,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Impediments resolved",
        one: "impediment resolved",
        many: "impediments resolved",
        counted: "counted",
        uncounted: "not counted",
    },
    min_evidence: true,
    empty: None,
    inputs: resolution,
    formula: |f| {
        let mut days: Vec<f64> = f.inputs.rows.iter().filter_map(|r| r.value).collect();
        days.sort_by(f64::total_cmp);
        let list: Vec<String> = days.into_iter().map(super::num).collect();
        format!(
            "{} resolved {} took {} days to clear; the median is {}.",
            format::count(f.inputs.denominator as usize, "impediment", "impediments"),
            f.between(),
            list.join(", "),
            f.shown
        )
    },
};

fn resolution(e: &Evidence<'_>) -> Result<IndicatorInputs, NoFigure> {
    let mut rows: Vec<InputRow> = e
        .impediments()
        .filter_map(|(s, n, i)| i.resolved.filter(|r| e.window.contains(*r)).map(|r| (s, n, i.raised, r)))
        .map(|(s, n, raised, r)| impediment_row(&s.id, n, r, Some(days_between(r, raised) as f64)))
        .collect();
    rows.sort_by_key(|r| r.date);
    let median = median(rows.iter().filter_map(|r| r.value).collect()).ok_or(NoFigure::Empty)?;
    Ok(IndicatorInputs::new(Rule::Median, median, rows.len() as f64, rows))
}
