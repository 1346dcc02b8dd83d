//! The scope-change chart of the sprints page: points added to and removed
//! from each sprint after its start, from `added_points` and
//! `removed_points` in `metrics.json` (docs/figures.md, "Sprint figures").

use crate::metrics::SprintEntry;
use crate::site::charts::{self, Axis, ChartHtml, ChartText, DataTable, Ink, Mark, Overlay, Series};
use crate::site::format;

/// Added against removed points by sprint, oldest first; a running sprint's
/// bars are marked "so far". `None` without sprints.
pub(crate) fn chart(sprints: &[SprintEntry]) -> Option<ChartHtml> {
    let (first, last) = (sprints.first()?, sprints.last()?);
    let labels: Vec<String> = sprints.iter().map(|s| s.id.clone()).collect();
    let series = [
        Series {
            name: "Added after the start",
            ink: Ink::Added,
            values: sprints.iter().map(|s| Some(s.figures.added_points)).collect(),
        },
        Series {
            name: "Removed",
            ink: Ink::Removed,
            values: sprints.iter().map(|s| Some(s.figures.removed_points)).collect(),
        },
    ];
    let changed = sprints.iter().filter(|s| s.figures.added_points + s.figures.removed_points > 0.0).count();
    let desc = format!(
        "Story points added to and removed from each of {} from {} to {} after it started; {} of them changed \
         scope, and {} had {} added and {} removed{}.",
        format::count(sprints.len(), "sprint", "sprints"),
        first.id,
        last.id,
        changed,
        last.id,
        format::points(last.figures.added_points),
        format::points(last.figures.removed_points),
        if last.figures.running { " so far (it is still running)" } else { "" },
    );
    let title = "Points added and removed by sprint";
    let text = ChartText { id: "scope-chart", title, desc: &desc, y_label: "Points" };
    let overlay = Overlay {
        line: None,
        marks: sprints
            .iter()
            .map(|s| {
                s.figures.running.then_some(Mark {
                    glyph: "…",
                    key: "running",
                    label: "Still running: so far",
                })
            })
            .collect(),
    };
    let table =
        DataTable::of_series("scope-chart", title, "Sprint", &labels, &series, |v| format::maybe(v, 1))
            .column("Scope change", sprints.iter().map(scope_change).collect());
    Some(
        charts::bar_chart_with(&text, &labels, &series, Axis::from_zero(&series, ""), &overlay)
            .with_table(&table),
    )
}

/// Scope change as the sprint's page says it: a running sprint's is a
/// figure so far (its added and removed points are real already).
fn scope_change(entry: &SprintEntry) -> String {
    let shown = format::maybe_percent(entry.figures.scope_change);
    if entry.figures.running && entry.figures.scope_change.is_some() {
        format!("{shown} so far")
    } else {
        shown
    }
}
