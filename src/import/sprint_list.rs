//! `--sprints FILE`: sprint dates for exports that lack them (Jira CSV).
//!
//! Jira's board sprint list (`/rest/agile/1.0/board/{id}/sprint`, JSON with
//! `values[]`), or a table a scrum master writes: CSV or YAML of
//! `name, start, end[, goal[, goal_met]]`. `goal_met` (true, false or blank
//! for not assessed) is the one fact of a sprint no tracker keeps.

use serde::Deserialize;
use serde_json::Value;

use super::dates::DateReader;
use super::jira_json::{Locator, parse};
use super::record::{Origin, SprintDef};
use crate::diagnostics::Diagnostics;

/// One sprint of a list: its definition and its goal's outcome, when assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// Name, dates and goal.
    pub def: SprintDef,
    /// `goal_met`: `None` when blank or absent (not assessed).
    pub goal_met: Option<bool>,
}

/// Reads the sprint list in `text` (file `file`); the sprints found.
pub fn read(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<Listed> {
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

fn read_json(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<Listed> {
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
        // Jira has no goal outcome; a list written or amended by hand may.
        let goal_met = match v.get("goal_met") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                let text = other.as_str().map_or_else(|| other.to_string(), str::to_string);
                let at = lines.locate("\"goal_met\"", at).1;
                outcome(&text, name, file, at, diags)
            }
        };
        let def = SprintDef {
            key: name.to_string(),
            name: name.to_string(),
            start,
            end,
            goal: v.get("goal").and_then(Value::as_str).map(str::to_string).filter(|g| !g.trim().is_empty()),
            state: v.get("state").and_then(Value::as_str).map(str::to_lowercase),
            origin: Origin { file: file.to_string(), line: pos.0 },
        };
        out.push(Listed { def, goal_met });
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
    #[serde(default)]
    goal_met: Option<Flag>,
}

/// `goal_met` as YAML may hold it: `true`, or a string such as `"TRUE"` or `""`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Flag {
    Bool(bool),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Keyed {
    sprints: Vec<RawSprint>,
}

fn read_yaml(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<Listed> {
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
                format!("not a sprint list ({msg}): expected a list of {{name, start, end, goal, goal_met}}"),
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
            let goal_met = match raw.goal_met {
                None => None,
                Some(Flag::Bool(b)) => Some(b),
                Some(Flag::Text(t)) => {
                    let at = lines.locate("goal_met", at).1;
                    outcome(&t, &raw.name, file, at, diags)
                }
            };
            let origin = Origin { file: file.to_string(), line: pos.0 };
            let row = Row {
                name: raw.name,
                start: raw.start.as_deref()?,
                end: raw.end.as_deref()?,
                goal: raw.goal,
            };
            let def = sprint(row, origin, pos, dates, diags)?;
            Some(Listed { def, goal_met })
        })
        .collect()
}

/// A written `goal_met`: true or false in any case (a spreadsheet writes
/// `TRUE`), blank for not assessed; anything else is an error.
fn outcome(text: &str, name: &str, file: &str, pos: (u32, u32), diags: &mut Diagnostics) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" => None,
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            diags.error(
                file,
                Some(pos),
                format!(
                    "sprint \"{name}\", goal_met: \"{}\" should be true, false, or blank when the goal was not assessed",
                    text.trim()
                ),
            );
            None
        }
    }
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

/// The columns a sprint list CSV may have, in the order they go without a header row.
const CSV_COLUMNS: [&str; 5] = ["name", "start", "end", "goal", "goal_met"];

fn read_csv(text: &str, file: &str, dates: &DateReader, diags: &mut Diagnostics) -> Vec<Listed> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // Which column holds each of CSV_COLUMNS: by the header row when there
    // is one (`name,start,end,goal_met` is fine), else by position.
    let mut order: Vec<Option<usize>> = (0..CSV_COLUMNS.len()).map(Some).collect();
    let mut width = 3..=CSV_COLUMNS.len();
    for (i, record) in reader.records().enumerate() {
        let Ok(row) = record else {
            diags.error(file, None, "cannot read the sprint list as CSV (name,start,end,goal,goal_met)");
            return out;
        };
        let line = row.position().map_or(0, |p| p.line() as u32);
        if i == 0 && row.get(0).is_some_and(|h| h.eq_ignore_ascii_case("name")) {
            match header(&row, file, line, diags) {
                Some(found) => {
                    width = found[..3].iter().flatten().max().map_or(3, |i| i + 1)..=row.len();
                    order = found;
                }
                None => return out,
            }
            continue;
        }
        if row.iter().all(str::is_empty) {
            continue;
        }
        if !width.contains(&row.len()) {
            diags.error(
                file,
                Some((line, 1)),
                format!("expected name,start,end[,goal[,goal_met]], found {} fields", row.len()),
            );
            continue;
        }
        let cell = |field: usize| order[field].and_then(|i| row.get(i)).unwrap_or_default();
        let origin = Origin { file: file.to_string(), line };
        let fields =
            Row { name: cell(0).to_string(), start: cell(1), end: cell(2), goal: Some(cell(3).to_string()) };
        let col = order[4].map_or(1, |i| i as u32 + 1);
        let goal_met = outcome(cell(4), cell(0), file, (line, col), diags);
        if let Some(def) = sprint(fields, origin, (line, 1), dates, diags) {
            out.push(Listed { def, goal_met });
        }
    }
    out
}

