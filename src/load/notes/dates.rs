//! Dates as people write them in notes: `2026-10-05`, `March 8, 2019`,
//! `8 March 2019`, `Mar 8 2019`, `Dec 11th, 2020`, `Friday 08 Jan 2021`.
//!
//! A small tokenizer turns text into numbers, month names, separators and
//! other words; a date is then a fixed pattern of tokens. Weekdays, commas and
//! ordinal suffixes are optional because the patterns simply skip them.

use crate::load::yaml::parse_iso_date;
use crate::model::Date;

const MONTHS: [&str; 12] = [
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
    /// `,`, `.`, `-` or `/` between the parts of a date.
    Sep,
    /// Any other word or sign.
    Other,
}

/// The first date in `text`, ISO or in English words; invalid calendar dates are not dates.
pub fn find_date(text: &str) -> Option<Date> {
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|k| date_at(&tokens, k))
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
                None => Token::Other,
            });
            i = end;
        } else if matches!(c, b',' | b'.' | b'-' | b'/') {
            out.push(Token::Sep);
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
            if self.tokens.get(self.k) == Some(&Token::Sep) {
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

/// The date whose first token is at `k`: ISO, `Month Day Year` or `Day [of] Month Year`.
fn date_at(tokens: &[Token], k: usize) -> Option<Date> {
    let mut c = Cursor { tokens, k };
    let (year, month, day) = match c.next()? {
        Token::Iso(d) => return Some(d),
        Token::Month(month) => {
            c.skip_seps();
            let day = c.day()?;
            c.skip_seps();
            (c.year()?, month, day)
        }
        Token::Num { .. } => {
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
    Date::new(year, month, day).ok()
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
    fn the_first_date_wins() {
        assert_eq!(find_date("Jan 2 2021 and 2021-05-05"), d("2021-01-02"));
        assert_eq!(find_date("12 March 8 2019"), d("2019-03-08"));
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
