//! Sprint figures (docs/figures.md, "Sprint figures"): one set per sprint, from
//! the sprint's record alone.

use serde::Serialize;

use crate::model::{Date, Impediment, ItemStatus, Sprint, SprintItem};

use super::ratio;
use crate::model::dates;

/// The figures of one sprint as of a date D, keys as in docs/figures.md.
/// A sprint running on D (`start <= D < end`) is figured as of D: what is
/// dated after D has not happened, and what only its end settles (carry-over,
/// say/do, the goal, impediments open at the end) is `None`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintFigures {
    /// Whether the sprint is still running on D.
    pub running: bool,
    /// docs/figures.md `committed_points`: points of committed items (added absent
    /// or on/before the start), removed ones included.
    pub committed_points: f64,
    /// docs/figures.md `added_points`: points of items added after the start
    /// (on or before D).
    pub added_points: f64,
    /// docs/figures.md `removed_points`: points of items removed on or before D.
    pub removed_points: f64,
    /// docs/figures.md `completed_points`: points of items done by min(end, D)
    /// (the velocity).
    pub completed_points: f64,
    /// docs/figures.md `completed_committed_points`: points of committed items done by then.
    pub completed_committed_points: f64,
    /// docs/figures.md `carry_over_points`: points of items not done by the
    /// end, those done after it included; `None` while running.
    pub carry_over_points: Option<f64>,
    /// docs/figures.md `unestimated_items`: items in the sprint by D without points.
    pub unestimated_items: usize,
    /// docs/figures.md `say_do`: completed_committed_points / committed_points;
    /// `None` while running.
    pub say_do: Option<f64>,
    /// docs/figures.md `scope_change`: (added_points + removed_points) / committed_points.
    pub scope_change: Option<f64>,
    /// docs/figures.md `goal_met`: as recorded; `None` while running.
    pub goal_met: Option<bool>,
    /// docs/figures.md `impediments_raised`: the sprint's impediments raised by D.
    pub impediments_raised: usize,
    /// docs/figures.md `impediments_open`: of those, not resolved by the
    /// sprint end; `None` while running.
    pub impediments_open: Option<usize>,
}

/// What only a sprint's end settles: `None` while it runs.
fn settled<T>(running: bool, value: T) -> Option<T> {
    (!running).then_some(value)
}

/// The points of `items` (unestimated count 0).
fn points<'a>(items: impl Iterator<Item = &'a SprintItem>) -> f64 {
    super::total(items.filter_map(|i| i.points))
}

impl SprintFigures {
    /// The figures of `sprint` as of `date`.
    pub fn of(sprint: &Sprint, date: Date) -> SprintFigures {
        let running = sprint.is_running(date);
        let items = || sprint.items.iter().filter(|i| i.joined_by(date));
        let committed = || items().filter(|i| i.is_committed(sprint.start));
        let done = |i: &&SprintItem| sprint.done_by(i, date);
        let committed_points = points(committed());
        let added_points = points(items().filter(|i| !i.is_committed(sprint.start)));
        let removed_points = points(items().filter(|i| i.removed_by(date)));
        let completed_committed_points = points(committed().filter(done));
        // Not done by the end: not-done items, and done ones whose date is after it.
        let carried = items().filter(|i| {
            i.status == ItemStatus::NotDone || (i.status == ItemStatus::Done && !sprint.done_by(i, date))
        });
        let raised: Vec<&Impediment> = sprint.impediments.iter().filter(|i| i.raised <= date).collect();
        SprintFigures {
            running,
            committed_points,
            added_points,
            removed_points,
            completed_points: points(items().filter(done)),
            completed_committed_points,
            carry_over_points: settled(running, points(carried)),
            unestimated_items: items().filter(|i| i.points.is_none()).count(),
            say_do: settled(running, ratio(completed_committed_points, committed_points)).flatten(),
            scope_change: ratio(added_points + removed_points, committed_points),
            goal_met: settled(running, sprint.goal_met).flatten(),
            impediments_raised: raised.len(),
            impediments_open: settled(
                running,
                raised.iter().filter(|i| i.resolved.is_none_or(|r| r > sprint.end)).count(),
            ),
        }
    }
}

/// A sprint as listed in `metrics.json`: who it is, then its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintEntry {
    /// Sprint id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// First day.
    #[serde(serialize_with = "dates::serialize")]
    pub start: Date,
    /// Last day.
    #[serde(serialize_with = "dates::serialize")]
    pub end: Date,
    /// Sprint goal.
    pub goal: Option<String>,
    /// The figures (`goal_met` among them).
    #[serde(flatten)]
    pub figures: SprintFigures,
    /// docs/figures.md `rolling_velocity`: the velocity as of the sprint's
    /// end; `None` while it runs on the report date (set by [`super::compute`]).
    pub rolling_velocity: Option<f64>,
    /// docs/figures.md `burnup`: scope and done points day by day.
    pub burnup: super::series::Burnup,
}

