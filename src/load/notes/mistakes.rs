//! Date mistakes a note's own words give away (docs/data.md, tandem.yaml's
//! "Date mistakes"): a note dated long before the team's first sprint (a
//! typo in the year?), and a weekday that contradicts its date.

use super::NoteContext;
use super::dates;
use super::sections::date_label;
use super::structure::Block;
use crate::diagnostics::Diagnostics;
use crate::model::Note;

/// How long before the first sprint a note may be dated without a word.
const EARLY_DAYS: i64 = 180;

/// Warns about the note's date mistakes.
pub fn check(note: &Note, blocks: &[Block], ctx: &NoteContext<'_>, diags: &mut Diagnostics) {
    if let Some(first) = ctx.sprints.iter().map(|s| s.start).min()
        && let Ok(span) = first.since(note.date)
        && i64::from(span.get_days()) > EARLY_DAYS
    {
        diags.warning(
            &note.path,
            None,
            format!(
                "dated {}, {} days before the first sprint starts ({first}): a typo in the year?",
                note.date,
                span.get_days()
            ),
        );
    }
    let heading = blocks.iter().find(|b| b.heading_level().is_some()).map(|h| (h.line, h.text()));
    let label = blocks
        .iter()
        .flat_map(|b| &b.lines)
        .find_map(|l| date_label(&l.text).map(|rest| (l.line, rest.to_string())));
    for (line, text) in heading.iter().chain(label.iter()) {
        if let Some((written, date, real)) = dates::weekday_mismatch(text, ctx.date_order) {
            diags.warning(
                &note.path,
                Some((*line, 1)),
                format!(
                    "{date} is a {}, not a {}: check the date or the weekday",
                    title(real),
                    title(written)
                ),
            );
            return;
        }
    }
}

fn title(day: &str) -> String {
    let mut chars = day.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
