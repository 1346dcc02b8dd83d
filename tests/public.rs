//! `tandem build --public` and `public: true`: the stakeholder-facing site.
//! Every file it writes is scanned for text taken from sample-data's notes
//! (every note title, action item's and decision's text of three words or
//! more, every run of note text of five words or more, and a few sentences
//! picked by hand); none may appear. The
//! same scan over the ordinary site finds hundreds, so it can fail.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser};
use serde_json::Value;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// Text as a reader sees it, whatever the file's escaping: entities
/// decoded, Markdown and JSON backslashes and all quotes dropped, spaces
/// collapsed, lower case.
fn plain(text: &str) -> String {
    let decoded = text
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let kept: String =
        decoded.chars().filter(|c| !matches!(c, '"' | '\'' | '\\' | '“' | '”' | '‘' | '’' | '`')).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The sentences the public site must never show, from the loaded model.
fn secrets() -> &'static Vec<String> {
    static SECRETS: OnceLock<Vec<String>> = OnceLock::new();
    SECRETS.get_or_init(|| {
        let now = jiff::Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
        let checked = tandem::check(&sample(), &Default::default(), now);
        let (project, _) = checked.project.unwrap_or_else(|| panic!("sample-data loads"));
        // What the sprint records, backlog and team say is public: a note
        // may quote a sprint goal or an item title.
        let mut records = String::new();
        for entry in walkdir::WalkDir::new(sample()) {
            let entry = entry.unwrap_or_else(|e| panic!("{e}"));
            if entry.path().extension().is_some_and(|e| e == "yaml") {
                records.push_str(&fs::read_to_string(entry.path()).unwrap_or_default());
                records.push('\n');
            }
        }
        let records = plain(&records);
        // Who attended stays public: a line that only lists people is no secret.
        let mut people: Vec<String> = vec!["and".to_string()];
        for m in &project.team.members {
            people.push(m.id.to_lowercase());
            people.extend(m.name.split_whitespace().map(str::to_lowercase));
            people.extend(m.aliases.iter().map(|a| a.to_lowercase()));
        }
        let only_people = |s: &str| {
            s.split_whitespace()
                .all(|w| people.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_string()))
        };
        let words = |s: &str| s.split_whitespace().count();
        let mut found = Vec::new();
        for note in &project.notes {
            // A title is the note's words too ("Backlog refinement" is also a kind's name).
            if words(&note.title) >= 3 {
                found.push(note.title.clone());
            }
            found.extend(note.actions.iter().map(|a| a.text.clone()).filter(|t| words(t) >= 3));
            found.extend(note.decisions.iter().map(|d| d.text.clone()).filter(|t| words(t) >= 3));
            // Every run of the body's text (between inline marks) of 5 words or more.
            for event in Parser::new_ext(&note.body, tandem::model::markdown_options()) {
                if let Event::Text(text) = event
                    && words(&text) >= 5
                {
                    found.push(text.to_string());
                }
            }
        }
        found.extend(HAND_PICKED.iter().map(|s| s.to_string()));
        let mut found: Vec<String> = found
            .iter()
            .map(|s| plain(s))
            .filter(|s| !s.is_empty() && !records.contains(s.as_str()) && !only_people(s))
            .collect();
        found.sort();
        found.dedup();
        assert!(found.len() > 300, "only {} sentences collected", found.len());
        found
    })
}

/// Sentences from sample-data's notes, picked by hand: an action item, a
/// stakeholder meeting's decision, short lines of a retro.
const HAND_PICKED: &[&str] = &[
    "book the staging HSM slot with the platform team",
    "Go for Black Friday with Klarna live, provided the load test passes on 16 November",
    "Review ran 80 minutes",
    "The vault runbook only lives in",
    "Nobody enjoyed that",
];

/// Every `(file, sentence)` of `site` that holds a secret.
fn leaks(site: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (path, text) in site {
        let text = plain(text);
        for secret in secrets() {
            if text.contains(secret.as_str()) {
                found.push((path.clone(), secret.clone()));
            }
        }
    }
    found
}

