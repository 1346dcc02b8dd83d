//! The flow page's charts, each with its numbers in a table: the cycle-time
//! scatter plot with its 50/85/95% lines, the throughput run chart (items
//! finished each week) and the aging chart of the items in progress.

use crate::format;
use crate::metrics::flow::{FlowFigures, FlowRows};
use crate::model::Date;
use crate::model::dates::days_between;
use crate::site::charts::{
    self, Axis, ChartHtml, ChartText, DataTable, Dot, DotNames, Ink, RefLine, Series, line_chart,
};

/// The 50/85/95% lines of cycle time, when known.
fn percentile_lines(f: &FlowFigures) -> Vec<RefLine> {
    [(50, f.cycle_time_p50), (85, f.cycle_time_p85), (95, f.cycle_time_p95)]
        .into_iter()
        .filter_map(|(p, v)| v.map(|v| RefLine { value: f64::from(v), label: format!("{p}%: {v}") }))
        .collect()
}

/// A y axis in days from 0 to above every dot and line.
fn days_axis(values: impl Iterator<Item = f64>) -> Axis {
    let top = Series { name: "", ink: Ink::Reference, values: values.map(Some).collect() };
    Axis::from_zero([&top], "")
}

/// Each finished item's cycle time against the day it finished.
pub(super) fn cycle_time(f: &FlowFigures, rows: &FlowRows) -> Option<ChartHtml> {
    let timed: Vec<_> = rows.finished.iter().filter_map(|r| r.cycle_time.map(|t| (r, t))).collect();
    if timed.is_empty() {
        return None;
    }
    let w = &rows.window;
    let labels: Vec<String> = (0..w.days)
        .map(|i| crate::model::dates::add_days(w.from, i64::from(i)).strftime("%-d %b").to_string())
        .collect();
    let dots: Vec<Dot> = timed
        .iter()
        .map(|(r, t)| Dot {
            slot: days_between(r.finished, w.from) as usize,
            value: f64::from(*t),
            tip: format!(
                "{} {}: finished {}, {}",
                r.id,
                r.title,
                format::date(r.finished).short,
                format::days(f64::from(*t))
            ),
            marked: false,
        })
        .collect();
    let lines = percentile_lines(f);
    let axis = days_axis(dots.iter().map(|d| d.value).chain(lines.iter().map(|l| l.value)));
    let desc = format!(
        "{} finished from {} to {}, each at the day it finished and the days it took; dashed lines mark 50%, 85% and 95% of cycle times: {}.",
        format::count(timed.len(), "item", "items"),
        format::date(w.from).long,
        format::date(w.to).long,
        format::and_list(&lines.iter().map(|l| format!("{} days", l.label)).collect::<Vec<_>>()),
    );
    let text = ChartText {
        id: "cycle-time-chart",
        title: "Cycle time of each finished item",
        desc: &desc,
        y_label: "Days",
    };
    let names = DotNames { plain: "Finished item", ink: Ink::Done, marked: "" };
    let chart = charts::dot_chart(&text, &labels, &dots, &lines, axis, names);
    let table = DataTable {
        id: "cycle-time-chart".into(),
        caption: "Cycle time of each finished item".into(),
        columns: ["Item", "Started", "Finished", "Cycle time"].map(String::from).to_vec(),
        rows: timed
            .iter()
            .map(|(r, t)| {
                let started = r.started.map(|s| format::date(s).short).unwrap_or_default();
                (
                    format!("{} {}", r.id, r.title),
                    vec![started, format::date(r.finished).short, format::days(f64::from(*t))],
                )
            })
            .collect(),
    };
    Some(chart.with_table(&table))
}

/// Items finished each week of the history.
pub(super) fn throughput(rows: &FlowRows) -> Option<ChartHtml> {
    if rows.weekly.is_empty() {
        return None;
    }
    let labels: Vec<String> = rows.weekly.iter().map(|w| w.week.clone()).collect();
    let series = [Series {
        name: "Items finished",
        ink: Ink::Done,
        values: rows.weekly.iter().map(|w| Some(w.finished as f64)).collect(),
    }];
    let total: usize = rows.weekly.iter().map(|w| w.finished).sum();
    let desc = format!(
        "Items finished in each of {} from {} to {}: {} in all.",
        format::count(labels.len(), "week", "weeks"),
        labels.first().map_or("", String::as_str),
        labels.last().map_or("", String::as_str),
        total
    );
    let text = ChartText {
        id: "throughput-chart",
        title: "Items finished each week",
        desc: &desc,
        y_label: "Items",
    };
    let table =
        DataTable::of_series("throughput-chart", "Items finished each week", "Week", &labels, &series, |v| {
            format::maybe(v, 0)
        });
    Some(line_chart(&text, &labels, &series, Axis::from_zero(&series, ""), &[]).with_table(&table))
}

/// The age of each item in progress, oldest first, against the cycle-time lines.
pub(super) fn aging(f: &FlowFigures, date: Date) -> Option<ChartHtml> {
    if f.wip_ages.is_empty() {
        return None;
    }
    let over = |age: u32| f.cycle_time_p85.is_some_and(|p| age > p);
    let labels: Vec<String> = f.wip_ages.iter().map(|a| a.id.clone()).collect();
    let dots: Vec<Dot> = f
        .wip_ages
        .iter()
        .enumerate()
        .map(|(i, a)| Dot {
            slot: i,
            value: f64::from(a.age),
            tip: format!("{} {}: {} old", a.id, a.title, format::days(f64::from(a.age))),
            marked: over(a.age),
        })
        .collect();
    let lines = percentile_lines(f);
    let axis = days_axis(dots.iter().map(|d| d.value).chain(lines.iter().map(|l| l.value)));
    let past = f.wip_ages.iter().filter(|a| over(a.age)).count();
    let desc = format!(
        "The age in days on {} of each of the {} in progress, oldest first{}.",
        format::date(date).long,
        format::count(f.wip_ages.len(), "item", "items"),
        match f.cycle_time_p85 {
            Some(p) => format!(
                ", against the 50%, 85% and 95% cycle-time lines; {past} older than {}",
                format::days(f64::from(p))
            ),
            None => String::new(),
        }
    );
    let text =
        ChartText { id: "aging-chart", title: "Age of the items in progress", desc: &desc, y_label: "Days" };
    let names =
        DotNames { plain: "Item in progress", ink: Ink::Planned, marked: "Older than 85% of finished items" };
    let chart = charts::dot_chart(&text, &labels, &dots, &lines, axis, names);
    let table = DataTable {
        id: "aging-chart".into(),
        caption: "Age of the items in progress".into(),
        columns: ["Item", "Started", "Age", "Older than 85%"].map(String::from).to_vec(),
        rows: f
            .wip_ages
            .iter()
            .map(|a| {
                let past = match f.cycle_time_p85 {
                    None => format::NO_DATA.to_string(),
                    Some(_) if over(a.age) => "yes".to_string(),
                    Some(_) => "no".to_string(),
                };
                (
                    format!("{} {}", a.id, a.title),
                    vec![format::date(a.started).short, format::days(f64::from(a.age)), past],
                )
            })
            .collect(),
    };
    Some(chart.with_table(&table))
}
