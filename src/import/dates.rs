//! Trackers' timestamps turned into calendar days in the import's time zone.
//!
//! Jira CSV writes `22/Apr/26 7:56 AM` (month names follow the exporting
//! user's language), Jira JSON `2026-04-22T07:56:00.000+0000`, GitLab ISO 8601
//! or epoch milliseconds. A timestamp with an offset is moved into the
//! configured zone before its day is taken; one without is a wall-clock time
//! already, and its day is used as written.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

const ENGLISH_MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Reads dates the way one import's settings say.
#[derive(Debug, Clone)]
pub struct DateReader {
    tz: TimeZone,
    months: Option<Vec<String>>,
    format: Option<String>,
}

impl DateReader {
    /// A reader for a zone, localised month names and a strftime format.
    pub fn new(tz: TimeZone, months: Option<Vec<String>>, format: Option<String>) -> Self {
        Self { tz, months, format }
    }

    /// Any textual form: the configured format, Jira's `22/Apr/26 7:56 AM`,
    /// or ISO 8601 with or without a time and an offset.
    pub fn read(&self, text: &str) -> Result<Date, String> {
        let t = text.trim();
        if let Some(format) = &self.format
            && let Some(d) = self.read_format(format, t)
        {
            return Ok(d);
        }
        if t.len() >= 10 && t.as_bytes()[4] == b'-' {
            return self.read_iso(t);
        }
        if let Some(d) = self.read_jira(t) {
            return Ok(d);
        }
        let expected = match &self.format {
            Some(f) => format!("\"{f}\" (date_format), 22/Apr/26 7:56 AM or 2026-04-22"),
            None => "22/Apr/26 7:56 AM or 2026-04-22; set import.jira.date_format for another form".into(),
        };
        Err(format!("\"{t}\" is not a date tandem can read (expected {expected})"))
    }

    /// A JSON timestamp: a string as [`Self::read`], epoch milliseconds, or null.
    pub fn read_json(&self, v: &serde_json::Value) -> Result<Option<Date>, String> {
        match v {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
            serde_json::Value::String(s) => self.read(s).map(Some),
            serde_json::Value::Number(n) => {
                let ms = n.as_i64().ok_or_else(|| format!("{n} is not a timestamp in milliseconds"))?;
                let ts = Timestamp::from_millisecond(ms)
                    .map_err(|_| format!("{n} is out of range as a timestamp"))?;
                Ok(Some(self.tz.to_datetime(ts).date()))
            }
            other => Err(format!("expected a timestamp, found {}", json_kind(other))),
        }
    }

    fn read_format(&self, format: &str, text: &str) -> Option<Date> {
        let english = self.to_english_months(text);
        let tm = jiff::fmt::strtime::parse(format, &english).ok()?;
        if tm.offset().is_some() {
            let ts = tm.to_timestamp().ok()?;
            return Some(self.tz.to_datetime(ts).date());
        }
        tm.to_date().ok()
    }

    /// Replaces a localised month abbreviation with the English one, so that
    /// strftime's `%b` reads `22/abr/26`.
    fn to_english_months(&self, text: &str) -> String {
        let Some(months) = &self.months else { return text.to_string() };
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let lower = word.trim_end_matches('.').to_lowercase();
            match months.iter().position(|m| *m == lower) {
                Some(i) => out.push_str(ENGLISH_MONTHS[i]),
                None => out.push_str(word),
            }
            word.clear();
        };
        for c in text.chars() {
            if c.is_alphabetic() || (c == '.' && !word.is_empty()) {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }

    fn month(&self, name: &str) -> Option<i8> {
        let lower = name.trim_end_matches('.').to_lowercase();
        let local = self.months.as_ref().and_then(|m| m.iter().position(|m| *m == lower));
        let english = || {
            let first3: String = lower.chars().take(3).collect();
            ENGLISH_MONTHS.iter().position(|m| *m == first3).filter(|_| lower.len() >= 3)
        };
        local.or_else(english).and_then(|i| i8::try_from(i + 1).ok())
    }

    /// `22/Apr/26 7:56 AM`, `22/Apr/2026`, `22/abr/26 7:56`.
    fn read_jira(&self, text: &str) -> Option<Date> {
        let day_part = text.split_whitespace().next()?;
        let mut parts = day_part.split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let day: i8 = d.parse().ok()?;
        let month = self.month(m)?;
        let year: i16 = match y.len() {
            2 => 2000 + y.parse::<i16>().ok()?,
            4 => y.parse().ok()?,
            _ => return None,
        };
        Date::new(year, month, day).ok()
    }

    fn read_iso(&self, text: &str) -> Result<Date, String> {
        let bad = || {
            format!("\"{text}\" is not a date tandem can read (expected 2026-04-22 or 2026-04-22T07:56:00Z)")
        };
        let date = crate::load::yaml::parse_iso_date(text.get(..10).ok_or_else(bad)?).map_err(|_| bad())?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Ok(date);
        }
        let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        let time_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let (time, zone) = rest.split_at(time_len);
        let mut hms = time.split(':');
        let h: i8 = hms.next().and_then(|h| h.parse().ok()).ok_or_else(bad)?;
        let m: i8 = hms.next().and_then(|m| m.parse().ok()).ok_or_else(bad)?;
        let s: i8 = hms
            .next()
            .map_or(Some(0), |s| s.split(['.', ',']).next().and_then(|s| s.parse().ok()))
            .ok_or_else(bad)?;
        let zone = zone.trim();
        let Some(seconds) = offset_seconds(zone).ok_or_else(bad)? else {
            return Ok(date);
        };
        let dt = date.to_datetime(jiff::civil::Time::new(h, m, s, 0).map_err(|_| bad())?);
        let offset = Offset::from_seconds(seconds).map_err(|_| bad())?;
        let ts = offset.to_timestamp(dt).map_err(|_| bad())?;
        Ok(self.tz.to_datetime(ts).date())
    }
}

