//! `sprints/*.yaml`: one file per sprint.

use crate::diagnostics::Diagnostics;
use crate::load::team::check_owner;
use crate::load::yaml::{Fields, Node, Pos};
use crate::model::{Date, Impediment, ItemStatus, ItemType, Sprint, SprintItem, Team};

const SPRINT_KEYS: &[&str] = &["id", "name", "start", "end", "goal", "goal_met", "items", "impediments"];
const ITEM_KEYS: &[&str] =
    &["id", "title", "points", "type", "status", "added", "removed", "done", "started"];
const IMPEDIMENT_KEYS: &[&str] = &["title", "raised", "resolved", "owner"];

/// Largest estimate accepted; anything above is almost surely a typo.
pub const MAX_POINTS: f64 = 1000.0;

/// A sprint with the positions later cross-file checks point at.
pub struct LocatedSprint {
    /// The sprint.
    pub sprint: Sprint,
    /// Where `id` is (or the top of the file when it defaults to the stem).
    pub id_pos: Pos,
    /// Where `start` is.
    pub start_pos: Pos,
}

/// Reads one sprint file; `None` when it lacks what a sprint needs.
pub fn read_sprint(
    node: &Node,
    path: &str,
    stem: &str,
    team: Option<&Team>,
    diags: &mut Diagnostics,
) -> Option<LocatedSprint> {
    let needs = "a sprint needs at least `start` and `end` dates";
    let f = Fields::of_file(node, path, "sprint", SPRINT_KEYS, needs, diags)?;
    let id = f.opt_text("id", diags).unwrap_or_else(|| stem.to_string());
    let name = f.opt_text("name", diags).unwrap_or_else(|| id.clone());
    let start = f.date("start", diags);
    let end = f.date("end", diags);
    let goal = f.opt_text("goal", diags);
    let goal_met = f.opt_bool("goal_met", diags);
    let dates = match (start, end) {
        (Some(start), Some(end)) if end < start => {
            diags.error(
                path,
                Some(f.pos_of("end")),
                format!("sprint ends ({end}) before it starts ({start})"),
            );
            None
        }
        (Some(start), Some(end)) => Some((start, end)),
        _ => None,
    };
    // Items are read even without usable dates, so their problems show in the same run.
    let mut items: Vec<SprintItem> = Vec::new();
    for entry in f.list("items", diags) {
        let Some(item) = read_item(entry, path, dates, diags) else {
            continue;
        };
        if items.iter().any(|i| i.id == item.id) {
            diags.error(path, Some(entry.pos), format!("item id `{}` appears twice in this sprint", item.id));
            continue;
        }
        items.push(item);
    }
    let impediments = f
        .list("impediments", diags)
        .iter()
        .filter_map(|entry| read_impediment(entry, path, team, diags))
        .collect();
    let (start, end) = dates?;
    let (id_pos, start_pos) = (f.pos_of("id"), f.pos_of("start"));
    let sprint = Sprint { id, name, start, end, goal, goal_met, items, impediments, path: path.to_string() };
    Some(LocatedSprint { sprint, id_pos, start_pos })
}

