//! `.tandem/import-state.json`: everything earlier imports saw, so that
//! weekly imports build up history that no single export carries.
//!
//! An export is merged into the state, and the data folder's files are made
//! from the state, never from the export alone: an issue that this week's
//! export leaves out (a narrower filter) keeps what was known of it, and an
//! issue that left a sprint between two exports is dated by the second one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::{Category, Export, Issue, Source, SprintMove, User};
use crate::model::Date;

/// Where the state lives in the data folder.
pub const STATE_PATH: &str = ".tandem/import-state.json";

/// The state file's format version.
const VERSION: u32 = 1;

/// What every import so far saw.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Format version.
    pub version: u32,
    /// One entry per import, by date.
    #[serde(default)]
    pub imports: Vec<Run>,
    /// Sprints by name.
    #[serde(default)]
    pub sprints: BTreeMap<String, SprintRecord>,
    /// Issues by key.
    #[serde(default)]
    pub items: BTreeMap<String, ItemRecord>,
}

/// One import run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Run {
    /// The export's date.
    pub as_of: Date,
    /// `jira` or `gitlab`.
    pub source: String,
    /// The input files' names.
    pub files: Vec<String>,
}

/// A sprint as last seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SprintRecord {
    /// Dates, goal and state as the newest export gave them.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Goal.
    pub goal: Option<String>,
    /// `future`, `active`, `closed`.
    pub state: Option<String>,
    /// The goal outcome a sprint list gave, with the date of the import
    /// that gave it: the newest one given wins, a blank one changes nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal_met: Option<Outcome>,
    /// The tracker.
    pub source: String,
    /// Files it was last read from (named in the generated file's header).
    pub files: Vec<String>,
    /// First and last import that saw it.
    pub first_seen: Date,
    /// Last import that saw it.
    pub last_seen: Date,
}

/// A sprint goal's outcome as a sprint list gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Whether the goal was met.
    pub met: bool,
    /// The import that gave it.
    pub as_of: Date,
}

/// An issue's time in one sprint, as imports saw it (derived from the
/// dated observations, so the order imports ran in does not matter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// First import that saw the issue in the sprint.
    pub first_seen: Date,
    /// Last import that saw it there.
    pub last_seen: Date,
    /// The first import that saw the issue no longer there.
    pub left: Option<Date>,
}

/// A flagged stretch: an impediment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    /// Flagged on.
    pub raised: Date,
    /// Unflagged on.
    pub resolved: Option<Date>,
}

/// An issue as the newest export that had it gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    /// The tracker.
    pub source: String,
    /// Summary.
    pub title: String,
    /// Tracker issue type.
    pub kind: String,
    /// The parent issue's key (a sub-task's story; a story's epic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Tracker status.
    pub status: String,
    /// Status category.
    pub category: Category,
    /// Points; `None` when unestimated.
    pub points: Option<f64>,
    /// Created.
    pub created: Date,
    /// Updated.
    pub updated: Option<Date>,
    /// Resolved or closed.
    pub resolved: Option<Date>,
    /// The day work began, when the export says (IMPORT.md); absent in
    /// states written before tandem knew of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// Assignee's login.
    pub assignee_username: Option<String>,
    /// Assignee's display name.
    pub assignee_name: Option<String>,
    /// Assignee's account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_account: Option<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Acceptance criteria.
    pub acceptance: Vec<String>,
    /// Tracker rank.
    pub rank: Option<String>,
    /// Position in the newest export (backlog order without a rank).
    pub order: usize,
    /// Each import that saw the issue: its date → the sprints the issue was in.
    pub seen: BTreeMap<Date, Vec<String>>,
    /// Dated sprint moves from the newest changelog.
    pub moves: Vec<MoveRecord>,
    /// Impediment flags.
    pub flags: Vec<Flag>,
}

