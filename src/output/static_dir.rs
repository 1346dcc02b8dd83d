//! A `static/` folder in the data folder is copied into the site as it is
//! (`CNAME`, a logo, `robots.txt`): files put into the output folder by hand
//! would be deleted by the next build, so this is where they live.
//!
//! It is part of the data folder, so the same rules hold: links are followed
//! only inside the data folder (`load/walk.rs`), and since every file is held
//! in memory until the site is written, one file is copied up to 64 MiB and
//! the whole folder up to 256 MiB (`load/bounded.rs`).

use crate::diagnostics::Diagnostics;
use crate::load::bounded::{self, STATIC_FILE_LIMIT, STATIC_TOTAL_LIMIT};
use crate::load::walk::{Entry, Fence};
use std::path::Path;

/// Every file under `data_dir/static`, by its path relative to that folder
/// (`/`-separated), hidden files and folders left out. Nothing when there is
/// no such folder. Problems go into `diags`: an error leaves the file out.
pub fn static_files(data_dir: &Path, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    let Ok(fence) = Fence::new(data_dir) else { return Vec::new() };
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for entry in fence.walk("static", true, diags) {
        let Entry::File { disk, rel } = entry else { continue };
        let bytes = match bounded::read(&disk, STATIC_FILE_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) => {
                diags.error(&rel, None, e.words("files in static/"));
                continue;
            }
        };
        total += bytes.len() as u64;
        if total > STATIC_TOTAL_LIMIT {
            diags.error(
                &rel,
                None,
                format!(
                    "not copied: static/ holds more than {} in all, the most tandem copies (remove large files from it)",
                    bounded::size_words(STATIC_TOTAL_LIMIT, 0)
                ),
            );
            break;
        }
        let inside = rel.strip_prefix("static/").unwrap_or(&rel).to_string();
        files.push((inside, bytes));
    }
    files
}
