//! From the merged state to files: which to write, which are unchanged,
//! which generated ones are gone, and which hand-written ones stay untouched.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::ImportError;
use super::config::ImportSettings;
use super::emit::{self, BacklogEntry, HEADER_PREFIX, SprintDoc};
use super::mapping::{self, Span};
use super::overlap::{self, Candidate};
use super::record::{Export, Source};
use super::shape::Shape;
use super::state::{STATE_PATH, State};
use super::team::Roster;
use crate::diagnostics::Diagnostics;
use crate::model::Date;

/// What one import run knows besides the state.
pub struct Context<'a> {
    /// The data folder.
    pub into: &'a Path,
    /// Import settings.
    pub settings: &'a ImportSettings,
    /// The tracker.
    pub source: Source,
    /// Input file names.
    pub files: &'a [String],
    /// The export's date.
    pub as_of: Date,
    /// This run's export.
    pub export: &'a Export,
}

/// One file import means to write, relative to the data folder.
#[derive(Debug, Clone)]
pub struct Planned {
    /// `sprints/phx-sprint-1.yaml`.
    pub path: String,
    /// Its whole text.
    pub content: String,
    /// `7 items, 21 points` (for the report).
    pub summary: String,
}

/// Everything a run would write and remove.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to write (or leave, when their bytes are the same).
    pub files: Vec<Planned>,
    /// Generated files no longer wanted.
    pub remove: Vec<String>,
    /// Sprints written.
    pub sprints: usize,
    /// Backlog snapshot items.
    pub backlog_items: usize,
    /// What the import did besides writing files ("folded 310 sub-tasks
    /// into 46 parents; left out 9 epics").
    pub notes: Vec<String>,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// New or different bytes.
    Written,
    /// The same bytes were there already.
    Unchanged,
    /// A generated file that is no longer wanted.
    Removed,
}

/// What a run wrote (or, with `--dry-run`, would write).
#[derive(Debug)]
pub struct Imported {
    /// The export's date.
    pub as_of: Date,
    /// Issues in the export.
    pub issues: usize,
    /// Sprint files made.
    pub sprints: usize,
    /// Items in the backlog snapshot.
    pub backlog_items: usize,
    /// Each file and what happened to it, with a summary.
    pub changes: Vec<(String, Change, String)>,
    /// What the import did besides writing files, one line each.
    pub notes: Vec<String>,
    /// Nothing was written.
    pub dry_run: bool,
}

/// Reads `.tandem/import-state.json`, or an empty state for a first import.
pub fn read_state(into: &Path, diags: &mut Diagnostics) -> Result<State, ImportError> {
    let path = into.join(STATE_PATH);
    use crate::fs::ReadError;
    // The state grows with the export it remembers: the export's limit.
    match crate::fs::read(&path, crate::fs::IMPORT_LIMIT) {
        Ok(bytes) => State::parse(&String::from_utf8_lossy(&bytes)).map_err(|(msg, pos)| {
            diags.error(&path.display().to_string(), Some(pos), msg);
            ImportError::InvalidInput
        }),
        Err(ReadError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(State::default())
        }
        Err(ReadError::Io { path, source }) => Err(ImportError::Io { action: "read", path, source }),
        Err(e) => Err(ImportError::State(e)),
    }
}

/// Sorts issue keys as people do: `PHX-2` before `PHX-10`.
fn natural(key: &str) -> (String, u64, String) {
    let digits_at =
        key.char_indices().rfind(|(_, c)| !c.is_ascii_digit()).map_or(0, |(i, c)| i + c.len_utf8());
    let number = key[digits_at..].parse().unwrap_or(0);
    (key[..digits_at].to_string(), number, key.to_string())
}

/// Existing sprint files: stem → whether import generated it.
fn existing_sprint_files(into: &Path) -> BTreeMap<String, bool> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(into.join("sprints")) else { return out };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            // A link is taken for a generated file, so that rewriting or
            // removing it stops the import with an error naming it
            // (`into_dir.rs`) instead of being read or written through.
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            out.insert(format!("sprints/{name}"), link || generated(&entry.path()));
        }
    }
    out
}

/// Whether the file starts with import's header; a link is never read.
fn generated(path: &Path) -> bool {
    crate::fs::open_regular(path, true)
        .ok()
        .and_then(|file| crate::fs::read_open(file, path, crate::fs::YAML_LIMIT).ok())
        .is_some_and(|t| t.starts_with(HEADER_PREFIX.as_bytes()))
}

