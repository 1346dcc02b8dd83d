//! Which Jira issues become items: sub-tasks and epics (IMPORT.md,
//! `import.jira.subtasks`, `subtask_types`, `skip_types`).
//!
//! A sprint that Jira shows as 12 stories is exported as those stories and
//! their 158 sub-tasks, mostly unestimated; an epic is a container of
//! stories, never work finished in a sprint. Read as items, both make every
//! figure wrong (170 items, "Top items estimated 0%"). A sub-task is known by
//! its type, never by having a parent: stories have epics as parents.

use std::collections::{BTreeMap, BTreeSet};

use super::config::{ImportSettings, Subtasks};
use super::state::{ItemRecord, State};

/// What an issue of the state is in the data folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An item of its sprints and the backlog.
    Item,
    /// A sub-task folded into its parent.
    Folded,
    /// A sub-task with `subtasks: skip`.
    SkippedSubtask,
    /// An issue of a type in `skip_types` (an epic).
    SkippedType,
    /// A sub-task kept as an item because its parent is not an item.
    Orphan,
}

/// The role of every issue and the points folded into each parent.
pub struct Shape<'a> {
    roles: BTreeMap<&'a str, Role>,
    /// Parent key → the points of its folded sub-tasks that have any.
    folded: BTreeMap<&'a str, Vec<f64>>,
    /// Parents that received at least one sub-task.
    parents: BTreeSet<&'a str>,
    default_skip_types: bool,
}

impl<'a> Shape<'a> {
    /// Decides every issue of `state`. Only Jira issues are shaped: the
    /// settings are Jira's (`import.jira.*`).
    pub fn new(state: &'a State, cfg: &ImportSettings) -> Self {
        let base = |item: &ItemRecord| {
            if item.source != "jira" {
                Role::Item
            } else if cfg.is_skipped_type(&item.kind) {
                Role::SkippedType
            } else if cfg.is_subtask_type(&item.kind) {
                match cfg.subtasks {
                    Subtasks::Items => Role::Item,
                    Subtasks::Skip => Role::SkippedSubtask,
                    Subtasks::Fold => Role::Folded,
                }
            } else {
                Role::Item
            }
        };
        let mut roles = BTreeMap::new();
        for (key, item) in &state.items {
            roles.insert(key.as_str(), base(item));
        }
        let mut folded: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        let mut parents = BTreeSet::new();
        for (key, item) in &state.items {
            if roles.get(key.as_str()) != Some(&Role::Folded) {
                continue;
            }
            // Folded only into a parent that is an item itself; else the
            // sub-task's work would vanish, so it stays an item.
            let parent = item.parent.as_deref().and_then(|p| state.items.get_key_value(p));
            match parent.filter(|(p, _)| roles.get(p.as_str()) == Some(&Role::Item)) {
                Some((p, _)) => {
                    parents.insert(p.as_str());
                    folded.entry(p.as_str()).or_default().extend(item.points);
                }
                None => {
                    roles.insert(key.as_str(), Role::Orphan);
                }
            }
        }
        let default_skip_types = cfg.skip_types == ImportSettings::default().skip_types;
        Shape { roles, folded, parents, default_skip_types }
    }

    /// Whether the issue is an item of its sprints and of the backlog.
    pub fn is_item(&self, key: &str) -> bool {
        matches!(self.roles.get(key), Some(Role::Item | Role::Orphan) | None)
    }

    /// An item's points: its own, else (when it has none) those of the
    /// sub-tasks folded into it, when any of them is estimated.
    pub fn points(&self, key: &str, item: &ItemRecord) -> Option<f64> {
        item.points.or_else(|| {
            let points = self.folded.get(key).filter(|p| !p.is_empty())?;
            Some(points.iter().sum())
        })
    }

