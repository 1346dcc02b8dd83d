//! Weekly history (docs/figures.md, "Weekly history"): every figure again for
//! each ISO week, as of D_w = min(Sunday of the week, D).

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Date;

use super::flow::FlowFigures;
use super::{
    BacklogFigures, CollaborationFigures, DeliveryFigures, Health, SprintEntry, Timeline, monday_of,
    snapshot, sunday_of,
};

/// The figures of one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekFigures {
    /// ISO week label, e.g. `2026-W42` (ISO week-year).
    pub week: String,
    /// D_w = min(Sunday of the week, D).
    #[serde(serialize_with = "crate::model::dates::serialize")]
    pub as_of: Date,
    /// Scores as of D_w.
    pub health: Health,
    /// Delivery figures as of D_w.
    pub delivery: DeliveryFigures,
    /// Flow and forecast as of D_w (the forecast made that week).
    pub flow: FlowFigures,
    /// Backlog health as of D_w; `None` when there is no backlog data then.
    pub backlog: Option<BacklogFigures>,
    /// Collaboration figures in the window ending on D_w.
    pub collaboration: CollaborationFigures,
}

/// The ISO week of `date` as `YYYY-Www`, with the ISO week-year
/// (2026-12-28 is `2026-W53`, 2027-01-01 too).
pub fn iso_week_label(date: Date) -> String {
    let week = date.iso_week_date();
    format!("{:04}-W{:02}", week.year(), week.week())
}

/// D_w for every ISO week from `first`'s week to `report_date`'s, in
/// calendar order: min(Sunday of the week, report date). Empty when `first`
/// is after the report date.
pub fn week_dates(first: Date, report_date: Date) -> Vec<Date> {
    let mut dates = Vec::new();
    let mut monday = monday_of(first);
    while monday <= report_date {
        dates.push(sunday_of(monday).min(report_date));
        // At the end of the calendar there is no next Monday: stop.
        match monday.checked_add(jiff::Span::new().days(7)) {
            Ok(next) => monday = next,
            Err(_) => break,
        }
    }
    dates
}

/// D_w of every week of the project up to `report_date` ([`week_dates`]
/// from the first sprint's start); none without sprints.
pub fn all_week_dates(timeline: &Timeline<'_>, report_date: Date) -> Vec<Date> {
    match timeline.project.sprints.iter().map(|s| s.start).min() {
        Some(first) => week_dates(first, report_date),
        None => Vec::new(),
    }
}

/// The last `last` weeks of the project up to `report_date` (every week
/// when there are fewer); `sprints` are the figures of every sprint, in
/// start-date order, and `flows` the flow figures of every week of
/// [`all_week_dates`]. Each week is a lookup into the timeline, so the cost
/// grows with the weeks, not with weeks times notes.
pub fn weeks(
    timeline: &Timeline<'_>,
    sprints: &[SprintEntry],
    flows: &[FlowFigures],
    report_date: Date,
    last: usize,
) -> Vec<WeekFigures> {
    let dates = all_week_dates(timeline, report_date);
    let skip = dates.len().saturating_sub(last);
    // Each week on its own core; collected in week order.
    dates[skip..]
        .par_iter()
        .zip(flows.get(skip..).unwrap_or_default())
        .map(|(&d, flow)| {
            let s = snapshot(timeline, sprints, d, report_date);
            WeekFigures {
                week: iso_week_label(d),
                as_of: d,
                health: s.health,
                delivery: s.delivery,
                flow: flow.clone(),
                backlog: s.backlog,
                collaboration: s.collaboration,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{date, project};
    use jiff::civil::Weekday;

    fn is_sunday(date: Date) -> bool {
        date.weekday() == Weekday::Sunday
    }

    #[test]
    fn the_last_week_of_the_calendar_ends() {
        // 9999-12-27 is a Monday; adding 7 days saturates at 9999-12-31.
        let dates = week_dates(date("9999-12-20"), date("9999-12-31"));
        assert_eq!(dates, vec![date("9999-12-26"), date("9999-12-31")]);
    }

    #[test]
    fn week_labels_use_the_iso_week_year() {
        // 2026-12-28 is a Monday in ISO week 53 of 2026
        assert_eq!(iso_week_label(date("2026-12-28")), "2026-W53");
        // 2027-01-01 (Friday) and 2027-01-03 (Sunday) still belong to 2026-W53
        assert_eq!(iso_week_label(date("2027-01-01")), "2026-W53");
        assert_eq!(iso_week_label(date("2027-01-03")), "2026-W53");
        assert_eq!(iso_week_label(date("2027-01-04")), "2027-W01");
        // 2024-12-30 is in 2025-W01
        assert_eq!(iso_week_label(date("2024-12-30")), "2025-W01");
        assert_eq!(iso_week_label(date("2026-10-18")), "2026-W42");
    }

    #[test]
    fn weeks_across_the_year_boundary_end_on_sundays_then_d() {
        // from Wednesday 2026-12-23 to Tuesday 2027-01-12
        let dates = week_dates(date("2026-12-23"), date("2027-01-12"));
        let labels: Vec<String> = dates.iter().map(|d| iso_week_label(*d)).collect();
        assert_eq!(labels, ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
        // D_w = Sunday of the week, except the last: min(Sunday 01-17, D 01-12)
        assert_eq!(dates, [date("2026-12-27"), date("2027-01-03"), date("2027-01-10"), date("2027-01-12")]);
        assert!(dates[..3].iter().all(|d| is_sunday(*d)));
    }

    #[test]
    fn d_on_a_sunday_and_d_before_the_first_week() {
        // D is itself a Sunday: the last week's D_w is that Sunday
        let dates = week_dates(date("2026-10-12"), date("2026-10-18"));
        assert_eq!(dates, [date("2026-10-18")]);
        // D before the first sprint's week: no weeks
        assert!(week_dates(date("2026-10-12"), date("2026-10-11")).is_empty());
        // D on the Monday of the first week: one week, as of that Monday
        assert_eq!(week_dates(date("2026-10-12"), date("2026-10-12")), [date("2026-10-12")]);
    }

    #[test]
    fn fixture_weeks_run_from_the_first_sprint_to_d() {
        let p = project();
        let entries = crate::metrics::sprint_entries(&p, date("2026-10-20"));
        let t = Timeline::new(&p);
        let dates = all_week_dates(&t, date("2026-10-20"));
        let flows = crate::metrics::flow::Flow::new(&p).history(&dates, date("2026-10-20"));
        let w = weeks(&t, &entries, &flows, date("2026-10-20"), usize::MAX);
        // S1 starts Monday 2026-09-07 (W37); D = Tuesday 2026-10-20 (W43): 7 weeks
        let labels: Vec<&str> = w.iter().map(|w| w.week.as_str()).collect();
        assert_eq!(
            labels,
            ["2026-W37", "2026-W38", "2026-W39", "2026-W40", "2026-W41", "2026-W42", "2026-W43"]
        );
        assert_eq!(w[0].as_of, date("2026-09-13"));
        assert_eq!(w[6].as_of, date("2026-10-20"));
        // week 38 (as of 09-20): S1 (ended 09-18) is the only sprint in delivery
        assert_eq!(w[1].delivery.velocity, Some(5.0));
        // the last week equals the figures as of D
        let now = snapshot(&t, &entries, date("2026-10-20"), date("2026-10-20"));
        assert_eq!(w[6].collaboration, now.collaboration);
        assert_eq!(w[6].health, now.health);
    }
}
