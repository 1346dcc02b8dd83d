//! `tandem.yaml`: site settings, all optional.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostics;
use crate::indicators::Indicator;
use crate::load::yaml::{Fields, Node, Value};
use crate::model::{Curve, DateOrder, Settings};

/// `import` belongs to `tandem import`, which checks it when it runs.
const KEYS: &[&str] = &[
    "title",
    "timezone",
    "date_order",
    "base_url",
    "as_of",
    "window_days",
    "velocity_window",
    "flow_window_days",
    "stale_days",
    "min_evidence",
    "thresholds",
    "public",
    "import",
];

/// Reads the settings; defaults stand in for anything absent or wrong.
pub fn read_settings(node: &Node, path: &str, diags: &mut Diagnostics) -> Settings {
    let mut settings = Settings::default();
    if node.value == Value::Null {
        return settings;
    }
    let Some(f) = Fields::of(node, path, "settings file", KEYS, diags) else {
        return settings;
    };
    settings.title = f.opt_text("title", diags);
    if let Some(name) = f.opt_text("timezone", diags) {
        match jiff::tz::TimeZone::get(&name) {
            Ok(tz) => settings.timezone = tz,
            Err(_) => diags.error(
                path,
                Some(f.pos_of("timezone")),
                format!("unknown time zone \"{name}\" (expected a name such as UTC or Europe/Berlin)"),
            ),
        }
    }
    settings.date_order = f.opt_choice("date_order", &DateOrder::ALL, diags);
    settings.base_url = f.opt_text("base_url", diags).and_then(|url| match base_url(&url) {
        Ok(url) => Some(url),
        Err(message) => {
            diags.error(path, Some(f.pos_of("base_url")), format!("`base_url` {message}"));
            None
        }
    });
    settings.as_of = f.opt_date("as_of", diags);
    if let Some(n) = f.opt_count("window_days", 7, 366, diags) {
        settings.window_days = n;
    }
    if let Some(n) = f.opt_count("velocity_window", 1, 26, diags) {
        settings.velocity_window = n;
    }
    if let Some(n) = f.opt_count("flow_window_days", 14, 3650, diags) {
        settings.flow_window_days = n;
    }
    if let Some(n) = f.opt_count("stale_days", 1, 3650, diags) {
        settings.stale_days = n;
    }
    if let Some(n) = f.opt_count("min_evidence", 1, 100, diags) {
        settings.min_evidence = n;
    }
    if let Some(public) = f.opt_bool("public", diags) {
        settings.public = public;
    }
    if let Some(node) = f.get("thresholds") {
        settings.thresholds = read_thresholds(node, path, diags);
    }
    settings
}

/// A site's absolute URL, ending in `/`; the error says what is wrong. The
/// same rule for `base_url` in tandem.yaml and `--base-url` (docs/commands.md).
pub fn base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let host = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match host {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !url.contains(char::is_whitespace) => {
            Ok(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
        }
        _ => Err(format!("should be an absolute URL starting with https:// or http:// (found \"{url}\")")),
    }
}

/// `thresholds:` maps an indicator key to its curve, written either as
/// `{zero: 21, full: 7}` (0 and 100 points) or as `[[figure, score], ...]`.
fn read_thresholds(node: &Node, path: &str, diags: &mut Diagnostics) -> BTreeMap<String, Curve> {
    let mut curves = BTreeMap::new();
    let keys: Vec<&str> = Indicator::ALL.iter().map(|i| i.key()).collect();
    let Some(f) = Fields::of(node, path, "thresholds mapping", &keys, diags) else {
        return curves;
    };
    for key in keys {
        let Some(value) = f.get(key) else { continue };
        if let Some(curve) = read_curve(key, value, path, diags) {
            curves.insert(key.to_string(), curve);
        }
    }
    curves
}

fn number(node: &Node) -> Option<f64> {
    match node.value {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) if f.is_finite() => Some(f),
        _ => None,
    }
}

