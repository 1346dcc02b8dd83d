//! Writing a site to disk without ever leaving half a site: file by file
//! as `build` renders it ([`Staged`], so the whole site is never in memory),
//! or a rendered [`Site`] at once ([`write_site`]).
//!
//! Everything is written to a hidden sibling folder (`.<name>.tandem-tmp`)
//! holding tandem's marker file, then swapped in: the previous site is renamed
//! aside (`.<name>.tandem-old`) and the new one renamed into place. The
//! previous site is kept there, marked, and the next build starts from it,
//! rewriting only what changed (`output/tree.rs`). A folder is only ever replaced
//! when it is absent, empty, or holds the marker; the data folder and its
//! input folders are never touched. Any failure before the swap leaves the
//! previous site as it was.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::fs::write_file;
use crate::site::Site;

mod tree;

/// Name of the marker file at the root of every folder tandem writes.
pub const MARKER: &str = ".tandem-site";

const MARKER_TEXT: &str = "This folder was written by tandem (a team-health site generator).\n\
tandem replaces it completely on every build; do not keep other files here.\n";

/// Input folders of a data folder that may never hold the output.
const INPUT_FOLDERS: [&str; 3] = ["sprints", "backlog", "notes"];

/// Why the site was not written. Nothing was changed unless the message
/// says otherwise; every case maps to exit code 3.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder would overwrite or sit inside the data.
    #[error("refusing to write the site to {}: {reason}", out.display())]
    Unsafe {
        /// The output folder.
        out: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// The output folder holds files tandem did not write.
    #[error(
        "refusing to replace {}: it is not empty and was not written by tandem \
         (it has no {MARKER} file); choose another output folder or empty it",
        out.display()
    )]
    NotOurs {
        /// The output folder.
        out: PathBuf,
    },
    /// The site holds a path that could escape the output folder.
    #[error("internal error: unsafe path \"{path}\" in the rendered site")]
    BadPath {
        /// The path inside the site.
        path: String,
    },
    /// A file system operation failed.
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        /// What was being done (`create folder`, `write file` ...).
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

fn io_error<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |source| OutputError::Io { action, path: path.to_path_buf(), source }
}

/// Writes `site` to `out_dir`, replacing a previous tandem site there.
///
/// Refuses (changing nothing) when `out_dir` is the data folder, contains it,
/// or lies inside its `sprints`, `backlog` or `notes` folder, and when it
/// exists but is neither empty nor marked as tandem's.
pub fn write_site(site: &Site, out_dir: &Path, data_dir: &Path) -> Result<(), OutputError> {
    for path in site.files.keys() {
        check_site_path(path)?;
    }
    let staged = Staged::begin(out_dir, data_dir)?;
    for (path, bytes) in &site.files {
        staged.write_file(path, bytes)?;
    }
    staged.finish()
}

/// A site being written file by file, as it is rendered, into the hidden
/// temporary folder; [`Staged::finish`] swaps it into place. Dropped
/// unfinished (an error, a refused build), it removes the temporary folder
/// and leaves the output as it was.
#[derive(Debug)]
pub struct Staged {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    tree: tree::Tree,
    /// The temporary folder started as the previous site kept by the last build.
    reused: bool,
    done: bool,
}

