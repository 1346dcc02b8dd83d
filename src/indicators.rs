//! The one definition of each practice and each scored indicator
//! (docs/figures.md, "Scores"): key, practice, label, meaning, default
//! curve, unit, and where its figure comes from. The scores, `metrics.json`,
//! the `thresholds:` keys of tandem.yaml, the dashboard, the week pages, the
//! summary and the feed all read [`INDICATORS`] and [`Practice::ALL`], so
//! adding an indicator is one more entry here, every field of which the
//! compiler asks for.
//!
//! It sits beside the pipeline, like [`crate::format`]: loading, metrics and
//! site each need a part of it.

use crate::format;
use crate::metrics::{BacklogFigures, CollaborationFigures, DeliveryFigures};
use crate::model::Settings;

/// One of the five practices of the product owner / scrum master partnership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Practice {
    /// Collaborate on the backlog.
    Backlog,
    /// Communicate regularly.
    Communication,
    /// Help each other out.
    Support,
    /// Hold each other accountable.
    Accountability,
    /// Be willing to compromise.
    Compromise,
}

impl Practice {
    /// Every practice, in docs/figures.md order.
    pub const ALL: [Practice; 5] = [
        Practice::Backlog,
        Practice::Communication,
        Practice::Support,
        Practice::Accountability,
        Practice::Compromise,
    ];

    /// The key in `metrics.json`: `backlog` ...
    pub fn key(self) -> &'static str {
        self.words().0
    }

    /// Its name for people: `Collaborate on the backlog`.
    pub fn name(self) -> &'static str {
        self.words().1
    }

    /// Its name in a table header: `Backlog`.
    pub fn short(self) -> &'static str {
        self.words().2
    }

    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Practice::Backlog => ("backlog", "Collaborate on the backlog", "Backlog"),
            Practice::Communication => ("communication", "Communicate regularly", "Communication"),
            Practice::Support => ("support", "Help each other out", "Helping"),
            Practice::Accountability => ("accountability", "Hold each other accountable", "Accountability"),
            Practice::Compromise => ("compromise", "Be willing to compromise", "Compromise"),
        }
    }

    /// Its scored indicators, in docs/figures.md order.
    pub fn indicators(self) -> impl Iterator<Item = &'static Indicator> {
        INDICATORS.iter().filter(move |i| i.practice == self)
    }
}

/// How an indicator's figure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A share in 0..1: `87%`.
    Share,
    /// Sprints of work: `1.6 sprints`.
    Sprints,
    /// Days: `1 day`, `2.5 days`.
    Days,
    /// A rate: `4.0 a week`.
    PerWeek,
    /// A count: `3`.
    Count,
}

impl Unit {
    /// `value` in this unit, `no data` when there is none.
    pub fn format(self, value: Option<f64>) -> String {
        let Some(v) = value else { return "no data".to_string() };
        match self {
            Unit::Share => format::percent(v),
            Unit::Sprints => format::sprints(v),
            Unit::Days => format::days(v),
            Unit::PerWeek => format::per_week(v),
            Unit::Count => format::decimal(v),
        }
    }
}

/// The figures an indicator is read from, as of one date.
#[derive(Debug, Clone, Copy)]
pub struct Figures<'a> {
    /// Delivery figures.
    pub delivery: &'a DeliveryFigures,
    /// Backlog health, when there is backlog data.
    pub backlog: Option<&'a BacklogFigures>,
    /// Collaboration figures in the window.
    pub collaboration: &'a CollaborationFigures,
}

