//! Dates as people write them in notes: `2026-10-05`, `March 8, 2019`,
//! `8 March 2019`, `Mar 8 2019`, `Dec 11th, 2020`, `Friday 08 Jan 2021`,
//! year first with slashes or dots (`2019/12/5`, `2019.12.05`), day first
//! with dots (`13.02.2026`), and `DD/MM/YYYY` or `MM/DD/YYYY` when only one
//! reading exists or `date_order` in tandem.yaml says which (docs/data.md).
//!
//! A small tokenizer turns text into numbers, month names, separators and
//! other words; a date is then a fixed pattern of tokens. Weekdays, commas and
//! ordinal suffixes are optional because the patterns simply skip them.

use crate::load::yaml::parse_iso_date;
use crate::model::{Date, DateOrder};

/// Month names, January first: the one list every reader of dates in notes uses.
pub(super) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// One piece of text, as far as dates are concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    /// A valid `YYYY-MM-DD`.
    Iso(Date),
    /// A run of digits, possibly with an ordinal suffix (`11th`).
    Num { value: u32, digits: usize },
    /// A month name or its abbreviation (1-12).
    Month(i8),
    /// The word `of` (`3rd of March 2021`).
    Of,
    /// A weekday's name or abbreviation (Monday 0).
    Weekday(i8),
    /// `,`, `.`, `-` or `/` between the parts of a date.
    Sep(u8),
    /// Any other word or sign.
    Other,
}

/// A date found in text, or numbers that could be two dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A date with one reading.
    Date(Date),
    /// `03/04/2026`: day first or month first, and `date_order` does not say.
    Ambiguous(String),
}

/// The first date in `text`, read with `order` for `NN/NN/YYYY`; invalid
/// calendar dates are not dates.
pub fn read_date(text: &str, order: Option<DateOrder>) -> Option<Found> {
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|k| date_at(&tokens, k, order))
}

#[cfg(test)]
/// The first date in `text` with one reading (an ambiguous one gives `None`).
pub fn find_date(text: &str) -> Option<Date> {
    match read_date(text, None)? {
        Found::Date(d) => Some(d),
        Found::Ambiguous(_) => None,
    }
}

/// The first valid `YYYY-MM-DD` in `text` that is not part of a longer run of digits.
pub fn find_iso(text: &str) -> Option<Date> {
    tokenize(text).into_iter().find_map(|t| match t {
        Token::Iso(d) => Some(d),
        _ => None,
    })
}

/// Whether `YYYY-MM-DD` is written at byte `i` of `text` (not followed by another digit).
fn iso_shape(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let digit = |k: usize| b.get(i + k).is_some_and(u8::is_ascii_digit);
    let dash = |k: usize| b.get(i + k) == Some(&b'-');
    (0..4).all(digit) && dash(4) && (5..7).all(digit) && dash(7) && (8..10).all(digit) && !digit(10)
}

/// The valid ISO date written at byte `i` of `text`, if any.
pub fn iso_at(text: &str, i: usize) -> Option<Date> {
    if !iso_shape(text, i) {
        return None;
    }
    text.get(i..i + 10).and_then(|s| parse_iso_date(s).ok())
}

/// The month named by `word` (lower case): the full name or a prefix of at least three letters.
fn month_of(word: &str) -> Option<i8> {
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| m.starts_with(word))?;
    i8::try_from(index + 1).ok()
}

/// Weekday names, Monday first.
pub(super) const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The weekday named by `word` (lower case): the full name or its first three letters.
fn weekday_of(word: &str) -> Option<i8> {
    let index = WEEKDAYS.iter().position(|d| word.len() >= 3 && d.starts_with(word))?;
    i8::try_from(index).ok()
}

/// A weekday written before a date that falls on another day (`Friday,
/// March 8, 2026` is a Sunday): the weekday written, the date, and the day it
/// really is.
pub fn weekday_mismatch(text: &str, order: Option<DateOrder>) -> Option<(&'static str, Date, &'static str)> {
    let tokens = tokenize(text);
    for k in 0..tokens.len() {
        let Some(Found::Date(date)) = date_at(&tokens, k, order) else { continue };
        let before = tokens[..k].iter().rev().find(|t| !matches!(t, Token::Sep(_)));
        let Some(Token::Weekday(written)) = before else { return None };
        let real = date.weekday().to_monday_zero_offset();
        let name = |d: i8| WEEKDAYS.get(usize::try_from(d).unwrap_or(7)).copied().unwrap_or("");
        return (real != *written).then(|| (name(*written), date, name(real)));
    }
    None
}

