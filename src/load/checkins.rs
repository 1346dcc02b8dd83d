//! `checkins/<YYYY-MM-DD>-<member>.yaml`: the five practices rated 1 to 5
//! by the member who checked in (docs/data.md, "Check-ins").
//!
//! Rules chosen here, beside the spec's:
//! - the file name gives the date and the member; `by` must name the same
//!   member (an error at `by` otherwise): the name is what people see in a
//!   file list, `by` what the spec asks for, and two that disagree mean one
//!   is a copy-and-paste slip;
//! - a `README` file in `checkins/` (what `tandem init` writes) is skipped
//!   without a word; any other file that is not `.yaml`/`.yml` is warned about;
//! - `comment` is read only to check that it is text, then dropped: it never
//!   reaches the model, so nothing can publish it;
//! - a check-in without any rating is a warning; it still took place.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::load::walk::{Entry, Fence};
use crate::load::yaml::{Fields, Node, Value, one_of, parse_iso_date, preview, suggest};
use crate::model::dates::add_days;
use crate::model::{Checkin, Checkins, Date, PRACTICE_KEYS, Project, RATINGS, Role, Team};

const CHECKIN_KEYS: &[&str] = &["by", "ratings", "comment"];

/// The folder, relative to the data folder.
pub const FOLDER: &str = "checkins";

/// Reads every check-in under `checkins/`; `read_yaml` reads and parses one
/// file (and counts it).
pub fn load(
    fence: &Fence,
    team: Option<&Team>,
    diags: &mut Diagnostics,
    read_yaml: &mut impl FnMut(&str, &Path, &mut Diagnostics) -> Option<Node>,
) -> Checkins {
    let folder = fence.place(FOLDER, diags).is_some_and(|p| p.is_dir());
    let mut list: Vec<Checkin> = Vec::new();
    for entry in fence.walk(FOLDER, false, diags) {
        let (disk, rel) = match entry {
            Entry::Folder { rel } => {
                diags.warning(&rel, None, "folder not read: check-ins must sit directly in checkins/");
                continue;
            }
            Entry::File { disk, rel } => (disk, rel),
        };
        let name = rel.rsplit('/').next().unwrap_or("");
        let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "yaml" | "yml") {
            if !name.to_lowercase().starts_with("readme") {
                diags.warning(&rel, None, "not read: only .yaml and .yml files are read in checkins/");
            }
            continue;
        }
        let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let named = file_name(stem, &rel, diags);
        let Some(node) = read_yaml(&rel, &disk, diags) else { continue };
        if let Some(checkin) = read_checkin(&node, &rel, named, team, diags) {
            list.push(checkin);
        }
    }
    Checkins { folder, list: without_repeats(list, diags) }
}

/// The date and member id a file name gives: `2026-10-19-maria`. An error
/// (and `None`) for a name that does not start with a real date followed by
/// `-` and a member id.
fn file_name<'a>(stem: &'a str, path: &str, diags: &mut Diagnostics) -> Option<(Date, &'a str)> {
    let example = "name it after the day and the member who checked in, e.g. checkins/2026-10-19-maria.yaml";
    let (day, member) = match (stem.get(..10), stem.get(10..)) {
        (Some(day), Some(rest)) => (day, rest.strip_prefix('-')),
        _ => (stem, None),
    };
    let date = match parse_iso_date(day) {
        Ok(date) => date,
        Err(_) if day.len() == 10 && day.chars().all(|c| c.is_ascii_digit() || c == '-') => {
            diags.error(path, None, format!("the file name's date {day} is not a real calendar date"));
            return None;
        }
        Err(_) => {
            diags.error(path, None, format!("the file name does not start with a date: {example}"));
            return None;
        }
    };
    match member.filter(|m| !m.is_empty()) {
        Some(member) => Some((date, member)),
        None => {
            diags.error(path, None, format!("the file name has no member id after the date: {example}"));
            None
        }
    }
}

/// One check-in file; `named` is what its file name gives, when it is usable.
fn read_checkin(
    node: &Node,
    path: &str,
    named: Option<(Date, &str)>,
    team: Option<&Team>,
    diags: &mut Diagnostics,
) -> Option<Checkin> {
    let needs = "a check-in needs `by` (who checked in) and `ratings` from 1 to 5";
    let f = Fields::of_file(node, path, "check-in", CHECKIN_KEYS, needs, diags)?;
    let by = f.text("by", diags);
    // Read to check it is text, and dropped: a comment is never published.
    let _ = f.opt_text("comment", diags);
    let errors = diags.counts().0;
    let ratings = read_ratings(&f, diags);
    let ratings_read = diags.counts().0 == errors;
    let by = by.filter(|by| known_member(team, by, path, f.pos_of("by"), diags))?;
    let (date, member) = named?;
    if by != member {
        diags.error(
            path,
            Some(f.pos_of("by")),
            format!(
                "`by` is `{by}` but the file name says `{member}`: name the file after the member who checked in ({date}-{by}.yaml)"
            ),
        );
        return None;
    }
    if ratings.is_empty() && ratings_read {
        diags.warning(
            path,
            Some(f.pos()),
            "no ratings: rate at least one practice from 1 (poor) to 5 (great); the check-in only counts as taken place",
        );
    }
    Some(Checkin { by, date, ratings, path: path.to_string() })
}

