//! What the pair's check-ins say beside the evidence, practice by practice:
//! each one's latest rating, the indicator that speaks to a gap, whether
//! the two disagree, whether a rating is older than the window. Facts
//! only; the site words them.
//!
//! Rules chosen here (the spec is silent):
//! - "latest" is per practice: the latest check-in that rates it, so a
//!   practice skipped in the newest check-in keeps its earlier rating (and
//!   shows its date, older than the window if it is);
//! - with several members in one role, the latest rating among them;
//! - the evidence named for a gap is the practice's indicator that speaks
//!   against the rating: its weakest scored indicator that week when the
//!   rating is above the evidence, its strongest when below (ties: the
//!   first in docs/figures.md order);
//! - the two disagree when their latest ratings are 2 or more apart.

use crate::indicators::Practice;
use crate::metrics::checkins::{CheckinEntry, Rated};
use crate::metrics::{IndicatorScore, Report};
use crate::model::Role;

/// Ratings this far apart (on the 1..5 scale) are a disagreement.
pub const DISAGREE_BY: u8 = 2;

/// One practice as the latest check-in of one role rates it.
#[derive(Debug, Clone, Copy)]
pub struct Latest<'a> {
    /// The check-in.
    pub entry: &'a CheckinEntry,
    /// Its rating of the practice, beside the evidence.
    pub rated: &'a Rated,
    /// The check-in is dated before the collaboration window.
    pub stale: bool,
    /// The indicator that speaks to the gap (see the module's rules);
    /// `None` when the week has no scored indicator for the practice or
    /// there is no gap.
    pub named: Option<&'a IndicatorScore>,
}

/// What the pair believes about one practice.
#[derive(Debug, Clone)]
pub struct Beliefs<'a> {
    /// The practice.
    pub practice: Practice,
    /// The product owner's latest rating of it.
    pub product_owner: Option<Latest<'a>>,
    /// The scrum master's latest rating of it.
    pub scrum_master: Option<Latest<'a>>,
    /// How far apart their ratings are, when 2 or more.
    pub disagree: Option<u8>,
}

impl<'a> Beliefs<'a> {
    /// The two ratings, product owner first, those given.
    pub fn both(&self) -> impl Iterator<Item = &Latest<'a>> {
        self.product_owner.iter().chain(self.scrum_master.iter())
    }
}

/// Each practice's latest ratings by the pair as of the report's date;
/// empty when neither has ever checked in.
pub fn latest(report: &Report) -> Vec<Beliefs<'_>> {
    if report.checkins.is_empty() {
        return Vec::new();
    }
    Practice::ALL
        .into_iter()
        .map(|practice| {
            let product_owner = latest_of(report, Role::ProductOwner, practice);
            let scrum_master = latest_of(report, Role::ScrumMaster, practice);
            let disagree = match (product_owner, scrum_master) {
                (Some(a), Some(b)) => {
                    Some(a.rated.rating.abs_diff(b.rated.rating)).filter(|d| *d >= DISAGREE_BY)
                }
                _ => None,
            };
            Beliefs { practice, product_owner, scrum_master, disagree }
        })
        .collect()
}

fn latest_of(report: &Report, role: Role, practice: Practice) -> Option<Latest<'_>> {
    // The list is by date then member: the last match is the latest.
    report.checkins.iter().rev().filter(|e| e.role == role).find_map(|entry| {
        let rated = entry.practices.iter().find(|r| r.practice == practice)?;
        Some(Latest { entry, rated, stale: entry.date < report.window.from, named: named(rated) })
    })
}

