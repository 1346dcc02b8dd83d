//! Pages: the shared layout data and the collection of rendered files.
//!
//! A page is built in two steps. A page function (one per page, in its
//! section's module) turns the model into a [`Page`]: an output path, a
//! template name, a title, the nav section and a serializable view. Then
//! [`Pages::add`] renders it with the layout data every template can use:
//!
//! - `site`: `title`, `team`, `report_date` (`iso`, `long`, `short`), `base_url`;
//! - `page`: `title`, `root` (the relative prefix back to the site root:
//!   `./`, `../`, `../../`), `section`, `path`, `canonical`;
//! - `nav`: the top navigation, each link with `label`, `url`, `current`;
//! - every field of the view, at the top level.
//!
//! Templates print every internal link as `{{ page.root }}{{ url }}` with
//! `url` relative to the site root, so the site works at a domain root, under
//! a project path and from disk.

use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use tera::Context;

use super::format::DateView;
use super::paths::{self, SiteUrls};
use super::templates::Templates;
use super::{RenderError, Sink, SiteError};

/// A section of the site: one entry of the top navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `index.html`.
    Dashboard,
    /// `summary/index.html`.
    Summary,
    /// `weeks/index.html`.
    Weeks,
    /// `sprints/index.html`.
    Sprints,
    /// `flow/index.html`.
    Flow,
    /// `backlog/index.html`.
    Backlog,
    /// `actions/index.html`.
    Actions,
    /// `decisions/index.html`.
    Decisions,
    /// `notes/index.html`.
    Notes,
    /// A page outside every section (404).
    None,
}

impl Section {
    /// The navigation, in order.
    pub const NAV: [Section; 9] = [
        Section::Dashboard,
        Section::Summary,
        Section::Weeks,
        Section::Sprints,
        Section::Flow,
        Section::Backlog,
        Section::Actions,
        Section::Decisions,
        Section::Notes,
    ];

    /// `(key, label, url)`; the key is used for CSS classes and `page.section`.
    fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Section::Dashboard => ("dashboard", "Dashboard", paths::DASHBOARD),
            Section::Summary => ("summary", "Summary", paths::SUMMARY),
            Section::Weeks => ("weeks", "Weeks", paths::WEEKS),
            Section::Sprints => ("sprints", "Sprints", paths::SPRINTS),
            Section::Flow => ("flow", "Flow", paths::FLOW),
            Section::Backlog => ("backlog", "Backlog", paths::BACKLOG),
            Section::Actions => ("actions", "Actions", paths::ACTIONS),
            Section::Decisions => ("decisions", "Decisions", paths::DECISIONS),
            Section::Notes => ("notes", "Notes", paths::NOTES),
            Section::None => ("none", "", paths::DASHBOARD),
        }
    }

    /// `notes`.
    pub fn key(self) -> &'static str {
        self.parts().0
    }

    /// `Notes`.
    pub fn label(self) -> &'static str {
        self.parts().1
    }

    /// The section's index page, relative to the site root.
    pub fn url(self) -> &'static str {
        self.parts().2
    }
}

/// Site-wide values every template sees as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Team name.
    pub team: String,
    /// The report date.
    pub report_date: DateView,
    /// Absolute base URL ending in `/`, if known (feed and canonical links only).
    pub base_url: Option<String>,
    /// The fixed pages' addresses, relative to the site root.
    pub urls: SiteUrls,
}

/// One page to render.
#[derive(Debug)]
pub struct Page<V> {
    /// Output path relative to the site root, `/`-separated, built only from
    /// fixed names and slugs: `notes/<slug>/index.html`.
    pub path: String,
    /// Template name, as in [`super::templates::BUILTIN`].
    pub template: &'static str,
    /// The page's title (its `<title>` and, usually, its `<h1>`).
    pub title: String,
    /// Which navigation entry is current.
    pub section: Section,
    /// The page's own data: a struct whose fields become template variables.
    /// It may not use the names `site`, `page` or `nav`.
    pub view: V,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    root: String,
    section: &'static str,
    path: &'a str,
    canonical: Option<String>,
}

#[derive(Serialize)]
struct NavLink {
    label: &'static str,
    url: &'static str,
    current: bool,
}

