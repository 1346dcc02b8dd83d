//! Writing into a folder someone else can also write to, without ever
//! following a link planted there: a check for a link followed by a plain
//! `fs::write` still writes through one planted between the two steps.

use std::fs::{self, File};
use std::io;
use std::path::Path;

/// Writes `bytes` to `path`, a file inside a folder tandem is building. A
/// link found there (planted by someone else, since tandem writes none) is
/// removed, never written through: on Linux the file is opened with
/// `O_NOFOLLOW`, so a link planted after any check makes the open fail,
/// and the link is then removed and the open tried once more.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // Elsewhere the link is looked for first, which leaves a moment open.
    #[cfg(not(target_os = "linux"))]
    if is_link(path) {
        fs::remove_file(path)?;
    }
    let mut file = match open_for_writing(path) {
        Ok(file) => file,
        Err(_) if is_link(path) => {
            fs::remove_file(path)?;
            open_for_writing(path)?
        }
        Err(e) => return Err(e),
    };
    io::Write::write_all(&mut file, bytes)
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn open_for_writing(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path)
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::fs::holds;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_planted_just_before_the_write_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, "precious").unwrap();
        fs::create_dir(dir.path().join("site")).unwrap();
        let page = dir.path().join("site/index.html");
        symlink(&outside, &page).unwrap();
        write_file(&page, b"page").unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "precious");
        assert!(!is_link(&page));
        assert_eq!(fs::read_to_string(&page).unwrap(), "page");
    }

    /// The link appears after the check for one and before the open: the
    /// open itself must refuse it.
    #[cfg(target_os = "linux")]
    #[test]
    fn opening_for_writing_refuses_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, "precious").unwrap();
        let page = dir.path().join("index.html");
        symlink(&outside, &page).unwrap();
        assert!(open_for_writing(&page).is_err());
        assert_eq!(fs::read_to_string(&outside).unwrap(), "precious");
    }

    #[test]
    fn holds_compares_lengths_first_and_never_follows_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a");
        fs::write(&file, "same").unwrap();
        assert!(holds(&file, b"same"));
        assert!(!holds(&file, b"diff"));
        assert!(!holds(&file, b"longer"));
        symlink(&file, dir.path().join("link")).unwrap();
        assert!(!holds(&dir.path().join("link"), b"same"));
        assert!(!holds(&dir.path().join("missing"), b""));
    }
}
