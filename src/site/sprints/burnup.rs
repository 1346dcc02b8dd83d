//! A sprint's burn-up chart: scope and done points day by day, from the
//! `burnup` series of `metrics.json` (docs/figures.md, "Chart series").

use crate::metrics::{SprintEntry, add_days, days_between};
use crate::model::Date;
use crate::site::charts::{self, Axis, ChartHtml, ChartText, DataTable, Guide, Ink, Series, XMark};
use crate::site::format;

/// The burn-up of `entry`. While the sprint runs, its lines stop at the
/// report date, marked by a line, and a guide shows the scope still to reach
/// by the sprint's last day; `None` for a sprint without days (never, for a
/// valid sprint).
pub(crate) fn chart(entry: &SprintEntry, report_date: Date) -> Option<ChartHtml> {
    let days = &entry.burnup.days;
    let (first, last) = (days.first()?, days.last()?);
    let running = entry.figures.running;
    // Every day of the sprint on the x axis; the series only up to D.
    let length = usize::try_from(days_between(entry.end, entry.start)).unwrap_or(0) + 1;
    let labels: Vec<String> = (0..length).map(|n| day_label(add_days(entry.start, n as i64))).collect();
    let padded = |f: fn(&crate::metrics::series::BurnupDay) -> f64| -> Vec<Option<f64>> {
        let mut values: Vec<Option<f64>> = days.iter().map(|d| Some(f(d))).collect();
        values.resize(length, None);
        values
    };
    let series = [
        Series { name: "Scope", ink: Ink::Planned, values: padded(|d| d.scope) },
        Series { name: "Done", ink: Ink::Done, values: padded(|d| d.done) },
    ];
    let mark = running.then(|| XMark {
        index: usize::try_from(days_between(report_date, entry.start)).unwrap_or(0),
        label: "Report date",
        guide: Some(Guide { value: last.scope, label: "Scope to finish" }),
    });
    let desc = if running {
        format!(
            "Scope and done points for each day of {} from {} to the report date, {}: scope went from {} to {} and {} are done so far; the sprint ends on {}{}.",
            entry.name,
            format::date(first.date).long,
            format::date(last.date).long,
            format::points(first.scope),
            format::points(last.scope),
            format::points(last.done),
            format::date(entry.end).long,
            undated(entry).map(|n| format!("; {n}")).unwrap_or_default(),
        )
    } else {
        format!(
            "Scope and done points for each day of {} from {} to {}: scope went from {} to {} and {} done{}.",
            entry.name,
            format::date(first.date).long,
            format::date(last.date).long,
            format::points(first.scope),
            format::points(last.scope),
            format::points(last.done),
            undated(entry).map(|n| format!("; {n}")).unwrap_or_default(),
        )
    };
    let title = format!("Burn-up of {}", entry.name);
    let text = ChartText { id: "burnup", title: &title, desc: &desc, y_label: "Points" };
    let caption = format!("Scope and done points by day, {}", entry.name);
    // The table lists the days that have happened.
    let shown: Vec<String> = labels[..days.len().min(length)].to_vec();
    let table = DataTable::of_series("burnup", &caption, "Day", &shown, &series, |v| format::maybe(v, 1));
    let chart = charts::line_chart_marked(&text, &labels, &series, Axis::from_zero(&series, ""), &[], mark);
    Some(chart.with_table(&table))
}

fn day_label(d: Date) -> String {
    d.strftime("%-d %b").to_string()
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
