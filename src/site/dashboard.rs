//! `index.html`: this week's dashboard. The health score and its trend, the
//! "needs attention" list, the five practice cards with the indicators
//! behind each score, and the delivery and backlog headline figures.

pub mod first;
pub mod trends;
pub mod words;

use crate::indicators::{Indicator, Practice};
use serde::Serialize;

use super::Input;
use super::attention::{self, AttentionView};
use super::explain::{ExplainView, Explainer};
use super::format;
use super::page::{Page, Section};
use super::weeks::figures;
use crate::metrics::{PracticeScore, Report, Status, WeekFigures};
use words::StatusView;

/// `index.html`.
#[derive(Debug, Serialize)]
pub struct DashboardView {
    /// The health score, its change and trend.
    pub health: HealthView,
    /// The headline: the status and the practices at risk or to watch, by name.
    pub headline: first::HeadlineView,
    /// The five practices on the first screen.
    pub tiles: Vec<first::TileView>,
    /// What needs attention most, one entry per kind, on the first screen:
    /// the [`attention::FIRST_SCREEN`] most severe kinds ([`AttentionView`]
    /// documents each entry).
    pub attention: Vec<AttentionView>,
    /// The rest, after the practices.
    pub attention_more: Vec<AttentionView>,
    /// The five practices.
    pub practices: Vec<PracticeView>,
    /// Velocity, say/do, goal success.
    pub delivery: Vec<FactView>,
    /// Open items, ready work, stale share, median age (empty without backlog data).
    pub backlog: Vec<FactView>,
    /// Which snapshot the backlog figures come from, and how old it is.
    pub backlog_freshness: Option<super::backlog::fresh::FreshnessView>,
    /// Committed against completed points by sprint, with the rolling velocity.
    pub velocity_chart: Option<super::charts::ChartHtml>,
    /// The forecast of the ready work and the planning lines (`flow/components.html`).
    pub flow: super::flow::FlowCardView,
    /// `Collaboration figures cover the 28 days from … to ….`
    pub window: String,
    /// On a public site: when the pair last checked in (never what they rated).
    pub checkins_public: Option<String>,
}

/// The health score at the top of the page.
#[derive(Debug, Serialize)]
pub struct HealthView {
    /// `95`, or `no data`.
    pub score: String,
    /// Whether there is a score.
    pub scored: bool,
    /// Status as word and shape.
    pub status: StatusView,
    /// The ISO week of the report date, `2026-W47`.
    pub week: String,
    /// `3 of 5 practices have data`, when not all have: the score is their mean.
    pub coverage: Option<String>,
    /// Change since the previous week.
    pub change: Option<ChangeView>,
    /// The weekly trend.
    pub trend: Option<super::charts::trend::Sparkline>,
}

/// The change of a score between two weeks, in whole displayed points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeView {
    /// `up`, `down` or `same`.
    pub direction: &'static str,
    /// `▲`, `▼` or `=`.
    pub arrow: &'static str,
    /// Difference of the rounded scores.
    pub points: i64,
    /// The earlier week, `2026-W46`.
    pub since: String,
    /// `Up 1 point since 2026-W46`.
    pub text: String,
}

/// One practice card.
#[derive(Debug, Serialize)]
pub struct PracticeView {
    /// `backlog`, for ids and classes.
    pub key: &'static str,
    /// `Collaborate on the backlog`.
    pub name: &'static str,
    /// `92`, or `no data`.
    pub score: String,
    /// Status as word and shape.
    pub status: StatusView,
    /// The scored indicators, in docs/figures.md order.
    pub indicators: Vec<IndicatorView>,
    /// Related figures that are shown but not scored.
    pub related: Vec<FactView>,
    /// Why the practice has no score, when it has none.
    pub unscored: Option<String>,
    /// The pair's latest ratings beside the evidence (`None` without
    /// check-ins, and on a public site).
    pub checkins: Option<super::checkins::TileView>,
}

