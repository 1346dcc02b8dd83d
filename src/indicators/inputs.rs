//! What an indicator counted (docs/figures.md, "How each figure is worked
//! out"): the rows it looked at, their dates and values, and the numerator
//! and denominator that give its figure. The figure is always derived from
//! these inputs ([`IndicatorInputs::figure`]); `metrics.json` carries them as
//! `inputs`, and the site's "How is this worked out?" only words them.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Indicator, Needs};
use crate::model::{Date, dates};

/// Where a counted row lives. Serialised with `kind` and its ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A meeting note, by its path (as in `notes` of `metrics.json`).
    Note {
        /// Path relative to the data folder.
        note: String,
    },
    /// An action item: its position (from 0) in `actions` of `metrics.json`.
    Action {
        /// Index into `actions`.
        action: usize,
    },
    /// A decision: the note it was written in and its position there (from 1).
    Decision {
        /// Path of the note.
        note: String,
        /// 1 for the note's first decision.
        decision: usize,
    },
    /// An item of a sprint.
    SprintItem {
        /// The sprint's id.
        sprint: String,
        /// The item's id.
        item: String,
    },
    /// An impediment: its sprint and its position there (from 1).
    Impediment {
        /// The sprint's id.
        sprint: String,
        /// 1 for the sprint's first impediment.
        impediment: usize,
    },
    /// An item of the backlog snapshot as of the date.
    BacklogItem {
        /// The item's id.
        item: String,
    },
    /// A sprint.
    Sprint {
        /// The sprint's id.
        sprint: String,
    },
}

/// One row an indicator looked at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputRow {
    /// Where it lives.
    #[serde(flatten)]
    pub source: Source,
    /// The date that placed it in the figure: the note's, the due date, the
    /// change, the last touch, the sprint's end ...
    #[serde(serialize_with = "dates::serialize")]
    pub date: Date,
    /// Whether it counts towards the numerator.
    pub counted: bool,
    /// Its number when the figure adds numbers up: points, days.
    pub value: Option<f64>,
}

impl InputRow {
    /// A row.
    pub fn new(source: Source, date: Date, counted: bool, value: Option<f64>) -> InputRow {
        InputRow { source, date, counted, value }
    }
}

/// How the numerator and denominator give the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// numerator / denominator: counted rows of all rows.
    Share,
    /// numerator / denominator: points of counted rows of points of all rows.
    PointsShare,
    /// numerator / denominator: ready points (backlog rows) over the
    /// velocity, the mean of the sprint rows' completed points.
    Readiness,
    /// numerator × 7 / denominator: counted rows over the window's days.
    PerWeek,
    /// numerator: the largest gap in days between the rows' dates, from the
    /// window's first day to its last (denominator: the window's days).
    LargestGap,
    /// numerator: the median of the rows' values (denominator: how many).
    Median,
    /// numerator: counted rows.
    Count,
}

/// What one indicator was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorInputs {
    /// How they give the figure.
    pub rule: Rule,
    /// See [`Rule`].
    pub numerator: f64,
    /// See [`Rule`].
    pub denominator: f64,
    /// The rows, in date order (sprint rows by sprint).
    pub rows: Vec<InputRow>,
    /// Rows left out because their note does not record who attended
    /// (docs/figures.md, "Evidence: unknown is not zero"): unknown
    /// attendance is neither presence nor absence.
    #[serde(rename = "attendance_not_recorded", skip_serializing_if = "Vec::is_empty")]
    pub unrecorded: Vec<InputRow>,
}

/// Why an indicator has no figure as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFigure {
    /// The team does not have exactly one member in each role it needs.
    Roles(Needs),
    /// No meeting note is dated in the window: no evidence about meetings,
    /// which is not evidence of no meetings.
    NoNotes,
    /// Rows are there, but no note of theirs records who attended.
    NoAttendance {
        /// How many rows were left out for it.
        unrecorded: usize,
    },
    /// No note is dated on or before the date: no action item could have
    /// been recorded.
    NoNotesYet,
    /// Nothing to count (the definition's own words).
    Empty,
}

