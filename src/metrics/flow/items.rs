//! Work items for flow (docs/figures.md, "Flow and forecast"): sprint items
//! by id, every record of one id being one item carried from sprint to
//! sprint (docs/data.md). Each record's facts are worked out once; "as of D"
//! is then a pass over the records of sprints started by D.

use std::collections::HashMap;

use crate::model::{Date, ItemStatus, Project, Sprint, SprintItem};

/// One record of an item: a sprint's line about it.
#[derive(Debug, Clone, Copy)]
struct Record<'a> {
    /// The sprint it is listed in.
    sprint: &'a Sprint,
    /// What that sprint says of it.
    item: &'a SprintItem,
    /// The day it finished in this sprint: its `done` date when that falls
    /// within the sprint, the sprint's end for a done item without a date,
    /// `None` when not done here (a `done` after the end is no finish here).
    finish: Option<Date>,
}

impl<'a> Record<'a> {
    fn new(sprint: &'a Sprint, item: &'a SprintItem) -> Record<'a> {
        let finish = match (item.status, item.done) {
            (ItemStatus::Done, Some(d)) => sprint.contains(d).then_some(d),
            (ItemStatus::Done, None) => Some(sprint.end),
            _ => None,
        };
        Record { sprint, item, finish }
    }

    /// Whether the record was written by `date`: its sprint had started.
    fn seen(&self, date: Date) -> bool {
        self.sprint.start <= date
    }
}

/// One work item and its records, in the sprints' start-date order.
#[derive(Debug, Clone)]
pub struct WorkItem<'a> {
    records: Vec<Record<'a>>,
}

/// Where an item stood on a date, from the records seen by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemAsOf<'a> {
    /// The item's id.
    pub id: &'a str,
    /// Its title in its latest record.
    pub title: &'a str,
    /// The sprint of its latest record: where its row is shown.
    pub sprint: &'a str,
    /// The earliest `started` of its records, when on or before the date.
    pub started: Option<Date>,
    /// The earliest day it finished, when on or before the date.
    pub finished: Option<(Date, &'a str)>,
    /// Its latest record says it was removed on or before the date.
    pub removed: bool,
}

impl<'a> ItemAsOf<'a> {
    /// In progress: started, not finished, not taken out (docs/figures.md).
    pub fn in_progress(&self) -> bool {
        self.started.is_some() && self.finished.is_none() && !self.removed
    }
}

impl<'a> WorkItem<'a> {
    /// The item as of `date`; `None` when no record of it was written by then.
    pub fn as_of(&self, date: Date) -> Option<ItemAsOf<'a>> {
        // Records are in sprint start order: those seen by `date` come first.
        let seen_by = &self.records[..self.records.partition_point(|r| r.seen(date))];
        let seen = || seen_by.iter();
        let latest = seen_by.last()?;
        let started = seen().filter_map(|r| r.item.started).filter(|s| *s <= date).min();
        let finished = seen()
            .filter_map(|r| r.finish.map(|f| (f, r.sprint.id.as_str())))
            .filter(|(f, _)| *f <= date)
            .min();
        let removed =
            latest.item.status == ItemStatus::Removed && latest.item.removed.is_some_and(|r| r <= date);
        Some(ItemAsOf {
            id: latest.item.id.as_str(),
            title: latest.item.title.as_str(),
            sprint: latest.sprint.id.as_str(),
            started,
            finished,
            removed,
        })
    }

    /// The records, oldest sprint first: the sprint and what it says.
    pub fn records(&self) -> impl Iterator<Item = (&'a Sprint, &'a SprintItem)> + '_ {
        self.records.iter().map(|r| (r.sprint, r.item))
    }
}

/// Every work item of a project, in order of first appearance.
#[derive(Debug, Clone)]
pub struct WorkItems<'a> {
    items: Vec<WorkItem<'a>>,
    /// Each item's earliest finish, sorted: how many items finished in a
    /// stretch of days is two binary searches (the forecasts' track record).
    finishes: Vec<Date>,
}