fn build(args: &[&str], data: &Path, out: &Path) -> BTreeMap<String, String> {
    let mut all = vec!["build".to_string(), data.to_string_lossy().into_owned(), "-o".to_string()];
    all.push(out.to_string_lossy().into_owned());
    all.extend(args.iter().map(|a| a.to_string()));
    let run = common::tandem(&all, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(run.success(), "{}", run.stderr);
    common::texts(out)
}

fn public_site() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("public-sample");
        let _ = fs::remove_dir_all(&out);
        build(&["--public"], &sample(), &out)
    })
}

/// No note page, no link to one: only the list of meetings stays.
fn assert_no_note_pages(site: &BTreeMap<String, String>) {
    let notes: Vec<&String> = site.keys().filter(|p| p.starts_with("notes/")).collect();
    assert_eq!(notes, vec!["notes/index.html"]);
    for (path, text) in site {
        for (i, _) in text.match_indices("notes/") {
            let rest = &text[i..];
            // The list's canonical address is `…/notes/`. metrics.json names a
            // note by date and kind, not by its path (a file name can say what
            // was discussed).
            let index = rest.starts_with("notes/index.html") || rest.starts_with("notes/\"");
            assert!(index, "{path} links or names a note: {}", &rest[..rest.len().min(60)]);
        }
    }
}

#[test]
fn the_public_site_shows_no_note_text() {
    let site = public_site();
    assert!(site.len() > 30, "{} files", site.len());
    let found = leaks(site);
    assert!(found.is_empty(), "{} leaks, e.g. {:?}", found.len(), &found[..found.len().min(10)]);
    assert_no_note_pages(site);
}

#[test]
fn the_scan_finds_note_text_on_the_ordinary_site() {
    // The same check over the site for the team: it must fire, everywhere
    // the public site is quiet.
    let (out, _) = common::build_sample_site("public-scan-control");
    let found = leaks(&common::texts(&out));
    assert!(found.len() > 300, "only {} found", found.len());
    for page in ["actions/index.html", "decisions/index.html", "metrics.json", "summary.md", "index.html"] {
        assert!(found.iter().any(|(p, _)| p == page), "nothing found on {page}");
    }
}

#[test]
fn the_public_site_keeps_figures_goals_titles_dates_and_owners() {
    let site = public_site();
    let page = |p: &str| plain(site.get(p).map_or("", String::as_str));
    // A sprint goal, an item title, an owner, a date, a figure.
    let summary = page("summary/index.html");
    assert!(
        summary.contains("buyers can save a card and pay with it in one click") || summary.contains("goal")
    );
    assert!(page("sprints/s13/index.html").contains("buyers can save a card and pay with it in one click"));
    // Action items and decisions are counted, not listed one anonymous line each.
    let actions = page("actions/index.html");
    assert!(actions.contains("<li id=group-overdue>1 overdue, oldest 3 days.</li>"), "actions page");
    assert!(actions.contains("november 2026</th><td class=num>12</td>"), "actions page");
    assert!(!actions.contains("action item 1<") && !actions.contains("grace holloway"), "actions page");
    assert!(actions.contains("this site is for stakeholders"));
    let decisions = page("decisions/index.html");
    assert!(decisions.contains("2 decisions at po and sm syncs; 2 of them compromises."), "{decisions}");
    assert!(!decisions.contains("decision taken at"), "{decisions}");
    let summary_md = page("summary.md");
    assert!(summary_md.contains("5 decisions at backlog refinements, about phx-183"), "{summary_md}");
    let notes = page("notes/index.html");
    assert!(notes.contains("sprint planning") && notes.contains("7 people"), "{notes}");
}

