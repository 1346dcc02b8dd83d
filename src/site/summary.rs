//! The stakeholder summary: one plain-language page a stakeholder reads in a
//! minute. Built once as a [`Summary`] value, then rendered four ways from
//! it: the HTML page `summary/index.html` (template), Markdown
//! (`summary.md` and `tandem summary`), plain text and JSON, and for chat
//! as a Slack message or a Microsoft Teams card.
//!
//! - `build`: the value, a pure function of the project and the report;
//! - `text`: the Markdown and plain-text renderings;
//! - `chat`: the Slack (Block Kit) and Teams (Adaptive Card) messages;
//! - [`crate::summary`]: `tandem summary` as one library call.

mod chat;
mod text;

use serde::Serialize;

use crate::indicators::Indicator;

use super::attention::{self, AttentionView};
use super::dashboard::ChangeView;
use super::dashboard::words::{self, StatusView};
use super::format;
use super::page::{Page, Section};
use super::paths::SitePaths;
use super::{Input, dashboard};
use crate::analysis::Analysis;
use crate::metrics::{Report, SprintEntry, WeekFigures, iso_week_label};
use crate::model::{Date, Project, Visibility};
pub use chat::{to_slack, to_teams};
pub use text::{to_markdown, to_text};

/// How many "needs attention" kinds the summary lists.
pub const MAX_ATTENTION: usize = 5;
/// How many decisions the summary lists.
pub const MAX_DECISIONS: usize = 5;
/// How many of the latest ended sprints' goals the summary lists.
pub const GOALS: usize = 3;
pub use crate::analysis::summary::TREND_WEEKS;

/// The summary, ready to render in any format. Urls are relative to the site root.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// `Phoenix`.
    pub team: String,
    /// `Phoenix team health`.
    pub title: String,
    /// The report date, `2026-11-20`.
    pub as_of: String,
    /// `Fri 20 Nov 2026`.
    pub as_of_text: String,
    /// `2026-W47`.
    pub week: String,
    /// The health score, rounded; `None` when there is none.
    pub score: Option<i64>,
    /// `3 of 5 practices have data`, when not all have: the score is their mean.
    pub coverage: Option<String>,
    /// Overall status as word and shape.
    pub status: StatusView,
    /// Change since the previous week.
    pub change: Option<ChangeView>,
    /// `Healthy: 95 out of 100, up 1 point since 2026-W46.`
    pub headline: String,
    /// Practices whose score rose.
    pub improved: Vec<Movement>,
    /// Practices whose score fell.
    pub slipped: Vec<Movement>,
    /// The most severe "needs attention" entries.
    pub attention: Vec<AttentionView>,
    /// How many more entries the dashboard lists.
    pub more_attention: usize,
    /// Goals of the latest sprints ended on or before the report date, newest first.
    pub goals: Vec<GoalLine>,
    /// The five practices, each with its score, status and change since last week.
    pub practices: Vec<PracticeLine>,
    /// Published decisions of the collaboration window, newest first (none
    /// in a public summary, which counts them in `decision_counts` instead).
    pub decisions: Vec<DecisionLine>,
    /// In a public summary, the published decisions of the window counted by
    /// kind of meeting, with the items they concern; empty otherwise.
    pub decision_counts: Vec<super::counts::DecisionCount>,
    /// How many more published decisions the window holds.
    pub more_decisions: usize,
    /// Length of the collaboration window in days.
    pub window_days: u32,
    /// One line on delivery.
    pub delivery: String,
    /// The pair's check-ins: each flagged gap and disagreement (team), or
    /// only when they last checked in (public); empty without check-ins.
    pub checkins: Vec<String>,
}

/// A practice whose score moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    /// `support`.
    pub key: &'static str,
    /// `Help each other out`.
    pub name: &'static str,
    /// The score now, rounded.
    pub score: i64,
    /// Its status.
    pub status: StatusView,
    /// `up 4 points in a week and 6 in four weeks`.
    pub change: String,
}

