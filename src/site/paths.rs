//! Where each note and sprint lives in the site, decided once per build.
//!
//! Paths come from [`slug`]s only, made unique with [`unique_slugs`] over the
//! whole project (not just what the report date shows), so a page keeps its
//! address when `--as-of` moves.

use std::collections::BTreeMap;

use crate::model::Project;
use crate::slug::{note_slugs, slug, unique_slugs};

/// The slug of every note and sprint.
#[derive(Debug, Clone, Default)]
pub struct SitePaths {
    notes: BTreeMap<String, String>,
    sprints: BTreeMap<String, String>,
}

impl SitePaths {
    /// Slugs for every note (by path) and sprint (by id) of `project`.
    pub fn new(project: &Project) -> SitePaths {
        let sprint_slugs = unique_slugs(project.sprints.iter().map(|s| s.id.as_str()));
        SitePaths {
            notes: note_slugs(&project.notes),
            sprints: project.sprints.iter().map(|s| s.id.clone()).zip(sprint_slugs).collect(),
        }
    }

    /// Keeps only the sprints that have a page as of `report_date` (those
    /// started by then), so no link points at a sprint that has not begun.
    /// Their slugs stay as [`SitePaths::new`] made them.
    pub fn with_pages_as_of(mut self, project: &Project, report_date: crate::model::Date) -> SitePaths {
        let later: Vec<&str> =
            project.sprints.iter().filter(|s| s.start > report_date).map(|s| s.id.as_str()).collect();
        self.sprints.retain(|id, _| !later.contains(&id.as_str()));
        self
    }

    /// On a public site (`--public`) no note has a page: every
    /// [`SitePaths::note_url`] is `None`, so no page can link to one.
    pub fn public(mut self, public: bool) -> SitePaths {
        if public {
            self.notes.clear();
        }
        self
    }

    /// `notes/<slug>/index.html` for the note at `note_path`.
    pub fn note_url(&self, note_path: &str) -> Option<String> {
        self.notes.get(note_path).map(|s| format!("notes/{s}/index.html"))
    }

    /// `sprints/<slug>/index.html` for the sprint `id`.
    pub fn sprint_url(&self, id: &str) -> Option<String> {
        self.sprints.get(id).map(|s| format!("sprints/{s}/index.html"))
    }

    /// `weeks/<YYYY-Www>/index.html` for an ISO week label as made by
    /// [`crate::metrics::iso_week_label`] (`2026-W47`, kept as is); any other
    /// text is made a slug, so it can never leave `weeks/`.
    pub fn week_url(&self, label: &str) -> String {
        let b = label.as_bytes();
        let iso = b.len() == 8
            && b[..4].iter().all(u8::is_ascii_digit)
            && &b[4..6] == b"-W"
            && b[6..].iter().all(u8::is_ascii_digit);
        let folder = if iso { label.to_string() } else { slug(label) };
        format!("weeks/{folder}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprints_not_started_by_the_report_date_have_no_page_to_link() {
        let project = crate::site::testdata::project();
        let sprint = &project.sprints[0];
        let paths = SitePaths::new(&project);
        let before = paths.sprint_url(&sprint.id);
        assert!(before.is_some());
        let day_before = sprint.start.yesterday().unwrap_or(sprint.start);
        assert_eq!(paths.clone().with_pages_as_of(&project, day_before).sprint_url(&sprint.id), None);
        assert_eq!(paths.with_pages_as_of(&project, sprint.start).sprint_url(&sprint.id), before);
    }

    #[test]
    fn week_urls_keep_iso_labels_and_slug_anything_else() {
        let paths = SitePaths::default();
        assert_eq!(paths.week_url("2026-W47"), "weeks/2026-W47/index.html");
        assert_eq!(paths.week_url("../../etc"), "weeks/etc/index.html");
        assert_eq!(paths.week_url("2026-W4/"), "weeks/2026-w4/index.html");
        assert_eq!(paths.week_url("2026-Wab"), "weeks/2026-wab/index.html");
    }
}
