//! "Needs attention": the concrete things a scrum master or product owner
//! can act on this week, worked out from the data as of a date, as facts
//! grouped by kind. The site's `attention` module words them.
//!
//! [`attention`] is a pure function of the project's timeline and the report.
//! Each [`Group`] is one kind of problem with the figures its headline needs
//! ([`Headline`]: how many, the oldest, out of how many) and its [`Item`]s,
//! each naming one thing (an action item and its owners, a backlog item, a
//! meeting, an impediment) with a [`Target`] that pages turn into a link.
//! Kinds, most severe first within a severity:
//!
//! - impediments still open on the date;
//! - less than one sprint of ready work (`readiness_sprints` < 1);
//! - overdue action items, with owners and due dates;
//! - sprint events without the product owner, and without the scrum master,
//!   in the collaboration window (one kind each);
//! - scope changes in the window with no decision behind them;
//! - backlog items nobody has touched for more than `stale_days`;
//! - sprint events in the window with no meeting notes (housekeeping).
//!
//! A group is as severe as its most severe item; groups are ordered by
//! severity, then kind. Items carry the note text they come from (an action
//! item's, a meeting's title) as facts: whether a page may print it (a
//! private note, `--public`) is the site's decision.

mod rules;
mod unrecorded;

use std::sync::Arc;

use crate::indicators::Indicator;
use crate::metrics::{BacklogFigures, Report, Timeline, WeekFigures, Window};
use crate::model::actions::TrackedAction;
use crate::model::{Date, Note, NoteKind, Role};
use rules::{
    low_readiness, missed_events, open_impediments, overdue_actions, stale_items, unagreed_scope_changes,
};

/// An overdue action item or an open impediment older than this many days
/// is urgent.
pub const URGENT_AFTER_DAYS: i64 = 7;

/// How soon an entry needs a look. Ordered: most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Blocks the team or the next sprint now.
    Urgent,
    /// Should be dealt with this sprint.
    Important,
    /// Worth tidying up.
    Housekeeping,
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

/// What kind of thing needs attention: one group each. Also the order of
/// groups within one severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Impediments not resolved on the date.
    OpenImpediments,
    /// Less than one sprint of ready work.
    LowReadiness,
    /// Action items past their due date.
    OverdueActions,
    /// Sprint events without the product owner.
    WithoutProductOwner,
    /// Sprint events without the scrum master.
    WithoutScrumMaster,
    /// Scope changed mid-sprint without a decision.
    UnagreedScopeChanges,
    /// Backlog items not touched for a long time.
    StaleItems,
    /// Sprint events with no meeting notes.
    UnrecordedEvents,
}

impl Kind {
    /// The key, for ids and classes: `overdue-actions`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::OpenImpediments => "open-impediments",
            Kind::LowReadiness => "low-readiness",
            Kind::OverdueActions => "overdue-actions",
            Kind::WithoutProductOwner => "without-product-owner",
            Kind::WithoutScrumMaster => "without-scrum-master",
            Kind::UnagreedScopeChanges => "unagreed-scope-changes",
            Kind::StaleItems => "stale-items",
            Kind::UnrecordedEvents => "unrecorded-events",
        }
    }
}

/// Where the evidence is; pages turn it into a link (or none, where the
/// page does not exist on that site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A note's page, by the note's path in the data folder.
    Note(String),
    /// A sprint's page, by sprint id.
    Sprint(String),
    /// An item's row on a sprint's page.
    SprintItem {
        /// The sprint's id.
        sprint: String,
        /// The item's id.
        item: String,
    },
    /// A sprint's `n`th impediment (from 1), on its page.
    Impediment {
        /// The sprint's id.
        sprint: String,
        /// Its number in the sprint's list, from 1.
        n: usize,
    },
    /// `backlog/index.html`.
    Backlog,
    /// An item's row on the backlog page.
    BacklogItem(String),
    /// The overdue action items on `actions/index.html`.
    OverdueActions,
    /// The action item at this index of the report's `tracked` (its number
    /// on the actions page and in `metrics.json`).
    Action(usize),
    /// How an indicator is worked out, on the dashboard: each row it counted.
    Explain(Indicator),
}

