//! Flow and forecast as of D (docs/figures.md, "Flow and forecast"): how
//! long work takes (cycle time), how much gets finished (throughput, in
//! items), what is under way and for how long (work in progress and its
//! age), and when the ready work will be done (a Monte Carlo forecast),
//! with the track record of every week's forecast.
//!
//! Shown and explained, never scored: none of these is an indicator. Every
//! figure is derived from the rows it counted ([`FlowRows`] →
//! [`FlowFigures::of`]), so a page that explains a figure words those rows
//! and never works it out a second time.
//!
//! - [`items`]: sprint items by id, as of any date;
//! - [`forecast`]: the simulation and its seeded generator ([`rng`]);
//! - [`exact`]: the same distributions by convolution, for the tests.

pub mod exact;
pub mod forecast;
pub mod items;
pub mod rng;
#[cfg(test)]
mod tests;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::dates::{self, add_days, days_between};
use crate::model::numbers::ratio;
use crate::model::timeline::Window;
use crate::model::{BacklogState, Date, Project};
use forecast::{Stream, generator, nearest_rank, reached_by};
pub use items::{ItemAsOf, WorkItems};

/// The percentiles every flow figure is given at.
pub const PERCENTILES: [u32; 3] = [50, 85, 95];

/// Fewer finished items in F than this, and the forecast says it is weak.
pub const WEAK_HISTORY: usize = 10;

/// An item in progress at D and its age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeEntry {
    /// The item's id.
    pub id: String,
    /// Its title (latest record).
    pub title: String,
    /// The sprint of its latest record, where its row is.
    pub sprint: String,
    /// The earliest `started` of its records.
    #[serde(serialize_with = "dates::serialize")]
    pub started: Date,
    /// D - started + 1 days.
    pub age: u32,
}

/// The flow keys of `metrics.json`, as of one date (docs/figures.md). The
/// default is the figures of a project with no items.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FlowFigures {
    /// Items finished in F.
    pub finished_items: usize,
    /// finished_items * 7 / |F|: items, never points.
    pub throughput_per_week: f64,
    /// Nearest-rank 50th percentile of the cycle times of items finished in
    /// F that have `started`; `None` when none has.
    pub cycle_time_p50: Option<u32>,
    /// The 85th.
    pub cycle_time_p85: Option<u32>,
    /// The 95th.
    pub cycle_time_p95: Option<u32>,
    /// Items in progress at D; `None` when no item has a `started` date.
    pub wip: Option<usize>,
    /// Each item in progress with its age, oldest first.
    pub wip_ages: Vec<AgeEntry>,
    /// Items in progress older than cycle_time_p85; `None` when that is.
    pub aging_over_p85: Option<usize>,
    /// Items in state ready in the backlog as of D; `None` without backlog data.
    pub ready_items: Option<usize>,
    /// The date by which the ready items are done in 50% of futures.
    #[serde(serialize_with = "dates::serialize_opt")]
    pub forecast_ready_p50: Option<Date>,
    /// In 85% of futures.
    #[serde(serialize_with = "dates::serialize_opt")]
    pub forecast_ready_p85: Option<Date>,
    /// In 95% of futures.
    #[serde(serialize_with = "dates::serialize_opt")]
    pub forecast_ready_p95: Option<Date>,
    /// Items the running sprint finishes in (D, end] in at least 50% of futures.
    pub forecast_sprint_p50: Option<u32>,
    /// In at least 85%.
    pub forecast_sprint_p85: Option<u32>,
    /// In at least 95%.
    pub forecast_sprint_p95: Option<u32>,
    /// Of the earlier weeks' 85% forecasts that have come due, the share
    /// that came true; `None` when none has.
    pub forecast_calibration: Option<f64>,
}

/// An item finished in F.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedRow {
    /// The item's id.
    pub id: String,
    /// Its title (latest record).
    pub title: String,
    /// The sprint it finished in.
    pub sprint: String,
    /// Its earliest `started`, if any.
    pub started: Option<Date>,
    /// The day it finished.
    pub finished: Date,
    /// finished - started + 1 days; `None` without a start (or with a start
    /// after the finish, which no record can show and carried records might).
    pub cycle_time: Option<u32>,
}

/// The sprint running at D, for "how many more items by the end".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningSprint {
    /// Its id.
    pub id: String,
    /// Its last day.
    pub end: Date,
    /// end - D: the days a future has left.
    pub days: u64,
}