/// Whether `by` names a member; an error with the closest id otherwise.
fn known_member(team: Option<&Team>, by: &str, path: &str, pos: (u32, u32), diags: &mut Diagnostics) -> bool {
    let Some(team) = team else { return true };
    if team.member(by).is_some() {
        return true;
    }
    let hint = match suggest(by, team.members.iter().map(|m| m.id.as_str())) {
        Some(s) => format!(" (did you mean `{s}`?)"),
        None => String::new(),
    };
    diags.error(path, Some(pos), format!("`by`: `{by}` is not a member id in team.yaml{hint}"));
    false
}

/// `ratings:`, practice key to a whole number from 1 to 5. Unknown
/// practices and ratings out of range are errors, located at the key or
/// the value; an empty value counts as not rated.
fn read_ratings(f: &Fields<'_>, diags: &mut Diagnostics) -> std::collections::BTreeMap<String, u8> {
    let mut ratings = std::collections::BTreeMap::new();
    let Some(node) = f.get("ratings") else { return ratings };
    let Value::Map(entries) = &node.value else {
        diags.error(
            f.path(),
            Some(node.pos),
            format!("`ratings` should be the practices with a rating each, found {}", node.describe()),
        );
        return ratings;
    };
    for (key, value) in entries {
        if !PRACTICE_KEYS.contains(&key.name.as_str()) {
            let hint = match suggest(&key.name, PRACTICE_KEYS) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the practices are {}", one_of(&PRACTICE_KEYS)),
            };
            diags.error(f.path(), Some(key.pos), format!("unknown practice `{}` ({hint})", key.name));
            continue;
        }
        match value.value {
            Value::Null => {}
            Value::Int(r) if u8::try_from(r).is_ok_and(|r| RATINGS.contains(&r)) => {
                ratings.insert(key.name.clone(), u8::try_from(r).unwrap_or(0));
            }
            Value::Int(r) => diags.error(
                f.path(),
                Some(value.pos),
                format!("`{}` is rated {r}: ratings go from 1 (poor) to 5 (great)", key.name),
            ),
            _ => diags.error(
                f.path(),
                Some(value.pos),
                format!(
                    "`{}` should be rated with a whole number from 1 (poor) to 5 (great), found {}",
                    key.name,
                    preview(value)
                ),
            ),
        }
    }
    ratings
}

/// The check-ins by date then member; a second one by the same member on
/// the same day (`.yaml` beside `.yml`) is an error naming the first.
fn without_repeats(mut list: Vec<Checkin>, diags: &mut Diagnostics) -> Vec<Checkin> {
    list.sort_by(|a, b| (a.date, &a.by, &a.path).cmp(&(b.date, &b.by, &b.path)));
    let mut kept: Vec<Checkin> = Vec::new();
    for checkin in list {
        if let Some(first) = kept.last().filter(|k| k.date == checkin.date && k.by == checkin.by) {
            diags.error(
                &checkin.path,
                None,
                format!(
                    "a second check-in by `{}` on {}: {} is the first; keep one",
                    checkin.by, checkin.date, first.path
                ),
            );
            continue;
        }
        kept.push(checkin);
    }
    kept
}

/// How recent a check-in by the product owner or the scrum master must be
/// for `check` to stay quiet about it.
pub const REMIND_DAYS: i64 = 28;

/// A hint (never a warning) when the team keeps a `checkins/` folder and
/// neither its product owner nor its scrum master has checked in during
/// the [`REMIND_DAYS`] days ending on `date`. A team without the folder
/// has not taken up check-ins and is not reminded on every run; `tandem
/// init` writes one.
pub fn remind(project: &Project, date: Date, diags: &mut Diagnostics) {
    let team = &project.team;
    let pair = |id: &str| team.has_role(id, Role::ProductOwner) || team.has_role(id, Role::ScrumMaster);
    let who = match (team.sole(Role::ProductOwner), team.sole(Role::ScrumMaster)) {
        (Some(_), Some(_)) => "neither the product owner nor the scrum master has",
        (Some(_), None) => "the product owner has not",
        (None, Some(_)) => "the scrum master has not",
        (None, None) => return,
    };
    if !project.checkins.folder {
        return;
    }
    let since = add_days(date, 1 - REMIND_DAYS);
    let last = project.checkins.list.iter().filter(|c| pair(&c.by) && c.date <= date).map(|c| c.date).max();
    if last.is_some_and(|d| d >= since) {
        return;
    }
    let last = last.map_or_else(String::new, |d| format!(" (the last check-in was on {d})"));
    diags.hint(
        FOLDER,
        format!(
            "{who} checked in during the last {REMIND_DAYS} days{last}: each rates the five practices from 1 to 5 in checkins/<date>-<member>.yaml, and the dashboard shows the ratings beside the evidence"
        ),
    );
}

#[cfg(test)]
#[path = "checkins_tests.rs"]
mod tests;
