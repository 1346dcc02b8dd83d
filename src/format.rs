//! Small, serializable, pre-formatted pieces: the house style for dates,
//! counts, names, points and every number a page prints. The one place
//! numbers are rounded and words are made plural.
//!
//! Templates never format anything themselves: dates, counts, names and
//! labels arrive as ready-to-print strings, so every page words them alike.
//! It sits beside the pipeline, like [`crate::slug`], because the analysis
//! stage writes its sentences ("needs attention") in the same words the
//! pages use.

use serde::Serialize;

use crate::model::{Date, NoteKind, Role, Team};

/// A date in the forms pages print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateView {
    /// `2026-10-05`, for `<time datetime>` and tables.
    pub iso: String,
    /// `Mon 5 Oct 2026`.
    pub long: String,
    /// `Mon 5 Oct`, inside lists already grouped by month.
    pub short: String,
}

/// The one rounding rule for every figure a page shows: towards zero, to the
/// digits shown, so a shown figure never claims more than the data (a 74.6, watch,
/// never shows as 75, the first healthy score; a 66.7% share shows as 66%,
/// like its score 66). A hair of tolerance keeps binary fractions whole
/// (0.87 * 100 is 87, not 86.99...).
pub fn round_down(v: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    let down = ((v.abs() * scale) + 1e-9).floor() / scale;
    if v < 0.0 { -down } else { down }
}

/// What an undefined figure reads as (docs/figures.md: never 0, never NaN).
pub const NO_DATA: &str = "no data";

/// `v` with exactly `decimals` decimals, rounded down like every figure;
/// never `-0`, `NaN` or `inf` (same data, same bytes).
pub fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return fixed(0.0, decimals);
    }
    let v = round_down(v, u8::try_from(decimals).unwrap_or(u8::MAX));
    let text = format!("{v:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// `v` with at most `decimals` decimals, trailing zeros dropped: `5`, `2.5`.
pub fn trimmed(v: f64, decimals: usize) -> String {
    let text = fixed(v, decimals);
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

/// A figure with at most `decimals` decimals, or [`NO_DATA`].
pub fn maybe(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| NO_DATA.to_string(), |v| trimmed(v, decimals))
}

/// A share as a whole percentage, `88%`, or [`NO_DATA`].
pub fn maybe_percent(share: Option<f64>) -> String {
    share.map_or_else(|| NO_DATA.to_string(), percent)
}

/// `1 point`, `2.5 points`: an amount with its unit, singular exactly when
/// the number shown is 1 (`1.04` shows as `1`: `1 point`).
pub fn quantity(v: f64, one: &str, many: &str) -> String {
    let n = decimal(v);
    if n == "1" { format!("1 {one}") } else { format!("{n} {many}") }
}

/// A score as every page prints it: a whole point, rounded down.
pub fn score_points(score: f64) -> i64 {
    round_down(score, 0) as i64
}

/// `3 of 5 practices have data`, when not all have: what the health score is
/// the mean of.
pub fn practices_with_data(scored: usize, all: usize) -> Option<String> {
    let verb = if scored == 1 { "has" } else { "have" };
    (scored < all).then(|| format!("{scored} of {all} practices {verb} data"))
}

/// A score as printed: `95`, or `no data`.
pub fn score(score: Option<f64>) -> String {
    score.map_or_else(|| "no data".to_string(), |s| score_points(s).to_string())
}

/// A date in every printed form.
pub fn date(d: Date) -> DateView {
    DateView {
        iso: d.to_string(),
        long: d.strftime("%a %-d %b %Y").to_string(),
        short: d.strftime("%a %-d %b").to_string(),
    }
}

/// `October 2026`.
pub fn month(d: Date) -> String {
    d.strftime("%B %Y").to_string()
}

/// A label with an optional link; `url` is relative to the site root and
/// templates print it after `page.root`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkView {
    /// Text of the link.
    pub label: String,
    /// Site-root-relative target, or `None` to print the label alone.
    pub url: Option<String>,
}

/// A meeting kind: the key (for CSS classes) and a label people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindView {
    /// `retro`.
    pub key: &'static str,
    /// `Retrospective`.
    pub label: &'static str,
}

