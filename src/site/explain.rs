//! "How is this worked out?" beside every indicator on the dashboard and the
//! week pages: the formula in words with the numbers, links to the rows it
//! counted, and the curve and thresholds that scored it. Everything comes
//! from `inputs` in `metrics.json` ([`crate::metrics::inputs`]); this module
//! only words it and finds each row's page and anchor.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Input;
use super::actions::{PRIVATE_ACTION, public_action};
use super::format;
use super::paths::{self, item_anchors};
use super::unscored;
use crate::indicators::{
    Formula, Indicator, IndicatorInputs, InputRow, NoFigure, RowWords, Rule, Source, Unit,
};
use crate::metrics::{IndicatorScore, Status, Unscored, Window, scores};
use crate::model::{BacklogItem, Date, Note, Sprint, Visibility};

/// How a row left out for unknown attendance reads.
const UNRECORDED: RowWords =
    RowWords { heading: "", one: "", many: "", counted: "", uncounted: "attendance not recorded" };

/// One indicator's explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainView {
    /// `how-on_time_rate`: the disclosure's id, unique on its page.
    pub id: String,
    /// The indicator's name: `Action items done on time`.
    pub label: &'static str,
    /// The formula in words with the numbers.
    pub formula: String,
    /// What the rows are: `Action items due in the window`.
    pub rows_heading: String,
    /// The rows it counted (or looked at), with links.
    pub rows: Vec<RowView>,
    /// Rows left out because their note does not say who attended.
    pub left_out: Vec<RowView>,
    /// The curve in words.
    pub curve: String,
    /// Where the curve comes from: the default or tandem.yaml.
    pub thresholds: String,
    /// `83% scores 88: healthy.`
    pub score: String,
}

/// One row behind a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowView {
    /// What it is: a note's title, an action item's text, an item's id and title.
    pub label: String,
    /// Its page and anchor, from the site root; `None` when it has no page.
    pub url: Option<String>,
    /// `Fri 9 Oct`, and its points or days where they add up.
    pub detail: String,
    /// Whether it counted towards the numerator.
    pub counted: bool,
    /// `done on time`, `missed`: what counting means for this indicator.
    pub verdict: &'static str,
}

/// Looks up each row's page and label; built once per site, so a row is a
/// lookup however many notes, weeks and rows there are.
pub struct Explainer<'a> {
    input: &'a Input<'a>,
    /// The notes up to the report date, by path.
    notes: HashMap<&'a str, &'a Note>,
    /// Every sprint by id.
    sprints: HashMap<&'a str, &'a Sprint>,
    /// Sprint id to item id to anchor.
    sprint_items: BTreeMap<&'a str, BTreeMap<&'a str, String>>,
    /// The backlog items on the backlog page (as of the report date): item
    /// and anchor, by id.
    backlog_items: HashMap<&'a str, (&'a BacklogItem, String)>,
}

