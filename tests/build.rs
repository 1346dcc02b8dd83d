//! `tandem build` through the real binary: the output rules of docs/commands.md and the
//! shape of what is written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

fn tandem(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap_or_else(|e| panic!("cannot run tandem: {e}"))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build_sample(out: &Path) -> Output {
    let out = out.to_string_lossy().into_owned();
    tandem(&["build", &sample().to_string_lossy(), "-o", &out], Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempdir();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert!(build_sample(&a).status.success());
    let first = build_sample(&b);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(common::files(&a), common::files(&b));
    // And rebuilding over a previous site gives the same bytes too.
    assert!(build_sample(&a).status.success());
    assert_eq!(common::files(&a), common::files(&b));
}

#[test]
fn a_foreign_folder_is_refused_and_left_untouched() {
    let tmp = tempdir();
    let out = tmp.path().join("docs");
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    fs::write(out.join("thesis.md"), "my work").unwrap_or_else(|e| panic!("{e}"));
    let before = common::files(&out);
    let run = build_sample(&out);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(stderr(&run).starts_with("error: "), "{}", stderr(&run));
    assert_eq!(common::files(&out), before);
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let tmp = tempdir();
    let data = tmp.path().join("data");
    common::copy_dir(&sample(), &data);
    let out = tmp.path().join("site");
    let out_arg = out.to_string_lossy().into_owned();
    let ok = tandem(&["build", "data", "-o", &out_arg], tmp.path());
    assert!(ok.status.success(), "{}", stderr(&ok));
    let before = common::files(&out);

    fs::write(data.join("sprints/s22.yaml"), "start: 2026-11-09\nend: yesterday\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let bad = tandem(&["build", "data", "-o", &out_arg], tmp.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("sprints/s22.yaml:2:6"), "{}", stderr(&bad));
    assert_eq!(common::files(&out), before);

    // A broken template override fails with exit 3 and leaves the site too.
    common::copy_dir(&sample(), &data);
    let templates = tmp.path().join("templates");
    fs::create_dir_all(&templates).unwrap_or_else(|e| panic!("{e}"));
    fs::write(templates.join("base.html"), "{% block main %}unclosed").unwrap_or_else(|e| panic!("{e}"));
    let broken = tandem(&["build", "data", "-o", &out_arg, "--templates", "templates"], tmp.path());
    assert_eq!(broken.status.code(), Some(3), "{}", stderr(&broken));
    assert!(stderr(&broken).contains("base.html"), "{}", stderr(&broken));
    assert_eq!(common::files(&out), before);
}

#[test]
fn strict_warnings_write_nothing() {
    let tmp = tempdir();
    let data = tmp.path().join("data");
    common::copy_dir(&sample(), &data);
    fs::write(data.join("notes/README.md"), "# How we keep notes\n").unwrap_or_else(|e| panic!("{e}"));
    let out = tandem(&["build", "data", "--strict", "-o", "site"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("notes/README.md"), "{}", stderr(&out));
    assert!(!tmp.path().join("site").exists());
    // Without --strict the warning is printed and the site is written.
    let out = tandem(&["build", "data", "-o", "site"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning: notes/README.md"), "{}", stderr(&out));
    assert!(
        tmp.path().join("site/index.html").is_file() || tmp.path().join("site/notes/index.html").is_file()
    );
}

#[test]
fn output_may_not_overlap_the_data_folder() {
    let tmp = tempdir();
    let data = tmp.path().join("data");
    common::copy_dir(&sample(), &data);
    for out in [".", "..", "notes/site"] {
        let run = tandem(&["build", ".", "-o", out], &data);
        assert_eq!(run.status.code(), Some(3), "output {out}: {}", stderr(&run));
    }
    // The CLI defaults, data `.` and output `./public`, are fine.
    let run = tandem(&["build"], &data);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(data.join("public/metrics.json").is_file());
    // And the site inside the data folder is not read back as data.
    let again = tandem(&["check", "--strict"], &data);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn sample_metrics_json_matches_the_golden_file() {
    let tmp = tempdir();
    let out = tmp.path().join("site");
    let run = build_sample(&out);
    assert!(run.status.success(), "{}", stderr(&run));
    let actual = fs::read_to_string(out.join("metrics.json")).unwrap_or_default();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sample-data-metrics.json");
    if std::env::var_os("TANDEM_BLESS").is_some() {
        fs::write(&golden, &actual).unwrap_or_else(|e| panic!("{e}"));
    }
    let expected = fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        actual == expected,
        "metrics.json differs from {}; run with TANDEM_BLESS=1 and review the diff",
        golden.display()
    );

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
    let tmp = tempdir();
    let out = tmp.path().join("site");
    let run = build_sample(&out);
    assert!(run.status.success(), "{}", stderr(&run));
    let actual = fs::read_to_string(out.join("summary.md")).unwrap_or_default();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sample-data-summary.md");
    if std::env::var_os("TANDEM_BLESS").is_some() {
        fs::write(&golden, &actual).unwrap_or_else(|e| panic!("{e}"));
    }
    let expected = fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        actual == expected,
        "summary.md differs from {}; run with TANDEM_BLESS=1 and review the diff",
        golden.display()
    );
}

#[test]
fn exported_templates_build_the_same_site_byte_for_byte() {
    let tmp = tempdir();
    let export = tandem(&["init", "--templates", "my-templates"], tmp.path());
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(tmp.path().join("my-templates/base.html").is_file());
    assert!(tmp.path().join("my-templates/assets/style.css").is_file());
    let (plain, custom) = (tmp.path().join("plain"), tmp.path().join("custom"));
    assert!(build_sample(&plain).status.success());
    let run = tandem(
        &[
            "build",
            &sample().to_string_lossy(),
            "-o",
            &custom.to_string_lossy(),
            "--templates",
            "my-templates",
        ],
        tmp.path(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(common::files(&plain), common::files(&custom));
    // A second export never overwrites the edited copies.
    let again = tandem(&["init", "--templates", "my-templates"], tmp.path());
    assert_eq!(again.status.code(), Some(3));
}

#[test]
fn a_static_folder_is_copied_into_the_site_as_it_is() {
    let tmp = tempdir();
    let data = tmp.path().join("data");
    common::copy_dir(&sample(), &data);
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
    let out = tmp.path().join("site");
    let run = tandem(&["build", "data", "-o", "site", "-q"], tmp.path());
    assert!(run.status.success(), "{}", stderr(&run));
    for (path, text) in files {
        assert_eq!(fs::read_to_string(out.join(path)).unwrap_or_default(), text, "{path}");
    }
    assert_ne!(fs::read_to_string(out.join("index.html")).unwrap_or_default(), "mine");
    assert_ne!(fs::read_to_string(out.join("assets/style.css")).unwrap_or_default(), "mine");
    assert_eq!(
        stderr(&run),
        "warning: static/assets/style.css: not copied: tandem writes assets/style.css itself (remove it from static/)\n\
         warning: static/index.html: not copied: it is a page or a script, and the site publishes none (Content-Security-Policy); tandem writes the pages\n\
         2 problems (2 warnings)\n"
    );
    // Under --strict those warnings fail the build, like any other.
    let strict = tandem(&["build", "data", "-o", "strict-site", "--strict"], tmp.path());
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(!tmp.path().join("strict-site").exists());
}
