//! A sprint's burn-up chart: scope and done points day by day, from the
//! `burnup` series of `metrics.json` (docs/figures.md, "Chart series").

use crate::metrics::{SprintEntry, days_between};
use crate::model::Date;
use crate::site::charts::{self, Axis, ChartHtml, ChartText, DataTable, Series, XMark};
use crate::site::format;

/// The burn-up of `entry`, with the report date marked while the sprint
/// runs; `None` for a sprint without days (never, for a valid sprint).
pub(crate) fn chart(entry: &SprintEntry, report_date: Date) -> Option<ChartHtml> {
    let days = &entry.burnup.days;
    let (first, last) = (days.first()?, days.last()?);
    let labels: Vec<String> = days.iter().map(|d| d.date.strftime("%-d %b").to_string()).collect();
    let series = [
        Series { name: "Scope", values: days.iter().map(|d| Some(d.scope)).collect() },
        Series { name: "Done", values: days.iter().map(|d| Some(d.done)).collect() },
    ];
    let running = entry.start <= report_date && report_date < entry.end;
    let mark = running.then(|| XMark {
        index: usize::try_from(days_between(report_date, entry.start)).unwrap_or(0),
        label: "Report date",
    });
    let desc = format!(
        "Scope and done points for each day of {} from {} to {}: scope went from {} to {} and {} done{}{}.",
        entry.name,
        format::date(first.date).long,
        format::date(last.date).long,
        format::points(first.scope),
        format::points(last.scope),
        format::points(last.done),
        if running { ", the report date marked" } else { "" },
        undated(entry).map(|n| format!("; {n}")).unwrap_or_default(),
    );
    let title = format!("Burn-up of {}", entry.name);
    let text = ChartText { id: "burnup", title: &title, desc: &desc, y_label: "Points" };
    let caption = format!("Scope and done points by day, {}", entry.name);
    let table = DataTable::of_series("burnup", &caption, "Day", &labels, &series, |v| format::maybe(v, 1));
    let chart = charts::line_chart_marked(&text, &labels, &series, Axis::from_zero(&series, ""), &[], mark);
    Some(chart.with_table(&table))
}

/// `2 done items (5 points) have no done date and are counted on the last
/// day`, when some have none.
pub(crate) fn undated(entry: &SprintEntry) -> Option<String> {
    let b = &entry.burnup;
    (b.undated_done_items > 0).then(|| {
        let items = format::count(b.undated_done_items, "done item", "done items");
        let verb = if b.undated_done_items == 1 { "has" } else { "have" };
        let is = if b.undated_done_items == 1 { "is" } else { "are" };
        format!(
            "{items} ({}) {verb} no done date and {is} counted on the last day",
            format::points(b.undated_done_points)
        )
    })
}
