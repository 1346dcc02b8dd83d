//! The one definition of each practice and each scored indicator
//! (docs/figures.md, "Scores"), modelled on ripgrep's flag definitions: an
//! [`Indicator`] id names it everywhere, and its [`Definition`] holds all
//! there is to say about it — key, practice, label, meaning, unit, default
//! curve (its `thresholds:` key is its key), the rows it counts from the
//! [`Evidence`] as of a date, and how its explanation reads. Its figure is
//! always derived from those rows ([`IndicatorInputs::figure`]), so what a
//! page explains is what was scored.
//!
//! The scores, `metrics.json`, the `thresholds:` keys of tandem.yaml, the
//! dashboard, the week pages, the summary and the feed all name indicators by
//! id. Adding one is one more [`Indicator`] variant and one more definition,
//! every field of which the compiler asks for. The table reads only the
//! [`crate::model`] (and words numbers with [`crate::format`]).

mod defs;
pub mod evidence;
pub mod inputs;

pub use defs::{is_stale, largest_gap};
pub use evidence::{EndedSprint, Evidence};
pub use inputs::{IndicatorInputs, InputRow, Inputs, NoFigure, Rule, Source};

use crate::format;
use crate::model::Settings;
use crate::model::timeline::Window;

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
    pub fn indicators(self) -> impl Iterator<Item = Indicator> {
        Indicator::ALL.into_iter().filter(move |i| i.practice() == self)
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

/// A scored indicator, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Indicator {
    /// `readiness_sprints`.
    ReadinessSprints,
    /// `stale_share`.
    StaleShare,
    /// `acceptance_coverage`.
    AcceptanceCoverage,
    /// `joint_refinement_share`.
    JointRefinementShare,
    /// `touchpoints_per_week`.
    TouchpointsPerWeek,
    /// `max_gap_days`.
    MaxGapDays,
    /// `po_event_attendance`.
    PoEventAttendance,
    /// `sm_event_attendance`.
    SmEventAttendance,
    /// `cross_role_assists_per_week`.
    CrossRoleAssistsPerWeek,
    /// `median_resolution_days`.
    MedianResolutionDays,
    /// `on_time_rate`.
    OnTimeRate,
    /// `overdue_open`.
    OverdueOpen,
    /// `say_do_rolling`.
    SayDoRolling,
    /// `goal_success_rate`.
    GoalSuccessRate,
    /// `joint_decision_share`.
    JointDecisionShare,
    /// `negotiated_scope_change_share`.
    NegotiatedScopeChangeShare,
}

impl Indicator {
    /// Every scored indicator, grouped by practice, in docs/figures.md order.
    pub const ALL: [Indicator; 16] = [
        Indicator::ReadinessSprints,
        Indicator::StaleShare,
        Indicator::AcceptanceCoverage,
        Indicator::JointRefinementShare,
        Indicator::TouchpointsPerWeek,
        Indicator::MaxGapDays,
        Indicator::PoEventAttendance,
        Indicator::SmEventAttendance,
        Indicator::CrossRoleAssistsPerWeek,
        Indicator::MedianResolutionDays,
        Indicator::OnTimeRate,
        Indicator::OverdueOpen,
        Indicator::SayDoRolling,
        Indicator::GoalSuccessRate,
        Indicator::JointDecisionShare,
        Indicator::NegotiatedScopeChangeShare,
    ];

