//! Stage 1: walk the data folder, parse every file, validate into the model.
//!
//! Only the places docs/data.md names are read (`tandem.yaml`, `team.yaml`,
//! `sprints/`, `backlog.yaml`, `backlog/`, `notes/`, `checkins/`, `static/`),
//! so anything else in the folder (a README, a `public/` site) is left alone.
//! Every problem in every file is collected; a [`Project`] comes back only
//! when there is no error.

pub mod backlog;
pub mod checkins;
pub mod notes;
pub mod settings;
pub mod sprints;
pub mod static_dir;
pub mod team;
pub mod walk;
pub mod yaml;

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::model::{Backlog, Note, Project, Settings, Sprint, Team};

/// The outcome of reading a data folder.
#[derive(Debug)]
pub struct Loaded {
    /// The validated project, when no error was found.
    pub project: Option<Project>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// How many files were read (`static/` not counted: it is copied, not read).
    pub files_read: usize,
    /// The files of `static/`, to be copied into the site as they are.
    pub static_files: Vec<static_dir::StaticFile>,
}

/// One file to read: its path on disk and relative to the data folder.
struct DataFile {
    disk: PathBuf,
    rel: String,
}

impl DataFile {
    fn stem(&self) -> &str {
        Path::new(&self.rel).file_stem().and_then(|s| s.to_str()).unwrap_or("")
    }
}

/// Reads and validates the data folder at `dir`.
pub fn load(dir: &Path) -> Loaded {
    let mut diags = Diagnostics::new();
    let mut files_read = 0;
    if !dir.is_dir() {
        diags.error(
            &dir.display().to_string(),
            None,
            "not a folder (give the data folder: the one holding team.yaml)",
        );
        return Loaded { project: None, diagnostics: diags, files_read, static_files: Vec::new() };
    }
    let fence = match walk::Fence::new(dir) {
        Ok(fence) => fence,
        Err(e) => {
            diags.error(
                &dir.display().to_string(),
                None,
                format!("cannot be read: {}", crate::fs::io_words(&e)),
            );
            return Loaded { project: None, diagnostics: diags, files_read, static_files: Vec::new() };
        }
    };
    warn_about_near_misses(fence.root(), &mut diags);

    let mut read_yaml = |rel: &str, disk: &Path, diags: &mut Diagnostics| {
        files_read += 1;
        let text = read_text(disk, rel, diags)?;
        yaml::parse(&text, rel, 0, diags)
    };

    let settings = match fence.place("tandem.yaml", &mut diags) {
        Some(p) => read_yaml("tandem.yaml", &p, &mut diags)
            .map(|n| settings::read_settings(&n, "tandem.yaml", &mut diags))
            .unwrap_or_default(),
        None => Settings::default(),
    };

    let team = if let Some(team_path) = fence.place("team.yaml", &mut diags) {
        read_yaml("team.yaml", &team_path, &mut diags)
            .and_then(|n| team::read_team(&n, "team.yaml", &mut diags))
    } else {
        diags.error(
            "team.yaml",
            None,
            "missing: every data folder needs a team.yaml with the team's name and members",
        );
        None
    };

    let mut located = Vec::new();
    let sprint_files = list_files(&fence, "sprints", &["yaml", "yml"], false, &mut diags);
    for file in &sprint_files {
        if let Some(node) = read_yaml(&file.rel, &file.disk, &mut diags) {
            located.extend(sprints::read_sprint(&node, &file.rel, file.stem(), team.as_ref(), &mut diags));
        }
    }
    if sprint_files.is_empty() {
        diags.error("sprints", None, "no sprint files: add at least one sprints/<name>.yaml");
    }
    let sprints = sprints::check_sprints(located, &mut diags);

    let backlog = load_backlog(&fence, team.as_ref(), &mut diags, &mut read_yaml);
    let checkins = checkins::load(&fence, team.as_ref(), &mut diags, &mut read_yaml);

    let note_files = list_files(&fence, "notes", &["md"], true, &mut diags);
    files_read += note_files.len();
    let notes = load_notes(&note_files, team.as_ref(), &sprints, &backlog, settings.date_order, &mut diags);
    let static_files = static_dir::read(&fence, &mut diags);

    let project = match team {
        Some(team) if !diags.has_errors() => {
            Some(Project { settings, team, sprints, backlog, notes, checkins })
        }
        _ => None,
    };
    Loaded { project, diagnostics: diags, files_read, static_files }
}