/// `metrics.json` without the text fields and action owners: the same figures to the byte,
/// except the check-ins' ratings, which only the team's file holds.
#[test]
fn metrics_json_has_the_same_figures_without_the_text() {
    let (_, mut full) = common::build_sample_site("public-metrics-control");
    let public: Value =
        serde_json::from_str(&public_site()["metrics.json"]).unwrap_or_else(|e| panic!("{e}"));
    let notes = full["notes"].as_array_mut().unwrap_or_else(|| panic!("notes"));
    assert!(!notes.is_empty());
    // Each note's path becomes `<date>-<kind>` (`-2` for a second one that day).
    let mut ids = BTreeMap::new();
    let mut seen = BTreeMap::new();
    for note in notes {
        let note = note.as_object_mut().unwrap_or_else(|| panic!("a note"));
        assert!(note.remove("title").is_some() && note.remove("url").is_some());
        let base =
            format!("{}-{}", note["date"].as_str().unwrap_or("?"), note["kind"].as_str().unwrap_or("?"));
        let n: &mut usize = seen.entry(base.clone()).or_default();
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        ids.insert(note["path"].as_str().unwrap_or("?").to_string(), id);
    }
    assert!(ids.keys().any(|p| p.contains("black-friday")), "a path that says what was discussed");
    rename(&mut full, &ids);
    let actions = full["actions"].as_array_mut().unwrap_or_else(|| panic!("actions"));
    assert!(!actions.is_empty());
    // Actions lose their text and their owners: with a due date, an owner
    // names who is late.
    for action in actions {
        let action = action.as_object_mut().unwrap_or_else(|| panic!("an action"));
        assert!(action.remove("text").is_some() && action.remove("owners").is_some());
    }
    // Check-ins keep who and when; team rounds their week (tests/checkins.rs).
    for list in ["checkins", "checkin_rounds"] {
        let entries = full[list].as_array_mut().unwrap_or_else(|| panic!("{list}"));
        assert!(!entries.is_empty(), "{list}");
        for entry in entries {
            assert!(entry.as_object_mut().and_then(|e| e.remove("practices")).is_some());
        }
    }
    assert_eq!(public, full);
}

fn rename(value: &mut Value, ids: &BTreeMap<String, String>) {
    match value {
        Value::String(text) => {
            if let Some(id) = ids.get(text.as_str()) {
                *text = id.clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename(v, ids)),
        Value::Object(fields) => fields.values_mut().for_each(|v| rename(v, ids)),
        _ => {}
    }
}

#[test]
fn public_true_in_tandem_yaml_does_the_same_and_the_flag_wins() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path().join("data");
    common::copy_dir(&sample(), &data);
    let settings = data.join("tandem.yaml");
    let text = fs::read_to_string(&settings).unwrap_or_default();
    fs::write(&settings, format!("{text}public: true\n")).unwrap_or_else(|e| panic!("{e}"));

    let site = build(&[], &data, &tmp.path().join("public"));
    // Byte for byte the site of `--public`.
    assert_eq!(&site, public_site());
    let found = leaks(&site);
    assert!(found.is_empty(), "{found:?}");
    assert_no_note_pages(&site);

    // `--public=false` wins over the file: the team's own site.
    let team = build(&["--public=false"], &data, &tmp.path().join("team"));
    assert!(team.keys().filter(|p| p.starts_with("notes/")).count() > 40);
    assert!(!leaks(&team).is_empty());

    // `tandem summary` follows the file too, and its flag wins as well.
    for format in ["markdown", "text", "json"] {
        let run = common::tandem(&["summary", "data", "--format", format], tmp.path());
        assert!(run.success(), "{}", run.stderr);
        let out = BTreeMap::from([("stdout".to_string(), run.stdout.clone())]);
        assert!(leaks(&out).is_empty(), "{format}: {:?}", leaks(&out));
    }
    let run = common::tandem(&["summary", "data", "--public=false"], tmp.path());
    let out = BTreeMap::from([("stdout".to_string(), run.stdout.clone())]);
    assert!(!leaks(&out).is_empty());
}