/// One scored indicator.
#[derive(Debug)]
pub struct Indicator {
    /// The docs/figures.md key, also in `metrics.json` and under `thresholds:`.
    pub key: &'static str,
    /// The practice it scores.
    pub practice: Practice,
    /// Its name for people, on every page.
    pub label: &'static str,
    /// One sentence on what it says about the partnership; `{window}`,
    /// `{velocity}` and `{stale}` stand for the settings of the same name.
    pub meaning: &'static str,
    /// The default curve: `(figure, score)` points, figures increasing.
    pub curve: &'static [(f64, f64)],
    /// How its figure reads.
    pub unit: Unit,
    /// Where its figure comes from.
    pub figure: fn(&Figures<'_>) -> Option<f64>,
}

impl PartialEq for Indicator {
    // Keys are unique (a test checks): comparing them compares the entries.
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Indicator {
    /// The indicator with this key.
    pub fn find(key: &str) -> Option<&'static Indicator> {
        INDICATORS.iter().find(|i| i.key == key)
    }

    /// The meaning with the settings filled in.
    pub fn meaning(&self, settings: &Settings) -> String {
        self.meaning
            .replace("{window}", &settings.window_days.to_string())
            .replace("{velocity}", &settings.velocity_window.to_string())
            .replace("{stale}", &settings.stale_days.to_string())
    }

