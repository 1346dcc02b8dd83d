//! Two planning smells worth a line on the dashboard where they apply
//! (issue 20): items carried over two or more sprints in a row, a sharper
//! sign than carry-over in points that a plan keeps not fitting; and
//! committed work delivered above 95% three sprints running, which may mean
//! the team commits to less than it can do. Facts only: the site words them.

use crate::metrics::Report;
use crate::model::{Date, ItemStatus, Project, Sprint, SprintItem};

/// A sprint's say/do above this counts towards possible under-commitment.
pub const UNDER_COMMITMENT_SAY_DO: f64 = 0.95;

/// How many ended sprints in a row it takes.
pub const UNDER_COMMITMENT_SPRINTS: usize = 3;

/// An item left not done at the end of two or more sprints in a row, the
/// latest being the last sprint ended by D.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedItem {
    /// The item's id.
    pub id: String,
    /// Its title in the latest of those sprints.
    pub title: String,
    /// The sprints it was left not done in, oldest first (ids).
    pub sprints: Vec<String>,
}

/// The planning facts as of D.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Planning {
    /// Items carried over two or more sprints in a row, longest run first.
    pub carried: Vec<CarriedItem>,
    /// The last [`UNDER_COMMITMENT_SPRINTS`] ended sprints (ids, oldest
    /// first, with their say/do) when each delivered more than
    /// [`UNDER_COMMITMENT_SAY_DO`] of its commitment.
    pub under_commitment: Option<Vec<(String, f64)>>,
}

/// Left not done at the sprint's end: not done, or done only after it (docs/data.md).
fn left_over(sprint: &Sprint, item: &SprintItem) -> bool {
    match item.status {
        ItemStatus::NotDone => true,
        ItemStatus::Done => item.done.is_some_and(|d| d > sprint.end),
        ItemStatus::Removed => false,
    }
}

/// The planning facts of `project` as of `date`, from `report`'s sprint figures.
pub fn planning(project: &Project, report: &Report, date: Date) -> Planning {
    let ended: Vec<&Sprint> = project.sprints.iter().filter(|s| s.end <= date).collect();
    let mut carried = Vec::new();
    if let Some(last) = ended.last() {
        for item in last.items.iter().filter(|i| left_over(last, i)) {
            let run: Vec<String> = ended
                .iter()
                .rev()
                .map_while(|s| {
                    s.items.iter().find(|i| i.id == item.id).filter(|i| left_over(s, i)).map(|_| s.id.clone())
                })
                .collect();
            if run.len() >= 2 {
                carried.push(CarriedItem {
                    id: item.id.clone(),
                    title: item.title.clone(),
                    sprints: run.into_iter().rev().collect(),
                });
            }
        }
    }
    carried.sort_by(|a, b| b.sprints.len().cmp(&a.sprints.len()).then_with(|| a.id.cmp(&b.id)));
    let said: Vec<(String, Option<f64>)> =
        report.sprints.iter().filter(|s| s.end <= date).map(|s| (s.id.clone(), s.figures.say_do)).collect();
    let last = &said[said.len().saturating_sub(UNDER_COMMITMENT_SPRINTS)..];
    let under_commitment = (last.len() == UNDER_COMMITMENT_SPRINTS
        && last.iter().all(|(_, s)| s.is_some_and(|s| s > UNDER_COMMITMENT_SAY_DO)))
    .then(|| last.iter().map(|(id, s)| (id.clone(), s.unwrap_or_default())).collect());
    Planning { carried, under_commitment }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{self, ProjectBuilder, date};

    fn item(id: &str, status: ItemStatus, points: f64) -> SprintItem {
        SprintItem {
            id: id.into(),
            title: format!("Title of {id}"),
            points: Some(points),
            item_type: None,
            status,
            added: None,
            removed: (status == ItemStatus::Removed).then(|| date("2026-03-04")),
            done: None,
            started: None,
        }
    }

    fn sprint(id: &str, start: &str, end: &str, items: Vec<SprintItem>) -> Sprint {
        Sprint { items, ..testkit::sprint(id, start, end) }
    }

    #[test]
    fn runs_of_carry_over_end_at_the_last_ended_sprint() {
        use ItemStatus::{Done, NotDone};
        let p = ProjectBuilder::new("P")
            .sprints(vec![
                sprint(
                    "S1",
                    "2026-03-02",
                    "2026-03-13",
                    vec![item("A", NotDone, 3.0), item("B", NotDone, 2.0)],
                ),
                sprint(
                    "S2",
                    "2026-03-16",
                    "2026-03-27",
                    vec![item("A", NotDone, 3.0), item("B", Done, 2.0), item("C", NotDone, 1.0)],
                ),
                sprint(
                    "S3",
                    "2026-03-30",
                    "2026-04-10",
                    vec![item("A", NotDone, 3.0), item("C", NotDone, 1.0), item("D", NotDone, 1.0)],
                ),
                sprint("S4", "2026-04-13", "2026-04-24", vec![item("A", NotDone, 3.0)]),
            ])
            .build();
        let report = crate::metrics::compute(&p, date("2026-04-15"));
        let facts = planning(&p, &report, date("2026-04-15"));
        // S4 runs: S3 is the last ended. A: S1, S2, S3; C: S2, S3; D only S3; B was done in S2.
        let runs: Vec<(&str, Vec<&str>)> = facts
            .carried
            .iter()
            .map(|c| (c.id.as_str(), c.sprints.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(runs, [("A", vec!["S1", "S2", "S3"]), ("C", vec!["S2", "S3"])]);
        // say/do: S1 0/5, S2 2/6, S3 0/5: nowhere near under-commitment
        assert_eq!(facts.under_commitment, None);
    }

    #[test]
    fn three_sprints_above_95_percent_may_be_under_commitment() {
        use ItemStatus::{Done, NotDone};
        let full = |id: &str, start: &str, end: &str| sprint(id, start, end, vec![item("X", Done, 5.0)]);
        let sprints = vec![
            sprint("S1", "2026-03-02", "2026-03-13", vec![item("A", Done, 3.0), item("B", NotDone, 3.0)]),
            full("S2", "2026-03-16", "2026-03-27"),
            full("S3", "2026-03-30", "2026-04-10"),
            full("S4", "2026-04-13", "2026-04-24"),
        ];
        let p = ProjectBuilder::new("P").sprints(sprints).build();
        let on = |d: &str| planning(&p, &crate::metrics::compute(&p, date(d)), date(d)).under_commitment;
        // as of S4's end: S2, S3, S4 all 100%
        let ids: Option<Vec<String>> = on("2026-04-24").map(|l| l.into_iter().map(|(id, _)| id).collect());
        assert_eq!(ids, Some(vec!["S2".to_string(), "S3".to_string(), "S4".to_string()]));
        // a day earlier the last three are S1 (50%), S2, S3
        assert_eq!(on("2026-04-23"), None);
    }
}
