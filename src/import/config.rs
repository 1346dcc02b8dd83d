//! What import reads from the data folder before it writes: the `import:`
//! section of `tandem.yaml` and the members of `team.yaml`.
//!
//! Import never runs the `load` stage: it reads just these two files with
//! serde, leniently for everything that is not its own.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::tz::TimeZone;
use serde::Deserialize;

use super::record::Category;
use crate::diagnostics::Diagnostics;

/// The `import:` section as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawImport {
    timezone: Option<String>,
    ready_labels: Option<Vec<String>>,
    types: BTreeMap<String, String>,
    jira: RawJira,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawJira {
    points_field: Option<String>,
    date_format: Option<String>,
    months: Option<Vec<String>>,
    columns: BTreeMap<String, String>,
    status_categories: BTreeMap<String, String>,
    dropped_resolutions: Option<Vec<String>>,
    subtasks: Option<String>,
    subtask_types: Option<Vec<String>>,
    skip_types: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct RawSettings {
    /// The site's time zone: import's too, unless `import.timezone` says otherwise.
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    import: Option<RawImport>,
}

/// The Jira CSV fields a column can be mapped to (IMPORT.md).
pub const COLUMN_KEYS: &[&str] = &[
    "key",
    "summary",
    "type",
    "status",
    "status_category",
    "sprint",
    "points",
    "created",
    "updated",
    "resolved",
    "assignee",
    "labels",
    "description",
    "resolution",
    "parent",
    "id",
    "status_category_changed",
    "started",
];

const TYPES: &[&str] = &["story", "bug", "chore", "spike"];

/// Import settings with defaults filled in and every value checked.
#[derive(Debug, Clone)]
pub struct ImportSettings {
    /// Time zone timestamps are turned into calendar days in.
    pub timezone: TimeZone,
    /// Labels or statuses (lower-cased) that make a backlog item `ready`.
    pub ready_labels: Vec<String>,
    /// Tracker issue type (lower-cased) → DATA.md type.
    pub types: BTreeMap<String, String>,
    /// Jira CSV field → header name, from `import.jira.columns`.
    pub columns: BTreeMap<String, String>,
    /// The points field's name or id, from `import.jira.points_field`.
    pub points_field: Option<String>,
    /// A strftime format for dates, from `import.jira.date_format`.
    pub date_format: Option<String>,
    /// Month abbreviations (lower-cased), January first.
    pub months: Option<Vec<String>>,
    /// Status category value (lower-cased) → category.
    pub status_categories: BTreeMap<String, Category>,
    /// Resolutions (lower-cased) that close an issue without doing it.
    pub dropped_resolutions: Vec<String>,
    /// What becomes of Jira sub-tasks (`import.jira.subtasks`).
    pub subtasks: Subtasks,
    /// Issue types (lower-cased) that are sub-tasks.
    pub subtask_types: Vec<String>,
    /// Issue types (lower-cased) left out of sprints and backlog (epics).
    pub skip_types: Vec<String>,
}

/// `import.jira.subtasks`: what becomes of an issue whose type is a sub-task type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subtasks {
    /// Folded into the parent: no item of its own; its points go to a
    /// parent that has none. The default: a sprint of 170 items of which 158
    /// are unestimated sub-tasks is 12 stories.
    Fold,
    /// Each sub-task is an item, as any other issue.
    Items,
    /// Left out entirely.
    Skip,
}

/// Jira's sub-task type in the languages its exports are often in.
const SUBTASK_TYPES: &[&str] = &["Sub-task", "Subtask", "Subtarea", "Sous-tâche", "Unteraufgabe"];

/// Jira's epic type, likewise: epics are containers, not sprint or backlog items.
const SKIP_TYPES: &[&str] = &["Epic", "Épica", "Epos"];

fn lowered(list: &[&str]) -> Vec<String> {
    list.iter().map(|t| t.trim().to_lowercase()).collect()
}

/// Jira's resolutions, in English, that close an issue without doing it.
const DROPPED_RESOLUTIONS: &[&str] = &[
    "won't do",
    "won't fix",
    "wont do",
    "wontfix",
    "duplicate",
    "declined",
    "cannot reproduce",
    "rejected",
    "obsolete",
];

impl Default for ImportSettings {
    fn default() -> Self {
        Self {
            timezone: TimeZone::UTC,
            ready_labels: vec!["ready".into()],
            types: BTreeMap::new(),
            columns: BTreeMap::new(),
            points_field: None,
            date_format: None,
            months: None,
            status_categories: BTreeMap::new(),
            dropped_resolutions: DROPPED_RESOLUTIONS.iter().map(|r| (*r).to_string()).collect(),
            subtasks: Subtasks::Fold,
            subtask_types: lowered(SUBTASK_TYPES),
            skip_types: lowered(SKIP_TYPES),
        }
    }
}

impl ImportSettings {
    /// Whether a resolution (lower-cased) means the issue was dropped, not done.
    pub fn is_dropped_resolution(&self, lower: &str) -> bool {
        self.dropped_resolutions.iter().any(|r| r == lower.trim())
    }

    /// Whether a tracker issue type is a sub-task type.
    pub fn is_subtask_type(&self, kind: &str) -> bool {
        self.subtask_types.contains(&kind.trim().to_lowercase())
    }

    /// Whether a tracker issue type is left out of sprints and backlog.
    pub fn is_skipped_type(&self, kind: &str) -> bool {
        self.skip_types.contains(&kind.trim().to_lowercase())
    }

    /// The DATA.md type of a tracker issue type: config first, then
    /// Story→story, Bug→bug, Spike→spike, anything else→chore.
    pub fn item_type(&self, kind: &str) -> &str {
        let lower = kind.trim().to_lowercase();
        if let Some(t) = self.types.get(&lower) {
            return t;
        }
        match lower.as_str() {
            "story" | "user story" => "story",
            "bug" | "defect" => "bug",
            "spike" => "spike",
            _ => "chore",
        }
    }
}

