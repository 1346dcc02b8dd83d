//! The facts the stakeholder summary states: which practices moved, and by
//! how much, over the last week and the last four.

use crate::format;
use crate::indicators::Practice;
use crate::metrics::WeekFigures;

/// The longer comparison, in weeks.
pub const TREND_WEEKS: usize = 4;

/// How many weeks of history the summary reads: this week and
/// [`TREND_WEEKS`] back.
pub const WEEKS_SHOWN: usize = TREND_WEEKS + 1;

/// A practice whose displayed score moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The practice.
    pub practice: Practice,
    /// Its score now, in displayed points.
    pub score: i64,
    /// Non-zero changes in displayed points with their period, this week's first.
    pub deltas: Vec<(i64, &'static str)>,
}

/// Practices whose score moved, comparing the last week with the week
/// before and with [`TREND_WEEKS`] weeks before, over the indicators both
/// weeks have data for. A practice that did not move is left out.
pub fn moved(weeks: &[WeekFigures]) -> Vec<Moved> {
    let Some(now) = weeks.last() else { return Vec::new() };
    let back = |n: usize| weeks.len().checked_sub(n + 1).and_then(|i| weeks.get(i));
    now.health
        .practices
        .iter()
        .filter_map(|practice| {
            let score = practice.score?;
            let deltas: Vec<(i64, &'static str)> =
                [(back(1), "in a week"), (back(TREND_WEEKS), "in four weeks")]
                    .into_iter()
                    .filter_map(|(week, period)| {
                        let (before, now) =
                            practice.compared_with(week?.health.practice(practice.practice)?)?;
                        Some((format::score_points(now) - format::score_points(before), period))
                    })
                    .filter(|(delta, _)| *delta != 0)
                    .collect();
            (!deltas.is_empty()).then(|| Moved {
                practice: practice.practice,
                score: format::score_points(score),
                deltas,
            })
        })
        .collect()
}
