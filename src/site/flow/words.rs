//! The flow figures in words: the forecast's sentence and track record,
//! the small-history guard, and "how is this worked out?" for each figure,
//! every number taken from the rows the figure counted.

use crate::format::{self, count};
use crate::metrics::flow::forecast::TRIALS;
use crate::metrics::flow::{CalibrationRow, FlowFigures, FlowRows, WEAK_HISTORY};
use crate::model::Date;

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `10,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A day in a sentence: `Fri 13 Nov`, with the year when it is not the
/// report date's.
pub fn day(d: Date, report_date: Date) -> String {
    let view = format::date(d);
    if d.year() == report_date.year() { view.short } else { view.long }
}

/// `the 84 days from Mon 29 Aug to Fri 20 Nov`.
pub fn window(rows: &FlowRows) -> String {
    let w = &rows.window;
    format!("the {} from {} to {}", count(w.days as usize, "day", "days"), day(w.from, w.to), day(w.to, w.to))
}

/// The forecast in one sentence: `The 12 ready items: 50% by Fri 13 Nov,
/// 85% by Tue 24 Nov, 95% by Mon 30 Nov — of 14 past forecasts at 85%, 12
/// came true.` Or why there is none.
pub fn forecast(f: &FlowFigures, rows: &FlowRows) -> String {
    let d = rows.date();
    let dates = [f.forecast_ready_p50, f.forecast_ready_p85, f.forecast_ready_p95];
    match (f.ready_items, dates) {
        (None, _) => {
            "No forecast: there is no backlog data as of this date, so no item is known to be ready.".into()
        }
        (Some(0), _) => "No forecast: no item in the backlog is ready.".into(),
        (Some(n), [Some(p50), Some(p85), Some(p95)]) => format!(
            "The {}: 50% by {}, 85% by {}, 95% by {} — {}.",
            count(n, "ready item", "ready items"),
            day(p50, d),
            day(p85, d),
            day(p95, d),
            record(&rows.calibration)
        ),
        (Some(_), _) => {
            format!("No forecast: no item was finished in {}, so there is no pace to go on.", window(rows))
        }
    }
}

/// `of 14 past forecasts at 85%, 12 came true`.
pub fn record(calibration: &[CalibrationRow]) -> String {
    let came_true = calibration.iter().filter(|r| r.came_true()).count();
    match calibration.len() {
        0 => "no earlier forecast has come due yet".to_string(),
        1 => format!(
            "the one past forecast at 85% {}",
            if came_true == 1 { "came true" } else { "did not come true" }
        ),
        n => format!("of {n} past forecasts at 85%, {came_true} came true"),
    }
}

/// The small-history guard, when fewer than [`WEAK_HISTORY`] items finished in F.
pub fn weak(f: &FlowFigures, rows: &FlowRows) -> Option<String> {
    let dated = f.forecast_ready_p50.is_some() || f.forecast_sprint_p50.is_some();
    (dated && f.weak()).then(|| {
        format!(
            "A weak forecast: only {} finished in {}, and a forecast needs at least {WEAK_HISTORY} to go on. Read its dates as a rough guide.",
            count(f.finished_items, "item was", "items were"),
            window(rows)
        )
    })
}

/// How many more items the running sprint finishes by its end.
pub fn sprint(f: &FlowFigures, rows: &FlowRows, name: &str) -> Option<String> {
    let running = rows.running.as_ref()?;
    let [p50, p85, p95] = [f.forecast_sprint_p50?, f.forecast_sprint_p85?, f.forecast_sprint_p95?];
    let more = |n: u32| format!("{n} or more");
    Some(format!(
        "How many more items by the end of {name} on {}: {} in half of {} simulated futures, {} in 85% of them, {} in 95%.",
        day(running.end, rows.date()),
        more(p50),
        thousands(TRIALS),
        more(p85),
        more(p95),
    ))
}

/// Throughput worked out: `14 items finished in the 28 days from …: 14 × 7 ÷ 28 = 3.5 items a week.`
pub fn throughput(f: &FlowFigures, rows: &FlowRows) -> String {
    format!(
        "{} finished in {}: {} × 7 ÷ {} = {} a week. Items, not points: an item is done or not, while points are guesses made before the work.",
        count(f.finished_items, "item", "items"),
        window(rows),
        f.finished_items,
        rows.window.days,
        items_amount(f.throughput_per_week)
    )
}

/// `3.5 items`, `1 item`.
pub fn items_amount(v: f64) -> String {
    format::quantity(v, "item", "items")
}

