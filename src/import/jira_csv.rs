//! Jira's CSV export ("all fields" or "current fields") into [`Issue`]s.
//!
//! Columns are found by header name, case-insensitively; Jira repeats a
//! header once per value (`Sprint`, `Sprint`, `Labels` ...), and those are read
//! as lists. Positions in messages are the record's line and the field's
//! column number (1-based), as a spreadsheet shows them.

use std::collections::BTreeMap;

use super::acceptance;
use super::config::{COLUMN_KEYS, ImportSettings};
use super::dates::DateReader;
use super::jira_json::Locator;
use super::record::{Category, Export, Issue, Origin, User};
use crate::diagnostics::Diagnostics;

/// Header names Jira writes in English, per field; the first found wins.
fn default_headers(field: &str) -> &'static [&'static str] {
    match field {
        "key" => &["Issue key", "Key"],
        "summary" => &["Summary"],
        "type" => &["Issue Type", "Issuetype", "Type"],
        "status" => &["Status"],
        "status_category" => &["Status Category"],
        "sprint" => &["Sprint", "Custom field (Sprint)"],
        "points" => &[
            "Custom field (Story Points)",
            "Story Points",
            "Custom field (Story point estimate)",
            "Story point estimate",
        ],
        "created" => &["Created"],
        "updated" => &["Updated"],
        "resolved" => &["Resolved", "Resolution date"],
        "assignee" => &["Assignee"],
        "labels" => &["Labels"],
        "description" => &["Description"],
        "resolution" => &["Resolution"],
        // `started` has no default header: a "Start date" field is often a
        // planned date, so it is read only when mapped under columns.
        "status_category_changed" => &["Status Category Changed"],
        "project" => &["Project name"],
        "rank" => &["Custom field (Rank)", "Rank"],
        "flagged" => &["Custom field (Flagged)", "Flagged"],
        _ => &[],
    }
}

const REQUIRED: &[&str] = &["key", "summary", "status", "created"];

/// Which column numbers hold each field.
struct Columns {
    by_field: BTreeMap<&'static str, Vec<usize>>,
    headers: Vec<String>,
}

impl Columns {
    fn find(headers: &[String], cfg: &ImportSettings) -> Self {
        let mut by_field = BTreeMap::new();
        let extra = ["project", "rank", "flagged"];
        for field in COLUMN_KEYS.iter().chain(extra.iter()) {
            let wanted: Vec<String> = match (cfg.columns.get(*field), *field) {
                (Some(h), _) => vec![h.clone()],
                (None, "points") if cfg.points_field.is_some() => cfg.points_field.iter().cloned().collect(),
                _ => default_headers(field).iter().map(|h| (*h).to_string()).collect(),
            };
            // The first wanted name present decides; every column with that name counts.
            let found = wanted.iter().find_map(|w| {
                let idx: Vec<usize> = headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        h.trim().eq_ignore_ascii_case(w.trim())
                            || h.trim().to_lowercase() == w.trim().to_lowercase()
                    })
                    .map(|(i, _)| i)
                    .collect();
                (!idx.is_empty()).then_some(idx)
            });
            if let Some(idx) = found {
                by_field.insert(*field, idx);
            }
        }
        Columns { by_field, headers: headers.to_vec() }
    }

    fn first<'r>(&self, field: &str, row: &'r csv::StringRecord) -> Option<(&'r str, usize)> {
        let i = *self.by_field.get(field)?.first()?;
        row.get(i).map(|v| (v.trim(), i))
    }

    fn all<'r>(&self, field: &str, row: &'r csv::StringRecord) -> Vec<&'r str> {
        self.by_field
            .get(field)
            .map(|idx| {
                idx.iter().filter_map(|i| row.get(*i)).map(str::trim).filter(|v| !v.is_empty()).collect()
            })
            .unwrap_or_default()
    }
}

/// What the missing-columns error says: the headers found and the lines to add.
fn missing_columns_message(missing: &[&str], headers: &[String]) -> String {
    let found: Vec<String> =
        headers.iter().filter(|h| !h.trim().is_empty()).map(|h| format!("\"{}\"", h.trim())).collect();
    let mut lines = String::new();
    for field in missing {
        lines.push_str(&format!("\n        {field}: \"<header of that column>\""));
    }
    format!(
        "this CSV export has no column for {} (headers found: {}); if the export is in another language, name the columns in tandem.yaml:\n  import:\n    jira:\n      columns:{lines}",
        missing.join(", "),
        found.join(", ")
    )
}