/// A `YYYY-MM-DD` in `text` that is no day of the calendar (`2026-11-31`):
/// what is written, and why (`November 2026 has 30 days`).
pub fn impossible(text: &str) -> Option<(String, String)> {
    let at = (0..text.len()).find(|&i| iso_shape(text, i) && iso_at(text, i).is_none())?;
    let written = text.get(at..at + 10)?.to_string();
    let (year, month): (i16, i8) = (written.get(..4)?.parse().ok()?, written.get(5..7)?.parse().ok()?);
    let why = match Date::new(year, month, 1) {
        Ok(first) => {
            let name = MONTHS.get(usize::try_from(month - 1).ok()?).copied().unwrap_or("");
            let name =
                format!("{}{}", name.get(..1).unwrap_or("").to_uppercase(), name.get(1..).unwrap_or(""));
            format!("{name} {year} has {} days", first.days_in_month())
        }
        Err(_) => format!("there is no month {month}"),
    };
    Some((written, why))
}

fn run_end(b: &[u8], from: usize, pred: impl Fn(&u8) -> bool) -> usize {
    let mut end = from;
    while b.get(end).is_some_and(&pred) {
        end += 1;
    }
    end
}

fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            if iso_shape(text, i) {
                out.push(iso_at(text, i).map_or(Token::Other, Token::Iso));
                i += 10;
                continue;
            }
            let end = run_end(b, i, u8::is_ascii_digit);
            let value = text.get(i..end).and_then(|s| s.parse().ok()).unwrap_or(u32::MAX);
            out.push(Token::Num { value, digits: end - i });
            let word_end = run_end(b, end, u8::is_ascii_alphabetic);
            let suffix = text.get(end..word_end).unwrap_or("").to_ascii_lowercase();
            i = if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") { word_end } else { end };
        } else if c.is_ascii_alphabetic() {
            let end = run_end(b, i, u8::is_ascii_alphabetic);
            let word = text.get(i..end).unwrap_or("").to_ascii_lowercase();
            out.push(match month_of(&word) {
                Some(m) => Token::Month(m),
                None if word == "of" => Token::Of,
                None => weekday_of(&word).map_or(Token::Other, Token::Weekday),
            });
            i = end;
        } else if matches!(c, b',' | b'.' | b'-' | b'/') {
            out.push(Token::Sep(c));
            i += 1;
        } else if c.is_ascii() {
            if !c.is_ascii_whitespace() {
                out.push(Token::Other);
            }
            i += 1;
        } else {
            let ch = text.get(i..).and_then(|s| s.chars().next());
            if !ch.is_some_and(char::is_whitespace) {
                out.push(Token::Other);
            }
            i += ch.map_or(1, char::len_utf8);
        }
    }
    out
}

/// Reads tokens from a position, skipping optional separators.
struct Cursor<'t> {
    tokens: &'t [Token],
    k: usize,
}

impl Cursor<'_> {
    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.k).copied();
        self.k += 1;
        t
    }

    /// Skips up to two separators (`Mar. 8, 2019`, `8-Mar-2019`).
    fn skip_seps(&mut self) {
        for _ in 0..2 {
            if matches!(self.tokens.get(self.k), Some(Token::Sep(_))) {
                self.k += 1;
            }
        }
    }

    fn day(&mut self) -> Option<i8> {
        match self.next()? {
            Token::Num { value, digits } if digits <= 2 => i8::try_from(value).ok(),
            _ => None,
        }
    }

    fn year(&mut self) -> Option<i16> {
        match self.next()? {
            Token::Num { value, digits: 4 } => i16::try_from(value).ok(),
            _ => None,
        }
    }

    fn month(&mut self) -> Option<i8> {
        match self.next()? {
            Token::Month(m) => Some(m),
            _ => None,
        }
    }
}

