//! Jira REST search results (`/rest/api/2|3/search`, `expand=names,changelog`)
//! into [`Issue`]s and [`SprintDef`]s.
//!
//! The sprint field is a custom field whose id differs per site
//! (`customfield_10020` on most Cloud sites): it is found by the `names` map
//! the search returns, else by the shape of its values. Its changelog dates
//! every move into and out of a sprint exactly.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::acceptance;
use super::config::ImportSettings;
use super::dates::{DateReader, json_kind};
use super::record::{Category, Export, Issue, Origin, SprintDef, SprintMove, User};
use crate::diagnostics::Diagnostics;
use crate::model::Date;

/// Well-known story point fields of Jira Cloud and Server, tried when the
/// export has no `names` map and no `points_field` is configured.
const POINT_FIELD_IDS: &[&str] =
    &["customfield_10016", "customfield_10028", "customfield_10026", "customfield_10002"];

/// Parses a JSON file, reporting a syntax error at its line and column.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let what = match e.classify() {
                serde_json::error::Category::Eof => {
                    "the JSON ends too early: the export was cut off (download it again)".to_string()
                }
                _ => {
                    let text = e.to_string();
                    let text = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m).to_string();
                    format!("not valid JSON: {text}")
                }
            };
            diags.error(file, Some((e.line().max(1) as u32, e.column().max(1) as u32)), what);
            None
        }
    }
}

/// Finds text in a JSON file and says where it is. JSON values carry no
/// positions, so an issue's messages point at its key, and a field's at the
/// field's name after it.
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of every line's start.
    starts: Vec<usize>,
    /// The last position worked out: `(offset, line, column)`. An API's JSON
    /// is often one line of megabytes, and lookups move forward through it,
    /// so columns are counted on from here instead of from the line's start.
    last: std::cell::Cell<(usize, u32, u32)>,
}

impl<'a> Locator<'a> {
    /// Indexes the lines of `text` once.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { text, starts, last: std::cell::Cell::new((0, 1, 1)) }
    }

    /// Where `needle` first appears at or after byte `from`: its offset and
    /// 1-based line and column; `from` itself when it does not appear.
    pub fn locate(&self, needle: &str, from: usize) -> (usize, (u32, u32)) {
        self.find(needle, from).unwrap_or_else(|| (from, self.line_col(from)))
    }

    /// Like [`Self::locate`], `None` when `needle` does not appear.
    pub fn find(&self, needle: &str, from: usize) -> Option<(usize, (u32, u32))> {
        let at = self.text.get(from..)?.find(needle)? + from;
        Some((at, self.line_col(at)))
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, at: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|s| *s <= at).max(1);
        let start = self.starts[line - 1];
        let (last_at, last_line, last_col) = self.last.get();
        let (from, col) =
            if last_line as usize == line && last_at <= at { (last_at, last_col) } else { (start, 1) };
        let col = col + self.text.get(from..at).map_or(0, |l| l.chars().count()) as u32;
        self.last.set((at, line as u32, col));
        (line as u32, col)
    }
}

/// Which custom fields hold what, for one export.
struct Fields {
    sprint: Option<String>,
    points: Option<String>,
    rank: Option<String>,
    flagged: Option<String>,
    /// A start-of-work field, when `import.jira.columns.started` names one.
    started: Option<String>,
    /// Each status's category, by status id and by lower-cased name, as
    /// the export's issues carry them: a changelog names statuses only.
    statuses: BTreeMap<String, Category>,
}

