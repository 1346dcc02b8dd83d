//! The site: every page rendered from the model, each file handed to a
//! [`Sink`] as soon as it is rendered ([`render_into`]): `build` writes it
//! to disk at once ([`crate::output::Staged`]), [`render`] keeps the whole
//! site in memory.
//!
//! - [`templates`]: built-in Tera templates and assets, each replaceable by a
//!   file in `--templates DIR`;
//! - [`markdown`]: the one Markdown-to-HTML function (sanitised);
//! - [`mod@slug`]: the only way an id becomes part of a path;
//! - `page`: the layout data every template sees and the page collection;
//! - `format`: pre-formatted view pieces (dates, counts, names);
//! - `notes`: the notes pages.
//!
//! # Adding a page
//!
//! 1. In the section's module (say `sprints.rs`), write a view struct
//!    (`#[derive(Serialize)]`, pre-formatted strings, links as site-root
//!    relative `url`s) and one function `fn index(input: &Input) ->
//!    Page<SprintsView>` that fills it from `input` (never from notes dated
//!    after the report date: use `input.notes`).
//! 2. Write `templates/sprints/index.html` extending `base.html`, filling
//!    `{% block main %}`, and add it to [`templates::BUILTIN`].
//! 3. Call `pages.add(sprints::index(&input))?` in [`render_into`].

mod actions;
mod attention;
mod backlog;
mod charts;
mod checkins;
mod counts;
mod dashboard;
mod decisions;
mod explain;
mod feed;
mod flow;
pub(crate) use crate::format;
pub mod markdown;
mod notes;
mod page;
pub(crate) mod paths;
pub use crate::slug;
mod sprints;
pub mod summary;
pub mod templates;
pub(crate) mod unscored;
mod weeks;

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::metrics::Report;
use crate::model::{Date, Note, Project};
pub use crate::options::SiteOptions;
use page::{Page, Pages, Section, SiteView};
use paths::SitePaths;
pub use slug::{slug, unique_slugs};
use templates::{TemplateError, Templates};

/// The rendered site, in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    /// Every file: path relative to the site root (`/`-separated) to bytes.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// How many HTML pages the site holds.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// Where rendered files go, one at a time, from any thread, in any order.
pub trait Sink: Sync {
    /// Why a file could not be taken (writing it to disk failed).
    type Error: std::error::Error + Send;

    /// Takes the file at `path` (site root relative, `/`-separated; never
    /// twice the same). An error stops the rendering.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Self::Error>;
}

/// Keeps every file in memory: the [`Site`] that [`render`] returns.
#[derive(Debug, Default)]
struct Collect(Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for Collect {
    type Error = Infallible;

    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Infallible> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_string(), bytes);
        Ok(())
    }
}

/// Why the site could not be rendered. Every case maps to exit code 3.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A template override could not be loaded.
    #[error(transparent)]
    Templates(#[from] TemplateError),
    /// A page could not be rendered.
    #[error("page {page}: {source}")]
    Render {
        /// The page's path.
        page: String,
        /// What went wrong.
        source: TemplateError,
    },
    /// A page's view could not be handed to its template (a bug in tandem).
    #[error("page {page}: internal error: {message}")]
    View {
        /// The page's path.
        page: String,
        /// What went wrong.
        message: String,
    },
    /// Two files would be written at the same path (a bug in tandem).
    #[error("internal error: two files would be written to {path}")]
    Conflict {
        /// The path.
        path: String,
    },
}

/// Why [`render_into`] stopped: the site, or the [`Sink`] (its own error,
/// typed: `build`'s is an [`crate::output::OutputError`]).
#[derive(Debug, thiserror::Error)]
pub enum RenderError<E> {
    /// The site could not be rendered.
    #[error(transparent)]
    Site(#[from] SiteError),
    /// The sink could not take a file.
    #[error(transparent)]
    Sink(E),
}

/// What page functions read: the project as of the report date.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    /// The whole project.
    pub project: &'a Project,
    /// Every figure as of the report date, with the weekly history.
    pub report: &'a Report,
    /// What the figures mean: "needs attention", now and week by week.
    pub analysis: &'a Analysis,
    /// The report date.
    pub report_date: Date,
    /// Where each note and sprint lives.
    pub paths: &'a SitePaths,
    /// Notes dated on or before the report date, by date then path: the only
    /// notes any page may show or count.
    pub notes: Vec<&'a Note>,
    /// The stakeholder-facing site (`--public`, `public: true`). Decided once
    /// here, applied by every page function:
    /// - no note text anywhere: no body, no action item's or decision's
    ///   text, no note title (a note is named by kind and date,
    ///   [`format::note_name`]); figures, sprint goals, item titles, dates
    ///   and owners stay;
    /// - note pages are not written, and `paths` has no note in it, so no
    ///   link can lead to one;
    /// - `metrics.json` leaves out the same text ([`crate::metrics::to_public_json`]);
    /// - of the check-ins, only that they took place: no rating, gap or
    ///   median on any page ([`checkins`]) or in `metrics.json`.
    pub public: bool,
}

