//! "How is this worked out?" on the sample site (issue 10): for every
//! indicator, the inputs in `metrics.json` multiply out to its figure, the
//! dashboard's explanation shows those numbers and that figure, and every
//! row it links to exists at its anchor on its page.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use jiff::civil::Date;
use serde_json::Value;

mod common;

/// The sample site, built once for all tests here, and its metrics.
fn site() -> &'static (PathBuf, Value) {
    static SITE: OnceLock<(PathBuf, Value)> = OnceLock::new();
    SITE.get_or_init(|| common::build_sample_site("explain-sample-site"))
}

fn page(path: &str) -> String {
    fs::read_to_string(site().0.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn metrics() -> &'static Value {
    &site().1
}

fn rows(inputs: &Value) -> &[Value] {
    inputs["rows"].as_array().map(Vec::as_slice).unwrap_or_default()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn date(v: &Value) -> Date {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a date: {v}"))
}

fn days(later: Date, earlier: Date) -> f64 {
    f64::from(later.since(earlier).map(|s| s.get_days()).unwrap_or_else(|e| panic!("{e}")))
}

/// The figure of `key` as `metrics.json` holds it, wherever it lives.
fn figure(key: &str) -> Value {
    let m = metrics();
    ["collaboration", "delivery", "backlog"]
        .iter()
        .map(|section| &m[section][key])
        .find(|v| !v.is_null())
        .cloned()
        .unwrap_or(Value::Null)
}

/// The figure recomputed from the rows alone, by the rule they name.
fn recompute(inputs: &Value) -> f64 {
    let rows = rows(inputs);
    let counted = || rows.iter().filter(|r| r["counted"] == true);
    let values = |it: &mut dyn Iterator<Item = &Value>| it.map(|r| num(&r["value"])).sum::<f64>();
    let window = &metrics()["window"];
    match inputs["rule"].as_str().unwrap_or_default() {
        "share" => counted().count() as f64 / rows.len() as f64,
        "points_share" => {
            let points = |r: &&Value| !r["value"].is_null();
            values(&mut counted().filter(points)) / values(&mut rows.iter().filter(points))
        }
        "readiness" => {
            let kind = |k: &'static str| move |r: &&Value| r["kind"] == k;
            let ready =
                values(&mut rows.iter().filter(kind("backlog_item")).filter(|r| !r["value"].is_null()));
            let sprints: Vec<&Value> = rows.iter().filter(kind("sprint")).collect();
            let velocity = values(&mut sprints.iter().copied()) / sprints.len() as f64;
            assert_eq!(velocity, num(&metrics()["delivery"]["velocity"]));
            ready / velocity
        }
        "per_week" => counted().count() as f64 * 7.0 / num(&window["days"]),
        "largest_gap" => {
            let mut dates: Vec<Date> = vec![date(&window["from"])];
            dates.extend(rows.iter().map(|r| date(&r["date"])));
            dates.push(date(&window["to"]));
            dates.windows(2).map(|p| days(p[1], p[0])).fold(0.0, f64::max)
        }
        "median" => {
            let mut v: Vec<f64> = rows.iter().map(|r| num(&r["value"])).collect();
            v.sort_by(f64::total_cmp);
            let n = v.len();
            if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
        }
        "count" => counted().count() as f64,
        rule => panic!("unknown rule {rule}"),
    }
}

const KEYS: [&str; 16] = [
    "readiness_sprints",
    "stale_share",
    "acceptance_coverage",
    "joint_refinement_share",
    "touchpoints_per_week",
    "max_gap_days",
    "po_event_attendance",
    "sm_event_attendance",
    "cross_role_assists_per_week",
    "median_resolution_days",
    "on_time_rate",
    "overdue_open",
    "say_do_rolling",
    "goal_success_rate",
    "joint_decision_share",
    "negotiated_scope_change_share",
];

#[test]
fn the_inputs_multiply_out_to_every_figure() {
    let inputs = &metrics()["inputs"];
    let keys: Vec<&str> =
        inputs.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    let mut expected = KEYS.to_vec();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    for key in KEYS {
        let i = &inputs[key];
        // Every indicator of the sample data has a figure, and so inputs.
        assert!(!i.is_null(), "{key} has no inputs");
        let figure = num(&figure(key));
        let again = recompute(i);
        assert!((again - figure).abs() < 1e-9, "{key}: rows give {again}, metrics.json {figure}");
        assert!(!rows(i).is_empty(), "{key} lists no rows");
    }
}

/// The `<details>` of each explanation on a page, by id.
fn explanations(html: &str) -> BTreeMap<String, String> {
    html.split("<details class=\"explain\" id=\"")
        .skip(1)
        .map(|rest| {
            let (id, body) = rest.split_once('"').unwrap_or((rest, ""));
            let body = &body[..body.find("</details>").unwrap_or(body.len())];
            (id.to_string(), body.to_string())
        })
        .collect()
}

/// What the dashboard prints as `key`'s figure, beside its name.
fn shown_figure(html: &str, key: &str) -> String {
    let at = html.find(&format!("id=\"how-{key}\"")).unwrap_or_else(|| panic!("no how-{key}"));
    let before = &html[..at];
    let start =
        before.rfind("<span class=\"indicator-figure\">").unwrap_or_else(|| panic!("no figure for {key}"));
    let figure = &before[start + "<span class=\"indicator-figure\">".len()..];
    figure[..figure.find("</span>").unwrap_or(0)].to_string()
}

#[test]
fn the_dashboard_explains_every_indicator_with_its_numbers() {
    let html = page("index.html");
    let mut found = explanations(&html);
    // The forecast explains itself too, but is not scored (tests/flow.rs).
    assert!(found.remove("how-forecast").is_some());
    assert_eq!(found.len(), KEYS.len());
    for key in KEYS {
        let body = &found[&format!("how-{key}")];
        let i = &metrics()["inputs"][key];
        let shown = shown_figure(&html, key);
        let formula = body.split("<p class=\"explain-formula\">").nth(1).unwrap_or_default();
        let formula = &formula[..formula.find("</p>").unwrap_or(0)];
        assert!(formula.contains(&shown), "{key}: {formula} does not show {shown}");
        let (n, d) = (num(&i["numerator"]), num(&i["denominator"]));
        if i["rule"] == "share" {
            assert!(formula.contains(&format!("{n} of {d}")), "{key}: {formula}");
        }
        if i["rule"] == "per_week" {
            assert!(formula.contains(&format!("{n} × 7 / {d}")), "{key}: {formula}");
        }
        // one listed row per input row (the sprints behind a velocity are in the formula)
        let listed = body.matches("<li class=\"is-").count();
        let expected =
            rows(i).iter().filter(|r| !(i["rule"] == "readiness" && r["kind"] == "sprint")).count();
        assert_eq!(listed, expected, "{key}");
        assert!(body.contains("Scored on a straight line through"), "{key}");
        assert!(body.contains(&format!("thresholds: {key}")), "{key}");
    }
    let missed = &found["how-po_event_attendance"];
    assert!(missed.contains("Sprint events the product owner attended between"), "{missed}");
}

/// Every `href` in the explanations of `path` resolves to a file of the
/// site, and its `#fragment` to an id on that page. Returns how many.
fn links_land(path: &str) -> usize {
    let html = page(path);
    let depth = path.matches('/').count();
    let mut checked = 0;
    for body in explanations(&html).values() {
        for href in body.split(" href=\"").skip(1).filter_map(|r| r.split('"').next()) {
            let rel = href.strip_prefix(&"../".repeat(depth)).unwrap_or_else(|| panic!("{path}: {href}"));
            let (file, id) = rel.split_once('#').map_or((rel, None), |(f, id)| (f, Some(id)));
            let target = page(file);
            if let Some(id) = id {
                assert!(target.contains(&format!(" id=\"{id}\"")), "{path}: {href}: no id {id} in {file}");
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_row_links_to_its_anchor_on_the_dashboard_and_every_week() {
    assert!(links_land("index.html") > 100);
    let weeks = metrics()["weeks"].as_array().map(Vec::as_slice).unwrap_or_default();
    assert!(!weeks.is_empty());
    for week in weeks {
        let label = week["week"].as_str().unwrap_or_default();
        let path = format!("weeks/{label}/index.html");
        assert_eq!(explanations(&page(&path)).len(), KEYS.len(), "{path}");
        links_land(&path);
    }
}
