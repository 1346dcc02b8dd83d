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
//! - the notes and action items the figures come from ([`json`]),
//! - the check-ins beside the evidence of their week ([`checkins`]).
//!
//! [`to_json`] writes the report as `metrics.json`. Notes dated after a date
//! are never seen by the figures as of that date.

pub mod backlog;
pub mod checkins;
pub mod collaboration;
pub mod delivery;
pub mod flow;
pub mod history;
pub mod json;
pub mod scores;
pub mod series;
pub mod sprint;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod inputs_tests;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::indicators::{EndedSprint, Evidence, Inputs};
use crate::model::actions::TrackedAction;
use crate::model::{Date, Project};

pub use crate::model::dates::{add_days, days_between, monday_of, sunday_of};
pub use crate::model::numbers::{mean, median, ratio, total};
pub use crate::model::timeline::{Timeline, Window};
pub use backlog::BacklogFigures;
pub use checkins::{CheckinEntry, CheckinRound};
pub use collaboration::CollaborationFigures;
pub use delivery::DeliveryFigures;
pub use flow::{FlowFigures, FlowRows};
pub use history::{WeekFigures, iso_week_label};
pub use json::{ActionEntry, NoteEntry, to_json, to_public_json};
pub use scores::{Health, IndicatorScore, PracticeScore, Status, Unscored};
pub use sprint::{SprintEntry, SprintFigures};

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
    #[serde(serialize_with = "crate::model::dates::serialize")]
    pub as_of: Date,
    /// The collaboration window W.
    pub window: Window,
    /// Health and practice scores as of D.
    pub health: Health,
    /// Delivery figures as of D.
    pub delivery: DeliveryFigures,
    /// Flow and forecast as of D (shown, never scored).
    pub flow: FlowFigures,
    /// What the flow figures counted, for the pages that explain them.
    #[serde(skip)]
    pub flow_rows: FlowRows,
    /// Backlog health as of D; `None` when there is no backlog data as of D.
    pub backlog: Option<BacklogFigures>,
    /// Collaboration figures in W.
    pub collaboration: CollaborationFigures,
    /// What each scored indicator as of D was computed from, by key
    /// (docs/figures.md, "How each figure is worked out").
    pub inputs: Inputs,
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
    /// The product owner's and the scrum master's check-ins, each beside the
    /// scores of its week, by date then member (docs/figures.md,
    /// "Perception beside evidence").
    pub checkins: Vec<CheckinEntry>,
    /// The other members' check-ins, aggregated per ISO week.
    pub checkin_rounds: Vec<CheckinRound>,
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
    /// What each scored indicator counted: every scored figure above is
    /// derived from these.
    pub inputs: Inputs,
}

/// The sprints ended on or before `date`, with their completed points:
/// `sprints` are the figures of the project's sprints in the project's
/// (start-date) order, or of a first part of them that holds every sprint
/// started by `date` (the report's sprints do).
fn ended<'a>(project: &'a Project, sprints: &[SprintEntry], date: Date) -> Vec<EndedSprint<'a>> {
    project
        .sprints
        .iter()
        .zip(sprints)
        .filter(|(s, entry)| s.end <= date && s.id == entry.id)
        .map(|(sprint, entry)| EndedSprint { sprint, completed_points: entry.figures.completed_points })
        .collect()
}

/// Every figure as of `date`, for a build whose report date is
/// `report_date` (a single `backlog.yaml` counts only from the report date).
/// `sprints` are the figures of every sprint, in start-date order.
pub fn snapshot(timeline: &Timeline<'_>, sprints: &[SprintEntry], date: Date, report_date: Date) -> Snapshot {
    let tracked = timeline.actions_as_of(date);
    let project = timeline.project;
    let evidence = Evidence::new(timeline, &tracked, ended(project, sprints, date), date, report_date);
    let inputs = Inputs::collect(&evidence);
    let delivery = DeliveryFigures::compute(&evidence, &inputs);
    let backlog = evidence.backlog.map(|b| BacklogFigures::compute(b, &evidence, &inputs));
    let collaboration = CollaborationFigures::compute(&evidence, &inputs);
    let health = Health::compute(&inputs, &project.settings);
    Snapshot { delivery, backlog, collaboration, health, tracked, inputs }
}

/// What each scored indicator counted as of `date`: the inputs of
/// [`snapshot`], for a page that explains a week's figures.
pub fn inputs_as_of(
    timeline: &Timeline<'_>,
    sprints: &[SprintEntry],
    date: Date,
    report_date: Date,
) -> Inputs {
    snapshot(timeline, sprints, date, report_date).inputs
}

/// Every sprint's entry as of `date`, in the project's (start-date) order.
pub fn sprint_entries(project: &Project, date: Date) -> Vec<SprintEntry> {
    project.sprints.iter().map(|s| SprintEntry::of(s, date)).collect()
}

/// The full report as of `report_date`, weekly history included.
pub fn compute(project: &Project, report_date: Date) -> Report {
    compute_weeks(&Timeline::new(project), report_date, usize::MAX)
}

/// The report as of `report_date` with only the last `weeks` weeks of the
/// history: what the stakeholder summary shows needs five, not hundreds.
pub fn compute_weeks(timeline: &Timeline<'_>, report_date: Date, weeks: usize) -> Report {
    let project = timeline.project;
    let all_sprints = sprint_entries(project, report_date);
    let now = snapshot(timeline, &all_sprints, report_date, report_date);
    let (flow, flow_rows, flows) = flow_history(timeline, report_date);
    let weeks = history::weeks(timeline, &all_sprints, &flows, report_date, weeks);
    let notes = json::note_entries(project, report_date);
    let actions = json::action_entries(&now.tracked);
    let week_dates: Vec<Date> = weeks.iter().map(|w| w.as_of).collect();
    let evidence = checkins::evidence(timeline, &all_sprints, &weeks, report_date);
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
        flow,
        flow_rows,
        backlog: now.backlog,
        collaboration: now.collaboration,
        inputs: now.inputs,
        sprints,
        backlog_ages: project
            .backlog
            .as_of(report_date, report_date)
            .map(|b| series::age_bins(b, report_date)),
        action_weeks: series::action_weeks(&now.tracked, &week_dates),
        weeks,
        notes,
        actions,
        checkins: checkins::entries(project, report_date, &evidence),
        checkin_rounds: checkins::rounds(project, report_date),
        tracked: now.tracked,
    }
}

/// The flow figures as of `report_date` with the rows they count, and those
/// of every week of the history (each forecast's track record needs every
/// earlier week's forecast, however few weeks the report shows).
fn flow_history(timeline: &Timeline<'_>, report_date: Date) -> (FlowFigures, FlowRows, Vec<FlowFigures>) {
    let flow = flow::Flow::new(timeline.project);
    let dates = history::all_week_dates(timeline, report_date);
    let flows = flow.history(&dates, report_date);
    let mut rows = flow.rows(report_date, report_date);
    // The last week's D_w is the report date: the same figures.
    let earlier = dates.iter().position(|d| *d >= report_date).unwrap_or(dates.len());
    rows.calibration = flow.calibrate(&dates[..earlier], &flows[..earlier.min(flows.len())], report_date);
    rows.weekly = flow.weekly(&dates);
    let figures = FlowFigures::of(&rows);
    (figures, rows, flows)
}
