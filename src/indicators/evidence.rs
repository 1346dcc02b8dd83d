//! What the indicators are read from as of one date D: the notes in the
//! window, the action items as followed up to D, the backlog snapshot, the
//! ended sprints. Each set of rows is defined here once; the indicators
//! count them (the `defs` table) and the unscored figures beside them
//! (`metrics`) count the same sets.

use crate::model::actions::TrackedAction;
use crate::model::numbers::{mean, total};
use crate::model::timeline::{ScopeChange, Timeline, Window, scope_changes};
use crate::model::{
    BacklogItem, BacklogSnapshot, BacklogState, Date, Decision, Impediment, Note, NoteKind, Project, Role,
    Sprint,
};

/// How many assessed sprints `goal_success_rate` looks back over.
pub const GOAL_WINDOW: usize = 6;

/// docs/figures.md `velocity`: the mean of the last `velocity_window` of
/// `completed` (the completed points of the sprints ended on or before D, in
/// start-date order); `None` when no sprint has ended.
pub fn velocity(completed: &[f64], velocity_window: u32) -> Option<f64> {
    mean(&completed[completed.len().saturating_sub(velocity_window as usize)..])
}

/// A sprint ended on or before D, with the points it completed (its sprint
/// figure, worked out once by `metrics`).
#[derive(Debug, Clone, Copy)]
pub struct EndedSprint<'a> {
    /// The sprint.
    pub sprint: &'a Sprint,
    /// docs/figures.md `completed_points`.
    pub completed_points: f64,
}

/// Everything the indicators read, as of one date.
#[derive(Debug)]
pub struct Evidence<'a> {
    /// The whole project.
    pub project: &'a Project,
    /// The project laid out in time.
    pub timeline: &'a Timeline<'a>,
    /// The date D.
    pub date: Date,
    /// The collaboration window W ending on D.
    pub window: Window,
    /// Notes dated inside W, by date then path.
    pub notes: &'a [&'a Note],
    /// The action items as of D, in the order of `actions` in `metrics.json`.
    pub tracked: &'a [TrackedAction],
    /// The backlog as of D.
    pub backlog: Option<&'a BacklogSnapshot>,
    /// Sprints ended on or before D, in start-date order.
    pub ended: Vec<EndedSprint<'a>>,
    /// The scope changes in W.
    pub changes: Vec<ScopeChange>,
    /// Exactly one product owner in the team.
    pub po: bool,
    /// Exactly one scrum master in the team.
    pub sm: bool,
}

