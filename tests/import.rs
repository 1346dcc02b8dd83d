//! Runs the real `tandem import` on every case under `tests/fixtures/import/`.
//!
//! A case holds `cmd` (one import per line: the words after `tandem import`,
//! paths relative to the case), an optional `data/` folder to start from, and
//! the exports. Good cases also hold `expected.json`, the sprint figures a
//! person worked out by hand from the exports (the case's README shows how),
//! and `golden/`, the files import writes. Bad cases (`bad-*`) hold
//! `expected-stderr.txt`. A case may also hold, under `flow`, flow figures
//! the start dates it imports must give (docs/figures.md). Run with `TANDEM_BLESS=1` to rewrite `golden/` and
//! `expected-stderr.txt` after a deliberate change, then review the diff; the
//! hand-checked figures are never rewritten.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn bless() -> bool {
    std::env::var_os("TANDEM_BLESS").is_some()
}

mod common;
use common::tandem;

/// Splits a `cmd` line into words, keeping "quoted words" together.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Runs every line of `cmd` into `data`; the outputs in order.
fn import_all(case: &Path, data: &Path) -> Vec<Output> {
    let cmd = fs::read_to_string(case.join("cmd")).unwrap_or_default();
    cmd.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut args = vec!["import".to_string()];
            args.extend(words(line));
            args.push("--into".into());
            args.push(data.display().to_string());
            tandem(&args, case)
        })
        .collect()
}

fn cases(good: bool) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures())
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    cases.retain(|c| c.file_name().is_some_and(|n| n.to_string_lossy().starts_with("bad-") != good));
    cases.sort();
    cases
}

fn check_golden(case: &Path, data: &Path, before: &BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let golden = case.join("golden");
    let written: BTreeMap<String, Vec<u8>> =
        common::files(data).into_iter().filter(|(p, b)| before.get(p) != Some(b)).collect();
    if bless() {
        let _ = fs::remove_dir_all(&golden);
        for (rel, bytes) in &written {
            let path = golden.join(rel);
            fs::create_dir_all(path.parent().unwrap_or(&golden)).map_err(|e| e.to_string())?;
            fs::write(path, bytes).map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    let expected = common::files(&golden);
    if expected != written {
        let mut report = String::new();
        for path in expected.keys().chain(written.keys()).collect::<std::collections::BTreeSet<_>>() {
            match (expected.get(path), written.get(path)) {
                (Some(a), Some(b)) if a != b => {
                    report.push_str(&format!("  {path} differs:\n{}\n", String::from_utf8_lossy(b)))
                }
                (Some(_), None) => report.push_str(&format!("  {path} was not written\n")),
                (None, Some(_)) => report.push_str(&format!("  {path} was written but is not in golden/\n")),
                _ => {}
            }
        }
        return Err(format!(
            "{}: generated files differ from golden/ (TANDEM_BLESS=1 to update):\n{report}",
            case.display()
        ));
    }
    Ok(())
}

/// The hand-checked figures against `metrics.json` of a build on the imported folder.
fn check_figures(case: &Path, data: &Path) -> Result<(), String> {
    let expected: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(case.join("expected.json")).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let as_of = expected["build_as_of"].as_str().ok_or("expected.json has no build_as_of")?;
    let site = data.join("public");
    let args: Vec<String> =
        ["build", ".", "-o", "public", "--as-of", as_of, "-q"].iter().map(|s| s.to_string()).collect();
    let out = tandem(&args, data);
    if !out.status.success() {
        return Err(format!("{}: build failed:\n{}", case.display(), String::from_utf8_lossy(&out.stderr)));
    }
    let metrics: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.join("metrics.json")).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let built: BTreeMap<&str, &serde_json::Value> = metrics["sprints"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| Some((s["id"].as_str()?, s))).collect())
        .unwrap_or_default();
    let want = expected["sprints"].as_object().ok_or("expected.json has no sprints")?;
    let mut problems = Vec::new();
    if built.len() != want.len() {
        problems.push(format!(
            "sprints built {:?}, expected {:?}",
            built.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>()
        ));
    }
    for (id, figures) in want {
        let Some(got) = built.get(id.as_str()) else {
            problems.push(format!("sprint {id} is missing"));
            continue;
        };
        for key in [
            "committed_points",
            "added_points",
            "removed_points",
            "completed_points",
            "carry_over_points",
            "unestimated_items",
        ] {
            let (a, b) = (figures[key].as_f64(), got[key].as_f64());
            if a != b {
                problems.push(format!("{id}.{key}: expected {a:?}, built {b:?}"));
            }
        }
        let sprint_file = fs::read_to_string(data.join(format!("sprints/{id}.yaml"))).unwrap_or_default();
        for (key, status) in figures["items"].as_object().into_iter().flatten() {
            let status = status.as_str().unwrap_or_default();
            let plain = format!("  - id: {key}\n");
            let quoted = format!("  - id: \"{key}\"\n");
            let rest = sprint_file.split(&plain).nth(1).or_else(|| sprint_file.split(&quoted).nth(1));
            let found = rest.and_then(|rest| rest.lines().find_map(|l| l.trim().strip_prefix("status: ")));
            if found != Some(status) {
                problems.push(format!("{id} {key}: expected {status}, written {found:?}"));
            }
        }
    }
    // Start dates, where a case checks them, as the flow figures they give.
    for (key, want) in expected["flow"].as_object().into_iter().flatten() {
        if &metrics["flow"][key.as_str()] != want {
            problems.push(format!("flow.{key}: expected {want}, built {}", metrics["flow"][key.as_str()]));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n  {}", case.display(), problems.join("\n  ")))
    }
}

fn run_good(case: &Path) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    if case.join("data").is_dir() {
        common::copy_dir(&case.join("data"), &data);
    }
    let before = common::files(&data);
    for out in import_all(case, &data) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || stderr.contains("panicked") {
            return Err(format!("{}: import failed:\n{stderr}", case.display()));
        }
    }
    check_golden(case, &data, &before)?;
    // Importing the same exports again changes no file, byte for byte.
    let first = common::files(&data);
    import_all(case, &data);
    if common::files(&data) != first {
        return Err(format!("{}: a second import of the same exports changed files", case.display()));
    }
    check_figures(case, &data)
}

