//! The series the site's charts draw (docs/figures.md, "Chart series"):
//! a sprint's daily burn-up, each sprint's rolling velocity, the age of the
//! open backlog items, and action items open against done per week.
//!
//! They are figures like any other: computed here, written to
//! `metrics.json`, and only drawn by the site, never recomputed there.

use serde::Serialize;

use crate::model::actions::TrackedAction;
use crate::model::{BacklogSnapshot, Date, Sprint, SprintItem};

use super::monday_of;
use super::{SprintEntry, add_days, days_between, total};

/// One day of a sprint's burn-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BurnupDay {
    /// The day.
    #[serde(serialize_with = "crate::model::dates::serialize")]
    pub date: Date,
    /// committed_points, plus points added, minus points removed, by the end
    /// of this day.
    pub scope: f64,
    /// Points of done items done by the end of this day (those without a
    /// done date count on the sprint's last day).
    pub done: f64,
}

/// A sprint's burn-up: one point per day from its start to its end, or to
/// D while it runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Burnup {
    /// Every day from the start to min(end, D), both included.
    pub days: Vec<BurnupDay>,
    /// Done items without a done date, counted on the last day.
    pub undated_done_items: usize,
    /// Their points.
    pub undated_done_points: f64,
}

/// The day `date` counts on in a sprint from `start` to `end`: itself,
/// brought inside the sprint.
fn within(date: Date, start: Date, end: Date) -> Date {
    date.clamp(start, end)
}

/// The burn-up of `sprint` as of `date` (docs/figures.md, "Chart series"):
/// it ends at min(end, D), and only what happened by then is in it. Its last
/// day has scope = committed + added − removed points and done = completed
/// points, the sprint's figures as of D.
pub fn burnup(sprint: &Sprint, date: Date) -> Burnup {
    let (start, end) = (sprint.start, sprint.end);
    let last = end.min(date);
    let points = |item: &SprintItem| item.points.unwrap_or(0.0);
    let items: Vec<&SprintItem> = sprint.items.iter().filter(|i| i.joined_by(date)).collect();
    let committed = total(items.iter().filter(|i| i.is_committed(start)).map(|i| points(i)));
    // (day it counts on, signed points) for every change of scope, and the
    // day every done item counts on.
    let changes: Vec<(Date, f64)> = items
        .iter()
        .flat_map(|i| {
            let added =
                i.added.filter(|_| !i.is_committed(start)).map(|a| (within(a, start, end), points(i)));
            let removed =
                i.removed.filter(|_| i.removed_by(date)).map(|r| (within(r, start, end), -points(i)));
            added.into_iter().chain(removed)
        })
        .collect();
    let done: Vec<&&SprintItem> = items.iter().filter(|i| sprint.done_by(i, date)).collect();
    let dated: Vec<(Date, f64)> = done.iter().map(|i| (i.done.unwrap_or(end), points(i))).collect();
    let undated: Vec<&&&SprintItem> = done.iter().filter(|i| i.done.is_none()).collect();
    let length = days_between(last, start).max(0);
    let days = (0..=length)
        .map(|n| {
            let day = add_days(start, n);
            BurnupDay {
                date: day,
                scope: committed + total(changes.iter().filter(|(d, _)| *d <= day).map(|(_, p)| *p)),
                done: total(dated.iter().filter(|(d, _)| within(*d, start, end) <= day).map(|(_, p)| *p)),
            }
        })
        .collect();
    Burnup {
        days,
        undated_done_items: undated.len(),
        undated_done_points: total(undated.iter().map(|i| points(i))),
    }
}

/// The velocity as of `sprint`'s end (the mean completed points of the last
/// `velocity_window` sprints ended by then, itself included); `None` for a
/// sprint still running on `report_date`.
pub fn rolling_velocity(
    sprints: &[SprintEntry],
    sprint: &SprintEntry,
    velocity_window: u32,
    report_date: Date,
) -> Option<f64> {
    if sprint.end > report_date {
        return None;
    }
    let ended: Vec<f64> =
        sprints.iter().filter(|s| s.end <= sprint.end).map(|s| s.figures.completed_points).collect();
    crate::indicators::evidence::velocity(&ended, velocity_window)
}

/// One bin of the open backlog items' ages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgeBin {
    /// Youngest age in the bin, in days.
    pub from_days: i64,
    /// Oldest age in the bin, in days; `None` for the last, open-ended bin.
    pub to_days: Option<i64>,
    /// Open items whose age (D − created) falls in the bin.
    pub items: usize,
}

/// Where the age bins start: under 30 days, 30 to 89, 90 to 179, 180 and over.
pub const AGE_BIN_STARTS: [i64; 4] = [0, 30, 90, 180];

/// The ages of the open items of `snapshot` as of `date`, in the bins of
/// [`AGE_BIN_STARTS`] (an item created after `date` counts as 0 days old).
pub fn age_bins(snapshot: &BacklogSnapshot, date: Date) -> Vec<AgeBin> {
    let ages: Vec<i64> = snapshot
        .items
        .iter()
        .filter(|i| i.state.is_open())
        .map(|i| days_between(date, i.created).max(0))
        .collect();
    AGE_BIN_STARTS
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            let to = AGE_BIN_STARTS.get(k + 1).map(|next| next - 1);
            AgeBin {
                from_days: from,
                to_days: to,
                items: ages.iter().filter(|&&a| a >= from && to.is_none_or(|t| a <= t)).count(),
            }
        })
        .collect()
}

/// Action items open against done in one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionWeek {
    /// ISO week label, `2026-W42`.
    pub week: String,
    /// D_w, as in the weekly history.
    #[serde(serialize_with = "crate::model::dates::serialize")]
    pub as_of: Date,
    /// Action items raised on or before D_w and not done by then.
    pub open: usize,
    /// Action items done from the week's Monday to D_w.
    pub done: usize,
}

/// Action items open against done for each week date `as_of` (the weekly
/// history's D_w), from the action items as followed up to the report date.
pub fn action_weeks(tracked: &[TrackedAction], week_dates: &[Date]) -> Vec<ActionWeek> {
    week_dates
        .iter()
        .map(|&as_of| {
            let monday = monday_of(as_of);
            ActionWeek {
                week: super::iso_week_label(as_of),
                as_of,
                open: tracked.iter().filter(|a| a.raised <= as_of && !a.done_by(as_of)).count(),
                done: tracked.iter().filter(|a| a.done.is_some_and(|d| monday <= d && d <= as_of)).count(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
