//! One small chart per practice on the weeks index: the practice's weekly
//! score (a line) with the product owner's and the scrum master's ratings
//! on the same 0..100 scale (a marker in each week they rated it, no line
//! between: a rating says nothing about the weeks nobody checked in), and
//! its numbers in a table under it.

use serde::Serialize;

use crate::indicators::Practice;
use crate::metrics::WeekFigures;
use crate::metrics::checkins::CheckinEntry;
use crate::model::Role;
use crate::site::charts::{self, ChartHtml, ChartText, DataTable, Ink, Series};
use crate::site::charts::{SCORE_AXIS, SCORE_BANDS};
use crate::site::format;

use super::rating;

/// The pair's ratings of `practice` in each of `weeks` by `role`: the latest
/// check-in of the week that rates it, as (perception, rating).
fn ratings(
    weeks: &[WeekFigures],
    checkins: &[CheckinEntry],
    role: Role,
    practice: Practice,
) -> Vec<Option<(f64, u8)>> {
    weeks
        .iter()
        .map(|w| {
            checkins
                .iter()
                .rev()
                .filter(|e| e.role == role && e.week == w.week)
                .find_map(|e| e.practices.iter().find(|r| r.practice == practice))
                .map(|r| (r.perception, r.rating))
        })
        .collect()
}

/// One practice's chart with its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PerceptionChart {
    /// `communication`, for ids.
    pub key: &'static str,
    /// `Communicate regularly`.
    pub name: &'static str,
    /// The chart and its numbers.
    pub chart: ChartHtml,
}

/// The five charts; empty when the pair has never checked in (or on a
/// public site, where the caller does not ask).
pub fn perception_charts(weeks: &[WeekFigures], checkins: &[CheckinEntry]) -> Vec<PerceptionChart> {
    if checkins.is_empty() || weeks.is_empty() {
        return Vec::new();
    }
    Practice::ALL
        .into_iter()
        .filter_map(|p| {
            Some(PerceptionChart { key: p.key(), name: p.name(), chart: chart(weeks, checkins, p)? })
        })
        .collect()
}

fn chart(weeks: &[WeekFigures], checkins: &[CheckinEntry], practice: Practice) -> Option<ChartHtml> {
    let (first, last) = (weeks.first()?, weeks.last()?);
    let labels: Vec<String> =
        weeks.iter().map(|w| w.week.rsplit('-').next().unwrap_or(&w.week).to_string()).collect();
    let evidence: Vec<Option<f64>> =
        weeks.iter().map(|w| w.health.practice(practice).and_then(|p| p.score)).collect();
    let po = ratings(weeks, checkins, Role::ProductOwner, practice);
    let sm = ratings(weeks, checkins, Role::ScrumMaster, practice);
    let series = [
        Series { name: "Evidence score", ink: Ink::Reference, values: evidence },
        Series {
            name: "Product owner's rating",
            ink: Ink::Peer(0),
            values: po.iter().map(|r| r.map(|(p, _)| p)).collect(),
        },
        Series {
            name: "Scrum master's rating",
            ink: Ink::Peer(1),
            values: sm.iter().map(|r| r.map(|(p, _)| p)).collect(),
        },
    ];
    let count = |list: &[Option<(f64, u8)>]| list.iter().flatten().count();
    let desc = format!(
        "{}: the weekly score from the records, 0 to 100, from {} to {}, with {} by the product owner and {} by the scrum master on the same scale (1/5 is 0, 5/5 is 100).",
        practice.name(),
        first.week,
        last.week,
        format::count(count(&po), "rating", "ratings"),
        format::count(count(&sm), "rating", "ratings"),
    );
    let title = format!("{}: ratings beside the evidence", practice.name());
    let id = format!("perception-{}", practice.key());
    let text = ChartText { id: &id, title: &title, desc: &desc, y_label: "Score" };
    let week_labels: Vec<String> = weeks.iter().map(|w| w.week.clone()).collect();
    let cell = |r: &Option<(f64, u8)>| {
        r.map_or_else(
            || "no check-in".to_string(),
            |(p, r)| format!("{} ({})", format::score(Some(p)), rating(r)),
        )
    };
    let table = DataTable::of_series(&id, &title, "Week", &week_labels, &series[..1], format::score)
        .column("Product owner", po.iter().map(cell).collect())
        .column("Scrum master", sm.iter().map(cell).collect());
    Some(charts::line_chart(&text, &labels, &series, SCORE_AXIS, &SCORE_BANDS).with_table(&table))
}
