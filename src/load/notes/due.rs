//! Due dates as people write them on an action item (docs/data.md): `due` /
//! `by` / `before` / `until` and a date (`2026-11-27`, `27 Nov`, `Nov 27`,
//! `27/11`), a weekday (`by Tuesday`: the next such day after the meeting),
//! `today`, `tomorrow`, `EOD`, `this week` / `EOW` (that week's Friday),
//! `in two weeks`, `end of sprint` / `before the review` (the sprint's last
//! day), inside parentheses or after a dash. Vague words (`next week`,
//! `soon`) give no date: [`vague`] names them for `check --explain`.
//!
//! Every date is worked out from the note's own date, so the same note always
//! gives the same due date, whatever day tandem runs.

use std::ops::Range;

use jiff::ToSpan;

use crate::model::{Date, DateOrder};

/// What a due date is worked out from.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The meeting's date.
    pub note: Date,
    /// The last day of the note's sprint, if it has one.
    pub sprint_end: Option<Date>,
    /// How `03/04` is read (`date_order` in tandem.yaml).
    pub order: Option<DateOrder>,
}

/// A due date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The date.
    pub date: Date,
    /// The words that gave it, as written (`by Tuesday`).
    pub written: String,
    /// The bytes to leave out of the item's text (the words, with brackets or a dash before them).
    pub range: Range<usize>,
}

/// A word of the text with its byte range.
#[derive(Debug, Clone)]
struct Word {
    lower: String,
    range: Range<usize>,
}