/// Reads one Jira CSV export into `export`; every problem goes to `diags`.
pub fn read(
    bytes: &[u8],
    file: &str,
    cfg: &ImportSettings,
    dates: &DateReader,
    export: &mut Export,
    diags: &mut Diagnostics,
) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count();
            diags.error(
                file,
                Some((line as u32, 1)),
                "not UTF-8 text: export the CSV again with UTF-8 encoding",
            );
            return;
        }
    };
    let lines = Locator::new(text);
    // A record's position may start at the line break that ended the one
    // before, so its line is that of its first byte after any line breaks.
    let line_of = |p: &csv::Position| {
        let at = p.byte() as usize;
        let skip = text.get(at..).map_or(0, |t| t.len() - t.trim_start_matches(['\r', '\n']).len());
        lines.line_col(at + skip).0
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(str::to_string).collect(),
        Some(Err(e)) => {
            diags.error(file, Some((1, 1)), format!("cannot read the CSV: {}", csv_words(&e)));
            return;
        }
        None => {
            diags.error(file, None, "the file is empty: a Jira CSV export starts with a header row");
            return;
        }
    };
    let columns = Columns::find(&headers, cfg);
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|f| !columns.by_field.contains_key(f)).collect();
    if !missing.is_empty() {
        diags.error(file, Some((1, 1)), missing_columns_message(&missing, &headers));
        return;
    }
    // A column named on purpose that the export lacks would silently import
    // nothing for it (IMPORT.md: an error, and nothing is written).
    let absent: Vec<String> = cfg
        .columns
        .iter()
        .filter(|(field, _)| !columns.by_field.contains_key(field.as_str()))
        .map(|(field, header)| format!("`{field}: {header}`"))
        .collect();
    if !absent.is_empty() {
        let found: Vec<String> =
            headers.iter().filter(|h| !h.trim().is_empty()).map(|h| format!("\"{}\"", h.trim())).collect();
        diags.error(
            file,
            Some((1, 1)),
            format!(
                "tandem.yaml maps {} under import.jira.columns, but this export has no such column (headers found: {})",
                absent.join(", "),
                found.join(", ")
            ),
        );
        return;
    }
    for record in records {
        let row = match record {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map_or(0, line_of);
                diags.error(file, Some((line, 1)), format!("cannot read the CSV: {}", csv_words(&e)));
                continue;
            }
        };
        let line = row.position().map_or(0, line_of);
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if row.len() != columns.headers.len() {
            diags.error(
                file,
                Some((line, row.len().min(columns.headers.len()) as u32 + 1)),
                format!(
                    "this row has {} fields but the header has {}: a quote or a separator is probably missing",
                    row.len(),
                    columns.headers.len()
                ),
            );
            continue;
        }
        if let Some(issue) = read_row(&row, &columns, file, line, cfg, dates, diags) {
            for d in [Some(issue.created), issue.updated, issue.resolved].into_iter().flatten() {
                export.saw(d);
            }
            if export.project.is_none() {
                export.project =
                    columns.first("project", &row).map(|(p, _)| p.to_string()).filter(|p| !p.is_empty());
            }
            export.add_issue(issue);
        }
    }
}

fn csv_words(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".into(),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => "the row is malformed".into(),
    }
}

