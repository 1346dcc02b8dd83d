//! Finding the files of a data folder without ever leaving it.
//!
//! Data folders come from strangers (pull requests, exports, pasted chat), so
//! a symbolic link is followed only when its target, with every link in it
//! resolved, lies inside the data folder (also resolved, so a data folder
//! that is itself a link works). A link leading out of the folder, leading
//! nowhere, or into a folder that holds it (a loop) is skipped with a warning
//! naming the link and where it points. The target is checked before anything
//! is read below it: `notes/root -> /` costs one `canonicalize`, not a walk of
//! the disk.
//!
//! A file reached twice (a link to a note that is also read under its own
//! path) is read once: real paths are walked first, links after them, and a
//! link to something already read is skipped with a warning naming the path
//! it was read under, so a meeting is never counted twice.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;

/// What a walk found, in the order it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A regular file: where to read it (link-free) and its path as the
    /// user sees it, relative to the data folder, `/`-separated.
    File {
        /// The file on disk, every link resolved.
        disk: PathBuf,
        /// The path shown in messages (through the links that led to it).
        rel: String,
    },
    /// A folder; its contents follow it when the walk is deep.
    Folder {
        /// The path shown in messages.
        rel: String,
    },
}

/// The data folder, resolved, that no link may lead out of.
#[derive(Debug, Clone)]
pub struct Fence {
    root: PathBuf,
}

impl Fence {
    /// The fence around the data folder `dir` (which may itself be a link).
    pub fn new(dir: &Path) -> io::Result<Fence> {
        Ok(Fence { root: dir.canonicalize()? })
    }

    /// The data folder, resolved.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where `rel` (a path inside the data folder with no link before its
    /// last part, e.g. `team.yaml` or `notes`) can be read: `None` when it
    /// does not exist, or when it is a link that may not be followed (with a
    /// warning).
    pub fn place(&self, rel: &str, diags: &mut Diagnostics) -> Option<PathBuf> {
        let path = self.root.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => self.follow(&path, rel, diags),
            Ok(_) => Some(path),
            Err(_) => None,
        }
    }

    /// The target of the link at `link`, when it lies inside the data folder.
    fn follow(&self, link: &Path, rel: &str, diags: &mut Diagnostics) -> Option<PathBuf> {
        let shown = fs::read_link(link).map_or_else(|_| "?".to_string(), |t| t.display().to_string());
        match link.canonicalize() {
            Ok(real) if real.starts_with(&self.root) => Some(real),
            Ok(_) => {
                diags.warning(
                    rel,
                    None,
                    format!("link not followed: it points to {shown}, outside the data folder"),
                );
                None
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                diags.warning(
                    rel,
                    None,
                    format!("link not followed: it points to {shown}, which does not exist"),
                );
                None
            }
            Err(_) => {
                diags.warning(
                    rel,
                    None,
                    format!(
                        "link not followed: it points to {shown}, which cannot be reached (a loop of links?)"
                    ),
                );
                None
            }
        }
    }

    /// The entries under the data folder's `sub` folder, sorted by name in
    /// each folder, hidden names left out. `deep` walks subfolders; otherwise
    /// they are listed but not entered.
    pub fn walk(&self, sub: &str, deep: bool, diags: &mut Diagnostics) -> Vec<Entry> {
        let Some(start) = self.place(sub, diags) else { return Vec::new() };
        if !start.is_dir() {
            return Vec::new();
        }
        let mut walk = Walk {
            deep,
            entries: Vec::new(),
            dirs: HashSet::new(),
            files: HashMap::new(),
            links: VecDeque::new(),
        };
        walk.dirs.insert(start.clone());
        walk.read_dir(&start, sub, diags);
        // Links last, so that a file's own path wins over a link to it.
        while let Some((link, rel)) = walk.links.pop_front() {
            let Some(real) = self.follow(&link, &rel, diags) else { continue };
            walk.add_target(&link, real, rel, diags);
        }
        walk.entries
    }
}

/// The state of one walk.
struct Walk {
    deep: bool,
    entries: Vec<Entry>,
    /// Folders already walked, resolved.
    dirs: HashSet<PathBuf>,
    /// Files already found, resolved, with the path they were found under.
    files: HashMap<PathBuf, String>,
    /// Links met, to follow once the real paths are walked.
    links: VecDeque<(PathBuf, String)>,
}

