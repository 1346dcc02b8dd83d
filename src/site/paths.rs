//! Where each note and sprint lives in the site, decided once per build.
//!
//! Paths come from [`slug`]s only, made unique with [`unique_slugs`] over the
//! whole project (not just what the report date shows), so a page keeps its
//! address when `--as-of` moves.

use std::collections::BTreeMap;

use super::slug::unique_slugs;
use crate::model::Project;

/// The slug of every note and sprint.
#[derive(Debug, Clone, Default)]
pub struct SitePaths {
    notes: BTreeMap<String, String>,
    sprints: BTreeMap<String, String>,
}

impl SitePaths {
    /// Slugs for every note (by path) and sprint (by id) of `project`.
    pub fn new(project: &Project) -> SitePaths {
        let mut notes: Vec<(_, &str)> = project.notes.iter().map(|n| (n.date, n.path.as_str())).collect();
        notes.sort();
        let note_slugs = unique_slugs(notes.iter().map(|(_, path)| note_stem(path)));
        let sprint_slugs = unique_slugs(project.sprints.iter().map(|s| s.id.as_str()));
        SitePaths {
            notes: notes.into_iter().map(|(_, path)| path.to_string()).zip(note_slugs).collect(),
            sprints: project.sprints.iter().map(|s| s.id.clone()).zip(sprint_slugs).collect(),
        }
    }

    /// `notes/<slug>/index.html` for the note at `note_path`.
    pub fn note_url(&self, note_path: &str) -> Option<String> {
        self.notes.get(note_path).map(|s| format!("notes/{s}/index.html"))
    }

    /// `sprints/<slug>/index.html` for the sprint `id`.
    pub fn sprint_url(&self, id: &str) -> Option<String> {
        self.sprints.get(id).map(|s| format!("sprints/{s}/index.html"))
    }
}

/// A note's path relative to `notes/`, without `.md`: the text of its slug.
fn note_stem(path: &str) -> &str {
    let rel = path.strip_prefix("notes/").unwrap_or(path);
    let cut = rel.len().saturating_sub(3);
    match rel.get(cut..) {
        Some(ext) if ext.eq_ignore_ascii_case(".md") => &rel[..cut],
        _ => rel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::slug::slug;

    #[test]
    fn note_stem_drops_folder_and_extension() {
        assert_eq!(note_stem("notes/2026/10-05 Planning.md"), "2026/10-05 Planning");
        assert_eq!(note_stem("notes/retro.MD"), "retro");
        assert_eq!(note_stem("notes/x"), "x");
        assert_eq!(slug(note_stem("notes/2026/10-05 Planning.md")), "2026-10-05-planning");
    }
}
