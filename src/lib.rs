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
//! shared by the stages that need them. [`mod@fs`] is the ground floor under
//! every stage that touches a file; [`options`] settles the command line's
//! flags with `tandem.yaml` once, right after `load`.
//!
//! [`import`] is a separate entry: a tracker's export into the data folder's
//! files, which `load` then reads like any others.
//!
//! [`serve`] runs the same pipeline up to the rendered site and serves it
//! from memory instead of writing it, rebuilding when the data changes.

pub mod analysis;
pub mod diagnostics;
pub mod format;
pub mod fs;
pub mod import;
pub mod indicators;
pub mod init;
pub mod load;
pub mod metrics;
pub mod model;
pub mod options;
pub mod output;
pub mod serve;
pub mod site;
pub mod slug;
pub mod summary;
#[cfg(test)]
mod testkit;

use std::path::Path;

use diagnostics::Diagnostics;
use load::static_dir::StaticFile;
use model::{Date, Project};
use options::{Flags, Options};

/// A data folder read, validated and dated: what every command starts from.
#[derive(Debug)]
pub struct Checked {
    /// The project and its settled options, when the data has no error.
    pub project: Option<(Project, Options)>,
    /// Every problem found (warnings included; errors, under `--strict`).
    pub diagnostics: Diagnostics,
    /// How many files were read.
    pub files_read: usize,
    /// The files of `static/`, to be copied into the site.
    pub static_files: Vec<StaticFile>,
}

/// Reads and validates `data_dir`, then settles the options: `flags` over
/// `tandem.yaml` over defaults ([`Flags::resolve`]; the report date is the
/// day `now` falls on when neither gives one). The library never reads the
/// clock: `main` passes `now`, so the same data and the same `now` give the
/// same site. Anything dated after the report date is left out of
/// everything, and the notes left out get one warning naming the furthest
/// (docs/data.md). `--strict` is applied here, once, to every diagnostic
/// found now or later.
pub fn check(data_dir: &Path, flags: &Flags, now: jiff::Timestamp) -> Checked {
    let loaded = load::load(data_dir);
    let mut diagnostics = loaded.diagnostics;
    let project = loaded.project.map(|mut project| {
        let options = flags.resolve(&project.settings, now);
        leave_out_after(&mut project, options.report_date, &mut diagnostics);
        warn_if_old(&project, options.report_date, &mut diagnostics);
        (project, options)
    });
    if flags.strict {
        diagnostics.make_strict();
    }
    Checked { project, diagnostics, files_read: loaded.files_read, static_files: loaded.static_files }
}

/// Leaves out of `project` what is dated after `date`, with one warning.
fn leave_out_after(project: &mut Project, date: Date, diagnostics: &mut Diagnostics) {
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
}

/// `check`'s closing hints, on what the data means for the figures: action
/// items without a due date or an owner, lines that look like an action or a
/// decision but were not read, and a pair that has not checked in lately.
/// Hints are never problems; `build` and `summary` do not print them.
pub fn hints(project: &Project, report_date: Date, diagnostics: &mut Diagnostics) {
    load::notes::explain::hints(project, report_date, diagnostics);
    load::checkins::remind(project, report_date, diagnostics);
}

/// How many days before the report date the newest record may be before
/// `check` says the data is old (docs/data.md).
pub const OLD_DATA_DAYS: i64 = 14;