fn read_curve(key: &str, node: &Node, path: &str, diags: &mut Diagnostics) -> Option<Curve> {
    let points: Vec<(f64, f64)> = match &node.value {
        Value::Map(_) => {
            let f = Fields::of(node, path, "threshold", &["zero", "full"], diags)?;
            let zero = f.get("zero").and_then(number);
            let full = f.get("full").and_then(number);
            let (Some(zero), Some(full)) = (zero, full) else {
                diags.error(
                    path,
                    Some(node.pos),
                    format!("threshold `{key}` needs numbers `zero` and `full`"),
                );
                return None;
            };
            if zero == full {
                diags.error(
                    path,
                    Some(node.pos),
                    format!("threshold `{key}`: `zero` and `full` must differ"),
                );
                return None;
            }
            let mut pts = vec![(zero, 0.0), (full, 100.0)];
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            pts
        }
        Value::Seq(items) => {
            let mut pts = Vec::new();
            for item in items {
                let pair = match &item.value {
                    Value::Seq(p) if p.len() == 2 => number(&p[0]).zip(number(&p[1])),
                    _ => None,
                };
                match pair {
                    Some((x, s)) if (0.0..=100.0).contains(&s) => pts.push((x, s)),
                    _ => {
                        diags.error(
                            path,
                            Some(item.pos),
                            format!(
                                "threshold `{key}`: each point is [figure, score] with a score from 0 to 100"
                            ),
                        );
                        return None;
                    }
                }
            }
            if pts.len() < 2 || pts.windows(2).any(|w| w[1].0 <= w[0].0) {
                diags.error(
                    path,
                    Some(node.pos),
                    format!("threshold `{key}` needs at least two points with increasing figures"),
                );
                return None;
            }
            pts
        }
        _ => {
            diags.error(
                path,
                Some(node.pos),
                format!(
                    "threshold `{key}` should be {{zero: N, full: N}} or a list of [figure, score] points"
                ),
            );
            return None;
        }
    };
    Some(Curve(points))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn settings(src: &str) -> (Settings, Vec<String>) {
        let mut d = Diagnostics::new();
        let node = parse(src, "tandem.yaml", 0, &mut d).unwrap_or(Node { value: Value::Null, pos: (1, 1) });
        let s = read_settings(&node, "tandem.yaml", &mut d);
        (s, d.sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn defaults_when_empty() {
        assert_eq!(settings("").0, Settings::default());
    }

    #[test]
    fn reads_every_key() {
        let (s, msgs) = settings(
            "title: T\nbase_url: https://a.github.io/x\nas_of: 2026-10-20\nwindow_days: 14\nvelocity_window: 4\nflow_window_days: 56\nstale_days: 60\npublic: true\nthresholds:\n  max_gap_days: {zero: 28, full: 7}\n  readiness_sprints: [[0, 0], [2, 100], [6, 50]]\n",
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(s.base_url.as_deref(), Some("https://a.github.io/x/"));
        assert_eq!(s.window_days, 14);
        assert_eq!(s.flow_window_days, 56);
        assert!(s.public);
        assert_eq!(s.thresholds["max_gap_days"], Curve(vec![(7.0, 100.0), (28.0, 0.0)]));
        assert_eq!(s.thresholds["readiness_sprints"].0.len(), 3);
    }

    #[test]
    fn bad_values_are_reported() {
        let (s, msgs) = settings(
            "window_days: 0\nthresholds:\n  stale_shar: {zero: 1, full: 0}\n  on_time_rate: [[1, 0], [0, 100]]\npublic: maybe\n",
        );
        assert_eq!(s.window_days, 28);
        assert!(!s.public);
        assert_eq!(
            msgs,
            vec![
                "error: tandem.yaml:1:14: `window_days` should be a whole number from 7 to 366, found 0",
                "error: tandem.yaml:3:3: unknown key `stale_shar` in thresholds mapping (did you mean `stale_share`?)",
                "error: tandem.yaml:4:17: threshold `on_time_rate` needs at least two points with increasing figures",
                "error: tandem.yaml:5:9: `public` should be true or false, found \"maybe\"",
            ]
        );
    }
}
