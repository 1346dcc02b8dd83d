//! The sprints pages: `sprints/index.html` (velocity and say/do over time,
//! as charts and a table) and one page per sprint started by the report
//! date, `sprints/<slug>/index.html` ([`page`]).

mod burnup;
mod page;
mod scope;

use serde::Serialize;

use super::Input;
use super::charts::{self, Axis, ChartHtml, ChartText, DataTable, Ink, Mark, Overlay, Series};
use super::format::{self, DateView};
use super::page::{Page, Section};
use super::weeks::figures::{self, FactView};
use crate::metrics::{SprintEntry, SprintFigures};

pub use page::pages;

/// `sprints/index.html`.
#[derive(Debug, Serialize)]
pub struct SprintsIndexView {
    /// `10 sprints, from Mon 6 Jul 2026 to Fri 20 Nov 2026.`, or empty.
    pub summary: String,
    /// Velocity, rolling say/do and goal success as of the report date.
    pub delivery: Vec<FactView>,
    /// Committed against completed points by sprint.
    pub velocity_chart: Option<ChartHtml>,
    /// The name of the share of committed points done.
    pub say_do_label: &'static str,
    /// That share by sprint.
    pub say_do_chart: Option<ChartHtml>,
    /// Points added and removed after the start, by sprint.
    pub scope_chart: Option<ChartHtml>,
    /// Every sprint, newest first.
    pub rows: Vec<SprintRowView>,
}

/// One sprint in the table.
#[derive(Debug, Serialize)]
pub struct SprintRowView {
    /// Display name.
    pub name: String,
    /// The sprint's page.
    pub url: String,
    /// First day.
    pub start: DateView,
    /// Last day.
    pub end: DateView,
    /// `9 Nov`: the first day, compact.
    pub start_day: String,
    /// `20 Nov`: the last day, compact.
    pub end_day: String,
    /// Still running on the report date.
    pub in_progress: bool,
    /// Sprint goal, if any.
    pub goal: Option<String>,
    /// Whether the goal was met.
    pub goal_met: GoalView,
    /// Points committed at planning.
    pub committed: String,
    /// Points added mid-sprint.
    pub added: String,
    /// Points removed.
    pub removed: String,
    /// Points completed (the velocity).
    pub completed: String,
    /// Points not done.
    pub carry_over: String,
    /// `88%`, or `no data`.
    pub say_do: String,
    /// `17%`, or `no data`.
    pub scope_change: String,
}

/// Whether a sprint met its goal, as a word and a shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalView {
    /// `met`, `missed`, `unassessed` or `running` (CSS class).
    pub key: &'static str,
    /// `Met`, `Not met`, `Not assessed`, `In progress`.
    pub label: &'static str,
    /// `✓`, `✗`, `–`.
    pub shape: &'static str,
}

/// The goal outcome as recorded; a sprint still running has none yet.
pub fn goal(figures: &SprintFigures) -> GoalView {
    match figures.goal_met {
        _ if figures.running => GoalView { key: "running", label: "In progress", shape: "…" },
        Some(true) => GoalView { key: "met", label: "Met", shape: "✓" },
        Some(false) => GoalView { key: "missed", label: "Not met", shape: "✗" },
        None => GoalView { key: "unassessed", label: "Not assessed", shape: "–" },
    }
}

/// A figure only a sprint's end settles, or why there is none yet.
pub(crate) fn settled(figures: &SprintFigures, shown: Option<String>) -> String {
    match shown {
        _ if figures.running => IN_PROGRESS.to_string(),
        Some(text) => text,
        None => format::NO_DATA.to_string(),
    }
}

/// What a figure only a sprint's end settles reads while it runs.
pub(crate) const IN_PROGRESS: &str = "in progress";

/// The sprints list page.
pub fn index(input: &Input<'_>) -> Page<SprintsIndexView> {
    let sprints = &input.report.sprints;
    let rows = sprints.iter().rev().map(|s| row(input, s)).collect();
    let summary = match (sprints.first(), sprints.last()) {
        (Some(first), Some(last)) => format!(
            "{}, from {} to {}.",
            format::count(sprints.len(), "sprint", "sprints"),
            format::date(first.start).long,
            format::date(last.end).long
        ),
        _ => String::new(),
    };
    Page {
        path: super::paths::SPRINTS.to_string(),
        template: "sprints/index.html",
        title: "Sprints".to_string(),
        section: Section::Sprints,
        view: SprintsIndexView {
            summary,
            delivery: figures::delivery(&input.report.delivery, Some(&input.report.inputs)),
            velocity_chart: velocity_chart(sprints, "velocity-chart"),
            say_do_label: SAY_DO,
            say_do_chart: say_do_chart(sprints),
            scope_chart: scope::chart(sprints),
            rows,
        },
    }
}

fn row(input: &Input<'_>, s: &SprintEntry) -> SprintRowView {
    let f = &s.figures;
    SprintRowView {
        name: s.name.clone(),
        url: input.paths.sprint_url(&s.id).unwrap_or_default(),
        start: format::date(s.start),
        end: format::date(s.end),
        start_day: s.start.strftime("%-d %b").to_string(),
        end_day: s.end.strftime("%-d %b").to_string(),
        in_progress: f.running,
        goal: s.goal.clone(),
        goal_met: goal(f),
        committed: format::decimal(f.committed_points),
        added: format::decimal(f.added_points),
        removed: format::decimal(f.removed_points),
        completed: format::decimal(f.completed_points),
        carry_over: settled(f, f.carry_over_points.map(format::decimal)),
        say_do: settled(f, f.say_do.map(format::percent)),
        scope_change: format::maybe_percent(f.scope_change),
    }
}