/// The figures a group's headline states, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Headline {
    /// Impediments open on the date.
    OpenImpediments {
        /// How many.
        count: usize,
        /// Days the oldest has been open.
        oldest_days: i64,
    },
    /// Less than one sprint of ready work.
    LowReadiness {
        /// Points ready.
        ready_points: f64,
        /// Points done a sprint.
        velocity: f64,
    },
    /// Action items past their due date.
    OverdueActions {
        /// How many.
        count: usize,
        /// Days the oldest is overdue.
        oldest_days: i64,
    },
    /// Sprint events without someone in `role`.
    MissedEvents {
        /// The product owner or the scrum master.
        role: Role,
        /// Events without them.
        missed: usize,
        /// Events in the window that say who attended.
        events: usize,
        /// The collaboration window's length.
        window_days: u32,
    },
    /// Scope changes with no decision behind them.
    UnagreedScopeChanges {
        /// How many.
        count: usize,
        /// In how many sprints.
        sprints: usize,
        /// The collaboration window's length.
        window_days: u32,
    },
    /// Backlog items untouched for more than `stale_days`.
    StaleItems {
        /// How many.
        count: usize,
        /// Days since the oldest was touched.
        oldest_days: i64,
        /// The threshold (`stale_days` in tandem.yaml).
        stale_days: u32,
    },
    /// Sprint events with no notes.
    UnrecordedEvents {
        /// How many.
        count: usize,
        /// The collaboration window's length.
        window_days: u32,
    },
}

/// One thing that needs attention, as facts.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// An impediment open on the date.
    Impediment {
        /// Its title (sprint records are public).
        title: String,
        /// The sprint's name.
        sprint: String,
        /// Its owner: a member id, or a name as written.
        owner: Option<String>,
        /// Days open on the date.
        open_days: i64,
    },
    /// An overdue action item.
    Action {
        /// The text as first written (note text).
        text: Arc<str>,
        /// First raised in a private note: its text is never published.
        private: bool,
        /// Owner member ids.
        owners: Arc<[String]>,
        /// Owners who are not members, as written.
        guests: Vec<String>,
        /// The day it was due.
        due: Date,
        /// Days overdue on the date.
        late_days: i64,
        /// The day it was raised.
        raised: Date,
        /// The kind of meeting that raised it, when its note is known.
        meeting: Option<NoteKind>,
    },
    /// A sprint event someone missed.
    Event {
        /// Its date.
        date: Date,
        /// The note's title (note text).
        title: String,
        /// The kind of meeting.
        kind: NoteKind,
    },
    /// An item added to or removed from a sprint with no decision.
    ScopeChange {
        /// The item's id.
        item: String,
        /// The item's title.
        title: String,
        /// Removed rather than added.
        removed: bool,
        /// When.
        date: Date,
        /// The sprint's name.
        sprint: String,
    },
    /// A backlog item nobody touched.
    StaleItem {
        /// Its id.
        id: String,
        /// Its title.
        title: String,
        /// Days since it was last touched.
        idle_days: i64,
    },
    /// A sprint event with no notes.
    Unrecorded {
        /// The sprint's name.
        sprint: String,
        /// The kind of event: planning, review or retro.
        kind: NoteKind,
        /// The day it was due.
        date: Date,
    },
}

/// One thing under a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// How soon.
    pub severity: Severity,
    /// What it is.
    pub subject: Subject,
    /// Its evidence.
    pub target: Option<Target>,
    /// Since when it has waited (the order within a group: oldest first).
    pub since: Date,
}