/// The kind of a meeting, worded for people.
pub fn kind(k: NoteKind) -> KindView {
    let label = match k {
        NoteKind::Planning => "Sprint planning",
        NoteKind::Review => "Sprint review",
        NoteKind::Retro => "Retrospective",
        NoteKind::Refinement => "Backlog refinement",
        NoteKind::Sync => "PO and SM sync",
        NoteKind::Standup => "Daily stand-up",
        NoteKind::Stakeholder => "Stakeholder meeting",
        NoteKind::Other => "Other",
    };
    KindView { key: k.as_str(), label }
}

/// A meeting named by its kind alone, for where its title may not be shown
/// (`--public`): `Sprint planning`, `Meeting` for any other kind.
pub fn meeting(k: NoteKind) -> &'static str {
    match k {
        NoteKind::Other => "Meeting",
        k => kind(k).label,
    }
}

/// A meeting by its kind, inside a sentence: `the sprint planning`, `a meeting`.
pub fn the_meeting(k: NoteKind) -> &'static str {
    match k {
        NoteKind::Planning => "the sprint planning",
        NoteKind::Review => "the sprint review",
        NoteKind::Retro => "the retrospective",
        NoteKind::Refinement => "a backlog refinement",
        NoteKind::Sync => "a PO and SM sync",
        NoteKind::Standup => "a daily stand-up",
        NoteKind::Stakeholder => "a stakeholder meeting",
        NoteKind::Other => "a meeting",
    }
}

/// Meetings of a kind counted, inside a sentence: `at a sprint review`
/// (`n` is 1), `at sprint reviews`.
pub fn at_meetings(k: NoteKind, n: usize) -> String {
    let (one, many) = match k {
        NoteKind::Planning => ("a sprint planning", "sprint plannings"),
        NoteKind::Review => ("a sprint review", "sprint reviews"),
        NoteKind::Retro => ("a retrospective", "retrospectives"),
        NoteKind::Refinement => ("a backlog refinement", "backlog refinements"),
        NoteKind::Sync => ("a PO and SM sync", "PO and SM syncs"),
        NoteKind::Standup => ("a daily stand-up", "daily stand-ups"),
        NoteKind::Stakeholder => ("a stakeholder meeting", "stakeholder meetings"),
        NoteKind::Other => ("a meeting", "other meetings"),
    };
    format!("at {}", if n == 1 { one } else { many })
}

/// What a public site (`--public`) says for a decision: `Decision taken at
/// the sprint planning`.
pub fn public_decision(k: NoteKind) -> String {
    format!("Decision taken at {}", the_meeting(k))
}

/// A note named by its kind and date, never its title (`--public`):
/// `Sprint planning, Mon 5 Oct 2026`.
pub fn note_name(k: NoteKind, d: Date) -> String {
    format!("{}, {}", meeting(k), date(d).long)
}

/// A role, worded for people.
pub fn role(r: Role) -> &'static str {
    match r {
        Role::ProductOwner => "Product owner",
        Role::ScrumMaster => "Scrum master",
        Role::Developer => "Developer",
        Role::Stakeholder => "Stakeholder",
    }
}

/// `0 decisions`, `1 decision`, `3 decisions`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// Display names of member ids (the id itself for an unknown one).
pub fn names(team: &Team, ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| team.member(id).map_or_else(|| id.clone(), |m| m.name.clone())).collect()
}

/// An action item's owners: members' display names, then guests as written.
pub fn owners(team: &Team, ids: &[String], guests: &[String]) -> Vec<String> {
    let mut all = names(team, ids);
    all.extend(guests.iter().cloned());
    all
}

/// `text` with every `@handle` of a member (by id or alias, any case) in
/// their display name: `ask @DK` reads `ask Dana Kowalski`. Any other
/// handle, an e-mail address (`bob@x.org`) and a package scope
/// (`@scope/name`) are left as written.
pub fn without_handles(team: &Team, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let tail = &from[1..];
        let len =
            tail.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))).unwrap_or(tail.len());
        let handle = tail[..len].trim_end_matches(['.', '-']);
        let after_word = before.chars().next_back().is_some_and(|c| c.is_alphanumeric());
        let scope = tail[handle.len()..].starts_with('/');
        if handle.is_empty() || after_word || scope {
            out.push('@');
            rest = tail;
            continue;
        }
        let member = team.members.iter().find(|m| {
            m.id.eq_ignore_ascii_case(handle) || m.aliases.iter().any(|a| a.eq_ignore_ascii_case(handle))
        });
        match member {
            Some(m) => out.push_str(&m.name),
            None => {
                out.push('@');
                out.push_str(handle);
            }
        }
        rest = &tail[handle.len()..];
    }
    out.push_str(rest);
    out
}

