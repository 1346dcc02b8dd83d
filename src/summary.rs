//! `tandem summary`: read and check the data, compute the figures, print the
//! summary. One call for `main`, which only prints and picks the exit code.
//!
//! It runs the pipeline like [`crate::build`] does, so it lives beside it,
//! not in the site: the site only formats what it is given.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::Project;
use crate::options::{Flags, Options};
use crate::site::paths::SitePaths;
use crate::site::summary::{build, site_title, to_markdown, to_slack, to_teams, to_text};

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
    /// A Slack message (Block Kit JSON), for an incoming webhook.
    Slack,
    /// A Microsoft Teams message holding an Adaptive Card (JSON), for an incoming webhook.
    Teams,
}

/// Why no summary was made.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// The data has errors (or warnings under `--strict`); they are in the diagnostics.
    #[error("the data has problems; no summary was made")]
    InvalidData,
    /// The summary could not be written as JSON (a bug in tandem).
    #[error("internal error: could not write JSON: {0}")]
    Json(#[source] serde_json::Error),
}

/// The outcome of `tandem summary`: the diagnostics are always there to print.
#[derive(Debug)]
pub struct SummaryOutcome {
    /// Every problem found in the data.
    pub diagnostics: Diagnostics,
    /// The summary, or why there is none.
    pub result: Result<String, SummaryError>,
}

/// Checks the data in `data_dir`, settles the options (`flags` over
/// `tandem.yaml`, [`crate::check`]) and renders the summary as of the
/// report date in `format`.
pub fn run(data_dir: &Path, flags: &Flags, now: jiff::Timestamp, format: Format) -> SummaryOutcome {
    let checked = crate::check(data_dir, flags, now);
    let diagnostics = checked.diagnostics;
    let result = match checked.project {
        Some((project, options)) if !diagnostics.has_errors() => render(&project, &options, format),
        _ => Err(SummaryError::InvalidData),
    };
    SummaryOutcome { diagnostics, result }
}

/// The summary of `project` as of the report date in `format`. Links use
/// the base URL when there is one; a public summary quotes no note text,
/// like the public site (docs/commands.md).
pub fn render(project: &Project, options: &Options, format: Format) -> Result<String, SummaryError> {
    let date = options.report_date;
    let analysis = crate::analysis::analyse(project, date, crate::analysis::History::Recent);
    let public = options.site.public;
    let paths = SitePaths::new(project).with_pages_as_of(project, date).public(public);
    let summary = build(project, &analysis, &paths, &site_title(project), public);
    let base_url = options.site.base_url.as_deref();
    match format {
        Format::Markdown => Ok(to_markdown(&summary, base_url)),
        Format::Text => Ok(to_text(&summary, base_url)),
        Format::Json => {
            serde_json::to_string_pretty(&summary).map(|json| json + "\n").map_err(SummaryError::Json)
        }
        Format::Slack => to_slack(&summary, base_url).map_err(SummaryError::Json),
        Format::Teams => to_teams(&summary, base_url).map_err(SummaryError::Json),
    }
}
