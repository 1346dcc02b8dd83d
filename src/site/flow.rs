//! `flow/index.html`: how work flows, in items. Throughput, cycle time, work
//! in progress and its age, each with how it is worked out; the forecast of
//! the ready work with its track record; the charts (cycle-time scatter,
//! throughput run chart, aging chart). Also the forecast's part of the
//! dashboard and of the running sprint's page, worded once here.
//!
//! Flow figures are shown and explained, never scored (docs/figures.md):
//! nothing here is an indicator. Every number comes from `report.flow` and
//! the rows it counted, `report.flow_rows`.

mod charts;
#[cfg(test)]
mod tests;
pub(crate) mod words;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Input;
use super::format::{self, LinkView};
use super::page::{Page, Section};
use super::paths::{self, item_anchors};
use crate::analysis::planning::Planning;
use crate::metrics::flow::{FlowFigures, FlowRows};
use crate::site::charts::ChartHtml;

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
            facts: facts(&places, f, rows),
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

fn facts(places: &Places<'_>, f: &FlowFigures, rows: &FlowRows) -> Vec<FlowFactView> {
    let d = rows.date();
    let finished_rows = |with_time: bool| {
        let mut list: Vec<&crate::metrics::flow::FinishedRow> = rows.finished.iter().collect();
        if with_time && f.cycle_time_p50.is_none() {
            // Nothing to rank: the formula says why, without a list of dates.
            list.clear();
        }
        if with_time {
            // Shortest first, as the percentiles count them; no start date last.
            list.sort_by_key(|r| (r.cycle_time.is_none(), r.cycle_time, r.finished));
        }
        list.into_iter()
            .map(|r| {
                let link = places.item(&r.sprint, &r.id, &r.title);
                let finished = format!("finished {}", words::day(r.finished, d));
                let detail = match (with_time, r.started, r.cycle_time) {
                    (false, _, _) => finished,
                    (true, Some(s), Some(t)) => {
                        format!("started {}, {finished}: {}", words::day(s, d), format::days(f64::from(t)))
                    }
                    (true, _, _) => format!("{finished}, no start date"),
                };
                FlowRowView {
                    label: link.label,
                    url: link.url,
                    detail,
                    counted: !with_time || r.cycle_time.is_some(),
                }
            })
            .collect()
    };
    let age_rows = |over: Option<u32>| {
        f.wip_ages
            .iter()
            .filter(|a| over.is_none_or(|p| a.age > p))
            .map(|a| {
                let link = places.item(&a.sprint, &a.id, &a.title);
                let detail =
                    format!("started {}: {}", words::day(a.started, d), format::days(f64::from(a.age)));
                FlowRowView { label: link.label, url: link.url, detail, counted: true }
            })
            .collect::<Vec<_>>()
    };
    let explain = |key: &str, label, formula, rows_heading, rows| FlowExplainView {
        id: format!("how-{key}"),
        label,
        formula,
        rows_heading,
        rows,
    };
    let days = |v: Option<u32>| v.map(|v| format::days(f64::from(v)));
    let cycle = match (days(f.cycle_time_p50), days(f.cycle_time_p85), days(f.cycle_time_p95)) {
        (Some(a), Some(b), Some(c)) => format!("50% in {a} or less, 85% in {b}, 95% in {c}"),
        _ => format::NO_DATA.to_string(),
    };
    let count = |v: Option<usize>| {
        v.map_or_else(|| format::NO_DATA.to_string(), |n| format::count(n, "item", "items"))
    };
    vec![
        FlowFactView {
            key: "throughput",
            label: "Throughput",
            value: format!("{} a week", words::items_amount(f.throughput_per_week)),
            explain: explain(
                "throughput",
                "Throughput",
                words::throughput(f, rows),
                "Items finished",
                finished_rows(false),
            ),
        },
        FlowFactView {
            key: "cycle-time",
            label: "Cycle time",
            value: cycle,
            explain: explain(
                "cycle-time",
                "Cycle time",
                words::cycle_time(f, rows),
                "Items finished, shortest first",
                finished_rows(true),
            ),
        },
        FlowFactView {
            key: "wip",
            label: "Work in progress",
            value: count(f.wip),
            explain: explain(
                "wip",
                "Work in progress",
                words::wip(f, rows),
                "Items in progress, oldest first",
                age_rows(None),
            ),
        },
        FlowFactView {
            key: "aging",
            label: "Older than 85% of finished items",
            value: count(f.aging_over_p85),
            explain: explain(
                "aging",
                "Older than 85% of finished items",
                words::aging(f),
                "Items past that age",
                f.cycle_time_p85.map(|p| age_rows(Some(p))).unwrap_or_default(),
            ),
        },
    ]
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

/// The forecast and the planning lines, for the dashboard.
pub fn card(input: &Input<'_>) -> FlowCardView {
    let report = input.report;
    let places = Places::new(input);
    FlowCardView {
        forecast: forecast(input, &report.flow, &report.flow_rows),
        lines: planning_lines(&places, &input.analysis.planning),
    }
}

fn planning_lines(places: &Places<'_>, planning: &Planning) -> Vec<PlanningLineView> {
    let mut lines = Vec::new();
    if !planning.carried.is_empty() {
        let n = planning.carried.len();
        lines.push(PlanningLineView {
            key: "carried",
            text: format!(
                "{} carried over two or more sprints in a row: a plan that keeps not fitting, sharper than carry-over in points.",
                format::count(n, "item was", "items were")
            ),
            links: planning
                .carried
                .iter()
                .map(|c| {
                    let last = c.sprints.last().map_or("", String::as_str);
                    let mut link = places.item(last, &c.id, &c.title);
                    link.label = format!("{} {}: not done in {}", c.id, c.title, sprint_list(places, &c.sprints));
                    link
                })
                .collect(),
        });
    }
    if let Some(sprints) = &planning.under_commitment {
        let named: Vec<String> = sprints
            .iter()
            .map(|(id, s)| format!("{} {}", places.sprint_name(id), format::percent(*s)))
            .collect();
        lines.push(PlanningLineView {
            key: "under-commitment",
            text: format!(
                "Committed work delivered was above 95% in each of the last {} sprints ({}): the team may be committing to less than it can do.",
                sprints.len(),
                format::and_list(&named)
            ),
            links: sprints
                .iter()
                .map(|(id, _)| LinkView { label: places.sprint_name(id), url: places.input.paths.sprint_url(id) })
                .collect(),
        });
    }
    lines
}

fn sprint_list(places: &Places<'_>, ids: &[String]) -> String {
    format::and_list(&ids.iter().map(|id| places.sprint_name(id)).collect::<Vec<_>>())
}

/// "How many more items by the end" for the page of sprint `id`, when it
/// is the one running on the report date.
pub fn sprint_forecast(input: &Input<'_>, id: &str, name: &str) -> Option<String> {
    let rows = &input.report.flow_rows;
    rows.running.as_ref().filter(|s| s.id == id)?;
    words::sprint(&input.report.flow, rows, name)
}
