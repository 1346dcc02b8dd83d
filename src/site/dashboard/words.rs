//! How scores and figures are worded for people: practice and indicator
//! names, what each indicator means for the product owner / scrum master
//! partnership, and the formatting of every kind of figure.
//!
//! The dashboard, the summary and the feed all word things through here, so
//! a figure reads the same everywhere.

use serde::Serialize;

use crate::metrics::Status;
use crate::model::Settings;
use crate::site::format;

/// A status as a word and a shape, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusView {
    /// The state `ui.status` expects: `healthy`, `watch`, `risk` or `none`.
    pub state: &'static str,
    /// The `metrics.json` key: `healthy`, `watch`, `at-risk`, `no-data`.
    pub key: &'static str,
    /// `Healthy`, `Watch`, `At risk`, `No data`.
    pub label: &'static str,
    /// `●`, `▲`, `■`, `○` (the shapes of `ui.status`).
    pub shape: &'static str,
}

/// The status worded for people.
pub fn status(s: Status) -> StatusView {
    let (state, shape) = match s {
        Status::Healthy => ("healthy", "●"),
        Status::Watch => ("watch", "▲"),
        Status::AtRisk => ("risk", "■"),
        Status::NoData => ("none", "○"),
    };
    StatusView { state, key: s.as_str(), label: s.label(), shape }
}

/// The five practices in plain words.
pub fn practice_name(key: &str) -> &'static str {
    match key {
        "backlog" => "Collaborate on the backlog",
        "communication" => "Communicate regularly",
        "support" => "Help each other out",
        "accountability" => "Hold each other accountable",
        "compromise" => "Be willing to compromise",
        _ => "Practice",
    }
}

/// A scored indicator's name in plain words.
pub fn indicator_name(key: &str) -> &'static str {
    match key {
        "readiness_sprints" => "Ready work",
        "stale_share" => "Stale items",
        "acceptance_coverage" => "Ready items with acceptance criteria",
        "joint_refinement_share" => "Refinements with both",
        "touchpoints_per_week" => "Meetings together",
        "max_gap_days" => "Longest gap between meetings together",
        "po_event_attendance" => "Sprint events with the product owner",
        "sm_event_attendance" => "Sprint events with the scrum master",
        "cross_role_assists_per_week" => "Help across roles",
        "median_resolution_days" => "Time to clear an impediment",
        "on_time_rate" => "Action items done on time",
        "overdue_open" => "Overdue action items",
        "say_do_rolling" => "Committed work delivered",
        "goal_success_rate" => "Sprint goals met",
        "joint_decision_share" => "Decisions taken together",
        "negotiated_scope_change_share" => "Scope changes backed by a decision",
        _ => "Indicator",
    }
}

/// The figure of a scored indicator, formatted for people.
pub fn figure(key: &str, value: Option<f64>) -> String {
    let Some(v) = value else {
        return "no data".to_string();
    };
    match key {
        "readiness_sprints" => sprints(v),
        "max_gap_days" | "median_resolution_days" => days(v),
        "touchpoints_per_week" | "cross_role_assists_per_week" => per_week(v),
        "overdue_open" => decimal(v),
        _ => percent(v),
    }
}

/// What each scored indicator means for the product owner / scrum master
/// partnership, one sentence each. `{window}`, `{velocity}` and `{stale}`
/// stand for the settings of the same name.
const MEANINGS: [(&str, &str); 16] = [
    (
        "readiness_sprints",
        "How many sprints of ready work the product owner and scrum master have prepared together; \
         below one, the next planning has too little to pull from.",
    ),
    (
        "stale_share",
        "Open items nobody has touched in {stale} days; a high share means the backlog holds wishes \
         the product owner no longer stands behind.",
    ),
    (
        "acceptance_coverage",
        "Ready items that say how they will be accepted; without criteria the team guesses what done \
         means and the review turns into rework.",
    ),
    (
        "joint_refinement_share",
        "Refinement sessions the product owner and scrum master both attended; one brings the why, \
         the other makes sure the team can build it.",
    ),
    (
        "touchpoints_per_week",
        "How often the product owner and scrum master are in the same meeting; below one a week, \
         decisions wait.",
    ),
    (
        "max_gap_days",
        "The longest stretch of the last {window} days without a meeting of the two; past two weeks, \
         problems pile up unseen.",
    ),
    (
        "po_event_attendance",
        "Plannings, reviews and retros the product owner attended; when they are missing, priorities \
         are guessed and feedback goes unheard.",
    ),
    (
        "sm_event_attendance",
        "Plannings, reviews and retros the scrum master attended; when they are missing, events lose \
         their facilitator and run over.",
    ),
    (
        "cross_role_assists_per_week",
        "How often one takes on work from the other's side, such as the product owner owning a retro \
         action or the scrum master a refinement follow-up.",
    ),
    (
        "median_resolution_days",
        "Typical number of days from raising an impediment to clearing it; quick clearing shows the \
         product owner and scrum master unblock the team together.",
    ),
    (
        "on_time_rate",
        "Action items due in the last {window} days that were done by their due date; it shows \
         whether promises made in meetings are kept.",
    ),
    (
        "overdue_open",
        "Action items past their due date and still open; each one is a promise someone is still \
         waiting on.",
    ),
    (
        "say_do_rolling",
        "Work committed at planning that was done, over the last {velocity} sprints; it tells \
         stakeholders whether the team's forecasts can be trusted.",
    ),
    (
        "goal_success_rate",
        "Recent sprint goals met; goals missed again and again usually mean they are too big or keep \
         changing mid-sprint.",
    ),
    (
        "joint_decision_share",
        "Decisions taken in a meeting with both the product owner and the scrum master; a decision \
         one of them hears about later is harder to stand behind.",
    ),
    (
        "negotiated_scope_change_share",
        "Mid-sprint scope changes backed by a recorded decision within two days; unagreed changes are \
         how a sprint quietly loses its goal.",
    ),
];

