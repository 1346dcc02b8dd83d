//! The ground floor under `load`, `output`, `import` and `init`: every file
//! tandem reads whole or writes goes through here, so the rules for a data
//! folder that came from a stranger hold everywhere.
//!
//! - `bounded`: a file read whole, but never more than a limit, and never a
//!   pipe or a device that would block or never end;
//! - `nofollow`: a file written without following a link planted where it goes.
//!
//! Errors carry the path they concern (mdBook's `utils/fs.rs`); a message for
//! a user names the file as the user knows it, which for a file of the data
//! folder is its path inside that folder, so [`ReadError::words`] leaves the
//! path to the caller's diagnostic.

mod bounded;
mod nofollow;

pub use bounded::{
    IMPORT_LIMIT, MIB, NOTE_LIMIT, OpenError, ReadError, STATIC_FILE_LIMIT, STATIC_TOTAL_LIMIT, YAML_LIMIT,
    holds, open_regular, read, read_open, size_words,
};
pub use nofollow::write_file;

/// An I/O error in plain words, without Rust's debug formatting.
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
