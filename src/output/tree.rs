//! Putting a site's files into a folder as they are rendered: into a new
//! folder, or by bringing the previous-but-one site up to date.
//!
//! Measured on this project's machines (ext4, 10,000 notes): creating the
//! 10,000 folders and 10,000 files of a site and removing the previous one
//! cost 3 to 15 s of kernel time, depending on how many inodes were freed
//! lately, while reading the same files and rewriting the few that changed
//! costs 0.1 to 0.5 s. So the previous site is kept, marked, beside the
//! output after a swap, and the next build starts from it instead of from
//! an empty folder; the swap itself stays atomic.
//!
//! Files arrive one at a time, from any thread, in any order: the site is
//! never held whole in memory. What the previous site has and the new one
//! does not is removed at the end ([`Tree::prune`]).

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{MARKER, MARKER_TEXT, OutputError, io_error, write_file};
use crate::fs::holds;

/// Written into the kept previous site so that version control does not
/// show it (it sits next to the output folder, often inside a repository).
pub const KEPT_IGNORE: (&str, &str) =
    (".gitignore", "# tandem's previous site, the start of the next build\n*\n");

/// `rel` (`/`-separated) under `root`.
fn on_disk(root: &Path, rel: &str) -> PathBuf {
    rel.split('/').fold(root.to_path_buf(), |acc, part| acc.join(part))
}

/// A folder being filled with a site.
#[derive(Debug)]
pub struct Tree {
    root: PathBuf,
    /// Every file put so far (site paths).
    files: Mutex<BTreeSet<String>>,
    /// Every folder made or found for this site (site paths).
    folders: Mutex<HashSet<String>>,
    /// Made empty by [`Tree::new`]: nothing of a previous site can be in the way.
    empty: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere cannot leave these sets half-changed: use them as they are.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Tree {
    /// A new, empty `root` holding only the marker.
    pub fn new(root: &Path) -> Result<Tree, OutputError> {
        fs::create_dir(root).map_err(io_error("create folder", root))?;
        let marker = root.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_error("write file", &marker))?;
        Ok(Tree { empty: true, ..Tree::at(root) })
    }

    /// `root`, a previous site of tandem's, to be brought up to date.
    pub fn reuse(root: &Path) -> Result<Tree, OutputError> {
        let tree = Tree::at(root);
        tree.write_if_changed(&root.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(tree)
    }

    fn at(root: &Path) -> Tree {
        Tree { root: root.to_path_buf(), files: Mutex::default(), folders: Mutex::default(), empty: false }
    }

    /// Whether the file `rel` was put.
    pub fn contains(&self, rel: &str) -> bool {
        lock(&self.files).contains(rel)
    }

    /// How many files were put.
    pub fn len(&self) -> usize {
        lock(&self.files).len()
    }

    /// How many files put have a path for which `pred` holds.
    pub fn count(&self, pred: impl Fn(&str) -> bool) -> usize {
        lock(&self.files).iter().filter(|p| pred(p)).count()
    }

    /// Puts the file `rel` (a checked site path, once), making its folders and
    /// writing it only when its bytes differ from what is there. Whatever
    /// the previous site had in the way (a file where a folder goes, a
    /// folder or link where a file goes) is removed; two files of this site
    /// in each other's way are an error.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        lock(&self.files).insert(rel.to_string());
        for (at, _) in rel.match_indices('/') {
            self.folder(&rel[..at])?;
        }
        let path = on_disk(&self.root, rel);
        if self.empty {
            // Two files of this site in each other's way make this fail.
            return write_file(&path, bytes).map_err(io_error("write file", &path));
        }
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                if lock(&self.folders).contains(rel) {
                    return Err(io_error("write file", &path)(io::ErrorKind::IsADirectory.into()));
                }
                fs::remove_dir_all(&path).map_err(io_error("remove folder", &path))?;
            }
            // Links are never followed, and tandem writes none: any link found
            // here was planted (`index.html -> ~/.bashrc`), and only the link
            // itself is removed. So is a named pipe, which would block the
            // comparison read forever.
            Ok(meta) if !meta.is_file() => {
                fs::remove_file(&path).map_err(io_error("remove file", &path))?;
            }
            _ => {}
        }
        self.write_if_changed(&path, bytes)
    }

    fn write_if_changed(&self, path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
        // Compared without following a link, the length first.
        if !holds(path, bytes) {
            write_file(path, bytes).map_err(io_error("write file", path))?;
        }
        Ok(())
    }

    /// Makes sure the folder `rel` is there (its parents already are).
    fn folder(&self, rel: &str) -> Result<(), OutputError> {
        let mut folders = lock(&self.folders);
        if folders.contains(rel) {
            return Ok(());
        }
        let dir = on_disk(&self.root, rel);
        if let Err(e) = fs::create_dir(&dir) {
            let meta = fs::symlink_metadata(&dir);
            if e.kind() != io::ErrorKind::AlreadyExists || lock(&self.files).contains(rel) {
                return Err(io_error("create folder", &dir)(e));
            }
            // Left by the previous site: a folder is kept, anything else replaced.
            if !meta.is_ok_and(|m| m.is_dir()) {
                fs::remove_file(&dir).map_err(io_error("remove file", &dir))?;
                fs::create_dir(&dir).map_err(io_error("create folder", &dir))?;
            }
        }
        folders.insert(rel.to_string());
        Ok(())
    }

    /// Removes every file and folder that the site did not put: what is
    /// left of the previous site. A new tree has nothing to remove.
    pub fn prune(&self) -> Result<(), OutputError> {
        if self.empty {
            return Ok(());
        }
        let (files, folders) = (lock(&self.files), lock(&self.folders));
        let root = &self.root;
        // Contents first: a folder is emptied before it is looked at itself.
        for entry in walkdir::WalkDir::new(root).min_depth(1).contents_first(true) {
            let entry = entry.map_err(|e| {
                let path = e.path().map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                io_error("read", &path)(e.into())
            })?;
            let rel = entry.path().strip_prefix(root).map_or_else(
                |_| String::new(),
                |p| p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
            );
            let path = entry.path();
            // Links are never followed: one is removed like a file.
            if entry.file_type().is_dir() {
                if !folders.contains(rel.as_str()) {
                    fs::remove_dir(path).map_err(io_error("remove folder", path))?;
                }
            } else if rel != MARKER && !files.contains(&rel) {
                fs::remove_file(path).map_err(io_error("remove file", path))?;
            }
        }
        Ok(())
    }
}