    /// Its definition.
    pub const fn definition(self) -> &'static Definition {
        match self {
            Indicator::ReadinessSprints => &defs::READINESS_SPRINTS,
            Indicator::StaleShare => &defs::STALE_SHARE,
            Indicator::AcceptanceCoverage => &defs::ACCEPTANCE_COVERAGE,
            Indicator::JointRefinementShare => &defs::JOINT_REFINEMENT_SHARE,
            Indicator::TouchpointsPerWeek => &defs::TOUCHPOINTS_PER_WEEK,
            Indicator::MaxGapDays => &defs::MAX_GAP_DAYS,
            Indicator::PoEventAttendance => &defs::PO_EVENT_ATTENDANCE,
            Indicator::SmEventAttendance => &defs::SM_EVENT_ATTENDANCE,
            Indicator::CrossRoleAssistsPerWeek => &defs::CROSS_ROLE_ASSISTS_PER_WEEK,
            Indicator::MedianResolutionDays => &defs::MEDIAN_RESOLUTION_DAYS,
            Indicator::OnTimeRate => &defs::ON_TIME_RATE,
            Indicator::OverdueOpen => &defs::OVERDUE_OPEN,
            Indicator::SayDoRolling => &defs::SAY_DO_ROLLING,
            Indicator::GoalSuccessRate => &defs::GOAL_SUCCESS_RATE,
            Indicator::JointDecisionShare => &defs::JOINT_DECISION_SHARE,
            Indicator::NegotiatedScopeChangeShare => &defs::NEGOTIATED_SCOPE_CHANGE_SHARE,
        }
    }

    /// The indicator with this docs/figures.md key.
    pub fn from_key(key: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.key() == key)
    }

    /// The docs/figures.md key, also in `metrics.json` and under `thresholds:`.
    pub const fn key(self) -> &'static str {
        self.definition().key
    }

    /// The practice it scores.
    pub const fn practice(self) -> Practice {
        self.definition().practice
    }

    /// Its one name for people, on every page and in the summary.
    pub const fn label(self) -> &'static str {
        self.definition().label
    }

    /// How its figure reads.
    pub fn unit(self) -> Unit {
        self.definition().unit
    }

    /// The default curve: `(figure, score)` points, figures increasing.
    pub fn curve(self) -> &'static [(f64, f64)] {
        self.definition().curve
    }

    /// The meaning with the settings filled in.
    pub fn meaning(self, settings: &Settings) -> String {
        self.definition()
            .meaning
            .replace("{window}", &settings.window_days.to_string())
            .replace("{velocity}", &settings.velocity_window.to_string())
            .replace("{stale}", &settings.stale_days.to_string())
    }

    /// The figure in its unit, `no data` when there is none.
    pub fn format(self, figure: Option<f64>) -> String {
        self.unit().format(figure)
    }

    /// The rows it counts as of the evidence's date, or why it has no
    /// figure: the roles it needs come first.
    pub fn inputs(self, evidence: &Evidence<'_>) -> Result<IndicatorInputs, NoFigure> {
        let definition = self.definition();
        let held = match definition.needs {
            Needs::Nothing => true,
            Needs::ProductOwner => evidence.po,
            Needs::ScrumMaster => evidence.sm,
            Needs::Both => evidence.both(),
        };
        if !held {
            return Err(NoFigure::Roles(definition.needs));
        }
        (definition.inputs)(evidence)
    }

    /// Whether `inputs` are too few rows to score (docs/figures.md, "Too
    /// little evidence"): the figure is shown, its score is not given.
    pub fn too_little(self, inputs: &IndicatorInputs, min_evidence: u32) -> bool {
        self.definition().min_evidence && inputs.rows.len() < min_evidence as usize
    }

    /// Its explanation's formula in words, with the numbers.
    pub fn formula(self, formula: &Formula<'_>) -> String {
        (self.definition().formula)(formula)
    }

    /// What a share is a share of, so that no percentage stands alone:
    /// `4 of the last 6 assessed sprint goals`, `3 of 12 open backlog items`,
    /// `64 of 74 points committed at planning in the last 3 sprints`. `None`
    /// for figures that are not shares.
    pub fn basis(self, inputs: &IndicatorInputs) -> Option<String> {
        let words = self.definition().rows;
        let rows = inputs.rows.len();
        let sprints: std::collections::BTreeSet<&str> = inputs
            .rows
            .iter()
            .filter_map(|r| match &r.source {
                Source::Sprint { sprint } | Source::SprintItem { sprint, .. } => Some(sprint.as_str()),
                _ => None,
            })
            .collect();
        match inputs.rule {
            Rule::Share if rows > 1 && sprints.len() == rows => Some(format!(
                "{} of the last {}",
                inputs.counted(),
                format::count(rows, words.one, words.many)
            )),
            Rule::Share => {
                Some(format!("{} of {}", inputs.counted(), format::count(rows, words.one, words.many)))
            }
            Rule::PointsShare => Some(format!(
                "{} of {} committed at planning in the last {}",
                format::decimal(inputs.numerator),
                format::points(inputs.denominator),
                format::count(sprints.len(), "sprint", "sprints"),
            )),
            _ => None,
        }
    }
}

