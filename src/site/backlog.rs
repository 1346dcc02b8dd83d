//! `backlog/index.html`: backlog health and the ordered backlog as of the
//! report date, stale items and ready items without acceptance criteria
//! flagged, every row anchored at `#item-<slug>` for links from other pages.

use serde::Serialize;

pub mod fresh;

use super::Input;
use super::charts::{self, Axis, ChartHtml, ChartText, DataTable, Ink, Series};
use super::format::{self, DateView};
use super::page::{Page, Section};
use super::paths::{self, item_anchors};
use super::sprints::item_type_label;
use super::weeks::figures::{self, FactView};
use crate::metrics::days_between;
use crate::model::{BacklogItem, BacklogSnapshot, BacklogState, Date};

/// `backlog/index.html`.
#[derive(Debug, Serialize)]
pub struct BacklogView {
    /// The snapshot shown; `None` when there is no backlog data as of the
    /// report date.
    pub snapshot: Option<SnapshotView>,
    /// Backlog health figures.
    pub figures: Vec<FactView>,
    /// `2 stale items and 1 ready item without acceptance criteria.`
    pub flags: String,
    /// `90`: days without a touch before an item is stale.
    pub stale_days: u32,
    /// `32 items`.
    pub open_count: String,
    /// Open items in rank order.
    pub open: Vec<BacklogRowView>,
    /// `4 items`.
    pub closed_count: String,
    /// Done and dropped items, in rank order.
    pub closed: Vec<BacklogRowView>,
    /// Ready points against velocity by week, when two weeks or more have data.
    pub chart: Option<ChartHtml>,
    /// The open items by age, with its figures.
    pub age_chart: Option<ChartHtml>,
    /// The chart's figures, newest week first.
    pub trend: Vec<TrendRowView>,
}

/// One week of the backlog chart.
#[derive(Debug, Serialize)]
pub struct TrendRowView {
    /// `2026-W47`.
    pub week: String,
    /// The week's page.
    pub url: String,
    /// Open items.
    pub open_items: usize,
    /// Ready points.
    pub ready_points: String,
    /// Velocity as of the week, or `no data`.
    pub velocity: String,
}

/// Which snapshot the page shows.
#[derive(Debug, Serialize)]
pub struct SnapshotView {
    /// Its date (the report date for `backlog.yaml`).
    pub date: DateView,
    /// `backlog/2026-11-09.yaml`.
    pub file: String,
    /// A single `backlog.yaml`, taken as of the report date.
    pub undated: bool,
    /// Its age, and a warning when it is old; `None` for `backlog.yaml`.
    pub freshness: Option<fresh::FreshnessView>,
}

/// One backlog item.
#[derive(Debug, Serialize)]
pub struct BacklogRowView {
    /// `item-phx-140`.
    pub anchor: String,
    /// Position in the file, from 1.
    pub rank: usize,
    /// Item id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `Story`, or empty.
    pub item_type: &'static str,
    /// `ready` (CSS class).
    pub state_key: &'static str,
    /// `Ready`.
    pub state: &'static str,
    /// `5`, or `unestimated`.
    pub points: String,
    /// Owner's display name, or empty.
    pub owner: String,
    /// `40 days`.
    pub age: String,
    /// Last touch.
    pub last_touch: DateView,
    /// Open and last touched more than `stale_days` before the report date.
    pub stale: bool,
    /// Ready without acceptance criteria.
    pub no_acceptance: bool,
    /// Done in a sprint since the snapshot was taken (open items only).
    pub since: Option<fresh::SinceView>,
}

/// The backlog page.
pub fn index(input: &Input<'_>) -> Page<BacklogView> {
    let d = input.report_date;
    let stale_days = input.project.settings.stale_days;
    let found = input.project.backlog.as_of(d, d);
    let rows = found.map(|s| rows(input, s)).unwrap_or_default();
    let (open, closed): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(open, _)| *open);
    let open: Vec<BacklogRowView> = open.into_iter().map(|(_, r)| r).collect();
    let stale = open.iter().filter(|r| r.stale).count();
    let bare = open.iter().filter(|r| r.no_acceptance).count();
    let flags = format!(
        "{} and {}.",
        format::count(stale, "stale item", "stale items"),
        format::count(
            bare,
            "ready item without acceptance criteria",
            "ready items without acceptance criteria"
        )
    );
    Page {
        path: paths::BACKLOG.to_string(),
        template: "backlog/index.html",
        title: "Product backlog".to_string(),
        section: Section::Backlog,
        view: BacklogView {
            snapshot: found.map(|s| SnapshotView {
                date: format::date(s.date.unwrap_or(d)),
                file: s.path.clone(),
                undated: s.date.is_none(),
                freshness: fresh::freshness(input.project, d, d, "the report date"),
            }),
            figures: input
                .report
                .backlog
                .as_ref()
                .map(|b| figures::backlog(b, Some(&input.report.inputs)))
                .unwrap_or_default(),
            flags,
            stale_days,
            open_count: format::count(open.len(), "item", "items"),
            open,
            closed_count: format::count(closed.len(), "item", "items"),
            closed: closed.into_iter().map(|(_, r)| r).collect(),
            chart: chart(input),
            age_chart: age_chart(input),
            trend: trend(input),
        },
    }
}

/// Every item of `snapshot` with whether it is open, in rank order.
fn rows(input: &Input<'_>, snapshot: &BacklogSnapshot) -> Vec<(bool, BacklogRowView)> {
    let anchors = item_anchors(snapshot.items.iter().map(|i| i.id.as_str()));
    snapshot
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let anchor = anchors.get(item.id.as_str()).cloned().unwrap_or_default();
            let mut row = row(input, item, i + 1, anchor);
            if item.state.is_open() {
                row.since = fresh::since(input.project, input.paths, snapshot, &item.id, input.report_date);
            }
            (item.state.is_open(), row)
        })
        .collect()
}

