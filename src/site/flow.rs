//! `flow/index.html`: how work flows, in items. Throughput, cycle time, work
//! in progress and its age, each with how it is worked out; the forecast of
//! the ready work with its track record; the charts (cycle-time scatter,
//! throughput run chart, aging chart). Also the forecast's part of the
//! dashboard and of the running sprint's page, worded once here.
//!
//! Flow figures are shown and explained, never scored (docs/figures.md):
//! nothing here is an indicator. Every number comes from `report.flow` and
//! the rows it counted, `report.flow_rows`.

mod card;
mod charts;
mod facts;
#[cfg(test)]
mod tests;
pub(crate) mod words;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Input;
use super::format::LinkView;
use super::page::{Page, Section};
use super::paths::{self, item_anchors};
use crate::metrics::flow::{FlowFigures, FlowRows};
use crate::site::charts::ChartHtml;
pub use card::card;

/// `flow/index.html`.
#[derive(Debug, Serialize)]
pub struct FlowView {
    /// `Over the 84 days from … to ….`
    pub window: String,
    /// Throughput, cycle time, work in progress, aging: each with its explanation.
    pub facts: Vec<FlowFactView>,
    /// The forecast of the ready work.
    pub forecast: ForecastView,
    /// How many more items the running sprint finishes, when one runs.
    pub sprint: Option<String>,
    /// Every week's 85% forecast that has come due, newest first.
    pub record: Vec<RecordRowView>,
    /// Cycle time of each finished item against its finish day.
    pub cycle_chart: Option<ChartHtml>,
    /// Items finished each week.
    pub throughput_chart: Option<ChartHtml>,
    /// The age of each item in progress against the cycle-time percentiles.
    pub aging_chart: Option<ChartHtml>,
    /// The items in progress older than 85% of finished items took, linked.
    pub aging_over: Vec<LinkView>,
}

/// One flow figure.
#[derive(Debug, Serialize)]
pub struct FlowFactView {
    /// `throughput`: ids on the page.
    pub key: &'static str,
    /// `Throughput`.
    pub label: &'static str,
    /// `3.5 items a week`, or `no data`.
    pub value: String,
    /// How it is worked out.
    pub explain: FlowExplainView,
}

/// "How is this worked out?" for a flow figure: the formula with its
/// numbers and the rows it counted (no score: flow is not scored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowExplainView {
    /// `how-throughput`, unique on its page.
    pub id: String,
    /// The figure's name.
    pub label: &'static str,
    /// The formula in words with the numbers.
    pub formula: String,
    /// `Items finished in the window`.
    pub rows_heading: &'static str,
    /// The rows, with links to their sprint rows.
    pub rows: Vec<FlowRowView>,
}

/// One row behind a flow figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowRowView {
    /// `PHX-12 Saved cards (Sprint 21)`.
    pub label: String,
    /// Its row on its sprint's page.
    pub url: Option<String>,
    /// `started Mon 2 Nov, finished Thu 5 Nov: 4 days`.
    pub detail: String,
    /// Whether it counted (an item without a start date has no cycle time).
    pub counted: bool,
}

/// The forecast, as the dashboard and the flow page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastView {
    /// The sentence with its three dates and track record, or why there is none.
    pub sentence: String,
    /// The small-history guard, when it applies.
    pub weak: Option<String>,
    /// How it is worked out; `None` without a forecast.
    pub explain: Option<FlowExplainView>,
}

/// One past forecast.
#[derive(Debug, Serialize)]
pub struct RecordRowView {
    /// The week it was made in, linked to its page.
    pub week: LinkView,
    /// `Sun 4 Oct`.
    pub made: String,
    /// The ready items then.
    pub ready: usize,
    /// Its 85% date.
    pub due: String,
    /// Items finished from the day after it was made to that date.
    pub finished: usize,
    /// Whether enough were.
    pub came_true: bool,
}

/// The forecast and the planning lines on the dashboard.
#[derive(Debug, Serialize)]
pub struct FlowCardView {
    /// The forecast.
    pub forecast: ForecastView,
    /// Items carried over two or more sprints in a row, and possible
    /// under-commitment, one line each where they apply.
    pub lines: Vec<PlanningLineView>,
}

/// A planning smell in one line, with the items or sprints it names.
#[derive(Debug, Serialize)]
pub struct PlanningLineView {
    /// `carried` or `under-commitment`.
    pub key: &'static str,
    /// The line.
    pub text: String,
    /// What it names.
    pub links: Vec<LinkView>,
}