impl Walk {
    /// Lists `dir` (a link-free path) shown as `rel`.
    fn read_dir(&mut self, dir: &Path, rel: &str, diags: &mut Diagnostics) {
        let mut children: Vec<fs::DirEntry> = match fs::read_dir(dir) {
            Ok(list) => list.filter_map(Result::ok).collect(),
            Err(e) => {
                diags.error(rel, None, format!("cannot be read: {}", crate::fs::io_words(&e)));
                return;
            }
        };
        children.sort_by_key(fs::DirEntry::file_name);
        for child in children {
            let name = child.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let child_rel = format!("{rel}/{name}");
            let path = child.path();
            match child.file_type() {
                Ok(t) if t.is_symlink() => self.links.push_back((path, child_rel)),
                Ok(t) if t.is_dir() => self.add_folder(path, child_rel, diags),
                Ok(t) if t.is_file() => self.add_file(path, child_rel, diags),
                Ok(_) => not_a_file(&child_rel, diags),
                Err(e) => {
                    diags.error(&child_rel, None, format!("cannot be read: {}", crate::fs::io_words(&e)))
                }
            }
        }
    }

    fn add_folder(&mut self, real: PathBuf, rel: String, diags: &mut Diagnostics) {
        self.entries.push(Entry::Folder { rel: rel.clone() });
        if self.deep && self.dirs.insert(real.clone()) {
            self.read_dir(&real, &rel, diags);
        }
    }

    fn add_file(&mut self, real: PathBuf, rel: String, diags: &mut Diagnostics) {
        if let Some(first) = self.files.get(&real) {
            diags.warning(&rel, None, format!("not read again: it is the same file as {first}"));
            return;
        }
        self.files.insert(real.clone(), rel.clone());
        self.entries.push(Entry::File { disk: real, rel });
    }

    /// A link's target, known to be inside the data folder.
    fn add_target(&mut self, link: &Path, real: PathBuf, rel: String, diags: &mut Diagnostics) {
        let meta = match fs::metadata(&real) {
            Ok(m) => m,
            Err(e) => {
                diags.error(&rel, None, format!("cannot be read: {}", crate::fs::io_words(&e)));
                return;
            }
        };
        if meta.is_file() {
            return self.add_file(real, rel, diags);
        }
        if !meta.is_dir() {
            return not_a_file(&rel, diags);
        }
        let holder = link.parent().and_then(|p| p.canonicalize().ok());
        if holder.is_some_and(|h| h.starts_with(&real)) {
            let shown = fs::read_link(link).map_or_else(|_| "?".to_string(), |t| t.display().to_string());
            diags.warning(
                &rel,
                None,
                format!("link not followed: it points to {shown}, a folder that holds the link (a loop)"),
            );
            return;
        }
        if self.deep && self.dirs.contains(&real) {
            diags.warning(&rel, None, "link not followed: the folder it points to is read already");
            return;
        }
        self.add_folder(real, rel, diags);
    }
}