impl Fields {
    fn find(names: &Map<String, Value>, issues: &[Value], cfg: &ImportSettings) -> Self {
        let named = |wanted: &[&str]| {
            let mut ids: Vec<&String> = names
                .iter()
                .filter(|(_, n)| n.as_str().is_some_and(|n| wanted.iter().any(|w| n.eq_ignore_ascii_case(w))))
                .map(|(id, _)| id)
                .collect();
            ids.sort();
            ids.first().map(|s| (*s).clone())
        };
        let sample = |id: &str| issues.iter().filter_map(|i| i.get("fields")?.get(id)).find(|v| !v.is_null());
        let sprint = named(&["Sprint"]).or_else(|| {
            let first = issues.iter().filter_map(|i| i.get("fields")?.as_object()).flat_map(|f| f.iter());
            let mut ids: Vec<String> =
                first.filter(|(_, v)| looks_like_sprints(v)).map(|(k, _)| k.clone()).collect();
            ids.sort();
            ids.dedup();
            ids.into_iter().next()
        });
        let points = match &cfg.points_field {
            Some(p) => named(&[p.as_str()]).or_else(|| Some(p.clone())),
            None => named(&["Story Points", "Story point estimate"]).or_else(|| {
                POINT_FIELD_IDS
                    .iter()
                    .find(|id| sample(id).is_some_and(Value::is_number))
                    .map(|s| (*s).to_string())
            }),
        };
        let started =
            cfg.columns.get("started").map(|name| named(&[name.as_str()]).unwrap_or_else(|| name.clone()));
        Fields {
            sprint,
            points,
            rank: named(&["Rank"]),
            flagged: named(&["Flagged"]),
            started,
            statuses: statuses(issues, cfg),
        }
    }

    /// The category of a status a changelog moved an issue to: by id, then
    /// by name, then by a category name (`In Progress`) or a configured one.
    fn category_of(&self, id: &str, name: &str, cfg: &ImportSettings) -> Option<Category> {
        let lower = name.trim().to_lowercase();
        self.statuses
            .get(id.trim())
            .or_else(|| self.statuses.get(&format!("name:{lower}")))
            .copied()
            .or_else(|| cfg.status_categories.get(&lower).copied())
            .or_else(|| super::default_category(&lower))
    }
}

/// Every status the issues are in now, with its category: `id` and
/// `name:<lower-cased name>` keys.
fn statuses(issues: &[Value], cfg: &ImportSettings) -> BTreeMap<String, Category> {
    let mut map = BTreeMap::new();
    for status in issues.iter().filter_map(|i| i.pointer("/fields/status")) {
        let key = status.pointer("/statusCategory/key").and_then(Value::as_str).unwrap_or_default();
        let name =
            status.pointer("/statusCategory/name").and_then(Value::as_str).unwrap_or_default().to_lowercase();
        let category = match key {
            "done" => Some(Category::Done),
            "indeterminate" => Some(Category::InProgress),
            "new" => Some(Category::Todo),
            _ => cfg.status_categories.get(&name).copied().or_else(|| super::default_category(&name)),
        };
        let Some(category) = category else { continue };
        if let Some(id) = status.get("id").and_then(Value::as_str) {
            map.insert(id.to_string(), category);
        }
        if let Some(n) = status.get("name").and_then(Value::as_str) {
            map.insert(format!("name:{}", n.trim().to_lowercase()), category);
        }
    }
    map
}

fn looks_like_sprints(v: &Value) -> bool {
    v.as_array().and_then(|a| a.first()).is_some_and(|s| match s {
        Value::Object(o) => o.contains_key("boardId") || (o.contains_key("name") && o.contains_key("state")),
        Value::String(s) => s.starts_with("com.atlassian.greenhopper.service.sprint.Sprint"),
        _ => false,
    })
}

