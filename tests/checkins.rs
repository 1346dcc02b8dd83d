//! Check-ins on the real binary over sample-data: the figures follow the
//! spec's formulas, every flagged gap shows with its rating, and what the
//! pair wrote stays private: no comment in any file of the team site, the
//! public site or the summary in any format; no rating, perception, gap or
//! median on the public site or in the public summary. Each scan also runs
//! where it must find something, so it can fail.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `comment:` of sample-data's check-ins, as written (quotes dropped).
fn comments() -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(root().join("sample-data/checkins")).unwrap_or_else(|e| panic!("{e}")) {
        let text = fs::read_to_string(entry.unwrap_or_else(|e| panic!("{e}")).path()).unwrap_or_default();
        for line in text.lines() {
            if let Some(comment) = line.strip_prefix("comment:") {
                found.push(comment.trim().trim_matches('"').to_string());
            }
        }
    }
    assert!(found.len() >= 8, "only {} comments in sample-data", found.len());
    found
}

/// The words a page may turn a comment into: entities decoded, lower case.
fn plain(text: &str) -> String {
    text.replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&").to_lowercase()
}

/// Every file of a build of sample-data with `flags`, as text.
fn site(name: &str, flags: &[&str]) -> BTreeMap<String, String> {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&out);
    let mut args = vec!["build".to_string(), "sample-data".into(), "-o".into()];
    args.push(out.to_string_lossy().into_owned());
    args.extend(flags.iter().map(|f| f.to_string()));
    let run = common::tandem(&args, root());
    assert!(run.success(), "{}", run.stderr);
    common::texts(&out)
}

fn team_site() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(|| site("checkins-team", &[]))
}

fn public_site() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(|| site("checkins-public", &["--public"]))
}

/// `tandem summary` of sample-data in every format, team and public.
fn summaries(public: bool) -> BTreeMap<String, String> {
    ["markdown", "text", "json"]
        .into_iter()
        .map(|format| {
            let mut args = vec!["summary", "sample-data", "--format", format];
            if public {
                args.push("--public");
            }
            let run = common::tandem(&args, root());
            assert!(run.success(), "{}", run.stderr);
            (format.to_string(), run.stdout)
        })
        .collect()
}

/// `(file, comment)` for every comment found in `files`.
fn comments_in(files: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let comments = comments();
    let mut found = Vec::new();
    for (path, text) in files {
        let text = plain(text);
        for c in &comments {
            if text.contains(&c.to_lowercase()) {
                found.push((path.clone(), c.clone()));
            }
        }
    }
    found
}

/// A rating as pages print it: `3/5`.
fn ratings_in(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(2))
        .filter(|&i| b[i + 1] == b'/' && b[i + 2] == b'5' && (b'1'..=b'5').contains(&b[i]))
        .filter(|&i| i == 0 || !b[i - 1].is_ascii_digit())
        .map(|i| text[i..i + 3].to_string())
        .collect()
}

#[test]
fn no_comment_reaches_any_output() {
    // The scan finds comments where they are: in the data folder itself.
    let mut data = BTreeMap::new();
    for entry in fs::read_dir(root().join("sample-data/checkins")).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        data.insert(path.display().to_string(), fs::read_to_string(&path).unwrap_or_default());
    }
    assert_eq!(comments_in(&data).len(), comments().len());

    for (what, files) in [
        ("team site", team_site().clone()),
        ("public site", public_site().clone()),
        ("team summary", summaries(false)),
        ("public summary", summaries(true)),
    ] {
        let found = comments_in(&files);
        assert!(found.is_empty(), "{what}: {found:?}");
    }
}

#[test]
fn the_public_site_and_summary_show_only_that_check_ins_took_place() {
    let team = team_site();
    // Where ratings are, the scans find them.
    assert!(!ratings_in(&team["index.html"]).is_empty());
    assert!(team["index.html"].contains("a gap of"));
    assert!(!ratings_in(&summaries(false)["markdown"]).is_empty());

    let public = public_site();
    for (path, text) in public {
        let found = ratings_in(text);
        assert!(found.is_empty(), "{path} shows ratings: {found:?}");
        for word in ["a gap of", "checkin-gap", "flagged", "\"perception\""] {
            assert!(!text.contains(word), "{path} holds `{word}`");
        }
    }
    assert!(public["index.html"].contains("The product owner last checked in on Fri 20 Nov 2026"));
    for (format, text) in summaries(true) {
        assert!(ratings_in(&text).is_empty(), "public summary ({format}) shows ratings");
        assert!(
            !text.contains("gap") && !text.contains("evidence score"),
            "public summary ({format}): {text}"
        );
        assert!(text.contains("what they rated stays with the team"), "{format}");
    }
    // metrics.json keeps who checked in and when, nothing more.
    let metrics: Value = serde_json::from_str(&public["metrics.json"]).unwrap_or_else(|e| panic!("{e}"));
    let checkins = metrics["checkins"].as_array().cloned().unwrap_or_default();
    assert!(!checkins.is_empty());
    for c in checkins {
        let keys: Vec<&String> = c.as_object().map(|o| o.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["by", "date"]);
    }
    for r in metrics["checkin_rounds"].as_array().cloned().unwrap_or_default() {
        let keys: Vec<&String> = r.as_object().map(|o| o.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["week"]);
    }
}

#[test]
fn figures_follow_the_spec_and_every_flagged_gap_shows_its_rating() {
    let site = team_site();
    let metrics: Value = serde_json::from_str(&site["metrics.json"]).unwrap_or_else(|e| panic!("{e}"));
    let weeks = metrics["weeks"].as_array().cloned().unwrap_or_default();
    let mut flagged = 0;
    for c in metrics["checkins"].as_array().cloned().unwrap_or_default() {
        let date = c["date"].as_str().unwrap_or_default();
        // The weekly history's entry of the check-in's week: the first D_w on or after it.
        let week = weeks.iter().find(|w| w["as_of"].as_str().unwrap_or_default() >= date);
        let week = week.unwrap_or_else(|| panic!("no week for {date}"));
        // sample-data's product owner is priya, its scrum master marco.
        let role = if c["by"] == "priya" { "Product owner" } else { "Scrum master" };
        for (practice, r) in c["practices"].as_object().cloned().unwrap_or_default() {
            let rating = r["rating"].as_f64().unwrap_or(-1.0);
            let perception = (rating - 1.0) * 25.0;
            assert_eq!(r["perception"].as_f64(), Some(perception));
            let score = week["health"]["practices"][&practice]["score"].as_f64();
            let gap = score.map(|s| perception - s);
            let near = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                (a, b) => a == b,
            };
            assert!(near(r["gap"].as_f64(), gap), "{date} {practice}: {} against {gap:?}", r["gap"]);
            assert_eq!(r["flagged"].as_bool(), Some(gap.is_some_and(|g| g.abs() >= 25.0)));
            if r["flagged"] == Value::Bool(true) {
                flagged += 1;
                let sentence = format!("{role} rates {practice} {rating}/5;");
                let page = format!("weeks/{}/index.html", week["week"].as_str().unwrap_or("?"));
                assert!(site[&page].contains(&sentence), "{page} lacks {sentence}");
            }
        }
    }
    assert!(flagged >= 3, "only {flagged} flagged gaps in sample-data");
    // The latest ones stand beside their practice on the dashboard.
    assert!(site["index.html"].contains("Scrum master rates accountability 3/5;"));
    // Only rounds of 3 raters or more: W37 and W47, not W43's two.
    let rounds: Vec<&str> = metrics["checkin_rounds"]
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["week"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(rounds, ["2026-W37", "2026-W47"]);
}