impl<'a> Evidence<'a> {
    /// The evidence as of `date` for a build whose report date is
    /// `report_date` (a single `backlog.yaml` counts only from it).
    pub fn new(
        timeline: &'a Timeline<'a>,
        tracked: &'a [TrackedAction],
        ended: Vec<EndedSprint<'a>>,
        date: Date,
        report_date: Date,
    ) -> Evidence<'a> {
        let project = timeline.project;
        let window = Window::of(project, date);
        let team = &project.team;
        Evidence {
            project,
            timeline,
            date,
            window,
            notes: timeline.notes_in(&window),
            tracked,
            backlog: project.backlog.as_of(date, report_date),
            ended,
            changes: scope_changes(project, &window),
            po: team.sole(Role::ProductOwner).is_some(),
            sm: team.sole(Role::ScrumMaster).is_some(),
        }
    }

    /// Both roles are held by exactly one member each.
    pub fn both(&self) -> bool {
        self.po && self.sm
    }

    /// Whether `note` has a member with `role` among its attendees.
    pub fn has(&self, note: &Note, role: Role) -> bool {
        note.has_role(&self.project.team, role)
    }

    /// Whether `note` has both the product owner and the scrum master.
    pub fn joint(&self, note: &Note) -> bool {
        self.has(note, Role::ProductOwner) && self.has(note, Role::ScrumMaster)
    }

    /// Whether any of `ids` is a member with `role`.
    pub fn any_holds(&self, ids: &[String], role: Role) -> bool {
        ids.iter().any(|id| self.project.team.has_role(id, role))
    }

    /// The last `velocity_window` ended sprints.
    pub fn recent(&self) -> &[EndedSprint<'a>] {
        let n = self.project.settings.velocity_window as usize;
        &self.ended[self.ended.len().saturating_sub(n)..]
    }

    /// docs/figures.md `velocity` as of D.
    pub fn velocity(&self) -> Option<f64> {
        let points: Vec<f64> = self.ended.iter().map(|s| s.completed_points).collect();
        velocity(&points, self.project.settings.velocity_window)
    }

    /// The last [`GOAL_WINDOW`] ended sprints whose goal was assessed, with the verdict.
    pub fn assessed_goals(&self) -> Vec<(&'a Sprint, bool)> {
        let assessed: Vec<(&Sprint, bool)> =
            self.ended.iter().filter_map(|s| s.sprint.goal_met.map(|met| (s.sprint, met))).collect();
        assessed[assessed.len().saturating_sub(GOAL_WINDOW)..].to_vec()
    }

    /// Sprint events (planning, review, retro) in W; a note recording two
    /// of them (a review and a retro written up together) is one.
    pub fn events(&self) -> impl Iterator<Item = &'a Note> + '_ {
        self.notes.iter().copied().filter(|n| n.is_sprint_event())
    }

    /// Refinement notes in W.
    pub fn refinements(&self) -> impl Iterator<Item = &'a Note> + '_ {
        self.notes.iter().copied().filter(|n| n.is(NoteKind::Refinement))
    }

    /// Whether any note dated in W records who attended.
    pub fn any_attendance(&self) -> bool {
        self.notes.iter().any(|n| n.attendance_known())
    }

    /// Whether any note is dated on or before D: without one, no action
    /// item could have been recorded.
    pub fn any_note_yet(&self) -> bool {
        !self.timeline.notes_through(self.date).is_empty()
    }

    /// Notes in W that have both the product owner and the scrum master.
    pub fn joint_notes(&self) -> impl Iterator<Item = &'a Note> + '_ {
        self.notes.iter().copied().filter(|n| self.joint(n))
    }

    /// Every decision in a note in W: the note, its position there (from 1), the decision.
    pub fn decisions(&self) -> impl Iterator<Item = (&'a Note, usize, &'a Decision)> + '_ {
        self.notes.iter().flat_map(|n| n.decisions.iter().enumerate().map(move |(i, d)| (*n, i + 1, d)))
    }

    /// Every impediment of every sprint: its sprint, its position there (from 1), the impediment.
    pub fn impediments(&self) -> impl Iterator<Item = (&'a Sprint, usize, &'a Impediment)> + 'a {
        self.project
            .sprints
            .iter()
            .flat_map(|s| s.impediments.iter().enumerate().map(move |(i, imp)| (s, i + 1, imp)))
    }

    /// The action items raised in W, with their position in `tracked`.
    pub fn raised(&self) -> impl Iterator<Item = (usize, &'a TrackedAction)> + '_ {
        self.tracked.iter().enumerate().filter(|(_, a)| self.window.contains(a.raised))
    }

    /// Items in state ready in the backlog as of D.
    pub fn ready_items(&self) -> impl Iterator<Item = &'a BacklogItem> + 'a {
        self.backlog.into_iter().flat_map(|b| &b.items).filter(|i| i.state == BacklogState::Ready)
    }

    /// docs/figures.md `ready_points`: the points of [`Self::ready_items`].
    pub fn ready_points(&self) -> f64 {
        total(self.ready_items().filter_map(|i| i.points))
    }

    /// Whether a decision within two days of `change` references its item.
    pub fn negotiated(&self, change: &ScopeChange) -> bool {
        self.timeline.negotiated(change, self.date)
    }
}