impl ItemRecord {
    /// An issue from `source` created on `created`, `order`th in its export,
    /// before anything else is known of it.
    pub(crate) fn new(source: &str, created: Date, order: usize) -> ItemRecord {
        ItemRecord {
            source: source.into(),
            title: String::new(),
            kind: String::new(),
            parent: None,
            status: String::new(),
            category: Category::Todo,
            points: None,
            created,
            updated: None,
            resolved: None,
            started: None,
            assignee_username: None,
            assignee_name: None,
            assignee_account: None,
            labels: Vec::new(),
            acceptance: Vec::new(),
            rank: None,
            order,
            seen: BTreeMap::new(),
            moves: Vec::new(),
            flags: Vec::new(),
        }
    }

    /// The first import that saw the issue.
    pub fn first_seen(&self) -> Option<Date> {
        self.seen.keys().next().copied()
    }

    /// The newest import that saw the issue.
    pub fn last_seen(&self) -> Option<Date> {
        self.seen.keys().next_back().copied()
    }

    /// Every sprint the issue was ever seen in or moved into or out of.
    pub fn sprint_names(&self) -> std::collections::BTreeSet<&str> {
        let seen = self.seen.values().flatten().map(String::as_str);
        seen.chain(self.moves.iter().map(|m| m.sprint.as_str())).collect()
    }

    /// The issue's time in sprint `name` as the imports saw it; `None` when
    /// no import saw it there (a changelog may still have).
    pub fn membership(&self, name: &str) -> Option<Membership> {
        let mut with = self.seen.iter().filter(|(_, s)| s.iter().any(|n| n == name)).map(|(d, _)| *d);
        let first_seen = with.next()?;
        let last_seen = with.next_back().unwrap_or(first_seen);
        let left = self.seen.range(last_seen..).nth(1).map(|(d, _)| *d);
        Some(Membership { first_seen, last_seen, left })
    }

    /// Whether an import saw the issue, not in sprint `name`, on a day in `from..until`.
    pub fn seen_outside(&self, name: &str, from: Date, until: Date) -> bool {
        from < until && self.seen.range(from..until).any(|(_, s)| !s.iter().any(|n| n == name))
    }

    /// The assignee, as a tracker user.
    pub fn assignee(&self) -> Option<User> {
        let u = User {
            username: self.assignee_username.clone(),
            name: self.assignee_name.clone(),
            account: self.assignee_account.clone(),
        };
        (!u.is_empty()).then_some(u)
    }
}

/// A changelog move, as stored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveRecord {
    /// Day.
    pub date: Date,
    /// Sprint name.
    pub sprint: String,
    /// Entered (`true`) or left.
    pub entered: bool,
}

impl From<&SprintMove> for MoveRecord {
    fn from(m: &SprintMove) -> Self {
        MoveRecord { date: m.date, sprint: m.sprint.clone(), entered: m.entered }
    }
}

impl State {
    /// Reads a state file's text; `Err` holds a message and a position.
    pub fn parse(text: &str) -> Result<State, (String, (u32, u32))> {
        let state: State = serde_json::from_str(text).map_err(|e| {
            (
                format!("cannot read the import state ({e}); delete the file to start the history over"),
                (e.line() as u32, e.column() as u32),
            )
        })?;
        if state.version != VERSION {
            return Err((
                format!(
                    "import state version {} is not {VERSION}; delete the file to start over",
                    state.version
                ),
                (1, 1),
            ));
        }
        Ok(state)
    }

