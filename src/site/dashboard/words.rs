//! How scores and figures are worded for people: statuses, changes and
//! numbers. Practice and indicator names, meanings and units come from the
//! one table in [`crate::indicators`].
//!
//! The dashboard, the summary and the feed all word things through here, so
//! a figure reads the same everywhere.

use serde::Serialize;

use crate::metrics::Status;

/// A status as a word and a shape, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusView {
    /// The state `ui.status` expects: `healthy`, `watch`, `risk` or `none`.
    pub state: &'static str,
    /// The `metrics.json` key: `healthy`, `watch`, `at-risk`, `no-data`.
    pub key: &'static str,
    /// `Healthy`, `Watch`, `At risk`, `No data`.
    pub label: &'static str,
    /// `●`, `▲`, `■`, `○` (the shapes of `ui.status`).
    pub shape: &'static str,
}

/// The status worded for people.
pub fn status(s: Status) -> StatusView {
    StatusView { state: s.state(), key: s.as_str(), label: s.label(), shape: s.shape() }
}

/// `up 1 point` from `Up 1 point`: the first letter in lower case.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

pub use crate::format::{days, percent, points, sprints};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::decimal;
    use crate::site::format::score;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(decimal(40.5), "40.5");
        assert_eq!(decimal(24.666), "24.6");
        assert_eq!(decimal(41.0), "41");
        assert_eq!(decimal(0.04), "0");
        assert_eq!(points(1.0), "1 point");
        assert_eq!(points(24.666), "24.6 points");
        assert_eq!(percent(0.666_666), "66%");
        // Rounded down: 74.6 (watch) must never print as 75 (healthy).
        assert_eq!(score(Some(94.5)), "94");
        assert_eq!(score(Some(74.6)), "74");
        assert_eq!(score(Some(95.04)), "95");
        assert_eq!(score(None), "no data");
    }

    #[test]
    fn statuses_have_a_word_and_a_shape() {
        let s = status(Status::AtRisk);
        assert_eq!((s.state, s.key, s.label, s.shape), ("risk", "at-risk", "At risk", "■"));
        assert_eq!(status(Status::NoData).state, "none");
    }
}
