//! Scores (docs/figures.md, "Scores"): each scored indicator mapped to 0..100 by
//! a piecewise linear curve, practice scores as means of their indicators,
//! the health score as the mean of the practices.

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::Curve;

use super::mean;
use crate::indicators::{Indicator, Inputs, NoFigure, Practice};
use crate::model::Settings;

/// The curve in force for `indicator`: the one under `thresholds:`, else the default.
pub fn curve(indicator: Indicator, thresholds: &BTreeMap<String, Curve>) -> &[(f64, f64)] {
    thresholds.get(indicator.key()).map_or(indicator.curve(), |c| c.0.as_slice())
}

/// The score of `figure` on `points` (increasing figures): linear between
/// neighbouring points, clamped to the first and last score outside them;
/// `None` for an empty curve.
pub fn score_on(points: &[(f64, f64)], figure: f64) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    if figure <= first.0 {
        return Some(first.1);
    }
    if figure >= last.0 {
        return Some(last.1);
    }
    points.windows(2).find_map(|pair| {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        (x0 <= figure && figure <= x1)
            .then(|| if x1 > x0 { y0 + (y1 - y0) * (figure - x0) / (x1 - x0) } else { y1 })
    })
}

/// A score band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Score 75 or more.
    Healthy,
    /// Score 50 up to 75.
    Watch,
    /// Score below 50.
    AtRisk,
    /// No score.
    NoData,
}

impl Status {
    /// The band of `score`: >= 75 healthy, >= 50 watch, < 50 at-risk, none no-data.
    pub fn of(score: Option<f64>) -> Status {
        match score {
            None => Status::NoData,
            Some(s) if s >= 75.0 => Status::Healthy,
            Some(s) if s >= 50.0 => Status::Watch,
            Some(_) => Status::AtRisk,
        }
    }

    /// The key in `metrics.json` (and CSS class): `healthy`, `watch`, `at-risk`, `no-data`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Healthy => "healthy",
            Status::Watch => "watch",
            Status::AtRisk => "at-risk",
            Status::NoData => "no-data",
        }
    }

    /// Words for people: `Healthy`, `Watch`, `At risk`, `No data`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Healthy => "Healthy",
            Status::Watch => "Watch",
            Status::AtRisk => "At risk",
            Status::NoData => "No data",
        }
    }

    /// The state `ui.status` in `components.html` expects: `healthy`,
    /// `watch`, `risk`, `none`.
    pub fn state(self) -> &'static str {
        match self {
            Status::Healthy => "healthy",
            Status::Watch => "watch",
            Status::AtRisk => "risk",
            Status::NoData => "none",
        }
    }

    /// The shape that stands for it beside the word, never colour alone:
    /// `●`, `▲`, `■`, `○`.
    pub fn shape(self) -> &'static str {
        match self {
            Status::Healthy => "●",
            Status::Watch => "▲",
            Status::AtRisk => "■",
            Status::NoData => "○",
        }
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One scored indicator: its figure and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// Which indicator.
    pub indicator: Indicator,
    /// The figure (counts and days as numbers); `None` when undefined.
    pub figure: Option<f64>,
    /// 0..100; `None` when there is no figure, or too little evidence.
    pub score: Option<f64>,
    /// Why there is no score, when there is none.
    pub unscored: Option<Unscored>,
}

/// Why an indicator is not scored (docs/figures.md, "Evidence: unknown is
/// not zero"): it says so where its score would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unscored {
    /// It has no figure.
    NoFigure(NoFigure),
    /// Its figure is over fewer than `min_evidence` rows: shown, not scored.
    TooLittle {
        /// Rows counted towards the numerator.
        counted: usize,
        /// Rows it looked at.
        rows: usize,
        /// Rows left out because their note does not say who attended.
        unrecorded: usize,
    },
}

/// One practice's score and its indicators in docs/figures.md order.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeScore {
    /// Which practice.
    pub practice: Practice,
    /// Mean of the non-null indicator scores; `None` when all are null.
    pub score: Option<f64>,
    /// Band of the score.
    pub status: Status,
    /// The indicators.
    pub indicators: Vec<IndicatorScore>,
}

/// The health score and the five practices, in docs/figures.md order.
#[derive(Debug, Clone, PartialEq)]
pub struct Health {
    /// Mean of the non-null practice scores; `None` when all are null.
    pub score: Option<f64>,
    /// Band of the score.
    pub status: Status,
    /// backlog, communication, support, accountability, compromise.
    pub practices: Vec<PracticeScore>,
}

