//! Each indicator's last weeks on the dashboard: a sparkline of its figure
//! from the weekly history, and its change since the week before in words
//! ("Action items done on time fell from 71% to 44%").
//!
//! Values come from the weekly history of `metrics.json` (each week's
//! figures); names and formats from the indicator table, so the sentence
//! reads as the figure beside it does.

use serde::Serialize;

use crate::indicators::{Indicator, Unit};
use crate::metrics::WeekFigures;
use crate::site::charts::{ChartHtml, DataTable, Series, sparkline};

/// How many weeks an indicator's sparkline shows.
pub const SPARK_WEEKS: usize = 12;

/// The change of an indicator's figure since the week before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureChangeView {
    /// `up`, `down` or `same` (CSS class).
    pub direction: &'static str,
    /// `▲`, `▼` or `=`.
    pub arrow: &'static str,
    /// `Action items done on time fell from 71% to 44%`.
    pub text: String,
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
    let series = [Series { name, values: values.clone() }];
    let table = DataTable::of_series(&id, &format!("{name} by week"), "Week", &labels, &series, |v| {
        indicator.format(v)
    });
    Some(sparkline(&id, &title, &desc, &values, top).with_table(&table))
}

/// How `indicator` changed from the second-to-last week of `weeks` to
/// the last, in the words of its figure; `None` without two weeks with a
/// figure.
pub fn change(weeks: &[WeekFigures], indicator: Indicator) -> Option<FigureChangeView> {
    let [.., before, now] = weeks else { return None };
    let (then, value) = (figure_in(before, indicator)?, figure_in(now, indicator)?);
    let name = indicator.label();
    let (a, b) = (indicator.format(Some(then)), indicator.format(Some(value)));
    let (direction, arrow, text) = if a == b {
        ("same", "=", format!("{name} stayed at {b}"))
    } else if value > then {
        ("up", "▲", format!("{name} rose from {a} to {b}"))
    } else {
        ("down", "▼", format!("{name} fell from {a} to {b}"))
    };
    Some(FigureChangeView { direction, arrow, text })
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
    fn a_change_is_a_plain_sentence_in_the_figure_s_own_words() {
        let fell =
            change(&weeks_with(Indicator::OnTimeRate, Some(0.714), Some(0.444)), Indicator::OnTimeRate)
                .unwrap();
        assert_eq!((fell.direction, fell.arrow), ("down", "▼"));
        assert_eq!(fell.text, "Action items done on time fell from 71% to 44%");
        let rose =
            change(&weeks_with(Indicator::MaxGapDays, Some(6.0), Some(9.0)), Indicator::MaxGapDays).unwrap();
        assert_eq!(rose.text, "Longest gap between meetings together rose from 6 days to 9 days");
        assert_eq!(rose.arrow, "▲");
        // what prints the same reads as no change
        let same = change(
            &weeks_with(Indicator::ReadinessSprints, Some(1.62), Some(1.66)),
            Indicator::ReadinessSprints,
        )
        .unwrap();
        assert_eq!((same.direction, same.text.as_str()), ("same", "Ready work stayed at 1.6 sprints"));
        assert_eq!(change(&weeks_with(Indicator::OnTimeRate, None, Some(0.5)), Indicator::OnTimeRate), None);
        assert_eq!(change(&[], Indicator::OnTimeRate), None);
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
