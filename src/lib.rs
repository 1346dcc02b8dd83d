//! tandem turns a scrum team's sprint records and meeting notes into a static
//! site about the team's health.
//!
//! One straight pipeline, each stage in its own module, data flowing one way:
//!
//! 1. [`load`]: walk the data folder, parse and validate every file into
//!    [`model`] types, collecting [`diagnostics`] instead of stopping;
//! 2. [`model`]: the validated types the rest of the program trusts;
//! 3. [`metrics`]: pure functions of the model and a report date;
//! 4. [`analysis`]: what the figures mean ("needs attention", the summary's facts);
//! 5. [`site`]: Tera pages and SVG charts rendered in memory, formatting only;
//! 6. [`output`]: written to a temporary folder, then swapped into place.
//!
//! [`indicators`], [`mod@format`] and [`slug`] sit beside the pipeline: the one
//! definition of each indicator, the house style of words and of paths,
//! shared by the stages that need them.
//!
//! [`import`] is a separate entry: a tracker's export into the data folder's
//! files, which `load` then reads like any others.
//!
//! [`serve`] runs the same pipeline up to the rendered site and serves it
//! from memory instead of writing it, rebuilding when the data changes.

pub mod analysis;
pub mod diagnostics;
pub mod format;
pub mod import;
pub mod indicators;
pub mod init;
pub mod load;
pub mod metrics;
pub mod model;
pub mod output;
pub mod serve;
pub mod site;
pub mod slug;
pub mod summary;
#[cfg(test)]
mod testkit;

use std::path::Path;

use diagnostics::Diagnostics;
use model::{Date, Project};

/// A data folder read, validated and dated: what every command starts from.
#[derive(Debug)]
pub struct Checked {
    /// The project and its report date, when the data has no error.
    pub project: Option<(Project, Date)>,
    /// Every problem found (warnings included).
    pub diagnostics: Diagnostics,
    /// How many files were read.
    pub files_read: usize,
}

/// Reads and validates `data_dir` and settles the report date: `as_of`
/// (`--as-of`), else tandem.yaml's, else the day `now` falls on in its
/// `timezone`. The library never reads the clock: `main` passes `now`, so the
/// same data and the same `now` give the same site. Anything dated after the
/// report date is left out of everything, and the notes left out get one
/// warning naming the furthest (docs/data.md).
pub fn check(data_dir: &Path, as_of: Option<Date>, now: jiff::Timestamp) -> Checked {
    let loaded = load::load(data_dir);
    let mut diagnostics = loaded.diagnostics;
    let project = loaded.project.map(|mut project| {
        let date = project.report_date(as_of, now);
        let later = project.leave_out_after(date);
        if let Some(furthest) = later.iter().max_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path))) {
            let count = later.len();
            let noun = if count == 1 { "note is" } else { "notes are" };
            diagnostics.warning(
                &furthest.path,
                None,
                format!(
                    "{count} {noun} dated after the report date {date} and left out; the furthest is this one, dated {}{}",
                    furthest.date,
                    if furthest.date > date.saturating_add(jiff::Span::new().years(1)) {
                        " (a typo in its date?)"
                    } else {
                        ""
                    }
                ),
            );
        }
        (project, date)
    });
    Checked { project, diagnostics, files_read: loaded.files_read }
}

/// Everything `tandem build` needs, settled once from flags, tandem.yaml and defaults.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The data folder.
    pub data_dir: std::path::PathBuf,
    /// Where the site goes.
    pub output_dir: std::path::PathBuf,
    /// `--as-of`: wins over `as_of:` in tandem.yaml.
    pub as_of: Option<Date>,
    /// The moment "today" is taken from when no report date is given.
    pub now: jiff::Timestamp,
    /// `--base-url` and `--templates`.
    pub site: site::SiteOptions,
    /// Warnings count as errors: nothing is written.
    pub strict: bool,
}

