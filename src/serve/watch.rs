//! Watching the data folder and the templates: one message per burst of
//! saves, for files that can change the site.

use std::panic::AssertUnwindSafe;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};

/// An editor writes a file in several steps (temporary file, rename,
/// attributes): wait this long after the last event before rebuilding.
const QUIET: Duration = Duration::from_millis(120);

/// What the watcher reports.
#[derive(Debug)]
pub enum Change {
    /// Files that matter changed: rebuild.
    Files,
    /// The watcher itself had a problem (a folder removed, too many files ...).
    Trouble(String),
}

/// Why watching could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The watcher itself could not be made.
    #[error("cannot watch for changes: {0}")]
    Start(#[source] notify::Error),
    /// A folder could not be watched.
    #[error("cannot watch {} for changes: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: notify::Error,
    },
}

/// Keeps watching while it lives.
pub struct Watcher {
    _debouncer: Debouncer<RecommendedWatcher, NoCache>,
}

/// Starts watching `roots` (each recursively, given canonical) and sends a
/// [`Change`] after each burst of relevant events.
///
/// Links are not followed: `notes/root -> /` would otherwise watch the whole
/// disk (a watch per folder, a rebuild on any write anywhere, and a failure
/// on the first folder the user cannot read). The loader refuses links that
/// leave the data folder, and a link that stays inside points into the tree
/// watched already, so nothing the site is built from goes unwatched.
pub fn watch(roots: &[PathBuf], tx: Sender<Change>) -> Result<Watcher, WatchError> {
    let roots_for_filter: Vec<PathBuf> = roots.to_vec();
    let config = notify::Config::default().with_follow_symlinks(false);
    // No file-id cache: it would walk the folders itself, following links
    // (it serves only to pair renames, and any change here means "rebuild").
    let handler = move |result: DebounceEventResult| {
        // A bug here must not silently end the watching thread: caught
        // here, where it happens, and reported instead.
        let change = std::panic::catch_unwind(AssertUnwindSafe(|| change_of(result, &roots_for_filter)))
            .unwrap_or_else(|_| {
                Some(Change::Trouble("internal error while filtering changes; please report it".into()))
            });
        // The server is stopping when nobody listens: nothing to do.
        if let Some(change) = change {
            let _ = tx.send(change);
        }
    };
    let mut debouncer =
        new_debouncer_opt::<_, RecommendedWatcher, NoCache>(QUIET, None, handler, NoCache, config)
            .map_err(WatchError::Start)?;
    for root in roots {
        debouncer
            .watch(root, RecursiveMode::Recursive)
            .map_err(|source| WatchError::Folder { path: root.clone(), source })?;
    }
    Ok(Watcher { _debouncer: debouncer })
}

/// What a burst of events means: `None` when nothing in it matters.
fn change_of(result: DebounceEventResult, roots: &[PathBuf]) -> Option<Change> {
    match result {
        Ok(events) => {
            // Reading a file is an event too (inotify's OPEN): every build
            // reads the whole folder, so reads must not start another.
            let writes = events.iter().filter(|e| !matches!(e.kind, EventKind::Access(_)));
            let mut paths = writes.flat_map(|e| e.paths.iter());
            paths.any(|p| relevant(p, roots)).then_some(Change::Files)
        }
        Err(errors) => {
            Some(Change::Trouble(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
        }
    }
}

/// Whether a change at `path` can change the site. Left out: hidden files
/// and folders (`.git`, `.tandem/`, `.#note.md`, `.note.md.swp`), editor
/// leftovers (`note.md~`, `*.swp`, vim's `4913` probe) and any folder tandem
/// wrote a site into (it holds the marker file), so `tandem build -o
/// DATA/public` beside `serve` does not start a rebuild loop. Left out too:
/// anything that, links resolved, lies outside `roots` (canonical paths).
pub fn relevant(path: &Path, roots: &[PathBuf]) -> bool {
    let resolved = resolved(path);
    let path = resolved.as_path();
    let Some((root, rel)) = roots.iter().find_map(|r| path.strip_prefix(r).ok().map(|rel| (r, rel))) else {
        // Reached through a link that leaves the folders: the loader refuses
        // such links, so nothing there can change the site.
        return false;
    };
    for part in rel.components() {
        let Component::Normal(name) = part else { continue };
        if name.to_string_lossy().starts_with('.') {
            return false;
        }
    }
    if let Some(name) = rel.file_name().map(|n| n.to_string_lossy()) {
        let temp = name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
            || name == "4913";
        if temp {
            return false;
        }
    }
    // A site tandem wrote: the marker in this folder or one above it, up to the root.
    let mut dir = Some(path);
    while let Some(d) = dir {
        if d.join(crate::output::MARKER).is_file() {
            return false;
        }
        if d == root {
            break;
        }
        dir = d.parent();
    }
    true
}

/// `path` with the links in its folder resolved, but not a link it names
/// itself: `notes/outside`, a link that leaves the data folder, is still a
/// change in the data folder (the build warns about it), while a file
/// reached through it is not. A folder that is gone (deleted meanwhile)
/// leaves the path as it came.
fn resolved(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            dir.canonicalize().map(|d| d.join(name)).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_count_and_editor_leftovers_do_not() {
        let root = PathBuf::from("/data");
        let roots = [root.clone()];
        for yes in [
            "sprints/s1.yaml",
            "notes/2026/retro.md",
            "checkins/2026-11-20-marco.yaml",
            "team.yaml",
            "static/logo.png",
            "notes",
        ] {
            assert!(relevant(&root.join(yes), &roots), "{yes}");
        }
        for no in [
            ".tandem/state",
            ".git/index",
            "notes/.retro.md.swp",
            "notes/.#retro.md",
            "notes/retro.md~",
            "notes/retro.md.swp",
            "notes/4913",
            "notes/.hidden/x.md",
            ".public.tandem-tmp/index.html",
        ] {
            assert!(!relevant(&root.join(no), &roots), "{no}");
        }
    }

    #[test]
    fn a_site_written_inside_the_data_folder_is_ignored() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().to_path_buf();
        let site = root.join("public");
        std::fs::create_dir_all(site.join("notes")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(site.join(crate::output::MARKER), "").unwrap_or_else(|e| panic!("{e}"));
        let roots = [root.clone()];
        assert!(!relevant(&site.join("notes/index.html"), &roots));
        assert!(!relevant(&site, &roots));
        assert!(relevant(&root.join("notes/a.md"), &roots));
    }

    #[cfg(unix)]
    #[test]
    fn files_reached_through_a_link_out_of_the_folder_do_not_count() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(root.join("notes/2026")).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(outside.path(), root.join("notes/outside"))
            .unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(root.join("notes/2026"), root.join("notes/this-year"))
            .unwrap_or_else(|e| panic!("{e}"));
        let roots = [root.clone()];
        assert!(!relevant(&root.join("notes/outside/a.md"), &roots), "a file outside, through the link");
        assert!(!relevant(&outside.path().join("a.md"), &roots), "a file outside");
        assert!(relevant(&root.join("notes/outside"), &roots), "the link itself is in the data folder");
        assert!(relevant(&root.join("notes/this-year/a.md"), &roots), "a link that stays inside");
        assert!(relevant(&root.join("notes/2026/a.md"), &roots));
    }
}