/// The prefix from a page back to the site root: `./`, `../`, `../../` ...
pub fn root_of(path: &str) -> String {
    match path.matches('/').count() {
        0 => "./".to_string(),
        depth => "../".repeat(depth),
    }
}

/// Renders pages and hands each file to a [`Sink`] as soon as it is done,
/// refusing a second file at the same path.
pub struct Pages<'a, S> {
    templates: &'a Templates,
    site: SiteView,
    sink: &'a S,
    /// Every path handed over so far.
    paths: Mutex<HashSet<String>>,
}

impl<'a, S: Sink> Pages<'a, S> {
    /// Renders with `templates` into `sink`.
    pub fn new(templates: &'a Templates, site: SiteView, sink: &'a S) -> Self {
        Pages { templates, site, sink, paths: Mutex::default() }
    }

    /// Renders `page` and hands it over under its path.
    pub fn add<V: Serialize>(&self, page: Page<V>) -> Result<(), RenderError<S::Error>> {
        let html = self.render(&page, root_of(&page.path))?;
        self.add_file(&page.path, html.into_bytes())
    }

    /// Like [`Pages::add`], but links start from the absolute base URL, or
    /// from the host's root without one: for `404.html`, which a host
    /// serves at any depth.
    pub fn add_rooted_at_base<V: Serialize>(&self, page: Page<V>) -> Result<(), RenderError<S::Error>> {
        // A host serves this page at any depth (`/sprints/nope/`): its links
        // and stylesheet are absolute under the base URL, else from the root
        // of the host, so a preview at `/` works at any depth (CLI.md).
        let root = self.site.base_url.clone().unwrap_or_else(|| "/".to_string());
        let html = self.render(&page, root)?;
        self.add_file(&page.path, html.into_bytes())
    }

    /// Renders `pages` on every core, each handed over as soon as it is
    /// rendered: one page per note or week is most of a large site, and
    /// neither the pages' views nor their HTML are ever all in memory.
    pub fn add_all<V: Serialize>(
        &self,
        pages: impl ParallelIterator<Item = Page<V>>,
    ) -> Result<(), RenderError<S::Error>> {
        pages.try_for_each(|page| self.add(page))
    }

    /// Hands over a file as is (an asset, `.nojekyll`, `metrics.json` ...).
    pub fn add_file(&self, path: &str, bytes: Vec<u8>) -> Result<(), RenderError<S::Error>> {
        let fresh = self.paths.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_string());
        if !fresh {
            return Err(SiteError::Conflict { path: path.to_string() }.into());
        }
        self.sink.put(path, bytes).map_err(RenderError::Sink)
    }

    fn render<V: Serialize>(&self, page: &Page<V>, root: String) -> Result<String, SiteError> {
        let view_error = |message: String| SiteError::View { page: page.path.clone(), message };
        let mut context = Context::from_serialize(&page.view).map_err(|e| view_error(e.to_string()))?;
        for reserved in ["site", "page", "nav"] {
            if context.contains_key(reserved) {
                return Err(view_error(format!("the view may not have a field named `{reserved}`")));
            }
        }
        let canonical = self
            .site
            .base_url
            .as_ref()
            .filter(|_| page.section != Section::None)
            .map(|base| format!("{base}{}", paths::pretty(&page.path)));
        let nav: Vec<NavLink> = Section::NAV
            .iter()
            .map(|s| NavLink { label: s.label(), url: s.url(), current: *s == page.section })
            .collect();
        let page_view =
            PageView { title: &page.title, root, section: page.section.key(), path: &page.path, canonical };
        context.insert("site", &self.site);
        context.insert("page", &page_view);
        context.insert("nav", &nav);
        self.templates
            .render(page.template, &context)
            .map_err(|source| SiteError::Render { page: page.path.clone(), source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "./");
        assert_eq!(root_of("notes/index.html"), "../");
        assert_eq!(root_of("notes/a-b/index.html"), "../../");
    }

    #[test]
    fn every_nav_section_has_an_index_page() {
        for s in Section::NAV {
            assert!(s.url().ends_with("index.html"));
            assert!(!s.label().is_empty());
        }
    }
}