/// `Alice`, `Alice and Bob`, `Alice, Bob and Carol`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `24.7 points`, `1 point`, `41 points`.
pub fn points(v: f64) -> String {
    quantity(v, "point", "points")
}

/// A whole number without decimals, anything else with one: `6`, `40.5`.
pub fn decimal(v: f64) -> String {
    trimmed(v, 1)
}

/// `87%` (a share in 0..1).
pub fn percent(share: f64) -> String {
    format!("{}%", fixed(share * 100.0, 0))
}

/// `1 day`, `6 days`, `2.5 days`.
pub fn days(v: f64) -> String {
    quantity(v, "day", "days")
}

/// `4.0 a week`.
pub fn per_week(v: f64) -> String {
    format!("{:.1} a week", round_down(v, 1))
}

/// `1.7 sprints`.
pub fn sprints(v: f64) -> String {
    format!("{:.1} sprints", round_down(v, 1))
}

/// `text` safe inside HTML or SVG text and attribute values, for markup
/// made in Rust (charts, serve's banner): a sprint name, a YAML value or a
/// file name may hold `<`, `&` or quotes. Templates autoescape instead.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_handles_read_as_display_names() {
        use crate::model::Role;
        use crate::testkit::member;
        let mut dana = member("dana", "Dana Kowalski", Role::Developer);
        dana.aliases = vec!["DK".into()];
        let team =
            Team { name: "T".into(), members: vec![dana, member("bob", "Bob Okafor", Role::ScrumMaster)] };
        let cases = [
            ("ask @dk and @Bob.", "ask Dana Kowalski and Bob Okafor."),
            ("@dana: fix it", "Dana Kowalski: fix it"),
            ("mail bob@example.com, ping @jdoe", "mail bob@example.com, ping @jdoe"),
            ("npm @bob/pkg, @ alone, @", "npm @bob/pkg, @ alone, @"),
            ("café @DK—done", "café Dana Kowalski—done"),
        ];
        for (text, read) in cases {
            assert_eq!(without_handles(&team, text), read, "{text}");
        }
    }

    #[test]
    fn meetings_counted_read_one_and_many() {
        assert_eq!(at_meetings(NoteKind::Review, 1), "at a sprint review");
        assert_eq!(at_meetings(NoteKind::Review, 3), "at sprint reviews");
        assert_eq!(at_meetings(NoteKind::Sync, 2), "at PO and SM syncs");
    }

    #[test]
    fn dates_in_every_form() {
        let d = date(Date::constant(2026, 10, 5));
        assert_eq!(d.iso, "2026-10-05");
        assert_eq!(d.long, "Mon 5 Oct 2026");
        assert_eq!(d.short, "Mon 5 Oct");
        assert_eq!(month(Date::constant(2026, 10, 5)), "October 2026");
    }

    #[test]
    fn fixed_never_prints_minus_zero_or_nan() {
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-1.25, 1), "-1.2");
        assert_eq!(maybe_percent(Some(0.87)), "87%", "binary fractions stay whole");
        assert_eq!(maybe_percent(Some(2.0 / 3.0)), "66%");
        assert_eq!(fixed(f64::NAN, 0), "0");
        assert_eq!(fixed(f64::INFINITY, 2), "0.00");
    }

    #[test]
    fn amounts_are_singular_exactly_when_they_show_as_one() {
        assert_eq!(points(1.0), "1 point");
        assert_eq!(points(1.04), "1 point");
        assert_eq!(points(0.0), "0 points");
        assert_eq!(points(2.5), "2.5 points");
        assert_eq!(days(1.0), "1 day");
        assert_eq!(days(6.0), "6 days");
        assert_eq!(decimal(10.0), "10");
        assert_eq!(maybe(Some(1.6621), 1), "1.6");
        assert_eq!(maybe(None, 1), "no data");
        assert_eq!(maybe_percent(None), "no data");
    }

    #[test]
    fn counts_and_lists_read_naturally() {
        assert_eq!(count(0, "decision", "decisions"), "0 decisions");
        assert_eq!(count(1, "decision", "decisions"), "1 decision");
        let names: Vec<String> = ["Alice", "Bob", "Carol"].map(String::from).to_vec();
        assert_eq!(and_list(&names[..1]), "Alice");
        assert_eq!(and_list(&names[..2]), "Alice and Bob");
        assert_eq!(and_list(&names), "Alice, Bob and Carol");
    }
}
