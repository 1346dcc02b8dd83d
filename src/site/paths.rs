//! Every address in the site: the fixed pages, the page of each note,
//! sprint and week (decided once per build), and the anchors rows are linked
//! by. Page functions and templates take their URLs from here, never from a
//! literal of their own.
//!
//! Paths come from [`slug`]s only, made unique with [`unique_slugs`] over the
//! whole project (not just what the report date shows), so a page keeps its
//! address when `--as-of` moves.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Project;
use crate::slug::{note_slugs, slug, unique_slugs};

/// The dashboard.
pub const DASHBOARD: &str = "index.html";
/// The stakeholder summary.
pub const SUMMARY: &str = "summary/index.html";
/// The stakeholder summary in Markdown.
pub const SUMMARY_MARKDOWN: &str = "summary.md";
/// Every week's scores.
pub const WEEKS: &str = "weeks/index.html";
/// Every sprint.
pub const SPRINTS: &str = "sprints/index.html";
/// How work flows: cycle time, throughput, work in progress, the forecast.
pub const FLOW: &str = "flow/index.html";
/// The backlog.
pub const BACKLOG: &str = "backlog/index.html";
/// Every action item.
pub const ACTIONS: &str = "actions/index.html";
/// Every decision.
pub const DECISIONS: &str = "decisions/index.html";
/// Every meeting note.
pub const NOTES: &str = "notes/index.html";
/// The page a host serves for an address it does not have.
pub const NOT_FOUND: &str = "404.html";
/// The Atom feed.
pub const FEED: &str = "feed.xml";
/// Every figure, for tools.
pub const METRICS: &str = "metrics.json";
/// Tells GitHub Pages not to run Jekyll over the site.
pub const NO_JEKYLL: &str = ".nojekyll";
/// The stylesheet.
pub const STYLESHEET: &str = "assets/style.css";

/// The fixed pages' addresses, as every template sees them (`site.urls`),
/// relative to the site root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SiteUrls {
    /// [`DASHBOARD`].
    pub dashboard: &'static str,
    /// [`SUMMARY`].
    pub summary: &'static str,
    /// [`SUMMARY_MARKDOWN`].
    pub summary_markdown: &'static str,
    /// [`WEEKS`].
    pub weeks: &'static str,
    /// [`SPRINTS`].
    pub sprints: &'static str,
    /// [`FLOW`].
    pub flow: &'static str,
    /// [`BACKLOG`].
    pub backlog: &'static str,
    /// [`ACTIONS`].
    pub actions: &'static str,
    /// [`DECISIONS`].
    pub decisions: &'static str,
    /// [`NOTES`].
    pub notes: &'static str,
    /// [`FEED`].
    pub feed: &'static str,
    /// [`STYLESHEET`].
    pub stylesheet: &'static str,
}

/// The addresses templates print.
pub const URLS: SiteUrls = SiteUrls {
    dashboard: DASHBOARD,
    summary: SUMMARY,
    summary_markdown: SUMMARY_MARKDOWN,
    weeks: WEEKS,
    sprints: SPRINTS,
    flow: FLOW,
    backlog: BACKLOG,
    actions: ACTIONS,
    decisions: DECISIONS,
    notes: NOTES,
    feed: FEED,
    stylesheet: STYLESHEET,
};

/// A page's address as people write it: its folder for an `index.html`
/// (`notes/a/`), else the file.
pub fn pretty(url: &str) -> &str {
    url.strip_suffix("index.html").unwrap_or(url)
}

/// The anchor of the action item at `index` (from 0) of `actions` in
/// `metrics.json`, on the actions page.
pub fn action_anchor(index: usize) -> String {
    format!("action-{}", index + 1)
}

/// The action item at `index` on the actions page.
pub fn action_url(index: usize) -> String {
    format!("{ACTIONS}#{}", action_anchor(index))
}

/// The anchor of a sprint's `n`th impediment (from 1), on its page.
pub fn impediment_anchor(n: usize) -> String {
    format!("impediment-{n}")
}

/// The anchor of a note's `n`th decision (from 1), on its page.
pub fn decision_anchor(n: usize) -> String {
    format!("decision-{n}")
}

/// `item-<slug>` for every id, unique among them (first come keeps the
/// plain slug): the anchors of item rows on the sprint and backlog pages.
pub fn item_anchors<'a>(ids: impl IntoIterator<Item = &'a str>) -> BTreeMap<&'a str, String> {
    let ids: Vec<&str> = ids.into_iter().collect();
    let slugs = unique_slugs(ids.iter());
    ids.into_iter().zip(slugs).map(|(id, slug)| (id, format!("item-{slug}"))).collect()
}

/// The backlog page's row with `anchor`.
pub fn backlog_item_url(anchor: &str) -> String {
    format!("{BACKLOG}#{anchor}")
}

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

    /// The row with `anchor` on the page of sprint `id`.
    pub fn sprint_item_url(&self, id: &str, anchor: &str) -> Option<String> {
        self.sprint_url(id).map(|u| format!("{u}#{anchor}"))
    }

    /// The `n`th impediment (from 1) on the page of sprint `id`.
    pub fn impediment_url(&self, id: &str, n: usize) -> Option<String> {
        self.sprint_url(id).map(|u| format!("{u}#{}", impediment_anchor(n)))
    }

    /// The `n`th decision (from 1) on the page of the note at `note_path`.
    pub fn decision_url(&self, note_path: &str, n: usize) -> Option<String> {
        self.note_url(note_path).map(|u| format!("{u}#{}", decision_anchor(n)))
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