impl Staged {
    /// Checks that the site may go to `out_dir` (see [`write_site`]) and
    /// prepares the temporary folder: the previous site kept by the last
    /// build when there is one, else a new folder.
    pub fn begin(out_dir: &Path, data_dir: &Path) -> Result<Staged, OutputError> {
        refuse_link(out_dir)?;
        let out = resolve(out_dir)?;
        check_not_data(&out, out_dir, data_dir)?;
        check_replaceable(&out, out_dir)?;

        let parent = out.parent().ok_or_else(|| OutputError::Unsafe {
            out: out_dir.to_path_buf(),
            reason: "it is the root of the file system".to_string(),
        })?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = parent.join(format!(".{name}.tandem-tmp"));
        let old = parent.join(format!(".{name}.tandem-old"));
        fs::create_dir_all(parent).map_err(io_error("create folder", parent))?;
        // The previous site kept by the last build is brought up to date
        // instead of writing every file anew (see tree.rs for the measurement).
        // A marked temporary folder was left by a build that was killed: it is
        // a site in some state, which the tree makes whole just the same.
        let (tree, reused) = if is_marked_folder(&tmp) {
            clear_leftover(&old)?;
            (tree::Tree::reuse(&tmp), true)
        } else if is_marked_folder(&old) {
            clear_leftover(&tmp)?;
            fs::rename(&old, &tmp).map_err(io_error("reuse", &old))?;
            (tree::Tree::reuse(&tmp), true)
        } else {
            clear_leftover(&tmp)?;
            clear_leftover(&old)?;
            (tree::Tree::new(&tmp), false)
        };
        let tree = tree.inspect_err(|_| {
            let _ = fs::remove_dir_all(&tmp);
        })?;
        Ok(Staged { out, tmp, old, tree, reused, done: false })
    }

    /// Writes the file at site path `path`; callable from any thread.
    pub fn write_file(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        check_site_path(path)?;
        self.tree.put(path, bytes)
    }

    /// Whether the file at `path` was written.
    pub fn contains(&self, path: &str) -> bool {
        self.tree.contains(path)
    }

    /// How many files were written.
    pub fn file_count(&self) -> usize {
        self.tree.len()
    }

    /// How many HTML pages were written.
    pub fn page_count(&self) -> usize {
        self.tree.count(|path| path.ends_with(".html"))
    }

    /// Removes what is left of the previous site and swaps the new one in.
    pub fn finish(mut self) -> Result<(), OutputError> {
        self.tree.prune()?;
        self.done = true;
        swap(&self.tmp, &self.out, &self.old)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // A kept previous site goes back where it was, as the start of the
        // next build: half brought up to date, it is still tandem's, marked,
        // and the next build corrects every file of it.
        if self.done {
            return;
        }
        if !self.reused || fs::rename(&self.tmp, &self.old).is_err() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::site::Sink for Staged {
    type Error = OutputError;

    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), OutputError> {
        self.write_file(path, &bytes)
    }
}

/// A folder (not a link to one) holding tandem's marker.
fn is_marked_folder(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) && has_marker(dir)
}

/// `dir` holds tandem's marker as a plain file (a link named like the
/// marker proves nothing).
fn has_marker(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// An output folder that is a symbolic link is refused: the site is swapped
/// in by renaming, which would replace the link, and writing into its target
/// would put files somewhere the command line does not name.
fn refuse_link(out_dir: &Path) -> Result<(), OutputError> {
    // Rebuilt from its parts, `public/` names the link itself, not its target.
    let named: PathBuf = out_dir.components().collect();
    match fs::symlink_metadata(&named) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = fs::read_link(&named).map_or_else(|_| "?".to_string(), |t| t.display().to_string());
            Err(OutputError::Unsafe {
                out: out_dir.to_path_buf(),
                reason: format!(
                    "it is a symbolic link (to {target}); give the folder it points to with --output-dir, or remove the link"
                ),
            })
        }
        _ => Ok(()),
    }
}

/// A site path must be relative, `/`-separated, with plain names only.
fn check_site_path(path: &str) -> Result<(), OutputError> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path.contains('\0')
        || path == MARKER
        || path.split('/').any(|part| part.is_empty() || part == "." || part == "..");
    if bad {
        return Err(OutputError::BadPath { path: path.to_string() });
    }
    Ok(())
}

/// The absolute, symlink-free form of `path`, which need not exist: its
/// nearest existing ancestor is canonicalized and the rest appended.
fn resolve(path: &Path) -> Result<PathBuf, OutputError> {
    let absolute = std::path::absolute(path).map_err(io_error("find the folder", path))?;
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(real) => {
                return Ok(rest.iter().rev().fold(real, |acc, part| acc.join(part)));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error("read", existing)(e)),
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(Component::Normal(part))) => {
                rest.push(part);
                existing = parent;
            }
            (Some(parent), Some(Component::CurDir)) => existing = parent,
            _ => return Err(io_error("read", path)(io::ErrorKind::NotFound.into())),
        }
    }
}

