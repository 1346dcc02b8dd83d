//! Communicate regularly.

use super::super::{Definition, Evidence, Formula, Needs, Practice, RowWords, Unit};
use super::{known_and_unrecorded, note_row, per_week};
use crate::format;
use crate::indicators::inputs::{IndicatorInputs, InputRow, NoFigure, Rule};
use crate::model::dates::days_between;
use crate::model::timeline::Window;
use crate::model::{Date, Role};

/// How sprint events' attendance is scored: below half of them is 0.
const ATTENDANCE_CURVE: &[(f64, f64)] = &[(0.5, 0.0), (1.0, 100.0)];

/// docs/figures.md `touchpoints_per_week`: touchpoints * 7 / window_days.
pub(crate) const TOUCHPOINTS_PER_WEEK: Definition = Definition {
    key: "touchpoints_per_week",
    practice: Practice::Communication,
    label: "Meetings together",
    meaning: "How often the product owner and scrum master are in the same meeting; below one a week, \
              decisions wait.",
    curve: &[(0.0, 0.0), (2.0, 100.0)],
    unit: Unit::PerWeek,
    needs: Needs::Both,
    rows: TOGETHER,
    min_evidence: false,
    empty: None,
    inputs: |e| Ok(IndicatorInputs { unrecorded: unrecorded(e), ..per_week(together(e)?, e.window.days) }),
    formula: |f| {
        format!(
            "{n} meetings with both the product owner and the scrum master in the {d} days {}: {n} × 7 / {d} = {}.",
            f.between(),
            f.shown,
            n = f.n(),
            d = f.d(),
        )
    },
};

const TOGETHER: RowWords = RowWords {
    heading: "Meetings with both",
    one: "meeting",
    many: "meetings",
    counted: "counted",
    uncounted: "not counted",
};

/// The notes in W with both the product owner and the scrum master, as rows;
/// no figure without a note in W, or without one that records who attended
/// (docs/figures.md: no notes is no evidence of no meetings).
fn together(e: &Evidence<'_>) -> Result<Vec<InputRow>, NoFigure> {
    if e.notes.is_empty() {
        return Err(NoFigure::NoNotes);
    }
    if !e.any_attendance() {
        return Err(NoFigure::NoAttendance { unrecorded: e.notes.len() });
    }
    Ok(e.joint_notes().map(|n| note_row(n, true)).collect())
}

/// The notes in W that do not record who attended, listed apart.
fn unrecorded(e: &Evidence<'_>) -> Vec<InputRow> {
    e.notes.iter().filter(|n| !n.attendance_known()).map(|n| note_row(n, false)).collect()
}

/// docs/figures.md `max_gap_days`.
pub(crate) const MAX_GAP_DAYS: Definition = Definition {
    key: "max_gap_days",
    practice: Practice::Communication,
    label: "Longest gap between meetings together",
    meaning: "The longest stretch of the last {window} days without a meeting of the two; past two weeks, \
              problems pile up unseen.",
    curve: &[(7.0, 100.0), (21.0, 0.0)],
    unit: Unit::Days,
    needs: Needs::Both,
    rows: TOGETHER,
    min_evidence: false,
    empty: None,
    inputs: |e| {
        let rows = together(e)?;
        let gap = largest_gap(rows.iter().map(|r| r.date), &e.window) as f64;
        let inputs = IndicatorInputs::new(Rule::LargestGap, gap, f64::from(e.window.days), rows);
        Ok(IndicatorInputs { unrecorded: unrecorded(e), ..inputs })
    },
    formula: max_gap_formula,
};

/// docs/figures.md `max_gap_days` over `dates` (in order): from the window's
/// start to the first, between them, from the last to its end; the window's
/// length when there are none.
pub fn largest_gap(dates: impl Iterator<Item = Date>, w: &Window) -> i64 {
    let mut dates: Vec<Date> = dates.collect();
    dates.dedup();
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return i64::from(w.days);
    };
    let inner = dates.windows(2).map(|p| days_between(p[1], p[0]));
    inner.chain([days_between(*first, w.from), days_between(w.to, *last)]).max().unwrap_or(0)
}

fn max_gap_formula(f: &Formula<'_>) -> String {
    let w = f.window;
    let mut dates: Vec<Date> = f.inputs.rows.iter().map(|r| r.date).collect();
    dates.dedup();
    let days = dates.len();
    let ends: Vec<Date> = [w.from].into_iter().chain(dates).chain([w.to]).collect();
    let longest = ends.windows(2).max_by_key(|p| days_between(p[1], p[0]));
    let stretch = longest.map_or_else(String::new, |p| {
        format!(", from {} to {}", format::date(p[0]).short, format::date(p[1]).short)
    });
    format!(
        "Meetings with both the product owner and the scrum master on {} {}; the longest \
         stretch without one, counting from the window's first day and up to its last, is {}{stretch}.",
        format::count(days, "day", "different days"),
        f.between(),
        f.shown
    )
}

/// docs/figures.md `po_event_attendance`.
pub(crate) const PO_EVENT_ATTENDANCE: Definition = Definition {
    key: "po_event_attendance",
    practice: Practice::Communication,
    label: "Sprint events with the product owner",
    meaning: "Plannings, reviews and retros the product owner attended; when they are missing, priorities \
              are guessed and feedback goes unheard.",
    curve: ATTENDANCE_CURVE,
    unit: Unit::Share,
    needs: Needs::ProductOwner,
    rows: EVENTS,
    min_evidence: true,
    empty: None,
    inputs: |e| attendance(e, Role::ProductOwner),
    formula: |f| attendance_formula(f, "product owner"),
};

/// docs/figures.md `sm_event_attendance`.
pub(crate) const SM_EVENT_ATTENDANCE: Definition = Definition {
    key: "sm_event_attendance",
    practice: Practice::Communication,
    label: "Sprint events with the scrum master",
    meaning: "Plannings, reviews and retros the scrum master attended; when they are missing, events lose \
              their facilitator and run over.",
    curve: ATTENDANCE_CURVE,
    unit: Unit::Share,
    needs: Needs::ScrumMaster,
    rows: EVENTS,
    min_evidence: true,
    empty: None,
    inputs: |e| attendance(e, Role::ScrumMaster),
    formula: |f| attendance_formula(f, "scrum master"),
};

const EVENTS: RowWords = RowWords {
    heading: "Sprint events",
    one: "sprint event",
    many: "sprint events",
    counted: "attended",
    uncounted: "missed",
};

/// The sprint events in W that record who attended, counted when `role` was
/// there; the others are listed apart, never counted as missed.
fn attendance(e: &Evidence<'_>, role: Role) -> Result<IndicatorInputs, NoFigure> {
    let (known, unrecorded) = known_and_unrecorded(e.events(), |n| e.has(n, role));
    IndicatorInputs::share_of_known(known, unrecorded)
}

fn attendance_formula(f: &Formula<'_>, role: &str) -> String {
    let missed: Vec<String> = f
        .inputs
        .rows
        .iter()
        .filter(|r| !r.counted)
        .map(|r| format!("{}, {}", (f.name)(&r.source), format::date(r.date).short))
        .collect();
    let list = if missed.is_empty() { String::new() } else { format!(" (missed: {})", missed.join("; ")) };
    format!("Sprint events the {role} attended {}: {} of {}{list} = {}.", f.between(), f.n(), f.d(), f.shown)
}