impl<'a> Input<'a> {
    /// The input for `project` as of the analysis's report date: its notes
    /// up to that date, by date then path.
    pub fn new(project: &'a Project, analysis: &'a Analysis, paths: &'a SitePaths, public: bool) -> Self {
        let report = &analysis.report;
        let mut notes: Vec<&Note> = project.notes.iter().filter(|n| n.date <= report.as_of).collect();
        notes.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        Input { project, report, analysis, report_date: report.as_of, paths, notes, public }
    }

    /// How a page names `note`: its title, or on a public site its kind and
    /// date. (A private note's title is left to each page, as before.)
    pub fn note_name(&self, note: &Note) -> String {
        if self.public { format::note_name(note.kind, note.date) } else { note.title.clone() }
    }
}

/// Renders every page of the site in memory, `metrics.json` included.
/// Same inputs, same bytes.
pub fn render(project: &Project, analysis: &Analysis, opts: &SiteOptions) -> Result<Site, SiteError> {
    let collected = Collect::default();
    render_into(project, analysis, opts, &collected).map_err(|e| match e {
        RenderError::Site(e) => e,
        RenderError::Sink(never) => match never {},
    })?;
    Ok(Site { files: collected.0.into_inner().unwrap_or_else(PoisonError::into_inner) })
}

/// Renders every page of the site, `metrics.json` included, handing each
/// file to `sink` as soon as it is rendered: the same files and bytes as
/// [`render`], in no set order. `opts` are settled ([`crate::options`]):
/// nothing here looks at `tandem.yaml`'s copy of them.
pub fn render_into<S: Sink>(
    project: &Project,
    analysis: &Analysis,
    opts: &SiteOptions,
    sink: &S,
) -> Result<(), RenderError<S::Error>> {
    let report = &analysis.report;
    let report_date = report.as_of;
    let templates = Templates::load(opts.templates_dir.as_deref()).map_err(SiteError::from)?;
    let public = opts.public;
    let paths = SitePaths::new(project).with_pages_as_of(project, report_date).public(public);
    let input = Input::new(project, analysis, &paths, public);

    let base_url = opts.base_url.as_deref();
    let pages = Pages::new(&templates, site_view(project, input.report_date, base_url), sink);
    pages.add(dashboard::index(&input))?;
    pages.add(summary::page(&input))?;
    pages.add_file(paths::SUMMARY_MARKDOWN, summary::markdown_file(&input, base_url))?;
    pages.add(feed::feed(&input))?;
    pages.add(notes::index(&input))?;
    pages.add_all(notes::pages(&input))?;
    pages.add(weeks::index(&input))?;
    pages.add_all(weeks::pages(&input))?;
    pages.add(sprints::index(&input))?;
    pages.add_all(sprints::pages(&input))?;
    pages.add(flow::index(&input))?;
    pages.add(backlog::index(&input))?;
    pages.add(actions::index(&input))?;
    pages.add(decisions::index(&input))?;
    pages.add_rooted_at_base(not_found())?;
    pages.add_file(paths::NO_JEKYLL, Vec::new())?;
    let metrics =
        if public { crate::metrics::to_public_json(report) } else { crate::metrics::to_json(report) };
    pages.add_file(paths::METRICS, metrics.into_bytes())?;
    for (path, bytes) in templates.assets() {
        pages.add_file(path, bytes.to_vec())?;
    }
    Ok(())
}

fn site_view(project: &Project, report_date: Date, base_url: Option<&str>) -> SiteView {
    let title =
        project.settings.title.clone().unwrap_or_else(|| format!("{} team health", project.team.name));
    let base_url =
        base_url.map(str::trim).filter(|u| !u.is_empty()).map(|u| format!("{}/", u.trim_end_matches('/')));
    SiteView {
        title,
        team: project.team.name.clone(),
        report_date: format::date(report_date),
        base_url,
        urls: paths::URLS,
    }
}

/// `404.html` has nothing of its own to show.
#[derive(Debug, Serialize)]
struct NotFoundView {}

fn not_found() -> Page<NotFoundView> {
    Page {
        path: paths::NOT_FOUND.to_string(),
        template: "404.html",
        title: "Page not found".to_string(),
        section: Section::None,
        view: NotFoundView {},
    }
}

#[cfg(test)]
pub(crate) mod testdata;
#[cfg(test)]
mod tests;