impl SprintEntry {
    /// The entry for `sprint` as of `date`.
    pub fn of(sprint: &Sprint, date: Date) -> SprintEntry {
        SprintEntry {
            id: sprint.id.clone(),
            name: sprint.name.clone(),
            start: sprint.start,
            end: sprint.end,
            goal: sprint.goal.clone(),
            figures: SprintFigures::of(sprint, date),
            rolling_velocity: None,
            burnup: super::series::burnup(sprint, date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{date, project, sprint_item};

    fn figures(id: &str) -> SprintFigures {
        let p = project();
        let s = p.sprints.iter().find(|s| s.id == id);
        s.map(|s| SprintFigures::of(s, date("2026-12-31"))).unwrap_or_else(|| panic!("no sprint {id}"))
    }

    #[test]
    fn s1_points() {
        let f = figures("S1");
        // committed: A1 5 + A2 3 + A3 (removed) 2 = 10; A4 added 09-09 > start, unestimated
        assert_eq!(f.committed_points, 10.0);
        // added: A4 has no points = 0
        assert_eq!(f.added_points, 0.0);
        // removed: A3 2
        assert_eq!(f.removed_points, 2.0);
        // completed: A1 5 + A4 0 = 5; of committed: A1 5
        assert_eq!(f.completed_points, 5.0);
        assert_eq!(f.completed_committed_points, 5.0);
        // carry-over: A2 3
        assert_eq!(f.carry_over_points, Some(3.0));
        // unestimated: A4
        assert_eq!(f.unestimated_items, 1);
        // say_do = 5/10; scope_change = (0 + 2)/10
        assert_eq!(f.say_do, Some(0.5));
        assert_eq!(f.scope_change, Some(0.2));
        assert_eq!(f.goal_met, Some(true));
        // one impediment, resolved 09-11 <= end 09-18
        assert_eq!((f.impediments_raised, f.impediments_open), (1, Some(0)));
    }

    #[test]
    fn s2_added_on_the_start_day_is_committed() {
        let f = figures("S2");
        // committed: B1 8 (added on the start day) + B2 5 + B4 (removed) 2 + B5 5 = 20
        assert_eq!(f.committed_points, 20.0);
        // added: B3 3 (09-24 > start 09-21)
        assert_eq!(f.added_points, 3.0);
        assert_eq!(f.removed_points, 2.0);
        // completed: B1 8 + B2 5 + B3 3 = 16; of committed: 8 + 5 = 13
        assert_eq!(f.completed_points, 16.0);
        assert_eq!(f.completed_committed_points, 13.0);
        assert_eq!(f.carry_over_points, Some(5.0));
        assert_eq!(f.unestimated_items, 0);
        // say_do = 13/20 = 0.65; scope_change = (3 + 2)/20 = 0.25
        assert_eq!(f.say_do, Some(13.0 / 20.0));
        assert_eq!(f.scope_change, Some(5.0 / 20.0));
        assert_eq!(f.goal_met, Some(false));
        // staging: resolved 10-05 > end 10-02 (open at the end); vendor key: never resolved
        assert_eq!((f.impediments_raised, f.impediments_open), (2, Some(2)));
    }

    #[test]
    fn s3_unestimated_not_done_is_no_carry_over() {
        let f = figures("S3");
        // committed: C1 5 + C2 3 + C3 (unestimated) 0 = 8
        assert_eq!(f.committed_points, 8.0);
        // added: C4 2 + C5 3 = 5; removed: C5 3
        assert_eq!((f.added_points, f.removed_points), (5.0, 3.0));
        // completed: C1 5 + C2 3 + C4 2 = 10; of committed 8
        assert_eq!((f.completed_points, f.completed_committed_points), (10.0, 8.0));
        // carry-over: C3 has no points = 0
        assert_eq!((f.carry_over_points, f.unestimated_items), (Some(0.0), 1));
        // say_do = 8/8; scope_change = (5 + 3)/8
        assert_eq!((f.say_do, f.scope_change), (Some(1.0), Some(1.0)));
        assert_eq!(f.goal_met, None);
        assert_eq!((f.impediments_raised, f.impediments_open), (1, Some(0)));
    }

    #[test]
    fn nothing_committed_gives_null_ratios() {
        let mut p = project();
        let s = &mut p.sprints[0];
        // only an unestimated committed item and a mid-sprint addition
        s.items = vec![
            sprint_item("X1", None, ItemStatus::Done, None, None),
            sprint_item("X2", Some(3.0), ItemStatus::Done, Some(date("2026-09-09")), None),
        ];
        let f = SprintFigures::of(s, date("2026-12-31"));
        // committed_points = 0 → say_do and scope_change are null, not 0 or NaN
        assert_eq!(f.committed_points, 0.0);
        assert_eq!((f.say_do, f.scope_change), (None, None));
        assert_eq!(f.completed_points, 3.0);
    }
}