fn not_a_file(rel: &str, diags: &mut Diagnostics) {
    diags.warning(rel, None, "not read: not a regular file (a pipe or a device?)");
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn files(entries: &[Entry]) -> Vec<&str> {
        entries
            .iter()
            .filter_map(|e| match e {
                Entry::File { rel, .. } => Some(rel.as_str()),
                Entry::Folder { .. } => None,
            })
            .collect()
    }

    fn messages(diags: &Diagnostics) -> Vec<String> {
        diags.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn links_out_loops_and_dangling_links_are_skipped_with_a_warning() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir_all(data.join("notes")).unwrap();
        fs::write(data.join("notes/a.md"), "a").unwrap();
        fs::write(tmp.path().join("secret.md"), "s").unwrap();
        symlink("/", data.join("notes/root")).unwrap();
        symlink("..", data.join("notes/loop")).unwrap();
        symlink("missing.md", data.join("notes/gone.md")).unwrap();
        symlink("../../secret.md", data.join("notes/secret.md")).unwrap();
        symlink("self.md", data.join("notes/self.md")).unwrap();
        let mut diags = Diagnostics::new();
        let found = Fence::new(&data).unwrap().walk("notes", true, &mut diags);
        assert_eq!(files(&found), ["notes/a.md"]);
        assert!(!diags.has_errors());
        let said = messages(&diags);
        assert_eq!(said.len(), 5, "{said:?}");
        assert!(said.contains(
            &"warning: notes/root: link not followed: it points to /, outside the data folder".to_string()
        ));
        assert!(said.contains(&"warning: notes/loop: link not followed: it points to .., a folder that holds the link (a loop)".to_string()));
        assert!(
            said.contains(
                &"warning: notes/gone.md: link not followed: it points to missing.md, which does not exist"
                    .to_string()
            )
        );
        assert!(said.contains(&"warning: notes/secret.md: link not followed: it points to ../../secret.md, outside the data folder".to_string()));
        assert!(said.iter().any(|m| m.starts_with(
            "warning: notes/self.md: link not followed: it points to self.md, which cannot be reached"
        )));
    }

    #[test]
    fn links_inside_the_folder_are_followed_and_a_file_is_read_once() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir_all(data.join("notes/2026")).unwrap();
        fs::create_dir_all(data.join("archive")).unwrap();
        fs::write(data.join("notes/2026/b.md"), "b").unwrap();
        fs::write(data.join("archive/old.md"), "o").unwrap();
        symlink("../archive", data.join("notes/a-archive")).unwrap();
        symlink("2026/b.md", data.join("notes/a-copy.md")).unwrap();
        symlink("2026", data.join("notes/again")).unwrap();
        let mut diags = Diagnostics::new();
        let found = Fence::new(&data).unwrap().walk("notes", true, &mut diags);
        assert_eq!(files(&found), ["notes/2026/b.md", "notes/a-archive/old.md"]);
        let said = messages(&diags);
        assert_eq!(
            said,
            [
                "warning: notes/a-copy.md: not read again: it is the same file as notes/2026/b.md",
                "warning: notes/again: link not followed: the folder it points to is read already",
            ]
        );
        let Some(Entry::File { disk, .. }) =
            found.iter().find(|e| matches!(e, Entry::File { rel, .. } if rel.contains("old")))
        else {
            panic!("{found:?}")
        };
        assert_eq!(disk, &data.canonicalize().unwrap().join("archive/old.md"));
    }

    #[test]
    fn a_named_pipe_is_skipped_with_a_warning() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("notes")).unwrap();
        let made =
            std::process::Command::new("mkfifo").arg(tmp.path().join("notes/pipe.md")).status().unwrap();
        assert!(made.success());
        symlink("pipe.md", tmp.path().join("notes/link.md")).unwrap();
        let mut diags = Diagnostics::new();
        let found = Fence::new(tmp.path()).unwrap().walk("notes", true, &mut diags);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            messages(&diags),
            [
                "warning: notes/pipe.md: not read: not a regular file (a pipe or a device?)",
                "warning: notes/link.md: not read: not a regular file (a pipe or a device?)",
            ]
        );
    }

    #[test]
    fn a_data_folder_that_is_a_link_is_resolved_first() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir_all(data.join("notes")).unwrap();
        fs::write(data.join("notes/a.md"), "a").unwrap();
        symlink(&data, tmp.path().join("link")).unwrap();
        let mut diags = Diagnostics::new();
        let found = Fence::new(&tmp.path().join("link")).unwrap().walk("notes", true, &mut diags);
        assert_eq!(files(&found), ["notes/a.md"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn a_top_level_link_out_is_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir_all(&data).unwrap();
        symlink("/", data.join("notes")).unwrap();
        symlink("/etc/passwd", data.join("team.yaml")).unwrap();
        let fence = Fence::new(&data).unwrap();
        let mut diags = Diagnostics::new();
        assert!(fence.walk("notes", true, &mut diags).is_empty());
        assert_eq!(fence.place("team.yaml", &mut diags), None);
        assert_eq!(
            messages(&diags),
            [
                "warning: notes: link not followed: it points to /, outside the data folder",
                "warning: team.yaml: link not followed: it points to /etc/passwd, outside the data folder",
            ]
        );
    }
}
