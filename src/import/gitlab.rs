//! GitLab REST v4 issue lists (`/projects/:id/issues`, one page per file) into
//! [`Issue`]s and the iterations they name.

use serde_json::{Map, Value};

use super::acceptance;
use super::dates::{DateReader, json_kind};
use super::jira_json::{Locator, parse};
use super::record::{Category, Export, Issue, Origin, SprintDef, User};
use crate::diagnostics::Diagnostics;
use crate::model::Date;

/// Reads one page of issues into `export`.
pub fn read(text: &str, file: &str, dates: &DateReader, export: &mut Export, diags: &mut Diagnostics) {
    let Some(root) = parse(text, file, diags) else { return };
    let Value::Array(issues) = &root else {
        let hint = match root.get("message").or_else(|| root.get("error")) {
            Some(m) => format!(" (GitLab answered: {})", m.to_string().trim_matches('"')),
            None => String::new(),
        };
        diags.error(
            file,
            Some((1, 1)),
            format!("not a GitLab issue list: expected a list of issues from /projects/:id/issues, found {}{hint}", json_kind(&root)),
        );
        return;
    };
    let lines = Locator::new(text);
    let mut cursor = 0;
    for (n, issue) in issues.iter().enumerate() {
        let Some(o) = issue.as_object() else {
            let pos = lines.line_col(cursor);
            diags.error(
                file,
                Some(pos),
                format!("item {} of the list is {}, not an issue", n + 1, json_kind(issue)),
            );
            continue;
        };
        let iid = o.get("iid").and_then(Value::as_i64);
        let needles = match iid {
            Some(iid) => vec![format!("\"iid\": {iid}"), format!("\"iid\":{iid}"), "\"iid\"".into()],
            None => vec!["{".to_string()],
        };
        let (at, pos) = needles
            .iter()
            .find_map(|n| lines.find(n, cursor))
            .unwrap_or_else(|| (cursor, lines.line_col(cursor)));
        cursor = at + 1;
        let Some(iid) = iid else {
            diags.error(
                file,
                Some(pos),
                format!("item {} of the list has no `iid`: is this a GitLab issue list?", n + 1),
            );
            continue;
        };
        if let Some(def) = iteration(o, file, pos, dates) {
            export.define_sprint(def);
        }
        let place = Place { file, lines: &lines, at, pos, dates };
        if let Some(read) = read_issue(o, iid, &place, diags) {
            for d in [Some(read.created), read.updated, read.resolved].into_iter().flatten() {
                export.saw(d);
            }
            export.add_issue(read);
        }
    }
}

/// The issue's iteration, named by its title, else `Iteration <sequence>`.
fn iteration(o: &Map<String, Value>, file: &str, pos: (u32, u32), dates: &DateReader) -> Option<SprintDef> {
    let it = o.get("iteration")?.as_object()?;
    let title = it.get("title").and_then(Value::as_str).filter(|t| !t.trim().is_empty()).map(str::to_string);
    let name =
        title.or_else(|| it.get("sequence").and_then(Value::as_i64).map(|s| format!("Iteration {s}")))?;
    let day = |k: &str| it.get(k).and_then(|v| dates.read_json(v).ok().flatten());
    let key = it.get("id").and_then(Value::as_i64).map_or_else(|| name.clone(), |id| format!("gitlab:{id}"));
    Some(SprintDef {
        key,
        name,
        start: day("start_date"),
        end: day("due_date"),
        goal: it
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|g| !g.trim().is_empty()),
        state: it
            .get("state")
            .and_then(|s| s.as_str().map(str::to_string).or_else(|| s.as_i64().map(state_word))),
        origin: Origin { file: file.to_string(), line: pos.0 },
    })
}

/// GitLab's numeric iteration states (1 upcoming, 2 current, 3 closed).
fn state_word(n: i64) -> String {
    match n {
        1 => "future",
        2 => "active",
        _ => "closed",
    }
    .to_string()
}

/// Where an issue is: its page (the file as given, its lines), the offset
/// and position of the issue in it, and how the page's dates read.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
    lines: &'a Locator<'a>,
    at: usize,
    pos: (u32, u32),
    dates: &'a DateReader,
}