/// The roles an indicator needs, each held by exactly one member
/// (docs/data.md: zero or several make it "no data").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// No role.
    Nothing,
    /// A product owner.
    ProductOwner,
    /// A scrum master.
    ScrumMaster,
    /// A product owner and a scrum master.
    Both,
}

/// How an indicator's rows are named on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowWords {
    /// What the rows are: `Action items due`.
    pub heading: &'static str,
    /// One row, in a sentence: `action item due`.
    pub one: &'static str,
    /// Several rows, in a sentence: `action items due`.
    pub many: &'static str,
    /// What a counted row is: `done on time`.
    pub counted: &'static str,
    /// What a row not counted is: `not done on time`.
    pub uncounted: &'static str,
}

/// One scored indicator, whole.
#[derive(Debug)]
pub struct Definition {
    /// The docs/figures.md key, also in `metrics.json` and under `thresholds:`.
    pub key: &'static str,
    /// The practice it scores.
    pub practice: Practice,
    /// Its one name for people, on every page.
    pub label: &'static str,
    /// One sentence on what it says about the partnership; `{window}`,
    /// `{velocity}` and `{stale}` stand for the settings of the same name.
    pub meaning: &'static str,
    /// The default curve: `(figure, score)` points, figures increasing.
    pub curve: &'static [(f64, f64)],
    /// How its figure reads.
    pub unit: Unit,
    /// The roles it needs.
    pub needs: Needs,
    /// How its rows are named.
    pub rows: RowWords,
    /// Scored only over at least `min_evidence` rows (a share or a median:
    /// one event never swings a practice); the list in docs/figures.md.
    pub min_evidence: bool,
    /// Why it has no figure when the team has its roles: `None` for
    /// "nothing to count" in the window.
    pub empty: Option<&'static str>,
    /// The rows it counts, and the numerator and denominator they give, or
    /// why there is no figure (its roles are checked before).
    pub inputs: fn(&Evidence<'_>) -> Result<IndicatorInputs, NoFigure>,
    /// Its formula in words with the numbers, ending in the shown figure.
    pub formula: fn(&Formula<'_>) -> String,
}

/// What an explanation's formula is worded from.
pub struct Formula<'a> {
    /// The rows and the numbers they give.
    pub inputs: &'a IndicatorInputs,
    /// The figure as shown: `83%`.
    pub shown: &'a str,
    /// The window the figure was read in.
    pub window: &'a Window,
    /// The settings (stale days ...).
    pub settings: &'a Settings,
    /// A row's name for people: a note's title, an item's id and title.
    pub name: &'a dyn Fn(&Source) -> String,
    /// A sprint's name by id.
    pub sprint_name: &'a dyn Fn(&str) -> String,
}

impl Formula<'_> {
    /// The numerator for people.
    pub fn n(&self) -> String {
        format::decimal(self.inputs.numerator)
    }

    /// The denominator for people.
    pub fn d(&self) -> String {
        format::decimal(self.inputs.denominator)
    }

    /// `between Mon 5 Oct and Fri 30 Oct`: the window.
    pub fn between(&self) -> String {
        between(self.window)
    }
}

/// `between Mon 5 Oct and Fri 30 Oct`.
pub fn between(w: &Window) -> String {
    format!("between {} and {}", format::date(w.from).short, format::date(w.to).short)
}

#[cfg(test)]
mod tests;
