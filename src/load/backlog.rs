//! `backlog.yaml` or `backlog/<YYYY-MM-DD>.yaml`: the ordered product backlog.

use crate::diagnostics::Diagnostics;
use crate::load::sprints::MAX_POINTS;
use crate::load::team::check_owner;
use crate::load::yaml::{Fields, Node};
use crate::model::{BacklogItem, BacklogSnapshot, BacklogState, Date, ItemType, Team};

const SNAPSHOT_KEYS: &[&str] = &["items"];
const ITEM_KEYS: &[&str] =
    &["id", "title", "points", "type", "state", "created", "updated", "acceptance", "owner"];

/// Reads one snapshot file. `date` is `None` for `backlog.yaml`.
pub fn read_snapshot(
    node: &Node,
    path: &str,
    date: Option<Date>,
    team: Option<&Team>,
    diags: &mut Diagnostics,
) -> Option<BacklogSnapshot> {
    let needs = "list the backlog under `items:` (write `items: []` for an empty backlog)";
    let f = Fields::of_file(node, path, "backlog", SNAPSHOT_KEYS, needs, diags)?;
    let mut items: Vec<BacklogItem> = Vec::new();
    for entry in f.list("items", diags) {
        let Some(item) = read_item(entry, path, date, team, diags) else {
            continue;
        };
        if items.iter().any(|i| i.id == item.id) {
            diags.error(
                path,
                Some(entry.pos),
                format!("item id `{}` appears twice in this backlog", item.id),
            );
            continue;
        }
        items.push(item);
    }
    Some(BacklogSnapshot { date, items, path: path.to_string() })
}

fn read_item(
    node: &Node,
    path: &str,
    date: Option<Date>,
    team: Option<&Team>,
    diags: &mut Diagnostics,
) -> Option<BacklogItem> {
    let f = Fields::of(node, path, "backlog item", ITEM_KEYS, diags)?;
    let id = f.text("id", diags);
    let title = f.text("title", diags);
    let points = f.opt_number("points", 0.0, MAX_POINTS, diags);
    let item_type = f.opt_choice("type", &ItemType::ALL, diags);
    let state = f.choice("state", &BacklogState::ALL, diags);
    let created = f.date("created", diags);
    let updated = f.opt_date("updated", diags);
    let acceptance = f.text_list("acceptance", diags);
    let owner = f.opt_text("owner", diags);
    if let Some(owner) = &owner {
        check_owner(team, owner, path, f.pos_of("owner"), diags);
    }
    let created = created?;
    if let Some(u) = updated.filter(|u| *u < created) {
        diags.error(
            path,
            Some(f.pos_of("updated")),
            format!("`updated` ({u}) is before `created` ({created})"),
        );
    }
    if let Some(snapshot) = date.filter(|d| created > *d) {
        diags.warning(
            path,
            Some(f.pos_of("created")),
            format!("`created` ({created}) is after the snapshot date ({snapshot})"),
        );
    }
    Some(BacklogItem {
        id: id?,
        title: title?,
        points,
        item_type,
        state: state?,
        created,
        updated: updated.filter(|u| *u >= created),
        acceptance,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn snapshot(src: &str) -> (Option<BacklogSnapshot>, Vec<String>) {
        let mut d = Diagnostics::new();
        let date = "2026-10-19".parse().ok();
        let node = parse(src, "backlog/2026-10-19.yaml", 0, &mut d);
        let s = node.and_then(|n| read_snapshot(&n, "backlog/2026-10-19.yaml", date, None, &mut d));
        (s, d.sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_items_in_rank_order() {
        let (s, msgs) = snapshot(
            "items:\n  - {id: B, title: b, state: ready, created: 2026-08-01, acceptance: [x, y]}\n  - {id: A, title: a, state: new, created: 2026-08-01, points: 3}\n",
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        let s = s.unwrap_or_else(|| panic!("snapshot"));
        assert_eq!(s.items[0].id, "B");
        assert_eq!(s.items[0].acceptance.len(), 2);
        assert_eq!(s.items[1].points, Some(3.0));
    }

    #[test]
    fn item_rules() {
        let (_, msgs) = snapshot(
            "items:\n  - {id: A, title: a, state: redy, created: 2026-08-01}\n  - {id: B, title: b, state: new, created: 2026-08-01, updated: 2026-07-01}\n  - {id: B, title: c, state: new, created: 2026-08-01}\n  - {id: C, state: new, created: 2026-08-01}\n",
        );
        assert_eq!(
            msgs,
            vec![
                "error: backlog/2026-10-19.yaml:2:30: unknown state \"redy\" (expected new, refined, ready, in-sprint, done or dropped; did you mean ready?)",
                "error: backlog/2026-10-19.yaml:3:65: `updated` (2026-07-01) is before `created` (2026-08-01)",
                "error: backlog/2026-10-19.yaml:4:5: item id `B` appears twice in this backlog",
                "error: backlog/2026-10-19.yaml:5:5: backlog item is missing `title`",
            ]
        );
    }
}
