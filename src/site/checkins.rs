//! The pair's check-ins on the pages: beside each practice on the dashboard
//! (the latest ratings next to the evidence of their week, a sentence for
//! each flagged gap, a word when the two disagree), on the page of the week
//! they fall in, and as a chart per practice on the weeks index
//! ([`charts`]). The summary words its gaps here too.
//!
//! A public site (`--public`) shows only that a check-in took place: who
//! and when, never a rating, a perception, a gap or a median.

pub mod charts;

use serde::Serialize;

use super::Input;
use super::dashboard::words::lower_first;
use super::format::{self, DateView};
use crate::analysis::checkins::{self as facts, Beliefs, Latest};
use crate::indicators::Practice;
use crate::metrics::Report;
use crate::metrics::checkins::{CheckinEntry, CheckinRound, Rated};
use crate::model::{Role, Team};

/// The check-ins beside one practice on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TileView {
    /// The product owner's row, then the scrum master's.
    pub rows: Vec<RowView>,
    /// One sentence per flagged gap, naming the evidence.
    pub flags: Vec<String>,
    /// When the two ratings are 2 or more apart.
    pub disagreement: Option<String>,
}

/// One role's latest rating of a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowView {
    /// `Product owner`.
    pub role: &'static str,
    /// `Priya Raman`, or empty when the team has not exactly one.
    pub name: String,
    /// The rating beside the evidence; `None`: not rated yet.
    pub rated: Option<RatedView>,
}

/// A rating beside the evidence of its week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatedView {
    /// The check-in's date.
    pub date: DateView,
    /// `4/5`.
    pub rating: String,
    /// `75`: the rating on the 0..100 scale.
    pub perception: String,
    /// The practice's score in the check-in's week, or `no data`.
    pub evidence: String,
    /// `2026-W47`.
    pub week: String,
    /// The week's page, when the history has the week.
    pub week_url: Option<String>,
    /// `+25`, `-33`, or `no data`.
    pub gap: String,
    /// A gap of 25 points or more either way.
    pub flagged: bool,
    /// `older than the 28-day window`, when it is.
    pub stale: Option<String>,
}

/// `4/5`.
pub fn rating(r: u8) -> String {
    format!("{r}/5")
}

/// A gap in whole points with its sign, `+25`, `-33`, `0`, or `no data`:
/// the rating's points minus the evidence score as the page shows it
/// (rounded down), so the three numbers on the page add up. Whether it is
/// flagged is decided on the unrounded gap (docs/figures.md).
pub fn gap(rated: &Rated) -> String {
    let shown = rated.evidence.as_ref().and_then(|e| e.score).map(|s| format::round_down(s, 0));
    match (rated.gap, shown) {
        (Some(_), Some(evidence)) => signed(rated.perception - evidence),
        _ => format::NO_DATA.to_string(),
    }
}

/// `+25`, `-33`, `0`.
fn signed(points: f64) -> String {
    if points > 0.0 { format!("+{}", format::fixed(points, 0)) } else { format::fixed(points, 0) }
}

/// `Scrum master rates communication 4/5; longest gap between meetings
/// together: 19 days (score 25).` The evidence is the indicator that speaks
/// against the rating ([`facts::named`]); without one, the practice's score.
pub fn flag_sentence(role: Role, rated: &Rated) -> String {
    let who = format::role(role);
    let start = format!("{who} rates {} {}", rated.practice.key(), rating(rated.rating));
    match facts::named(rated) {
        Some(i) => format!(
            "{start}; {}: {} (score {}).",
            lower_first(i.indicator.label()),
            i.indicator.format(i.figure),
            format::score(i.score)
        ),
        None => format!(
            "{start}; the evidence scores it {}.",
            format::score(rated.evidence.as_ref().and_then(|e| e.score))
        ),
    }
}

