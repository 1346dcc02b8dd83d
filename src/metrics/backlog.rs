//! Backlog health as of D (docs/figures.md, "Backlog health as of D").

use serde::Serialize;

use crate::indicators::{Evidence, Indicator, Inputs};
use crate::model::{BacklogItem, BacklogSnapshot};

use super::{days_between, median, ratio};

pub use crate::indicators::is_stale;

/// How many top-ranked open items `top_estimated_share` looks at.
pub const TOP_ITEMS: usize = 20;

/// Backlog health figures as of a date D.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacklogFigures {
    /// docs/figures.md `open_items`: items neither done nor dropped.
    pub open_items: usize,
    /// docs/figures.md `ready_points`: points of items in state ready.
    pub ready_points: f64,
    /// docs/figures.md `readiness_sprints`: ready_points / velocity (as of the same
    /// D); `None` when there is no velocity or it is 0.
    pub readiness_sprints: Option<f64>,
    /// docs/figures.md `stale_share`: share of open items last touched more than
    /// `stale_days` days before D.
    pub stale_share: Option<f64>,
    /// docs/figures.md `acceptance_coverage`: share of ready items with at least
    /// one acceptance criterion.
    pub acceptance_coverage: Option<f64>,
    /// docs/figures.md `top_estimated_share`: share of the first min(20,
    /// open_items) open items, in rank order, that have points.
    pub top_estimated_share: Option<f64>,
    /// docs/figures.md `median_age_days`: median of (D - created) over open items.
    pub median_age_days: Option<f64>,
}

impl BacklogFigures {
    /// The figures of `snapshot` (the backlog as of the evidence's date); the
    /// scored ones come from their inputs.
    pub fn compute(snapshot: &BacklogSnapshot, evidence: &Evidence<'_>, inputs: &Inputs) -> BacklogFigures {
        let open: Vec<&BacklogItem> = snapshot.items.iter().filter(|i| i.state.is_open()).collect();
        let top = &open[..open.len().min(TOP_ITEMS)];
        let estimated = top.iter().filter(|i| i.points.is_some()).count();
        BacklogFigures {
            open_items: open.len(),
            ready_points: evidence.ready_points(),
            readiness_sprints: inputs.figure(Indicator::ReadinessSprints),
            stale_share: inputs.figure(Indicator::StaleShare),
            acceptance_coverage: inputs.figure(Indicator::AcceptanceCoverage),
            top_estimated_share: ratio(estimated as f64, top.len() as f64),
            median_age_days: median(
                open.iter().map(|i| days_between(evidence.date, i.created) as f64).collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{backlog_item, date, project};
    use crate::metrics::{Timeline, snapshot};
    use crate::model::{Backlog, BacklogState, ItemStatus, Project};

    /// The backlog figures of `s` as the only backlog of `p`, as of 2026-10-20.
    fn figures_of(mut p: Project, s: BacklogSnapshot) -> BacklogFigures {
        p.backlog = Backlog::Current(s);
        let d = date("2026-10-20");
        let sprints = crate::metrics::sprint_entries(&p, d);
        snapshot(&Timeline::new(&p), &sprints, d, d).backlog.unwrap_or_else(|| panic!("a backlog as of D"))
    }

    /// The fixture with no sprint ended by 2026-10-20: no velocity.
    fn without_velocity() -> Project {
        let mut p = project();
        p.sprints.retain(|s| s.end > date("2026-10-20"));
        p
    }

    fn latest() -> BacklogSnapshot {
        match project().backlog {
            Backlog::Dated(mut list) => list.pop(),
            _ => None,
        }
        .unwrap_or_else(|| panic!("fixture has dated snapshots"))
    }

    #[test]
    fn every_figure_of_the_latest_snapshot() {
        let b = figures_of(project(), latest());
        // open: P1 ready, P2 ready, P3 refined, P4 new, P7 in-sprint (P5 done, P6 dropped)
        assert_eq!(b.open_items, 5);
        // ready: P1 5 + P2 3 = 8
        assert_eq!(b.ready_points, 8.0);
        // readiness = 8 / (31/3) = 24/31
        assert_eq!(b.readiness_sprints, Some(8.0 / (31.0 / 3.0)));
        // last touch before D: P1 10-10 (10), P2 05-01 (172), P3 09-01 (49),
        // P4 07-20 (92), P7 07-22 (exactly 90: not stale) → P2, P4 → 2/5
        assert_eq!(b.stale_share, Some(0.4));
        // ready with acceptance: P1 yes, P2 no → 1/2
        assert_eq!(b.acceptance_coverage, Some(0.5));
        // first min(20, 5) open items: P1 5, P2 3, P3 -, P4 2, P7 3 → 4/5
        assert_eq!(b.top_estimated_share, Some(0.8));
        // ages: P1 111, P2 172, P3 49, P4 127, P7 90 → sorted 49 90 111 127 172 → 111
        assert_eq!(b.median_age_days, Some(111.0));
    }

    #[test]
    fn no_velocity_no_ready_no_open_give_nulls() {
        let mut s = latest();
        s.items.retain(|i| !i.state.is_open());
        let b = figures_of(without_velocity(), s);
        assert_eq!((b.open_items, b.ready_points), (0, 0.0));
        assert_eq!(b.readiness_sprints, None);
        assert_eq!(b.stale_share, None);
        assert_eq!(b.acceptance_coverage, None);
        assert_eq!(b.top_estimated_share, None);
        assert_eq!(b.median_age_days, None);
        // a velocity of 0 is a zero denominator too
        let mut p = project();
        for item in p.sprints.iter_mut().flat_map(|s| &mut s.items) {
            item.status = ItemStatus::NotDone;
        }
        let b = figures_of(p, latest());
        assert_eq!(b.readiness_sprints, None);
    }

    #[test]
    fn median_of_an_even_count_and_top_twenty() {
        let mut s = latest();
        s.items.clear();
        // 22 open items created 1..=22 days before D; only the 21st and 22nd have points
        for n in 1..=22 {
            let mut item = backlog_item(&format!("Q{n}"), BacklogState::New, None, "2026-10-01");
            item.created = crate::metrics::add_days(date("2026-10-20"), -n);
            if n > 20 {
                item.points = Some(1.0);
            }
            s.items.push(item);
        }
        let b = figures_of(without_velocity(), s);
        // the first 20 in rank order have no points: 0/20
        assert_eq!(b.top_estimated_share, Some(0.0));
        // ages 1..=22: middle two 11 and 12 → 11.5
        assert_eq!(b.median_age_days, Some(11.5));
    }
}
