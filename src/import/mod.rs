//! `tandem import`: a tracker's export into the data folder (IMPORT.md).
//!
//! A small ETL, separate from the build pipeline: it writes the files that
//! [`crate::load`] reads and never reaches further.
//!
//! 1. parse each source into one tracker-neutral [`record::Export`]
//!    ([`jira_csv`], [`jira_json`], [`gitlab`], with [`sprint_list`] for
//!    `--sprints`);
//! 2. merge it into what earlier imports saw ([`state`]);
//! 3. map the state to DATA.md's sprint records and backlog snapshot, the
//!    one mapping every source shares ([`mapping`], [`overlap`], [`team`]);
//! 4. write only what changed ([`plan`]), and nothing when any input has an error.

pub mod acceptance;
pub mod config;
pub mod dates;
pub mod emit;
pub mod gitlab;
mod into_dir;
pub mod jira_csv;
pub mod jira_json;
pub mod kept;
pub mod mapping;
pub mod overlap;
pub mod plan;
pub mod record;
pub mod shape;
pub mod sprint_list;
pub mod state;
pub mod team;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::model::Date;
use record::{Category, Export, Source};

/// Everything `tandem import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The tracker.
    pub source: Source,
    /// Export files.
    pub files: Vec<PathBuf>,
    /// `--sprints FILE`.
    pub sprints: Option<PathBuf>,
    /// The data folder.
    pub into: PathBuf,
    /// `--as-of`: the export's date.
    pub as_of: Option<Date>,
    /// Say what would be written, write nothing.
    pub dry_run: bool,
    /// The moment "today" is taken from, to tell an old export (the library
    /// never reads the clock; `main` passes it).
    pub now: jiff::Timestamp,
}

/// An export older than this many days before today is named in a hint
/// with the `--as-of` to build it with (DATA.md's old-data rule).
const OLD_EXPORT_DAYS: i64 = 14;

/// Why nothing was written (or, for a write that failed half way, why
/// the rest was not).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// An input has errors; they are in the diagnostics.
    #[error("the export has problems; nothing was written")]
    InvalidInput,
    /// A file of the data folder could not be read, written or removed.
    #[error("cannot {action} {}: {}", path.display(), crate::fs::io_words(source))]
    Io {
        /// `read`, `write` or `remove`.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The import state could not be read (too large, not a file).
    #[error("cannot read {}: {}", .0.path().display(), .0.words("state files"))]
    State(#[source] crate::fs::ReadError),
    /// A symbolic link on the way to a file import writes (`into_dir.rs`).
    #[error(
        "cannot write {}: {} is a symbolic link (to {target}); tandem import writes only into --into \
         and through no link (remove the link, or give the folder it points to with --into); nothing was written",
        path.display(),
        link.display()
    )]
    Link {
        /// The file import would write.
        path: PathBuf,
        /// The link met on the way (the file itself, or a folder above it).
        link: PathBuf,
        /// Where the link points.
        target: String,
    },
}

/// The outcome: diagnostics always, and what was (or would be) written.
#[derive(Debug)]
pub struct ImportOutcome {
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The files touched, or why none was.
    pub result: Result<plan::Imported, ImportError>,
}

/// Reads the exports, merges them into the import state and writes the data folder.
pub fn run(opts: &ImportOptions) -> ImportOutcome {
    let mut diags = Diagnostics::new();
    let result = run_inner(opts, &mut diags);
    ImportOutcome { diagnostics: diags, result }
}

fn run_inner(opts: &ImportOptions, diags: &mut Diagnostics) -> Result<plan::Imported, ImportError> {
    let settings = config::read_settings(&opts.into, diags);
    let members = config::read_team(&opts.into, diags);
    let dates = dates::DateReader::new(
        settings.timezone.clone(),
        settings.months.clone(),
        settings.date_format.clone(),
    );
    let mut export = Export::default();
    for file in &opts.files {
        let shown = file.display().to_string();
        let Some(bytes) = read_input(file, &shown, diags) else { continue };
        match opts.source {
            Source::Jira if looks_like_json(&bytes) => {
                if let Some(text) = utf8(&bytes, &shown, diags) {
                    jira_json::read(text, &shown, &settings, &dates, &mut export, diags);
                }
            }
            Source::Jira => jira_csv::read(&bytes, &shown, &settings, &dates, &mut export, diags),
            Source::Gitlab => {
                if let Some(text) = utf8(&bytes, &shown, diags) {
                    gitlab::read(text, &shown, &dates, &mut export, diags);
                }
            }
        }
    }
    export.resolve_parents();
    // A sprint the issues name but no export describes (a CSV has no sprint
    // dates) still needs dates: from --sprints, else an error naming it.
    let named: Vec<(String, record::Origin)> =
        export.issues.iter().flat_map(|i| i.sprints.iter().map(|s| (s.clone(), i.origin.clone()))).collect();
    for (name, origin) in named {
        export.define_sprint(record::SprintDef {
            key: name.clone(),
            name,
            start: None,
            end: None,
            goal: None,
            state: None,
            origin,
        });
    }
    export.settle_names();
    if let Some(file) = &opts.sprints {
        let shown = file.display().to_string();
        if let Some(text) =
            read_input(file, &shown, diags).and_then(|b| utf8(&b, &shown, diags).map(str::to_string))
        {
            for listed in sprint_list::read(&text, &shown, &dates, diags) {
                if let Some(met) = listed.goal_met {
                    export.outcomes.insert(listed.def.name.clone(), met);
                }
                // The list given on purpose wins over dates inside the export.
                export.date_sprint(listed.def);
            }
        }
    }
    if diags.has_errors() {
        return Err(ImportError::InvalidInput);
    }
    let Some(as_of) = opts.as_of.or(export.latest) else {
        let first = opts.files.first().map(|f| f.display().to_string()).unwrap_or_default();
        diags.error(&first, None, "the export holds no issues with dates, so there is nothing to import");
        return Err(ImportError::InvalidInput);
    };
    if opts.source == Source::Gitlab && !export.issues.is_empty() {
        diags.hint(
            "",
            "cycle time needs start dates; GitLab exports have none: throughput and the forecast use the close dates, while cycle time, work in progress and age will show \"no data\"",
        );
    }
    let files: Vec<String> = opts.files.iter().chain(opts.sprints.iter()).map(|f| file_name(f)).collect();
    let mut state = plan::read_state(&opts.into, diags)?;
    state.merge(&export, opts.source, &files, as_of);
    let ctx = plan::Context {
        into: &opts.into,
        settings: &settings,
        source: opts.source,
        files: &files,
        as_of,
        export: &export,
    };
    let planned = plan::plan(&ctx, &state, team::Roster::new(members), diags);
    if diags.has_errors() {
        return Err(ImportError::InvalidInput);
    }
    let today = settings.timezone.to_datetime(opts.now).date();
    if let Some(hint) = old_export_hint(as_of, today, &opts.into) {
        diags.hint("", hint);
    }
    plan::apply(&opts.into, planned, opts.dry_run, as_of, export.issues.len())
}