/// `The product owner rates support 5/5 and the scrum master 3/5: 2 apart.`
pub fn disagreement(beliefs: &Beliefs<'_>) -> Option<String> {
    let (po, sm) = (beliefs.product_owner?, beliefs.scrum_master?);
    let apart = beliefs.disagree?;
    Some(format!(
        "The product owner rates {} {} and the scrum master {}: {apart} apart on the 1 to 5 scale, worth talking over together.",
        beliefs.practice.key(),
        rating(po.rated.rating),
        rating(sm.rated.rating),
    ))
}

/// The check-ins beside each practice, in docs/figures.md order; empty when
/// the pair has never checked in or the site is public.
pub fn tiles(input: &Input<'_>) -> Vec<(Practice, TileView)> {
    if input.public {
        return Vec::new();
    }
    facts::latest(input.report).iter().map(|b| (b.practice, tile(input, b))).collect()
}

fn tile(input: &Input<'_>, beliefs: &Beliefs<'_>) -> TileView {
    let team = &input.project.team;
    let rows = [(Role::ProductOwner, beliefs.product_owner), (Role::ScrumMaster, beliefs.scrum_master)]
        .into_iter()
        .filter(|(role, latest)| latest.is_some() || team.sole(*role).is_some())
        .map(|(role, latest)| row(input, role, latest.as_ref()))
        .collect();
    let flags =
        beliefs.both().filter(|l| l.rated.flagged).map(|l| flag_sentence(l.entry.role, l.rated)).collect();
    TileView { rows, flags, disagreement: disagreement(beliefs) }
}

fn row(input: &Input<'_>, role: Role, latest: Option<&Latest<'_>>) -> RowView {
    let team = &input.project.team;
    let name = match latest {
        Some(l) => member_name(team, &l.entry.by),
        None => team.sole(role).map(|m| m.name.clone()).unwrap_or_default(),
    };
    let window = input.report.window.days;
    let rated = latest.map(|l| RatedView {
        stale: l.stale.then(|| format!("older than the {window}-day window")),
        ..rated_view(input.report, input, l.entry, l.rated)
    });
    RowView { role: format::role(role), name, rated }
}

fn rated_view(report: &Report, input: &Input<'_>, entry: &CheckinEntry, r: &Rated) -> RatedView {
    let in_history = report.weeks.iter().any(|w| w.week == entry.week);
    RatedView {
        date: format::date(entry.date),
        rating: rating(r.rating),
        perception: format::score(Some(r.perception)),
        evidence: format::score(r.evidence.as_ref().and_then(|e| e.score)),
        week: entry.week.clone(),
        week_url: in_history.then(|| input.paths.week_url(&entry.week)),
        gap: gap(r),
        flagged: r.flagged,
        stale: None,
    }
}

fn member_name(team: &Team, id: &str) -> String {
    team.member(id).map_or_else(|| id.to_string(), |m| m.name.clone())
}

/// On a public dashboard: `Check-ins: the product owner on Fri 20 Nov 2026
/// and the scrum master on Thu 19 Nov 2026. What they rated stays with the
/// team.` `None` on the team's site or without check-ins.
pub fn public_line(input: &Input<'_>) -> Option<String> {
    if input.public { took_place(input.report) } else { None }
}

/// When the pair last checked in, and nothing of what they rated: `The
/// product owner last checked in on Fri 20 Nov 2026 and the scrum master on
/// Thu 19 Nov 2026; what they rated stays with the team.`
fn took_place(report: &Report) -> Option<String> {
    let last = |role: Role| report.checkins.iter().rev().find(|e| e.role == role).map(|e| e.date);
    let on = |d| format::date(d).long;
    let text = match (last(Role::ProductOwner), last(Role::ScrumMaster)) {
        (Some(po), Some(sm)) => {
            format!("The product owner last checked in on {} and the scrum master on {}", on(po), on(sm))
        }
        (Some(po), None) => format!("The product owner last checked in on {}", on(po)),
        (None, Some(sm)) => format!("The scrum master last checked in on {}", on(sm)),
        (None, None) => return None,
    };
    Some(format!("{text}; what they rated stays with the team."))
}

