//! The dashboard's first screen: the health headline that never hides bad
//! news, and one tile per practice (score, status, change and the one-line
//! reason), so a reader sees how the pair is doing before scrolling.

use serde::Serialize;

use super::words::{self, StatusView};
use crate::format;
use crate::metrics::{Health, PracticeScore, Status, WeekFigures, Window};
use crate::site::Input;
use crate::site::unscored;

/// The headline: the status of the health score, and which practices are
/// at risk or to watch, by name.
#[derive(Debug, Serialize)]
pub struct HeadlineView {
    /// `Watch — 2 of 5 practices at risk: Hold each other accountable, Be
    /// willing to compromise.`
    pub sentence: String,
    /// Whether any practice is at risk (the headline then leads with it).
    pub at_risk: bool,
}

/// One practice on the first screen.
#[derive(Debug, Serialize)]
pub struct TileView {
    /// `backlog`: the details card below is `#practice-backlog`.
    pub key: &'static str,
    /// `Collaborate on the backlog`.
    pub name: &'static str,
    /// `92`, or `no data`.
    pub score: String,
    /// Status as word and shape.
    pub status: StatusView,
    /// The change since the week before, in words.
    pub change: Option<TileChange>,
    /// Why the score is what it is: the weakest scored indicator, or why
    /// there is no score.
    pub reason: String,
}

/// A practice's change since the week before.
#[derive(Debug, Serialize)]
pub struct TileChange {
    /// `better`, `worse` or `same` (CSS class).
    pub verdict: &'static str,
    /// `↑`, `↓` or `→`.
    pub arrow: &'static str,
    /// `Down 5 since 2026-W46 (worse)`.
    pub text: String,
}

/// The headline of `health`: its status word, then the practices at risk and
/// to watch by name, so an average never hides a practice in trouble.
pub fn headline(health: &Health) -> HeadlineView {
    let all = health.practices.len();
    let named = |status: Status| -> Vec<String> {
        health
            .practices
            .iter()
            .filter(|p| p.status == status)
            .map(|p| p.practice.name().to_string())
            .collect()
    };
    let (risk, watch) = (named(Status::AtRisk), named(Status::Watch));
    let status = words::status(health.status).label;
    let scored = health.practices_scored();
    let mut parts = Vec::new();
    if !risk.is_empty() {
        parts.push(format!("{} of {all} practices at risk: {}", risk.len(), format::and_list(&risk)));
    }
    if !watch.is_empty() {
        let lead = if parts.is_empty() {
            format!("{} of {all} practices", watch.len())
        } else {
            watch.len().to_string()
        };
        parts.push(format!("{lead} to watch: {}", format::and_list(&watch)));
    }
    if parts.is_empty() && scored > 0 {
        parts.push(if scored == all {
            format!("all {all} practices healthy")
        } else {
            format!("the {scored} practices with data are healthy")
        });
    }
    let sentence = if scored == 0 {
        "No data yet: not one practice can be scored from the records as of this date.".to_string()
    } else {
        format!("{status} — {}.", parts.join("; "))
    };
    HeadlineView { sentence, at_risk: !risk.is_empty() }
}

/// The five tiles, in docs/figures.md order.
pub fn tiles(input: &Input<'_>) -> Vec<TileView> {
    let report = input.report;
    let before = report.weeks.len().checked_sub(2).and_then(|i| report.weeks.get(i));
    report.health.practices.iter().map(|p| tile(p, before, &report.window)).collect()
}

fn tile(p: &PracticeScore, before: Option<&WeekFigures>, window: &Window) -> TileView {
    TileView {
        key: p.key(),
        name: p.practice.name(),
        score: format::score(p.score),
        status: words::status(p.status),
        change: before.and_then(|w| change(p, w)),
        reason: reason(p, window),
    }
}

