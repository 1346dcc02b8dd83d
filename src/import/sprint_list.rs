//! `--sprints FILE`: sprint dates for exports that lack them (Jira CSV).
//!
//! Jira's board sprint list (`/rest/agile/1.0/board/{id}/sprint`, JSON with
//! `values[]`), or a table a scrum master writes: CSV or YAML of
//! `name, start, end[, goal]`.

use serde::Deserialize;
use serde_json::Value;

use super::dates::DateReader;
use super::jira_json::{Locator, parse};
use super::record::{Origin, SprintDef};
use crate::diagnostics::Diagnostics;

/// Reads the sprint list in `text` (file `file`); the definitions found.
pub fn read(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<SprintDef> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{')
        || trimmed.starts_with('[') && !file.ends_with(".yaml") && !file.ends_with(".yml")
    {
        return read_json(text, file, dates, diags);
    }
    if file.ends_with(".yaml") || file.ends_with(".yml") {
        return read_yaml(text, file, dates, diags);
    }
    read_csv(text, file, dates, diags)
}

fn read_json(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<SprintDef> {
    let Some(root) = parse(text, file, diags) else { return Vec::new() };
    let values = match &root {
        Value::Object(o) => o.get("values").and_then(Value::as_array),
        Value::Array(a) => Some(a),
        _ => None,
    };
    let Some(values) = values else {
        diags.error(file, Some((1, 1)), "not a sprint list: expected Jira's board sprint list (an object with `values`) or a list of sprints");
        return Vec::new();
    };
    let lines = Locator::new(text);
    let mut cursor = 0;
    let mut out = Vec::new();
    for v in values {
        let name = v.get("name").and_then(Value::as_str);
        let (at, pos) = match name {
            Some(n) => lines.locate(&format!("\"{n}\""), cursor),
            None => lines.locate("{", cursor),
        };
        cursor = at;
        let Some(name) = name else {
            diags.error(file, Some(pos), "a sprint without a `name`");
            continue;
        };
        let day = |k: &str, diags: &mut Diagnostics| match dates.read_json(v.get(k).unwrap_or(&Value::Null)) {
            Ok(d) => d,
            Err(msg) => {
                diags.error(
                    file,
                    Some(lines.locate(&format!("\"{k}\""), at).1),
                    format!("sprint \"{name}\", `{k}`: {msg}"),
                );
                None
            }
        };
        let start = day("startDate", diags);
        let end = day("endDate", diags);
        out.push(SprintDef {
            key: name.to_string(),
            name: name.to_string(),
            start,
            end,
            goal: v.get("goal").and_then(Value::as_str).map(str::to_string).filter(|g| !g.trim().is_empty()),
            state: v.get("state").and_then(Value::as_str).map(str::to_lowercase),
            origin: Origin { file: file.to_string(), line: pos.0 },
        });
    }
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSprint {
    name: String,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    goal: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Keyed {
    sprints: Vec<RawSprint>,
}

fn read_yaml(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<SprintDef> {
    // A bare list, or one under `sprints:`; the error is the one of the form the file has.
    let keyed = text.lines().any(|l| l.starts_with("sprints:"));
    let parsed = if keyed {
        serde_saphyr::from_str::<Keyed>(text).map(|k| k.sprints)
    } else {
        serde_saphyr::from_str::<Vec<RawSprint>>(text)
    };
    let list = match parsed {
        Ok(l) => l,
        Err(e) => {
            let pos = e.location().map(|l| (l.line() as u32, l.column() as u32));
            let msg = e.without_snippet().to_string();
            let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string();
            diags.error(
                file,
                pos,
                format!("not a sprint list ({msg}): expected a list of {{name, start, end, goal}}"),
            );
            return Vec::new();
        }
    };
    let lines = Locator::new(text);
    let mut cursor = 0;
    list.into_iter()
        .filter_map(|raw| {
            let (at, pos) = lines.locate(&raw.name, cursor);
            cursor = at;
            let missing: Vec<&str> = [("start", &raw.start), ("end", &raw.end)]
                .iter()
                .filter(|(_, v)| v.is_none())
                .map(|(k, _)| *k)
                .collect();
            if !missing.is_empty() {
                diags.error(
                    file,
                    Some(pos),
                    format!("sprint \"{}\" has no `{}`", raw.name, missing.join("` and no `")),
                );
            }
            let origin = Origin { file: file.to_string(), line: pos.0 };
            let row = Row {
                name: raw.name,
                start: raw.start.as_deref()?,
                end: raw.end.as_deref()?,
                goal: raw.goal,
            };
            sprint(row, origin, pos, dates, diags)
        })
        .collect()
}

/// One sprint of the list as written: its name, dates still text, and goal.
struct Row<'a> {
    name: String,
    start: &'a str,
    end: &'a str,
    goal: Option<String>,
}

fn sprint(
    row: Row<'_>,
    origin: Origin,
    pos: (u32, u32),
    dates: &DateReader,
    diags: &mut Diagnostics,
) -> Option<SprintDef> {
    let Row { name, start, end, goal } = row;
    let day = |text: &str, what: &str, diags: &mut Diagnostics| match dates.read(text) {
        Ok(d) => Some(d),
        Err(msg) => {
            diags.error(&origin.file, Some(pos), format!("sprint \"{name}\", {what}: {msg}"));
            None
        }
    };
    let start = day(start, "start", diags);
    let end = day(end, "end", diags);
    let (start, end) = (start?, end?);
    Some(SprintDef {
        key: name.clone(),
        name,
        start: Some(start),
        end: Some(end),
        goal: goal.filter(|g| !g.trim().is_empty()),
        state: None,
        origin,
    })
}

fn read_csv(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<SprintDef> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let Ok(row) = record else {
            diags.error(file, None, "cannot read the sprint list as CSV (name,start,end,goal)");
            return out;
        };
        let line = row.position().map_or(0, |p| p.line() as u32);
        if i == 0 && row.get(0).is_some_and(|h| h.eq_ignore_ascii_case("name")) {
            continue;
        }
        if row.iter().all(str::is_empty) {
            continue;
        }
        if !(3..=4).contains(&row.len()) {
            diags.error(
                file,
                Some((line, 1)),
                format!("expected name,start,end[,goal], found {} fields", row.len()),
            );
            continue;
        }
        let origin = Origin { file: file.to_string(), line };
        let fields = Row {
            name: row[0].to_string(),
            start: &row[1],
            end: &row[2],
            goal: row.get(3).map(str::to_string),
        };
        if let Some(s) = sprint(fields, origin, (line, 1), dates, diags) {
            out.push(s);
        }
    }
    out
}
