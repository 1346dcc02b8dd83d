//! Reading a file whole, but never more than a limit.
//!
//! A 64 MiB note used to be read in full (and parsed into 350 MB of memory)
//! without a word. Every file tandem reads whole goes through [`read`]: the
//! size is checked from the open file's metadata before a byte is read, and
//! the read itself stops one byte past the limit, so a file that grows
//! between the check and the read cannot take more memory either.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One mebibyte.
pub const MIB: u64 = 1024 * 1024;
/// A note (`notes/**/*.md`) is read up to this size.
pub const NOTE_LIMIT: u64 = 8 * MIB;
/// A YAML file (`tandem.yaml`, `team.yaml`, sprints, backlog) is read up to this size.
pub const YAML_LIMIT: u64 = 16 * MIB;
/// One file of `static/` is copied up to this size.
pub const STATIC_FILE_LIMIT: u64 = 64 * MIB;
/// All of `static/` together is copied up to this size (it is held in memory).
pub const STATIC_TOTAL_LIMIT: u64 = 256 * MIB;
/// An export given to `tandem import` is read up to this size (Jira exports are large).
pub const IMPORT_LIMIT: u64 = 256 * MIB;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file is larger than the limit; `size` is what was seen (at least
    /// `limit + 1` when it grew while being read).
    #[error("{}: the file is {}, over the limit of {}", path.display(), size_words(*size, *limit), size_words(*limit, 0))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Bytes seen.
        size: u64,
        /// The limit that applied.
        limit: u64,
    },
    /// Not a regular file (a folder, a named pipe, a device): reading it could
    /// block forever or never end.
    #[error("{}: not a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The file system said no.
    #[error("cannot read {}: {}", path.display(), super::io_words(source))]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl ReadError {
    /// The file that was not read.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::TooLarge { path, .. } | ReadError::NotAFile { path } | ReadError::Io { path, .. } => {
                path
            }
        }
    }

    /// The reason in plain words, without the path (a diagnostic names the
    /// file as the user knows it); `what` names the kind of file in the
    /// plural (`notes`, `YAML files`).
    pub fn words(&self, what: &str) -> String {
        match self {
            ReadError::TooLarge { size, limit, .. } => format!(
                "the file is {}; {what} are read up to {} (split it or remove it)",
                size_words(*size, *limit),
                size_words(*limit, 0)
            ),
            ReadError::NotAFile { .. } => {
                "not a regular file (a folder, a pipe or a device); not read".to_string()
            }
            ReadError::Io { source, .. } => format!("cannot be read: {}", super::io_words(source)),
        }
    }
}

/// The bytes of `path`, if it is a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io { path: path.to_path_buf(), source };
    // The path's metadata first: a folder or a device is named as such.
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(ReadError::NotAFile { path: path.to_path_buf() });
    }
    let file = open_regular(path, false).map_err(ReadError::from)?;
    read_open(file, path, limit)
}

/// The bytes of `file`, open on `path` and regular, at most `limit` of them.
pub fn read_open(file: File, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io { path: path.to_path_buf(), source };
    let too_large = |size| ReadError::TooLarge { path: path.to_path_buf(), size, limit };
    let meta = file.metadata().map_err(io)?;
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether the file at `path` holds exactly `bytes`, to skip rewriting it.
/// The length on disk is compared first, and a file is read only when it
/// matches (so never more than `bytes`); a link, a pipe or a file that
/// cannot be read holds nothing.
pub fn holds(path: &Path, bytes: &[u8]) -> bool {
    let len = bytes.len() as u64;
    let same_length = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == len);
    same_length
        && open_regular(path, true).is_ok_and(|file| read_open(file, path, len).is_ok_and(|old| old == bytes))
}

/// Why [`open_regular`] gave no file.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// A folder, a named pipe or a device.
    #[error("{}: not a regular file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The file system said no (with `no_follow`, a link is refused here).
    #[error("cannot open {}: {}", path.display(), super::io_words(source))]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl From<OpenError> for ReadError {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::NotAFile { path } => ReadError::NotAFile { path },
            OpenError::Io { path, source } => ReadError::Io { path, source },
        }
    }
}

