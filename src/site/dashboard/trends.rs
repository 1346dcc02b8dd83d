//! Each indicator's last weeks on the dashboard: a sparkline of its figure
//! from the weekly history, and its change since the week before in words
//! ("Action items done on time fell from 71% to 44%").
//!
//! Values come from the weekly history of `metrics.json` (each week's
//! figures); names and formats from the indicator table, so the sentence
//! reads as the figure beside it does.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::indicators::{Indicator, Unit};
use crate::metrics::WeekFigures;
use crate::metrics::scores;
use crate::model::Curve;
use crate::site::charts::{ChartHtml, DataTable, Ink, Series, sparkline};

/// How many weeks an indicator's sparkline shows.
pub const SPARK_WEEKS: usize = 12;

/// The change of an indicator's figure since the week before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureChangeView {
    /// `up`, `down` or `same`: which way the figure moved.
    pub direction: &'static str,
    /// `better`, `worse` or `same` (CSS class): what the move means, from
    /// the indicator's own scoring curve (fewer stale items is better).
    pub verdict: &'static str,
    /// `↑`, `↓` or `→`: arrows, never the status shapes (● ▲ ■ ○).
    pub arrow: &'static str,
    /// `Action items done on time fell from 71% to 44%: worse`.
    pub text: String,
}

/// Whether a move from `then` to `now` is better, worse or neither for
/// `indicator`: its score under the curve in force rose, fell or stayed (a
/// backlog ready for 8 sprints is worse than one ready for 3, though more).
pub fn verdict(
    indicator: Indicator,
    then: f64,
    now: f64,
    thresholds: &BTreeMap<String, Curve>,
) -> &'static str {
    let curve = scores::curve(indicator, thresholds);
    match (scores::score_on(curve, then), scores::score_on(curve, now)) {
        (Some(a), Some(b)) if b > a => "better",
        (Some(a), Some(b)) if b < a => "worse",
        _ => "same",
    }
}

/// The figure of `indicator` in week `w`; `None` when undefined.
pub fn figure_in(w: &WeekFigures, indicator: Indicator) -> Option<f64> {
    w.health
        .practices
        .iter()
        .flat_map(|p| &p.indicators)
        .find(|i| i.indicator == indicator)
        .and_then(|i| i.figure)
}

/// The weeks a sparkline shows: the last [`SPARK_WEEKS`] of `weeks`.
pub fn spark_weeks(weeks: &[WeekFigures]) -> &[WeekFigures] {
    &weeks[weeks.len().saturating_sub(SPARK_WEEKS)..]
}

/// The sparkline of `indicator` over the last weeks, with its figures in
/// a table; `None` when no week has a figure.
pub fn spark(weeks: &[WeekFigures], indicator: Indicator) -> Option<ChartHtml> {
    let shown = spark_weeks(weeks);
    let values: Vec<Option<f64>> = shown.iter().map(|w| figure_in(w, indicator)).collect();
    if values.iter().all(Option::is_none) {
        return None;
    }
    let (first, last) = (shown.first()?, shown.last()?);
    let name = indicator.label();
    // Shares from 0 to 100%, everything else from 0 to its highest value.
    let is_share = indicator.unit() == Unit::Share;
    let top = if is_share { 1.0 } else { values.iter().flatten().fold(0.0_f64, |a, &v| a.max(v)) };
    let listed: Vec<String> = shown
        .iter()
        .zip(&values)
        .map(|(w, v)| format!("{} {}", w.week.rsplit('-').next().unwrap_or(&w.week), indicator.format(*v)))
        .collect();
    let title = format!("{name}, week by week");
    let desc = format!("{name} each week from {} to {}: {}.", first.week, last.week, listed.join(", "));
    let id = format!("spark-{}", indicator.key());
    let labels: Vec<String> = shown.iter().map(|w| w.week.clone()).collect();
    let series = [Series { name, ink: Ink::Reference, values: values.clone() }];
    let table = DataTable::of_series(&id, &format!("{name} by week"), "Week", &labels, &series, |v| {
        indicator.format(v)
    });
    Some(sparkline(&id, &title, &desc, &values, top).with_table(&table))
}