/// What a finished build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Built {
    /// HTML pages.
    pub pages: usize,
    /// All files, pages included.
    pub files: usize,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum BuildError {
    /// The data has errors (or warnings under `--strict`); they are in the diagnostics.
    InvalidData,
    /// A template could not be loaded or rendered.
    Site(site::SiteError),
    /// The output folder could not be replaced.
    Output(output::OutputError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::InvalidData => f.write_str("the data has problems; nothing was written"),
            BuildError::Site(e) => write!(f, "{e}"),
            BuildError::Output(e) => write!(f, "{e}"),
        }
    }
}

/// The outcome of a build: the diagnostics are always there to print.
#[derive(Debug)]
pub struct BuildOutcome {
    /// Every problem found in the data.
    pub diagnostics: Diagnostics,
    /// What was written, or why nothing was.
    pub result: Result<Built, BuildError>,
}

/// The whole pipeline: load and validate, compute, render in memory, then
/// swap the new site into place. Any failure leaves the previous site as it was.
pub fn build(opts: &BuildOptions) -> BuildOutcome {
    let checked = check(&opts.data_dir, opts.as_of, opts.now);
    let mut diagnostics = checked.diagnostics;
    if opts.strict {
        diagnostics.make_strict();
    }
    let result = match checked.project {
        Some((project, date)) if !diagnostics.has_errors() => {
            render_and_write(&project, date, opts, &mut diagnostics)
        }
        _ => Err(BuildError::InvalidData),
    };
    BuildOutcome { diagnostics, result }
}

fn render_and_write(
    project: &Project,
    date: Date,
    opts: &BuildOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Built, BuildError> {
    let analysis = analysis::analyse(project, date, analysis::History::Full);
    // A problem in `static/` (too large, a link out of the folder, a page or
    // script) is a diagnostic like any other: with an error, nothing is written.
    let static_files = output::static_files(&opts.data_dir, diagnostics);
    if opts.strict {
        // A warning about static/ is a warning like any other under --strict.
        diagnostics.make_strict();
    }
    if diagnostics.has_errors() {
        return Err(BuildError::InvalidData);
    }
    // Each page goes to disk as soon as it is rendered: a site of 50,000
    // notes is never held in memory whole. Until `finish`, the output
    // folder is untouched; on any error `staged` is dropped unfinished.
    let staged = output::Staged::begin(&opts.output_dir, &opts.data_dir).map_err(BuildError::Output)?;
    site::render_into(project, &analysis, &opts.site, &staged).map_err(|e| match e {
        site::SiteError::Sink(inner) => match inner.downcast::<output::OutputError>() {
            Ok(written) => BuildError::Output(*written),
            Err(other) => BuildError::Site(site::SiteError::Sink(other)),
        },
        e => BuildError::Site(e),
    })?;
    // `static/` is copied as it is; a page tandem writes keeps its path.
    for (path, bytes) in static_files {
        if staged.contains(&path) {
            diagnostics.warning(&format!("static/{path}"), None, clash(&path));
        } else {
            staged.write_file(&path, &bytes).map_err(BuildError::Output)?;
        }
    }
    if opts.strict {
        diagnostics.make_strict();
        if diagnostics.has_errors() {
            return Err(BuildError::InvalidData);
        }
    }
    let built = Built { pages: staged.page_count(), files: staged.file_count() };
    staged.finish().map_err(BuildError::Output)?;
    Ok(built)
}

fn clash(path: &str) -> String {
    format!("not copied: tandem writes {path} itself (remove it from static/)")
}

/// The whole site in memory: every page rendered, then `static/` added
/// (a page tandem writes keeps its path; the clash is a warning). `serve`
/// serves it as it is; `build` streams the same files to disk instead
/// ([`site::render_into`]).
pub fn render_site(
    project: &Project,
    date: Date,
    site_opts: &site::SiteOptions,
    data_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<site::Site, BuildError> {
    let analysis = analysis::analyse(project, date, analysis::History::Full);
    let mut site = site::render(project, &analysis, site_opts).map_err(BuildError::Site)?;
    for (path, bytes) in output::static_files(data_dir, diagnostics) {
        match site.files.entry(path) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(bytes);
            }
            std::collections::btree_map::Entry::Occupied(taken) => {
                diagnostics.warning(&format!("static/{}", taken.key()), None, clash(taken.key()))
            }
        }
    }
    Ok(site)
}