/// `Z`, `UTC`, `+0200`, `+02:00`, `-05`: the offset in seconds; `Some(None)`
/// for no zone at all; `None` for something else.
fn offset_seconds(zone: &str) -> Option<Option<i32>> {
    match zone {
        "" => return Some(None),
        "Z" | "z" | "UTC" | "GMT" => return Some(Some(0)),
        _ => {}
    }
    let sign = match zone.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    Some(Some(sign * (h * 3600 + m * 60)))
}

/// A JSON value's kind in plain words.
pub fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "nothing",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn utc() -> DateReader {
        DateReader::new(TimeZone::UTC, None, None)
    }

    #[test]
    fn jira_csv_dates_in_english_and_configured_months() {
        assert_eq!(utc().read("22/Apr/26 7:56 AM"), Ok(date(2026, 4, 22)));
        assert_eq!(utc().read("03/Dec/2025"), Ok(date(2025, 12, 3)));
        let es = DateReader::new(
            TimeZone::UTC,
            Some(vec![
                "ene".into(),
                "feb".into(),
                "mar".into(),
                "abr".into(),
                "may".into(),
                "jun".into(),
                "jul".into(),
                "ago".into(),
                "sep".into(),
                "oct".into(),
                "nov".into(),
                "dic".into(),
            ]),
            None,
        );
        assert_eq!(es.read("05/ene/26 9:00 AM"), Ok(date(2026, 1, 5)));
        assert_eq!(es.read("22/Abr./26 7:56 PM"), Ok(date(2026, 4, 22)));
    }

    #[test]
    fn iso_timestamps_move_into_the_zone_before_the_day_is_taken() {
        assert_eq!(utc().read("2026-04-22T23:30:00.000+0000"), Ok(date(2026, 4, 22)));
        assert_eq!(utc().read("2026-04-22T23:30:00-02:00"), Ok(date(2026, 4, 23)));
        let berlin = DateReader::new(TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC), None, None);
        assert_eq!(berlin.read("2026-04-22T23:30:00Z"), Ok(date(2026, 4, 23)));
        // No offset: a wall-clock time, used as written.
        assert_eq!(berlin.read("2026-04-22 23:30"), Ok(date(2026, 4, 22)));
        assert_eq!(utc().read("2026-04-22"), Ok(date(2026, 4, 22)));
    }

    #[test]
    fn epoch_milliseconds_and_nulls_in_json() {
        let ms = serde_json::json!(1_776_902_400_000_i64); // 2026-04-23T00:00:00Z
        assert_eq!(utc().read_json(&ms), Ok(Some(date(2026, 4, 23))));
        assert_eq!(utc().read_json(&serde_json::Value::Null), Ok(None));
        assert!(utc().read_json(&serde_json::json!(true)).is_err());
    }

    #[test]
    fn a_configured_format_wins_and_unknown_forms_are_explained() {
        let us = DateReader::new(TimeZone::UTC, None, Some("%m/%d/%Y %H:%M".into()));
        assert_eq!(us.read("04/22/2026 07:56"), Ok(date(2026, 4, 22)));
        let err = utc().read("April the 22nd").err().unwrap_or_default();
        assert!(err.contains("22/Apr/26 7:56 AM"), "{err}");
        assert!(utc().read("2026-13-01").is_err());
        assert!(utc().read("2026-04-22Tnoon").is_err());
        assert!(
            utc().read("2026-02-20T25:00:00.000Z").is_err(),
            "an hour out of range is an error, not a panic"
        );
        assert!(utc().read("2026-02-20T10:99:00Z").is_err());
    }
}
