//! `team.yaml`: who is on the team, with roles.

use crate::diagnostics::Diagnostics;
use crate::load::yaml::{Fields, Node, suggest};
use crate::model::{Member, Role, Team};

const TEAM_KEYS: &[&str] = &["name", "members"];
const MEMBER_KEYS: &[&str] = &["id", "name", "role", "aliases"];

/// Whether `id` matches `[a-z0-9][a-z0-9_.-]*`.
pub fn is_member_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c))
}

/// Reads the team; `None` when it is unusable (every problem is reported).
pub fn read_team(node: &Node, path: &str, diags: &mut Diagnostics) -> Option<Team> {
    let needs = "it needs the team's `name` and its `members`";
    let fields = Fields::of_file(node, path, "team", TEAM_KEYS, needs, diags)?;
    let name = fields.text("name", diags);
    let entries = fields.list("members", diags);
    if fields.get("members").is_none() {
        diags.error(path, Some(fields.pos()), "team is missing `members` (at least one member)");
    } else if entries.is_empty() {
        diags.error(path, Some(fields.pos_of("members")), "`members` is empty: list at least one member");
    }
    let mut members: Vec<Member> = Vec::new();
    let mut all_read = true;
    for entry in entries {
        let errors = diags.counts().0;
        let Some(member) = read_member(entry, path, diags) else {
            all_read = false;
            continue;
        };
        all_read &= diags.counts().0 == errors;
        if members.iter().any(|m| m.id == member.id) {
            diags.error(path, Some(entry.pos), format!("member id `{}` is used twice", member.id));
            continue;
        }
        members.push(member);
    }
    // A member rejected above may well be the missing product owner.
    if all_read {
        check_roles(&members, path, diags);
    }
    check_aliases(&members, path, diags);
    Some(Team { name: name?, members })
}

fn read_member(node: &Node, path: &str, diags: &mut Diagnostics) -> Option<Member> {
    let f = Fields::of(node, path, "member", MEMBER_KEYS, diags)?;
    let id = f.text("id", diags);
    if let Some(id) = id.as_ref().filter(|id| !is_member_id(id)) {
        diags.error(
            path,
            Some(f.pos_of("id")),
            format!("member id `{id}` must be lower-case letters, digits, `_`, `.` or `-`, starting with a letter or digit"),
        );
    }
    let name = f.opt_text("name", diags);
    let role = f.choice("role", &Role::ALL, diags);
    let aliases = f.text_list("aliases", diags);
    let id = id.filter(|id| is_member_id(id))?;
    // A member whose id is right stays known even when its role is wrong
    // (reported above): one mistake gives one error, not a false "owner is
    // not a member" in every file naming it. The data has an error, so this
    // stand-in role never reaches a figure.
    Some(Member {
        name: name.unwrap_or_else(|| id.clone()),
        id,
        role: role.unwrap_or(Role::Developer),
        aliases,
    })
}

fn check_roles(members: &[Member], path: &str, diags: &mut Diagnostics) {
    if members.is_empty() {
        return;
    }
    for (role, word) in [(Role::ProductOwner, "product owner"), (Role::ScrumMaster, "scrum master")] {
        let count = members.iter().filter(|m| m.role == role).count();
        let problem = match count {
            0 => format!("the team has no {word}: figures that need one show \"no data\""),
            1 => continue,
            n => {
                format!("the team has {n} {word}s: figures that need exactly one show \"no data\"")
            }
        };
        diags.warning(path, None, problem);
    }
}

fn check_aliases(members: &[Member], path: &str, diags: &mut Diagnostics) {
    let mut seen: Vec<(String, &str)> = members.iter().map(|m| (m.id.clone(), m.id.as_str())).collect();
    for m in members {
        let spellings = std::iter::once(m.name.as_str()).chain(m.aliases.iter().map(String::as_str));
        for spelling in spellings {
            let lower = spelling.to_lowercase();
            if let Some((_, other)) = seen.iter().find(|(s, id)| *s == lower && *id != m.id) {
                diags.warning(
                    path,
                    None,
                    format!(
                        "\"{spelling}\" names both `{other}` and `{}`: notes using it mean `{other}`",
                        m.id
                    ),
                );
            } else {
                seen.push((lower, &m.id));
            }
        }
    }
}

/// Reports an owner that names no member, with the closest id as a hint.
pub fn check_owner(team: Option<&Team>, owner: &str, path: &str, pos: (u32, u32), diags: &mut Diagnostics) {
    let Some(team) = team else { return };
    if team.member(owner).is_some() {
        return;
    }
    let hint = match suggest(owner, team.members.iter().map(|m| m.id.as_str())) {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    };
    diags.error(path, Some(pos), format!("owner `{owner}` is not a member id in team.yaml{hint}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn team(src: &str) -> (Option<Team>, Vec<String>) {
        let mut d = Diagnostics::new();
        let node = parse(src, "team.yaml", 0, &mut d);
        let team = node.and_then(|n| read_team(&n, "team.yaml", &mut d));
        (team, d.sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_members_with_defaults() {
        let (t, msgs) = team(
            "name: Phoenix\nmembers:\n  - {id: alice, role: product-owner, name: Alice Chen, aliases: [Al]}\n  - {id: bob, role: scrum-master}\n",
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        let t = t.unwrap_or_else(|| panic!("team"));
        assert_eq!(t.members[1].name, "bob");
        assert_eq!(t.members[0].aliases, vec!["Al"]);
        assert_eq!(t.sole(Role::ProductOwner).map(|m| m.id.as_str()), Some("alice"));
    }

    #[test]
    fn empty_team_file_is_an_error() {
        let (t, msgs) = team("");
        assert!(t.is_none());
        assert_eq!(
            msgs,
            vec!["error: team.yaml: the file is empty: it needs the team's `name` and its `members`"]
        );
    }

    #[test]
    fn bad_ids_roles_and_duplicates() {
        let (_, msgs) = team(
            "name: X\nmembers:\n  - {id: Alice, role: product-owner}\n  - {id: bob, role: scrum}\n  - {id: carl, role: developer}\n  - {id: carl, role: developer}\n",
        );
        assert_eq!(
            msgs,
            vec![
                "error: team.yaml:3:10: member id `Alice` must be lower-case letters, digits, `_`, `.` or `-`, starting with a letter or digit",
                "error: team.yaml:4:21: unknown role \"scrum\" (expected product-owner, scrum-master, developer or stakeholder)",
                "error: team.yaml:6:5: member id `carl` is used twice",
            ]
        );
    }

    #[test]
    fn missing_roles_are_warnings() {
        let (t, msgs) = team("name: X\nmembers:\n  - {id: a, role: developer}\n");
        assert!(t.is_some());
        assert_eq!(
            msgs,
            vec![
                "warning: team.yaml: the team has no product owner: figures that need one show \"no data\"",
                "warning: team.yaml: the team has no scrum master: figures that need one show \"no data\"",
            ]
        );
    }

    #[test]
    fn an_alias_that_is_another_members_id_is_a_warning() {
        let (_, msgs) = team(
            "name: X\nmembers:\n  - {id: alice, role: product-owner, aliases: [Sam]}\n  - {id: sam, role: scrum-master}\n",
        );
        assert_eq!(
            msgs,
            vec!["warning: team.yaml: \"Sam\" names both `sam` and `alice`: notes using it mean `sam`"]
        );
    }

    #[test]
    fn member_id_pattern() {
        assert!(is_member_id("a.b_c-1"));
        assert!(is_member_id("9lives"));
        assert!(!is_member_id("-x"));
        assert!(!is_member_id(""));
        assert!(!is_member_id("Bob"));
    }
}
