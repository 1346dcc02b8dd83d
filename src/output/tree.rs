//! Putting a rendered site's files into a folder: from nothing, or by
//! bringing the previous-but-one site up to date.
//!
//! Measured on this project's machines (ext4, 10,000 notes): creating the
//! 10,000 folders and 10,000 files of a site and removing the previous one
//! cost 3 to 15 s of kernel time, depending on how many inodes were freed
//! lately, while reading the same files and rewriting the few that changed
//! costs 0.1 to 0.5 s. So the previous site is kept, marked, beside the
//! output after a swap, and the next build starts from it instead of from
//! an empty folder; the swap itself stays atomic.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{MARKER, MARKER_TEXT, OutputError, io_error, write_file};
use crate::site::Site;

/// Written into the kept previous site so that version control does not
/// show it (it sits next to the output folder, often inside a repository).
pub const KEPT_IGNORE: (&str, &str) =
    (".gitignore", "# tandem's previous site, the start of the next build\n*\n");

/// `rel` (`/`-separated) under `root`.
fn on_disk(root: &Path, rel: &str) -> PathBuf {
    rel.split('/').fold(root.to_path_buf(), |acc, part| acc.join(part))
}

/// Every folder the site's files need, parents first (a folder sorts
/// before everything inside it).
fn folders(site: &Site) -> BTreeSet<&str> {
    site.files.keys().flat_map(|rel| rel.match_indices('/').map(move |(at, _)| &rel[..at])).collect()
}

/// Writes the marker, every folder once, then every file, into a new `root`.
pub fn write_new(site: &Site, root: &Path) -> Result<(), OutputError> {
    fs::create_dir(root).map_err(io_error("create folder", root))?;
    let marker = root.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io_error("write file", &marker))?;
    for rel in folders(site) {
        let dir = on_disk(root, rel);
        fs::create_dir(&dir).map_err(io_error("create folder", &dir))?;
    }
    for (rel, bytes) in &site.files {
        let path = on_disk(root, rel);
        fs::write(&path, bytes).map_err(io_error("write file", &path))?;
    }
    Ok(())
}

/// Makes `root`, a previous site of tandem's, hold exactly the marker and
/// `site`'s files: what the site does not have is removed, folders it lacks
/// are made, and only files whose bytes differ are written.
pub fn update(site: &Site, root: &Path) -> Result<(), OutputError> {
    let needed = folders(site);
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
        // Links are never followed, and tandem writes none: any link found
        // here was planted (`assets -> /etc`, `index.html -> ~/.bashrc`), and
        // only the link itself is removed, before anything is written. So is
        // a named pipe, which would block the comparison read below forever.
        let kind = entry.file_type();
        if !kind.is_dir() && !kind.is_file() {
            fs::remove_file(path).map_err(io_error("remove", path))?;
        } else if entry.file_type().is_dir() {
            if !needed.contains(rel.as_str()) {
                fs::remove_dir(path).map_err(io_error("remove folder", path))?;
            }
        } else if rel != MARKER && !site.files.contains_key(&rel) {
            fs::remove_file(path).map_err(io_error("remove file", path))?;
        }
    }
    for rel in needed {
        let dir = on_disk(root, rel);
        // A link planted in place of a folder since the walk is replaced.
        super::nofollow::ensure_dir(&dir).map_err(io_error("create folder", &dir))?;
    }
    let marker = root.join(MARKER);
    let files = site.files.iter().map(|(rel, bytes)| (on_disk(root, rel), bytes.as_slice()));
    for (path, bytes) in std::iter::once((marker, MARKER_TEXT.as_bytes())).chain(files) {
        if !super::nofollow::holds(&path, bytes) {
            write_file(&path, bytes).map_err(io_error("write file", &path))?;
        }
    }
    Ok(())
}