#[test]
fn the_summary_command_takes_public_too() {
    let run = common::tandem(&["summary", "sample-data", "--public"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(run.success(), "{}", run.stderr);
    let text = run.stdout;
    assert_eq!(text, public_site()["summary.md"]);
    let plain_run = common::tandem(&["summary", "sample-data"], Path::new(env!("CARGO_MANIFEST_DIR")));
    let plain_text = plain_run.stdout;
    assert_ne!(text, plain_text);
    assert!(leaks(&BTreeMap::from([("summary".to_string(), text)])).is_empty());
}

#[test]
fn public_takes_true_or_false_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = common::tandem(&["build", "sample-data", "--public=yes", "-o", "never"], root);
    assert_eq!(run.code(), Some(2), "{}", run.stderr);
    assert!(!root.join("never").exists());
    // `--public DATA_DIR` is the flag, then the folder.
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let run = common::tandem(&["build", "--public", "sample-data", "-o", &out_arg], root);
    assert!(run.success(), "{}", run.stderr);
    assert_eq!(&common::texts(&out), public_site());
}

/// Every member's names as a reader may meet them: full name, each part of
/// it, id and aliases, in lower case.
fn member_names() -> Vec<String> {
    let now = jiff::Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
    let checked = tandem::check(&sample(), &Default::default(), now);
    let (project, _) = checked.project.unwrap_or_else(|| panic!("sample-data loads"));
    let mut names = Vec::new();
    for m in &project.team.members {
        names.push(m.name.to_lowercase());
        names.extend(m.name.split_whitespace().map(str::to_lowercase));
        names.push(m.id.to_lowercase());
        names.extend(m.aliases.iter().map(|a| a.to_lowercase()));
    }
    names.sort();
    names.dedup();
    names
}

/// The passages a reader takes as one (a list item, a paragraph, a table
/// row, a line of a list in Markdown or text, a JSON string) of `text`.
fn passages(text: &str) -> Vec<String> {
    let json: Option<serde_json::Value> =
        text.trim_start().starts_with(['{', '[']).then(|| serde_json::from_str(text).ok()).flatten();
    let mut marked = match json {
        Some(v) => {
            let mut strings = Vec::new();
            collect_strings(&v, &mut strings);
            strings.join("¶")
        }
        None => text.to_string(),
    };
    for block in
        ["<li", "</li>", "<p", "</p>", "<tr", "</tr>", "<h1", "<h2", "<h3", "<br", "<entry", "<summary"]
    {
        marked = marked.replace(block, &format!("¶{block}"));
    }
    for list in ["\n- ", "\n  • ", "\n• ", "\n\n", "\n#"] {
        marked = marked.replace(list, "¶");
    }
    let mut plain = String::new();
    let mut in_tag = false;
    for c in marked.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain.split('¶').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).collect()
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        serde_json::Value::Object(fields) => fields.values().for_each(|f| collect_strings(f, out)),
        _ => {}
    }
}

/// Every `(file, passage)` of `files` where a member's name stands beside
/// the word "overdue".
fn names_beside_overdue(files: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let names = member_names();
    let mut found = Vec::new();
    for (path, text) in files {
        for passage in passages(text).into_iter().filter(|p| p.contains("overdue")) {
            let words: Vec<&str> =
                passage.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
            let named = names.iter().any(|n| {
                if n.contains(' ') { passage.contains(n.as_str()) } else { words.contains(&n.as_str()) }
            });
            if named {
                found.push((path.clone(), passage));
            }
        }
    }
    found
}

#[test]
fn no_member_is_named_beside_an_overdue_item_on_any_public_page() {
    let site = public_site();
    let found = names_beside_overdue(site);
    assert!(found.is_empty(), "{found:#?}");
    // It can fire: the team's dashboard names who owns each late item.
    let (out, _) = common::build_sample_site("public-overdue-control");
    let team = names_beside_overdue(&common::texts(&out));
    assert!(team.iter().any(|(p, _)| p == "index.html"), "{team:#?}");
}

#[test]
fn no_public_summary_format_names_anyone_beside_an_overdue_item() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut outputs = BTreeMap::new();
    // The report date, and mid-September when six action items were late.
    for as_of in ["2026-11-20", "2026-09-15"] {
        for format in ["markdown", "text", "json", "slack", "teams"] {
            let run = common::tandem(
                &["summary", "sample-data", "--public", "--format", format, "--as-of", as_of],
                root,
            );
            assert!(run.success(), "{}", run.stderr);
            assert!(run.stdout.contains("overdue"), "{format} {as_of}: {}", run.stdout);
            outputs.insert(format!("{format} {as_of}"), run.stdout);
        }
    }
    let found = names_beside_overdue(&outputs);
    assert!(found.is_empty(), "{found:#?}");
    assert!(leaks(&outputs).is_empty(), "{:?}", leaks(&outputs));
}