/// A practice's line: `Collaborate on the backlog: 92 (Healthy), up 4 points since 2026-W46`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeLine {
    /// `backlog`.
    pub key: &'static str,
    /// `Collaborate on the backlog`.
    pub name: &'static str,
    /// `92`, or `no data`.
    pub score: String,
    /// Its status as word and shape.
    pub status: StatusView,
    /// Its change since the week before, over the indicators both weeks
    /// have data for; `None` in the first week or when nothing compares.
    pub change: Option<ChangeView>,
}

/// A sprint goal and whether it was met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalLine {
    /// `Sprint 22`.
    pub sprint: String,
    /// The sprint's page.
    pub url: Option<String>,
    /// The last day, `Fri 20 Nov 2026`.
    pub ended: String,
    /// The goal, or `No goal was recorded`.
    pub goal: String,
    /// Met, not met or not assessed.
    pub outcome: Outcome,
}

/// A goal's outcome as a word and a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// `met`, `not-met`, `not-assessed`.
    pub key: &'static str,
    /// The `ui.status` state with the same look: `healthy`, `risk`, `none`.
    pub state: &'static str,
    /// `Met`, `Not met`, `Not assessed`.
    pub label: &'static str,
    /// `✓`, `✗`, `○`.
    pub shape: &'static str,
}

/// The outcome of a goal as recorded.
pub fn outcome(goal_met: Option<bool>) -> Outcome {
    match goal_met {
        Some(true) => Outcome { key: "met", state: "healthy", label: "Met", shape: "✓" },
        Some(false) => Outcome { key: "not-met", state: "risk", label: "Not met", shape: "✗" },
        None => Outcome { key: "not-assessed", state: "none", label: "Not assessed", shape: "○" },
    }
}

/// A decision from a published note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionLine {
    /// `2026-11-13`.
    pub date: String,
    /// `Fri 13 Nov`.
    pub date_text: String,
    /// The decision, without its `#compromise` tag.
    pub text: String,
    /// Tagged `#compromise`.
    pub compromise: bool,
    /// The note's title.
    pub note: String,
    /// The note's page.
    pub url: Option<String>,
}

/// The summary as of the report's date. Only notes dated on or before it
/// count; decisions of private notes are left out. A `public` summary
/// (`--public`) quotes no note and names nobody beside a late item:
/// decisions are counted by kind of meeting, "needs attention" says how
/// many and how old, never whose.
pub(crate) fn build(
    project: &Project,
    analysis: &Analysis,
    paths: &SitePaths,
    title: &str,
    public: bool,
) -> Summary {
    let report = &analysis.report;
    let date = report.as_of;
    let weeks = &report.weeks;
    let change = weeks.len().checked_sub(1).and_then(|last| dashboard::change_at(weeks, last));
    let status = words::status(report.health.status);
    let score = report.health.score.map(format::score_points);
    let coverage =
        format::practices_with_data(report.health.practices_scored(), report.health.practices.len());
    let in_brackets = coverage.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
    let headline = match (score, &change) {
        (None, _) => "No data yet: there are not enough sprint records and notes to score the team.".into(),
        (Some(s), Some(c)) => {
            format!("{}: {s} out of 100{in_brackets}, {}.", status.label, words::lower_first(&c.text))
        }
        (Some(s), None) => format!("{}: {s} out of 100{in_brackets}.", status.label),
    };
    let (improved, slipped) = movements(weeks);
    let all_attention = &analysis.attention;
    let attention: Vec<AttentionView> = attention::Words::new(project, paths, date, public)
        .views(&all_attention[..all_attention.len().min(MAX_ATTENTION)]);
    let (decisions, more_decisions) =
        if public { (Vec::new(), 0) } else { decisions(project, report, paths) };
    Summary {
        team: project.team.name.clone(),
        title: title.to_string(),
        as_of: date.to_string(),
        as_of_text: format::date(date).long,
        week: iso_week_label(date),
        score,
        coverage,
        status,
        change,
        headline,
        improved,
        slipped,
        more_attention: all_attention.len().saturating_sub(attention.len()),
        attention,
        goals: goals(&report.sprints, date, paths),
        practices: practices(weeks),
        decisions,
        more_decisions,
        decision_counts: if public { decision_counts(project, report) } else { Vec::new() },
        window_days: report.window.days,
        delivery: delivery(project, report),
        checkins: super::checkins::summary_lines(report, public),
    }
}