    /// The figure in its unit, `no data` when there is none.
    pub fn format(&self, figure: Option<f64>) -> String {
        self.unit.format(figure)
    }
}

const SHARE_CURVE: &[(f64, f64)] = &[(0.0, 0.0), (1.0, 100.0)];
const ATTENDANCE_CURVE: &[(f64, f64)] = &[(0.5, 0.0), (1.0, 100.0)];

/// Every scored indicator, grouped by practice, in docs/figures.md order.
pub static INDICATORS: [Indicator; 16] = [
    Indicator {
        key: "readiness_sprints",
        practice: Practice::Backlog,
        label: "Ready work",
        meaning: "How many sprints of ready work the product owner and scrum master have prepared together; \
                  below one, the next planning has too little to pull from.",
        curve: &[(0.0, 0.0), (1.5, 100.0), (3.0, 100.0), (6.0, 50.0)],
        unit: Unit::Sprints,
        figure: |f| f.backlog.and_then(|b| b.readiness_sprints),
    },
    Indicator {
        key: "stale_share",
        practice: Practice::Backlog,
        label: "Stale items",
        meaning: "Open items nobody has touched in {stale} days; a high share means the backlog holds wishes \
                  the product owner no longer stands behind.",
        curve: &[(0.0, 100.0), (0.5, 0.0)],
        unit: Unit::Share,
        figure: |f| f.backlog.and_then(|b| b.stale_share),
    },
    Indicator {
        key: "acceptance_coverage",
        practice: Practice::Backlog,
        label: "Ready items with acceptance criteria",
        meaning: "Ready items that say how they will be accepted; without criteria the team guesses what done \
                  means and the review turns into rework.",
        curve: SHARE_CURVE,
        unit: Unit::Share,
        figure: |f| f.backlog.and_then(|b| b.acceptance_coverage),
    },
    Indicator {
        key: "joint_refinement_share",
        practice: Practice::Backlog,
        label: "Refinements with both",
        meaning: "Refinement sessions the product owner and scrum master both attended; one brings the why, \
                  the other makes sure the team can build it.",
        curve: SHARE_CURVE,
        unit: Unit::Share,
        figure: |f| f.collaboration.joint_refinement_share,
    },
    Indicator {
        key: "touchpoints_per_week",
        practice: Practice::Communication,
        label: "Meetings together",
        meaning: "How often the product owner and scrum master are in the same meeting; below one a week, \
                  decisions wait.",
        curve: &[(0.0, 0.0), (2.0, 100.0)],
        unit: Unit::PerWeek,
        figure: |f| f.collaboration.touchpoints_per_week,
    },
    Indicator {
        key: "max_gap_days",
        practice: Practice::Communication,
        label: "Longest gap between meetings together",
        meaning: "The longest stretch of the last {window} days without a meeting of the two; past two weeks, \
                  problems pile up unseen.",
        curve: &[(7.0, 100.0), (21.0, 0.0)],
        unit: Unit::Days,
        figure: |f| f.collaboration.max_gap_days.map(|d| d as f64),
    },
    Indicator {
        key: "po_event_attendance",
        practice: Practice::Communication,
        label: "Sprint events with the product owner",
        meaning: "Plannings, reviews and retros the product owner attended; when they are missing, priorities \
                  are guessed and feedback goes unheard.",
        curve: ATTENDANCE_CURVE,
        unit: Unit::Share,
        figure: |f| f.collaboration.po_event_attendance,
    },
    Indicator {
        key: "sm_event_attendance",
        practice: Practice::Communication,
        label: "Sprint events with the scrum master",
        meaning: "Plannings, reviews and retros the scrum master attended; when they are missing, events lose \
                  their facilitator and run over.",
        curve: ATTENDANCE_CURVE,
        unit: Unit::Share,
        figure: |f| f.collaboration.sm_event_attendance,
    },
    Indicator {
        key: "cross_role_assists_per_week",
        practice: Practice::Support,
        label: "Help across roles",
        meaning: "How often one takes on work from the other's side, such as the product owner owning a retro \
                  action or the scrum master a refinement follow-up.",
        curve: SHARE_CURVE,
        unit: Unit::PerWeek,
        figure: |f| f.collaboration.cross_role_assists_per_week,
    },
    Indicator {
        key: "median_resolution_days",
        practice: Practice::Support,
        label: "Time to clear an impediment",
        meaning: "Typical number of days from raising an impediment to clearing it; quick clearing shows the \
                  product owner and scrum master unblock the team together.",
        curve: &[(2.0, 100.0), (10.0, 0.0)],
        unit: Unit::Days,
        figure: |f| f.collaboration.median_resolution_days,
    },
    Indicator {
        key: "on_time_rate",
        practice: Practice::Accountability,
        label: "Action items done on time",
        meaning: "Action items due in the last {window} days that were done by their due date; it shows \
                  whether promises made in meetings are kept.",
        curve: &[(0.3, 0.0), (0.9, 100.0)],
        unit: Unit::Share,
        figure: |f| f.collaboration.on_time_rate,
    },
    Indicator {
        key: "overdue_open",
        practice: Practice::Accountability,
        label: "Overdue action items",
        meaning: "Action items past their due date and still open; each one is a promise someone is still \
                  waiting on.",
        curve: &[(0.0, 100.0), (5.0, 0.0)],
        unit: Unit::Count,
        figure: |f| Some(f.collaboration.overdue_open as f64),
    },
    Indicator {
        key: "say_do_rolling",
        practice: Practice::Accountability,
        label: "Committed work delivered",
        meaning: "Work committed at planning that was done, over the last {velocity} sprints; it tells \
                  stakeholders whether the team's forecasts can be trusted.",
        curve: &[(0.5, 0.0), (0.9, 100.0)],
        unit: Unit::Share,
        figure: |f| f.delivery.say_do_rolling,
    },
    Indicator {
        key: "goal_success_rate",
        practice: Practice::Accountability,
        label: "Sprint goals met",
        meaning: "Recent sprint goals met; goals missed again and again usually mean they are too big or keep \
                  changing mid-sprint.",
        curve: SHARE_CURVE,
        unit: Unit::Share,
        figure: |f| f.delivery.goal_success_rate,
    },
    Indicator {
        key: "joint_decision_share",
        practice: Practice::Compromise,
        label: "Decisions taken together",
        meaning: "Decisions taken in a meeting with both the product owner and the scrum master; a decision \
                  one of them hears about later is harder to stand behind.",
        curve: SHARE_CURVE,
        unit: Unit::Share,
        figure: |f| f.collaboration.joint_decision_share,
    },
    Indicator {
        key: "negotiated_scope_change_share",
        practice: Practice::Compromise,
        label: "Scope changes backed by a decision",
        meaning: "Mid-sprint scope changes backed by a recorded decision within two days; unagreed changes are \
                  how a sprint quietly loses its goal.",
        curve: SHARE_CURVE,
        unit: Unit::Share,
        figure: |f| f.collaboration.negotiated_scope_change_share,
    },
];

#[cfg(test)]
#[path = "indicators_tests.rs"]
mod tests;