impl<'a> Explainer<'a> {
    /// The lookups for `input`'s project.
    pub fn new(input: &'a Input<'a>) -> Explainer<'a> {
        let project = input.project;
        let sprint_items = project
            .sprints
            .iter()
            .map(|s| (s.id.as_str(), item_anchors(s.items.iter().map(|i| i.id.as_str()))))
            .collect();
        let backlog_items = project
            .backlog
            .as_of(input.report_date, input.report_date)
            .map(|b| {
                let anchors = item_anchors(b.items.iter().map(|i| i.id.as_str()));
                b.items
                    .iter()
                    .map(|i| (i.id.as_str(), (i, anchors.get(i.id.as_str()).cloned().unwrap_or_default())))
                    .collect()
            })
            .unwrap_or_default();
        Explainer {
            input,
            notes: input.notes.iter().map(|n| (n.path.as_str(), *n)).collect(),
            sprints: project.sprints.iter().map(|s| (s.id.as_str(), s)).collect(),
            sprint_items,
            backlog_items,
        }
    }

    /// The explanation of `scored` as of `date`, from `inputs` (`None` when
    /// the figure is "no data").
    pub fn explain(
        &self,
        scored: &IndicatorScore,
        inputs: Option<&IndicatorInputs>,
        date: Date,
    ) -> ExplainView {
        let indicator = scored.indicator;
        let definition = indicator.definition();
        let settings = &self.input.project.settings;
        let window = Window::of(self.input.project, date);
        let shown = indicator.format(scored.figure);
        let (formula, rows_heading) = match inputs {
            Some(inputs) => {
                (self.formula(indicator, inputs, &shown, &window), definition.rows.heading.to_string())
            }
            None => {
                let why = scored.unscored.unwrap_or(Unscored::NoFigure(NoFigure::Empty));
                (format!("No data: {}.", unscored::reason(indicator, &why, &window)), String::new())
            }
        };
        let rows = inputs
            .map(|i| {
                let shown = i.rows.iter().filter(|r| shows(i.rule, r));
                let words = definition.rows;
                if self.input.public {
                    // Counts by month, not a line per anonymous item (counts.rs).
                    super::counts::public_rows(
                        shown,
                        |r| self.row(r, i.rule, words),
                        |n, noun, page, d, counted| RowView {
                            label: format::count(n, noun, &format!("{noun}s")),
                            url: Some(page.to_string()),
                            detail: format::month(d),
                            counted,
                            verdict: if counted { words.counted } else { words.uncounted },
                        },
                    )
                } else {
                    shown.map(|r| self.row(r, i.rule, words)).collect()
                }
            })
            .unwrap_or_default();
        let curve_points = scores::curve(indicator, &settings.thresholds);
        let key = indicator.key();
        let custom = settings.thresholds.contains_key(key);
        let score = match (scored.score, scored.unscored) {
            (Some(s), _) => format!(
                "{shown} scores {}: {}.",
                format::score_points(s),
                Status::of(Some(s)).label().to_lowercase()
            ),
            (None, Some(too_little @ Unscored::TooLittle { .. })) => format!(
                "{shown} is not scored: {}. A figure over fewer than {} is shown but not scored, so one {} never \
                 swings the practice; the practice's score is the mean of its other indicators.",
                unscored::reason(indicator, &too_little, &window),
                format::count(settings.min_evidence as usize, definition.rows.one, definition.rows.many),
                definition.rows.one,
            ),
            (None, _) => "No figure, so no score: the practice's score is the mean of its other indicators."
                .to_string(),
        };
        let left_out = inputs
            .map(|i| i.unrecorded.iter().map(|r| self.row(r, i.rule, UNRECORDED)).collect())
            .unwrap_or_default();
        ExplainView {
            id: format!("how-{key}"),
            label: indicator.label(),
            formula,
            rows_heading,
            rows,
            left_out,
            curve: curve(indicator.unit(), curve_points),
            thresholds: if custom {
                format!("This curve is set in tandem.yaml under thresholds: {key}.")
            } else {
                format!("This is the default curve; tandem.yaml can change it under thresholds: {key}.")
            },
            score,
        }
    }

    /// `indicator`'s formula in words over `inputs`, ending in the `shown` figure.
    fn formula(
        &self,
        indicator: Indicator,
        inputs: &IndicatorInputs,
        shown: &str,
        window: &Window,
    ) -> String {
        let name = |source: &Source| self.place(source).0;
        let sprint_name = |id: &str| self.sprint_name(id);
        let settings = &self.input.project.settings;
        indicator.formula(&Formula {
            inputs,
            shown,
            window,
            settings,
            name: &name,
            sprint_name: &sprint_name,
        })
    }

    fn row(&self, r: &InputRow, rule: Rule, words: RowWords) -> RowView {
        let (label, url) = self.place(&r.source);
        let mut detail = format::date(r.date).short;
        if let Some(v) = r.value {
            let value = match (&r.source, rule) {
                (Source::Impediment { .. }, _) => format::days(v),
                _ => format::points(v),
            };
            detail = format!("{detail}, {value}");
        }
        let verdict = if r.counted { words.counted } else { words.uncounted };
        RowView { label, url, detail, counted: r.counted, verdict }
    }

    /// A row's label and page.
    fn place(&self, source: &Source) -> (String, Option<String>) {
        let input = self.input;
        let at = input.paths;
        match source {
            Source::Note { note } => (self.note_label(note), at.note_url(note)),
            Source::Action { action } => {
                let a = input.report.tracked.get(*action);
                let label = a.map_or_else(String::new, |a| match (input.public, a.private) {
                    (true, _) => public_action(*action),
                    (false, true) => PRIVATE_ACTION.to_string(),
                    (false, false) => a.text.to_string(),
                });
                (label, Some(paths::action_url(*action)))
            }
            Source::Decision { note, decision } => {
                let found = self.notes.get(note.as_str());
                let private = found.is_none_or(|n| n.visibility == Visibility::Private);
                let text = found.and_then(|n| n.decisions.get(decision - 1)).map(|d| d.text.clone());
                if let Some(n) = found.filter(|_| input.public) {
                    let label =
                        format!("{} of {}", format::public_decision(n.kind), format::date(n.date).long);
                    return (label, None);
                }
                match (private, text) {
                    (false, Some(text)) => (text, at.decision_url(note, *decision)),
                    _ => (format!("A decision in {}", self.note_label(note)), at.note_url(note)),
                }
            }
            Source::SprintItem { sprint, item } => {
                let title = self
                    .sprints
                    .get(sprint.as_str())
                    .and_then(|s| s.items.iter().find(|i| &i.id == item))
                    .map_or_else(String::new, |i| format!(" {}", i.title));
                let anchor = self.sprint_items.get(sprint.as_str()).and_then(|a| a.get(item.as_str()));
                let url = anchor.and_then(|a| at.sprint_item_url(sprint, a));
                (format!("{item}{title} ({})", self.sprint_name(sprint)), url)
            }
            Source::Impediment { sprint, impediment } => {
                let title = self
                    .sprints
                    .get(sprint.as_str())
                    .and_then(|s| s.impediments.get(impediment - 1))
                    .map_or_else(String::new, |i| i.title.clone());
                let url = at.impediment_url(sprint, *impediment);
                (format!("{title} ({})", self.sprint_name(sprint)), url)
            }
            Source::BacklogItem { item } => {
                // Only items on the backlog page (as of the report date) link.
                match self.backlog_items.get(item.as_str()) {
                    Some((i, anchor)) => {
                        (format!("{item} {}", i.title), Some(paths::backlog_item_url(anchor)))
                    }
                    None => (item.clone(), None),
                }
            }
            Source::Sprint { sprint } => (self.sprint_name(sprint), at.sprint_url(sprint)),
        }
    }

    fn note_label(&self, path: &str) -> String {
        match self.notes.get(path) {
            Some(n) if self.input.public => self.input.note_name(n),
            Some(n) if n.visibility != Visibility::Private => n.title.clone(),
            Some(_) => "Private note".to_string(),
            None if self.input.public => "A note".to_string(),
            None => path.to_string(),
        }
    }

    fn sprint_name(&self, id: &str) -> String {
        self.sprints.get(id).map_or_else(|| id.to_string(), |s| s.name.clone())
    }
}

/// Rows worth listing: the sprints behind a velocity are listed in the
/// formula, not as rows of ready work.
fn shows(rule: Rule, r: &InputRow) -> bool {
    !(rule == Rule::Readiness && matches!(r.source, Source::Sprint { .. }))
}

fn num(v: f64) -> String {
    format::decimal(v)
}

/// The curve in words: `30% scores 0, 90% scores 100; in a straight line
/// between, and flat beyond the first and last point.`
fn curve(unit: Unit, points: &[(f64, f64)]) -> String {
    let list: Vec<String> =
        points.iter().map(|(f, s)| format!("{} scores {}", unit.format(Some(*f)), num(*s))).collect();
    format!(
        "Scored on a straight line through {}, and flat beyond the first and last point. 75 and above is \
         healthy, 50 and above watch, below 50 at risk.",
        list.join(", ")
    )
}

#[cfg(test)]
mod tests;