/// One indicator behind a practice score.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    /// The docs/figures.md key.
    pub key: &'static str,
    /// Plain name.
    pub name: &'static str,
    /// The figure for people: `9%`, `6 days`, `4.0 a week`, `no data`.
    pub figure: String,
    /// What a share is a share of: `4 of the last 6 assessed sprint goals`.
    pub basis: Option<String>,
    /// The score: `81`, or `no data`.
    pub score: String,
    /// `score 81`, or why there is none: `Not scored: too little data to score (1 of 1)`.
    pub score_text: String,
    /// The score's band (the shape is shown next to the score).
    pub status: StatusView,
    /// What it means for the partnership, one sentence.
    pub meaning: String,
    /// Its figure over the last weeks.
    pub spark: Option<super::charts::ChartHtml>,
    /// Its change since the week before.
    pub change: Option<trends::FigureChangeView>,
    /// How it is worked out.
    pub explain: ExplainView,
}

/// A labelled figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactView {
    /// `Velocity`.
    pub label: String,
    /// `24.7 points a sprint`.
    pub value: String,
}

fn fact(label: &str, value: String) -> FactView {
    FactView { label: label.to_string(), value }
}

/// The dashboard page.
pub fn index(input: &Input<'_>) -> Page<DashboardView> {
    let report = input.report;
    let explainer = Explainer::new(input);
    let mut attention = attention::Words::new(input.project, input.paths, input.report_date, input.public)
        .views(&input.analysis.attention);
    let attention_more = attention.split_off(attention.len().min(attention::FIRST_SCREEN));
    let window = format!(
        "Meeting and action-item figures cover the {} days from {} to {}.",
        report.window.days,
        format::date(report.window.from).long,
        format::date(report.window.to).long
    );
    Page {
        path: super::paths::DASHBOARD.to_string(),
        template: "index.html",
        title: "Team health this week".to_string(),
        section: Section::Dashboard,
        view: DashboardView {
            health: health(report),
            headline: first::headline(&report.health),
            tiles: first::tiles(input),
            attention,
            attention_more,
            practices: {
                let tiles = super::checkins::tiles(input);
                report.health.practices.iter().map(|p| practice(input, &explainer, p, &tiles)).collect()
            },
            delivery: delivery(report),
            backlog: backlog(report),
            backlog_freshness: super::backlog::fresh::freshness(
                input.project,
                input.report_date,
                input.report_date,
                "the report date",
            ),
            velocity_chart: super::sprints::velocity_chart(&report.sprints, "dashboard-velocity"),
            flow: super::flow::card(input),
            window,
            checkins_public: super::checkins::public_line(input),
        },
    }
}

fn health(report: &Report) -> HealthView {
    HealthView {
        score: format::score(report.health.score),
        scored: report.health.score.is_some(),
        status: words::status(report.health.status),
        week: crate::metrics::iso_week_label(report.as_of),
        coverage: format::practices_with_data(
            report.health.practices_scored(),
            report.health.practices.len(),
        ),
        change: report.weeks.len().checked_sub(1).and_then(|last| change_at(&report.weeks, last)),
        trend: super::charts::trend::of(&report.weeks),
    }
}

/// The change of the health score from the week before `weeks[i]` to it;
/// `None` for the first week or when either has no score.
pub fn change_at(weeks: &[WeekFigures], i: usize) -> Option<ChangeView> {
    let now = weeks.get(i)?;
    let before = weeks.get(i.checked_sub(1)?)?;
    // Only what both weeks have data for: a backlog arriving is no change.
    let (then, score) = now.health.compared_with(&before.health)?;
    change(Some(then), Some(score), &before.week)
}

/// The change from `before` to `now` in displayed (rounded) points.
pub fn change(before: Option<f64>, now: Option<f64>, since: &str) -> Option<ChangeView> {
    let points = format::score_points(now?) - format::score_points(before?);
    let size = format::count(points.unsigned_abs() as usize, "point", "points");
    // Arrows, never the status shapes (▲ is "watch"); and the word, never
    // the colour alone.
    let (direction, arrow, text) = match points {
        p if p > 0 => ("up", "↑", format!("Up {size} since {since} (better)")),
        p if p < 0 => ("down", "↓", format!("Down {size} since {since} (worse)")),
        _ => ("same", "→", format!("No change since {since}")),
    };
    Some(ChangeView { direction, arrow, points, since: since.to_string(), text })
}

