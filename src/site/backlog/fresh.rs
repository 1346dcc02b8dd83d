//! How old the backlog behind a page is, and what the sprint records say
//! happened since. Backlog figures come from the latest snapshot on or before
//! the date (docs/data.md); a page that shows them says which snapshot, and
//! warns when it is older than `check`'s old-data threshold, so nobody reads
//! an old export as this week's backlog.

use serde::Serialize;

use crate::OLD_DATA_DAYS;
use crate::metrics::days_between;
use crate::model::{BacklogSnapshot, Date, Project};
use crate::site::format::{self, DateView};
use crate::site::paths::{SitePaths, item_anchors};

/// The snapshot behind backlog figures as of a date.
#[derive(Debug, Clone, Serialize)]
pub struct FreshnessView {
    /// The snapshot's date.
    pub date: DateView,
    /// Days between the snapshot and the date of the figures.
    pub days: i64,
    /// More than [`OLD_DATA_DAYS`] days old: the page warns.
    pub old: bool,
    /// `11 days before the report date`, or `the report date`.
    pub age: String,
    /// `From the backlog snapshot of Mon 9 Nov 2026, 11 days before the
    /// report date.`, or the warning when it is old.
    pub text: String,
}

/// The snapshot behind backlog figures as of `date`; `of` names that date
/// (`the report date`, `the week's last day`). `None` without backlog data,
/// and for a single `backlog.yaml`, which is taken as of the report date.
pub fn freshness(project: &Project, date: Date, report_date: Date, of: &str) -> Option<FreshnessView> {
    let snapshot = project.backlog.as_of(date, report_date)?;
    let taken = snapshot.date?;
    let days = days_between(date, taken).max(0);
    let long = format::date(taken).long;
    let old = days > OLD_DATA_DAYS;
    let age = match days {
        0 => of.to_string(),
        _ => format!("{} before {of}", format::count(days as usize, "day", "days")),
    };
    let text = if old {
        format!(
            "The backlog snapshot is from {long}, {age}: the backlog figures leave out whatever \
             changed since. Add a newer snapshot to backlog/."
        )
    } else {
        format!("From the backlog snapshot of {long}, {age}.")
    };
    Some(FreshnessView { date: format::date(taken), days, old, age, text })
}

/// What the sprint records say about an item since the snapshot: done in a
/// sprint after the snapshot was taken, on or before `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SinceView {
    /// `Done in Sprint 22 on Thu 19 Nov, after this snapshot`.
    pub text: String,
    /// The item's row on that sprint's page.
    pub url: Option<String>,
}

/// For an item that is open in `snapshot`, what the sprint records say
/// happened to it after the snapshot and on or before `date`: so the backlog
/// page does not show "In sprint" for work a sprint page shows done.
pub fn since(
    project: &Project,
    paths: &SitePaths,
    snapshot: &BacklogSnapshot,
    item_id: &str,
    date: Date,
) -> Option<SinceView> {
    let taken = snapshot.date.unwrap_or(date);
    project.sprints.iter().rev().find_map(|sprint| {
        let item = sprint.items.iter().find(|i| i.id == item_id)?;
        if !sprint.done_by(item, date) {
            return None;
        }
        let done = item.done.unwrap_or(sprint.end);
        if done <= taken {
            return None;
        }
        let anchors = item_anchors(sprint.items.iter().map(|i| i.id.as_str()));
        Some(SinceView {
            text: format!("Done in {} on {}, after this snapshot", sprint.name, format::date(done).short),
            url: anchors.get(item_id).and_then(|a| paths.sprint_item_url(&sprint.id, a)),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::dashboard::tests::sample;
    use crate::testkit::date;

    #[test]
    fn a_snapshot_says_its_date_and_warns_past_fourteen_days() {
        // The sample's last snapshot is dated Mon 9 Nov 2026.
        let (p, _) = sample(None);
        let at = |day: &str| {
            freshness(&p, date(day), date(day), "the report date").unwrap_or_else(|| panic!("a snapshot"))
        };
        assert_eq!(at("2026-11-09").text, "From the backlog snapshot of Mon 9 Nov 2026, the report date.");
        let f = at("2026-11-23");
        assert_eq!(f.age, "14 days before the report date");
        assert!(!f.old, "14 days is not old: the threshold is more than 14");
        let f = at("2026-11-24");
        assert!(f.old);
        assert!(
            f.text
                .starts_with("The backlog snapshot is from Mon 9 Nov 2026, 15 days before the report date:")
        );
    }

    #[test]
    fn an_item_done_in_a_sprint_after_the_snapshot_says_so() {
        let (p, d) = sample(None);
        let paths = SitePaths::new(&p);
        let Some(snapshot) = p.backlog.as_of(d, d) else { panic!("the sample has a backlog") };
        // In sprint on 9 Nov; done in Sprint 22 on Thu 12 Nov.
        let since = since(&p, &paths, snapshot, "PHX-166", d).unwrap_or_else(|| panic!("done since"));
        assert_eq!(since.text, "Done in Sprint 22 on Thu 12 Nov, after this snapshot");
        assert_eq!(since.url.as_deref(), Some("sprints/s22/index.html#item-phx-166"));
        // As of the day before, it was not done yet.
        assert_eq!(super::since(&p, &paths, snapshot, "PHX-166", date("2026-11-11")), None);
        // An item the sprints never finished has nothing to add.
        assert_eq!(super::since(&p, &paths, snapshot, "PHX-058", d), None);
    }
}
