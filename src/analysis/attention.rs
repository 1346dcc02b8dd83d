//! "Needs attention": the concrete things a scrum master or product owner
//! can act on this week, worked out from the data as of a date.
//!
//! [`attention`] is a pure function of the project's timeline and the report.
//! Entries name things (an action item and its owners, a backlog item, a
//! meeting, an impediment) and point at where to act through a [`Target`]
//! that pages turn into a link. Rules, most severe first:
//!
//! - impediments still open on the date;
//! - less than one sprint of ready work (`readiness_sprints` < 1);
//! - overdue action items, with owners and due dates (the text of an item
//!   raised in a private note is never shown);
//!
//! Where an entry quotes a note (an action item's text, a meeting's title),
//! it also carries the same words without it (`public_text`), for the
//! stakeholder-facing site of `--public`.
//! - the product owner or the scrum master missing from sprint events in the
//!   collaboration window;
//! - scope changes in the window with no decision behind them;
//! - backlog items nobody has touched for more than `stale_days`;
//! - sprint events in the window with no meeting notes (housekeeping).

mod rules;
mod unrecorded;

use serde::Serialize;

use crate::metrics::{BacklogFigures, Report, Timeline, WeekFigures, Window};
use crate::model::actions::TrackedAction;
use crate::model::{Date, Note};
use rules::{
    low_readiness, missed_events, open_impediments, overdue_actions, stale_items, unagreed_scope_changes,
};

/// How many lines of detail an entry lists before "and N more".
pub const MAX_DETAILS: usize = 5;

/// An overdue action item or an open impediment older than this many days
/// is urgent.
pub const URGENT_AFTER_DAYS: i64 = 7;

/// How soon an entry needs a look. Ordered: most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Blocks the team or the next sprint now.
    Urgent,
    /// Should be dealt with this sprint.
    Important,
    /// Worth tidying up.
    Housekeeping,
}

impl Attention {
    /// The sentence for the site: without note text on a public one.
    pub fn sentence(&self, public: bool) -> &str {
        self.public_text.as_deref().filter(|_| public).unwrap_or(&self.text)
    }
}

impl Detail {
    /// The line for the site: without note text on a public one.
    pub fn line(&self, public: bool) -> &str {
        self.public_text.as_deref().filter(|_| public).unwrap_or(&self.text)
    }
}

impl Severity {
    /// The key, for CSS classes: `urgent`, `important`, `housekeeping`.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Urgent => "urgent",
            Severity::Important => "important",
            Severity::Housekeeping => "housekeeping",
        }
    }

    /// The word people read.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Urgent => "Urgent",
            Severity::Important => "Important",
            Severity::Housekeeping => "Housekeeping",
        }
    }
}

/// Which rule found an entry; also the order within one severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// An impediment not resolved on the date.
    OpenImpediment,
    /// Less than one sprint of ready work.
    LowReadiness,
    /// An action item past its due date.
    OverdueAction,
    /// The product owner or scrum master missed sprint events.
    MissedEvents,
    /// Scope changed mid-sprint without a decision.
    UnagreedScopeChange,
    /// Backlog items not touched for a long time.
    StaleItems,
    /// Sprint events with no meeting notes.
    UnrecordedEvents,
}

/// Where to act on an entry; pages turn it into a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "page", content = "id", rename_all = "kebab-case")]
pub enum Target {
    /// A note's page, by the note's path in the data folder.
    Note(String),
    /// A sprint's page, by sprint id.
    Sprint(String),
    /// `backlog/index.html`.
    Backlog,
    /// `actions/index.html`.
    Actions,
}

/// A line under an entry (a meeting, an item).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detail {
    /// Plain text.
    pub text: String,
    /// The line without any note text (a note's title), where `text` has
    /// some: what a public site (`--public`) prints.
    #[serde(skip)]
    pub public_text: Option<String>,
    /// Where it lives, if it has a page.
    pub target: Option<Target>,
}

/// One thing that needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attention {
    /// How soon.
    pub severity: Severity,
    /// The rule that found it.
    pub rule: Rule,
    /// One plain sentence naming the thing, without a final full stop.
    pub text: String,
    /// The sentence without any note text (an action item's), where `text`
    /// quotes some: what a public site (`--public`) prints.
    #[serde(skip)]
    pub public_text: Option<String>,
    /// Where to act.
    pub target: Option<Target>,
    /// Lines naming the parts, at most [`MAX_DETAILS`] and an "and N more".
    pub details: Vec<Detail>,
    /// Since when it has waited (for the order within a rule).
    #[serde(skip)]
    pub since: Date,
}

/// The figures the rules read, as of one date.
pub struct Facts<'a> {
    /// Backlog figures as of the date.
    pub backlog: Option<&'a BacklogFigures>,
    /// Velocity as of the date.
    pub velocity: Option<f64>,
    /// Action items followed across notes dated on or before the date.
    pub tracked: &'a [TrackedAction],
}

/// Everything that needs attention as of the report date, most severe first.
pub fn attention(timeline: &Timeline<'_>, report: &Report) -> Vec<Attention> {
    let facts = Facts {
        backlog: report.backlog.as_ref(),
        velocity: report.delivery.velocity,
        tracked: &report.tracked,
    };
    attention_with(timeline, &facts, report.as_of, report.as_of)
}

/// Everything that needs attention as of a week's date, from that week's
/// figures. The action items as of the week are a lookup in the timeline,
/// not kept with the week: hundreds of weeks of copies cost more memory
/// than reading them again costs time.
pub fn attention_for_week(timeline: &Timeline<'_>, week: &WeekFigures, report_date: Date) -> Vec<Attention> {
    let tracked = timeline.actions_as_of(week.as_of);
    let facts = Facts { backlog: week.backlog.as_ref(), velocity: week.delivery.velocity, tracked: &tracked };
    attention_with(timeline, &facts, week.as_of, report_date)
}

/// Everything that needs attention as of `date` (a week's date or the report
/// date), for a build whose report date is `report_date`.
pub fn attention_with(
    timeline: &Timeline<'_>,
    facts: &Facts<'_>,
    date: Date,
    report_date: Date,
) -> Vec<Attention> {
    let project = timeline.project;
    let window = Window::of(project, date);
    let notes: &[&Note] = timeline.notes_through(date);
    let mut all = Vec::new();
    all.extend(open_impediments(project, date));
    all.extend(low_readiness(facts));
    all.extend(overdue_actions(project, notes, facts.tracked, date));
    all.extend(missed_events(project, timeline.notes_in(&window), &window));
    all.extend(unagreed_scope_changes(timeline, &window));
    all.extend(stale_items(project, date, report_date));
    all.extend(unrecorded::unrecorded_events(timeline, &window));
    all.sort_by(|a, b| (a.severity, a.rule, a.since, &a.text).cmp(&(b.severity, b.rule, b.since, &b.text)));
    all
}

#[cfg(test)]
mod tests;
