//! What each scored indicator was computed from (docs/figures.md, "How each
//! figure is worked out"): the rows it counted, their dates and values, and
//! the numerator and denominator that give its figure. `metrics.json` carries
//! them as `inputs`; the site's "How is this worked out?" only formats them.
//!
//! Every function here mirrors the figure it explains ([`super::collaboration`],
//! [`super::delivery`], [`super::backlog`]); the tests check that the inputs
//! give back the figures.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::actions::TrackedAction;
use crate::model::{BacklogState, Date, NoteKind, Role};

use super::collaboration::{Window, scope_changes};
use super::delivery::GOAL_WINDOW;
use super::sprint::is_committed;
use super::timeline::Timeline;
use super::{SprintEntry, days_between, json};

/// Where a counted row lives. Serialised with `kind` and its ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A meeting note, by its path (as in `notes` of `metrics.json`).
    Note {
        /// Path relative to the data folder.
        note: String,
    },
    /// An action item: its position (from 0) in `actions` of `metrics.json`.
    Action {
        /// Index into `actions`.
        action: usize,
    },
    /// A decision: the note it was written in and its position there (from 1).
    Decision {
        /// Path of the note.
        note: String,
        /// 1 for the note's first decision.
        decision: usize,
    },
    /// An item of a sprint.
    SprintItem {
        /// The sprint's id.
        sprint: String,
        /// The item's id.
        item: String,
    },
    /// An impediment: its sprint and its position there (from 1).
    Impediment {
        /// The sprint's id.
        sprint: String,
        /// 1 for the sprint's first impediment.
        impediment: usize,
    },
    /// An item of the backlog snapshot as of the date.
    BacklogItem {
        /// The item's id.
        item: String,
    },
    /// A sprint.
    Sprint {
        /// The sprint's id.
        sprint: String,
    },
}

/// One row an indicator looked at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputRow {
    /// Where it lives.
    #[serde(flatten)]
    pub source: Source,
    /// The date that placed it in the figure: the note's, the due date, the
    /// change, the last touch, the sprint's end ...
    #[serde(serialize_with = "json::date")]
    pub date: Date,
    /// Whether it counts towards the numerator.
    pub counted: bool,
    /// Its number when the figure adds numbers up: points, days.
    pub value: Option<f64>,
}

/// How the numerator and denominator give the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// numerator / denominator: counted rows of all rows.
    Share,
    /// numerator / denominator: points of counted rows of points of all rows.
    PointsShare,
    /// numerator / denominator: ready points (backlog rows) over the
    /// velocity, the mean of the sprint rows' completed points.
    Readiness,
    /// numerator × 7 / denominator: counted rows over the window's days.
    PerWeek,
    /// numerator: the largest gap in days between the rows' dates, from the
    /// window's first day to its last (denominator: the window's days).
    LargestGap,
    /// numerator: the median of the rows' values (denominator: how many).
    Median,
    /// numerator: counted rows.
    Count,
}

/// What one indicator was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorInputs {
    /// How they give the figure.
    pub rule: Rule,
    /// See [`Rule`].
    pub numerator: f64,
    /// See [`Rule`].
    pub denominator: f64,
    /// The rows, in date order (sprint rows by sprint).
    pub rows: Vec<InputRow>,
}

impl IndicatorInputs {
    /// The figure these inputs give; `None` where the figure is undefined.
    pub fn figure(&self) -> Option<f64> {
        let ratio = |n: f64, d: f64| (d != 0.0).then(|| n / d);
        match self.rule {
            Rule::Share | Rule::PointsShare | Rule::Readiness => ratio(self.numerator, self.denominator),
            Rule::PerWeek => ratio(self.numerator * 7.0, self.denominator),
            Rule::LargestGap | Rule::Count => Some(self.numerator),
            Rule::Median => (self.denominator > 0.0).then_some(self.numerator),
        }
    }
}

/// The inputs of every scored indicator, by key; `None` (null) where the
/// figure is "no data" for want of roles, sprints or a backlog.
pub type Inputs = BTreeMap<&'static str, Option<IndicatorInputs>>;

fn row(source: Source, date: Date, counted: bool, value: Option<f64>) -> InputRow {
    InputRow { source, date, counted, value }
}

fn share(rows: Vec<InputRow>) -> Option<IndicatorInputs> {
    let counted = rows.iter().filter(|r| r.counted).count();
    (!rows.is_empty()).then_some(IndicatorInputs {
        rule: Rule::Share,
        numerator: counted as f64,
        denominator: rows.len() as f64,
        rows,
    })
}

fn note_row(note: &crate::model::Note, counted: bool) -> InputRow {
    row(Source::Note { note: note.path.clone() }, note.date, counted, None)
}

fn action_row(index: usize, date: Date, counted: bool) -> InputRow {
    row(Source::Action { action: index }, date, counted, None)
}

