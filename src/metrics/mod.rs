//! Stage 3: every figure of docs/figures.md, as pure functions of the model and a
//! report date.
//!
//! Nothing here reads files or the clock: [`compute`] takes a validated
//! [`Project`] and a report date D and returns a [`Report`] holding
//!
//! - the sprint figures of each sprint ([`sprint`]),
//! - delivery, backlog health and collaboration figures as of D
//!   ([`delivery`], [`backlog`], [`collaboration`]),
//! - the five practice scores and the health score ([`scores`]),
//! - the same again for every ISO week of the project ([`history`]),
//! - the notes and action items the figures come from ([`json`]).
//!
//! [`to_json`] writes the report as `metrics.json`. Notes dated after a date
//! are never seen by the figures as of that date.

pub mod backlog;
pub mod collaboration;
pub mod delivery;
pub mod history;
pub mod inputs;
pub mod json;
pub mod scores;
pub mod series;
pub mod sprint;
pub mod timeline;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

use jiff::SignedDuration;
use serde::Serialize;

use crate::model::actions::TrackedAction;
use crate::model::{Date, Project};

pub use backlog::BacklogFigures;
pub use collaboration::{CollaborationFigures, Window};
pub use delivery::DeliveryFigures;
pub use history::{WeekFigures, iso_week_label};
pub use json::{ActionEntry, NoteEntry, to_json, to_public_json};
pub use scores::{Health, IndicatorScore, PracticeScore, Status};
pub use sprint::{SprintEntry, SprintFigures};
pub use timeline::Timeline;

/// The version of the `metrics.json` format.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything docs/figures.md defines, as of one report date; serialises to
/// `metrics.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// `tandem <version>`.
    pub generator: String,
    /// The team's name.
    pub team: String,
    /// The report date D.
    #[serde(serialize_with = "json::date")]
    pub as_of: Date,
    /// The collaboration window W.
    pub window: Window,
    /// Health and practice scores as of D.
    pub health: Health,
    /// Delivery figures as of D.
    pub delivery: DeliveryFigures,
    /// Backlog health as of D; `None` when there is no backlog data as of D.
    pub backlog: Option<BacklogFigures>,
    /// Collaboration figures in W.
    pub collaboration: CollaborationFigures,
    /// What each scored indicator as of D was computed from, by key
    /// (docs/figures.md, "How each figure is worked out").
    pub inputs: inputs::Inputs,
    /// Sprints that started on or before D, in start-date order.
    pub sprints: Vec<SprintEntry>,
    /// Every ISO week from the first sprint's to D's, in calendar order.
    pub weeks: Vec<WeekFigures>,
    /// The open backlog items as of D by age; `None` without backlog data.
    pub backlog_ages: Option<Vec<series::AgeBin>>,
    /// Action items open against done, for the same weeks as `weeks`.
    pub action_weeks: Vec<series::ActionWeek>,
    /// Notes dated on or before D, by date then path.
    pub notes: Vec<NoteEntry>,
    /// Action items as of D, by raised date then text.
    pub actions: Vec<ActionEntry>,
    /// The same action items as followed across notes (for pages).
    #[serde(skip)]
    pub tracked: Vec<TrackedAction>,
}

/// The figures and scores as of one date (the report date or a week's).
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Delivery figures.
    pub delivery: DeliveryFigures,
    /// Backlog health, when there is backlog data as of the date.
    pub backlog: Option<BacklogFigures>,
    /// Collaboration figures.
    pub collaboration: CollaborationFigures,
    /// Scores.
    pub health: Health,
    /// Action items seen as of the date.
    pub tracked: Vec<TrackedAction>,
}

/// Every figure as of `date`, for a build whose report date is
/// `report_date` (a single `backlog.yaml` counts only from the report date).
/// `sprints` are the figures of every sprint, in start-date order.
pub fn snapshot(timeline: &Timeline<'_>, sprints: &[SprintEntry], date: Date, report_date: Date) -> Snapshot {
    let project = timeline.project;
    let settings = &project.settings;
    let delivery = DeliveryFigures::compute(sprints, settings.velocity_window, date);
    let backlog = project
        .backlog
        .as_of(date, report_date)
        .map(|s| BacklogFigures::compute(s, delivery.velocity, settings.stale_days, date));
    let tracked = timeline.actions_as_of(date);
    let collaboration = CollaborationFigures::compute(timeline, &tracked, date);
    let health = Health::compute(&delivery, backlog.as_ref(), &collaboration, &settings.thresholds);
    Snapshot { delivery, backlog, collaboration, health, tracked }
}

/// The full report as of `report_date`, weekly history included.
pub fn compute(project: &Project, report_date: Date) -> Report {
    compute_weeks(&Timeline::new(project), report_date, usize::MAX)
}

/// The report as of `report_date` with only the last `weeks` weeks of the
/// history: what the stakeholder summary shows needs five, not hundreds.
pub fn compute_weeks(timeline: &Timeline<'_>, report_date: Date, weeks: usize) -> Report {
    let project = timeline.project;
    let all_sprints: Vec<SprintEntry> = project.sprints.iter().map(SprintEntry::of).collect();
    let now = snapshot(timeline, &all_sprints, report_date, report_date);
    let weeks = history::weeks(timeline, &all_sprints, report_date, weeks);
    let notes = json::note_entries(project, report_date);
    let inputs = inputs::collect(timeline, &all_sprints, &now.tracked, report_date, report_date);
    let actions = json::action_entries(&now.tracked);
    let week_dates: Vec<Date> = weeks.iter().map(|w| w.as_of).collect();
    let window = project.settings.velocity_window;
    let sprints = all_sprints
        .iter()
        .filter(|s| s.start <= report_date)
        .map(|s| SprintEntry {
            rolling_velocity: series::rolling_velocity(&all_sprints, s, window, report_date),
            ..s.clone()
        })
        .collect();
    Report {
        schema_version: SCHEMA_VERSION,
        generator: format!("tandem {}", env!("CARGO_PKG_VERSION")),
        team: project.team.name.clone(),
        as_of: report_date,
        window: Window::of(project, report_date),
        health: now.health,
        delivery: now.delivery,
        backlog: now.backlog,
        collaboration: now.collaboration,
        inputs,
        sprints,
        backlog_ages: project
            .backlog
            .as_of(report_date, report_date)
            .map(|b| series::age_bins(b, report_date)),
        action_weeks: series::action_weeks(&now.tracked, &week_dates),
        weeks,
        notes,
        actions,
        tracked: now.tracked,
    }
}

/// Whole calendar days from `earlier` to `later` (negative when `later` is
/// earlier).
pub fn days_between(later: Date, earlier: Date) -> i64 {
    later.duration_since(earlier).as_secs().div_euclid(86_400)
}

/// `date` moved by `days` calendar days (saturating at jiff's range).
pub fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(SignedDuration::from_secs(days.saturating_mul(86_400)))
}

/// `numerator / denominator`, or `None` when the denominator is 0.
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

/// The median (the mean of the middle two for an even count); `None` when
/// there are no values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The sum, starting from +0.0: `Iterator::sum` on floats starts from -0.0,
/// which would print an empty sum as `-0.0` in metrics.json.
pub fn total(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |acc, v| acc + v)
}

/// The mean; `None` when there are no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    ratio(total(values.iter().copied()), values.len() as f64)
}