fn read_item(
    node: &Node,
    path: &str,
    dates: Option<(Date, Date)>,
    diags: &mut Diagnostics,
) -> Option<SprintItem> {
    let f = Fields::of(node, path, "sprint item", ITEM_KEYS, diags)?;
    let id = f.text("id", diags);
    let title = f.text("title", diags);
    let points = f.opt_number("points", 0.0, MAX_POINTS, diags);
    let item_type = f.opt_choice("type", &ItemType::ALL, diags);
    let status = f.choice("status", &ItemStatus::ALL, diags);
    let added = f.opt_date("added", diags);
    let removed = f.opt_date("removed", diags);
    let done = f.opt_date("done", diags);
    let started = f.opt_date("started", diags);
    let status = status?;
    let (start, end) = dates?;
    if let Some(added) = added.filter(|a| *a > end) {
        diags.error(
            path,
            Some(f.pos_of("added")),
            format!("`added` ({added}) is after the sprint ends ({end})"),
        );
    }
    match (status, removed) {
        (ItemStatus::Removed, None) => {
            diags.error(
                path,
                Some(f.pos_of("status")),
                "a removed item needs a `removed` date inside the sprint",
            );
        }
        (ItemStatus::Removed, Some(r)) if r < start || r > end => {
            diags.error(
                path,
                Some(f.pos_of("removed")),
                format!("`removed` ({r}) is outside the sprint ({start} to {end})"),
            );
        }
        (ItemStatus::Removed, Some(r)) if added.is_some_and(|a| r < a) => {
            diags.error(
                path,
                Some(f.pos_of("removed")),
                format!("`removed` ({r}) is before the item was added"),
            );
        }
        (ItemStatus::Done | ItemStatus::NotDone, Some(_)) => {
            diags.warning(
                path,
                Some(f.pos_of("removed")),
                format!("`removed` is set but the status is {}; the date is ignored", status.as_str()),
            );
        }
        _ => {}
    }
    if let Some(d) = done {
        if status != ItemStatus::Done {
            diags.warning(
                path,
                Some(f.pos_of("done")),
                format!("`done` is set but the status is {}; the date is ignored", status.as_str()),
            );
        } else if added.is_some_and(|a| d < a) {
            diags.error(path, Some(f.pos_of("done")), format!("`done` ({d}) is before the item was added"));
        } else if d > end {
            diags.warning(
                path,
                Some(f.pos_of("done")),
                format!(
                    "`done` ({d}) is after the sprint ends ({end}): the item counts as not done in this \
                     sprint and is carried over (list it in the sprint it was finished in)"
                ),
            );
        }
        if let Some(s) = started.filter(|s| *s > d && status == ItemStatus::Done) {
            diags.error(
                path,
                Some(f.pos_of("started")),
                format!("`started` ({s}) is after `done` ({d}): work cannot begin after it was finished"),
            );
        }
    }
    Some(SprintItem {
        id: id?,
        title: title?,
        points,
        item_type,
        status,
        added,
        removed: removed.filter(|_| status == ItemStatus::Removed),
        done: done.filter(|_| status == ItemStatus::Done),
        started,
    })
}

fn read_impediment(
    node: &Node,
    path: &str,
    team: Option<&Team>,
    diags: &mut Diagnostics,
) -> Option<Impediment> {
    let f = Fields::of(node, path, "impediment", IMPEDIMENT_KEYS, diags)?;
    let title = f.text("title", diags);
    let raised = f.date("raised", diags);
    let resolved = f.opt_date("resolved", diags);
    let owner = f.opt_text("owner", diags);
    if let Some(owner) = &owner {
        check_owner(team, owner, path, f.pos_of("owner"), diags);
    }
    let raised = raised?;
    if let Some(r) = resolved.filter(|r| *r < raised) {
        diags.error(
            path,
            Some(f.pos_of("resolved")),
            format!("`resolved` ({r}) is before `raised` ({raised})"),
        );
        return None;
    }
    Some(Impediment { title: title?, raised, resolved, owner })
}

