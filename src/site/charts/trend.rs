//! A small SVG trend of the weekly health score, with dashed lines at the
//! healthy and watch thresholds. Only numbers are computed here; the
//! `ui.trend` component in `components.html` draws them, so the trend needs
//! no `| safe` and a user can restyle it by replacing one template.

use serde::Serialize;

use crate::metrics::WeekFigures;
use crate::site::format;

/// Drawing width in SVG units.
const WIDTH: f64 = 240.0;
/// Drawing height in SVG units.
const HEIGHT: f64 = 64.0;
/// Room around the line for the end dot.
const PAD: f64 = 4.0;

/// The weekly health score as a line, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sparkline {
    /// `viewBox` width.
    pub width: u32,
    /// `viewBox` height.
    pub height: u32,
    /// `points` of each unbroken run of weeks with a score (weeks without
    /// one break the line).
    pub segments: Vec<String>,
    /// The last week's point, marked with a dot.
    pub last: Option<Point>,
    /// Dashed lines at the status thresholds (75 healthy, 50 watch).
    pub bands: Vec<Band>,
    /// The accessible name: `Weekly health score`.
    pub title: &'static str,
    /// The text alternative: first, lowest, highest and last values.
    pub label: String,
    /// Every week drawn with its score (`no data` where there is none), for
    /// the table under the trend.
    pub rows: Vec<TrendRow>,
    /// The first week drawn, `2026-W28`.
    pub from: String,
    /// The last week drawn, `2026-W47`.
    pub to: String,
}

/// One week of the trend's table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    /// `2026-W47`.
    pub week: String,
    /// `95`, or `no data`.
    pub score: String,
}

/// A point in SVG units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// x.
    pub x: String,
    /// y.
    pub y: String,
}

/// A horizontal threshold line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// y in SVG units.
    pub y: String,
    /// `healthy` or `watch`.
    pub key: &'static str,
}

fn x_of(i: usize, n: usize) -> f64 {
    if n <= 1 { WIDTH / 2.0 } else { PAD + (WIDTH - 2.0 * PAD) * i as f64 / (n - 1) as f64 }
}

fn y_of(score: f64) -> f64 {
    PAD + (HEIGHT - 2.0 * PAD) * (100.0 - score.clamp(0.0, 100.0)) / 100.0
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// The trend of `weeks`; `None` when no week has a score.
pub fn of(weeks: &[WeekFigures]) -> Option<Sparkline> {
    let scored: Vec<(usize, &WeekFigures, f64)> =
        weeks.iter().enumerate().filter_map(|(i, w)| w.health.score.map(|s| (i, w, s))).collect();
    let (first, last) = (scored.first()?, scored.last()?);
    let n = weeks.len();
    let mut segments: Vec<Vec<String>> = Vec::new();
    let mut previous: Option<usize> = None;
    for (i, _, score) in &scored {
        if previous.is_none_or(|p| p + 1 != *i) {
            segments.push(Vec::new());
        }
        if let Some(run) = segments.last_mut() {
            run.push(format!("{},{}", num(x_of(*i, n)), num(y_of(*score))));
        }
        previous = Some(*i);
    }
    let by_score = |a: &&(usize, &WeekFigures, f64), b: &&(usize, &WeekFigures, f64)| {
        format::score_points(a.2).cmp(&format::score_points(b.2)).then(b.0.cmp(&a.0))
    };
    let lowest = scored.iter().min_by(by_score).unwrap_or(first);
    let highest = scored.iter().max_by(by_score).unwrap_or(last);
    let label = format!(
        "Weekly health score from {} to {}: {} in {}, lowest {} in {}, highest {} in {}, {} in {}.",
        first.1.week,
        last.1.week,
        format::score_points(first.2),
        first.1.week,
        format::score_points(lowest.2),
        lowest.1.week,
        format::score_points(highest.2),
        highest.1.week,
        format::score_points(last.2),
        last.1.week,
    );
    Some(Sparkline {
        width: WIDTH as u32,
        height: HEIGHT as u32,
        segments: segments.into_iter().map(|run| run.join(" ")).collect(),
        last: Some(Point { x: num(x_of(last.0, n)), y: num(y_of(last.2)) }),
        bands: vec![Band { y: num(y_of(75.0)), key: "healthy" }, Band { y: num(y_of(50.0)), key: "watch" }],
        title: "Weekly health score",
        label,
        rows: weeks
            .iter()
            .map(|w| TrendRow { week: w.week.clone(), score: format::score(w.health.score) })
            .collect(),
        from: first.1.week.clone(),
        to: last.1.week.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{CollaborationFigures, DeliveryFigures, Health};
    use crate::model::Date;

    fn week(label: &str, score: Option<f64>) -> WeekFigures {
        let mut health = Health::from_practices(Vec::new());
        health.score = score;
        WeekFigures {
            week: label.to_string(),
            as_of: Date::constant(2026, 10, 18),
            health,
            delivery: DeliveryFigures { velocity: None, say_do_rolling: None, goal_success_rate: None },
            flow: Default::default(),
            backlog: None,
            collaboration: empty_collaboration(),
        }
    }

    fn empty_collaboration() -> CollaborationFigures {
        CollaborationFigures {
            touchpoints: None,
            touchpoints_per_week: None,
            max_gap_days: None,
            po_event_attendance: None,
            sm_event_attendance: None,
            refinement_sessions: 0,
            joint_refinement_share: None,
            actions_raised: 0,
            actions_done: 0,
            on_time_rate: None,
            overdue_open: Some(0),
            cross_role_assists: None,
            cross_role_assists_per_week: None,
            impediments_raised: 0,
            median_resolution_days: None,
            decisions: 0,
            joint_decision_share: None,
            compromises: 0,
            scope_changes: 0,
            negotiated_scope_change_share: None,
        }
    }

    #[test]
    fn a_gap_breaks_the_line_and_the_label_names_the_values() {
        let weeks = [
            week("2026-W40", Some(80.0)),
            week("2026-W41", Some(20.4)),
            week("2026-W42", None),
            week("2026-W43", Some(100.0)),
            week("2026-W44", Some(95.0)),
        ];
        let s = of(&weeks).unwrap_or_else(|| panic!("scored weeks"));
        assert_eq!(s.segments, ["4.0,15.2 62.0,48.6", "178.0,4.0 236.0,6.8"]);
        assert_eq!(s.last, Some(Point { x: "236.0".into(), y: "6.8".into() }));
        assert_eq!(
            s.label,
            "Weekly health score from 2026-W40 to 2026-W44: 80 in 2026-W40, lowest 20 in 2026-W41, \
             highest 100 in 2026-W43, 95 in 2026-W44."
        );
    }

    #[test]
    fn one_week_is_a_dot_and_no_score_is_no_chart() {
        let s = of(&[week("2026-W40", Some(50.0))]).unwrap_or_else(|| panic!("one week"));
        assert_eq!(s.segments, ["120.0,32.0"]);
        assert!(of(&[week("2026-W40", None)]).is_none());
        assert!(of(&[]).is_none());
    }
}
