//! tandem turns a scrum team's sprint records and meeting notes into a static
//! site about the team's health.
//!
//! One straight pipeline, each stage in its own module, data flowing one way:
//!
//! 1. [`load`]: walk the data folder, parse and validate every file into
//!    [`model`] types, collecting [`diagnostics`] instead of stopping;
//! 2. [`model`]: the validated types the rest of the program trusts;
//! 3. metrics: pure functions of the model and a report date;
//! 4. site: Tera pages and SVG charts rendered in memory;
//! 5. output: written to a temporary folder, then swapped into place.

pub mod diagnostics;
pub mod init;
pub mod load;
pub mod metrics;
pub mod model;

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

/// Reads and validates `data_dir` and settles the report date (`as_of`
/// overrides tandem.yaml). Notes dated after the report date are left out of
/// everything, with one warning that counts them (CLI.md).
pub fn check(data_dir: &Path, as_of: Option<Date>) -> Checked {
    let loaded = load::load(data_dir);
    let mut diagnostics = loaded.diagnostics;
    let project = loaded.project.and_then(|project| {
        let Some(date) = project.report_date(as_of) else {
            diagnostics.error("sprints", None, "no dates found in the data, so there is no report date");
            return None;
        };
        let later = project.notes.iter().filter(|n| n.date > date).count();
        if later > 0 {
            let noun = if later == 1 { "note is" } else { "notes are" };
            diagnostics.warning(
                "notes",
                None,
                format!("{later} {noun} dated after the report date {date} and left out"),
            );
        }
        Some((project, date))
    });
    Checked { project, diagnostics, files_read: loaded.files_read }
}
