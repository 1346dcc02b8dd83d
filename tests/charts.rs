//! The charts of the sample site against its `metrics.json` (issue 10): every
//! chart draws the computed figures, one mark per sprint, week or day, and
//! its table under it holds the same numbers.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

mod common;

/// The sample site, built once for all tests here, and its metrics.
fn site() -> &'static (PathBuf, Value) {
    static SITE: OnceLock<(PathBuf, Value)> = OnceLock::new();
    SITE.get_or_init(|| common::build_sample_site("charts-sample-site"))
}

fn page(path: &str) -> String {
    fs::read_to_string(site().0.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn metrics() -> &'static Value {
    &site().1
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_default()
}

/// How the charts print a number: at most one decimal, rounded towards zero.
fn shown(v: f64) -> String {
    let t = ((v.abs() * 10.0) + 1e-9).floor() / 10.0 * v.signum();
    if t.fract() == 0.0 { format!("{}", t as i64) } else { format!("{t:.1}") }
}

/// The rows of the data table whose caption has id `id`: row header, cells.
fn table(html: &str, id: &str) -> Vec<(String, Vec<String>)> {
    let start = html.find(&format!("<caption id=\"{id}\">")).unwrap_or_else(|| panic!("no table {id}"));
    let body = &html[start..];
    let body = &body[..body.find("</table>").unwrap_or(body.len())];
    body.split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let (head, rest) = row.split_once("</th>").unwrap_or((row, ""));
            let cells = rest
                .split("<td class=\"num\">")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap_or("").to_string())
                .collect();
            (head.to_string(), cells)
        })
        .collect()
}

/// The `<figure>` holding the chart whose ids start with `id`.
fn chart<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("aria-labelledby=\"{id}-title {id}-desc\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let start = html[..at].rfind("<figure").unwrap_or(at);
    let end = html[at..].find("</figure>").map_or(html.len(), |e| at + e + "</figure>".len());
    &html[start..end]
}

fn accessible(chart: &str, id: &str) {
    assert!(chart.contains("role=\"img\""), "{id}: {chart}");
    assert!(chart.contains(&format!("<title id=\"{id}-title\">")), "{id}");
    let desc =
        chart.split(&format!("<desc id=\"{id}-desc\">")).nth(1).and_then(|d| d.split("</desc>").next());
    let desc = desc.unwrap_or_else(|| panic!("{id} has no desc"));
    assert!(desc.ends_with('.') && !desc.trim_end_matches('.').contains(". "), "{id}: one sentence: {desc}");
    assert!(chart.contains("<details class=\"chart-data\">"), "{id}: its numbers under it");
}

#[test]
fn velocity_charts_have_one_bar_pair_per_started_sprint() {
    let sprints = list(&metrics()["sprints"]);
    assert!(sprints.len() >= 2);
    for (path, id) in [("index.html", "dashboard-velocity"), ("sprints/index.html", "velocity-chart")] {
        let html = page(path);
        let c = chart(&html, id);
        accessible(c, id);
        assert_eq!(c.matches(", Committed at planning: ").count(), sprints.len(), "{path}");
        assert_eq!(c.matches(", Completed: ").count(), sprints.len(), "{path}");
        for s in sprints {
            let sid = s["id"].as_str().unwrap_or_default();
            let f = |k: &str| s[k].as_f64().unwrap_or(f64::NAN);
            assert!(
                c.contains(&format!("{sid}, Committed at planning: {}<", shown(f("committed_points")))),
                "{sid}"
            );
            assert!(c.contains(&format!("{sid}, Completed: {}<", shown(f("completed_points")))), "{sid}");
            match s["rolling_velocity"].as_f64() {
                Some(v) => assert!(c.contains(&format!("{sid}, Rolling velocity: {}<", shown(v))), "{sid}"),
                None => assert!(!c.contains(&format!("{sid}, Rolling velocity:")), "{sid}"),
            }
            let mark = match s["goal_met"].as_bool() {
                Some(true) => Some("Goal met"),
                Some(false) => Some("Goal not met"),
                None => None,
            };
            if let Some(mark) = mark {
                assert!(c.contains(&format!("<title class=\"chart-tip\">{sid}: {mark}</title>")), "{sid}");
            }
        }
        assert_eq!(table(c, &format!("{id}-data")).len(), sprints.len(), "{path}");
    }
}