/// A sprint file written by hand: the id it claims (its `id:` line, else its
/// stem) and its days, read from its top-level lines (`tandem check` reads it
/// properly; import only needs to keep clear of it).
struct HandWritten {
    path: String,
    id: String,
    span: Option<(Date, Date)>,
}

fn hand_written(into: &Path, files: &BTreeMap<String, bool>) -> Vec<HandWritten> {
    let mut out = Vec::new();
    for (path, generated) in files {
        if *generated {
            continue;
        }
        let text = crate::fs::read(&into.join(path), crate::fs::YAML_LIMIT)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        let value = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.split(" #").next().unwrap_or(v).trim().trim_matches(['"', '\'']).to_string())
        };
        let day = |key: &str| value(key).and_then(|v| crate::load::yaml::parse_iso_date(&v).ok());
        let stem = Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        out.push(HandWritten {
            path: path.clone(),
            id: value("id:").unwrap_or(stem).to_lowercase(),
            span: day("start:").zip(day("end:")),
        });
    }
    out
}

/// Decides every file of the run.
pub fn plan(ctx: &Context<'_>, state: &State, mut roster: Roster, diags: &mut Diagnostics) -> Plan {
    let mut plan = Plan::default();
    let first_file = ctx.files.first().cloned().unwrap_or_default();
    let existing = existing_sprint_files(ctx.into);
    let hand = hand_written(ctx.into, &existing);
    let shape = Shape::new(state, ctx.settings);
    plan.notes.extend(shape.summary());
    let by_sprint = items_by_sprint(state, &shape);
    let mut candidates = Vec::new();
    let mut empty = Vec::new();
    for (name, s) in &state.sprints {
        match (s.start, s.end) {
            (Some(start), Some(end)) if end >= start => {
                let items = by_sprint.get(name.as_str()).map_or(0, Vec::len);
                let id = crate::slug::slug(name);
                let clash = hand.iter().find(|h| h.span.is_some_and(|(hs, he)| hs <= end && start <= he));
                if let Some(h) = hand.iter().find(|h| h.id == id) {
                    diags.warning(
                        &h.path,
                        None,
                        format!("a hand-written sprint file has the id `{id}`, so import leaves it as it is and does not write sprint \"{name}\""),
                    );
                } else if let Some(h) = clash {
                    diags.warning(
                        &h.path,
                        None,
                        format!("sprint \"{name}\" ({start} to {end}) overlaps this hand-written sprint, so import leaves it out"),
                    );
                } else if items == 0 {
                    empty.push(name.as_str());
                } else {
                    candidates.push(Candidate { name: name.clone(), start, end, items });
                }
            }
            (Some(start), Some(end)) => diags.error(&first_file, None, format!("sprint \"{name}\" ends ({end}) before it starts ({start})")),
            _ if s.state.as_deref() == Some("future") => diags.warning(
                &first_file,
                None,
                format!("sprint \"{name}\" has no dates yet, so it is not written; its issues stay out of the backlog snapshot"),
            ),
            _ if s.last_seen == ctx.as_of => {
                let origin = ctx.export.sprints.iter().find(|d| d.name == *name).map(|d| &d.origin);
                let (file, pos) = match origin {
                    Some(o) if o.line > 0 => (o.file.as_str(), Some((o.line, 1))),
                    _ => (first_file.as_str(), None),
                };
                diags.error(
                    file,
                    pos,
                    format!("sprint \"{name}\" has no start and end dates; give them with --sprints FILE (Jira's board sprint list, or name,start,end[,goal])"),
                );
            }
            _ => {}
        }
    }
    if !empty.is_empty() {
        diags.warning(
            &first_file,
            None,
            format!(
                "{} no exported issue, so {} not written: {}",
                if empty.len() == 1 {
                    "1 sprint holds".to_string()
                } else {
                    format!("{} sprints hold", empty.len())
                },
                if empty.len() == 1 { "it is" } else { "they are" },
                empty.join(", ")
            ),
        );
    }
    let (kept, left_out) = overlap::choose(candidates);
    for s in &left_out {
        diags.warning(
            &first_file,
            None,
            format!(
                "sprint \"{}\" ({} to {}, {}) overlaps sprints that hold more items, so it is left out",
                s.name,
                s.start,
                s.end,
                count(s.items, "item")
            ),
        );
    }
    let mut used_ids = BTreeSet::new();
    let mut wanted_paths = BTreeSet::new();
    for (name, start, end) in kept {
        let record = &state.sprints[&name];
        let mut id = crate::slug::slug(&name);
        let mut n = 2;
        while !used_ids.insert(id.clone()) {
            id = format!("{}-{n}", crate::slug::slug(&name));
            n += 1;
        }
        let path = format!("sprints/{id}.yaml");
        if existing.get(&path) == Some(&false) {
            diags.warning(&path, None, format!("this file was written by hand, so import leaves it as it is and does not write sprint \"{name}\""));
            continue;
        }
        let span = Span { start, end };
        let mut items: Vec<mapping::SprintItem> = by_sprint
            .get(name.as_str())
            .into_iter()
            .flatten()
            .filter_map(|(key, item)| {
                let placed = mapping::place(key, item, &name, span, ctx.settings)?;
                Some(mapping::SprintItem { points: shape.points(key, item), ..placed })
            })
            .collect();
        items.sort_by_key(|i| natural(&i.id));
        let impediments: Vec<_> = mapping::impediments(state, &name, span)
            .into_iter()
            .map(|imp| {
                let owner =
                    state.items.get(&imp.key).and_then(|i| i.assignee()).and_then(|u| roster.member(&u));
                (imp, owner)
            })
            .collect();
        let points: f64 = items.iter().filter_map(|i| i.points).sum();
        let header = emit::header(ctx.source.as_str(), &record.files);
        let kept = if existing.get(&path) == Some(&true) {
            super::kept::read(ctx.into, &path, record.goal.is_none(), record.goal_met.is_none(), diags)
        } else {
            super::kept::Kept::default()
        };
        let doc = SprintDoc {
            id: &id,
            name: &name,
            start,
            end,
            goal: record.goal.as_deref().or(kept.goal.as_deref()),
            goal_met: record.goal_met.map(|o| o.met).or(kept.goal_met),
            items: &items,
            impediments: &impediments,
        };
        plan.files.push(Planned {
            path: path.clone(),
            content: emit::sprint(&header, &doc),
            summary: format!("{}, {} points", count(items.len(), "item"), emit::number(points)),
        });
        wanted_paths.insert(path);
        plan.sprints += 1;
    }
    plan.remove = existing
        .iter()
        .filter(|(p, generated)| **generated && !wanted_paths.contains(*p))
        .map(|(p, _)| p.clone())
        .collect();
    backlog(ctx, state, &shape, &mut roster, &mut plan, diags);
    team(ctx, state, &mut roster, &mut plan, diags);
    plan.files.push(Planned {
        path: STATE_PATH.into(),
        content: state.to_text(),
        summary: count(state.items.len(), "issue"),
    });
    plan
}