/// Words (letters, digits, `/`, `-` inside a word) and their places; other
/// signs end a word. `27/11`, `2026-11-27` and `e2e` stay whole.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let inner = |c: char| c.is_alphanumeric() || matches!(c, '/' | '-' | '\'' | '’');
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, inner(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let raw = text.get(s..i).unwrap_or("").trim_end_matches(['-', '/', '\'']);
                if !raw.is_empty() {
                    out.push(Word { lower: raw.to_lowercase(), range: s..s + raw.len() });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

const WEEKDAYS: [(&str, &[&str]); 7] = [
    ("monday", &["mon"]),
    ("tuesday", &["tue", "tues"]),
    ("wednesday", &["wed", "weds"]),
    ("thursday", &["thu", "thur", "thurs"]),
    ("friday", &["fri"]),
    ("saturday", &["sat"]),
    ("sunday", &["sun"]),
];

/// Monday is 0.
fn weekday(word: &str) -> Option<i8> {
    let index = WEEKDAYS.iter().position(|(full, short)| *full == word || short.contains(&word))?;
    i8::try_from(index).ok()
}

fn month(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    let index = super::dates::MONTHS
        .iter()
        .position(|m| m.starts_with(word) && (word.len() == 3 || word == *m || word == "sept"))?;
    i8::try_from(index + 1).ok()
}

fn number(word: &str) -> Option<i32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

fn count(word: &str) -> Option<i64> {
    let words = ["a", "one", "two", "three", "four", "five", "six"];
    words.iter().position(|w| *w == word).map(|n| n.max(1) as i64).or_else(|| number(word).map(i64::from))
}

/// The next `day` (Monday 0) strictly after `from`.
fn next_weekday(from: Date, day: i8) -> Date {
    let today = from.weekday().to_monday_zero_offset();
    let ahead = (day - today).rem_euclid(7);
    let ahead = if ahead == 0 { 7 } else { ahead };
    from.saturating_add(i64::from(ahead).days())
}

/// The Friday of `from`'s week (the next one when `from` is a weekend day).
fn friday_of(from: Date) -> Date {
    let today = from.weekday().to_monday_zero_offset();
    let ahead = (4 - today).rem_euclid(7);
    from.saturating_add(i64::from(ahead).days())
}

/// A day and month without a year: the one on or after the note's date,
/// allowing two months back (`by 27 Oct` written late). `None` for no such day.
fn day_month(ctx: &Context, month: i8, day: i32, year: Option<i32>) -> Option<Date> {
    let day = i8::try_from(day).ok()?;
    if let Some(year) = year {
        return Date::new(i16::try_from(year).ok()?, month, day).ok();
    }
    let this = Date::new(ctx.note.year(), month, day).ok()?;
    if this < ctx.note.saturating_sub(60.days()) {
        Date::new(ctx.note.year() + 1, month, day).ok()
    } else {
        Some(this)
    }
}

/// `27/11`, `11/27`, `27/11/2026`: read like other slash dates (docs/data.md),
/// day first or month first when only one reading is a date or `date_order` says.
fn slash_date(ctx: &Context, word: &str) -> Option<Date> {
    let parts: Vec<&str> = word.split('/').collect();
    let (a, b, year) = match parts[..] {
        [a, b] => (a, b, None),
        [a, b, y] if y.len() == 4 => (a, b, y.parse().ok()),
        [y, m, d] if y.len() == 4 => {
            return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok();
        }
        _ => return None,
    };
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b): (i32, i32) = (a.parse().ok()?, b.parse().ok()?);
    let dmy = i8::try_from(b).ok().and_then(|m| day_month(ctx, m, a, year).filter(|_| (1..=12).contains(&b)));
    let mdy = i8::try_from(a).ok().and_then(|m| day_month(ctx, m, b, year).filter(|_| (1..=12).contains(&a)));
    match (dmy, mdy, ctx.order) {
        (Some(x), Some(y), _) if x == y => Some(x),
        (Some(x), Some(_), Some(DateOrder::Dmy)) | (Some(x), None, _) => Some(x),
        (Some(_), Some(y), Some(DateOrder::Mdy)) | (None, Some(y), _) => Some(y),
        _ => None,
    }
}

/// The date expression starting at word `k`, and the index after it.
fn expression(w: &[Word], k: usize, ctx: &Context) -> Option<(Date, usize)> {
    let word = |i: usize| w.get(i).map_or("", |x| x.lower.as_str());
    let first = word(k);
    if let Ok(date) = first.parse::<Date>() {
        return Some((date, k + 1));
    }
    match first {
        "today" | "eod" | "tonight" => return Some((ctx.note, k + 1)),
        "tomorrow" | "tmrw" => return Some((ctx.note.saturating_add(1.day()), k + 1)),
        "eow" => return Some((friday_of(ctx.note), k + 1)),
        "next" | "this" | "on" if weekday(word(k + 1)).is_some() => {
            return weekday(word(k + 1)).map(|d| (next_weekday(ctx.note, d), k + 2));
        }
        "this" if word(k + 1) == "week" => return Some((friday_of(ctx.note), k + 2)),
        "in" => {
            let n = count(word(k + 1))?;
            let days = match word(k + 2) {
                "day" | "days" => n,
                "week" | "weeks" => n * 7,
                _ => return None,
            };
            return Some((ctx.note.saturating_add(days.days()), k + 3));
        }
        _ => {}
    }
    if let Some(day) = weekday(first) {
        return Some((next_weekday(ctx.note, day), k + 1));
    }
    if let Some(end) = end_of(w, k) {
        let date = match word(end.1) {
            "week" => friday_of(ctx.note),
            _ => ctx.sprint_end?,
        };
        return Some((date, end.1 + 1));
    }
    if first.contains('/') {
        return slash_date(ctx, first).map(|d| (d, k + 1));
    }
    if let (Some(m), Some(d)) = (month(first), number(word(k + 1))) {
        let year = number(word(k + 2)).filter(|y| *y > 1900);
        let next = k + 2 + usize::from(year.is_some());
        return day_month(ctx, m, d, year).map(|date| (date, next));
    }
    if let (Some(d), Some(m)) = (number(first), month(word(k + 1 + usize::from(word(k + 1) == "of")))) {
        let at = k + 2 + usize::from(word(k + 1) == "of");
        let year = number(word(at)).filter(|y| *y > 1900);
        return day_month(ctx, m, d, year).map(|date| (date, at + usize::from(year.is_some())));
    }
    None
}

/// `end of (the|this) week|sprint`, `the review`, `sprint end`, `the sprint
/// review`, `the demo` starting at `k`: (start, index of the deciding word).
fn end_of(w: &[Word], k: usize) -> Option<(usize, usize)> {
    let word = |i: usize| w.get(i).map_or("", |x| x.lower.as_str());
    let mut i = k;
    if word(i) == "the" {
        i += 1;
    }
    if word(i) == "end" && word(i + 1) == "of" {
        i += 2;
        if matches!(word(i), "the" | "this") {
            i += 1;
        }
        return matches!(word(i), "week" | "sprint").then_some((k, i));
    }
    if word(i) == "sprint" && matches!(word(i + 1), "end" | "review") {
        return Some((k, i + 1));
    }
    if matches!(word(i), "review" | "demo") && i > k {
        return Some((k, i));
    }
    None
}

/// Words that introduce a due date.
const TRIGGERS: &[&str] = &["due", "by", "before", "until", "till", "deadline", "eta", "on"];

/// Expressions read as a due date even without a trigger word before them.
fn standalone(w: &[Word], k: usize) -> bool {
    let word = |i: usize| w.get(i).map_or("", |x| x.lower.as_str());
    match word(k) {
        "today" | "tomorrow" | "tmrw" | "eod" | "eow" | "tonight" => true,
        "this" => word(k + 1) == "week",
        "in" => count(word(k + 1)).is_some() && matches!(word(k + 2), "day" | "days" | "week" | "weeks"),
        "end" => end_of(w, k).is_some(),
        _ => false,
    }
}

/// The first due date in `text`, with the words that gave it.
pub fn find(text: &str, ctx: &Context) -> Option<Due> {
    let w = words(text);
    for k in 0..w.len() {
        let (from, expr) = if TRIGGERS.contains(&w[k].lower.as_str()) {
            let mut e = k + 1;
            while w.get(e).is_some_and(|x| matches!(x.lower.as_str(), "date" | "by" | "on")) {
                e += 1;
            }
            (k, e)
        } else if standalone(&w, k) || bracketed(text, &w[k]) || after_dash(text, &w[k]) {
            (k, k)
        } else {
            continue;
        };
        // `on` and `by` alone are common words: only a date or a weekday after them counts.
        let Some((date, end)) = expression(&w, expr, ctx) else { continue };
        if w[k].lower == "on" && end == expr + 1 && !is_dateish(&w[expr].lower) {
            continue;
        }
        let last = &w[end - 1];
        let range = widen(text, w[from].range.start..last.range.end);
        let written = text.get(w[from].range.start..last.range.end).unwrap_or("").to_string();
        return Some(Due { date, written, range });
    }
    None
}

/// A table's Due cell: the whole cell is the date (`Friday`, `27 Nov`,
/// `2026-11-27`, `end of sprint`), with or without `by` before it.
pub fn in_cell(cell: &str, ctx: &Context) -> Option<Date> {
    let w = words(cell);
    let start = usize::from(w.first().is_some_and(|x| TRIGGERS.contains(&x.lower.as_str())));
    expression(&w, start, ctx).map(|(date, _)| date)
}

fn is_dateish(word: &str) -> bool {
    weekday(word).is_some() || word.parse::<Date>().is_ok() || word.contains('/')
}

/// Whether the word opens a bracket (`(27 Nov)`).
fn bracketed(text: &str, w: &Word) -> bool {
    text.get(..w.range.start).is_some_and(|t| t.trim_end().ends_with('('))
}

/// Whether the word follows a dash (`— tomorrow`, `- by Wed`).
fn after_dash(text: &str, w: &Word) -> bool {
    text.get(..w.range.start).is_some_and(|t| {
        let t = t.trim_end();
        t.ends_with(['—', '–']) || t.ends_with(" -") || t.ends_with(',')
    })
}

/// The range with the brackets around it or the dash or comma before it.
fn widen(text: &str, range: Range<usize>) -> Range<usize> {
    let before = text.get(..range.start).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    let trimmed = before.trim_end();
    if trimmed.ends_with('(') && after.trim_start().starts_with(')') {
        let close = range.end + after.len() - after.trim_start().len() + 1;
        return trimmed.len() - 1..close;
    }
    if let Some(dash) = ['—', '–', '-', ','].iter().find(|d| trimmed.ends_with(**d)) {
        return trimmed.len() - dash.len_utf8()..range.end;
    }
    range
}

/// Words saying when an item is due too vaguely for a date (`next week`,
/// `soon`, `before next meeting`), as written.
pub fn vague(text: &str) -> Option<String> {
    const VAGUE: &[&str] = &[
        "early next week",
        "next week",
        "next sprint",
        "next month",
        "before next meeting",
        "before the next meeting",
        "before the next call",
        "by next meeting",
        "soon",
        "asap",
        "later",
        "eventually",
        "at some point",
        "this month",
    ];
    let lower = text.to_lowercase();
    VAGUE.iter().find_map(|v| {
        lower.match_indices(v).find_map(|(i, _)| {
            let before = lower.get(..i).and_then(|s| s.chars().next_back());
            let after = lower.get(i + v.len()..).and_then(|s| s.chars().next());
            (!before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric))
                .then(|| text.get(i..i + v.len()).unwrap_or(v).to_string())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    /// Thursday 12 November 2026, in a sprint ending Friday 27 November.
    fn ctx() -> Context {
        Context { note: d("2026-11-12"), sprint_end: Some(d("2026-11-27")), order: None }
    }

    fn due(text: &str) -> Option<(String, String)> {
        find(text, &ctx()).map(|f| (f.date.to_string(), f.written))
    }

    fn on(text: &str) -> Option<String> {
        find(text, &ctx()).map(|f| f.date.to_string())
    }

    #[test]
    fn weekdays_are_the_next_such_day_after_the_meeting() {
        assert_eq!(due("ask for sandbox keys by Tuesday"), Some(("2026-11-17".into(), "by Tuesday".into())));
        assert_eq!(on("set up the env by Wed"), Some("2026-11-18".into()));
        assert_eq!(on("book the room by Thursday"), Some("2026-11-19".into()));
        assert_eq!(on("send it by next Friday"), Some("2026-11-13".into()));
        assert_eq!(on("cut the release on Wednesday"), Some("2026-11-18".into()));
    }

    #[test]
    fn dates_in_words_numbers_and_slashes() {
        assert_eq!(on("chase legal by 2026-11-27"), Some("2026-11-27".into()));
        assert_eq!(on("share the mockups (due 27 Nov)"), Some("2026-11-27".into()));
        assert_eq!(on("updates by Oct 24"), Some("2026-10-24".into()));
        assert_eq!(on("the plan by 20/11"), Some("2026-11-20".into()));
        assert_eq!(on("draft it by Aug 9"), Some("2027-08-09".into()));
        assert_eq!(on("due: 3rd of December"), Some("2026-12-03".into()));
        assert_eq!(on("by November 27th, 2026"), Some("2026-11-27".into()));
        assert_eq!(on("by 03/04"), None);
        let dmy = Context { order: Some(DateOrder::Dmy), ..ctx() };
        assert_eq!(find("by 03/12", &dmy).map(|f| f.date), Some(d("2026-12-03")));
        assert_eq!(on("by 2026/12/01"), Some("2026-12-01".into()));
    }

    #[test]
    fn relative_words() {
        assert_eq!(on("ask platform today"), Some("2026-11-12".into()));
        assert_eq!(on("ask finance tomorrow."), Some("2026-11-13".into()));
        assert_eq!(on("send it EOD"), Some("2026-11-12".into()));
        assert_eq!(on("talk to platform EOW"), Some("2026-11-13".into()));
        assert_eq!(on("catch up with ENS this week"), Some("2026-11-13".into()));
        assert_eq!(on("add the cases by end of the week"), Some("2026-11-13".into()));
        assert_eq!(on("translate the template (in two weeks)"), Some("2026-11-26".into()));
        assert_eq!(on("in 3 days"), Some("2026-11-15".into()));
    }

    #[test]
    fn the_sprint_end() {
        assert_eq!(on("estimate OTT-141 before the review"), Some("2026-11-27".into()));
        assert_eq!(on("agree the comms, end of sprint"), Some("2026-11-27".into()));
        assert_eq!(on("by the end of the sprint"), Some("2026-11-27".into()));
        let none = Context { sprint_end: None, ..ctx() };
        assert_eq!(find("before the review", &none), None);
    }

    #[test]
    fn the_words_and_their_brackets_or_dash_are_left_out() {
        let text = "check the limits (by Thursday)";
        let f = find(text, &ctx()).map(|f| f.range).unwrap_or_default();
        assert_eq!(&text[..f.start], "check the limits ");
        let text = "ask the platform – tomorrow";
        let f = find(text, &ctx()).map(|f| f.range).unwrap_or_default();
        assert_eq!(&text[..f.start], "ask the platform ");
    }

    #[test]
    fn ordinary_words_are_not_due_dates() {
        for text in [
            "talk to the team by the coffee machine",
            "depends on the vendor",
            "Bob is out Thursday and Friday",
            "land it after the CI images are updated",
            "review the 2.3 release",
            "due soon",
            "before next meeting",
        ] {
            assert_eq!(find(text, &ctx()), None, "{text}");
        }
    }

    #[test]
    fn vague_words_are_named() {
        assert_eq!(vague("look at the flaky tests soon"), Some("soon".into()));
        assert_eq!(vague("brief the team next week"), Some("next week".into()));
        assert_eq!(vague("investigate before next meeting"), Some("before next meeting".into()));
        assert_eq!(vague("the sooner the better"), None);
    }
}