/// `path` opened for reading, if it is a regular file. The file can be
/// swapped for a named pipe between a look at the path and the open, and
/// opening a pipe nobody writes to blocks forever: so it is opened without
/// blocking (`O_NONBLOCK`, which changes nothing for a regular file), and
/// what was opened is checked. With `no_follow`, a link at the last
/// component is not followed (`O_NOFOLLOW`): the open fails instead.
pub fn open_regular(path: &Path, no_follow: bool) -> Result<File, OpenError> {
    let io = |source| OpenError::Io { path: path.to_path_buf(), source };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let flags = if no_follow { OFlags::NONBLOCK | OFlags::NOFOLLOW } else { OFlags::NONBLOCK };
        options.custom_flags(flags.bits() as i32);
    }
    #[cfg(not(target_os = "linux"))]
    if no_follow && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io(io::Error::other("a symbolic link")));
    }
    let file = options.open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(OpenError::NotAFile { path: path.to_path_buf() });
    }
    Ok(file)
}

/// `64.0 MiB`; with the exact byte count too when one decimal would hide
/// that `size` is over `limit` (`8.0 MiB (8388609 bytes)`).
pub fn size_words(size: u64, limit: u64) -> String {
    let mib = size as f64 / MIB as f64;
    if size.is_multiple_of(MIB) && limit == 0 {
        return format!("{} MiB", size / MIB);
    }
    let shown = format!("{mib:.1} MiB");
    if limit > 0 && (mib * 10.0).round() / 10.0 <= limit as f64 / MIB as f64 {
        format!("{shown} ({size} bytes)")
    } else {
        shown
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn sparse(dir: &Path, name: &str, len: u64) -> std::path::PathBuf {
        let path = dir.join(name);
        let file = File::create(&path).unwrap();
        file.set_len(len).unwrap();
        path
    }

    #[test]
    fn a_file_at_the_limit_is_read_and_one_byte_more_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let at = sparse(dir.path(), "at", 1000);
        assert_eq!(read(&at, 1000).unwrap().len(), 1000);
        let over = sparse(dir.path(), "over", 1001);
        match read(&over, 1000) {
            Err(ReadError::TooLarge { size: 1001, limit: 1000, .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_huge_file_is_refused_from_its_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let huge = sparse(dir.path(), "huge.md", 64 * MIB);
        let err = read(&huge, NOTE_LIMIT).unwrap_err();
        assert_eq!(
            err.words("notes"),
            "the file is 64.0 MiB; notes are read up to 8 MiB (split it or remove it)"
        );
    }

    #[test]
    fn a_size_just_over_the_limit_shows_its_bytes() {
        assert_eq!(size_words(8 * MIB + 1, 8 * MIB), "8.0 MiB (8388609 bytes)");
        assert_eq!(size_words(9 * MIB, 8 * MIB), "9.0 MiB");
        assert_eq!(size_words(16 * MIB, 0), "16 MiB");
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read(dir.path(), 10), Err(ReadError::NotAFile { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        assert!(matches!(read(&fifo, 10), Err(ReadError::NotAFile { .. })));
    }

    /// The file is swapped for a pipe after [`read`] looked at the path:
    /// the open itself must neither block nor read the pipe.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_named_pipe_met_at_the_open_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("swapped.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let (tx, rx) = std::sync::mpsc::channel();
        let opening = fifo.clone();
        std::thread::spawn(move || {
            let refused = matches!(open_regular(&opening, false), Err(OpenError::NotAFile { .. }));
            let _ = tx.send(refused);
        });
        let refused = rx.recv_timeout(std::time::Duration::from_secs(10));
        if refused.is_err() {
            // Unblock the thread before failing, so the test process can end.
            let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
        }
        assert_eq!(refused, Ok(true), "opening a named pipe blocked or was not refused");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn no_follow_refuses_a_link_at_the_last_component() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real"), "x").unwrap();
        std::os::unix::fs::symlink("real", dir.path().join("link")).unwrap();
        assert!(open_regular(&dir.path().join("link"), false).is_ok());
        assert!(matches!(open_regular(&dir.path().join("link"), true), Err(OpenError::Io { .. })));
    }
}