/// Every sprint name → the items ever in it, found once (sub-tasks folded
/// into their parents and epics are no items).
fn items_by_sprint<'s>(
    state: &'s State,
    shape: &Shape<'_>,
) -> BTreeMap<&'s str, Vec<(&'s String, &'s super::state::ItemRecord)>> {
    let mut by_sprint: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for (key, item) in state.items.iter().filter(|(key, _)| shape.is_item(key)) {
        for name in item.sprint_names() {
            by_sprint.entry(name).or_default().push((key, item));
        }
    }
    by_sprint
}

fn count(n: usize, noun: &str) -> String {
    crate::format::count(n, noun, &format!("{noun}s"))
}

/// The dated backlog snapshot: this export's open issues that are in no
/// running or coming sprint, in rank order.
fn backlog(
    ctx: &Context<'_>,
    state: &State,
    shape: &Shape<'_>,
    roster: &mut Roster,
    plan: &mut Plan,
    diags: &mut Diagnostics,
) {
    if ctx.into.join("backlog.yaml").exists() {
        diags.error(
            "backlog.yaml",
            None,
            "import writes dated backlog snapshots to backlog/, and a folder may hold only one form: move backlog.yaml to backlog/<its date>.yaml first",
        );
        return;
    }
    let path = format!("backlog/{}.yaml", ctx.as_of);
    let full = ctx.into.join(&path);
    // A link there is planned like any file, and writing it is refused.
    let plain = std::fs::symlink_metadata(&full).is_ok_and(|m| !m.file_type().is_symlink());
    if plain && !generated(&full) {
        diags.warning(&path, None, "this snapshot was written by hand, so import leaves it as it is");
        return;
    }
    if full.exists() && state.imports.iter().any(|r| r.as_of > ctx.as_of) {
        // An older export imported again: its snapshot was made when it was
        // the newest, from what was known then; the state has moved on since.
        return;
    }
    let mut open: Vec<(&String, &super::state::ItemRecord)> = ctx
        .export
        .issues
        .iter()
        .filter_map(|i| state.items.get_key_value(&i.key))
        .filter(|(key, item)| shape.is_item(key) && mapping::in_backlog(item, &state.sprints, ctx.as_of))
        .collect();
    open.sort_by(|a, b| {
        (a.1.rank.is_none(), &a.1.rank, a.1.order).cmp(&(b.1.rank.is_none(), &b.1.rank, b.1.order))
    });
    let entries: Vec<BacklogEntry<'_>> = open
        .iter()
        .map(|(key, item)| BacklogEntry {
            id: key,
            title: &item.title,
            points: shape.points(key, item),
            kind: ctx.settings.item_type(&item.kind),
            state: mapping::backlog_state(item, shape.points(key, item), ctx.settings),
            created: item.created,
            updated: item.updated,
            acceptance: &item.acceptance,
            owner: item.assignee().and_then(|u| roster.member(&u)),
        })
        .collect();
    plan.backlog_items = entries.len();
    let header = emit::header(ctx.source.as_str(), ctx.files);
    plan.files.push(Planned {
        path,
        content: emit::backlog(&header, &entries),
        summary: count(entries.len(), "item"),
    });
}