/// Practices that rose and fell ([`crate::analysis::summary::moved`]). A
/// practice whose two changes disagree is placed by the change since last week.
fn movements(weeks: &[WeekFigures]) -> (Vec<Movement>, Vec<Movement>) {
    let (mut improved, mut slipped) = (Vec::new(), Vec::new());
    let Some(now) = weeks.last() else { return (improved, slipped) };
    for moved in crate::analysis::summary::moved(weeks) {
        let Some(practice) = now.health.practice(moved.practice) else { continue };
        let movement = Movement {
            key: moved.practice.key(),
            name: moved.practice.name(),
            score: moved.score,
            status: words::status(practice.status),
            change: change_words(&moved.deltas),
        };
        if moved.deltas[0].0 > 0 { improved.push(movement) } else { slipped.push(movement) }
    }
    (improved, slipped)
}

/// `up 4 points in a week and 6 in four weeks`, `up 3 points in a week,
/// down 10 in four weeks`.
fn change_words(deltas: &[(i64, &str)]) -> String {
    let mut text = String::new();
    let mut previous: Option<bool> = None;
    for (delta, period) in deltas {
        let up = *delta > 0;
        let word = if up { "up" } else { "down" };
        let size = delta.unsigned_abs();
        match previous {
            None => text = format!("{word} {} {period}", format::count(size as usize, "point", "points")),
            Some(same) if same == up => text.push_str(&format!(" and {size} {period}")),
            Some(_) => text.push_str(&format!(", {word} {size} {period}")),
        }
        previous = Some(up);
    }
    text
}

fn goals(sprints: &[SprintEntry], date: Date, paths: &SitePaths) -> Vec<GoalLine> {
    sprints
        .iter()
        .rev()
        .filter(|s| s.end <= date)
        .take(GOALS)
        .map(|s| GoalLine {
            sprint: s.name.clone(),
            url: paths.sprint_url(&s.id),
            ended: format::date(s.end).long,
            goal: s.goal.clone().unwrap_or_else(|| "No goal was recorded".to_string()),
            outcome: outcome(s.figures.goal_met),
        })
        .collect()
}

/// The decision's text without a `#compromise` tag.
fn without_tag(text: &str) -> String {
    let words: Vec<&str> =
        text.split_whitespace().filter(|w| !w.eq_ignore_ascii_case("#compromise")).collect();
    words.join(" ")
}

/// The published notes of the report's window, newest first.
fn published<'a>(project: &'a Project, report: &Report) -> Vec<&'a crate::model::Note> {
    let mut notes: Vec<_> = project
        .notes
        .iter()
        .filter(|n| report.window.contains(n.date) && n.visibility != Visibility::Private)
        .collect();
    notes.sort_by(|a, b| (b.date, &b.path).cmp(&(a.date, &a.path)));
    notes
}

fn decisions(project: &Project, report: &Report, paths: &SitePaths) -> (Vec<DecisionLine>, usize) {
    let all: Vec<DecisionLine> = published(project, report)
        .iter()
        .flat_map(|n| {
            n.decisions.iter().map(|d| DecisionLine {
                date: n.date.to_string(),
                date_text: format::date(n.date).short,
                text: without_tag(&d.text),
                compromise: d.compromise,
                note: n.title.clone(),
                url: paths.note_url(&n.path),
            })
        })
        .collect();
    let more = all.len().saturating_sub(MAX_DECISIONS);
    (all.into_iter().take(MAX_DECISIONS).collect(), more)
}

