//! Stage 4: what the figures mean for the people reading them, worked out
//! once between the metrics and the site, so pages only format.
//!
//! - [`attention`]: the "needs attention" rules, as of the report date and
//!   as of every week of the history (for the feed);
//! - [`summary`]: the facts the stakeholder summary states;
//! - [`checkins`]: the pair's latest ratings beside the evidence;
//! - [`planning`]: runs of carry-over and possible under-commitment.

pub mod attention;
pub mod checkins;
pub mod planning;
pub mod summary;

use crate::metrics::{self, Report, Timeline};
use crate::model::{Date, Project};
pub use attention::Group;
use rayon::prelude::*;

/// The report and what it means: everything the site renders.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Every figure, with the weekly history.
    pub report: Report,
    /// What needs attention as of the report date, grouped by kind, most
    /// severe first.
    pub attention: Vec<Group>,
    /// What needed attention as of each week of `report.weeks`, in the same order.
    pub weekly_attention: Vec<Vec<Group>>,
    /// Planning smells as of the report date.
    pub planning: planning::Planning,
}

/// How much of the history an analysis covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// Every week, with its attention list: for the site.
    Full,
    /// The last few weeks, without weekly attention lists: for the summary,
    /// which compares with four weeks back and no further.
    Recent,
}

/// Computes the figures of `project` as of `report_date` and analyses them.
pub fn analyse(project: &Project, report_date: Date, history: History) -> Analysis {
    let timeline = Timeline::new(project);
    let weeks = match history {
        History::Full => usize::MAX,
        History::Recent => summary::WEEKS_SHOWN,
    };
    let report = metrics::compute_weeks(&timeline, report_date, weeks);
    let attention = attention::attention(&timeline, &report);
    let weekly_attention = match history {
        History::Full => {
            // Each week on its own core; collected in week order.
            report
                .weeks
                .par_iter()
                .map(|w| attention::attention_for_week(&timeline, w, report_date))
                .collect()
        }
        History::Recent => Vec::new(),
    };
    let planning = planning::planning(project, &report, report_date);
    Analysis { report, attention, weekly_attention, planning }
}