/// What the summary says of the check-ins: for the team, each flagged gap
/// of the pair's latest ratings and each disagreement, in practice order
/// (or that there is none); for a public summary only when they last
/// checked in. Empty when the pair has never checked in.
pub fn summary_lines(report: &Report, public: bool) -> Vec<String> {
    if public {
        return took_place(report).into_iter().collect();
    }
    let beliefs = facts::latest(report);
    if beliefs.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for b in &beliefs {
        lines.extend(b.both().filter(|l| l.rated.flagged).map(|l| {
            format!(
                "On {}, against an evidence score of {} that week: {}",
                format::date(l.entry.date).short,
                format::score(l.rated.evidence.as_ref().and_then(|e| e.score)),
                lower_first(&flag_sentence(l.entry.role, l.rated))
            )
        }));
        lines.extend(disagreement(b));
    }
    if lines.is_empty() {
        lines.push(
            "The latest check-ins of the product owner and the scrum master are within 25 points of the evidence and within 1 of each other."
                .to_string(),
        );
    }
    lines
}

/// The check-ins of one week, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekView {
    /// The pair's check-ins, by date.
    pub entries: Vec<EntryView>,
    /// The other members' round, when one is shown.
    pub round: Option<RoundView>,
}

/// One check-in of the pair on a week page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryView {
    /// `Priya Raman (product owner) checked in on Fri 11 Sep 2026.`
    pub heading: String,
    /// Each practice rated beside the week's score (empty on a public site).
    pub rows: Vec<PracticeRowView>,
    /// One sentence per flagged gap.
    pub flags: Vec<String>,
}

/// One practice of a check-in on a week page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeRowView {
    /// `Communicate regularly`.
    pub practice: &'static str,
    /// The rating beside the evidence.
    pub rated: RatedView,
}

/// The other members' round of a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundView {
    /// What it is, in a sentence.
    pub text: String,
    /// Per practice: the median and the raters (empty on a public site).
    pub rows: Vec<RoundRowView>,
}

/// One practice of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundRowView {
    /// `Help each other out`.
    pub practice: &'static str,
    /// `3.5/5`.
    pub median: String,
    /// `4 people`.
    pub raters: String,
}

/// The check-ins of the week labelled `week`; `None` when it has none.
pub fn week(input: &Input<'_>, week: &str) -> Option<WeekView> {
    let report = input.report;
    let team = &input.project.team;
    let entries: Vec<EntryView> = report
        .checkins
        .iter()
        .filter(|e| e.week == week)
        .map(|e| {
            let heading = format!(
                "{} ({}) checked in on {}.",
                member_name(team, &e.by),
                lower_first(format::role(e.role)),
                format::date(e.date).long
            );
            let rows = if input.public {
                Vec::new()
            } else {
                let row = |r: &Rated| PracticeRowView {
                    practice: r.practice.name(),
                    rated: rated_view(report, input, e, r),
                };
                e.practices.iter().map(row).collect()
            };
            let flags = if input.public {
                Vec::new()
            } else {
                e.practices.iter().filter(|r| r.flagged).map(|r| flag_sentence(e.role, r)).collect()
            };
            EntryView { heading, rows, flags }
        })
        .collect();
    let round = report.checkin_rounds.iter().find(|r| r.week == week).map(|r| round(r, input.public));
    (!entries.is_empty() || round.is_some()).then_some(WeekView { entries, round })
}

fn round(r: &CheckinRound, public: bool) -> RoundView {
    if public {
        return RoundView { text: "Other team members checked in too.".to_string(), rows: Vec::new() };
    }
    RoundView {
        text: format!(
            "Other team members checked in too: the median of their latest ratings this week, for each practice that at least {} of them rated.",
            crate::metrics::checkins::MIN_RATERS
        ),
        rows: r
            .practices
            .iter()
            .map(|f| RoundRowView {
                practice: f.practice.name(),
                median: format!("{}/5", format::trimmed(f.median, 1)),
                raters: format::count(f.raters, "person", "people"),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