/// A warning when the newest dated record is more than [`OLD_DATA_DAYS`]
/// before the report date: the pages would report on a day the data knows
/// nothing about (an old export imported today). It names the `--as-of`
/// that reports on the data as it was.
fn warn_if_old(project: &Project, date: Date, diagnostics: &mut Diagnostics) {
    let Some((newest, path)) = project.newest_record() else { return };
    let days = model::dates::days_between(date, newest);
    if days > OLD_DATA_DAYS {
        diagnostics.warning(
            path,
            None,
            format!(
                "the newest record in the data is dated {newest}, {days} days before the report date {date}: \
                 the pages would report on {date} with nothing recent to show; to report on the data as it was, \
                 use --as-of {newest} (or as_of: {newest} in tandem.yaml)"
            ),
        );
    }
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
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The data has errors (or warnings under `--strict`); they are in the diagnostics.
    #[error("the data has problems; nothing was written")]
    InvalidData,
    /// A template could not be loaded or rendered.
    #[error(transparent)]
    Site(#[from] site::SiteError),
    /// The output folder could not be replaced.
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

impl From<site::RenderError<output::OutputError>> for BuildError {
    fn from(e: site::RenderError<output::OutputError>) -> Self {
        match e {
            site::RenderError::Site(e) => BuildError::Site(e),
            site::RenderError::Sink(e) => BuildError::Output(e),
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

/// The whole pipeline: load and validate, compute, render, then swap the
/// new site into `output_dir`. Any failure leaves the previous site as it was.
pub fn build(data_dir: &Path, output_dir: &Path, flags: &Flags, now: jiff::Timestamp) -> BuildOutcome {
    let checked = check(data_dir, flags, now);
    let mut diagnostics = checked.diagnostics;
    let result = match checked.project {
        Some((project, options)) if !diagnostics.has_errors() => {
            let place = Place { data_dir, output_dir };
            write(&project, &options, &checked.static_files, place, &mut diagnostics)
        }
        _ => Err(BuildError::InvalidData),
    };
    BuildOutcome { diagnostics, result }
}

/// Where a build reads and writes.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    data_dir: &'a Path,
    output_dir: &'a Path,
}

fn write(
    project: &Project,
    options: &Options,
    static_files: &[StaticFile],
    place: Place<'_>,
    diagnostics: &mut Diagnostics,
) -> Result<Built, BuildError> {
    let analysis = analysis::analyse(project, options.report_date, analysis::History::Full);
    // Each page goes to disk as soon as it is rendered: a site of 50,000
    // notes is never held in memory whole. Until `finish`, the output
    // folder is untouched; on any error `staged` is dropped unfinished.
    let staged = output::Staged::begin(place.output_dir, place.data_dir)?;
    site::render_into(project, &analysis, &options.site, &staged)?;
    for (path, bytes) in to_copy(static_files, |path| staged.contains(path), diagnostics) {
        staged.write_file(path, bytes)?;
    }
    // A clash with static/ is a warning, an error under --strict.
    if diagnostics.has_errors() {
        return Err(BuildError::InvalidData);
    }
    let built = Built { pages: staged.page_count(), files: staged.file_count() };
    staged.finish()?;
    Ok(built)
}

/// The files of `static/` to copy: `static/` is copied as it is, but a page
/// tandem writes keeps its path (the clash is a warning).
fn to_copy<'a>(
    static_files: &'a [StaticFile],
    written: impl Fn(&str) -> bool,
    diagnostics: &mut Diagnostics,
) -> Vec<(&'a str, &'a [u8])> {
    let mut copy = Vec::with_capacity(static_files.len());
    for (path, bytes) in static_files {
        if written(path) {
            let message = format!("not copied: tandem writes {path} itself (remove it from static/)");
            diagnostics.warning(&format!("static/{path}"), None, message);
        } else {
            copy.push((path.as_str(), bytes.as_slice()));
        }
    }
    copy
}

/// The whole site in memory: every page rendered, then `static/` added
/// (a page tandem writes keeps its path; the clash is a warning). `serve`
/// serves it as it is; `build` streams the same files to disk instead
/// ([`site::render_into`]).
pub fn render_site(
    project: &Project,
    options: &Options,
    static_files: &[StaticFile],
    diagnostics: &mut Diagnostics,
) -> Result<site::Site, BuildError> {
    let analysis = analysis::analyse(project, options.report_date, analysis::History::Full);
    let mut site = site::render(project, &analysis, &options.site)?;
    for (path, bytes) in to_copy(static_files, |path| site.files.contains_key(path), diagnostics) {
        site.files.insert(path.to_string(), bytes.to_vec());
    }
    Ok(site)
}