fn practice(
    input: &Input<'_>,
    explainer: &Explainer<'_>,
    p: &PracticeScore,
    tiles: &[(Practice, super::checkins::TileView)],
) -> PracticeView {
    let settings = &input.project.settings;
    let indicators = p
        .indicators
        .iter()
        .map(|i| IndicatorView {
            key: i.indicator.key(),
            name: i.indicator.label(),
            figure: i.indicator.format(i.figure),
            basis: i
                .figure
                .and(input.report.inputs.get(i.indicator))
                .and_then(|inputs| i.indicator.basis(inputs)),
            score: format::score(i.score),
            score_text: match (i.score, &i.unscored) {
                (Some(s), _) => format!("score {}", format::score_points(s)),
                (None, Some(why)) => super::unscored::label(i.indicator, why, &input.report.window),
                (None, None) => "not scored".to_string(),
            },
            status: words::status(Status::of(i.score)),
            meaning: i.indicator.meaning(settings),
            spark: trends::spark(&input.report.weeks, i.indicator),
            change: trends::change(&input.report.weeks, i.indicator, &settings.thresholds),
            explain: explainer.explain(i, input.report.inputs.get(i.indicator), input.report_date),
        })
        .collect();
    PracticeView {
        key: p.key(),
        name: p.practice.name(),
        score: format::score(p.score),
        status: words::status(p.status),
        indicators,
        related: related(input.report, p.practice),
        unscored: p.score.is_none().then(|| {
            format!(
                "None of its {} indicators can be scored as of this date; each says why below.",
                p.indicators.len()
            )
        }),
        checkins: tiles.iter().find(|(practice, _)| *practice == p.practice).map(|(_, t)| t.clone()),
    }
}

/// Figures shown on a practice card without being scored.
fn related(report: &Report, practice: Practice) -> Vec<FactView> {
    let c = &report.collaboration;
    let days = report.window.days;
    let count = |n: usize| n.to_string();
    match practice {
        Practice::Backlog => {
            let mut facts = vec![fact("Refinement sessions", count(c.refinement_sessions))];
            if let Some(share) = report.backlog.as_ref().and_then(|b| b.top_estimated_share) {
                facts.push(fact("Top items estimated", words::percent(share)));
            }
            facts
        }
        Practice::Communication => {
            vec![fact(
                &format!("Meetings together in {days} days"),
                c.touchpoints.map_or("no data".into(), count),
            )]
        }
        Practice::Support => vec![
            fact("Impediments raised", count(c.impediments_raised)),
            fact("Times one helped the other", c.cross_role_assists.map_or("no data".into(), count)),
        ],
        Practice::Accountability => vec![
            fact("Action items raised", count(c.actions_raised)),
            fact("Of those, done", count(c.actions_done)),
        ],
        Practice::Compromise => vec![
            fact("Decisions", count(c.decisions)),
            fact("Compromises", count(c.compromises)),
            fact("Scope changes", count(c.scope_changes)),
        ],
    }
}

fn delivery(report: &Report) -> Vec<FactView> {
    let d = &report.delivery;
    let share = |i: Indicator, v| figures::with_basis(i, v, Some(&report.inputs));
    vec![
        fact("Velocity", figures::velocity(d.velocity)),
        fact(Indicator::SayDoRolling.label(), share(Indicator::SayDoRolling, d.say_do_rolling)),
        fact(Indicator::GoalSuccessRate.label(), share(Indicator::GoalSuccessRate, d.goal_success_rate)),
    ]
}

fn backlog(report: &Report) -> Vec<FactView> {
    let Some(b) = &report.backlog else { return Vec::new() };
    let or_none = |v: Option<String>| v.unwrap_or_else(|| "no data".to_string());
    let ready = match b.readiness_sprints {
        Some(r) => format!("{} ({})", words::points(b.ready_points), words::sprints(r)),
        None => words::points(b.ready_points),
    };
    vec![
        fact("Open items", b.open_items.to_string()),
        fact(Indicator::ReadinessSprints.label(), ready),
        fact(
            Indicator::StaleShare.label(),
            figures::with_basis(Indicator::StaleShare, b.stale_share, Some(&report.inputs)),
        ),
        fact("Median age", or_none(b.median_age_days.map(words::days))),
    ]
}

#[cfg(test)]
pub(crate) mod tests;
