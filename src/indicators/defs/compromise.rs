//! Be willing to compromise.

use super::super::{Definition, Needs, Practice, RowWords, Unit};
use super::SHARE_CURVE;
use crate::indicators::inputs::{IndicatorInputs, InputRow, Source};
use crate::model::timeline::NEGOTIATION_DAYS;
use crate::model::{Decision, Note};

/// docs/figures.md `joint_decision_share`.
pub(crate) const JOINT_DECISION_SHARE: Definition = Definition {
    key: "joint_decision_share",
    practice: Practice::Compromise,
    label: "Decisions taken together",
    meaning: "Decisions taken in a meeting with both the product owner and the scrum master; a decision \
              one of them hears about later is harder to stand behind.",
    curve: SHARE_CURVE,
    unit: Unit::Share,
    needs: Needs::Both,
    rows: RowWords {
        heading: "Decisions",
        one: "decision",
        many: "decisions",
        counted: "both there",
        uncounted: "not both",
    },
    min_evidence: true,
    empty: None,
    inputs: |e| {
        // A decision in a note that does not say who attended was taken by
        // people unknown: listed apart, never as "not both".
        let row = |(n, d, _): (&Note, usize, &Decision)| {
            let source = Source::Decision { note: n.path.clone(), decision: d };
            InputRow::new(source, n.date, e.joint(n), None)
        };
        let (known, unrecorded): (Vec<_>, Vec<_>) = e.decisions().partition(|(n, _, _)| n.attendance_known());
        IndicatorInputs::share_of_known(
            known.into_iter().map(row).collect(),
            unrecorded.into_iter().map(row).map(|r| InputRow { counted: false, ..r }).collect(),
        )
    },
    formula: |f| {
        format!(
            "{} of {} decisions {} were taken in a meeting with both the product owner and the scrum master = {}.",
            f.n(),
            f.d(),
            f.between(),
            f.shown
        )
    },
};

/// docs/figures.md `negotiated_scope_change_share`.
pub(crate) const NEGOTIATED_SCOPE_CHANGE_SHARE: Definition = Definition {
    key: "negotiated_scope_change_share",
    practice: Practice::Compromise,
    label: "Scope changes backed by a decision",
    meaning: "Mid-sprint scope changes backed by a recorded decision within two days; unagreed changes are \
              how a sprint quietly loses its goal.",
    curve: SHARE_CURVE,
    unit: Unit::Share,
    needs: Needs::Nothing,
    rows: RowWords {
        heading: "Scope changes",
        one: "scope change",
        many: "scope changes",
        counted: "agreed",
        uncounted: "no decision",
    },
    min_evidence: true,
    empty: None,
    inputs: |e| {
        IndicatorInputs::share(
            e.changes
                .iter()
                .map(|c| {
                    let source = Source::SprintItem { sprint: c.sprint.clone(), item: c.item.clone() };
                    InputRow::new(source, c.date, e.negotiated(c), None)
                })
                .collect(),
        )
    },
    formula: |f| {
        format!(
            "{} of {} scope changes {} had a decision naming the item within {NEGOTIATION_DAYS} days of the change = {}.",
            f.n(),
            f.d(),
            f.between(),
            f.shown
        )
    },
};
