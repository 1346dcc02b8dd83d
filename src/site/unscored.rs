//! Why an indicator has no score, in the words shown where its score would
//! be (docs/figures.md, "Evidence: unknown is not zero"): "no meeting notes in
//! the window", "attendance not recorded in 3 of 5 sprint events (2 known)",
//! "too little data to score (1 of 1)".

use crate::indicators::{Indicator, Needs, NoFigure, between};
use crate::metrics::{Unscored, Window};

/// The reason, a phrase without a capital or a full stop.
pub fn reason(indicator: Indicator, unscored: &Unscored, w: &Window) -> String {
    let words = indicator.definition().rows;
    match *unscored {
        Unscored::NoFigure(why) => no_figure(indicator, why, w),
        Unscored::TooLittle { unrecorded, rows, .. } if unrecorded > 0 => format!(
            "attendance not recorded in {unrecorded} of {} {} ({rows} known)",
            unrecorded + rows,
            words.many
        ),
        Unscored::TooLittle { counted, rows, .. } => {
            format!("too little data to score ({counted} of {rows})")
        }
    }
}

/// Why there is no figure.
pub fn no_figure(indicator: Indicator, why: NoFigure, w: &Window) -> String {
    let definition = indicator.definition();
    match why {
        NoFigure::Roles(Needs::ProductOwner) => "it needs exactly one product owner in the team".to_string(),
        NoFigure::Roles(Needs::ScrumMaster) => "it needs exactly one scrum master in the team".to_string(),
        NoFigure::Roles(_) => {
            "it needs exactly one product owner and one scrum master in the team".to_string()
        }
        NoFigure::NoNotes => "no meeting notes in the window".to_string(),
        NoFigure::NoAttendance { unrecorded: 1 } => {
            format!("attendance not recorded in the one {}", definition.rows.one)
        }
        NoFigure::NoAttendance { unrecorded } => {
            format!("attendance not recorded in any of the {unrecorded} {}", definition.rows.many)
        }
        NoFigure::NoNotesYet => {
            "no meeting notes yet, so no action item could have been recorded".to_string()
        }
        NoFigure::Empty => definition
            .empty
            .map_or_else(|| format!("there was nothing to count {}", between(w)), str::to_string),
    }
}

/// A short label for where the score would be: `No data: …` when there is
/// no figure, `Not scored: …` when there is one over too little evidence.
pub fn label(indicator: Indicator, unscored: &Unscored, w: &Window) -> String {
    let lead = match unscored {
        Unscored::NoFigure(_) => "No data",
        Unscored::TooLittle { .. } => "Not scored",
    };
    format!("{lead}: {}", reason(indicator, unscored, w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::date;

    #[test]
    fn reasons_read_as_the_spec_words_them() {
        let w = Window::ending(date("2026-10-20"), 28);
        let too_little = Unscored::TooLittle { counted: 1, rows: 1, unrecorded: 0 };
        assert_eq!(reason(Indicator::OnTimeRate, &too_little, &w), "too little data to score (1 of 1)");
        let unrecorded = Unscored::TooLittle { counted: 2, rows: 2, unrecorded: 3 };
        assert_eq!(
            reason(Indicator::PoEventAttendance, &unrecorded, &w),
            "attendance not recorded in 3 of 5 sprint events (2 known)"
        );
        let none = Unscored::NoFigure(NoFigure::NoNotes);
        assert_eq!(
            label(Indicator::TouchpointsPerWeek, &none, &w),
            "No data: no meeting notes in the window"
        );
        let empty = Unscored::NoFigure(NoFigure::Empty);
        assert_eq!(
            reason(Indicator::OnTimeRate, &empty, &w),
            "there was nothing to count between Wed 23 Sep and Tue 20 Oct"
        );
        let one = Unscored::NoFigure(NoFigure::NoAttendance { unrecorded: 1 });
        assert_eq!(reason(Indicator::MaxGapDays, &one, &w), "attendance not recorded in the one meeting");
    }
}
