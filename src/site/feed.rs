//! `feed.xml`: an Atom 1.0 feed with one entry per week of the weekly
//! history, newest first, so stakeholders can follow the team's health in a
//! feed reader.
//!
//! Everything is deterministic: an entry's `<updated>` is its week's as-of
//! date at midnight UTC, never the clock. Ids and links come from the base
//! URL when there is one (`<base>weeks/2026-W47/`); without one, ids are
//! `tag:` URIs (`tag:tandem,2026:phoenix/2026-W47`) and links are relative
//! to the feed, which sits at the site root. Text is escaped by the template
//! (autoescape is on for `.xml`) and stripped of characters XML 1.0 forbids.

use serde::Serialize;

use super::Input;
use super::dashboard::{self, words};
use super::format;
use super::page::{Page, Section};
use super::slug::slug;
use crate::metrics::WeekFigures;

/// How many "needs attention" entries a week's entry lists.
pub const MAX_ATTENTION: usize = 3;

/// `feed.xml`.
#[derive(Debug, Serialize)]
pub struct FeedView {
    /// The feed's title.
    pub title: String,
    /// The team's name.
    pub team: String,
    /// The feed's id without a base URL: `tag:tandem,2026:phoenix`.
    pub tag: String,
    /// The newest entry's date, `2026-11-20T00:00:00Z`.
    pub updated: String,
    /// One entry per week, newest first.
    pub entries: Vec<EntryView>,
}

/// One week.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// `Phoenix team health, 2026-W47: Healthy (95)`.
    pub title: String,
    /// The week's page as a folder, for absolute ids and links: `weeks/2026-W47/`.
    pub path: String,
    /// The week's page relative to the feed: `weeks/2026-W47/index.html`.
    pub url: String,
    /// The id without a base URL: `tag:tandem,2026:phoenix/2026-W47`.
    pub tag: String,
    /// `2026-11-20T00:00:00Z`.
    pub updated: String,
    /// `Healthy: 95 out of 100, up 1 point since 2026-W46.`
    pub headline: String,
    /// `Collaborate on the backlog: 92 (Healthy)` for each practice.
    pub practices: Vec<String>,
    /// The most severe "needs attention" entries as of that week.
    pub attention: Vec<String>,
    /// How many more there were.
    pub more_attention: usize,
}

/// Text without the characters XML 1.0 does not allow (control characters
/// other than tab and newlines, U+FFFE, U+FFFF).
pub fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}')))
        .collect()
}

fn timestamp(date: crate::model::Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The feed page.
pub fn feed(input: &Input<'_>) -> Page<FeedView> {
    let project = input.project;
    let weeks = &input.report.weeks;
    let team = xml_text(&project.team.name);
    let title = xml_text(&super::summary::site_title(project));
    let year = weeks.first().map_or(input.report_date.year(), |w| w.as_of.year());
    let tag = format!("tag:tandem,{year}:{}", slug(&project.team.name));
    let entries: Vec<EntryView> =
        weeks.iter().enumerate().rev().map(|(i, week)| entry(input, &team, &tag, i, week)).collect();
    let updated = weeks.last().map_or_else(|| timestamp(input.report_date), |w| timestamp(w.as_of));
    Page {
        path: super::paths::FEED.to_string(),
        template: "feed.xml",
        title: title.clone(),
        section: Section::None,
        view: FeedView { title, team, tag, updated, entries },
    }
}

fn entry(input: &Input<'_>, team: &str, tag: &str, i: usize, week: &WeekFigures) -> EntryView {
    let health = &week.health;
    let status = words::status(health.status);
    let score = health.score.map(format::score_points);
    let title = match score {
        Some(s) => format!("{team} team health, {}: {} ({s})", week.week, status.label),
        None => format!("{team} team health, {}: {}", week.week, status.label),
    };
    let change = dashboard::change_at(&input.report.weeks, i);
    let headline = match (score, change) {
        (None, _) => "No data: not enough sprint records and notes to score the team.".to_string(),
        (Some(s), Some(c)) => format!("{}: {s} out of 100, {}.", status.label, words::lower_first(&c.text)),
        (Some(s), None) => format!("{}: {s} out of 100.", status.label),
    };
    let practices = health
        .practices
        .iter()
        .map(|p| format!("{}: {} ({})", p.practice.name(), format::score(p.score), p.status.label()))
        .collect();
    let attention = input.analysis.weekly_attention.get(i).map_or(&[][..], Vec::as_slice);
    let url = input.paths.week_url(&week.week);
    EntryView {
        title,
        path: super::paths::pretty(&url).to_string(),
        tag: format!("{tag}/{}", xml_text(&week.week)),
        url,
        updated: timestamp(week.as_of),
        headline,
        practices,
        attention: attention
            .iter()
            .take(MAX_ATTENTION)
            .map(|g| xml_text(&format!("{}: {}.", g.severity.label(), super::attention::headline(g))))
            .collect(),
        more_attention: attention.len().saturating_sub(MAX_ATTENTION),
    }
}

#[cfg(test)]
mod tests;
