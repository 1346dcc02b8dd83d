//! Check-ins (docs/data.md, "Check-ins"): what a member believes about the
//! five practices, rated 1 (poor) to 5 (great) on a date.
//!
//! A check-in's `comment` is read only to check it is text: it never
//! reaches the model, so no page, feed, summary or `metrics.json` can show it.

use std::collections::BTreeMap;

use super::Date;

/// The keys a check-in rates, the practices' keys in `metrics.json`, in
/// docs/figures.md order.
pub const PRACTICE_KEYS: [&str; 5] = ["backlog", "communication", "support", "accountability", "compromise"];

/// The lowest and highest rating.
pub const RATINGS: std::ops::RangeInclusive<u8> = 1..=5;

/// One `checkins/<YYYY-MM-DD>-<member>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkin {
    /// The member who checked in (a known id, the one the file name gives).
    pub by: String,
    /// The date from the file name.
    pub date: Date,
    /// Practice key ([`PRACTICE_KEYS`]) to rating in [`RATINGS`]; the
    /// practices not rated are absent.
    pub ratings: BTreeMap<String, u8>,
    /// Path relative to the data folder.
    pub path: String,
}

impl Checkin {
    /// The rating of the practice with this key, if given.
    pub fn rating(&self, practice: &str) -> Option<u8> {
        self.ratings.get(practice).copied()
    }
}

/// Every check-in of the data folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkins {
    /// Whether the data folder has a `checkins/` folder at all: the team has
    /// taken up the habit (`tandem init` makes one), so `check` reminds
    /// the pair when they have not checked in for a while.
    pub folder: bool,
    /// By date, then member id.
    pub list: Vec<Checkin>,
}

/// A rating on the 0..100 scale of the scores: (rating - 1) * 25.
pub fn perception(rating: u8) -> f64 {
    (f64::from(rating) - 1.0) * 25.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_map_onto_the_score_scale() {
        let scale: Vec<f64> = RATINGS.map(perception).collect();
        assert_eq!(scale, vec![0.0, 25.0, 50.0, 75.0, 100.0]);
    }
}
