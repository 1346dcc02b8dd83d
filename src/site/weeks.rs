//! The weeks pages: `weeks/index.html` (every week's scores, newest first,
//! with a chart of health and the five practices) and one page per ISO week,
//! `weeks/<YYYY-Www>/index.html`, with every figure as of that week.

pub(crate) mod figures;

use crate::indicators::{Indicator, Inputs, Practice};
use serde::Serialize;

use super::Input;
use super::charts::trend::{self, Sparkline};
use super::charts::{self, ChartHtml, ChartText, DataTable, Ink, SCORE_AXIS, SCORE_BANDS, Series};
use super::explain::Explainer;
use super::format::{self, DateView, LinkView};
use super::page::{Page, Section};
use crate::metrics::{Timeline, WeekFigures, Window, inputs_as_of};
use crate::metrics::{monday_of, sunday_of};
use figures::{FactView, PracticeView, ScoreView};
use rayon::prelude::*;

/// `weeks/index.html`.
#[derive(Debug, Serialize)]
pub struct WeeksIndexView {
    /// `20 weeks, from 2026-W28 to 2026-W47.`, or empty.
    pub summary: String,
    /// Health and the practices over time; `None` without weeks.
    pub chart: Option<ChartHtml>,
    /// The practices' names, for column headers.
    pub practices: Vec<&'static str>,
    /// The name of the committed work delivered over the last sprints.
    pub say_do_label: &'static str,
    /// Every week, newest first.
    pub rows: Vec<WeekRowView>,
    /// Per practice, the pair's ratings beside the weekly score (empty
    /// without check-ins, and on a public site).
    pub perception: Vec<super::checkins::charts::PerceptionChart>,
}

/// One week in the table.
#[derive(Debug, Serialize)]
pub struct WeekRowView {
    /// `2026-W47`.
    pub label: String,
    /// The week's page.
    pub url: String,
    /// The date its figures are as of.
    pub as_of: DateView,
    /// Health score.
    pub health: ScoreView,
    /// The five practice scores, in docs/figures.md order.
    pub practices: Vec<ScoreView>,
    /// `21`, or `no data`.
    pub velocity: String,
    /// `85%`, or `no data`.
    pub say_do: String,
}

/// `weeks/<YYYY-Www>/index.html`.
#[derive(Debug, Serialize)]
pub struct WeekPageView {
    /// `2026-W47`.
    pub week: String,
    /// `Mon 16 Nov 2026 to Sun 22 Nov 2026`.
    pub range: String,
    /// The date the figures are as of: the Sunday, or the report date.
    pub as_of: DateView,
    /// The week is not over on the report date.
    pub partial: bool,
    /// `28 days, Thu 26 Oct 2026 to Sun 22 Nov 2026`.
    pub window: String,
    /// Health score.
    pub health: ScoreView,
    /// The health score over the last weeks up to this one.
    pub trend: Option<Sparkline>,
    /// The practices with their indicators.
    pub practices: Vec<PracticeView>,
    /// Delivery figures.
    pub delivery: Vec<FactView>,
    /// Backlog health; `None` when there was no backlog data.
    pub backlog: Option<Vec<FactView>>,
    /// Which snapshot the week's backlog figures come from, and how old it was.
    pub backlog_freshness: Option<super::backlog::fresh::FreshnessView>,
    /// Collaboration figures in the window.
    pub collaboration: Vec<FactView>,
    /// The week before.
    pub previous: Option<LinkView>,
    /// The week after.
    pub next: Option<LinkView>,
    /// The check-ins of the week, if any.
    pub checkins: Option<super::checkins::WeekView>,
}

/// The weeks list page.
pub fn index(input: &Input<'_>) -> Page<WeeksIndexView> {
    let weeks = &input.report.weeks;
    let rows = weeks.iter().rev().map(|w| row(input, w)).collect();
    let summary = match (weeks.first(), weeks.last()) {
        (Some(first), Some(last)) => format!(
            "{}, from {} to {}. Each week's figures are as of its Sunday, or of the report date for the current week.",
            format::count(weeks.len(), "week", "weeks"),
            first.week,
            last.week
        ),
        _ => String::new(),
    };
    Page {
        path: super::paths::WEEKS.to_string(),
        template: "weeks/index.html",
        title: "Week by week".to_string(),
        section: Section::Weeks,
        view: WeeksIndexView {
            summary,
            chart: chart(weeks),
            practices: Practice::ALL.iter().map(|p| p.short()).collect(),
            say_do_label: Indicator::SayDoRolling.label(),
            rows,
            perception: if input.public {
                Vec::new()
            } else {
                super::checkins::charts::perception_charts(weeks, &input.report.checkins)
            },
        },
    }
}

fn row(input: &Input<'_>, w: &WeekFigures) -> WeekRowView {
    WeekRowView {
        label: w.week.clone(),
        url: input.paths.week_url(&w.week),
        as_of: format::date(w.as_of),
        health: figures::score(w.health.score, w.health.status),
        practices: w.health.practices.iter().map(|p| figures::score(p.score, p.status)).collect(),
        velocity: format::maybe(w.delivery.velocity, 1),
        say_do: format::maybe_percent(w.delivery.say_do_rolling),
    }
}