/// Every indicator's inputs as of `date`, mirroring [`super::snapshot`]:
/// `sprints` are every sprint's figures, `tracked` the action items as of
/// `date` (in the order of `actions` in `metrics.json`).
pub fn collect(
    timeline: &Timeline<'_>,
    sprints: &[SprintEntry],
    tracked: &[TrackedAction],
    date: Date,
    report_date: Date,
) -> Inputs {
    let project = timeline.project;
    let settings = &project.settings;
    let team = &project.team;
    let w = Window::of(project, date);
    let po = team.sole(Role::ProductOwner).is_some();
    let sm = team.sole(Role::ScrumMaster).is_some();
    let both = po && sm;
    let has = |n: &crate::model::Note, role| n.has_role(team, role);
    let joint = |n: &crate::model::Note| has(n, Role::ProductOwner) && has(n, Role::ScrumMaster);
    let notes = timeline.notes_in(&w);
    let mut inputs = Inputs::new();

    // Delivery: the last `velocity_window` ended sprints, the last six assessed goals.
    let ended: Vec<&SprintEntry> = sprints.iter().filter(|s| s.end <= date).collect();
    let recent = &ended[ended.len().saturating_sub(settings.velocity_window as usize)..];
    let velocity_rows: Vec<InputRow> = recent
        .iter()
        .map(|s| row(Source::Sprint { sprint: s.id.clone() }, s.end, true, Some(s.figures.completed_points)))
        .collect();
    let velocity = super::mean(&velocity_rows.iter().filter_map(|r| r.value).collect::<Vec<_>>());
    let mut committed = Vec::new();
    for s in recent {
        let Some(sprint) = project.sprints.iter().find(|p| p.id == s.id) else { continue };
        for item in sprint.items.iter().filter(|i| is_committed(i, sprint.start)) {
            let source = Source::SprintItem { sprint: sprint.id.clone(), item: item.id.clone() };
            let done = item.status == crate::model::ItemStatus::Done;
            committed.push(row(source, s.end, done, item.points));
        }
    }
    let points = |rows: &[InputRow], counted_only: bool| {
        super::total(rows.iter().filter(|r| r.counted || !counted_only).filter_map(|r| r.value))
    };
    inputs.insert(
        "say_do_rolling",
        (!committed.is_empty()).then(|| IndicatorInputs {
            rule: Rule::PointsShare,
            numerator: points(&committed, true),
            denominator: points(&committed, false),
            rows: committed,
        }),
    );
    let assessed: Vec<(&SprintEntry, bool)> =
        ended.iter().filter_map(|s| s.figures.goal_met.map(|met| (*s, met))).collect();
    let goals = &assessed[assessed.len().saturating_sub(GOAL_WINDOW)..];
    inputs.insert(
        "goal_success_rate",
        share(
            goals
                .iter()
                .map(|(s, met)| row(Source::Sprint { sprint: s.id.clone() }, s.end, *met, None))
                .collect(),
        ),
    );

    // Backlog health.
    let snapshot = project.backlog.as_of(date, report_date);
    let item_row = |i: &crate::model::BacklogItem, date, counted, value| {
        row(Source::BacklogItem { item: i.id.clone() }, date, counted, value)
    };
    let readiness = snapshot.zip(velocity.filter(|v| *v != 0.0)).map(|(b, v)| {
        let ready = b.items.iter().filter(|i| i.state == BacklogState::Ready);
        let mut rows: Vec<InputRow> = ready.map(|i| item_row(i, i.last_touch(), true, i.points)).collect();
        let numerator = points(&rows, true);
        rows.extend(velocity_rows.iter().cloned().map(|r| InputRow { counted: false, ..r }));
        IndicatorInputs { rule: Rule::Readiness, numerator, denominator: v, rows }
    });
    inputs.insert("readiness_sprints", readiness);
    inputs.insert(
        "stale_share",
        snapshot.and_then(|b| {
            share(
                b.items
                    .iter()
                    .filter(|i| i.state.is_open())
                    .map(|i| {
                        item_row(
                            i,
                            i.last_touch(),
                            super::backlog::is_stale(i, date, settings.stale_days),
                            None,
                        )
                    })
                    .collect(),
            )
        }),
    );
    inputs.insert(
        "acceptance_coverage",
        snapshot.and_then(|b| {
            share(
                b.items
                    .iter()
                    .filter(|i| i.state == BacklogState::Ready)
                    .map(|i| item_row(i, i.last_touch(), !i.acceptance.is_empty(), None))
                    .collect(),
            )
        }),
    );

    // Meetings in the window.
    let refinements = notes.iter().filter(|n| n.kind == NoteKind::Refinement);
    inputs.insert(
        "joint_refinement_share",
        both.then(|| share(refinements.map(|n| note_row(n, joint(n))).collect())).flatten(),
    );
    let together: Vec<InputRow> = notes.iter().filter(|n| joint(n)).map(|n| note_row(n, true)).collect();
    let days = f64::from(w.days);
    inputs.insert(
        "touchpoints_per_week",
        (both && w.days > 0).then(|| IndicatorInputs {
            rule: Rule::PerWeek,
            numerator: together.len() as f64,
            denominator: days,
            rows: together.clone(),
        }),
    );
    inputs.insert(
        "max_gap_days",
        both.then(|| IndicatorInputs {
            rule: Rule::LargestGap,
            numerator: largest_gap(together.iter().map(|r| r.date), &w) as f64,
            denominator: days,
            rows: together,
        }),
    );
    let events: Vec<&&crate::model::Note> = notes.iter().filter(|n| n.kind.is_sprint_event()).collect();
    for (key, role, holds) in
        [("po_event_attendance", Role::ProductOwner, po), ("sm_event_attendance", Role::ScrumMaster, sm)]
    {
        inputs.insert(
            key,
            holds.then(|| share(events.iter().map(|n| note_row(n, has(n, role))).collect())).flatten(),
        );
    }

    // Action items and impediments.
    let owned_by = |ids: &[String], role| ids.iter().any(|id| team.has_role(id, role));
    let impediments: Vec<(&str, usize, &crate::model::Impediment)> = project
        .sprints
        .iter()
        .flat_map(|s| s.impediments.iter().enumerate().map(move |(i, imp)| (s.id.as_str(), i + 1, imp)))
        .collect();
    let imp_row = |sprint: &str, n: usize, date, value| {
        row(Source::Impediment { sprint: sprint.to_string(), impediment: n }, date, true, value)
    };
    let mut assists: Vec<InputRow> = tracked
        .iter()
        .enumerate()
        .filter(|(_, a)| w.contains(a.raised))
        .filter(|(_, a)| match a.raised_in {
            NoteKind::Retro | NoteKind::Standup => owned_by(&a.owners, Role::ProductOwner),
            NoteKind::Refinement | NoteKind::Review => owned_by(&a.owners, Role::ScrumMaster),
            _ => false,
        })
        .map(|(i, a)| action_row(i, a.raised, true))
        .collect();
    assists.extend(
        impediments
            .iter()
            .filter(|(_, _, i)| w.contains(i.raised))
            .filter(|(_, _, i)| i.owner.as_ref().is_some_and(|o| team.has_role(o, Role::ProductOwner)))
            .map(|(s, n, i)| imp_row(s, *n, i.raised, None)),
    );
    assists.sort_by_key(|r| r.date);
    inputs.insert(
        "cross_role_assists_per_week",
        (both && w.days > 0).then_some(IndicatorInputs {
            rule: Rule::PerWeek,
            numerator: assists.len() as f64,
            denominator: days,
            rows: assists,
        }),
    );
    let mut resolved: Vec<InputRow> = impediments
        .iter()
        .filter_map(|(s, n, i)| i.resolved.filter(|r| w.contains(*r)).map(|r| (s, n, i.raised, r)))
        .map(|(s, n, raised, r)| imp_row(s, *n, r, Some(days_between(r, raised) as f64)))
        .collect();
    resolved.sort_by_key(|r| r.date);
    inputs.insert(
        "median_resolution_days",
        super::median(resolved.iter().filter_map(|r| r.value).collect()).map(|m| IndicatorInputs {
            rule: Rule::Median,
            numerator: m,
            denominator: resolved.len() as f64,
            rows: resolved,
        }),
    );
    let mut due: Vec<InputRow> = tracked
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.due.filter(|d| w.contains(*d)).map(|d| action_row(i, d, a.done_by(d))))
        .collect();
    due.sort_by_key(|r| r.date);
    inputs.insert("on_time_rate", share(due));
    let mut overdue: Vec<InputRow> = tracked
        .iter()
        .enumerate()
        .filter(|(_, a)| a.overdue_at(date))
        .filter_map(|(i, a)| a.due.map(|d| action_row(i, d, true)))
        .collect();
    overdue.sort_by_key(|r| r.date);
    inputs.insert(
        "overdue_open",
        Some(IndicatorInputs {
            rule: Rule::Count,
            numerator: overdue.len() as f64,
            denominator: 1.0,
            rows: overdue,
        }),
    );

    // Decisions and scope changes.
    let decisions: Vec<InputRow> = notes
        .iter()
        .flat_map(|n| {
            let j = joint(n);
            (1..=n.decisions.len())
                .map(move |d| row(Source::Decision { note: n.path.clone(), decision: d }, n.date, j, None))
        })
        .collect();
    inputs.insert("joint_decision_share", both.then(|| share(decisions)).flatten());
    let changes: Vec<InputRow> = scope_changes(project, &w)
        .into_iter()
        .map(|c| {
            let counted = timeline.negotiated(&c, date);
            row(Source::SprintItem { sprint: c.sprint, item: c.item }, c.date, counted, None)
        })
        .collect();
    inputs.insert("negotiated_scope_change_share", share(changes));
    inputs
}

/// docs/figures.md `max_gap_days` over `dates` (in order): from the window's
/// start to the first, between them, from the last to its end; the window's
/// length when there are none.
pub fn largest_gap(dates: impl Iterator<Item = Date>, w: &Window) -> i64 {
    let mut dates: Vec<Date> = dates.collect();
    dates.dedup();
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return i64::from(w.days);
    };
    let inner = dates.windows(2).map(|p| days_between(p[1], p[0]));
    inner.chain([days_between(*first, w.from), days_between(w.to, *last)]).max().unwrap_or(0)
}

#[cfg(test)]
#[path = "inputs_tests.rs"]
mod tests;