/// One week's 85% forecast, come due by D.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalibrationRow {
    /// The week's label, `2026-W42`.
    pub week: String,
    /// The date it was made on, D_w.
    pub made: Date,
    /// The ready items then.
    pub ready_items: usize,
    /// Its 85% date.
    pub due: Date,
    /// Items finished in (made, due].
    pub finished: usize,
}

impl CalibrationRow {
    /// At least as many items finished by the date as were ready.
    pub fn came_true(&self) -> bool {
        self.finished >= self.ready_items
    }
}

/// Items finished in one ISO week: the throughput run chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekThroughput {
    /// `2026-W42`.
    pub week: String,
    /// Its Monday.
    pub from: Date,
    /// Its Sunday, or D for the week of D.
    pub to: Date,
    /// Items first finished in it.
    pub finished: usize,
}

/// What the flow figures as of D count: every figure is derived from these.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRows {
    /// The flow window F, ending on D.
    pub window: Window,
    /// Items finished in F, by finish date then id.
    pub finished: Vec<FinishedRow>,
    /// Items in progress at D, oldest first.
    pub in_progress: Vec<AgeEntry>,
    /// Some item seen by D has a `started` date on or before it.
    pub has_starts: bool,
    /// Items finished on each day of F, F's first day first.
    pub samples: Vec<u32>,
    /// The ready items' ids in backlog order; `None` without backlog data.
    pub ready: Option<Vec<String>>,
    /// The sprint running at D.
    pub running: Option<RunningSprint>,
    /// The earlier weeks' 85% forecasts that have come due by D (filled in
    /// for the report date from [`Flow::calibrate`]).
    pub calibration: Vec<CalibrationRow>,
    /// Items finished in each week of the history (filled in for the report
    /// date from [`Flow::weekly`]).
    pub weekly: Vec<WeekThroughput>,
}

impl FlowRows {
    /// The report date D.
    pub fn date(&self) -> Date {
        self.window.to
    }

    /// The cycle times of the finished items that have one, sorted.
    pub fn cycle_times(&self) -> Vec<u32> {
        let mut times: Vec<u32> = self.finished.iter().filter_map(|r| r.cycle_time).collect();
        times.sort_unstable();
        times
    }
}

impl FlowFigures {
    /// The figures `rows` give; the forecasts are simulated here, seeded from D.
    pub fn of(rows: &FlowRows) -> FlowFigures {
        let date = rows.date();
        let times = rows.cycle_times();
        let cycle = PERCENTILES.map(|p| nearest_rank(&times, p));
        let finished_items = rows.finished.len();
        let ready_items = rows.ready.as_ref().map(Vec::len);
        let ready = ready_items.and_then(|r| {
            let mut rng = generator(date, Stream::Ready);
            forecast::ready_trials(&rows.samples, r, &mut rng)
        });
        let when = PERCENTILES.map(|p| {
            ready.as_deref().and_then(|t| nearest_rank(t, p)).map(|days| add_days(date, days as i64))
        });
        let sprint = rows.running.as_ref().map(|s| {
            let mut rng = generator(date, Stream::Sprint);
            forecast::sprint_trials(&rows.samples, s.days, &mut rng)
        });
        let how_many = PERCENTILES.map(|p| sprint.as_deref().and_then(|t| reached_by(t, p)));
        let over = |p85: u32| rows.in_progress.iter().filter(|a| a.age > p85).count();
        FlowFigures {
            finished_items,
            throughput_per_week: finished_items as f64 * 7.0 / f64::from(rows.window.days.max(1)),
            cycle_time_p50: cycle[0],
            cycle_time_p85: cycle[1],
            cycle_time_p95: cycle[2],
            wip: rows.has_starts.then_some(rows.in_progress.len()),
            wip_ages: rows.in_progress.clone(),
            aging_over_p85: cycle[1].map(over),
            ready_items,
            forecast_ready_p50: when[0],
            forecast_ready_p85: when[1],
            forecast_ready_p95: when[2],
            forecast_sprint_p50: how_many[0],
            forecast_sprint_p85: how_many[1],
            forecast_sprint_p95: how_many[2],
            forecast_calibration: ratio(
                rows.calibration.iter().filter(|r| r.came_true()).count() as f64,
                rows.calibration.len() as f64,
            ),
        }
    }

    /// Too few finished items for the forecast to go on.
    pub fn weak(&self) -> bool {
        self.finished_items < WEAK_HISTORY
    }
}

/// The flow window F ending on `date`: `flow_window_days` long, starting no
/// earlier than the first sprint (as W does).
pub fn window(project: &Project, date: Date) -> Window {
    Window::of_length(project, date, project.settings.flow_window_days)
}