/// A public summary's decisions: counted by kind of meeting, each count
/// linked to the decisions page (items are named, not linked: the line is
/// the link).
fn decision_counts(project: &Project, report: &Report) -> Vec<super::counts::DecisionCount> {
    let unlinked = |id: &str| format::LinkView { label: id.to_string(), url: None };
    super::counts::decisions_by_meeting(published(project, report), &unlinked)
}

/// Each practice's score and status this week, and its change since the last.
fn practices(weeks: &[WeekFigures]) -> Vec<PracticeLine> {
    let Some(now) = weeks.last() else { return Vec::new() };
    let before = weeks.len().checked_sub(2).and_then(|i| weeks.get(i));
    now.health
        .practices
        .iter()
        .map(|p| PracticeLine {
            key: p.practice.key(),
            name: p.practice.name(),
            score: format::score(p.score),
            status: words::status(p.status),
            change: before.and_then(|b| {
                let (then, score) = p.compared_with(b.health.practice(p.practice)?)?;
                dashboard::change(Some(then), Some(score), &b.week)
            }),
        })
        .collect()
}

fn delivery(project: &Project, report: &Report) -> String {
    let d = &report.delivery;
    let ended = report.sprints.iter().filter(|s| s.end <= report.as_of).count();
    let window = ended.min(project.settings.velocity_window as usize);
    let Some(velocity) = d.velocity else {
        return "No sprint has ended yet, so there are no delivery figures.".to_string();
    };
    let mut parts =
        vec![format!("Velocity {} a sprint over the last {}", words::points(velocity), sprints_word(window))];
    // `87% of committed work delivered (64 of 74 points …)`: a share says
    // what it is a share of, or a reader compares it with the wrong sprints.
    for (indicator, share) in
        [(Indicator::SayDoRolling, d.say_do_rolling), (Indicator::GoalSuccessRate, d.goal_success_rate)]
    {
        let Some(share) = share else { continue };
        let name = words::lower_first(indicator.label());
        let basis = report.inputs.get(indicator).and_then(|i| indicator.basis(i));
        parts.push(match basis {
            Some(basis) => format!("{} of {name} ({basis})", words::percent(share)),
            None => format!("{} of {name}", words::percent(share)),
        });
    }
    format!("{}.", parts.join("; "))
}

fn sprints_word(n: usize) -> String {
    if n == 1 { "sprint".to_string() } else { format!("{n} sprints") }
}

/// `summary/index.html`.
#[derive(Debug, Serialize)]
pub struct SummaryPageView {
    /// The summary.
    pub summary: Summary,
    /// What an empty section says (the same words in every format).
    pub empty: text::Empty,
    /// `The last 3 sprints that have ended`.
    pub goals_caption: String,
}

/// The site's title: `title:` in tandem.yaml, else "`<team>` team health".
pub fn site_title(project: &Project) -> String {
    project.settings.title.clone().unwrap_or_else(|| format!("{} team health", project.team.name))
}

/// The summary page.
pub(crate) fn page(input: &Input<'_>) -> Page<SummaryPageView> {
    let title = site_title(input.project);
    let summary = build(input.project, input.analysis, input.paths, &title, input.public);
    Page {
        path: super::paths::SUMMARY.to_string(),
        template: "summary/index.html",
        title: "Stakeholder summary".to_string(),
        section: Section::Summary,
        view: SummaryPageView {
            goals_caption: match summary.goals.len() {
                1 => "The last sprint that has ended".to_string(),
                n => format!("The last {n} sprints that have ended"),
            },
            summary,
            empty: text::EMPTY,
        },
    }
}

/// `summary.md` at the site root; links are absolute when the site's base
/// URL is known, and left out otherwise.
pub(crate) fn markdown_file(input: &Input<'_>, base_url: Option<&str>) -> Vec<u8> {
    let title = site_title(input.project);
    to_markdown(&build(input.project, input.analysis, input.paths, &title, input.public), base_url)
        .into_bytes()
}

#[cfg(test)]
mod tests;