/// The `--as-of` to build an old export with. A hint, not a warning: the
/// import itself is right, and importing last quarter's export on purpose
/// is no problem to fail a strict CI step on; it is `build` and `check` that
/// would report on today, with nothing recent to show.
fn old_export_hint(as_of: Date, today: Date, into: &Path) -> Option<String> {
    let days = crate::model::dates::days_between(today, as_of);
    (days > OLD_EXPORT_DAYS).then(|| {
        format!(
            "this export is from {as_of}, {days} days before today ({today}); build and check it with --as-of {as_of}, or the pages report on today with nothing recent: tandem build {} --as-of {as_of}",
            shell_word(&into.display().to_string())
        )
    })
}

/// A path as it can be pasted into a shell: as it is when it is plain, else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || "/._-~+:@%=,".contains(c));
    if plain { text.to_string() } else { format!("'{}'", text.replace('\'', "'\\''")) }
}

fn read_input(file: &Path, shown: &str, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    use crate::fs::ReadError;
    match crate::fs::read(file, crate::fs::IMPORT_LIMIT) {
        Ok(b) => Some(b),
        Err(e @ ReadError::TooLarge { .. }) => {
            diags.error(shown, None, e.words("exports"));
            None
        }
        Err(ReadError::NotAFile { .. }) => {
            diags.error(shown, None, "cannot read the file: not a regular file");
            None
        }
        Err(ReadError::Io { source, .. }) => {
            diags.error(shown, None, format!("cannot read the file: {}", crate::fs::io_words(&source)));
            None
        }
    }
}

fn utf8<'a>(bytes: &'a [u8], shown: &str, diags: &mut Diagnostics) -> Option<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count();
            diags.error(shown, Some((line as u32, 1)), "not UTF-8 text");
            None
        }
    }
}

fn looks_like_json(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| *b == b'{' || *b == b'[')
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Story points or a weight: a number from 0 up, or nothing when empty.
/// `field` names the column or field in the message.
pub(crate) fn points(
    text: &str,
    field: &str,
    file: &str,
    pos: impl FnOnce() -> (u32, u32),
    diags: &mut Diagnostics,
) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.replace(',', ".").parse::<f64>() {
        Ok(p) if p.is_finite() && (0.0..=1000.0).contains(&p) => Some(p),
        Ok(p) => {
            diags.error(file, Some(pos()), format!("{field}: {p} is not a number of points from 0 to 1000"));
            None
        }
        Err(_) => {
            diags.error(file, Some(pos()), format!("{field}: \"{t}\" is not a number"));
            None
        }
    }
}

/// Jira's status category names in English (and their REST keys).
pub(crate) fn default_category(lower: &str) -> Option<Category> {
    match lower {
        "to do" | "todo" | "new" | "open" => Some(Category::Todo),
        "in progress" | "indeterminate" => Some(Category::InProgress),
        "done" | "complete" | "closed" => Some(Category::Done),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn an_export_older_than_14_days_names_the_as_of() {
        let into = Path::new("my team");
        assert_eq!(old_export_hint(date(2026, 5, 11), date(2026, 5, 25), into), None);
        let hint = old_export_hint(date(2026, 5, 11), date(2026, 5, 26), into).unwrap_or_default();
        assert!(
            hint.starts_with("this export is from 2026-05-11, 15 days before today (2026-05-26)"),
            "{hint}"
        );
        assert!(hint.ends_with("tandem build 'my team' --as-of 2026-05-11"), "{hint}");
        // An export dated after today (a clock behind) is no old export.
        assert_eq!(old_export_hint(date(2026, 6, 1), date(2026, 5, 26), into), None);
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("data/team-a"), "data/team-a");
    }
}