/// Sprint names and item rows, looked up once.
struct Places<'a> {
    input: &'a Input<'a>,
    names: HashMap<&'a str, &'a str>,
    anchors: HashMap<&'a str, BTreeMap<&'a str, String>>,
}

impl<'a> Places<'a> {
    fn new(input: &'a Input<'a>) -> Places<'a> {
        let sprints = &input.project.sprints;
        Places {
            input,
            names: sprints.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect(),
            anchors: sprints
                .iter()
                .map(|s| (s.id.as_str(), item_anchors(s.items.iter().map(|i| i.id.as_str()))))
                .collect(),
        }
    }

    fn sprint_name(&self, id: &str) -> String {
        self.names.get(id).map_or_else(|| id.to_string(), |n| (*n).to_string())
    }

    /// An item's row on its sprint's page.
    fn item_url(&self, sprint: &str, id: &str) -> Option<String> {
        let anchor = self.anchors.get(sprint)?.get(id)?;
        self.input.paths.sprint_item_url(sprint, anchor)
    }

    fn item(&self, sprint: &str, id: &str, title: &str) -> LinkView {
        LinkView {
            label: format!("{id} {title} ({})", self.sprint_name(sprint)),
            url: self.item_url(sprint, id),
        }
    }
}

/// The flow page.
pub fn index(input: &Input<'_>) -> Page<FlowView> {
    let report = input.report;
    let (f, rows) = (&report.flow, &report.flow_rows);
    let places = Places::new(input);
    let d = rows.date();
    let sprint = rows.running.as_ref().and_then(|s| words::sprint(f, rows, &places.sprint_name(&s.id)));
    let aging_over: Vec<LinkView> = f
        .cycle_time_p85
        .map(|p85| {
            f.wip_ages
                .iter()
                .filter(|a| a.age > p85)
                .map(|a| places.item(&a.sprint, &a.id, &a.title))
                .collect()
        })
        .unwrap_or_default();
    let record = rows
        .calibration
        .iter()
        .rev()
        .map(|r| RecordRowView {
            week: LinkView { label: r.week.clone(), url: Some(input.paths.week_url(&r.week)) },
            made: words::day(r.made, d),
            ready: r.ready_items,
            due: words::day(r.due, d),
            finished: r.finished,
            came_true: r.came_true(),
        })
        .collect();
    Page {
        path: paths::FLOW.to_string(),
        template: "flow/index.html",
        title: "How work flows".to_string(),
        section: Section::Flow,
        view: FlowView {
            window: format!("Over {}.", words::window(rows)),
            facts: facts::facts(&places, f, rows),
            forecast: forecast(input, f, rows),
            sprint,
            record,
            cycle_chart: charts::cycle_time(f, rows),
            throughput_chart: charts::throughput(rows),
            aging_chart: charts::aging(f, d),
            aging_over,
        },
    }
}

fn forecast(input: &Input<'_>, f: &FlowFigures, rows: &FlowRows) -> ForecastView {
    let backlog = input.project.backlog.as_of(input.report_date, input.report_date);
    let anchors = backlog.map(|b| item_anchors(b.items.iter().map(|i| i.id.as_str()))).unwrap_or_default();
    let explain = words::forecast_method(f, rows).map(|formula| FlowExplainView {
        id: "how-forecast".to_string(),
        label: "Forecast",
        formula,
        rows_heading: "The ready items, in backlog order",
        rows: rows
            .ready
            .iter()
            .flatten()
            .map(|id| {
                let at = backlog.and_then(|b| b.items.iter().position(|i| &i.id == id));
                let title = at.and_then(|i| backlog.map(|b| b.items[i].title.as_str()));
                FlowRowView {
                    label: title.map_or_else(|| id.clone(), |t| format!("{id} {t}")),
                    url: anchors.get(id.as_str()).map(|a| paths::backlog_item_url(a)),
                    detail: at.map_or_else(String::new, |i| format!("rank {} in the backlog", i + 1)),
                    counted: true,
                }
            })
            .collect(),
    });
    ForecastView { sentence: words::forecast(f, rows), weak: words::weak(f, rows), explain }
}

/// "How many more items by the end" for the page of sprint `id`, when it
/// is the one running on the report date.
pub fn sprint_forecast(input: &Input<'_>, id: &str, name: &str) -> Option<String> {
    let rows = &input.report.flow_rows;
    rows.running.as_ref().filter(|s| s.id == id)?;
    words::sprint(&input.report.flow, rows, name)
}