fn chart(weeks: &[WeekFigures]) -> Option<ChartHtml> {
    let (first, last) = (weeks.first()?, weeks.last()?);
    let labels: Vec<String> =
        weeks.iter().map(|w| w.week.rsplit('-').next().unwrap_or(&w.week).to_string()).collect();
    let mut series = vec![Series {
        name: "Health",
        ink: Ink::Reference,
        values: weeks.iter().map(|w| w.health.score).collect(),
    }];
    for (i, practice) in Practice::ALL.iter().enumerate() {
        series.push(Series {
            name: practice.name(),
            ink: Ink::Peer(i as u8),
            values: weeks.iter().map(|w| w.health.practices.get(i).and_then(|p| p.score)).collect(),
        });
    }
    let desc = format!(
        "Health score and the five practice scores, 0 to 100, for each week from {} to {} over the \
         healthy, watch and at-risk bands; health was {} in {} and {} in {}.",
        first.week,
        last.week,
        format::score(first.health.score),
        first.week,
        format::score(last.health.score),
        last.week,
    );
    let title = "Health and practice scores by week";
    let text = ChartText { id: "weeks-chart", title, desc: &desc, y_label: "Score" };
    let weeks_labels: Vec<String> = weeks.iter().map(|w| w.week.clone()).collect();
    let table = DataTable::of_series("weeks-chart", title, "Week", &weeks_labels, &series, format::score);
    Some(charts::line_chart(&text, &labels, &series, SCORE_AXIS, &SCORE_BANDS).with_table(&table))
}

/// One page per week, oldest first.
pub fn pages<'a>(input: &'a Input<'a>) -> impl ParallelIterator<Item = Page<WeekPageView>> + 'a {
    let weeks = &input.report.weeks;
    let timeline = Timeline::new(input.project);
    let explainer = Explainer::new(input);
    let link =
        move |w: &WeekFigures| LinkView { label: w.week.clone(), url: Some(input.paths.week_url(&w.week)) };
    // Each week's explanations are collected here, on every core, as its
    // page is rendered.
    weeks.par_iter().enumerate().map(move |(i, w)| {
        // Weeks keep no copy of what they counted: the timeline is asked
        // again, the same reading that gave the week its figures.
        let inputs = inputs_as_of(&timeline, &input.report.sprints, w.as_of, input.report_date);
        Page {
            path: input.paths.week_url(&w.week),
            template: "weeks/week.html",
            title: format!("Week {}", w.week),
            section: Section::Weeks,
            view: WeekPageView {
                previous: i.checked_sub(1).and_then(|j| weeks.get(j)).map(link),
                next: weeks.get(i + 1).map(link),
                trend: trend::of(weeks.get(i.saturating_sub(TREND_WEEKS - 1)..=i).unwrap_or(&[])),
                practices: explained(input, &explainer, w, &inputs),
                ..page_view(input, w, &inputs)
            },
        }
    })
}

/// The practices of week `w`, each indicator with its explanation from the
/// inputs as of the week's date.
fn explained(
    input: &Input<'_>,
    explainer: &Explainer<'_>,
    w: &WeekFigures,
    inputs: &Inputs,
) -> Vec<figures::PracticeView> {
    let mut practices = figures::practices(&w.health, &Window::of(input.project, w.as_of));
    for (view, scored) in practices.iter_mut().zip(&w.health.practices) {
        view.explain = scored
            .indicators
            .iter()
            .map(|i| explainer.explain(i, inputs.get(i.indicator), w.as_of))
            .collect();
    }
    practices
}

/// How many weeks a week page's health trend shows.
const TREND_WEEKS: usize = 8;

fn page_view(input: &Input<'_>, w: &WeekFigures, inputs: &Inputs) -> WeekPageView {
    let (monday, sunday) = (monday_of(w.as_of), sunday_of(w.as_of));
    let window = Window::of(input.project, w.as_of);
    WeekPageView {
        week: w.week.clone(),
        range: format!("{} to {}", format::date(monday).long, format::date(sunday).long),
        as_of: format::date(w.as_of),
        partial: w.as_of < sunday,
        window: format!(
            "{}, {} to {}",
            format::count(window.days as usize, "day", "days"),
            format::date(window.from).long,
            format::date(window.to).long
        ),
        health: figures::score(w.health.score, w.health.status),
        trend: None,
        practices: figures::practices(&w.health, &window),
        delivery: figures::delivery(&w.delivery, Some(inputs)),
        backlog: w.backlog.as_ref().map(|b| figures::backlog(b, Some(inputs))),
        backlog_freshness: super::backlog::fresh::freshness(
            input.project,
            w.as_of,
            input.report_date,
            if w.as_of == input.report_date { "the report date" } else { "the week's last day" },
        ),
        collaboration: figures::collaboration(&w.collaboration, Some(inputs)),
        previous: None,
        next: None,
        checkins: super::checkins::week(input, &w.week),
    }
}

#[cfg(test)]
mod tests;