/// A new `team.yaml` when there is none; otherwise one warning per tracker
/// user that matches no member, with the line to add.
fn team(ctx: &Context<'_>, state: &State, roster: &mut Roster, plan: &mut Plan, diags: &mut Diagnostics) {
    if !roster.writes_team() {
        let mut warned = BTreeSet::new();
        for issue in &ctx.export.issues {
            let Some(user) = &issue.assignee else { continue };
            if roster.member(user).is_none() && warned.insert(user.clone()) {
                diags.warning(
                    &issue.origin.file,
                    (issue.origin.line > 0).then_some((issue.origin.line, 1)),
                    format!(
                        "assignee {} (first on {}) is not in team.yaml, so their items have no owner; to add them:\n{}",
                        user.label(),
                        issue.key,
                        roster.line_to_add(user)
                    ),
                );
            }
        }
        return;
    }
    for item in state.items.values() {
        if let Some(user) = item.assignee() {
            roster.member(&user);
        }
    }
    let members: Vec<_> = roster
        .new_members()
        .map(|m| m.iter().map(|(id, u)| (id.clone(), u.clone())).collect())
        .unwrap_or_default();
    if members.is_empty() {
        diags.warning(
            "team.yaml",
            None,
            "no issue has an assignee, so import wrote no team.yaml; write one by hand (see docs)",
        );
        return;
    }
    let name = ctx.export.project.clone().unwrap_or_else(|| {
        std::fs::canonicalize(ctx.into)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Team".into())
    });
    plan.files.push(Planned {
        path: "team.yaml".into(),
        content: super::team::team_yaml(ctx.files, &name, &members),
        summary: count(members.len(), "member"),
    });
}

/// Writes the plan (each file through a temporary sibling, only when its
/// bytes change) or, for a dry run, only says what would change.
pub fn apply(
    into: &Path,
    plan: Plan,
    dry_run: bool,
    as_of: Date,
    issues: usize,
) -> Result<Imported, ImportError> {
    // Before anything is read or written: no link on the way (`into_dir.rs`).
    let touched = plan.files.iter().map(|f| f.path.as_str()).chain(plan.remove.iter().map(String::as_str));
    super::into_dir::refuse_links(into, touched)?;
    let mut changes = Vec::new();
    for file in &plan.files {
        let full = into.join(&file.path);
        let same = crate::fs::holds(&full, file.content.as_bytes());
        changes.push((
            file.path.clone(),
            if same { Change::Unchanged } else { Change::Written },
            file.summary.clone(),
        ));
        if same || dry_run {
            continue;
        }
        super::into_dir::write_file(&full, &file.content).map_err(|source| ImportError::Io {
            action: "write",
            path: full.clone(),
            source,
        })?;
    }
    for path in &plan.remove {
        changes.push((path.clone(), Change::Removed, String::new()));
        if !dry_run {
            let full = into.join(path);
            std::fs::remove_file(&full).map_err(|source| ImportError::Io {
                action: "remove",
                path: full.clone(),
                source,
            })?;
        }
    }
    Ok(Imported {
        as_of,
        issues,
        sprints: plan.sprints,
        backlog_items: plan.backlog_items,
        changes,
        notes: plan.notes,
        dry_run,
    })
}
