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
        "parent" => &["Parent", "Parent id"],
        "id" => &["Issue id"],
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

/// `Custom field (…)` as Jira writes it in the languages it exports in.
const CUSTOM_FIELD_PREFIXES: &[&str] =
    &["custom field (", "campo personalizado (", "champ personnalisé (", "benutzerdefiniertes feld ("];

/// A header as it is compared: trimmed, lower-cased, and a localised
/// `Campo personalizado (Story Points)` read as `custom field (story points)`.
fn canonical(header: &str) -> String {
    let lower = header.trim().to_lowercase();
    for prefix in CUSTOM_FIELD_PREFIXES {
        if let Some(inner) = lower.strip_prefix(prefix).filter(|rest| rest.ends_with(')')) {
            return format!("custom field ({inner}");
        }
    }
    lower
}

/// Which column numbers hold each field.
struct Columns {
    by_field: BTreeMap<&'static str, Vec<usize>>,
    headers: Vec<String>,
}

impl Columns {
    /// Finds every field's columns. A column named in `import.jira.columns`
    /// (or `points_field`) that the export does not have goes into `missing`
    /// as `(setting, header)`: read without it, the import would be wrong.
    fn find(headers: &[String], cfg: &ImportSettings, missing: &mut Vec<(String, String)>) -> Self {
        let canon: Vec<String> = headers.iter().map(|h| canonical(h)).collect();
        // Every column of the first wanted name present counts.
        let find = |wanted: &[String]| {
            wanted.iter().find_map(|w| {
                let w = canonical(w);
                let idx: Vec<usize> =
                    canon.iter().enumerate().filter(|(_, h)| **h == w).map(|(i, _)| i).collect();
                (!idx.is_empty()).then_some(idx)
            })
        };
        let defaults = |field: &str| -> Vec<String> {
            default_headers(field).iter().map(|h| (*h).to_string()).collect()
        };
        let mut by_field = BTreeMap::new();
        let extra = ["project", "rank", "flagged"];
        for field in COLUMN_KEYS.iter().chain(extra.iter()) {
            let found = match (cfg.columns.get(*field), *field, &cfg.points_field) {
                (Some(header), _, _) => {
                    let found = find(std::slice::from_ref(header));
                    if found.is_none() {
                        missing.push((format!("columns.{field}"), header.clone()));
                    }
                    found
                }
                // `points_field` may name a JSON field of the same site: a
                // CSV then finds its points column by Jira's own names.
                (None, "points", Some(field)) => find(std::slice::from_ref(field)).or_else(|| {
                    let found = find(&defaults("points"));
                    if found.is_none() {
                        missing.push(("points_field".into(), field.clone()));
                    }
                    found
                }),
                _ => find(&defaults(field)),
            };
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

/// The headers of an export for a message: each once, in export order.
fn headers_found(headers: &[String]) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let found: Vec<String> = headers
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty() && seen.insert(*h))
        .map(|h| format!("\"{h}\""))
        .collect();
    found.join(", ")
}

/// What the error for configured columns the export lacks says: each
/// setting and its header, and the headers there are.
fn unmatched_settings_message(unmatched: &[(String, String)], headers: &[String]) -> String {
    let named: Vec<String> =
        unmatched.iter().map(|(key, header)| format!("import.jira.{key} is \"{header}\"")).collect();
    let one = unmatched.len() == 1;
    format!(
        "tandem.yaml names {} this export does not have: {} (headers found: {}); {}",
        if one { "a column" } else { "columns" },
        named.join(", "),
        headers_found(headers),
        if one {
            "copy the header from the export, or remove the line"
        } else {
            "copy each header from the export, or remove those lines"
        },
    )
}

/// What the missing-columns error says: the headers found and the lines to add.
fn missing_columns_message(missing: &[&str], headers: &[String]) -> String {
    let mut lines = String::new();
    for field in missing {
        lines.push_str(&format!("\n        {field}: \"<header of that column>\""));
    }
    format!(
        "this CSV export has no column for {} (headers found: {}); if the export is in another language, name the columns in tandem.yaml:\n  import:\n    jira:\n      columns:{lines}",
        missing.join(", "),
        headers_found(headers)
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
    let mut unmatched = Vec::new();
    let columns = Columns::find(&headers, cfg, &mut unmatched);
    if !unmatched.is_empty() {
        diags.error(file, Some((1, 1)), unmatched_settings_message(&unmatched, &headers));
    }
    // A required field already reported as a configured column is not reported twice.
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|f| !columns.by_field.contains_key(f) && !cfg.columns.contains_key(*f))
        .collect();
    if !missing.is_empty() {
        diags.error(file, Some((1, 1)), missing_columns_message(&missing, &headers));
    }
    if !unmatched.is_empty() || !missing.is_empty() {
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
            if let Some((id, _)) = columns.first("id", &row) {
                export.note_id(id, &issue.key);
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
        parent: columns.first("parent", row).map(|(p, _)| p.to_string()).filter(|p| !p.is_empty()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localised_custom_field_prefixes_read_like_custom_field() {
        for header in [
            "Custom field (Story Points)",
            "Campo personalizado (Story Points)",
            "Champ personnalisé (Story Points)",
            " Benutzerdefiniertes Feld (Story Points) ",
        ] {
            assert_eq!(canonical(header), "custom field (story points)", "{header}");
        }
        assert_eq!(canonical("Puntos de historia"), "puntos de historia");
        // Only a whole `(…)` is a custom field's name.
        assert_eq!(canonical("Campo personalizado (Story"), "campo personalizado (story");
    }

    fn columns(headers: &[&str], cfg: &ImportSettings) -> (Columns, Vec<(String, String)>) {
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_string()).collect();
        let mut missing = Vec::new();
        (Columns::find(&headers, cfg, &mut missing), missing)
    }

    #[test]
    fn story_points_are_found_in_a_spanish_export_without_configuration() {
        let (found, missing) =
            columns(&["Resumen", "Campo personalizado (Story Points)"], &ImportSettings::default());
        assert_eq!(found.by_field.get("points"), Some(&vec![1]));
        assert!(missing.is_empty());
    }

    #[test]
    fn a_configured_column_the_export_lacks_is_named() {
        let mut cfg = ImportSettings::default();
        cfg.columns.insert("points".into(), "Puntos de historia".into());
        cfg.columns.insert("summary".into(), "Resumen".into());
        let (found, missing) = columns(&["Resumen", "Campo personalizado (Story Points)"], &cfg);
        assert_eq!(missing, vec![("columns.points".to_string(), "Puntos de historia".to_string())]);
        assert!(!found.by_field.contains_key("points"));
        // points_field names a JSON field: a CSV finds Jira's own column, and only without one is it missing.
        let cfg =
            ImportSettings { points_field: Some("customfield_10016".into()), ..ImportSettings::default() };
        assert!(columns(&["Summary", "Custom field (Story Points)"], &cfg).1.is_empty());
        assert_eq!(
            columns(&["Summary"], &cfg).1,
            vec![("points_field".to_string(), "customfield_10016".to_string())]
        );
    }
}
