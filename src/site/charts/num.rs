//! How the section pages print figures, in tables and charts alike: fixed
//! decimals (same data, same bytes) and "no data" where a figure is
//! undefined (docs/figures.md: never 0, never NaN).

/// What an undefined figure reads as.
pub(crate) const NO_DATA: &str = "no data";

/// `v` with exactly `decimals` decimals; never `-0`, `NaN` or `inf`.
pub(crate) fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return fixed(0.0, decimals);
    }
    // The site's one rounding rule: down to the digits shown.
    let v = crate::site::format::round_down(v, u8::try_from(decimals).unwrap_or(u8::MAX));
    let text = format!("{v:.decimals$}");
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// `v` with at most `decimals` decimals, trailing zeros dropped: `5`, `2.5`.
pub(crate) fn trimmed(v: f64, decimals: usize) -> String {
    let text = fixed(v, decimals);
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

/// Story points: `5`, `2.5`.
pub(crate) fn points(v: f64) -> String {
    trimmed(v, 1)
}

/// `1 point`, `2.5 points`.
pub(crate) fn points_text(v: f64) -> String {
    let n = points(v);
    if n == "1" { "1 point".to_string() } else { format!("{n} points") }
}

/// A share as a whole percentage: `88%`, or "no data".
pub(crate) fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| NO_DATA.to_string(), |s| format!("{}%", fixed(s * 100.0, 0)))
}

/// A figure with at most `decimals` decimals, or "no data".
pub(crate) fn maybe(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| NO_DATA.to_string(), |v| trimmed(v, decimals))
}

/// `1 day`, `3 days`.
pub(crate) fn days(n: i64) -> String {
    if n == 1 { "1 day".to_string() } else { format!("{n} days") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::format::score;

    #[test]
    fn fixed_never_prints_minus_zero_or_nan() {
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-1.25, 1), "-1.2");
        assert_eq!(percent(Some(0.87)), "87%", "binary fractions stay whole");
        assert_eq!(percent(Some(2.0 / 3.0)), "66%");
        assert_eq!(fixed(f64::NAN, 0), "0");
        assert_eq!(fixed(f64::INFINITY, 2), "0.00");
    }

    #[test]
    fn figures_read_naturally() {
        assert_eq!(points(5.0), "5");
        assert_eq!(points(2.5), "2.5");
        assert_eq!(points_text(1.0), "1 point");
        assert_eq!(points_text(0.0), "0 points");
        assert_eq!(points_text(2.5), "2.5 points");
        assert_eq!(trimmed(10.0, 1), "10");
        assert_eq!(percent(Some(0.875)), "87%");
        assert_eq!(percent(None), "no data");
        assert_eq!(score(Some(74.99)), "74");
        assert_eq!(score(Some(95.04)), "95");
        assert_eq!(score(None), "no data");
        assert_eq!(maybe(Some(1.6621), 1), "1.6");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(0), "0 days");
    }
}