impl<'a> WorkItems<'a> {
    /// The items of `project`'s sprints (in start-date order, as loaded).
    pub fn new(project: &'a Project) -> WorkItems<'a> {
        let mut sprints: Vec<&Sprint> = project.sprints.iter().collect();
        sprints.sort_by_key(|s| s.start);
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut items: Vec<WorkItem<'a>> = Vec::new();
        for sprint in sprints {
            for item in &sprint.items {
                let record = Record::new(sprint, item);
                match at.get(item.id.as_str()) {
                    Some(&i) => items[i].records.push(record),
                    None => {
                        at.insert(item.id.as_str(), items.len());
                        items.push(WorkItem { records: vec![record] });
                    }
                }
            }
        }
        let mut finishes: Vec<Date> =
            items.iter().filter_map(|i| i.records.iter().filter_map(|r| r.finish).min()).collect();
        finishes.sort_unstable();
        WorkItems { items, finishes }
    }

    /// Every item as of `date`, skipping those no record of which was written by then.
    pub fn as_of(&self, date: Date) -> impl Iterator<Item = ItemAsOf<'a>> + '_ {
        self.items.iter().filter_map(move |i| i.as_of(date))
    }

    /// Every item.
    pub fn all(&self) -> &[WorkItem<'a>] {
        &self.items
    }

    /// How many items first finished after `after` and on or before `until`.
    /// A finish is a fact once it has happened: this holds as of any date
    /// on or after `until`.
    pub fn finished_between(&self, after: Date, until: Date) -> usize {
        let from = self.finishes.partition_point(|d| *d <= after);
        let to = self.finishes.partition_point(|d| *d <= until);
        to.saturating_sub(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{self, ProjectBuilder, date};

    fn item(id: &str, status: ItemStatus, done: Option<&str>, started: Option<&str>) -> SprintItem {
        SprintItem {
            id: id.into(),
            title: format!("Title of {id}"),
            points: None,
            item_type: None,
            status,
            added: None,
            removed: (status == ItemStatus::Removed).then(|| date("2026-03-04")),
            done: done.map(date),
            started: started.map(date),
        }
    }

    fn project() -> Project {
        let s1 = Sprint {
            items: vec![
                item("A", ItemStatus::NotDone, None, Some("2026-03-03")),
                item("B", ItemStatus::Done, Some("2026-03-20"), Some("2026-03-05")),
                item("C", ItemStatus::Done, None, None),
                item("D", ItemStatus::Removed, None, Some("2026-03-02")),
            ],
            ..testkit::sprint("S1", "2026-03-02", "2026-03-13")
        };
        let s2 = Sprint {
            items: vec![
                item("A", ItemStatus::Done, Some("2026-03-18"), Some("2026-03-16")),
                item("B", ItemStatus::NotDone, None, None),
            ],
            ..testkit::sprint("S2", "2026-03-16", "2026-03-27")
        };
        ProjectBuilder::new("Flow").sprints(vec![s1, s2]).build()
    }

    #[test]
    fn a_carried_over_item_is_one_item_started_on_its_earliest_date() {
        let p = project();
        let items = WorkItems::new(&p);
        let now: Vec<ItemAsOf> = items.as_of(date("2026-03-27")).collect();
        let a = now[0];
        // A: started 03-03 in S1, done 03-18 in S2 → one item
        assert_eq!((a.id, a.sprint), ("A", "S2"));
        assert_eq!(a.started, Some(date("2026-03-03")));
        assert_eq!(a.finished, Some((date("2026-03-18"), "S2")));
        // B: done 03-20 is after S1's end: no finish in S1; S2 says not done
        assert_eq!(now[1].finished, None);
        assert!(now[1].in_progress());
        // C: done without a date counts on S1's last day
        assert_eq!(now[2].finished, Some((date("2026-03-13"), "S1")));
        // D: removed on 03-04, never in progress after that
        assert!(!now[3].in_progress());
        assert_eq!(items.finished_between(date("2026-03-13"), date("2026-03-27")), 1);
        assert_eq!(items.finished_between(date("2026-03-12"), date("2026-03-13")), 1);
    }

    #[test]
    fn as_of_an_earlier_date_later_records_are_not_seen() {
        let p = project();
        let items = WorkItems::new(&p);
        let before: Vec<ItemAsOf> = items.as_of(date("2026-03-03")).collect();
        // on 03-03 S2 has not started, C is not finished (S1 runs), D not removed yet
        assert_eq!(before[0].sprint, "S1");
        assert_eq!(before[0].started, Some(date("2026-03-03")));
        assert_eq!(before[1].started, None, "B starts on 03-05");
        assert_eq!(before[2].finished, None);
        assert!(!before[3].removed && before[3].in_progress());
        // before any sprint: nothing seen
        assert_eq!(items.as_of(date("2026-03-01")).count(), 0);
    }
}
