//! `tandem init`: a small, valid data folder to start from, with a GitHub
//! Actions workflow that publishes the site to GitHub Pages.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::ToSpan;

use crate::model::Date;

/// The files `init` writes, relative to the folder, with `{start}` and `{end}`
/// standing for the first sprint's dates.
const FILES: &[(&str, &str)] = &[
    ("tandem.yaml", include_str!("tandem.yaml")),
    ("team.yaml", include_str!("team.yaml")),
    ("sprints/s1.yaml", include_str!("sprint.yaml")),
    ("backlog.yaml", include_str!("backlog.yaml")),
    ("notes/{start}-planning.md", include_str!("planning.md")),
    ("checkins/README.md", include_str!("checkins.md")),
    (".github/workflows/tandem.yml", include_str!("workflow.yml")),
];

/// Why `init` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// These files exist already; nothing was overwritten.
    #[error("not overwriting existing files: {}", list(.0))]
    WouldOverwrite(Vec<PathBuf>),
    /// Writing failed.
    #[error("{}: {}", .0.display(), crate::fs::io_words(.1))]
    Io(PathBuf, #[source] std::io::Error),
}

fn list(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Writes every built-in template and asset into `dir`, to be edited and
/// passed back with `tandem build --templates DIR`. Refuses, writing
/// nothing, when any of them exists.
pub fn export_templates(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    let templates = crate::site::templates::BUILTIN.iter().map(|(name, text)| (*name, text.as_bytes()));
    let assets = crate::site::templates::ASSETS.iter().copied();
    let files: Vec<(PathBuf, &[u8])> =
        templates.chain(assets).map(|(name, bytes)| (dir.join(name), bytes)).collect();
    write_new(&files)
}

/// Writes `files`, creating folders; refuses, writing nothing, when any exists.
fn write_new<T: AsRef<[u8]>>(files: &[(PathBuf, T)]) -> Result<Vec<PathBuf>, InitError> {
    let existing: Vec<PathBuf> = files.iter().filter(|(p, _)| p.exists()).map(|(p, _)| p.clone()).collect();
    if !existing.is_empty() {
        return Err(InitError::WouldOverwrite(existing));
    }
    for (path, bytes) in files {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| InitError::Io(parent.to_path_buf(), e))?;
        }
        fs::write(path, bytes).map_err(|e| InitError::Io(path.clone(), e))?;
    }
    Ok(files.iter().map(|(p, _)| p.clone()).collect())
}

/// The first sprint: two weeks from the Monday of `today`'s week.
fn first_sprint(today: Date) -> (Date, Date) {
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let start = today.checked_sub(back.days()).unwrap_or(today);
    let end = start.checked_add(11.days()).unwrap_or(start);
    (start, end)
}

/// The GitHub repository (`owner/name`) of a `repository` URL such as
/// `https://github.com/owner/name`, or "" for anything else: the workflow then
/// stops with a message asking for it rather than guessing.
fn github_repository(url: &str) -> String {
    let Some(path) = url.strip_prefix("https://github.com/") else { return String::new() };
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let parts: Vec<&str> = path.split('/').collect();
    let plain = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    match parts.as_slice() {
        [owner, name] if plain(owner) && plain(name) => format!("{owner}/{name}"),
        _ => String::new(),
    }
}

/// Where the workflow installs tandem from (`owner/name`): Cargo.toml's
/// `repository`, or "" when it is not a GitHub repository (the user fills it in).
pub fn tandem_repository() -> String {
    github_repository(env!("CARGO_PKG_REPOSITORY"))
}

/// Writes the starter files into `dir` (created if needed) and returns their
/// paths. Refuses, writing nothing, when any of them exists.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, InitError> {
    let (start, end) = first_sprint(today);
    // The workflow installs the release of this very version, from the repository
    // named in Cargo.toml (`repository`), when there is one.
    let repository = tandem_repository();
    let fill = |s: &str| {
        s.replace("{start}", &start.to_string())
            .replace("{end}", &end.to_string())
            .replace("{tandem_version}", env!("CARGO_PKG_VERSION"))
            .replace("{tandem_repository}", &repository)
    };
    let files: Vec<(PathBuf, String)> =
        FILES.iter().map(|(name, text)| (dir.join(fill(name)), fill(text))).collect();
    write_new(&files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::date;

    #[test]
    fn the_workflow_names_tandem_s_github_repository_or_nothing() {
        assert_eq!(github_repository("https://github.com/acme/tandem"), "acme/tandem");
        assert_eq!(github_repository("https://github.com/acme/tandem.git/"), "acme/tandem");
        assert_eq!(github_repository(""), "");
        assert_eq!(github_repository("https://gitlab.com/acme/tandem"), "");
        assert_eq!(github_repository("https://github.com/acme/tandem/tree/main"), "");
        assert_eq!(github_repository("https://github.com/acme/$(reboot)"), "");
    }

    #[test]
    fn first_sprint_starts_on_monday_and_ends_on_friday_a_week_later() {
        // 2026-11-27 is a Friday; its week's Monday is 2026-11-23.
        assert_eq!(first_sprint(date("2026-11-27")), (date("2026-11-23"), date("2026-12-04")));
        assert_eq!(first_sprint(date("2026-11-23")), (date("2026-11-23"), date("2026-12-04")));
    }

    #[test]
    fn writes_a_folder_that_checks_clean_and_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let written = init(tmp.path(), date("2026-11-27")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written.len(), FILES.len());
        assert!(tmp.path().join("notes/2026-11-23-planning.md").is_file());

        let now = jiff::Timestamp::from_second(1_795_737_600).unwrap_or_else(|e| panic!("{e}")); // 2026-11-27
        let mut checked = crate::check(tmp.path(), &crate::options::Flags::default(), now);
        if let Some((project, options)) = &checked.project {
            crate::hints(project, options.report_date, &mut checked.diagnostics);
        }
        let said: Vec<String> = checked.diagnostics.sorted().iter().map(ToString::to_string).collect();
        // No problem; one hint asking the pair for their first check-in
        // (checkins/README.md is not read as one).
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with("hint: checkins: neither the product owner nor the scrum master has checked in during the last 28 days:"),
            "{said:?}"
        );
        let (project, options) = checked.project.unwrap_or_else(|| panic!("no project"));
        assert_eq!(options.report_date, date("2026-11-27"));
        // The title follows the team's name until someone sets one.
        assert_eq!(project.settings.title, None);

        match init(tmp.path(), date("2026-11-27")) {
            Err(InitError::WouldOverwrite(paths)) => assert_eq!(paths.len(), FILES.len()),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