/// Cycle time worked out: `85% of the 12 items finished since Fri 6 Mar
/// with a start date took 8 days or less (the 11th shortest of 12); …`.
pub fn cycle_time(f: &FlowFigures, rows: &FlowRows) -> String {
    let times = rows.cycle_times();
    let n = times.len();
    let unstarted = rows.finished.len() - n;
    let without = match unstarted {
        0 => String::new(),
        k => format!(
            " {} finished without a start date and {} not counted.",
            count(k, "more item", "more items"),
            if k == 1 { "is" } else { "are" }
        ),
    };
    let (Some(p50), Some(p85), Some(p95)) = (f.cycle_time_p50, f.cycle_time_p85, f.cycle_time_p95) else {
        return format!(
            "No data: {} finished in {}, and none has a start date (`started` in its sprint record), so how long they took is not known.",
            count(rows.finished.len(), "item was", "items were"),
            window(rows)
        );
    };
    let rank = |p: usize| ordinal((p * n).div_ceil(100).max(1));
    format!(
        "85% of the {} finished since {} with a start date took {} or less (the {} shortest of {n}); 50% took {} or less (the {}) and 95% {} or less (the {}). A cycle time counts the first and the last day: finished − started + 1.{without}",
        count(n, "item", "items"),
        day(rows.window.from, rows.date()),
        format::days(f64::from(p85)),
        rank(85),
        format::days(f64::from(p50)),
        rank(50),
        format::days(f64::from(p95)),
        rank(95),
    )
}

/// Work in progress worked out.
pub fn wip(f: &FlowFigures, rows: &FlowRows) -> String {
    match f.wip {
        None => "No data: no item has a start date (`started` in its sprint record), so what is under way is not known.".into(),
        Some(n) => format!(
            "{} had started by {} and {} neither finished nor taken out of {} sprint. An item left not done in an ended sprint and never carried over still counts: it is still open, and ages.",
            count(n, "item", "items"),
            day(rows.date(), rows.date()),
            if n == 1 { "was" } else { "were" },
            if n == 1 { "its" } else { "their" },
        ),
    }
}

/// Aging worked out.
pub fn aging(f: &FlowFigures) -> String {
    match (f.aging_over_p85, f.cycle_time_p85) {
        (Some(over), Some(p85)) => {
            let wip = f.wip_ages.len();
            let who = match (over, wip) {
                (1, 1) => "The one item in progress is".to_string(),
                (o, w) if o == w => format!("All {w} items in progress are"),
                (o, w) => format!(
                    "{o} of the {} in progress {}",
                    count(w, "item", "items"),
                    if o == 1 { "is" } else { "are" }
                ),
            };
            format!(
                "{who} older than {}, the time 85% of finished items took: past that, an item is taking longer than nearly all work does. Age is the report date − started + 1.",
                format::days(f64::from(p85)),
            )
        }
        _ => {
            "No data: without the cycle time of finished items there is no line to compare ages with.".into()
        }
    }
}

/// The forecast worked out.
pub fn forecast_method(f: &FlowFigures, rows: &FlowRows) -> Option<String> {
    let ready = f.ready_items.filter(|_| f.forecast_ready_p50.is_some())?;
    Some(format!(
        "Each of {} simulated futures draws days at random, with replacement, from {} ({}) until {} finished; the forecast gives the days by which 50%, 85% and 95% of the futures had finished them. It is seeded from the report date, so the same data gives the same dates. {} It says nothing about which items: any items finished count.",
        thousands(TRIALS),
        window(rows),
        sample_mix(&rows.samples),
        count(ready, "item is", "items are"),
        record_sentence(&rows.calibration),
    ))
}

/// `14 days finished 1 item, 14 finished none`.
pub fn sample_mix(samples: &[u32]) -> String {
    let mut counts: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for s in samples {
        *counts.entry(*s).or_default() += 1;
    }
    let parts: Vec<String> = counts
        .iter()
        .rev()
        .map(|(items, days)| match items {
            0 => format!("{} finished none", count(*days, "day", "days")),
            _ => format!(
                "{} finished {}",
                count(*days, "day", "days"),
                count(*items as usize, "item", "items")
            ),
        })
        .collect();
    format::and_list(&parts)
}

/// `Every week's forecast is kept: of 14 at 85% that have come due, 12 came true.`
fn record_sentence(calibration: &[CalibrationRow]) -> String {
    let came_true = calibration.iter().filter(|r| r.came_true()).count();
    match calibration.len() {
        0 => "Every week's forecast is kept; none has come due yet.".to_string(),
        n => format!(
            "Every week's forecast is kept: of the {} 85% dates that have come due, {came_true} came true ({}); a well-calibrated forecast comes true about 85% of the time.",
            count(n, "week's", "weeks'"),
            format::percent(came_true as f64 / n as f64)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal).to_vec();
        assert_eq!(
            words,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th"]
        );
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(
            sample_mix(&[0, 1, 0, 2, 1]),
            "1 day finished 2 items, 2 days finished 1 item and 2 days finished none"
        );
    }
}