/// The date whose first token is at `k`: ISO, `Month Day Year`, `Day [of]
/// Month Year`, or numbers with slashes or dots.
fn date_at(tokens: &[Token], k: usize, order: Option<DateOrder>) -> Option<Found> {
    let mut c = Cursor { tokens, k };
    let (year, month, day) = match c.next()? {
        Token::Iso(d) => return Some(Found::Date(d)),
        Token::Month(month) => {
            c.skip_seps();
            let day = c.day()?;
            c.skip_seps();
            (c.year()?, month, day)
        }
        Token::Num { .. } => {
            if let Some(found) = numeric_at(tokens, k, order) {
                return found;
            }
            c.k = k;
            let day = c.day()?;
            c.skip_seps();
            if tokens.get(c.k) == Some(&Token::Of) {
                c.k += 1;
            }
            let month = c.month()?;
            c.skip_seps();
            (c.year()?, month, day)
        }
        _ => return None,
    };
    Date::new(year, month, day).ok().map(Found::Date)
}

/// `Y/M/D`, `Y.M.D`, `D.M.Y`, `D/M/Y` or `M/D/Y` at `k`: `Some(None)` when the
/// numbers have that shape but make no calendar date.
fn numeric_at(tokens: &[Token], k: usize, order: Option<DateOrder>) -> Option<Option<Found>> {
    let num = |i: usize| match tokens.get(k + i) {
        Some(Token::Num { value, digits }) => Some((*value, *digits)),
        _ => None,
    };
    let sep = |i: usize| match tokens.get(k + i) {
        Some(Token::Sep(c)) => Some(*c),
        _ => None,
    };
    let (a, s1, b, s2, c) = (num(0)?, sep(1)?, num(2)?, sep(3)?, num(4)?);
    if s1 != s2 || !matches!(s1, b'/' | b'.') || b.1 > 2 {
        return None;
    }
    let date = |y: u32, m: u32, d: u32| {
        let (y, m, d) = (i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?);
        Date::new(y, m, d).ok()
    };
    let found = match (a.1, c.1) {
        (4, 1..=2) => date(a.0, b.0, c.0).map(Found::Date),
        (1..=2, 4) if s1 == b'.' => date(c.0, b.0, a.0).map(Found::Date),
        (1..=2, 4) => {
            let dmy = date(c.0, b.0, a.0);
            let mdy = date(c.0, a.0, b.0);
            match (dmy, mdy, order) {
                (Some(x), Some(y), _) if x == y => Some(Found::Date(x)),
                (Some(x), Some(_), Some(DateOrder::Dmy)) | (Some(x), None, _) => Some(Found::Date(x)),
                (Some(_), Some(y), Some(DateOrder::Mdy)) | (None, Some(y), _) => Some(Found::Date(y)),
                (Some(_), Some(_), None) => Some(Found::Ambiguous(format!("{:02}/{:02}/{}", a.0, b.0, c.0))),
                (None, None, _) => None,
            }
        }
        _ => return None,
    };
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        parse_iso_date(s).ok()
    }

    #[test]
    fn iso_dates() {
        assert_eq!(find_date("Planning 2026-10-05"), d("2026-10-05"));
        assert_eq!(find_date("2026-10-05T10:00"), d("2026-10-05"));
        assert_eq!(find_iso("2026-10-05-planning"), d("2026-10-05"));
        assert_eq!(find_iso("notes_2026-10-05"), d("2026-10-05"));
    }

    #[test]
    fn iso_dates_must_be_real_and_stand_alone() {
        assert_eq!(find_iso("2026-02-30-planning"), None);
        assert_eq!(find_iso("2026-02-30 then 2026-03-01"), d("2026-03-01"));
        assert_eq!(find_iso("2026-10-051"), None);
        assert_eq!(find_iso("2026-1-05"), None);
        assert_eq!(find_iso("planning"), None);
    }

    #[test]
    fn month_day_year() {
        assert_eq!(find_date("March 8, 2019"), d("2019-03-08"));
        assert_eq!(find_date("Mar 8 2019"), d("2019-03-08"));
        assert_eq!(find_date("mar. 8, 2019"), d("2019-03-08"));
        assert_eq!(find_date("Dec 11th, 2020"), d("2020-12-11"));
        assert_eq!(find_date("Sept 3, 2026"), d("2026-09-03"));
        assert_eq!(find_date("SEPTEMBER 30 2026"), d("2026-09-30"));
    }

    #[test]
    fn day_month_year() {
        assert_eq!(find_date("8 March 2019"), d("2019-03-08"));
        assert_eq!(find_date("Friday 08 Jan 2021"), d("2021-01-08"));
        assert_eq!(find_date("the 3rd of June, 2021"), d("2021-06-03"));
        assert_eq!(find_date("8-Mar-2019"), d("2019-03-08"));
        assert_eq!(find_date("1st jul 2022"), d("2022-07-01"));
    }

    #[test]
    fn weekdays_and_times_around_the_date() {
        assert_eq!(find_date("Meeting Date/Time: Friday, March 8, 2019 14:00 UTC"), d("2019-03-08"));
        assert_eq!(find_date("Fri, 8 Mar 2019, 9am"), d("2019-03-08"));
        assert_eq!(find_date("Retro — Sprint 12 — May 2 2025"), d("2025-05-02"));
    }

    #[test]
    fn not_dates() {
        assert_eq!(find_date("February 30, 2021"), None);
        assert_eq!(find_date("March 2019"), None);
        assert_eq!(find_date("March 8"), None);
        assert_eq!(find_date("8 Ma 2019"), None);
        assert_eq!(find_date("Sprint 21 planning"), None);
        assert_eq!(find_date("123 March 2019"), None);
        assert_eq!(find_date("March 8, 19"), None);
        assert_eq!(find_date(""), None);
    }

    #[test]
    fn year_first_with_slashes_or_dots_and_day_first_with_dots() {
        assert_eq!(find_date("Thursday 2019/12/5"), d("2019-12-05"));
        assert_eq!(find_date("Meeting 2019.12.05"), d("2019-12-05"));
        assert_eq!(find_date("13.02.2026"), d("2026-02-13"));
        assert_eq!(find_date("Date: 01.02.2026, 10:00"), d("2026-02-01"));
        assert_eq!(find_date("2019/13/05"), None);
        assert_eq!(find_date("2019/12.05"), None);
        assert_eq!(find_date("version 1.2.3"), None);
    }

    #[test]
    fn slashes_with_the_year_last_need_one_reading_or_a_date_order() {
        let r = |s: &str, o| read_date(s, o);
        let found = |s: &str| d(s).map(Found::Date);
        assert_eq!(r("30/01/2026", None), found("2026-01-30"));
        assert_eq!(r("01/30/2026", None), found("2026-01-30"));
        assert_eq!(r("05/05/2026", None), found("2026-05-05"));
        assert_eq!(r("03/04/2026", None), Some(Found::Ambiguous("03/04/2026".into())));
        assert_eq!(r("03/04/2026", Some(DateOrder::Dmy)), found("2026-04-03"));
        assert_eq!(r("03/04/2026", Some(DateOrder::Mdy)), found("2026-03-04"));
        assert_eq!(r("30/31/2026", None), None);
        assert_eq!(find_date("03/04/2026"), None);
    }

    #[test]
    fn the_first_date_wins() {
        assert_eq!(find_date("Jan 2 2021 and 2021-05-05"), d("2021-01-02"));
        assert_eq!(find_date("12 March 8 2019"), d("2019-03-08"));
    }

    #[test]
    fn weekdays_that_contradict_their_date() {
        assert_eq!(
            weekday_mismatch("Friday, March 8, 2026", None),
            Some(("friday", Date::new(2026, 3, 8).unwrap_or_default(), "sunday"))
        );
        assert_eq!(weekday_mismatch("Friday, March 8, 2019", None), None);
        assert_eq!(weekday_mismatch("Fri 8 Mar 2026", None).map(|m| m.2), Some("sunday"));
        assert_eq!(weekday_mismatch("March 8, 2026", None), None);
        assert_eq!(weekday_mismatch("Sprint review, Tue 2026-03-10", None), None);
    }

    #[test]
    fn impossible_iso_dates_say_why() {
        assert_eq!(
            impossible("Date: 2026-11-31"),
            Some(("2026-11-31".into(), "November 2026 has 30 days".into()))
        );
        assert_eq!(
            impossible("2026-02-29-retro"),
            Some(("2026-02-29".into(), "February 2026 has 28 days".into()))
        );
        assert_eq!(impossible("2026-13-01"), Some(("2026-13-01".into(), "there is no month 13".into())));
        assert_eq!(impossible("2026-11-30"), None);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for s in [
            "é 8 März 2019",
            "\u{a0}March\u{a0}8,\u{a0}2019",
            "99999999999999999999 May 2020",
            "2026-10-0",
            "—",
        ] {
            let _ = find_date(s);
        }
        assert_eq!(find_date("\u{a0}March\u{a0}8,\u{a0}2019"), d("2019-03-08"));
    }
}