fn read_row(
    row: &csv::StringRecord,
    columns: &Columns,
    file: &str,
    line: u32,
    cfg: &ImportSettings,
    dates: &DateReader,
    diags: &mut Diagnostics,
) -> Option<Issue> {
    let errors_before = diags.counts().0;
    let required = |field: &str, what: &str, diags: &mut Diagnostics| -> String {
        match columns.first(field, row) {
            Some((v, _)) if !v.is_empty() => v.to_string(),
            Some((_, col)) => {
                diags.error(file, Some((line, col as u32 + 1)), format!("the {what} is empty"));
                String::new()
            }
            None => String::new(),
        }
    };
    let key = required("key", "issue key", diags);
    let title = required("summary", "summary", diags);
    let status = required("status", "status", diags);
    let date = |field: &str, diags: &mut Diagnostics| {
        let (text, col) = columns.first(field, row)?;
        if text.is_empty() {
            return None;
        }
        match dates.read(text) {
            Ok(d) => Some(d),
            Err(msg) => {
                diags.error(
                    file,
                    Some((line, col as u32 + 1)),
                    format!("{}: {msg}", columns.headers[col].trim()),
                );
                None
            }
        }
    };
    let created = date("created", diags);
    let updated = date("updated", diags);
    let resolved = date("resolved", diags);
    if created.is_none() && columns.first("created", row).is_some_and(|(v, _)| v.is_empty()) {
        let col = columns.first("created", row).map_or(1, |(_, c)| c as u32 + 1);
        diags.error(file, Some((line, col)), "the created date is empty");
    }
    let points = columns.first("points", row).and_then(|(text, col)| {
        let header = columns.headers[col].trim();
        super::points(text, header, file, || (line, col as u32 + 1), diags)
    });
    let category = category(columns, row, resolved, cfg, file, line, diags);
    // Many workflows never set a resolution: then the day the status
    // category last changed is when a done issue was finished.
    let resolved = match resolved {
        None if matches!(category, Category::Done | Category::Dropped) => {
            date("status_category_changed", diags)
        }
        known => known,
    };
    // A start field when the export has one; else, for an issue in progress
    // now, the day its status category last changed: the day it went into
    // progress (for a finished issue that day is its finish, no start).
    let started = match date("started", diags) {
        None if category == Category::InProgress => date("status_category_changed", diags),
        known => known,
    };
    if diags.counts().0 > errors_before {
        return None;
    }
    let description = columns.first("description", row).map(|(d, _)| d).unwrap_or_default();
    let flagged = columns
        .all("flagged", row)
        .iter()
        .any(|f| f.to_lowercase().contains("impediment") || f.eq_ignore_ascii_case("yes"));
    Some(Issue {
        key,
        title,
        kind: columns.first("type", row).map(|(t, _)| t.to_string()).unwrap_or_default(),
        status,
        category,
        points,
        created: created?,
        updated,
        resolved,
        started,
        assignee: columns.first("assignee", row).filter(|(a, _)| !a.is_empty()).map(|(a, _)| User {
            username: None,
            name: Some(a.to_string()),
            account: None,
        }),
        labels: columns
            .all("labels", row)
            .iter()
            .flat_map(|l| l.split_whitespace())
            .map(str::to_string)
            .collect(),
        acceptance: acceptance::criteria(description),
        sprints: columns.all("sprint", row).iter().map(|s| s.to_string()).collect(),
        moves: Vec::new(),
        flags: Vec::new(),
        flagged,
        rank: columns.first("rank", row).map(|(r, _)| r.to_string()).filter(|r| !r.is_empty()),
        origin: Origin { file: file.to_string(), line },
    })
}

/// The row's status category: the `Status Category` column (or its mapped
/// names), else done when it has a resolution date. A resolution such as
/// "Won't Do" makes a done item dropped.
fn category(
    columns: &Columns,
    row: &csv::StringRecord,
    resolved: Option<jiff::civil::Date>,
    cfg: &ImportSettings,
    file: &str,
    line: u32,
    diags: &mut Diagnostics,
) -> Category {
    let from_column = columns.first("status_category", row).filter(|(v, _)| !v.is_empty()).map(|(v, col)| {
        let lower = v.to_lowercase();
        cfg.status_categories.get(&lower).copied().or_else(|| super::default_category(&lower)).unwrap_or_else(|| {
            diags.error(
                file,
                Some((line, col as u32 + 1)),
                format!("unknown status category \"{v}\" (expected To Do, In Progress or Done, or map it under import.jira.status_categories)"),
            );
            Category::Todo
        })
    });
    let category = from_column.unwrap_or(if resolved.is_some() { Category::Done } else { Category::Todo });
    let resolution = columns.first("resolution", row).map(|(r, _)| r.to_lowercase()).unwrap_or_default();
    if category == Category::Done && cfg.is_dropped_resolution(&resolution) {
        return Category::Dropped;
    }
    category
}