/// One kind of thing that needs attention, with every item of that kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// How soon: its most severe item's severity.
    pub severity: Severity,
    /// What the headline states.
    pub headline: Headline,
    /// Where the evidence for the whole group is.
    pub target: Option<Target>,
    /// Every item, most severe then oldest first (none for low readiness).
    pub items: Vec<Item>,
}

impl Group {
    /// The kind of the group.
    pub fn kind(&self) -> Kind {
        match self.headline {
            Headline::OpenImpediments { .. } => Kind::OpenImpediments,
            Headline::LowReadiness { .. } => Kind::LowReadiness,
            Headline::OverdueActions { .. } => Kind::OverdueActions,
            Headline::MissedEvents { role: Role::ProductOwner, .. } => Kind::WithoutProductOwner,
            Headline::MissedEvents { .. } => Kind::WithoutScrumMaster,
            Headline::UnagreedScopeChanges { .. } => Kind::UnagreedScopeChanges,
            Headline::StaleItems { .. } => Kind::StaleItems,
            Headline::UnrecordedEvents { .. } => Kind::UnrecordedEvents,
        }
    }

    /// A group of `items` (sorted here), as severe as the most severe of
    /// them, or as `severity` when it has none.
    fn of(headline: Headline, target: Option<Target>, mut items: Vec<Item>, severity: Severity) -> Group {
        // Stable: items with the same severity and date keep the rule's order.
        items.sort_by_key(|i| (i.severity, i.since));
        let severity = items.first().map_or(severity, |i| i.severity);
        Group { severity, headline, target, items }
    }
}

/// The figures the rules read, as of one date.
pub struct Facts<'a> {
    /// Backlog figures as of the date.
    pub backlog: Option<&'a BacklogFigures>,
    /// Velocity as of the date.
    pub velocity: Option<f64>,
    /// Action items followed across notes dated on or before the date.
    pub tracked: &'a [TrackedAction],
    /// Whether `tracked` is the report's own list, whose positions number
    /// the action items on the site ([`Target::Action`]); a week's list is not.
    pub numbered: bool,
}

/// Everything that needs attention as of the report date, by kind, most severe first.
pub fn attention(timeline: &Timeline<'_>, report: &Report) -> Vec<Group> {
    let facts = Facts {
        backlog: report.backlog.as_ref(),
        velocity: report.delivery.velocity,
        tracked: &report.tracked,
        numbered: true,
    };
    attention_with(timeline, &facts, report.as_of, report.as_of)
}

/// Everything that needs attention as of a week's date, from that week's
/// figures. The action items as of the week are a lookup in the timeline,
/// not kept with the week: hundreds of weeks of copies cost more memory
/// than reading them again costs time.
pub fn attention_for_week(timeline: &Timeline<'_>, week: &WeekFigures, report_date: Date) -> Vec<Group> {
    let tracked = timeline.actions_as_of(week.as_of);
    let facts = Facts {
        backlog: week.backlog.as_ref(),
        velocity: week.delivery.velocity,
        tracked: &tracked,
        numbered: false,
    };
    attention_with(timeline, &facts, week.as_of, report_date)
}

/// Everything that needs attention as of `date` (a week's date or the report
/// date), for a build whose report date is `report_date`.
pub fn attention_with(
    timeline: &Timeline<'_>,
    facts: &Facts<'_>,
    date: Date,
    report_date: Date,
) -> Vec<Group> {
    let project = timeline.project;
    let window = Window::of(project, date);
    let notes: &[&Note] = timeline.notes_through(date);
    let mut all = Vec::new();
    all.extend(open_impediments(project, date));
    all.extend(low_readiness(facts));
    all.extend(overdue_actions(notes, facts, date));
    all.extend(missed_events(project, timeline.notes_in(&window), &window));
    all.extend(unagreed_scope_changes(timeline, &window));
    all.extend(stale_items(project, date, report_date));
    all.extend(unrecorded::unrecorded_events(timeline, &window));
    all.sort_by_key(|g| (g.severity, g.kind()));
    all
}

#[cfg(test)]
mod tests;