/// Committed against completed points by sprint (hatched and solid bars),
/// the rolling velocity as a line, and a ✓ or ✗ over each sprint whose
/// goal was met or missed; the figures in a table under it. `id` makes its
/// ids unique on the page (the dashboard shows it too).
pub(crate) fn velocity_chart(sprints: &[SprintEntry], id: &str) -> Option<ChartHtml> {
    let (first, last) = (sprints.first()?, sprints.last()?);
    let labels: Vec<String> = sprints.iter().map(|s| s.id.clone()).collect();
    let series = [
        Series {
            name: "Committed at planning",
            ink: Ink::Planned,
            values: sprints.iter().map(|s| Some(s.figures.committed_points)).collect(),
        },
        Series {
            name: "Completed",
            ink: Ink::Done,
            values: sprints.iter().map(|s| Some(s.figures.completed_points)).collect(),
        },
    ];
    let rolling = Series {
        name: "Rolling velocity",
        ink: Ink::Reference,
        values: sprints.iter().map(|s| s.rolling_velocity).collect(),
    };
    let so_far = if last.figures.running { ", so far (it is still running)" } else { "" };
    let desc = format!(
        "Story points committed at planning and completed in each of {} from {} to {}, with the rolling \
         velocity as a line and each sprint's goal marked met or missed; {} completed {} of {} committed{so_far}.",
        format::count(sprints.len(), "sprint", "sprints"),
        first.id,
        last.id,
        last.id,
        format::decimal(last.figures.completed_points),
        format::decimal(last.figures.committed_points),
    );
    let title = "Committed and completed points by sprint";
    let text = ChartText { id, title, desc: &desc, y_label: "Points" };
    let axis = Axis::from_zero(series.iter().chain([&rolling]), "");
    let overlay = Overlay {
        marks: sprints.iter().map(|s| goal_mark(&s.figures)).collect(),
        line: Some(rolling.clone()),
    };
    let all = [series[0].clone(), series[1].clone(), rolling];
    let table = DataTable::of_series(id, title, "Sprint", &labels, &all, |v| format::maybe(v, 1))
        .column("Goal", sprints.iter().map(|s| goal(&s.figures).label.to_string()).collect());
    Some(charts::bar_chart_with(&text, &labels, &series, axis, &overlay).with_table(&table))
}

/// ✓ over a sprint whose goal was met, ✗ over one whose goal was missed, …
/// over one still running (its bars are so far).
fn goal_mark(figures: &SprintFigures) -> Option<Mark> {
    match figures.goal_met {
        _ if figures.running => Some(Mark { glyph: "…", key: "running", label: "Still running: so far" }),
        Some(true) => Some(Mark { glyph: "✓", key: "met", label: "Goal met" }),
        Some(false) => Some(Mark { glyph: "✗", key: "missed", label: "Goal not met" }),
        None => None,
    }
}

/// A sprint's `say_do` has the name of the indicator that adds it up over
/// the last sprints: one figure, one name.
pub(crate) const SAY_DO: &str = crate::indicators::Indicator::SayDoRolling.label();

fn say_do_chart(sprints: &[SprintEntry]) -> Option<ChartHtml> {
    let (first, last) = (sprints.first()?, sprints.last()?);
    let labels: Vec<String> = sprints.iter().map(|s| s.id.clone()).collect();
    let series = [Series {
        name: SAY_DO,
        ink: Ink::Done,
        values: sprints.iter().map(|s| s.figures.say_do.map(|v| v * 100.0)).collect(),
    }];
    let desc = format!(
        "{SAY_DO}, the share of committed points that got done, for each sprint from {} to {}: {}.",
        first.id,
        last.id,
        sprints
            .iter()
            .map(|s| format!("{} {}", s.id, settled(&s.figures, s.figures.say_do.map(format::percent))))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let title = format!("{SAY_DO} by sprint");
    let text = ChartText { id: "say-do-chart", title: &title, desc: &desc, y_label: SAY_DO };
    let axis = Axis { min: 0.0, max: 100.0, step: 25.0, suffix: "%" };
    // Printed from the figures themselves: a share times 100 and back is not
    // always the same share.
    let table = DataTable::of_series("say-do-chart", &title, "Sprint", &labels, &[], |_| String::new())
        .column(
            SAY_DO,
            sprints.iter().map(|s| settled(&s.figures, s.figures.say_do.map(format::percent))).collect(),
        );
    Some(charts::line_chart(&text, &labels, &series, axis, &[]).with_table(&table))
}

/// `Story`, `Bug`, `Chore`, `Spike`, or empty.
pub(crate) fn item_type_label(t: Option<crate::model::ItemType>) -> &'static str {
    use crate::model::ItemType;
    match t {
        Some(ItemType::Story) => "Story",
        Some(ItemType::Bug) => "Bug",
        Some(ItemType::Chore) => "Chore",
        Some(ItemType::Spike) => "Spike",
        None => "",
    }
}

#[cfg(test)]
mod chart_tests;
#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod rendered_tests;
#[cfg(test)]
mod tests;