/// Reads one search-results file into `export`.
pub fn read(
    text: &str,
    file: &str,
    cfg: &ImportSettings,
    dates: &DateReader,
    export: &mut Export,
    diags: &mut Diagnostics,
) {
    let Some(root) = parse(text, file, diags) else { return };
    let (issues, names) = match &root {
        Value::Object(o) => match o.get("issues") {
            Some(Value::Array(a)) => (a.as_slice(), o.get("names").and_then(Value::as_object)),
            _ => {
                diags.error(file, Some((1, 1)), "not a Jira search result: expected an object with an `issues` list (from /rest/api/3/search)");
                return;
            }
        },
        Value::Array(a) => (a.as_slice(), None),
        other => {
            diags.error(file, Some((1, 1)), format!("not a Jira search result: found {}", json_kind(other)));
            return;
        }
    };
    let empty = Map::new();
    let fields = Fields::find(names.unwrap_or(&empty), issues, cfg);
    let lines = Locator::new(text);
    let reader =
        IssueReader { truncated: std::cell::Cell::new(0), lines: &lines, file, cfg, dates, fields: &fields };
    let sprint_names = define_sprints(&reader, issues, export);
    let mut cursor = 0;
    for issue in issues {
        if let Some(read) = reader.issue(issue, &sprint_names, &mut cursor, diags) {
            for d in [Some(read.created), read.updated, read.resolved].into_iter().flatten() {
                export.saw(d);
            }
            for m in &read.moves {
                export.saw(m.date);
            }
            if export.project.is_none() {
                export.project =
                    issue.pointer("/fields/project/name").and_then(Value::as_str).map(str::to_string);
            }
            export.add_issue(read);
        }
    }
    let cut = reader.truncated.get();
    if cut > 0 {
        diags.warning(
            file,
            None,
            format!(
                "Jira cut off the changelog of {cut} issue{} (more than 100 entries): their sprint moves are dated by weekly imports instead",
                if cut == 1 { "" } else { "s" }
            ),
        );
    }
}

/// Defines every sprint the issues name and returns Jira's sprint id → key.
fn define_sprints(
    reader: &IssueReader<'_>,
    issues: &[Value],
    export: &mut Export,
) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for issue in issues {
        for (id, def) in reader.sprints_of(issue) {
            if let Some(id) = id {
                keys.insert(id, def.key.clone());
            }
            export.define_sprint(def);
        }
    }
    keys
}

struct IssueReader<'a> {
    /// Issues whose changelog Jira cut off.
    truncated: std::cell::Cell<usize>,
    lines: &'a Locator<'a>,
    file: &'a str,
    cfg: &'a ImportSettings,
    dates: &'a DateReader,
    fields: &'a Fields,
}