/// One sentence: what the indicator says about the product owner / scrum
/// master partnership. Numbers that are settings come from `settings`.
pub fn meaning(key: &str, settings: &Settings) -> String {
    let text = MEANINGS.iter().find(|(k, _)| *k == key).map_or("", |(_, text)| text);
    text.replace("{window}", &settings.window_days.to_string())
        .replace("{velocity}", &settings.velocity_window.to_string())
        .replace("{stale}", &settings.stale_days.to_string())
}

/// `up 1 point` from `Up 1 point`: the first letter in lower case.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// `87%` (a share in 0..1).
pub fn percent(share: f64) -> String {
    format!("{}%", format::round_down(share * 100.0, 0) as i64)
}

/// `1 day`, `6 days`, `2.5 days`.
pub fn days(v: f64) -> String {
    if (v - 1.0).abs() < f64::EPSILON { "1 day".to_string() } else { format!("{} days", decimal(v)) }
}

/// `4.0 a week`.
pub fn per_week(v: f64) -> String {
    format!("{:.1} a week", format::round_down(v, 1))
}

/// `1.7 sprints`.
pub fn sprints(v: f64) -> String {
    format!("{:.1} sprints", format::round_down(v, 1))
}

pub use crate::format::{decimal, points};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SCORED_INDICATORS;
    use crate::site::format::score;

    #[test]
    fn figures_are_formatted_by_kind() {
        assert_eq!(figure("stale_share", Some(0.09375)), "9%");
        assert_eq!(figure("on_time_rate", Some(0.857)), "85%");
        assert_eq!(figure("say_do_rolling", Some(1.0)), "100%");
        assert_eq!(figure("readiness_sprints", Some(1.662)), "1.6 sprints");
        assert_eq!(figure("touchpoints_per_week", Some(4.0)), "4.0 a week");
        assert_eq!(figure("cross_role_assists_per_week", Some(0.26)), "0.2 a week");
        assert_eq!(figure("max_gap_days", Some(6.0)), "6 days");
        assert_eq!(figure("max_gap_days", Some(1.0)), "1 day");
        assert_eq!(figure("median_resolution_days", Some(2.5)), "2.5 days");
        assert_eq!(figure("overdue_open", Some(3.0)), "3");
        for key in SCORED_INDICATORS {
            assert_eq!(figure(key, None), "no data", "{key}");
        }
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(decimal(40.5), "40.5");
        assert_eq!(decimal(24.666), "24.6");
        assert_eq!(decimal(41.0), "41");
        assert_eq!(decimal(0.04), "0");
        assert_eq!(points(1.0), "1 point");
        assert_eq!(points(24.666), "24.6 points");
        assert_eq!(percent(0.666_666), "66%");
        // Rounded down: 74.6 (watch) must never print as 75 (healthy).
        assert_eq!(score(Some(94.5)), "94");
        assert_eq!(score(Some(74.6)), "74");
        assert_eq!(score(Some(95.04)), "95");
        assert_eq!(score(None), "no data");
    }

    #[test]
    fn every_indicator_has_a_name_and_one_sentence() {
        let settings = Settings::default();
        for key in SCORED_INDICATORS {
            assert_ne!(indicator_name(key), "Indicator", "{key}");
            let sentence = meaning(key, &settings);
            assert!(sentence.ends_with('.'), "{key}: {sentence}");
            assert_eq!(sentence.matches(". ").count(), 0, "{key} is one sentence: {sentence}");
            assert!(!sentence.contains("  "), "{key}: {sentence}");
        }
        assert!(meaning("stale_share", &settings).contains("90 days"));
        assert!(meaning("max_gap_days", &settings).contains("28 days"));
        assert!(meaning("say_do_rolling", &settings).contains("last 3 sprints"));
        assert!(MEANINGS.iter().all(|(_, text)| !text.contains("  ")));
    }

    #[test]
    fn statuses_have_a_word_and_a_shape() {
        let s = status(Status::AtRisk);
        assert_eq!((s.state, s.key, s.label, s.shape), ("risk", "at-risk", "At risk", "■"));
        assert_eq!(status(Status::NoData).state, "none");
        assert_eq!(practice_name("compromise"), "Be willing to compromise");
    }
}