/// A project's work items, laid out once for any number of dates.
#[derive(Debug, Clone)]
pub struct Flow<'a> {
    project: &'a Project,
    items: WorkItems<'a>,
}

impl<'a> Flow<'a> {
    /// The work items of `project`.
    pub fn new(project: &'a Project) -> Flow<'a> {
        Flow { project, items: WorkItems::new(project) }
    }

    /// The work items.
    pub fn items(&self) -> &WorkItems<'a> {
        &self.items
    }

    /// The rows as of `date` for a build dated `report_date` (a single
    /// `backlog.yaml` counts only from the report date), without the
    /// calibration rows.
    pub fn rows(&self, date: Date, report_date: Date) -> FlowRows {
        let window = window(self.project, date);
        let mut samples = vec![0u32; window.days as usize];
        let mut finished = Vec::new();
        let mut in_progress = Vec::new();
        let mut has_starts = false;
        for item in self.items.as_of(date) {
            has_starts |= item.started.is_some();
            if let Some((f, sprint)) = item.finished.filter(|(f, _)| window.contains(*f)) {
                if let Some(slot) = samples.get_mut(days_between(f, window.from) as usize) {
                    *slot += 1;
                }
                let cycle_time = item.started.filter(|s| *s <= f).map(|s| days_between(f, s) as u32 + 1);
                finished.push(FinishedRow {
                    id: item.id.to_string(),
                    title: item.title.to_string(),
                    sprint: sprint.to_string(),
                    started: item.started,
                    finished: f,
                    cycle_time,
                });
            }
            if let (true, Some(started)) = (item.in_progress(), item.started) {
                in_progress.push(AgeEntry {
                    id: item.id.to_string(),
                    title: item.title.to_string(),
                    sprint: item.sprint.to_string(),
                    started,
                    age: days_between(date, started) as u32 + 1,
                });
            }
        }
        finished.sort_by(|a, b| (a.finished, &a.id).cmp(&(b.finished, &b.id)));
        in_progress.sort_by(|a, b| (b.age, &a.id).cmp(&(a.age, &b.id)));
        let ready = self.project.backlog.as_of(date, report_date).map(|b| {
            b.items.iter().filter(|i| i.state == BacklogState::Ready).map(|i| i.id.clone()).collect()
        });
        let running = self
            .project
            .sprints
            .iter()
            .find(|s| s.start <= date && date < s.end)
            .map(|s| RunningSprint { id: s.id.clone(), end: s.end, days: days_between(s.end, date) as u64 });
        FlowRows {
            window,
            finished,
            in_progress,
            has_starts,
            samples,
            ready,
            running,
            calibration: Vec::new(),
            weekly: Vec::new(),
        }
    }

    /// The figures as of every date of `dates` (in calendar order), each with
    /// its forecasts' track record up to it.
    pub fn history(&self, dates: &[Date], report_date: Date) -> Vec<FlowFigures> {
        let mut weeks: Vec<FlowFigures> =
            dates.par_iter().map(|d| FlowFigures::of(&self.rows(*d, report_date))).collect();
        for i in 0..weeks.len() {
            let rows = self.calibrate(&dates[..i], &weeks[..i], dates[i]);
            let share = ratio(rows.iter().filter(|r| r.came_true()).count() as f64, rows.len() as f64);
            weeks[i].forecast_calibration = share;
        }
        weeks
    }

    /// The 85% forecasts of the weeks made on `dates` (with `figures`) that
    /// have come due by `date`, and how each turned out.
    pub fn calibrate(&self, dates: &[Date], figures: &[FlowFigures], date: Date) -> Vec<CalibrationRow> {
        dates
            .iter()
            .zip(figures)
            .filter_map(|(made, f)| {
                let due = f.forecast_ready_p85.filter(|due| *due <= date)?;
                Some(CalibrationRow {
                    week: crate::metrics::iso_week_label(*made),
                    made: *made,
                    ready_items: f.ready_items?,
                    due,
                    finished: self.items.finished_between(*made, due),
                })
            })
            .collect()
    }

    /// Items finished in each ISO week whose D_w is in `dates`.
    pub fn weekly(&self, dates: &[Date]) -> Vec<WeekThroughput> {
        dates
            .iter()
            .map(|to| {
                let from = crate::metrics::monday_of(*to);
                WeekThroughput {
                    week: crate::metrics::iso_week_label(*to),
                    from,
                    to: *to,
                    finished: self.items.finished_between(add_days(from, -1), *to),
                }
            })
            .collect()
    }
}