impl IssueReader<'_> {
    /// The sprint objects on an issue, with their Jira ids.
    fn sprints_of(&self, issue: &Value) -> Vec<(Option<String>, SprintDef)> {
        let Some(id) = &self.fields.sprint else { return Vec::new() };
        let Some(values) = issue.get("fields").and_then(|f| f.get(id)).and_then(Value::as_array) else {
            return Vec::new();
        };
        let origin = Origin { file: self.file.to_string(), line: 0 };
        values
            .iter()
            .filter_map(|v| {
                let o = match v {
                    Value::Object(o) => o.clone(),
                    Value::String(s) => legacy_sprint(s),
                    _ => return None,
                };
                let text = |k: &str| {
                    o.get(k).and_then(|v| {
                        v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|n| n.to_string()))
                    })
                };
                let day = |k: &str| o.get(k).and_then(|v| self.dates.read_json(v).ok().flatten());
                let name = text("name")?;
                let id = text("id");
                Some((
                    id.clone(),
                    SprintDef {
                        key: id.map_or_else(|| name.clone(), |id| format!("jira:{id}")),
                        name,
                        start: day("startDate"),
                        end: day("endDate"),
                        goal: text("goal").filter(|g| !g.trim().is_empty()),
                        state: text("state").map(|s| s.to_lowercase()),
                        origin: origin.clone(),
                    },
                ))
            })
            .collect()
    }

    fn issue(
        &self,
        issue: &Value,
        sprint_names: &BTreeMap<String, String>,
        cursor: &mut usize,
        diags: &mut Diagnostics,
    ) -> Option<Issue> {
        let key = issue.get("key").and_then(Value::as_str).map(str::to_string);
        let (at, pos) = match &key {
            Some(k) => self.lines.locate(&format!("\"{k}\""), *cursor),
            None => (*cursor, self.lines.line_col(*cursor)),
        };
        *cursor = at;
        let Some(key) = key else {
            diags.error(self.file, Some(pos), "an issue without a `key`");
            return None;
        };
        let Some(fields) = issue.get("fields").and_then(Value::as_object) else {
            diags.error(
                self.file,
                Some(pos),
                format!("issue {key} has no `fields`: export with fields=*all"),
            );
            return None;
        };
        let errors_before = diags.counts().0;
        let at_field = |name: &str| self.lines.locate(&format!("\"{name}\""), at).1;
        let day = |name: &str, diags: &mut Diagnostics| -> Option<Date> {
            match self.dates.read_json(fields.get(name).unwrap_or(&Value::Null)) {
                Ok(d) => d,
                Err(msg) => {
                    diags.error(self.file, Some(at_field(name)), format!("issue {key}, `{name}`: {msg}"));
                    None
                }
            }
        };
        let created = day("created", diags);
        let updated = day("updated", diags);
        // Many workflows never set a resolution: then the day the status
        // category last changed is when a done issue was finished.
        let resolved = day("resolutiondate", diags).or_else(|| {
            let done =
                fields_pointer(fields, "/status/statusCategory/key").and_then(Value::as_str) == Some("done");
            if done { day("statuscategorychangedate", diags) } else { None }
        });
        if created.is_none() && !fields.contains_key("created") {
            diags.error(self.file, Some(pos), format!("issue {key} has no `created` date"));
        }
        let points = self.fields.points.as_ref().and_then(|id| match fields.get(id) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => super::points(&n.to_string(), id, self.file, || at_field(id), diags),
            Some(Value::String(s)) => super::points(s, id, self.file, || at_field(id), diags),
            Some(other) => {
                diags.error(
                    self.file,
                    Some(at_field(id)),
                    format!("issue {key}: story points should be a number, found {}", json_kind(other)),
                );
                None
            }
        });
        let title =
            fields_pointer(fields, "/summary").and_then(Value::as_str).map(str::trim).unwrap_or_default();
        if title.is_empty() {
            diags.error(self.file, Some(pos), format!("issue {key} has no summary"));
        }
        let history = self.history(issue, sprint_names, diags, &key, pos);
        if history.truncated {
            self.truncated.set(self.truncated.get() + 1);
        }
        let mapped_start = self.fields.started.as_deref().and_then(|id| day(id, diags));
        if diags.counts().0 > errors_before {
            return None;
        }
        let text = |path: &str| fields_pointer(fields, path).and_then(Value::as_str).map(str::to_string);
        let category = self.category(fields, resolved);
        // A mapped start field, else the changelog's first move into
        // progress, else, for an issue in progress now, the day its status
        // category last changed (IMPORT.md).
        let started = mapped_start.or(history.started).or_else(|| {
            (category == Category::InProgress).then(|| day("statuscategorychangedate", diags)).flatten()
        });
        let flagged = self
            .fields
            .flagged
            .as_ref()
            .and_then(|id| fields.get(id))
            .is_some_and(|v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()));
        Some(Issue {
            key,
            title: title.to_string(),
            kind: text("/issuetype/name").unwrap_or_default(),
            parent: text("/parent/key"),
            status: text("/status/name").unwrap_or_default(),
            category,
            points,
            created: created?,
            updated,
            resolved,
            started,
            assignee: fields.get("assignee").and_then(user),
            labels: fields
                .get("labels")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default(),
            acceptance: acceptance::criteria(&description(fields.get("description"))),
            sprints: self.sprints_of(issue).into_iter().map(|(_, d)| d.key).collect(),
            moves: history.moves,
            flags: history.flags,
            flagged,
            rank: self
                .fields
                .rank
                .as_ref()
                .and_then(|id| fields.get(id))
                .and_then(Value::as_str)
                .map(str::to_string),
            origin: Origin { file: self.file.to_string(), line: pos.0 },
        })
    }

    fn category(&self, fields: &Map<String, Value>, resolved: Option<Date>) -> Category {
        let key =
            fields_pointer(fields, "/status/statusCategory/key").and_then(Value::as_str).unwrap_or_default();
        let name = fields_pointer(fields, "/status/statusCategory/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_lowercase();
        let category = match key {
            "done" => Category::Done,
            "indeterminate" => Category::InProgress,
            "new" => Category::Todo,
            _ => self
                .cfg
                .status_categories
                .get(&name)
                .copied()
                .or_else(|| super::default_category(&name))
                .unwrap_or(if resolved.is_some() { Category::Done } else { Category::Todo }),
        };
        let resolution = fields_pointer(fields, "/resolution/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_lowercase();
        if category == Category::Done && self.cfg.is_dropped_resolution(&resolution) {
            Category::Dropped
        } else {
            category
        }
    }

    /// The changelog's sprint moves, flag changes and first move into
    /// progress.
    fn history(
        &self,
        issue: &Value,
        sprint_names: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
        key: &str,
        pos: (u32, u32),
    ) -> History {
        let mut moves = Vec::new();
        let mut flags = Vec::new();
        let mut started = None;
        let histories = issue
            .pointer("/changelog/histories")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let total = issue.pointer("/changelog/total").and_then(Value::as_u64).unwrap_or(0);
        if total > histories.len() as u64 {
            // A cut-off history would misplace the issue before its first
            // recorded move: successive imports date it instead.
            return History { truncated: true, ..History::default() };
        }
        // Jira's history ids grow with time; keep that order within a day.
        let mut histories: Vec<&Value> = histories.iter().collect();
        histories.sort_by_key(|h| h.get("id").and_then(|id| id.as_str()?.parse::<u64>().ok()).unwrap_or(0));
        for h in histories {
            let Some(items) = h.get("items").and_then(Value::as_array) else { continue };
            let date = match self.dates.read_json(h.get("created").unwrap_or(&Value::Null)) {
                Ok(Some(d)) => d,
                Ok(None) => continue,
                Err(msg) => {
                    diags.error(self.file, Some(pos), format!("issue {key}, changelog `created`: {msg}"));
                    continue;
                }
            };
            for item in items {
                let field = item.get("field").and_then(Value::as_str).unwrap_or_default();
                let s = |k: &str| item.get(k).and_then(Value::as_str).unwrap_or_default();
                if field.eq_ignore_ascii_case("sprint") {
                    let from = sprint_set(s("from"), s("fromString"), sprint_names);
                    let to = sprint_set(s("to"), s("toString"), sprint_names);
                    moves.extend(to.difference(&from).map(|n| SprintMove {
                        date,
                        sprint: n.clone(),
                        entered: true,
                    }));
                    moves.extend(from.difference(&to).map(|n| SprintMove {
                        date,
                        sprint: n.clone(),
                        entered: false,
                    }));
                } else if field.eq_ignore_ascii_case("flagged") {
                    flags.push((date, !s("toString").trim().is_empty()));
                } else if field.eq_ignore_ascii_case("status") && started.is_none() {
                    let category = self.fields.category_of(s("to"), s("toString"), self.cfg);
                    started = (category == Some(Category::InProgress)).then_some(date);
                }
            }
        }
        // Stable: same-day moves stay in the order they happened.
        moves.sort_by_key(|m| m.date);
        flags.sort_by_key(|f| f.0);
        History { moves, flags, started, truncated: false }
    }
}

/// What an issue's changelog says.
#[derive(Debug, Default)]
struct History {
    /// Dated moves into and out of sprints.
    moves: Vec<SprintMove>,
    /// Dated flag changes.
    flags: Vec<(Date, bool)>,
    /// The first move into a status of category In Progress.
    started: Option<Date>,
    /// Jira cut the changelog off: nothing above is known.
    truncated: bool,
}

fn fields_pointer<'a>(fields: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let first = fields.get(parts.next()?)?;
    match parts.next() {
        Some(rest) => first.pointer(&format!("/{rest}")),
        None => Some(first),
    }
}