impl IndicatorScore {
    /// `indicator`'s figure and score from `inputs`, or why it has no score.
    pub fn of(indicator: Indicator, inputs: &Inputs, settings: &Settings) -> IndicatorScore {
        let Some(counted) = inputs.get(indicator) else {
            let why = inputs.why_none(indicator).unwrap_or(NoFigure::Empty);
            return IndicatorScore {
                indicator,
                figure: None,
                score: None,
                unscored: Some(Unscored::NoFigure(why)),
            };
        };
        let figure = counted.figure();
        if indicator.too_little(counted, settings.min_evidence) {
            let unscored = Unscored::TooLittle {
                counted: counted.counted(),
                rows: counted.rows.len(),
                unrecorded: counted.unrecorded.len(),
            };
            return IndicatorScore { indicator, figure, score: None, unscored: Some(unscored) };
        }
        let score = figure.and_then(|f| score_on(curve(indicator, &settings.thresholds), f));
        let unscored = score.is_none().then_some(Unscored::NoFigure(NoFigure::Empty));
        IndicatorScore { indicator, figure, score, unscored }
    }
}

impl PracticeScore {
    /// A practice scored from its indicators.
    pub fn from_indicators(practice: Practice, indicators: Vec<IndicatorScore>) -> PracticeScore {
        let scores: Vec<f64> = indicators.iter().filter_map(|i| i.score).collect();
        let score = mean(&scores);
        PracticeScore { practice, score, status: Status::of(score), indicators }
    }

    /// The practice's key in `metrics.json`.
    pub fn key(&self) -> &'static str {
        self.practice.key()
    }
}

impl Health {
    /// The health as of one date, from what each indicator counted as of
    /// that date: a figure over too few rows is shown but not scored.
    pub fn compute(inputs: &Inputs, settings: &Settings) -> Health {
        let practices = Practice::ALL
            .into_iter()
            .map(|practice| {
                let indicators = practice
                    .indicators()
                    .map(|indicator| IndicatorScore::of(indicator, inputs, settings))
                    .collect();
                PracticeScore::from_indicators(practice, indicators)
            })
            .collect();
        Health::from_practices(practices)
    }

    /// The health from practice scores.
    pub fn from_practices(practices: Vec<PracticeScore>) -> Health {
        let scores: Vec<f64> = practices.iter().filter_map(|p| p.score).collect();
        let score = mean(&scores);
        Health { score, status: Status::of(score), practices }
    }

    /// How many practices have a score: the health score is their mean.
    pub fn practices_scored(&self) -> usize {
        self.practices.iter().filter(|p| p.score.is_some()).count()
    }

    /// The score of `practice`.
    pub fn practice(&self, practice: Practice) -> Option<&PracticeScore> {
        self.practices.iter().find(|p| p.practice == practice)
    }

    /// The health scores of `before` and `self` over what both weeks have
    /// data for: each practice on its indicators scored in both weeks. A
    /// backlog that appears (a single `backlog.yaml` exists only as of the
    /// report date) is then no "improvement". `None` when nothing compares.
    pub fn compared_with(&self, before: &Health) -> Option<(f64, f64)> {
        let pairs: Vec<(f64, f64)> =
            self.practices.iter().filter_map(|p| p.compared_with(before.practice(p.practice)?)).collect();
        let n = pairs.len() as f64;
        (!pairs.is_empty())
            .then(|| (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n))
    }
}

impl PracticeScore {
    /// This practice's scores in `before` and now, each the mean of the
    /// indicators scored in both weeks; `None` when there are none.
    pub fn compared_with(&self, before: &PracticeScore) -> Option<(f64, f64)> {
        let pairs: Vec<(f64, f64)> = self
            .indicators
            .iter()
            .filter_map(|i| {
                let then = before.indicators.iter().find(|b| b.indicator == i.indicator)?.score?;
                Some((then, i.score?))
            })
            .collect();
        let n = pairs.len() as f64;
        (!pairs.is_empty())
            .then(|| (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n))
    }
}

/// `{"score", "status", "practices": {"backlog": {...}, ...}}` (docs/figures.md).
impl Serialize for Health {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Practices<'a>(&'a [PracticeScore]);
        impl Serialize for Practices<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for p in self.0 {
                    map.serialize_entry(p.key(), p)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("score", &self.score)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("practices", &Practices(&self.practices))?;
        map.end()
    }
}

/// `{"score", "status", "indicators": {key: score, ...}}` (docs/figures.md).
impl Serialize for PracticeScore {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Indicators<'a>(&'a [IndicatorScore]);
        impl Serialize for Indicators<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for i in self.0 {
                    map.serialize_entry(i.indicator.key(), &i.score)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("score", &self.score)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("indicators", &Indicators(&self.indicators))?;
        map.end()
    }
}

#[cfg(test)]
#[path = "scores_tests.rs"]
mod tests;