/// How `indicator` changed from the second-to-last week of `weeks` to
/// the last, in the words of its figure; `None` without two weeks with a
/// figure.
pub fn change(
    weeks: &[WeekFigures],
    indicator: Indicator,
    thresholds: &BTreeMap<String, Curve>,
) -> Option<FigureChangeView> {
    let [.., before, now] = weeks else { return None };
    let (then, value) = (figure_in(before, indicator)?, figure_in(now, indicator)?);
    let name = indicator.label();
    let (a, b) = (indicator.format(Some(then)), indicator.format(Some(value)));
    if a == b {
        return Some(FigureChangeView {
            direction: "same",
            verdict: "same",
            arrow: "→",
            text: format!("{name} stayed at {b}"),
        });
    }
    let verdict = verdict(indicator, then, value, thresholds);
    let meaning = match verdict {
        "better" => "better",
        "worse" => "worse",
        _ => "no change in its score",
    };
    let (direction, arrow, moved) =
        if value > then { ("up", "↑", "rose") } else { ("down", "↓", "fell") };
    Some(FigureChangeView {
        direction,
        verdict,
        arrow,
        text: format!("{name} {moved} from {a} to {b}: {meaning}"),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::site::dashboard::tests::sample;

    /// The sample's weeks, with `key`'s figure set in the last two.
    fn weeks_with(indicator: Indicator, before: Option<f64>, now: Option<f64>) -> Vec<WeekFigures> {
        let (project, date) = sample(None);
        let mut weeks = crate::metrics::compute(&project, date).weeks;
        let n = weeks.len();
        for (w, v) in weeks[n - 2..].iter_mut().zip([before, now]) {
            for i in w
                .health
                .practices
                .iter_mut()
                .flat_map(|p| &mut p.indicators)
                .filter(|i| i.indicator == indicator)
            {
                i.figure = v;
            }
        }
        weeks
    }

    #[test]
    fn a_change_says_better_or_worse_in_the_figure_s_own_words() {
        let t = BTreeMap::new();
        let fell =
            change(&weeks_with(Indicator::OnTimeRate, Some(0.714), Some(0.444)), Indicator::OnTimeRate, &t)
                .unwrap();
        assert_eq!((fell.direction, fell.verdict, fell.arrow), ("down", "worse", "↓"));
        assert_eq!(fell.text, "Action items done on time fell from 71% to 44%: worse");
        // A longer gap is worse although the figure rose.
        let rose =
            change(&weeks_with(Indicator::MaxGapDays, Some(6.0), Some(9.0)), Indicator::MaxGapDays, &t)
                .unwrap();
        assert_eq!(rose.text, "Longest gap between meetings together rose from 6 days to 9 days: worse");
        assert_eq!((rose.direction, rose.verdict, rose.arrow), ("up", "worse", "↑"));
        // Fewer stale items is better.
        let fewer =
            change(&weeks_with(Indicator::StaleShare, Some(0.28), Some(0.14)), Indicator::StaleShare, &t)
                .unwrap();
        assert_eq!(fewer.text, "Stale items fell from 28% to 14%: better");
        // More ready work past three sprints is worse, by the curve.
        let over = change(
            &weeks_with(Indicator::ReadinessSprints, Some(3.0), Some(6.0)),
            Indicator::ReadinessSprints,
            &t,
        )
        .unwrap();
        assert_eq!(over.verdict, "worse");
        // Within the curve's flat part, the score does not move.
        let flat = change(
            &weeks_with(Indicator::ReadinessSprints, Some(1.8), Some(2.6)),
            Indicator::ReadinessSprints,
            &t,
        )
        .unwrap();
        assert_eq!(flat.text, "Ready work rose from 1.8 sprints to 2.6 sprints: no change in its score");
        // what prints the same reads as no change
        let same = change(
            &weeks_with(Indicator::ReadinessSprints, Some(1.62), Some(1.66)),
            Indicator::ReadinessSprints,
            &t,
        )
        .unwrap();
        assert_eq!((same.direction, same.text.as_str()), ("same", "Ready work stayed at 1.6 sprints"));
        assert_eq!(
            change(&weeks_with(Indicator::OnTimeRate, None, Some(0.5)), Indicator::OnTimeRate, &t),
            None
        );
        assert_eq!(change(&[], Indicator::OnTimeRate, &t), None);
        // None of the arrows is a status shape.
        for shape in ["●", "▲", "■", "○"] {
            assert!(![fell.arrow, rose.arrow, same.arrow].contains(&shape));
        }
    }

    #[test]
    fn a_sparkline_shows_the_last_twelve_weeks_of_the_figure() {
        let weeks = weeks_with(Indicator::OnTimeRate, Some(0.5), Some(0.25));
        assert!(weeks.len() > SPARK_WEEKS, "the sample has more weeks than a sparkline shows");
        let out = spark(&weeks, Indicator::OnTimeRate).unwrap();
        let out = out.as_str();
        let shown = spark_weeks(&weeks);
        assert_eq!(shown.len(), SPARK_WEEKS);
        assert_eq!(out.matches("<tr><th scope=\"row\">").count(), SPARK_WEEKS, "{out}");
        let last = &shown[SPARK_WEEKS - 1].week;
        assert!(
            out.contains(&format!("<tr><th scope=\"row\">{last}</th><td class=\"num\">25%</td></tr>")),
            "{out}"
        );
        assert!(out.contains(
            "<title id=\"spark-on-time-rate-title\">Action items done on time, week by week</title>"
        ));
        // a share is drawn from 0 to 100%: 25% is a quarter of the way up
        assert!(out.contains("<circle class=\"spark-dot\" cx=\"116.0\" cy=\"22.0\" r=\"3\"/>"), "{out}");
        let mut empty = weeks.clone();
        for w in &mut empty {
            for i in w.health.practices.iter_mut().flat_map(|p| &mut p.indicators) {
                i.figure = None;
            }
        }
        assert!(spark(&empty, Indicator::OnTimeRate).is_none(), "no figure in any week: no sparkline");
    }
}
