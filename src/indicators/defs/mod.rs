//! The definitions: one complete entry per scored indicator, grouped by
//! practice, each naming its key, label, meaning, unit, default curve, the
//! rows it counts and how its explanation reads. [`super::Indicator::definition`]
//! maps each id to its entry with a `match` the compiler checks for
//! completeness.

mod accountability;
pub(super) mod backlog;
mod communication;
mod compromise;
mod support;

pub(super) use accountability::{GOAL_SUCCESS_RATE, ON_TIME_RATE, OVERDUE_OPEN, SAY_DO_ROLLING};
pub use backlog::is_stale;
pub(super) use backlog::{ACCEPTANCE_COVERAGE, JOINT_REFINEMENT_SHARE, READINESS_SPRINTS, STALE_SHARE};
pub use communication::largest_gap;
pub(super) use communication::{
    MAX_GAP_DAYS, PO_EVENT_ATTENDANCE, SM_EVENT_ATTENDANCE, TOUCHPOINTS_PER_WEEK,
};
pub(super) use compromise::{JOINT_DECISION_SHARE, NEGOTIATED_SCOPE_CHANGE_SHARE};
pub(super) use support::{CROSS_ROLE_ASSISTS_PER_WEEK, MEDIAN_RESOLUTION_DAYS};

use super::inputs::{IndicatorInputs, InputRow, Source};
use crate::format;
use crate::model::Note;

/// A share's default curve: 0 scores 0, 1 scores 100.
const SHARE_CURVE: &[(f64, f64)] = &[(0.0, 0.0), (1.0, 100.0)];

/// A row for `note`.
fn note_row(note: &Note, counted: bool) -> InputRow {
    InputRow::new(Source::Note { note: note.path.clone() }, note.date, counted, None)
}

/// The numerator as a number for people: `3`, `40.5`.
fn num(v: f64) -> String {
    format::decimal(v)
}

/// A [`Rule::PerWeek`](super::Rule::PerWeek) figure: `n` rows over the window's days.
fn per_week(rows: Vec<InputRow>, days: u32) -> IndicatorInputs {
    IndicatorInputs::new(super::Rule::PerWeek, rows.len() as f64, f64::from(days), rows)
}

/// Rows for `notes`, split into those that record who attended (counted
/// when `counted` says so) and those that do not.
fn known_and_unrecorded<'a>(
    notes: impl Iterator<Item = &'a Note>,
    counted: impl Fn(&Note) -> bool,
) -> (Vec<InputRow>, Vec<InputRow>) {
    let (known, unknown): (Vec<&Note>, Vec<&Note>) = notes.partition(|n| n.attendance_known());
    (
        known.into_iter().map(|n| note_row(n, counted(n))).collect(),
        unknown.into_iter().map(|n| note_row(n, false)).collect(),
    )
}