#[test]
fn burnups_run_day_by_day_to_the_sprint_figures() {
    for s in list(&metrics()["sprints"]) {
        let sid = s["id"].as_str().unwrap_or_default();
        let html = page(&format!("sprints/{}/index.html", sid.to_lowercase()));
        let c = chart(&html, "burnup");
        accessible(c, "burnup");
        let days = list(&s["burnup"]["days"]);
        let rows = table(c, "burnup-data");
        assert_eq!(rows.len(), days.len(), "{sid}: one point per day");
        for (row, day) in rows.iter().zip(days) {
            let expected = [
                shown(day["scope"].as_f64().unwrap_or(f64::NAN)),
                shown(day["done"].as_f64().unwrap_or(f64::NAN)),
            ];
            assert_eq!(row.1, expected, "{sid} {}", row.0);
        }
        let f = |k: &str| s[k].as_f64().unwrap_or(f64::NAN);
        let last = days.last().unwrap_or_else(|| panic!("{sid} has days"));
        assert_eq!(
            last["scope"].as_f64(),
            Some(f("committed_points") + f("added_points") - f("removed_points")),
            "{sid}"
        );
        assert_eq!(last["done"].as_f64(), Some(f("completed_points")), "{sid}");
        let first = days.first().unwrap_or_else(|| panic!("{sid} has days"));
        assert_eq!((&first["date"], &last["date"]), (&s["start"], &s["end"]), "{sid}");
    }
}

#[test]
fn the_weeks_chart_has_one_point_per_week() {
    let weeks = list(&metrics()["weeks"]);
    let html = page("weeks/index.html");
    let c = chart(&html, "weeks-chart");
    accessible(c, "weeks-chart");
    assert_eq!(table(c, "weeks-chart-data").len(), weeks.len());
    let mut points = 0;
    for w in weeks {
        let label = w["week"].as_str().unwrap_or_default();
        let short = label.rsplit('-').next().unwrap_or(label);
        if let Some(score) = w["health"]["score"].as_f64() {
            points += 1;
            assert!(
                c.contains(&format!("<title class=\"chart-tip\">{short}, Health: {}</title>", shown(score))),
                "{label}"
            );
        }
    }
    assert_eq!(c.matches(", Health: ").count(), points);
    assert!(c.contains("chart-band-healthy") && c.contains("chart-band-risk"), "over the status bands");
    assert!(html.contains("<table class=\"data-table\">"), "the table of every week stays");
}

/// `85%` → 85, `4.0 a week` → 4, `no data` → None.
fn number(cell: &str) -> Option<f64> {
    let n: String = cell.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    n.parse().ok()
}

/// The figure `key` of week `w` of metrics.json, wherever it is kept.
fn figure(w: &Value, key: &str) -> Option<f64> {
    ["delivery", "backlog", "collaboration"].iter().find_map(|part| w[part].get(key)).and_then(Value::as_f64)
}

#[test]
fn sparklines_equal_the_weekly_history() {
    let html = page("index.html");
    let weeks = list(&metrics()["weeks"]);
    let shown_weeks = &weeks[weeks.len().saturating_sub(12)..];
    let mut keys = Vec::new();
    for practice in metrics()["health"]["practices"].as_object().into_iter().flat_map(|p| p.values()) {
        keys.extend(practice["indicators"].as_object().into_iter().flat_map(|i| i.keys().cloned()));
    }
    assert_eq!(keys.len(), 16);
    let mut drawn = 0;
    for key in &keys {
        let id = format!("spark-{}", key.replace('_', "-"));
        let values: Vec<Option<f64>> = shown_weeks.iter().map(|w| figure(w, key)).collect();
        if values.iter().all(Option::is_none) {
            assert!(!html.contains(&format!("id=\"{id}-title\"")), "{key}: nothing to draw");
            continue;
        }
        drawn += 1;
        let c = chart(&html, &id);
        accessible(c, &id);
        let rows = table(c, &format!("{id}-data"));
        assert_eq!(rows.len(), shown_weeks.len(), "{key}: one point per week");
        for ((week, cells), (w, v)) in rows.iter().zip(shown_weeks.iter().zip(&values)) {
            assert_eq!(Some(week.as_str()), w["week"].as_str(), "{key}");
            let cell = cells.first().map_or("", String::as_str);
            match v {
                None => assert_eq!(cell, "no data", "{key} {week}"),
                Some(v) if cell.ends_with('%') => {
                    assert_eq!(number(cell), Some(((v * 100.0) + 1e-9).floor()), "{key} {week}: {cell}")
                }
                Some(v) => {
                    assert_eq!(number(cell), Some(((v * 10.0) + 1e-9).floor() / 10.0), "{key} {week}: {cell}")
                }
            }
        }
        // one line run per unbroken stretch of weeks, and the latest week dotted
        assert_eq!(c.contains("class=\"spark-dot\""), values.last().is_some_and(Option::is_some), "{key}");
    }
    assert!(drawn >= 12, "most indicators have a history: {drawn}");
}

