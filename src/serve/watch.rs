//! Watching the data folder and the templates: one message per burst of
//! saves, for files that can change the site.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

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

/// Keeps watching while it lives.
pub struct Watcher {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// Starts watching `roots` (each recursively) and sends a [`Change`] after
/// each burst of relevant events.
pub fn watch(roots: &[PathBuf], tx: Sender<Change>) -> Result<Watcher, String> {
    let roots_for_filter: Vec<PathBuf> = roots.to_vec();
    let mut debouncer = new_debouncer(QUIET, None, move |result: DebounceEventResult| {
        let change = match result {
            Ok(events) => {
                // Reading a file is an event too (inotify's OPEN): every build
                // reads the whole folder, so reads must not start another.
                let writes = events.iter().filter(|e| !matches!(e.kind, EventKind::Access(_)));
                if !writes.flat_map(|e| e.paths.iter()).any(|p| relevant(p, &roots_for_filter)) {
                    return;
                }
                Change::Files
            }
            Err(errors) => {
                Change::Trouble(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
            }
        };
        // The server is stopping when nobody listens: nothing to do.
        let _ = tx.send(change);
    })
    .map_err(|e| format!("cannot watch for changes: {e}"))?;
    for root in roots {
        debouncer
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {} for changes: {e}", root.display()))?;
    }
    Ok(Watcher { _debouncer: debouncer })
}

/// Whether a change at `path` can change the site. Left out: hidden files
/// and folders (`.git`, `.tandem/`, `.#note.md`, `.note.md.swp`), editor
/// leftovers (`note.md~`, `*.swp`, vim's `4913` probe) and any folder tandem
/// wrote a site into (it holds the marker file), so `tandem build -o
/// DATA/public` beside `serve` does not start a rebuild loop.
pub fn relevant(path: &Path, roots: &[PathBuf]) -> bool {
    let Some((root, rel)) = roots.iter().find_map(|r| path.strip_prefix(r).ok().map(|rel| (r, rel))) else {
        // Outside what was asked for (a symlink's target): be safe, rebuild.
        return true;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_count_and_editor_leftovers_do_not() {
        let root = PathBuf::from("/data");
        let roots = [root.clone()];
        for yes in ["sprints/s1.yaml", "notes/2026/retro.md", "team.yaml", "static/logo.png", "notes"] {
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
}