fn load_backlog(
    fence: &walk::Fence,
    team: Option<&Team>,
    diags: &mut Diagnostics,
    read_yaml: &mut impl FnMut(&str, &Path, &mut Diagnostics) -> Option<yaml::Node>,
) -> Backlog {
    let single = fence.place("backlog.yaml", diags);
    let folder = fence.place("backlog", diags);
    if let (Some(_), Some(folder)) = (&single, &folder)
        && folder.is_dir()
    {
        diags.error(
            "backlog.yaml",
            None,
            "both backlog.yaml and a backlog/ folder exist: keep one (dated snapshots go in backlog/)",
        );
        return Backlog::Absent;
    }
    if let Some(single) = single {
        return read_yaml("backlog.yaml", &single, diags)
            .and_then(|n| backlog::read_snapshot(&n, "backlog.yaml", None, team, diags))
            .map_or(Backlog::Absent, Backlog::Current);
    }
    let mut snapshots: Vec<crate::model::BacklogSnapshot> = Vec::new();
    for file in list_files(fence, "backlog", &["yaml", "yml"], false, diags) {
        let date = match yaml::parse_iso_date(file.stem()) {
            Ok(d) => d,
            Err(_) => {
                diags.error(
                    &file.rel,
                    None,
                    "a snapshot's file name must be its date, e.g. backlog/2026-10-19.yaml",
                );
                continue;
            }
        };
        if let Some(other) = snapshots.iter().find(|s| s.date == Some(date)) {
            diags.error(&file.rel, None, format!("two snapshots for {date}: this one and {}", other.path));
            continue;
        }
        if let Some(node) = read_yaml(&file.rel, &file.disk, diags) {
            snapshots.extend(backlog::read_snapshot(&node, &file.rel, Some(date), team, diags));
        }
    }
    snapshots.sort_by_key(|s| s.date);
    if snapshots.is_empty() { Backlog::Absent } else { Backlog::Dated(snapshots) }
}

fn load_notes(
    files: &[DataFile],
    team: Option<&Team>,
    sprints: &[Sprint],
    backlog: &Backlog,
    date_order: Option<crate::model::DateOrder>,
    diags: &mut Diagnostics,
) -> Vec<Note> {
    let placeholder = Team { name: String::new(), members: Vec::new() };
    let ctx = notes::NoteContext { team: team.unwrap_or(&placeholder), sprints, date_order };
    // Reading and parsing a note needs nothing from any other note: on
    // every core, each with its own diagnostics, gathered in file order.
    let parsed: Vec<(Option<Note>, Diagnostics)> = files
        .par_iter()
        .map(|file| {
            let mut found = Diagnostics::new();
            let note = read_note(file, &ctx, &mut found);
            (note, found)
        })
        .collect();
    let mut list: Vec<Note> = Vec::new();
    for (note, found) in parsed {
        diags.extend(found);
        list.extend(note);
    }
    let ids: BTreeSet<String> = sprints
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.clone()))
        .chain(backlog.snapshots().iter().flat_map(|s| s.items.iter().map(|i| i.id.clone())))
        .collect();
    let index = notes::ItemIds::new(&ids);
    for note in &mut list {
        for decision in &mut note.decisions {
            decision.references = index.find(&decision.text);
        }
    }
    list.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    list
}

fn read_note(file: &DataFile, ctx: &notes::NoteContext<'_>, diags: &mut Diagnostics) -> Option<Note> {
    let bytes = match crate::fs::read(&file.disk, crate::fs::NOTE_LIMIT) {
        Ok(b) => b,
        Err(e) => {
            diags.error(&file.rel, None, e.words("notes"));
            return None;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        diags.warning(&file.rel, None, "not UTF-8 text; note skipped (save it as UTF-8)");
        return None;
    };
    notes::parse_note(&file.rel, &text, ctx, diags)
}

/// The files of `sub` with one of `extensions`; `deep` walks subfolders too.
/// Hidden entries are skipped silently; other files are skipped with a
/// warning; links are followed only inside the data folder (`walk.rs`).
fn list_files(
    fence: &walk::Fence,
    sub: &str,
    extensions: &[&str],
    deep: bool,
    diags: &mut Diagnostics,
) -> Vec<DataFile> {
    let mut files = Vec::new();
    for entry in fence.walk(sub, deep, diags) {
        let (disk, rel) = match entry {
            walk::Entry::Folder { rel } => {
                if !deep {
                    diags.warning(
                        &rel,
                        None,
                        format!("folder not read: files in {sub}/ must sit directly in it"),
                    );
                }
                continue;
            }
            walk::Entry::File { disk, rel } => (disk, rel),
        };
        let name = rel.rsplit('/').next().unwrap_or("");
        let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("");
        if extensions.contains(&ext) {
            files.push(DataFile { disk, rel });
        } else if !deep || looks_like_note(name) {
            let wanted: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
            diags.warning(
                &rel,
                None,
                format!("not read: only {} files are read in {sub}/", wanted.join(" and ")),
            );
        }
    }
    files
}

fn looks_like_note(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains(".md")
        || lower.ends_with(".markdown")
        || lower.ends_with(".txt")
        || lower.ends_with(".mdown")
}

/// Warns about names that look like a data file under another spelling.
fn warn_about_near_misses(dir: &Path, diags: &mut Diagnostics) {
    let pairs = [
        ("team.yml", "team.yaml"),
        ("tandem.yml", "tandem.yaml"),
        ("backlog.yml", "backlog.yaml"),
        ("sprint", "sprints/"),
        ("note", "notes/"),
        ("Notes", "notes/"),
        ("Sprints", "sprints/"),
        ("checkin", "checkins/"),
        ("check-ins", "checkins/"),
        ("Checkins", "checkins/"),
    ];
    for (found, meant) in pairs {
        if dir.join(found).exists() && !dir.join(meant.trim_end_matches('/')).exists() {
            diags.warning(found, None, format!("not read: did you mean {meant}?"));
        }
    }
}

fn read_text(disk: &Path, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    match crate::fs::read(disk, crate::fs::YAML_LIMIT) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)),
            Err(_) => {
                diags.error(rel, None, "not UTF-8 text (save the file as UTF-8)");
                None
            }
        },
        Err(e) => {
            diags.error(rel, None, e.words("YAML files"));
            None
        }
    }
}