#[test]
fn every_export_imports_builds_and_gives_the_hand_checked_figures() {
    let cases = cases(true);
    assert!(cases.len() >= 6, "expected the import fixtures, found {}", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run_good(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn run_bad(case: &Path) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let outs = import_all(case, &data);
    let out = outs.last().ok_or("empty cmd")?;
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&data.display().to_string(), "DATA");
    let expected_path = case.join("expected-stderr.txt");
    if bless() {
        fs::write(&expected_path, &stderr).map_err(|e| e.to_string())?;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    let mut problems = Vec::new();
    if out.status.code() != Some(1) {
        problems.push(format!("exit {:?}, expected 1", out.status.code()));
    }
    if stderr != expected {
        problems.push(format!("stderr:\n{stderr}\nexpected:\n{expected}"));
    }
    if stderr.contains("panicked") {
        problems.push("panicked".into());
    }
    if !common::files(&data).is_empty() {
        problems.push(format!("files were written: {:?}", common::files(&data).keys().collect::<Vec<_>>()));
    }
    if problems.is_empty() { Ok(()) } else { Err(format!("{}: {}", case.display(), problems.join("\n"))) }
}

#[test]
fn bad_exports_are_reported_at_their_place_and_nothing_is_written() {
    let cases = cases(false);
    assert!(cases.len() >= 8, "expected the bad import fixtures, found {}", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run_bad(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Imports the all-fields Jira case into `data` with extra words; the output.
fn import_all_fields(data: &Path, extra: &[&str]) -> Output {
    let case = fixtures().join("jira-csv-all-fields");
    let mut args: Vec<String> =
        ["import", "jira", "export.csv", "--sprints", "sprints.csv", "--as-of", "2026-04-13", "--into"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    args.push(data.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    tandem(&args, &case)
}

#[test]
fn a_hand_written_sprint_file_is_never_touched() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path();
    let mine =
        "id: phx-sprint-2\nname: Sprint two, as we keep it\nstart: 2026-03-16\nend: 2026-03-27\nitems: []\n";
    fs::create_dir_all(data.join("sprints")).unwrap_or_default();
    fs::write(data.join("sprints/phx-sprint-2.yaml"), mine).unwrap_or_default();
    let out = import_all_fields(data, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(fs::read_to_string(data.join("sprints/phx-sprint-2.yaml")).unwrap_or_default(), mine);
    assert!(
        stderr.contains("sprints/phx-sprint-2.yaml: a hand-written sprint file has the id `phx-sprint-2`"),
        "{stderr}"
    );
    assert!(
        data.join("sprints/phx-sprint-1.yaml").exists() && data.join("sprints/phx-sprint-3.yaml").exists()
    );
}

#[test]
fn a_dry_run_says_what_it_would_write_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path().join("data");
    let out = import_all_fields(&data, &["--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("Would import 15 issues as of 2026-04-13"), "{stdout}");
    assert!(stdout.contains("would write  sprints/phx-sprint-1.yaml (7 items, 24 points)"), "{stdout}");
    assert!(stdout.contains("would write  team.yaml (4 members)"), "{stdout}");
    assert!(!data.exists(), "a dry run created the data folder");
}

#[test]
fn generated_sprints_no_longer_wanted_are_removed_and_backlog_yaml_is_refused() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path();
    fs::create_dir_all(data.join("sprints")).unwrap_or_default();
    let stale =
        "# generated by tandem import jira from old.csv; edits are replaced on the next import\nid: old\n";
    fs::write(data.join("sprints/old.yaml"), stale).unwrap_or_default();
    let out = import_all_fields(data, &[]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("removed      sprints/old.yaml"));
    assert!(!data.join("sprints/old.yaml").exists());

    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(other.path().join("backlog.yaml"), "items: []\n").unwrap_or_default();
    let out = import_all_fields(other.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("move backlog.yaml to backlog/<its date>.yaml"));
    assert!(!other.path().join("sprints").exists(), "something was written");
}

#[test]
fn import_settings_are_checked_before_anything_is_read() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path();
    let settings = "title: Team\nimport:\n  timezone: Mars/Olympus\n  types: {Epic: saga}\n  jira:\n    months: [ene, feb]\n    columns: {resumen: Resumen}\n";
    fs::write(data.join("tandem.yaml"), settings).unwrap_or_default();
    let out = import_all_fields(data, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&data.display().to_string(), "DATA");
    assert_eq!(out.status.code(), Some(1));
    for expected in [
        "unknown time zone \"Mars/Olympus\"",
        "type \"saga\" for \"Epic\" should be one of story, bug, chore, spike",
        "unknown column key `resumen`",
        "`months` needs 12 names, January first (found 2)",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    fs::write(data.join("tandem.yaml"), "import:\n  jira:\n    colums: {}\n").unwrap_or_default();
    let out = import_all_fields(data, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&data.display().to_string(), "DATA");
    assert!(
        stderr.starts_with(
            "error: DATA/tandem.yaml:3:5: cannot read the import settings: unknown field `colums`"
        ),
        "{stderr}"
    );
}

#[test]
fn a_mapped_column_the_export_lacks_is_an_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path();
    let settings = "import:\n  jira:\n    columns: {started: \"Fecha de inicio\"}\n";
    fs::write(data.join("tandem.yaml"), settings).unwrap_or_default();
    let out = import_all_fields(data, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&data.display().to_string(), "DATA");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("export.csv:1:1: tandem.yaml maps `started: Fecha de inicio` under import.jira.columns, but this export has no such column (headers found: \"Summary\", \"Issue key\""),
        "{stderr}"
    );
    assert!(!data.join("sprints").exists(), "nothing is written");
}

#[test]
fn a_gitlab_import_says_once_that_cycle_time_needs_start_dates() {
    let case = fixtures().join("gitlab-iterations");
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let outs = import_all(&case, tmp.path());
    let out = outs.last().unwrap_or_else(|| panic!("no import ran"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let notice = "hint: cycle time needs start dates; GitLab exports have none: throughput and the forecast use the close dates, while cycle time, work in progress and age will show \"no data\"\n";
    assert_eq!(stderr.matches(notice).count(), 1, "once for two pages:\n{stderr}");
    let files = common::texts(&tmp.path().join("sprints"));
    assert!(!files.is_empty() && files.values().all(|f| !f.contains("started:")), "{files:?}");
}
