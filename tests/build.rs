//! `tandem build` through the real binary: the output rules of docs/commands.md and the
//! shape of what is written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Ran, Sandbox, Tandem, golden, repo, tandem};

fn sample() -> PathBuf {
    repo().join("sample-data")
}

fn build_sample(out: &Path) -> Ran {
    Tandem::new(repo()).arg("build").arg(sample()).arg("-o").arg(out).run()
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = Sandbox::empty();
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    assert!(build_sample(&a).success());
    let first = build_sample(&b);
    assert!(first.success(), "{}", first.stderr);
    assert_eq!(common::files(&a), common::files(&b));
    // And rebuilding over a previous site gives the same bytes too.
    assert!(build_sample(&a).success());
    assert_eq!(common::files(&a), common::files(&b));
}

#[test]
fn a_foreign_folder_is_refused_and_left_untouched() {
    let tmp = Sandbox::empty();
    let out = tmp.join("docs");
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    fs::write(out.join("thesis.md"), "my work").unwrap_or_else(|e| panic!("{e}"));
    let before = common::files(&out);
    let run = build_sample(&out);
    assert_eq!(run.code(), Some(3), "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert_eq!(common::files(&out), before);
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let tmp = Sandbox::with("sample-data", "data");
    let data = tmp.join("data");
    let out = tmp.join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let ok = tmp.tandem(&["build", "data", "-o", &out_arg]);
    assert!(ok.success(), "{}", ok.stderr);
    let before = common::files(&out);

    fs::write(data.join("sprints/s22.yaml"), "start: 2026-11-09\nend: yesterday\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let bad = tmp.tandem(&["build", "data", "-o", &out_arg]);
    assert_eq!(bad.code(), Some(1));
    assert!(bad.stderr.contains("sprints/s22.yaml:2:6"), "{}", bad.stderr);
    assert_eq!(common::files(&out), before);

    // A broken template override fails with exit 3 and leaves the site too.
    common::copy_dir(&sample(), &data);
    let templates = tmp.join("templates");
    fs::create_dir_all(&templates).unwrap_or_else(|e| panic!("{e}"));
    fs::write(templates.join("base.html"), "{% block main %}unclosed").unwrap_or_else(|e| panic!("{e}"));
    let broken = tmp.tandem(&["build", "data", "-o", &out_arg, "--templates", "templates"]);
    assert_eq!(broken.code(), Some(3), "{}", broken.stderr);
    assert!(broken.stderr.contains("base.html"), "{}", broken.stderr);
    assert_eq!(common::files(&out), before);
}

#[test]
fn strict_warnings_write_nothing() {
    let tmp = Sandbox::with("sample-data", "data");
    let data = tmp.join("data");
    fs::write(data.join("notes/README.md"), "# How we keep notes\n").unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.tandem(&["build", "data", "--strict", "-o", "site"]);
    assert_eq!(out.code(), Some(1));
    assert!(out.stderr.contains("notes/README.md"), "{}", out.stderr);
    assert!(!tmp.join("site").exists());
    // Without --strict the warning is printed and the site is written.
    let out = tmp.tandem(&["build", "data", "-o", "site"]);
    assert!(out.success(), "{}", out.stderr);
    assert!(out.stderr.contains("warning: notes/README.md"), "{}", out.stderr);
    assert!(tmp.join("site/index.html").is_file() || tmp.join("site/notes/index.html").is_file());
}

#[test]
fn output_may_not_overlap_the_data_folder() {
    let tmp = Sandbox::with("sample-data", "data");
    let data = tmp.join("data");
    for out in [".", "..", "notes/site"] {
        let run = tandem(&["build", ".", "-o", out], &data);
        assert_eq!(run.code(), Some(3), "output {out}: {}", run.stderr);
    }
    // The CLI defaults, data `.` and output `./public`, are fine.
    let run = tandem(&["build"], &data);
    assert!(run.success(), "{}", run.stderr);
    assert!(data.join("public/metrics.json").is_file());
    // And the site inside the data folder is not read back as data.
    let again = tandem(&["check", "--strict"], &data);
    assert!(again.success(), "{}", again.stderr);
}

#[test]
fn sample_metrics_json_matches_the_golden_file() {
    let tmp = Sandbox::empty();
    let out = tmp.join("site");
    let run = build_sample(&out);
    assert!(run.success(), "{}", run.stderr);
    let actual = fs::read_to_string(out.join("metrics.json")).unwrap_or_default();
    golden::assert_text(&repo().join("tests/golden/sample-data-metrics.json"), &actual);

    // Every note the JSON lists has its page where the JSON says.
    let json: serde_json::Value = serde_json::from_str(&actual).unwrap_or_default();
    let notes = json["notes"].as_array().cloned().unwrap_or_default();
    assert!(notes.len() >= 40);
    for note in notes {
        let url = note["url"].as_str().unwrap_or_default();
        assert!(out.join(url).join("index.html").is_file(), "no page at {url}");
    }
}

#[test]
fn sample_summary_md_matches_the_golden_file() {
    // What stakeholders receive, word for word: a change here should be deliberate.
    let tmp = Sandbox::empty();
    let out = tmp.join("site");
    let run = build_sample(&out);
    assert!(run.success(), "{}", run.stderr);
    let actual = fs::read_to_string(out.join("summary.md")).unwrap_or_default();
    golden::assert_text(&repo().join("tests/golden/sample-data-summary.md"), &actual);
}

#[test]
fn exported_templates_build_the_same_site_byte_for_byte() {
    let tmp = Sandbox::empty();
    let export = tmp.tandem(&["init", "--templates", "my-templates"]);
    assert!(export.success(), "{}", export.stderr);
    assert!(tmp.join("my-templates/base.html").is_file());
    assert!(tmp.join("my-templates/assets/style.css").is_file());
    let (plain, custom) = (tmp.join("plain"), tmp.join("custom"));
    assert!(build_sample(&plain).success());
    let run = tmp
        .command()
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(&custom)
        .args(["--templates", "my-templates"])
        .run();
    assert!(run.success(), "{}", run.stderr);
    assert_eq!(common::files(&plain), common::files(&custom));
    // A second export never overwrites the edited copies.
    let again = tmp.tandem(&["init", "--templates", "my-templates"]);
    assert_eq!(again.code(), Some(3));
}

#[test]
fn a_static_folder_is_copied_into_the_site_as_it_is() {
    let tmp = Sandbox::with("sample-data", "data");
    let data = tmp.join("data");
    let files =
        [("CNAME", "health.example.org\n"), ("robots.txt", "User-agent: *\n"), ("img/logo.svg", "<svg/>")];
    for (path, text) in files {
        let target = data.join("static").join(path);
        fs::create_dir_all(target.parent().unwrap_or(&data)).unwrap_or_else(|e| panic!("{e}"));
        fs::write(target, text).unwrap_or_else(|e| panic!("{e}"));
    }
    fs::create_dir_all(data.join("static/assets")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(data.join("static/assets/style.css"), "mine").unwrap_or_else(|e| panic!("{e}"));
    // A page is not copied whatever its path: it would escape the site's CSP.
    fs::write(data.join("static/index.html"), "mine").unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.join("site");
    let run = tmp.tandem(&["build", "data", "-o", "site", "-q"]);
    assert!(run.success(), "{}", run.stderr);
    for (path, text) in files {
        assert_eq!(fs::read_to_string(out.join(path)).unwrap_or_default(), text, "{path}");
    }
    assert_ne!(fs::read_to_string(out.join("index.html")).unwrap_or_default(), "mine");
    assert_ne!(fs::read_to_string(out.join("assets/style.css")).unwrap_or_default(), "mine");
    assert_eq!(
        run.stderr,
        "warning: static/assets/style.css: not copied: tandem writes assets/style.css itself (remove it from static/)\n\
         warning: static/index.html: not copied: it is a page or a script, and the site publishes none (Content-Security-Policy); tandem writes the pages\n\
         2 problems (2 warnings)\n"
    );
    // Under --strict those warnings fail the build, like any other.
    let strict = tmp.tandem(&["build", "data", "-o", "strict-site", "--strict"]);
    assert_eq!(strict.code(), Some(1), "{}", strict.stderr);
    assert!(!tmp.join("strict-site").exists());
}