fn row(input: &Input<'_>, item: &BacklogItem, rank: usize, anchor: String) -> BacklogRowView {
    let d: Date = input.report_date;
    let owner = item
        .owner
        .as_ref()
        .map(|id| input.project.team.member(id).map_or_else(|| id.clone(), |m| m.name.clone()))
        .unwrap_or_default();
    BacklogRowView {
        anchor,
        rank,
        id: item.id.clone(),
        title: item.title.clone(),
        item_type: item_type_label(item.item_type),
        state_key: item.state.as_str(),
        state: state_label(item.state),
        points: item.points.map_or_else(|| "unestimated".to_string(), format::decimal),
        owner,
        age: format::days(days_between(d, item.created).max(0) as f64),
        last_touch: format::date(item.last_touch()),
        stale: crate::metrics::backlog::is_stale(item, d, input.project.settings.stale_days),
        no_acceptance: item.state == BacklogState::Ready && item.acceptance.is_empty(),
        since: None,
    }
}

fn state_label(state: BacklogState) -> &'static str {
    match state {
        BacklogState::New => "New",
        BacklogState::Refined => "Refined",
        BacklogState::Ready => "Ready",
        BacklogState::InSprint => "In sprint",
        BacklogState::Done => "Done",
        BacklogState::Dropped => "Dropped",
    }
}

/// The weeks with backlog data, newest first, when there are two or more.
fn trend(input: &Input<'_>) -> Vec<TrendRowView> {
    let rows: Vec<TrendRowView> = input
        .report
        .weeks
        .iter()
        .rev()
        .filter_map(|w| {
            let b = w.backlog.as_ref()?;
            Some(TrendRowView {
                week: w.week.clone(),
                url: input.paths.week_url(&w.week),
                open_items: b.open_items,
                ready_points: format::decimal(b.ready_points),
                velocity: format::maybe(w.delivery.velocity, 1),
            })
        })
        .collect();
    if rows.len() < 2 { Vec::new() } else { rows }
}

/// Ready points against velocity by week, over the weeks that had backlog
/// data: how many sprints of ready work there were, week by week.
fn chart(input: &Input<'_>) -> Option<ChartHtml> {
    let weeks: Vec<_> = input.report.weeks.iter().filter_map(|w| Some((w, w.backlog.as_ref()?))).collect();
    let (first, last) = (weeks.first()?, weeks.last()?);
    if weeks.len() < 2 {
        return None;
    }
    let labels: Vec<String> =
        weeks.iter().map(|(w, _)| w.week.rsplit('-').next().unwrap_or(&w.week).to_string()).collect();
    let series = [
        Series {
            name: "Ready points",
            ink: Ink::Planned,
            values: weeks.iter().map(|(_, b)| Some(b.ready_points)).collect(),
        },
        Series {
            name: "Velocity",
            ink: Ink::Done,
            values: weeks.iter().map(|(w, _)| w.delivery.velocity).collect(),
        },
    ];
    let desc = format!(
        "Ready points against the velocity each week from {} to {}: ready points went from {} to {}, \
         velocity from {} to {}.",
        first.0.week,
        last.0.week,
        format::decimal(first.1.ready_points),
        format::decimal(last.1.ready_points),
        format::maybe(first.0.delivery.velocity, 1),
        format::maybe(last.0.delivery.velocity, 1),
    );
    let text = ChartText {
        id: "backlog-chart",
        title: "Ready points against velocity by week",
        desc: &desc,
        y_label: "Points",
    };
    Some(charts::line_chart(&text, &labels, &series, Axis::from_zero(&series, ""), &[]))
}

/// The open items as of the report date by age (`backlog_ages` in
/// `metrics.json`), with the figures in a table.
fn age_chart(input: &Input<'_>) -> Option<ChartHtml> {
    let bins = input.report.backlog_ages.as_ref()?;
    let short: Vec<String> = bins.iter().map(|b| age_label(b, true)).collect();
    let long: Vec<String> = bins.iter().map(|b| age_label(b, false)).collect();
    let series = [Series {
        name: "Open items",
        ink: Ink::Planned,
        values: bins.iter().map(|b| Some(b.items as f64)).collect(),
    }];
    let counts: Vec<String> = bins.iter().zip(&long).map(|(b, l)| format!("{} {l}", b.items)).collect();
    let desc = format!(
        "The {} open items of the backlog by age, the days since each was created: {}.",
        bins.iter().map(|b| b.items).sum::<usize>(),
        counts.join(", ")
    );
    let title = "Open items by age";
    let text = ChartText { id: "age-chart", title, desc: &desc, y_label: "Items" };
    let table = DataTable::of_series("age-chart", title, "Age", &long, &series, |v| format::maybe(v, 0));
    Some(charts::bar_chart(&text, &short, &series, Axis::from_zero(&series, "")).with_table(&table))
}

/// `30–89 d` (`short`) or `30 to 89 days`.
fn age_label(bin: &crate::metrics::series::AgeBin, short: bool) -> String {
    match (bin.from_days, bin.to_days, short) {
        (0, Some(to), true) => format!("< {} d", to + 1),
        (0, Some(to), false) => format!("under {} days", to + 1),
        (from, Some(to), true) => format!("{from}–{to} d"),
        (from, Some(to), false) => format!("{from} to {to} days"),
        (from, None, true) => format!("≥ {from} d"),
        (from, None, false) => format!("{from} days or more"),
    }
}

#[cfg(test)]
mod tests;