/// Cross-file rules: unique ids and no overlapping sprints (both files named).
/// Returns the sprints in start-date order.
pub fn check_sprints(mut list: Vec<LocatedSprint>, diags: &mut Diagnostics) -> Vec<Sprint> {
    list.sort_by(|a, b| (a.sprint.start, &a.sprint.path).cmp(&(b.sprint.start, &b.sprint.path)));
    // Every rule against every earlier sprint, so one run names every
    // problem: a duplicate id never hides an overlap.
    let mut faulty = vec![false; list.len()];
    for (i, located) in list.iter().enumerate() {
        let s = &located.sprint;
        let earlier = &list[..i];
        if let Some(other) = earlier.iter().find(|k| k.sprint.id == s.id) {
            diags.error(
                &s.path,
                Some(located.id_pos),
                format!("sprint id `{}` is also used by {}", s.id, other.sprint.path),
            );
            faulty[i] = true;
        }
        if let Some(other) = earlier.iter().find(|k| k.sprint.end >= s.start) {
            let o = &other.sprint;
            diags.error(
                &s.path,
                Some(located.start_pos),
                format!(
                    "sprint {} ({} to {}) overlaps sprint {} ({} to {}) in {}",
                    s.id, s.start, s.end, o.id, o.start, o.end, o.path
                ),
            );
            faulty[i] = true;
        }
    }
    list.into_iter().zip(faulty).filter(|(_, faulty)| !faulty).map(|(l, _)| l.sprint).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn sprint(src: &str) -> (Option<Sprint>, Vec<String>) {
        let mut d = Diagnostics::new();
        let node = parse(src, "sprints/s1.yaml", 0, &mut d);
        let s = node.and_then(|n| read_sprint(&n, "sprints/s1.yaml", "s1", None, &mut d));
        (s.map(|l| l.sprint), d.sorted().iter().map(ToString::to_string).collect())
    }

    const GOOD: &str = "name: Sprint 1\nstart: 2026-10-05\nend: 2026-10-16\ngoal_met: true\nitems:\n  - {id: A-1, title: a, points: 5, status: done, done: 2026-10-14}\n  - {id: A-2, title: b, status: removed, removed: 2026-10-09, added: 2026-10-07}\nimpediments:\n  - {title: x, raised: 2026-10-06, resolved: 2026-10-08}\n";

    #[test]
    fn reads_a_sprint_with_defaults() {
        let (s, msgs) = sprint(GOOD);
        assert!(msgs.is_empty(), "{msgs:?}");
        let s = s.unwrap_or_else(|| panic!("sprint"));
        assert_eq!((s.id.as_str(), s.name.as_str()), ("s1", "Sprint 1"));
        assert_eq!(s.items.len(), 2);
        assert_eq!(s.items[1].points, None);
        assert_eq!(s.impediments.len(), 1);
    }

    #[test]
    fn end_before_start() {
        let (s, msgs) = sprint("start: 2026-10-05\nend: 2026-10-01\n");
        assert!(s.is_none());
        assert_eq!(
            msgs,
            vec!["error: sprints/s1.yaml:2:6: sprint ends (2026-10-01) before it starts (2026-10-05)"]
        );
    }

    #[test]
    fn item_rules() {
        let (_, msgs) = sprint(
            "start: 2026-10-05\nend: 2026-10-16\nitems:\n  - {id: A, title: a, status: removed}\n  - {id: B, title: b, status: removed, removed: 2026-10-20}\n  - {id: A, title: c, status: done}\n  - {id: C, title: d, status: finished, points: -1}\n  - {id: D, title: e, status: done, added: 2026-10-30}\n",
        );
        assert_eq!(
            msgs,
            vec![
                "error: sprints/s1.yaml:4:31: a removed item needs a `removed` date inside the sprint",
                "error: sprints/s1.yaml:5:49: `removed` (2026-10-20) is outside the sprint (2026-10-05 to 2026-10-16)",
                "error: sprints/s1.yaml:6:5: item id `A` appears twice in this sprint",
                "error: sprints/s1.yaml:7:31: unknown status \"finished\" (expected done, not-done or removed)",
                "error: sprints/s1.yaml:7:49: `points` is -1, expected a number from 0 to 1000",
                "error: sprints/s1.yaml:8:44: `added` (2026-10-30) is after the sprint ends (2026-10-16)",
            ]
        );
    }

    #[test]
    fn a_done_date_after_the_end_is_a_warning_and_not_done_there() {
        let (s, msgs) = sprint(
            "start: 2026-11-09\nend: 2026-11-20\nitems:\n  - {id: A, title: a, status: done, points: 3, done: 2026-12-25}\n",
        );
        assert_eq!(
            msgs,
            vec![
                "warning: sprints/s1.yaml:4:54: `done` (2026-12-25) is after the sprint ends (2026-11-20): the item \
                 counts as not done in this sprint and is carried over (list it in the sprint it was finished in)"
            ]
        );
        let s = s.unwrap_or_else(|| panic!("a warning keeps the sprint"));
        let f = crate::metrics::SprintFigures::of(&s, crate::testkit::date("2026-12-31"));
        assert_eq!((f.completed_points, f.carry_over_points), (0.0, Some(3.0)));
    }

    #[test]
    fn started_is_a_real_date_on_or_before_done() {
        let (s, msgs) = sprint(
            "start: 2026-10-05\nend: 2026-10-16\nitems:\n  - {id: A, title: a, status: done, done: 2026-10-09, started: 2026-10-12}\n  - {id: B, title: b, status: not-done, started: 2026-11-31}\n  - {id: C, title: c, status: done, done: 2026-10-09, started: 2026-09-28}\n  - {id: D, title: d, status: done, done: 2026-10-09, started: 2026-10-09}\n",
        );
        assert_eq!(
            msgs,
            vec![
                "error: sprints/s1.yaml:4:64: `started` (2026-10-12) is after `done` (2026-10-09): work cannot begin after it was finished",
                "error: sprints/s1.yaml:5:50: `started`: 2026-11-31 is not a real calendar date",
            ]
        );
        // Started before the sprint (in an earlier one, say) and on the day it was done are fine.
        let started: Vec<Option<String>> =
            s.iter().flat_map(|s| &s.items).map(|i| i.started.map(|d| d.to_string())).collect();
        let day = |d: &str| Some(d.to_string());
        assert_eq!(started, vec![day("2026-10-12"), None, day("2026-09-28"), day("2026-10-09")]);
    }

    #[test]
    fn impediment_resolved_before_raised() {
        let (_, msgs) = sprint(
            "start: 2026-10-05\nend: 2026-10-16\nimpediments:\n  - {title: x, raised: 2026-10-08, resolved: 2026-10-06}\n",
        );
        assert_eq!(
            msgs,
            vec!["error: sprints/s1.yaml:4:46: `resolved` (2026-10-06) is before `raised` (2026-10-08)"]
        );
    }

    /// Reads `(source, stem)` as `sprints/<stem>.yaml` each and checks them
    /// together: the sprints kept and every message.
    fn checked(files: &[(&str, &str)]) -> (usize, Vec<String>) {
        let mut d = Diagnostics::new();
        let list: Vec<LocatedSprint> = files
            .iter()
            .filter_map(|(src, stem)| {
                let path = format!("sprints/{stem}.yaml");
                let node = parse(src, &path, 0, &mut d);
                node.and_then(|n| read_sprint(&n, &path, stem, None, &mut d))
            })
            .collect();
        let kept = check_sprints(list, &mut d).len();
        (kept, d.sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn overlaps_and_duplicate_ids_name_both_files() {
        let (kept, msgs) = checked(&[
            ("start: 2026-10-05\nend: 2026-10-16\n", "a"),
            ("start: 2026-10-12\nend: 2026-10-23\n", "b"),
            ("id: a\nstart: 2026-11-02\nend: 2026-11-13\n", "c"),
        ]);
        assert_eq!(kept, 1);
        assert_eq!(
            msgs,
            vec![
                "error: sprints/b.yaml:1:8: sprint b (2026-10-12 to 2026-10-23) overlaps sprint a (2026-10-05 to 2026-10-16) in sprints/a.yaml",
                "error: sprints/c.yaml:1:5: sprint id `a` is also used by sprints/a.yaml",
            ]
        );
    }

    #[test]
    fn a_duplicate_id_never_hides_an_overlap() {
        // c has a's id and overlaps b: both are said in one run.
        let (kept, msgs) = checked(&[
            ("start: 2026-10-05\nend: 2026-10-16\n", "a"),
            ("start: 2026-10-19\nend: 2026-10-30\n", "b"),
            ("id: a\nstart: 2026-10-26\nend: 2026-11-06\n", "c"),
        ]);
        assert_eq!(kept, 2);
        assert_eq!(
            msgs,
            vec![
                "error: sprints/c.yaml:1:5: sprint id `a` is also used by sprints/a.yaml",
                "error: sprints/c.yaml:2:8: sprint a (2026-10-26 to 2026-11-06) overlaps sprint b (2026-10-19 to 2026-10-30) in sprints/b.yaml",
            ]
        );
    }
}
