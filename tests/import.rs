//! Runs the real `tandem import` on every case under `tests/fixtures/import/`.
//!
//! A case holds `cmd` (one import per line: the words after `tandem import`,
//! paths relative to the case), an optional `data/` folder to start from, and
//! the exports. Good cases also hold `expected.json`, the sprint figures a
//! person worked out by hand from the exports (the case's README shows how),
//! and `golden/`, the files import writes. Bad cases (`bad-*`) hold
//! `expected-stderr.txt`. Run with `TANDEM_BLESS=1` to rewrite `golden/` and
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
        // A goal outcome the sprint list gave, when the case names one.
        if let Some(want) = figures.get("goal_met")
            && got.get("goal_met") != Some(want)
        {
            problems.push(format!("{id}.goal_met: expected {want}, built {:?}", got.get("goal_met")));
        }
        let sprint_file = fs::read_to_string(data.join(format!("sprints/{id}.yaml"))).unwrap_or_default();
        // Every item is listed: an issue written that the person did not expect
        // (a sub-task, an epic) is as wrong as one missing.
        let items_part = sprint_file.split("\nimpediments:").next().unwrap_or_default();
        let written = items_part.lines().filter(|l| l.starts_with("  - id: ")).count();
        let listed = figures["items"].as_object().map_or(0, |m| m.len());
        if written != listed {
            problems.push(format!("{id}: {written} items written, {listed} expected"));
        }
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
    // Figures as of the build date (`delivery.goal_success_rate` ...), when the case names any.
    for (key, want) in expected["delivery"].as_object().into_iter().flatten() {
        let got = &metrics["delivery"][key];
        if got.as_f64() != want.as_f64() || got.is_null() != want.is_null() {
            problems.push(format!("delivery.{key}: expected {want}, built {got}"));
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
    if case.join("data").is_dir() {
        common::copy_dir(&case.join("data"), &data);
    }
    let before = common::files(&data);
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
    if common::files(&data) != before {
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
    // PHX-106, a sub-task of PHX-101, is folded into it: no item of its own.
    assert!(stdout.contains("\n  folded 1 sub-task into 1 parent\n"), "{stdout}");
    assert!(stdout.contains("would write  sprints/phx-sprint-1.yaml (6 items, 23 points)"), "{stdout}");
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

/// Imports the Spanish sub-task case into `data` with `words` after `import`.
fn import_sol(data: &Path, words: &[&str]) -> Output {
    let case = fixtures().join("jira-csv-spanish-subtasks");
    let mut args: Vec<String> =
        std::iter::once("import").chain(words.iter().copied()).map(String::from).collect();
    args.push("--into".into());
    args.push(data.display().to_string());
    tandem(&args, &case)
}

fn goal_met_line(data: &Path, id: &str) -> Option<String> {
    let text = fs::read_to_string(data.join(format!("sprints/{id}.yaml"))).unwrap_or_default();
    text.lines().find(|l| l.starts_with("goal_met:")).map(str::to_string)
}

#[test]
fn goal_outcomes_are_kept_across_imports() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path();
    common::copy_dir(&fixtures().join("jira-csv-spanish-subtasks/data"), data);
    let list_without = tmp.path().join("dates-only.csv");
    fs::write(
        &list_without,
        "name,start,end\nSOL Sprint 1,2026-09-07,2026-09-18\nSOL Sprint 2,2026-09-21,2026-10-02\n",
    )
    .unwrap_or_default();
    let without = list_without.display().to_string();
    let out = import_sol(data, &["jira", "export.csv", "--sprints", "sprints.csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(goal_met_line(data, "sol-sprint-1").as_deref(), Some("goal_met: true"));
    assert_eq!(goal_met_line(data, "sol-sprint-2").as_deref(), Some("goal_met: false"));

    // Next week's import with a list that has no outcomes (nor goals) keeps them.
    let out = import_sol(data, &["jira", "export.csv", "--sprints", &without]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(goal_met_line(data, "sol-sprint-1").as_deref(), Some("goal_met: true"));
    assert_eq!(goal_met_line(data, "sol-sprint-2").as_deref(), Some("goal_met: false"));

    // A newer list that says otherwise wins; an older one imported after it does not.
    let newer = tmp.path().join("newer.csv");
    fs::write(&newer, "name,start,end,goal_met\nSOL Sprint 2,2026-09-21,2026-10-02,true\nSOL Sprint 1,2026-09-07,2026-09-18,\n")
        .unwrap_or_default();
    let newer = newer.display().to_string();
    let out = import_sol(data, &["jira", "export.csv", "--sprints", &newer, "--as-of", "2026-10-12"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = import_sol(data, &["jira", "export.csv", "--sprints", "sprints.csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(goal_met_line(data, "sol-sprint-1").as_deref(), Some("goal_met: true"));
    assert_eq!(goal_met_line(data, "sol-sprint-2").as_deref(), Some("goal_met: true"));
}

#[test]
fn a_goal_and_outcome_written_into_a_generated_file_survive_the_next_import() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path();
    assert!(import_all_fields(data, &[]).status.success());
    let path = data.join("sprints/phx-sprint-2.yaml");
    let generated = fs::read_to_string(&path).unwrap_or_default();
    // After the review the scrum master records the outcome by hand.
    let edited = generated.replace(
        "goal: Refunds without a support ticket\n",
        "goal: Refunds without a support ticket\ngoal_met: false\n",
    );
    assert_ne!(edited, generated);
    fs::write(&path, &edited).unwrap_or_default();
    let out = import_all_fields(data, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged    sprints/phx-sprint-2.yaml"));
    assert_eq!(fs::read_to_string(&path).unwrap_or_default(), edited);
    // The build then has an assessed goal: "Sprint goals met" has data.
    let out = tandem(&["build", ".", "-o", "public", "--as-of", "2026-04-13", "-q"], data);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let metrics: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(data.join("public/metrics.json")).unwrap_or_default())
            .unwrap_or_default();
    assert_eq!(metrics["delivery"]["goal_success_rate"].as_f64(), Some(0.0), "{}", metrics["delivery"]);
}

#[test]
fn an_old_export_names_the_as_of_to_build_it_with() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The clock of the tests is 2026-09-21: this export of 2026-04-13 is 161 days old.
    let out = import_all_fields(tmp.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("hint: this export is from 2026-04-13, 161 days before today (2026-09-21); build and check it with --as-of 2026-04-13"),
        "{stderr}"
    );
    // A hint is no problem: no count line.
    assert!(!stderr.contains("problem"), "{stderr}");
    // An export from after the clock's today (or within 14 days) says nothing of the kind.
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    common::copy_dir(&fixtures().join("jira-csv-spanish-subtasks/data"), other.path());
    let out = import_sol(other.path(), &["jira", "export.csv", "--sprints", "sprints.csv"]);
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("hint:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sub_task_settings_items_and_skip() {
    for (setting, items, line) in [
        ("items", 170, None),
        ("skip", 12, Some("  left out 166 sub-tasks and 3 epics\n")),
        ("fold", 12, Some("  folded 166 sub-tasks into 16 parents; left out 3 epics\n")),
    ] {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let data = tmp.path();
        common::copy_dir(&fixtures().join("jira-csv-spanish-subtasks/data"), data);
        let settings = fs::read_to_string(data.join("tandem.yaml")).unwrap_or_default();
        fs::write(
            data.join("tandem.yaml"),
            settings.replace("  jira:\n", &format!("  jira:\n    subtasks: {setting}\n")),
        )
        .unwrap_or_default();
        let out = import_sol(data, &["jira", "export.csv", "--sprints", "sprints.csv"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains(&format!("sprints/sol-sprint-1.yaml ({items} items")), "{setting}: {stdout}");
        match line {
            Some(line) => assert!(stdout.contains(line), "{setting}: {stdout}"),
            None => assert!(
                !stdout.contains("folded") && stdout.contains("left out 3 epics"),
                "{setting}: {stdout}"
            ),
        }
    }
}