/// The column of each of CSV_COLUMNS named in a header row (`None` for one
/// it leaves out); `None` after an error.
fn header(
    row: &csv::StringRecord,
    file: &str,
    line: u32,
    diags: &mut Diagnostics,
) -> Option<Vec<Option<usize>>> {
    let mut order = vec![None; CSV_COLUMNS.len()];
    let mut ok = true;
    for (i, name) in row.iter().enumerate() {
        match CSV_COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
            Some(field) => order[field] = Some(i),
            None => {
                ok = false;
                diags.error(
                    file,
                    Some((line, i as u32 + 1)),
                    format!(
                        "unknown column \"{name}\" (a sprint list has name, start, end, goal and goal_met)"
                    ),
                );
            }
        }
    }
    for (field, name) in CSV_COLUMNS.iter().enumerate().take(3) {
        if order[field].is_none() {
            ok = false;
            diags.error(file, Some((line, 1)), format!("the header row has no `{name}` column"));
        }
    }
    ok.then_some(order)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn read_list(text: &str, file: &str) -> (Vec<Listed>, Vec<String>) {
        let dates = DateReader::new(jiff::tz::TimeZone::UTC, None, None);
        let mut diags = Diagnostics::new();
        let listed = read(text, file, &dates, &mut diags);
        (listed, diags.sorted().iter().map(ToString::to_string).collect())
    }

    fn outcomes(listed: &[Listed]) -> Vec<(&str, Option<bool>)> {
        listed.iter().map(|l| (l.def.name.as_str(), l.goal_met)).collect()
    }

    #[test]
    fn a_csv_takes_goal_met_by_position_or_by_header() {
        let (listed, problems) =
            read_list("S1,2026-03-02,2026-03-13,Pay by card,true\nS2,2026-03-16,2026-03-27,,\n", "s.csv");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(outcomes(&listed), vec![("S1", Some(true)), ("S2", None)]);
        assert_eq!(listed[0].def.goal.as_deref(), Some("Pay by card"));
        // A header row names the columns: goal may be left out, and a spreadsheet writes TRUE.
        let (listed, problems) = read_list(
            "Name,Start,End,Goal_met\nS1,2026-03-02,2026-03-13,FALSE\nS2,2026-03-16,2026-03-27\n",
            "s.csv",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(outcomes(&listed), vec![("S1", Some(false)), ("S2", None)]);
        assert_eq!(listed[0].def.goal, None);
    }

    #[test]
    fn a_csv_outcome_that_is_not_true_or_false_is_named_at_its_cell() {
        let (_, problems) =
            read_list("name,start,end,goal,goal_met\nS1,2026-03-02,2026-03-13,Pay,mostly\n", "s.csv");
        assert_eq!(
            problems,
            vec![
                "error: s.csv:2:5: sprint \"S1\", goal_met: \"mostly\" should be true, false, or blank when the goal was not assessed"
            ]
        );
        let (_, problems) = read_list("name,start,end,met\n", "s.csv");
        assert_eq!(
            problems,
            vec![
                "error: s.csv:1:4: unknown column \"met\" (a sprint list has name, start, end, goal and goal_met)"
            ]
        );
        let (_, problems) = read_list("S1,2026-03-02,2026-03-13,Pay,true,extra\n", "s.csv");
        assert_eq!(
            problems,
            vec!["error: s.csv:1:1: expected name,start,end[,goal[,goal_met]], found 6 fields"]
        );
    }

    #[test]
    fn yaml_and_json_lists_take_goal_met() {
        let yaml = "- name: S1\n  start: 2026-03-02\n  end: 2026-03-13\n  goal_met: true\n- name: S2\n  start: 2026-03-16\n  end: 2026-03-27\n  goal_met: \"\"\n";
        let (listed, problems) = read_list(yaml, "s.yaml");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(outcomes(&listed), vec![("S1", Some(true)), ("S2", None)]);
        let json = r#"{"values": [{"name": "S1", "startDate": "2026-03-02T08:00:00.000Z", "endDate": "2026-03-13T16:00:00.000Z", "goal": "Pay", "goal_met": false}, {"name": "S2", "startDate": "2026-03-16", "endDate": "2026-03-27"}]}"#;
        let (listed, problems) = read_list(json, "board.json");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(outcomes(&listed), vec![("S1", Some(false)), ("S2", None)]);
    }
}