/// The sprint names a changelog value lists: ids mapped through the sprint
/// objects when known, else the names Jira wrote beside them.
fn sprint_set(ids: &str, names: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    let ids: Vec<&str> = ids.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let written: Vec<&str> = names.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if !ids.is_empty() && ids.iter().all(|id| known.contains_key(*id)) {
        return ids.iter().filter_map(|id| known.get(*id).cloned()).collect();
    }
    written.iter().map(|s| (*s).to_string()).collect()
}

/// Jira Server's old sprint strings: `com.atlassian...Sprint@1a2b[id=3,state=CLOSED,name=S 3,startDate=...]`.
fn legacy_sprint(s: &str) -> Map<String, Value> {
    let inner = s.split_once('[').map_or("", |(_, r)| r.trim_end_matches(']'));
    let mut map = Map::new();
    for pair in inner.split(',') {
        if let Some((k, v)) = pair.split_once('=')
            && v != "<null>"
        {
            map.insert(k.trim().to_string(), Value::String(v.to_string()));
        }
    }
    map
}

fn user(v: &Value) -> Option<User> {
    let o = v.as_object()?;
    let get = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string).filter(|s| !s.is_empty());
    let u = User {
        username: get("name").or_else(|| get("username")),
        name: get("displayName"),
        account: get("accountId"),
    };
    (!u.is_empty()).then_some(u)
}