impl IndicatorInputs {
    /// The figure these inputs give; `None` where the figure is undefined.
    /// The one place every scored figure is computed.
    pub fn figure(&self) -> Option<f64> {
        let ratio = |n: f64, d: f64| (d != 0.0).then(|| n / d);
        match self.rule {
            Rule::Share | Rule::PointsShare | Rule::Readiness => ratio(self.numerator, self.denominator),
            Rule::PerWeek => ratio(self.numerator * 7.0, self.denominator),
            Rule::LargestGap | Rule::Count => Some(self.numerator),
            Rule::Median => (self.denominator > 0.0).then_some(self.numerator),
        }
    }

    /// Inputs that give their figure by `rule`, with no row left out.
    pub fn new(rule: Rule, numerator: f64, denominator: f64, rows: Vec<InputRow>) -> IndicatorInputs {
        IndicatorInputs { rule, numerator, denominator, rows, unrecorded: Vec::new() }
    }

    /// counted rows of all rows; nothing to count when there are no rows.
    pub fn share(rows: Vec<InputRow>) -> Result<IndicatorInputs, NoFigure> {
        let counted = rows.iter().filter(|r| r.counted).count();
        if rows.is_empty() {
            return Err(NoFigure::Empty);
        }
        Ok(IndicatorInputs::new(Rule::Share, counted as f64, rows.len() as f64, rows))
    }

    /// [`Self::share`] of the rows whose note records who attended, the
    /// others listed apart; `NoAttendance` when none does.
    pub fn share_of_known(
        rows: Vec<InputRow>,
        unrecorded: Vec<InputRow>,
    ) -> Result<IndicatorInputs, NoFigure> {
        match IndicatorInputs::share(rows) {
            Ok(inputs) => Ok(IndicatorInputs { unrecorded, ..inputs }),
            Err(_) if !unrecorded.is_empty() => Err(NoFigure::NoAttendance { unrecorded: unrecorded.len() }),
            Err(e) => Err(e),
        }
    }

    /// How many rows counted.
    pub fn counted(&self) -> usize {
        self.rows.iter().filter(|r| r.counted).count()
    }
}

/// The inputs of every scored indicator as of one date, or why it has no
/// figure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs(BTreeMap<Indicator, Result<IndicatorInputs, NoFigure>>);

impl Inputs {
    /// Every indicator's inputs, read by its own definition.
    pub fn collect(evidence: &super::Evidence<'_>) -> Inputs {
        Inputs(Indicator::ALL.into_iter().map(|i| (i, i.inputs(evidence))).collect())
    }

    /// The inputs of `indicator`; `None` when it has none.
    pub fn get(&self, indicator: Indicator) -> Option<&IndicatorInputs> {
        self.0.get(&indicator).and_then(|r| r.as_ref().ok())
    }

    /// Why `indicator` has no figure, when it has none.
    pub fn why_none(&self, indicator: Indicator) -> Option<NoFigure> {
        self.0.get(&indicator).and_then(|r| r.as_ref().err().copied())
    }

    /// The figure of `indicator`, from its inputs.
    pub fn figure(&self, indicator: Indicator) -> Option<f64> {
        self.get(indicator).and_then(IndicatorInputs::figure)
    }

    /// How many indicators are listed.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every indicator with its inputs, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (Indicator, Option<&IndicatorInputs>)> {
        self.0.iter().map(|(i, inputs)| (*i, inputs.as_ref().ok()))
    }

    /// Every row of every indicator, to rename the notes they point at (`--public`).
    pub fn rows_mut(&mut self) -> impl Iterator<Item = &mut InputRow> {
        self.0.values_mut().flatten().flat_map(|i| i.rows.iter_mut().chain(i.unrecorded.iter_mut()))
    }
}

/// `{"acceptance_coverage": {...}, ...}`: by key, in the order of the keys.
impl Serialize for Inputs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut by_key: Vec<(&str, Option<&IndicatorInputs>)> =
            self.0.iter().map(|(i, inputs)| (i.key(), inputs.as_ref().ok())).collect();
        by_key.sort_by_key(|(key, _)| *key);
        let mut map = serializer.serialize_map(Some(by_key.len()))?;
        for (key, inputs) in by_key {
            map.serialize_entry(key, &inputs)?;
        }
        map.end()
    }
}
