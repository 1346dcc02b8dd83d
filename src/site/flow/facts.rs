//! The four flow figures of the flow page, each with the rows it counted.

use super::{FlowExplainView, FlowFactView, FlowRowView, Places, words};
use crate::metrics::flow::{FinishedRow, FlowFigures, FlowRows};
use crate::site::format;

/// Throughput, cycle time, work in progress and aging, explained.
pub(super) fn facts(places: &Places<'_>, f: &FlowFigures, rows: &FlowRows) -> Vec<FlowFactView> {
    let days = |v: Option<u32>| v.map(|v| format::days(f64::from(v)));
    let cycle = match (days(f.cycle_time_p50), days(f.cycle_time_p85), days(f.cycle_time_p95)) {
        (Some(a), Some(b), Some(c)) => format!("50% in {a} or less, 85% in {b}, 95% in {c}"),
        _ => format::NO_DATA.to_string(),
    };
    let count = |v: Option<usize>| {
        v.map_or_else(|| format::NO_DATA.to_string(), |n| format::count(n, "item", "items"))
    };
    let aging = f.cycle_time_p85.map(|p| age_rows(places, f, rows, Some(p))).unwrap_or_default();
    vec![
        fact(
            ("throughput", "Throughput"),
            format!("{} a week", words::items_amount(f.throughput_per_week)),
            words::throughput(f, rows),
            ("Items finished", finished_rows(places, f, rows, false)),
        ),
        fact(
            ("cycle-time", "Cycle time"),
            cycle,
            words::cycle_time(f, rows),
            ("Items finished, shortest first", finished_rows(places, f, rows, true)),
        ),
        fact(
            ("wip", "Work in progress"),
            count(f.wip),
            words::wip(f, rows),
            ("Items in progress, oldest first", age_rows(places, f, rows, None)),
        ),
        fact(
            ("aging", "Older than 85% of finished items"),
            count(f.aging_over_p85),
            words::aging(f),
            ("Items past that age", aging),
        ),
    ]
}

fn fact(
    (key, label): (&'static str, &'static str),
    value: String,
    formula: String,
    (rows_heading, rows): (&'static str, Vec<FlowRowView>),
) -> FlowFactView {
    let explain = FlowExplainView { id: format!("how-{key}"), label, formula, rows_heading, rows };
    FlowFactView { key, label, value, explain }
}

/// The items finished in F; with their cycle times, shortest first (as the
/// percentiles rank them), those without a start last.
fn finished_rows(places: &Places<'_>, f: &FlowFigures, rows: &FlowRows, with_time: bool) -> Vec<FlowRowView> {
    let d = rows.date();
    let mut list: Vec<&FinishedRow> = rows.finished.iter().collect();
    if with_time && f.cycle_time_p50.is_none() {
        // Nothing to rank: the formula says why, without a list of dates.
        list.clear();
    }
    if with_time {
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
}

/// The items in progress, oldest first; only those older than `over` days when given.
fn age_rows(places: &Places<'_>, f: &FlowFigures, rows: &FlowRows, over: Option<u32>) -> Vec<FlowRowView> {
    let d = rows.date();
    f.wip_ages
        .iter()
        .filter(|a| over.is_none_or(|p| a.age > p))
        .map(|a| {
            let link = places.item(&a.sprint, &a.id, &a.title);
            let detail = format!("started {}: {}", words::day(a.started, d), format::days(f64::from(a.age)));
            FlowRowView { label: link.label, url: link.url, detail, counted: true }
        })
        .collect()
}