fn check_not_data(out: &Path, out_dir: &Path, data_dir: &Path) -> Result<(), OutputError> {
    let data = data_dir.canonicalize().map_err(io_error("read the data folder", data_dir))?;
    let refuse = |reason: String| Err(OutputError::Unsafe { out: out_dir.to_path_buf(), reason });
    if out == data {
        return refuse("it is the data folder".to_string());
    }
    if data.starts_with(out) {
        return refuse(format!("it contains the data folder {}", data_dir.display()));
    }
    for input in INPUT_FOLDERS {
        if out.starts_with(data.join(input)) {
            return refuse(format!("it is inside the data folder's {input}/ folder"));
        }
    }
    Ok(())
}

/// The output folder may be replaced: absent, empty, or holding the marker.
fn check_replaceable(out: &Path, out_dir: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error("read", out_dir)(e)),
        Ok(meta) if !meta.is_dir() => {
            return Err(OutputError::Unsafe {
                out: out_dir.to_path_buf(),
                reason: "it is a file, not a folder".to_string(),
            });
        }
        Ok(_) => {}
    }
    if is_ours_or_empty(out).map_err(io_error("read", out_dir))? {
        Ok(())
    } else {
        Err(OutputError::NotOurs { out: out_dir.to_path_buf() })
    }
}

fn is_ours_or_empty(dir: &Path) -> io::Result<bool> {
    if has_marker(dir) {
        return Ok(true);
    }
    Ok(fs::read_dir(dir)?.next().is_none())
}

/// Removes a temporary folder left by an interrupted build, but only one that
/// tandem made (it writes the marker first). A link under that name is not
/// tandem's either, but only the link is removed, never what it points to.
fn clear_leftover(dir: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error("read", dir)(e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::remove_file(dir).map_err(io_error("remove link", dir))
        }
        Ok(meta) if meta.is_dir() && is_ours_or_empty(dir).unwrap_or(false) => {
            fs::remove_dir_all(dir).map_err(io_error("remove leftover folder", dir))
        }
        Ok(_) => Err(OutputError::NotOurs { out: dir.to_path_buf() }),
    }
}

/// Puts `tmp` in place of `out`, keeping the previous `out` until the end.
///
/// Where the system can exchange two folders in one step (Linux), `out`
/// always holds a whole site: the previous one, then the new one. Elsewhere
/// two renames are needed, and between them, for a few microseconds, `out`
/// is absent; a build killed there leaves the previous site whole in `old`
/// and the new one in `tmp`, and the next build puts a site back.
fn swap(tmp: &Path, out: &Path, old: &Path) -> Result<(), OutputError> {
    let had_previous = out.exists();
    if had_previous && exchange(tmp, out) {
        // `tmp` now holds the previous site; killed here, the next build
        // starts from it, as it does should this rename fail.
        if fs::rename(tmp, old).is_ok() {
            keep_aside(old);
        }
        return Ok(());
    }
    if had_previous && let Err(e) = fs::rename(out, old) {
        let _ = fs::remove_dir_all(tmp);
        return Err(io_error("move aside", out)(e));
    }
    if let Err(e) = fs::rename(tmp, out) {
        if had_previous {
            let _ = fs::rename(old, out);
        }
        let _ = fs::remove_dir_all(tmp);
        return Err(io_error("move into place", out)(e));
    }
    if had_previous {
        keep_aside(old);
    }
    Ok(())
}

/// The new site is in place. The previous one stays beside it, marked, as
/// the start of the next build; version control is told to ignore it (should
/// that write fail, nothing is lost but the hint). The empty folder a first
/// build replaced is not a site: it is removed, or the next build would
/// refuse it as a folder tandem did not write.
fn keep_aside(old: &Path) {
    if has_marker(old) {
        let _ = write_file(&old.join(tree::KEPT_IGNORE.0), tree::KEPT_IGNORE.1.as_bytes());
    } else {
        let _ = fs::remove_dir(old);
    }
}

/// Swaps two folders in one step; false when the system cannot (nothing
/// changed then).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests;