/// The text of a YAML file of the data folder; a file over the YAML limit is
/// an error, any other file that cannot be read is left to `tandem check`.
fn read_yaml(path: &Path, shown: &str, diags: &mut Diagnostics) -> Option<String> {
    use crate::fs::ReadError;
    match crate::fs::read(path, crate::fs::YAML_LIMIT) {
        Ok(bytes) => String::from_utf8(bytes).ok(),
        Err(e @ ReadError::TooLarge { .. }) => {
            diags.error(shown, None, e.words("YAML files"));
            None
        }
        Err(_) => None,
    }
}

/// Reads `tandem.yaml` in `data_dir`, when there is one. Problems are errors:
/// a mapping that is silently ignored would import the wrong columns.
pub fn read_settings(data_dir: &Path, diags: &mut Diagnostics) -> ImportSettings {
    let mut settings = ImportSettings::default();
    let path = data_dir.join("tandem.yaml");
    let shown = path.display().to_string();
    let Some(text) = read_yaml(&path, &shown, diags) else { return settings };
    let raw = match serde_saphyr::from_str::<RawSettings>(&text) {
        Ok(raw) => raw,
        Err(e) => {
            let pos = e.location().map(|l| (l.line() as u32, l.column() as u32));
            let msg = e.without_snippet().to_string();
            let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string();
            diags.error(&shown, pos, format!("cannot read the import settings: {msg}"));
            return settings;
        }
    };
    let site_zone = raw.timezone;
    let raw = raw.import.unwrap_or_default();
    let mut bad = |what: String| diags.error(&shown, None, format!("import settings: {what}"));
    // A bad site-wide zone is `tandem check`'s to report; import then keeps UTC.
    if let Some(tz) = site_zone.as_deref().and_then(|name| TimeZone::get(name).ok()) {
        settings.timezone = tz;
    }
    if let Some(name) = raw.timezone {
        match TimeZone::get(&name) {
            Ok(tz) => settings.timezone = tz,
            Err(_) => bad(format!("unknown time zone \"{name}\" (expected a name such as Europe/Berlin)")),
        }
    }
    if let Some(labels) = raw.ready_labels {
        settings.ready_labels = labels.iter().map(|l| l.trim().to_lowercase()).collect();
    }
    for (kind, t) in raw.types {
        if TYPES.contains(&t.as_str()) {
            settings.types.insert(kind.trim().to_lowercase(), t);
        } else {
            bad(format!("type \"{t}\" for \"{kind}\" should be one of {}", TYPES.join(", ")));
        }
    }
    let jira = raw.jira;
    for (field, header) in jira.columns {
        if COLUMN_KEYS.contains(&field.as_str()) {
            settings.columns.insert(field, header);
        } else {
            bad(format!("unknown column key `{field}` (expected one of {})", COLUMN_KEYS.join(", ")));
        }
    }
    for (category, value) in jira.status_categories {
        let c = match category.as_str() {
            "todo" => Category::Todo,
            "in_progress" => Category::InProgress,
            "done" => Category::Done,
            "dropped" => Category::Dropped,
            _ => {
                bad(format!(
                    "unknown status category `{category}` (expected todo, in_progress, done or dropped)"
                ));
                continue;
            }
        };
        settings.status_categories.insert(value.trim().to_lowercase(), c);
    }
    if let Some(months) = jira.months {
        if months.len() == 12 {
            settings.months =
                Some(months.iter().map(|m| m.trim().trim_end_matches('.').to_lowercase()).collect());
        } else {
            bad(format!("`months` needs 12 names, January first (found {})", months.len()));
        }
    }
    if let Some(format) = &jira.date_format {
        // Rejects a format jiff cannot even parse a date with, before any row is read.
        if !format.contains('%') {
            bad(format!("`date_format` \"{format}\" has no % directives (e.g. \"%d/%b/%y %I:%M %p\")"));
        }
    }
    if let Some(extra) = jira.dropped_resolutions {
        settings.dropped_resolutions.extend(extra.iter().map(|r| r.trim().to_lowercase()));
    }
    match jira.subtasks.as_deref().map(str::trim) {
        None | Some("fold") => {}
        Some("items") => settings.subtasks = Subtasks::Items,
        Some("skip") => settings.subtasks = Subtasks::Skip,
        Some(other) => bad(format!("`subtasks: {other}` should be fold, items or skip")),
    }
    if let Some(types) = jira.subtask_types {
        settings.subtask_types = types.iter().map(|t| t.trim().to_lowercase()).collect();
    }
    if let Some(types) = jira.skip_types {
        settings.skip_types = types.iter().map(|t| t.trim().to_lowercase()).collect();
    }
    settings.date_format = jira.date_format;
    settings.points_field = jira.points_field;
    settings
}

/// A member of `team.yaml`, as far as matching tracker users needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Member {
    /// Member id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawTeam {
    #[serde(default)]
    members: Vec<Member>,
}

/// The team, when `team.yaml` exists: `None` means import writes one.
pub fn read_team(data_dir: &Path, diags: &mut Diagnostics) -> Option<Vec<Member>> {
    let path = data_dir.join("team.yaml");
    let text = read_yaml(&path, &path.display().to_string(), diags)?;
    match serde_saphyr::from_str::<RawTeam>(&text) {
        Ok(team) => Some(team.members),
        Err(_) => {
            diags.warning(
                &path.display().to_string(),
                None,
                "team.yaml cannot be read (run `tandem check` to see why), so tracker users are not matched to members",
            );
            Some(Vec::new())
        }
    }
}
