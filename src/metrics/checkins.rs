//! Perception beside evidence (docs/figures.md): each practice as the
//! product owner and the scrum master rate it in a check-in, next to the
//! practice's score in the weekly history for the check-in's week, and the
//! other members' ratings aggregated per ISO week.
//!
//! Pure: the check-ins and the weeks' scores in, figures out. A rating of
//! anyone but the product owner or the scrum master never leaves this module
//! except inside a median over at least [`MIN_RATERS`] people.

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::history::iso_week_label;
use super::{Health, PracticeScore, SprintEntry, Timeline, WeekFigures, median, snapshot};
use super::{monday_of, sunday_of};
use crate::indicators::Practice;
use crate::model::{Checkin, Date, Project, Role, Team, perception};

/// A gap of this many points or more, either way, is flagged.
pub const FLAG_POINTS: f64 = 25.0;

/// A practice rated by fewer members in a round is left out of it.
pub const MIN_RATERS: usize = 3;

/// One practice as rated in a check-in by the product owner or the scrum master.
#[derive(Debug, Clone, PartialEq)]
pub struct Rated {
    /// The practice.
    pub practice: Practice,
    /// 1 (poor) to 5 (great).
    pub rating: u8,
    /// (rating - 1) * 25.
    pub perception: f64,
    /// perception - the practice's score in the check-in's week; `None`
    /// when that week has no score for it (or lies before the history).
    pub gap: Option<f64>,
    /// |gap| >= [`FLAG_POINTS`].
    pub flagged: bool,
    /// That week's practice score and its indicators, for the pages that
    /// name the evidence; not in `metrics.json` (it is under `weeks`).
    pub evidence: Option<PracticeScore>,
}

/// One check-in of the product owner or the scrum master.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinEntry {
    /// The member's id.
    pub by: String,
    /// Product owner or scrum master.
    pub role: Role,
    /// The check-in's date.
    pub date: Date,
    /// Its ISO week, `2026-W42`: the week whose score it is set against.
    pub week: String,
    /// The practices rated, in docs/figures.md order.
    pub practices: Vec<Rated>,
    /// Written with `by` and `date` only (`--public`).
    pub public: bool,
}

/// One practice of a team round: the median rating and how many rated it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoundFigure {
    /// The practice.
    pub practice: Practice,
    /// The median of the 1..5 ratings.
    pub median: f64,
    /// How many members rated it (at least [`MIN_RATERS`]).
    pub raters: usize,
}

/// The other members' check-ins of one ISO week.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinRound {
    /// `2026-W42`.
    pub week: String,
    /// The practices rated by at least [`MIN_RATERS`] members, in docs/figures.md order.
    pub practices: Vec<RoundFigure>,
    /// Written with `week` only (`--public`).
    pub public: bool,
}

/// The product owner or scrum master role of `by`, if that is what they hold.
fn pair_role(team: &Team, by: &str) -> Option<Role> {
    [Role::ProductOwner, Role::ScrumMaster].into_iter().find(|r| team.has_role(by, *r))
}

/// D_w of the week of `date`: min(its Sunday, the report date).
fn week_date(date: Date, report_date: Date) -> Date {
    sunday_of(date).min(report_date)
}

/// The first day the weekly history covers: the Monday of the first sprint's week.
fn history_start(project: &Project) -> Option<Date> {
    project.sprints.iter().map(|s| s.start).min().map(monday_of)
}

/// The pair's check-ins on or before the report date.
fn pair_checkins(project: &Project, report_date: Date) -> impl Iterator<Item = (&Checkin, Role)> {
    let team = &project.team;
    project
        .checkins
        .list
        .iter()
        .filter(move |c| c.date <= report_date)
        .filter_map(move |c| pair_role(team, &c.by).map(|role| (c, role)))
}

/// The health of each week a check-in of the pair falls in, by D_w: taken
/// from `weeks` when the history holds the week, else worked out (a
/// summary keeps only the last few weeks). Weeks before the history have none.
pub fn evidence(
    timeline: &Timeline<'_>,
    sprints: &[SprintEntry],
    weeks: &[WeekFigures],
    report_date: Date,
) -> BTreeMap<Date, Health> {
    let project = timeline.project;
    let Some(start) = history_start(project) else { return BTreeMap::new() };
    let mut found = BTreeMap::new();
    for (checkin, _) in pair_checkins(project, report_date).filter(|(c, _)| c.date >= start) {
        let d = week_date(checkin.date, report_date);
        if found.contains_key(&d) {
            continue;
        }
        let health = match weeks.iter().find(|w| w.as_of == d) {
            Some(week) => week.health.clone(),
            None => snapshot(timeline, sprints, d, report_date).health,
        };
        found.insert(d, health);
    }
    found
}