fn read_issue(o: &Map<String, Value>, iid: i64, place: &Place<'_>, diags: &mut Diagnostics) -> Option<Issue> {
    let Place { file, lines, at, pos, dates } = *place;
    let key = format!("#{iid}");
    let errors_before = diags.counts().0;
    let at_field = |name: &str| lines.locate(&format!("\"{name}\""), at).1;
    let day = |name: &str, diags: &mut Diagnostics| -> Option<Date> {
        match dates.read_json(o.get(name).unwrap_or(&Value::Null)) {
            Ok(d) => d,
            Err(msg) => {
                diags.error(file, Some(at_field(name)), format!("issue {key}, `{name}`: {msg}"));
                None
            }
        }
    };
    let created = day("created_at", diags);
    let updated = day("updated_at", diags);
    let closed = day("closed_at", diags);
    if created.is_none() && diags.counts().0 == errors_before {
        diags.error(file, Some(pos), format!("issue {key} has no `created_at`"));
    }
    let points = match o.get("weight") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => super::points(&n.to_string(), "weight", file, || at_field("weight"), diags),
        Some(other) => {
            diags.error(
                file,
                Some(at_field("weight")),
                format!("issue {key}: `weight` should be a whole number, found {}", json_kind(other)),
            );
            None
        }
    };
    if diags.counts().0 > errors_before {
        return None;
    }
    let labels: Vec<String> = o
        .get("labels")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|l| l.as_str().or_else(|| l.get("name").and_then(Value::as_str)))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let state = o.get("state").and_then(Value::as_str).unwrap_or("opened");
    let category = match state {
        "closed" if labels.iter().any(|l| is_dropped_label(l)) => Category::Dropped,
        "closed" => Category::Done,
        _ => Category::Todo,
    };
    let assignees = o.get("assignees").and_then(Value::as_array).filter(|a| !a.is_empty());
    let assignee = assignees.and_then(|a| a.first()).or_else(|| o.get("assignee")).and_then(user);
    let iteration_key = iteration(o, file, pos, dates).map(|d| d.key);
    Some(Issue {
        key,
        title: o.get("title").and_then(Value::as_str).unwrap_or_default().to_string(),
        kind: kind(&labels, o),
        parent: None,
        status: state.to_string(),
        category,
        points,
        created: created?,
        updated,
        resolved: closed.filter(|_| state == "closed"),
        // GitLab's issue lists hold no start of work (IMPORT.md): said once per import.
        started: None,
        assignee,
        acceptance: acceptance::criteria(o.get("description").and_then(Value::as_str).unwrap_or_default()),
        flagged: labels
            .iter()
            .any(|l| l.eq_ignore_ascii_case("impediment") || l.eq_ignore_ascii_case("blocked")),
        labels,
        sprints: iteration_key.into_iter().collect(),
        moves: Vec::new(),
        flags: Vec::new(),
        rank: None,
        origin: Origin { file: file.to_string(), line: pos.0 },
    })
}

fn is_dropped_label(label: &str) -> bool {
    let l = label.to_lowercase();
    ["wontfix", "won't fix", "won't do", "wontdo", "duplicate", "declined", "invalid"]
        .iter()
        .any(|d| l == *d || l.ends_with(&format!("::{d}")))
}

/// The issue's type: a `Bug`/`Story`/`Spike` label (scoped ones too, such as
/// `type::bug`), else GitLab's own type: an incident is a bug, a task a
/// chore, a plain issue a story.
fn kind(labels: &[String], o: &Map<String, Value>) -> String {
    for l in labels {
        let word = l.rsplit("::").next().unwrap_or(l).trim().to_lowercase();
        match word.as_str() {
            "bug" | "defect" => return "Bug".into(),
            "story" | "feature" | "user story" => return "Story".into(),
            "spike" => return "Spike".into(),
            "chore" | "maintenance" => return "Chore".into(),
            _ => {}
        }
    }
    match o
        .get("issue_type")
        .or_else(|| o.get("type"))
        .and_then(Value::as_str)
        .map(str::to_lowercase)
        .as_deref()
    {
        Some("incident") => "Bug".into(),
        Some("task") | Some("test_case") => "Chore".into(),
        _ => "Story".into(),
    }
}

fn user(v: &Value) -> Option<User> {
    let o = v.as_object()?;
    let get = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string).filter(|s| !s.is_empty());
    let u = User { username: get("username"), name: get("name"), account: None };
    (!u.is_empty()).then_some(u)
}