    /// What the import did with sub-tasks and epics, for its report
    /// ("folded 310 sub-tasks into 46 parents; left out 9 epics"); `None`
    /// when there were none.
    pub fn summary(&self) -> Option<String> {
        let count = |role: Role| self.roles.values().filter(|r| **r == role).count();
        let n = |n: usize, one: &str, many: &str| crate::format::count(n, one, many);
        let mut parts = Vec::new();
        let folded = count(Role::Folded);
        if folded > 0 {
            parts.push(format!(
                "folded {} into {}",
                n(folded, "sub-task", "sub-tasks"),
                n(self.parents.len(), "parent", "parents")
            ));
        }
        let orphans = count(Role::Orphan);
        if orphans > 0 {
            parts.push(format!(
                "kept {} as {}: {} not in the export",
                n(orphans, "sub-task", "sub-tasks"),
                if orphans == 1 { "an item" } else { "items" },
                if orphans == 1 { "its parent is" } else { "their parents are" }
            ));
        }
        let mut left = Vec::new();
        let skipped = count(Role::SkippedSubtask);
        if skipped > 0 {
            left.push(n(skipped, "sub-task", "sub-tasks"));
        }
        let types = count(Role::SkippedType);
        if types > 0 {
            left.push(if self.default_skip_types {
                n(types, "epic", "epics")
            } else {
                n(types, "issue of the skipped types", "issues of the skipped types")
            });
        }
        if !left.is_empty() {
            parts.push(format!("left out {}", left.join(" and ")));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use jiff::civil::date;

    use super::*;
    use crate::import::record::Category;

    fn item(kind: &str, parent: Option<&str>, points: Option<f64>) -> ItemRecord {
        ItemRecord {
            title: kind.into(),
            kind: kind.into(),
            parent: parent.map(str::to_string),
            status: "Done".into(),
            category: Category::Done,
            points,
            ..ItemRecord::new("jira", date(2026, 3, 2), 0)
        }
    }

    fn state(items: &[(&str, ItemRecord)]) -> State {
        State { items: items.iter().map(|(k, i)| (k.to_string(), i.clone())).collect(), ..State::default() }
    }

    #[test]
    fn sub_tasks_fold_into_their_parent_and_give_points_only_to_a_parent_without() {
        let s = state(&[
            ("A-1", item("Story", Some("A-9"), None)),
            ("A-2", item("Sub-task", Some("A-1"), Some(2.0))),
            ("A-3", item("Subtarea", Some("A-1"), Some(3.0))),
            ("A-4", item("Story", None, Some(8.0))),
            ("A-5", item("sub-task", Some("A-4"), Some(1.0))),
            ("A-6", item("Sub-task", Some("A-4"), None)),
            ("A-9", item("Epic", None, None)),
        ]);
        let shape = Shape::new(&s, &ImportSettings::default());
        // A story with an epic as parent is no sub-task.
        assert!(shape.is_item("A-1") && shape.is_item("A-4"));
        assert!(!shape.is_item("A-2") && !shape.is_item("A-5") && !shape.is_item("A-9"));
        assert_eq!(shape.points("A-1", &s.items["A-1"]), Some(5.0));
        assert_eq!(shape.points("A-4", &s.items["A-4"]), Some(8.0));
        assert_eq!(shape.summary().unwrap(), "folded 4 sub-tasks into 2 parents; left out 1 epic");
    }

    #[test]
    fn unestimated_sub_tasks_leave_their_parent_unestimated() {
        let s = state(&[("A-1", item("Story", None, None)), ("A-2", item("Sub-task", Some("A-1"), None))]);
        let shape = Shape::new(&s, &ImportSettings::default());
        assert_eq!(shape.points("A-1", &s.items["A-1"]), None);
    }

    #[test]
    fn a_sub_task_whose_parent_is_not_an_item_stays_one() {
        let s = state(&[
            ("A-2", item("Sub-task", Some("A-1"), Some(2.0))),
            ("A-3", item("Sub-task", None, None)),
        ]);
        let shape = Shape::new(&s, &ImportSettings::default());
        assert!(shape.is_item("A-2") && shape.is_item("A-3"));
        assert_eq!(
            shape.summary().unwrap(),
            "kept 2 sub-tasks as items: their parents are not in the export"
        );
    }

    #[test]
    fn items_and_skip_settings() {
        let s =
            state(&[("A-1", item("Story", None, None)), ("A-2", item("Sub-task", Some("A-1"), Some(2.0)))]);
        let items = ImportSettings { subtasks: Subtasks::Items, ..ImportSettings::default() };
        let shape = Shape::new(&s, &items);
        assert!(shape.is_item("A-2"));
        assert_eq!(shape.points("A-1", &s.items["A-1"]), None);
        assert_eq!(shape.summary(), None);
        let skip = ImportSettings { subtasks: Subtasks::Skip, ..ImportSettings::default() };
        let shape = Shape::new(&s, &skip);
        assert!(!shape.is_item("A-2"));
        assert_eq!(shape.points("A-1", &s.items["A-1"]), None);
        assert_eq!(shape.summary().unwrap(), "left out 1 sub-task");
    }

    #[test]
    fn gitlab_issues_are_never_shaped() {
        let mut epic = item("Epic", None, None);
        epic.source = "gitlab".into();
        let s = state(&[("#1", epic)]);
        assert!(Shape::new(&s, &ImportSettings::default()).is_item("#1"));
    }
}