    /// The state as written: pretty JSON, keys sorted, a final newline.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Merges one export, dated `as_of`, into what earlier imports saw. An
    /// export older than what is known of an issue does not overwrite it, so
    /// importing last month's file again changes nothing.
    pub fn merge(&mut self, export: &Export, source: Source, files: &[String], as_of: Date) {
        self.version = VERSION;
        let run = Run { as_of, source: source.as_str().into(), files: files.to_vec() };
        self.imports.retain(|r| !(r.as_of == as_of && r.source == run.source));
        self.imports.push(run);
        self.imports.sort();
        for def in &export.sprints {
            let rec = self.sprints.entry(def.name.clone()).or_insert_with(|| SprintRecord {
                start: None,
                end: None,
                goal: None,
                state: None,
                goal_met: None,
                source: source.as_str().into(),
                files: files.to_vec(),
                first_seen: as_of,
                last_seen: as_of,
            });
            rec.first_seen = rec.first_seen.min(as_of);
            if as_of >= rec.last_seen {
                rec.last_seen = as_of;
                rec.start = def.start.or(rec.start);
                rec.end = def.end.or(rec.end);
                rec.goal = def.goal.clone().or(rec.goal.take());
                rec.state = def.state.clone().or(rec.state.take());
                rec.files = files.to_vec();
            }
            if let Some(&met) = export.outcomes.get(&def.name)
                && rec.goal_met.is_none_or(|known| as_of >= known.as_of)
            {
                rec.goal_met = Some(Outcome { met, as_of });
            }
        }
        for (order, issue) in export.issues.iter().enumerate() {
            self.merge_issue(issue, order, source, as_of);
        }
    }

    fn merge_issue(&mut self, issue: &Issue, order: usize, source: Source, as_of: Date) {
        let fresh = || ItemRecord::new(source.as_str(), issue.created, order);
        let rec = self.items.entry(issue.key.clone()).or_insert_with(fresh);
        let newest = rec.last_seen().is_none_or(|last| as_of >= last);
        rec.seen.insert(as_of, issue.sprints.clone());
        if !newest {
            // An older export adds what it saw, and changes nothing newer.
            return;
        }
        rec.title = issue.title.clone();
        rec.kind = issue.kind.clone();
        rec.parent = issue.parent.clone();
        rec.status = issue.status.clone();
        rec.category = issue.category;
        rec.points = issue.points;
        rec.created = issue.created;
        rec.updated = issue.updated;
        rec.resolved = issue.resolved;
        // An export that cannot tell (a CSV after a JSON with a changelog)
        // keeps what an earlier one knew.
        rec.started = issue.started.or(rec.started);
        rec.assignee_username = issue.assignee.as_ref().and_then(|a| a.username.clone());
        rec.assignee_name = issue.assignee.as_ref().and_then(|a| a.name.clone());
        rec.assignee_account = issue.assignee.as_ref().and_then(|a| a.account.clone());
        rec.labels = issue.labels.clone();
        rec.acceptance = issue.acceptance.clone();
        rec.rank = issue.rank.clone();
        rec.order = order;
        if !issue.moves.is_empty() {
            rec.moves = issue.moves.iter().map(MoveRecord::from).collect();
        }
        merge_flags(rec, issue, as_of);
    }
}

/// Impediment flags: a changelog dates them exactly; otherwise an import
/// that first sees an issue flagged opens one, and one that sees it no
/// longer flagged (or finished) closes it.
fn merge_flags(rec: &mut ItemRecord, issue: &Issue, as_of: Date) {
    if !issue.flags.is_empty() {
        rec.flags.clear();
        for (date, on) in &issue.flags {
            let open = rec.flags.last().is_some_and(|f| f.resolved.is_none());
            match (on, open) {
                (true, false) => rec.flags.push(Flag { raised: *date, resolved: None }),
                (false, true) => {
                    if let Some(f) = rec.flags.last_mut() {
                        f.resolved = Some(*date);
                    }
                }
                _ => {}
            }
        }
        return;
    }
    let open = rec.flags.last().is_some_and(|f| f.resolved.is_none());
    let finished = matches!(issue.category, Category::Done | Category::Dropped);
    if issue.flagged && !open && !finished {
        rec.flags.push(Flag { raised: as_of, resolved: None });
    } else if open && (!issue.flagged || finished) {
        let day = if finished { issue.resolved.unwrap_or(as_of).min(as_of) } else { as_of };
        if let Some(f) = rec.flags.last_mut() {
            f.resolved = Some(day.max(f.raised));
        }
    }
}
