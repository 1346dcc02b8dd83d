//! A `static/` folder in the data folder is copied into the site as it is
//! (`CNAME`, a logo, `robots.txt`): files put into the output folder by hand
//! would be deleted by the next build, so this is where they live.

use std::fs;
use std::path::Path;

use super::{OutputError, io_error};

/// Every file under `data_dir/static`, by its path relative to that folder
/// (`/`-separated), hidden files and folders left out. Nothing when there is
/// no such folder.
pub fn static_files(data_dir: &Path) -> Result<Vec<(String, Vec<u8>)>, OutputError> {
    let root = data_dir.join("static");
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&root).min_depth(1).sort_by_file_name().follow_links(true);
    let mut it = walker.into_iter();
    while let Some(entry) = it.next() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&root).to_path_buf();
            let source = e.into_io_error().unwrap_or_else(|| std::io::Error::other("a folder loop"));
            OutputError::Io { action: "read", path, source }
        })?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
        let rel: Vec<String> =
            rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let bytes = fs::read(entry.path()).map_err(io_error("read", entry.path()))?;
        files.push((rel.join("/"), bytes));
    }
    Ok(files)
}