/// The practice's change since `before`'s week, over the indicators both
/// weeks scored (a figure arriving is no change).
fn change(p: &PracticeScore, before: &WeekFigures) -> Option<TileChange> {
    let then = before.health.practice(p.practice)?;
    let (a, b) = p.compared_with(then)?;
    let points = format::score_points(b) - format::score_points(a);
    let size = format::count(points.unsigned_abs() as usize, "point", "points");
    // `W46`: the year is this week's, or the tile would wrap.
    let since = before.week.rsplit('-').next().unwrap_or(&before.week);
    Some(match points {
        n if n > 0 => {
            TileChange { verdict: "better", arrow: "↑", text: format!("Up {size} since {since} (better)") }
        }
        n if n < 0 => {
            TileChange { verdict: "worse", arrow: "↓", text: format!("Down {size} since {since} (worse)") }
        }
        _ => TileChange { verdict: "same", arrow: "→", text: format!("No change since {since}") },
    })
}

/// One line on why the score is what it is.
fn reason(p: &PracticeScore, window: &Window) -> String {
    let scored: Vec<_> = p.indicators.iter().filter(|i| i.score.is_some()).collect();
    let weakest = scored.iter().min_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)));
    match weakest {
        Some(i) if i.score.is_some_and(|s| s < 75.0) => {
            let score = format::score(i.score);
            format!("Weakest: {} {} (score {score})", i.indicator.label(), i.indicator.format(i.figure))
        }
        Some(_) => format!(
            "{} healthy",
            if scored.len() == 1 {
                "Its one scored indicator is".to_string()
            } else {
                format!("All {} scored indicators", scored.len())
            }
        ),
        None => match p.indicators.iter().find_map(|i| i.unscored.map(|u| (i.indicator, u))) {
            Some((indicator, why)) => unscored::label(indicator, &why, window),
            None => "No data".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{Indicator, Practice};
    use crate::metrics::IndicatorScore;

    fn practice(practice: Practice, scores: &[Option<f64>]) -> PracticeScore {
        let indicators = practice
            .indicators()
            .zip(scores)
            .map(|(indicator, s)| IndicatorScore { indicator, figure: *s, score: *s, unscored: None })
            .collect();
        PracticeScore::from_indicators(practice, indicators)
    }

    fn health(scores: [&[Option<f64>]; 5]) -> Health {
        Health::from_practices(Practice::ALL.into_iter().zip(scores).map(|(p, s)| practice(p, s)).collect())
    }

    #[test]
    fn the_headline_names_the_practices_at_risk_even_when_the_average_looks_fine() {
        // Mean (100 + 100 + 90 + 30 + 40) / 5 = 72: watch, with two practices at risk.
        let h = health([&[Some(100.0)], &[Some(100.0)], &[Some(90.0)], &[Some(30.0)], &[Some(40.0)]]);
        let v = headline(&h);
        assert_eq!(
            v.sentence,
            "Watch — 2 of 5 practices at risk: Hold each other accountable and Be willing to compromise."
        );
        assert!(v.at_risk);
        let h = health([&[Some(100.0)], &[Some(60.0)], &[Some(90.0)], &[Some(80.0)], &[None]]);
        assert_eq!(headline(&h).sentence, "Healthy — 1 of 5 practices to watch: Communicate regularly.");
        let h = health([&[Some(100.0)], &[Some(90.0)], &[Some(90.0)], &[Some(80.0)], &[Some(75.0)]]);
        assert_eq!(headline(&h).sentence, "Healthy — all 5 practices healthy.");
        let h = health([&[None], &[None], &[None], &[None], &[None]]);
        assert!(headline(&h).sentence.starts_with("No data yet"));
    }

    #[test]
    fn a_tile_says_its_weakest_indicator_or_why_it_has_no_score() {
        let w = Window::ending(crate::testkit::date("2026-10-20"), 28);
        let p = practice(Practice::Communication, &[Some(90.0), Some(20.0), Some(100.0), Some(100.0)]);
        assert_eq!(reason(&p, &w), "Weakest: Longest gap between meetings together 20 days (score 20)");
        let p = practice(Practice::Support, &[Some(90.0), Some(80.0)]);
        assert_eq!(reason(&p, &w), "All 2 scored indicators healthy");
        let mut p = practice(Practice::Compromise, &[None, None]);
        p.indicators[0].unscored =
            Some(crate::metrics::Unscored::TooLittle { counted: 0, rows: 1, unrecorded: 0 });
        assert_eq!(reason(&p, &w), "Not scored: too little data to score (0 of 1)");
        assert_eq!(p.indicators[0].indicator, Indicator::JointDecisionShare);
    }
}