#[test]
fn backlog_and_action_charts_draw_their_series() {
    let html = page("backlog/index.html");
    let c = chart(&html, "age-chart");
    accessible(c, "age-chart");
    let bins = list(&metrics()["backlog_ages"]);
    let rows = table(c, "age-chart-data");
    let counts: Vec<String> = rows.iter().map(|(_, cells)| cells.concat()).collect();
    let expected: Vec<String> = bins.iter().map(|b| b["items"].to_string()).collect();
    assert_eq!(counts, expected);
    let open = metrics()["backlog"]["open_items"].as_u64().unwrap_or_default();
    assert_eq!(
        bins.iter().filter_map(|b| b["items"].as_u64()).sum::<u64>(),
        open,
        "every open item in a bin"
    );
    let ready = chart(&html, "backlog-chart");
    assert!(ready.contains(", Ready points: ") && ready.contains(", Velocity: "), "{ready}");

    let html = page("actions/index.html");
    let c = chart(&html, "actions-chart");
    accessible(c, "actions-chart");
    let weeks = list(&metrics()["action_weeks"]);
    let rows = table(c, "actions-chart-data");
    assert_eq!(rows.len(), list(&metrics()["weeks"]).len(), "one bar pair per week");
    for ((week, cells), w) in rows.iter().zip(weeks) {
        assert_eq!(Some(week.as_str()), w["week"].as_str());
        assert_eq!(cells, &[w["open"].to_string(), w["done"].to_string()], "{week}");
    }
}

#[test]
fn the_health_trend_lists_every_week_it_draws() {
    let html = page("index.html");
    let weeks = list(&metrics()["weeks"]);
    let rows = table(&html, "trend-label-data");
    assert_eq!(rows.len(), weeks.len(), "the dashboard's trend draws every week");
    for ((week, cells), w) in rows.iter().zip(weeks) {
        assert_eq!(Some(week.as_str()), w["week"].as_str());
        let expected =
            w["health"]["score"].as_f64().map_or("no data".to_string(), |s| format!("{}", s.floor() as i64));
        assert_eq!(cells, &[expected], "{week}");
    }
    assert!(html.contains("<desc id=\"trend-label-desc\">Weekly health score from "), "{html}");
}

/// Every HTML file of the sample site, by path.
fn pages() -> Vec<(String, String)> {
    let root = &site().0;
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
                out.push((rel, fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_chart_is_an_image_with_a_title_a_description_and_its_numbers() {
    let mut charts = 0;
    for (path, html) in pages() {
        let svgs: Vec<usize> = html.match_indices("<svg").map(|(i, _)| i).collect();
        for (k, &at) in svgs.iter().enumerate() {
            let open = &html[at..at + html[at..].find('>').unwrap_or(0)];
            if open.contains("aria-hidden=\"true\"") {
                continue; // a legend key
            }
            charts += 1;
            assert!(open.contains("role=\"img\""), "{path}: {open}");
            let end = at + html[at..].find("</svg>").unwrap_or(0);
            let svg = &html[at..end];
            assert!(svg.contains("<title id=") && svg.contains("<desc id="), "{path}: {open}");
            // its numbers in a <details> before the next chart
            let next = svgs[k + 1..]
                .iter()
                .find(|&&n| !html[n..n + html[n..].find('>').unwrap_or(0)].contains("aria-hidden"))
                .copied()
                .unwrap_or(html.len());
            assert!(html[end..next].contains("<details class=\"chart-data"), "{path}: no table under {open}");
        }
    }
    // 18 on the dashboard, a trend on each of 20 week pages, a burn-up on each of 10 sprint pages, ...
    assert!(charts >= 50, "the sample site has charts on most pages: {charts}");
}
