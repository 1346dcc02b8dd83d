//! Writing the planned files into `--into` without following a link there.
//!
//! A data folder can come from someone else (a repository checked out from
//! a pull request): a `sprints -> /elsewhere` link would make the import
//! write outside `--into`, and a `backlog/<date>.yaml -> ~/.bashrc` link
//! would be read as the old file. So every folder between `--into` and a
//! planned file, and the file itself, must not be a symbolic link; one that
//! is stops the import before anything is written, naming it. Any link,
//! wherever it points: telling where a link really leads is easy to get
//! wrong, and tandem never writes one there.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::ImportError;

/// An error naming the first link met on the way from `into` to any of
/// `paths` (relative, `/`-separated), the path itself included.
pub fn refuse_links<'a>(into: &Path, paths: impl IntoIterator<Item = &'a str>) -> Result<(), ImportError> {
    for path in paths {
        let mut at = into.to_path_buf();
        for part in path.split('/') {
            at.push(part);
            if let Some(target) = link_target(&at) {
                return Err(ImportError::Link { path: into.join(path), link: at, target });
            }
        }
    }
    Ok(())
}

fn link_target(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    meta.file_type()
        .is_symlink()
        .then(|| std::fs::read_link(path).map_or_else(|_| "?".to_string(), |t| t.display().to_string()))
}

/// Writes `content` to `full` through a temporary sibling renamed over it:
/// a reader never sees half a file, and a link at `full` is replaced, not
/// written through. The temporary file is created anew (`create_new`), so
/// a link planted under its name is never followed either.
pub fn write_file(full: &Path, content: &str) -> io::Result<()> {
    if let Some(dir) = full.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp: PathBuf = full.with_extension("tandem-tmp");
    // Left by a killed import, or planted: removed, a link itself only.
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    file.write_all(content.as_bytes())?;
    drop(file);
    std::fs::rename(&tmp, full)
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::fs::holds;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_planted_under_the_temporary_name_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        std::fs::create_dir(dir.path().join("sprints")).unwrap();
        symlink(&victim, dir.path().join("sprints/s1.tandem-tmp")).unwrap();
        write_file(&dir.path().join("sprints/s1.yaml"), "id: S1\n").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(dir.path().join("sprints/s1.yaml")).unwrap(), "id: S1\n");
        assert!(!dir.path().join("sprints/s1.tandem-tmp").exists());
    }

    #[test]
    fn a_link_on_the_way_is_named_and_a_plain_path_passes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("backlog")).unwrap();
        symlink("/", dir.path().join("sprints")).unwrap();
        assert!(refuse_links(dir.path(), ["team.yaml", "backlog/2026-03-20.yaml"]).is_ok());
        let Err(e @ ImportError::Link { .. }) = refuse_links(dir.path(), ["team.yaml", "sprints/s1.yaml"])
        else {
            panic!("a link was not refused")
        };
        let said = e.to_string();
        assert!(said.contains("sprints is a symbolic link (to /)"), "{said}");
    }

    #[test]
    fn holds_reads_no_link_and_no_more_than_the_new_content() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "id: S1\n").unwrap();
        assert!(holds(&file, b"id: S1\n"));
        assert!(!holds(&file, b"id: S\n"));
        symlink(&file, dir.path().join("b.yaml")).unwrap();
        assert!(!holds(&dir.path().join("b.yaml"), b"id: S1\n"));
    }
}