/// The indicator a gap is explained by (the module's rules).
pub fn named(rated: &Rated) -> Option<&IndicatorScore> {
    let gap = rated.gap.filter(|g| *g != 0.0)?;
    let scored = rated.evidence.as_ref()?.indicators.iter();
    let mut best: Option<(&IndicatorScore, f64)> = None;
    for indicator in scored {
        let Some(score) = indicator.score else { continue };
        // Strictly better only, so the first of equals stays.
        let better = best.is_none_or(|(_, b)| if gap > 0.0 { score < b } else { score > b });
        if better {
            best = Some((indicator, score));
        }
    }
    best.map(|(indicator, _)| indicator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::Indicator;
    use crate::metrics::PracticeScore;
    use crate::metrics::checkins::rated;
    use crate::testkit::date;

    fn support(scores: [Option<f64>; 2]) -> PracticeScore {
        let indicators = Practice::Support
            .indicators()
            .zip(scores)
            .map(|(indicator, score)| IndicatorScore { indicator, figure: score, score, unscored: None })
            .collect();
        PracticeScore::from_indicators(Practice::Support, indicators)
    }

    #[test]
    fn a_gap_names_the_indicator_that_speaks_against_the_rating() {
        let week = support([Some(20.0), Some(80.0)]);
        // 5/5 (100) above 50: the weakest, help across roles at 20.
        let above = rated(Practice::Support, 5, Some(&week));
        assert_eq!(named(&above).map(|i| i.indicator), Some(Indicator::CrossRoleAssistsPerWeek));
        // 1/5 (0) below 50: the strongest, time to clear an impediment at 80.
        let below = rated(Practice::Support, 1, Some(&week));
        assert_eq!(named(&below).map(|i| i.indicator), Some(Indicator::MedianResolutionDays));
        // Only scored indicators count; no gap names nothing.
        let one = support([None, Some(80.0)]);
        assert_eq!(
            named(&rated(Practice::Support, 5, Some(&one))).map(|i| i.indicator),
            Some(Indicator::MedianResolutionDays)
        );
        assert!(named(&rated(Practice::Support, 5, None)).is_none());
        // Ties: the first in docs/figures.md order.
        let tie = support([Some(40.0), Some(40.0)]);
        assert_eq!(
            named(&rated(Practice::Support, 5, Some(&tie))).map(|i| i.indicator),
            Some(Indicator::CrossRoleAssistsPerWeek)
        );
        assert_eq!(
            named(&rated(Practice::Support, 1, Some(&tie))).map(|i| i.indicator),
            Some(Indicator::CrossRoleAssistsPerWeek)
        );
    }

    #[test]
    fn latest_per_role_and_practice_with_disagreement_and_age() {
        use crate::testkit::{ProjectBuilder, checkin, member, sprint};
        let project = ProjectBuilder::new("P")
            .member(member("po", "Pat", Role::ProductOwner))
            .member(member("sm", "Sam", Role::ScrumMaster))
            .sprints([sprint("S1", "2026-08-03", "2026-08-14"), sprint("S2", "2026-10-05", "2026-10-16")])
            .checkins([
                checkin("po", "2026-08-05", &[("support", 5), ("backlog", 4)]),
                checkin("po", "2026-10-14", &[("support", 3)]),
                checkin("sm", "2026-10-15", &[("support", 1), ("backlog", 3)]),
            ])
            .build();
        let report = crate::metrics::compute(&project, date("2026-10-20"));
        let beliefs = latest(&report);
        assert_eq!(beliefs.len(), 5);
        let support = &beliefs[2];
        assert_eq!(support.practice, Practice::Support);
        // The product owner's latest rating of support is 3 (10-14), not 5.
        let po = support.product_owner.unwrap_or_else(|| panic!("po"));
        assert_eq!((po.rated.rating, po.entry.date, po.stale), (3, date("2026-10-14"), false));
        // 3 against 1: 2 apart.
        assert_eq!(support.disagree, Some(2));
        // Backlog: the product owner last rated it on 08-05, before the
        // window (09-23 to 10-20); 4 against 3 is no disagreement.
        let backlog = &beliefs[0];
        let po = backlog.product_owner.unwrap_or_else(|| panic!("po"));
        assert_eq!((po.rated.rating, po.stale), (4, true));
        assert_eq!(backlog.disagree, None);
        // Nobody rated communication.
        assert_eq!(beliefs[1].both().count(), 0);
    }
}
