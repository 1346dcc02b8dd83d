//! The dashboard's part: the forecast in one sentence with its track record
//! and guard, and the planning lines where they apply.

use super::{FlowCardView, Places, PlanningLineView, forecast};
use crate::analysis::planning::Planning;
use crate::site::Input;
use crate::site::format::{self, LinkView};

/// The forecast and the planning lines, for the dashboard.
pub fn card(input: &Input<'_>) -> FlowCardView {
    let report = input.report;
    let places = Places::new(input);
    FlowCardView {
        forecast: forecast(input, &report.flow, &report.flow_rows),
        lines: planning_lines(&places, &input.analysis.planning),
    }
}

fn planning_lines(places: &Places<'_>, planning: &Planning) -> Vec<PlanningLineView> {
    let mut lines = Vec::new();
    if !planning.carried.is_empty() {
        let n = planning.carried.len();
        lines.push(PlanningLineView {
            key: "carried",
            text: format!(
                "{} carried over two or more sprints in a row: a plan that keeps not fitting, sharper than carry-over in points.",
                format::count(n, "item was", "items were")
            ),
            links: planning
                .carried
                .iter()
                .map(|c| {
                    let last = c.sprints.last().map_or("", String::as_str);
                    let mut link = places.item(last, &c.id, &c.title);
                    link.label = format!("{} {}: not done in {}", c.id, c.title, sprint_list(places, &c.sprints));
                    link
                })
                .collect(),
        });
    }
    if let Some(sprints) = &planning.under_commitment {
        let named: Vec<String> = sprints
            .iter()
            .map(|(id, s)| format!("{} {}", places.sprint_name(id), format::percent(*s)))
            .collect();
        lines.push(PlanningLineView {
            key: "under-commitment",
            text: format!(
                "Committed work delivered was above 95% in each of the last {} sprints ({}): the team may be committing to less than it can do.",
                sprints.len(),
                format::and_list(&named)
            ),
            links: sprints
                .iter()
                .map(|(id, _)| LinkView { label: places.sprint_name(id), url: places.input.paths.sprint_url(id) })
                .collect(),
        });
    }
    lines
}

fn sprint_list(places: &Places<'_>, ids: &[String]) -> String {
    format::and_list(&ids.iter().map(|id| places.sprint_name(id)).collect::<Vec<_>>())
}