/// Every check-in of the product owner and the scrum master on or before
/// the report date, by date then member, each practice beside the score of
/// its week in `evidence` (from [`evidence`]).
pub fn entries(project: &Project, report_date: Date, evidence: &BTreeMap<Date, Health>) -> Vec<CheckinEntry> {
    pair_checkins(project, report_date)
        .map(|(checkin, role)| {
            let health = evidence.get(&week_date(checkin.date, report_date));
            let practices = Practice::ALL
                .into_iter()
                .filter_map(|practice| {
                    let rating = checkin.rating(practice.key())?;
                    let scored = health.and_then(|h| h.practice(practice));
                    Some(rated(practice, rating, scored))
                })
                .collect();
            CheckinEntry {
                by: checkin.by.clone(),
                role,
                date: checkin.date,
                week: iso_week_label(checkin.date),
                practices,
                public: false,
            }
        })
        .collect()
}

/// One rating beside the practice's score of its week.
pub fn rated(practice: Practice, rating: u8, scored: Option<&PracticeScore>) -> Rated {
    let perception = perception(rating);
    let gap = scored.and_then(|s| s.score).map(|score| perception - score);
    Rated {
        practice,
        rating,
        perception,
        gap,
        flagged: gap.is_some_and(|g| g.abs() >= FLAG_POINTS),
        evidence: scored.cloned(),
    }
}

/// The other members' check-ins (developers and stakeholders, never the
/// product owner or the scrum master) by ISO week: for each member and
/// practice the latest rating in the week, then per practice the median
/// and the number of raters. Practices with fewer than [`MIN_RATERS`]
/// raters are left out, and a round with none left is left out whole.
pub fn rounds(project: &Project, report_date: Date) -> Vec<CheckinRound> {
    let team = &project.team;
    // week -> practice -> member -> rating; check-ins come in date order, so
    // a later one in the week overwrites an earlier one.
    let mut weeks: BTreeMap<String, BTreeMap<Practice, BTreeMap<&str, u8>>> = BTreeMap::new();
    let others =
        project.checkins.list.iter().filter(|c| c.date <= report_date && pair_role(team, &c.by).is_none());
    for checkin in others {
        let week = weeks.entry(iso_week_label(checkin.date)).or_default();
        for practice in Practice::ALL {
            if let Some(rating) = checkin.rating(practice.key()) {
                week.entry(practice).or_default().insert(&checkin.by, rating);
            }
        }
    }
    weeks
        .into_iter()
        .filter_map(|(week, practices)| {
            let practices: Vec<RoundFigure> = practices
                .into_iter()
                .filter(|(_, by)| by.len() >= MIN_RATERS)
                .filter_map(|(practice, by)| {
                    let ratings = by.values().map(|r| f64::from(*r)).collect();
                    Some(RoundFigure { practice, median: median(ratings)?, raters: by.len() })
                })
                .collect();
            (!practices.is_empty()).then_some(CheckinRound { week, practices, public: false })
        })
        .collect()
}

/// `{"by", "date", "practices": {"backlog": {"rating", "perception", "gap", "flagged"}}}`;
/// public: `{"by", "date"}`.
impl Serialize for CheckinEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Practices<'a>(&'a [Rated]);
        impl Serialize for Practices<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for r in self.0 {
                    map.serialize_entry(r.practice.key(), &RatedJson(r))?;
                }
                map.end()
            }
        }
        struct RatedJson<'a>(&'a Rated);
        impl Serialize for RatedJson<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(4))?;
                map.serialize_entry("rating", &self.0.rating)?;
                map.serialize_entry("perception", &self.0.perception)?;
                map.serialize_entry("gap", &self.0.gap)?;
                map.serialize_entry("flagged", &self.0.flagged)?;
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(if self.public { 2 } else { 3 }))?;
        map.serialize_entry("by", &self.by)?;
        map.serialize_entry("date", &self.date.to_string())?;
        if !self.public {
            map.serialize_entry("practices", &Practices(&self.practices))?;
        }
        map.end()
    }
}

/// `{"week", "practices": {"backlog": {"median", "raters"}}}`; public: `{"week"}`.
impl Serialize for CheckinRound {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Practices<'a>(&'a [RoundFigure]);
        impl Serialize for Practices<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for f in self.0 {
                    map.serialize_entry(f.practice.key(), &Figure(f))?;
                }
                map.end()
            }
        }
        struct Figure<'a>(&'a RoundFigure);
        impl Serialize for Figure<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("median", &self.0.median)?;
                map.serialize_entry("raters", &self.0.raters)?;
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(if self.public { 1 } else { 2 }))?;
        map.serialize_entry("week", &self.week)?;
        if !self.public {
            map.serialize_entry("practices", &Practices(&self.practices))?;
        }
        map.end()
    }
}

#[cfg(test)]
#[path = "checkins_tests.rs"]
mod tests;
