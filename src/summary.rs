//! `tandem summary`: read and check the data, compute the figures, print the
//! summary. One call for `main`, which only prints and picks the exit code.
//!
//! It runs the pipeline like [`crate::build`] does, so it lives beside it,
//! not in the site: the site only formats what it is given.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::model::{Date, Project};
use crate::site::paths::SitePaths;
use crate::site::summary::{build, site_title, to_markdown, to_text};

/// How `tandem summary` prints the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Markdown, for a pull-request comment or a chat message.
    #[default]
    Markdown,
    /// Plain text wrapped at 80 columns, for an e-mail.
    Text,
    /// JSON, for other tools.
    Json,
}

/// Everything `tandem summary` needs, from flags, tandem.yaml and defaults.
#[derive(Debug, Clone)]
pub struct SummaryOptions {
    /// The data folder.
    pub data_dir: PathBuf,
    /// `--as-of`: wins over `as_of:` in tandem.yaml.
    pub as_of: Option<Date>,
    /// The moment "today" is taken from when no report date is given.
    pub now: jiff::Timestamp,
    /// `--base-url` (already validated): wins over `base_url:` in tandem.yaml.
    pub base_url: Option<String>,
    /// `--public`: wins over `public:` in tandem.yaml. A public summary
    /// quotes no note text, like the public site's (docs/commands.md).
    pub public: Option<bool>,
    /// The output format.
    pub format: Format,
    /// Warnings count as errors: no summary is printed.
    pub strict: bool,
}

/// Why no summary was made.
#[derive(Debug)]
pub enum SummaryError {
    /// The data has errors (or warnings under `--strict`); they are in the diagnostics.
    InvalidData,
    /// The summary could not be written as JSON (a bug in tandem).
    Json(String),
}

impl fmt::Display for SummaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SummaryError::InvalidData => f.write_str("the data has problems; no summary was made"),
            SummaryError::Json(message) => write!(f, "internal error: could not write JSON: {message}"),
        }
    }
}

/// The outcome of `tandem summary`: the diagnostics are always there to print.
#[derive(Debug)]
pub struct SummaryOutcome {
    /// Every problem found in the data.
    pub diagnostics: Diagnostics,
    /// The summary, or why there is none.
    pub result: Result<String, SummaryError>,
}

/// Checks the data in `opts.data_dir` and renders the summary as of the
/// report date in `opts.format`.
pub fn run(opts: &SummaryOptions) -> SummaryOutcome {
    let checked = crate::check(&opts.data_dir, opts.as_of, opts.now);
    let mut diagnostics = checked.diagnostics;
    if opts.strict {
        diagnostics.make_strict();
    }
    let result = match checked.project {
        Some((mut project, date)) if !diagnostics.has_errors() => {
            if let Some(url) = &opts.base_url {
                project.settings.base_url = Some(url.clone());
            }
            if let Some(public) = opts.public {
                project.settings.public = public;
            }
            render(&project, date, opts.format)
        }
        _ => Err(SummaryError::InvalidData),
    };
    SummaryOutcome { diagnostics, result }
}

/// The summary of `project` as of `date` in `format`. Links use `base_url`
/// from tandem.yaml when it is set; `public` in tandem.yaml leaves out every
/// note's text, as on the public site.
pub fn render(project: &Project, date: Date, format: Format) -> Result<String, SummaryError> {
    let analysis = crate::analysis::analyse(project, date, crate::analysis::History::Recent);
    let public = project.settings.public;
    let paths = SitePaths::new(project).with_pages_as_of(project, date).public(public);
    let summary = build(project, &analysis, &paths, &site_title(project), public);
    let base_url = project.settings.base_url.as_deref();
    match format {
        Format::Markdown => Ok(to_markdown(&summary, base_url)),
        Format::Text => Ok(to_text(&summary, base_url)),
        Format::Json => serde_json::to_string_pretty(&summary)
            .map(|json| json + "\n")
            .map_err(|e| SummaryError::Json(e.to_string())),
    }
}