/// A description as text: v2 gives wiki markup, v3 an Atlassian document,
/// flattened here to Markdown-like lines.
fn description(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(doc @ Value::Object(_)) => {
            let mut out = String::new();
            flatten(doc, &mut out, 0);
            out
        }
        _ => String::new(),
    }
}

fn flatten(node: &Value, out: &mut String, depth: usize) {
    if depth > 32 {
        return;
    }
    let kind = node.get("type").and_then(Value::as_str).unwrap_or_default();
    let prefix = match kind {
        "heading" => "### ",
        "listItem" => "- ",
        "taskItem" if node.pointer("/attrs/state").and_then(Value::as_str) == Some("DONE") => "- [x] ",
        "taskItem" => "- [ ] ",
        _ => "",
    };
    if kind == "text" {
        out.push_str(node.get("text").and_then(Value::as_str).unwrap_or_default());
        return;
    }
    out.push_str(prefix);
    if let Some(children) = node.get("content").and_then(Value::as_array) {
        for c in children {
            flatten(c, out, depth + 1);
        }
    }
    if matches!(kind, "heading" | "paragraph" | "taskItem") && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changelog_sets_map_ids_through_sprint_objects() {
        let known: BTreeMap<String, String> =
            [("12".into(), "PHX Sprint 1".into()), ("13".into(), "PHX Sprint 2".into())].into();
        let from = sprint_set("12", "PHX Sprint 1", &known);
        let to = sprint_set("12, 13", "PHX Sprint 1, PHX Sprint 2", &known);
        // Closing a sprint moves open issues on: the closed sprint stays, so it is no removal.
        assert_eq!(to.difference(&from).collect::<Vec<_>>(), vec!["PHX Sprint 2"]);
        assert!(from.difference(&to).next().is_none());
        // Unknown ids fall back to the names Jira wrote.
        assert_eq!(
            sprint_set("99", "Old board sprint", &known).into_iter().collect::<Vec<_>>(),
            vec!["Old board sprint"]
        );
    }

    #[test]
    fn jira_server_sprint_strings_are_read() {
        let s = "com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=3,rapidViewId=1,state=CLOSED,name=S 3,startDate=2026-03-02T09:00:00.000Z,endDate=2026-03-13T17:00:00.000Z,completeDate=<null>,sequence=3]";
        let map = legacy_sprint(s);
        assert_eq!(map.get("name").and_then(Value::as_str), Some("S 3"));
        assert_eq!(map.get("startDate").and_then(Value::as_str), Some("2026-03-02T09:00:00.000Z"));
        assert!(!map.contains_key("completeDate"));
        assert!(looks_like_sprints(&Value::Array(vec![Value::String(s.into())])));
    }

    #[test]
    fn atlassian_documents_flatten_to_lines_criteria_can_be_read_from() {
        let doc = serde_json::json!({"type": "doc", "content": [
            {"type": "heading", "content": [{"type": "text", "text": "Acceptance criteria"}]},
            {"type": "bulletList", "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Totals add up"}]}]}
            ]}
        ]});
        let text = description(Some(&doc));
        assert_eq!(acceptance::criteria(&text), vec!["Totals add up"]);
    }

    #[test]
    fn positions_are_found_without_rescanning_the_file() {
        let lines = Locator::new("{\n  \"key\": \"A-1\",\n  \"key\": \"A-10\"\n}");
        assert_eq!(lines.locate("\"A-10\"", 0).1, (3, 10));
        assert_eq!(lines.locate("\"missing\"", 5).1, (2, 4));
    }
}
