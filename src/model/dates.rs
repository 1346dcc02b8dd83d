//! Calendar arithmetic and the one way a date is written in `metrics.json`:
//! the ground floor every stage counts days with.

use jiff::SignedDuration;
use serde::Serializer;

use super::Date;

/// Whole calendar days from `earlier` to `later` (negative when `later` is
/// earlier).
pub fn days_between(later: Date, earlier: Date) -> i64 {
    later.duration_since(earlier).as_secs().div_euclid(86_400)
}

/// `date` moved by `days` calendar days (saturating at jiff's range).
pub fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(SignedDuration::from_secs(days.saturating_mul(86_400)))
}

/// The Monday of `date`'s ISO week.
pub fn monday_of(date: Date) -> Date {
    let offset = i64::from(date.weekday().to_monday_zero_offset());
    add_days(date, -offset)
}

/// The Sunday of `date`'s ISO week.
pub fn sunday_of(date: Date) -> Date {
    add_days(monday_of(date), 6)
}

/// Serialises a date as `YYYY-MM-DD` (`#[serde(serialize_with = "...")]`).
pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// Serialises an optional date as `YYYY-MM-DD` or `null`.
pub fn serialize_opt<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_none(),
    }
}
