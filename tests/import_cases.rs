//! Cases a review of `tandem import` found, each written small: exports made
//! in the test, imported with the real binary, and the folder checked with
//! `tandem check` where the files must be valid.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

mod common;
use common::tandem;

fn write(dir: &Path, name: &str, text: &str) {
    fs::create_dir_all(dir.join(name).parent().unwrap_or(dir)).unwrap_or_default();
    fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn jira_sprint(id: u32, name: &str, start: &str, end: &str) -> Value {
    json!({"id": id, "name": name, "state": "closed", "boardId": 1, "startDate": format!("{start}T09:00:00.000Z"), "endDate": format!("{end}T08:00:00.000Z")})
}

fn jira_issue(key: &str, sprints: &[&Value], resolved: Option<&str>, histories: Value) -> Value {
    json!({"key": key, "fields": {
        "summary": format!("Work on {key}"), "issuetype": {"name": "Story"},
        "status": {"name": if resolved.is_some() {"Done"} else {"To Do"}, "statusCategory": {"key": if resolved.is_some() {"done"} else {"new"}}},
        "created": "2026-02-20T10:00:00.000+0000", "resolutiondate": resolved, "customfield_10020": sprints, "customfield_10016": 3,
        "assignee": {"accountId": "5b10ac8d82e05b22cc7d4ef5", "displayName": "Ana Lima"}
    }, "changelog": {"startAt": 0, "maxResults": 100, "total": histories.as_array().map_or(0, Vec::len), "histories": histories}})
}

fn jira_search(issues: Vec<Value>) -> String {
    let names = json!({"customfield_10020": "Sprint", "customfield_10016": "Story point estimate"});
    json!({"startAt": 0, "maxResults": 100, "total": issues.len(), "names": names, "issues": issues})
        .to_string()
}

#[test]
fn an_issue_finished_on_the_morning_of_the_handover_counts_in_the_sprint_that_ended() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (s1, s2) =
        (jira_sprint(1, "S1", "2026-03-02", "2026-03-16"), jira_sprint(2, "S2", "2026-03-16", "2026-03-30"));
    let sprint_move = |id: &str, created: &str, from: &str, to: &str| json!({"id": id, "created": created, "items": [{"field": "Sprint", "fieldtype": "custom", "from": from, "to": to}]});
    let issues = vec![
        jira_issue("P-1", &[&s1], Some("2026-03-16T08:00:00.000+0000"), json!([])),
        jira_issue("P-2", &[&s1, &s2], Some("2026-03-20T10:00:00.000+0000"), json!([])),
        // Added and taken out again within a few minutes, before the sprint: never in it.
        jira_issue(
            "P-3",
            &[],
            None,
            json!([
                sprint_move("11", "2026-02-25T10:00:00.000+0000", "", "1"),
                sprint_move("12", "2026-02-25T10:05:00.000+0000", "1", "")
            ]),
        ),
    ];
    write(tmp.path(), "page.json", &jira_search(issues));
    let out = tandem(&["import", "jira", "page.json", "--into", "data", "--as-of", "2026-04-01"], tmp.path());
    assert!(out.success(), "{}", out.stderr);
    let data = tmp.path().join("data");
    let s1 = read(&data, "sprints/s1.yaml");
    assert!(s1.contains("end: 2026-03-16\n"), "{s1}");
    assert!(s1.contains("  - id: P-1\n    title: Work on P-1\n    points: 3\n    type: story\n    status: done\n    done: 2026-03-16\n"), "{s1}");
    assert!(s1.contains("  - id: P-2\n") && !s1.contains("P-3"), "{s1}");
    let s2 = read(&data, "sprints/s2.yaml");
    assert!(s2.contains("start: 2026-03-17\n") && s2.contains("status: done\n    done: 2026-03-20"), "{s2}");
    let check = tandem(&["check", "data", "--as-of", "2026-04-01"], tmp.path());
    assert!(check.success(), "{}", check.stderr);
}

fn gitlab_issue(iid: u32, title: &str, iteration: &Value, assignee: (&str, &str)) -> Value {
    json!({"iid": iid, "title": title, "state": "opened", "created_at": "2026-02-20T10:00:00Z", "weight": 2,
           "iteration": iteration, "labels": [], "assignees": [{"username": assignee.0, "name": assignee.1}]})
}

fn iteration(id: u32, sequence: u32, start: &str, end: &str) -> Value {
    json!({"id": id, "iid": sequence, "sequence": sequence, "title": null, "start_date": start, "due_date": end, "state": 3})
}

#[test]
fn two_cadences_with_the_same_untitled_iteration_never_merge() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fortnight = iteration(101, 1, "2026-04-06", "2026-04-17");
    let (week1, week2) =
        (iteration(201, 1, "2026-04-06", "2026-04-10"), iteration(202, 2, "2026-04-13", "2026-04-17"));
    let ann = ("ann", "Ann");
    let issues = json!([
        gitlab_issue(1, "One", &fortnight, ann),
        gitlab_issue(2, "Two", &fortnight, ann),
        gitlab_issue(3, "Three", &fortnight, ann),
        gitlab_issue(4, "Four", &week1, ann),
        gitlab_issue(5, "Five", &week2, ann),
    ]);
    write(tmp.path(), "issues.json", &issues.to_string());
    let out =
        tandem(&["import", "gitlab", "issues.json", "--into", "data", "--as-of", "2026-04-20"], tmp.path());
    assert!(out.success(), "{}", out.stderr);
    let files = common::texts(&tmp.path().join("data/sprints"));
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        vec!["iteration-1-2026-04-06-to-2026-04-17.yaml"],
        "{}",
        out.stderr
    );
    let kept = &files["iteration-1-2026-04-06-to-2026-04-17.yaml"];
    assert!(kept.contains("\"#3\"") && !kept.contains("\"#4\""), "{kept}");
    assert!(out.stderr.contains("sprint \"Iteration 1 (2026-04-06 to 2026-04-10)\""), "{}", out.stderr);
}

#[test]
fn weekly_exports_give_the_same_files_whatever_order_they_are_imported_in() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let it = iteration(1, 1, "2026-03-02", "2026-03-13");
    let none = Value::Null;
    let ann = ("ann", "Ann");
    // 03-04: #1 and #2 in the iteration; 03-09: #1 taken out, #3 put in.
    write(
        tmp.path(),
        "a.json",
        &json!([
            gitlab_issue(1, "One", &it, ann),
            gitlab_issue(2, "Two", &it, ann),
            gitlab_issue(3, "Three", &none, ann)
        ])
        .to_string(),
    );
    write(
        tmp.path(),
        "b.json",
        &json!([
            gitlab_issue(1, "One", &none, ann),
            gitlab_issue(2, "Two", &it, ann),
            gitlab_issue(3, "Three", &it, ann)
        ])
        .to_string(),
    );
    for (folder, order) in [("forward", ["a.json", "b.json"]), ("backward", ["b.json", "a.json"])] {
        for file in order {
            let as_of = if file == "a.json" { "2026-03-04" } else { "2026-03-09" };
            let out = tandem(&["import", "gitlab", file, "--into", folder, "--as-of", as_of], tmp.path());
            assert!(out.success(), "{}", out.stderr);
        }
    }
    let forward = common::texts(&tmp.path().join("forward"));
    let sprint = &forward["sprints/iteration-1.yaml"];
    assert!(sprint.contains("  - id: \"#1\"\n    title: One\n    points: 2\n    type: story\n    status: removed\n    removed: 2026-03-09\n"), "{sprint}");
    assert!(sprint.contains("  - id: \"#3\"\n    title: Three\n    points: 2\n    type: story\n    status: not-done\n    added: 2026-03-09\n"), "{sprint}");
    let backward = common::texts(&tmp.path().join("backward"));
    // team.yaml is written once, by the first import, and then belongs to the team.
    for file in ["sprints/iteration-1.yaml", ".tandem/import-state.json"] {
        assert_eq!(forward[file], backward[file], "{file} depends on the order of imports");
    }
}

#[test]
fn odd_names_and_titles_give_files_tandem_check_accepts_and_re_import_keeps() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let it = iteration(1, 1, "2026-03-02", "2026-03-13");
    let people = [
        ("no", "No"),
        ("x1", "null"),
        ("jg", "José García"),
        ("jg2", "Jose Garcia"),
        ("li", "李雷"),
        ("han", "韩梅梅"),
    ];
    let titles = [
        "Fix: login # now",
        "- leading dash",
        "say \"hi\"\ttab",
        "two\nlines",
        "del\u{7f}char",
        "Yes",
        "2026-03-03",
        "🙂 emoji",
    ];
    let issues: Vec<Value> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| gitlab_issue(i as u32 + 1, title, &it, people[i % people.len()]))
        .collect();
    write(tmp.path(), "issues.json", &Value::Array(issues).to_string());
    let args = ["import", "gitlab", "issues.json", "--into", "data", "--as-of", "2026-03-16"];
    let out = tandem(&args, tmp.path());
    assert!(out.success(), "{}", out.stderr);
    let team = read(&tmp.path().join("data"), "team.yaml");
    for id in ["id: \"no\"", "id: x1", "id: jg", "id: jg2", "id: li", "id: han"] {
        assert!(team.contains(id), "{id} missing in:\n{team}");
    }
    let check = tandem(&["check", "data", "--as-of", "2026-03-16"], tmp.path());
    assert!(!check.stderr.contains("error"), "{}", check.stderr);
    let first = common::texts(&tmp.path().join("data"));
    let again = tandem(&args, tmp.path());
    assert!(again.success(), "{}", again.stderr);
    assert_eq!(first, common::texts(&tmp.path().join("data")), "re-import changed files");
}

#[test]
fn sprints_without_issues_and_sprints_clashing_with_hand_written_ones_are_left_out() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = "Summary,Issue key,Issue Type,Status,Created,Resolved,Sprint,Story Points\n\
               Saved cards,PHX-1,Story,Done,02/Mar/26 9:00 AM,05/Mar/26 4:00 PM,PHX Sprint 1,3\n\
               Refunds,PHX-2,Story,To Do,02/Mar/26 9:00 AM,,PHX Sprint 2,5\n";
    write(tmp.path(), "export.csv", csv);
    write(
        tmp.path(),
        "sprints.csv",
        "name,start,end\nPHX Sprint 0,2026-02-16,2026-02-27\nPHX Sprint 1,2026-03-02,2026-03-13\nPHX Sprint 2,2026-03-16,2026-03-27\nPHX Sprint 9,2026-06-01,2026-06-12\n",
    );
    let mine = "id: legacy\nstart: 2026-03-20\nend: 2026-03-31\nitems: []\n";
    write(tmp.path(), "data/sprints/legacy.yaml", mine);
    let out = tandem(
        &[
            "import",
            "jira",
            "export.csv",
            "--sprints",
            "sprints.csv",
            "--into",
            "data",
            "--as-of",
            "2026-04-01",
        ],
        tmp.path(),
    );
    let err = &out.stderr;
    assert!(out.success(), "{err}");
    assert!(
        err.contains("2 sprints hold no exported issue, so they are not written: PHX Sprint 0, PHX Sprint 9"),
        "{err}"
    );
    assert!(err.contains("sprints/legacy.yaml: sprint \"PHX Sprint 2\" (2026-03-16 to 2026-03-27) overlaps this hand-written sprint"), "{err}");
    let sprints = common::texts(&tmp.path().join("data/sprints"));
    assert_eq!(sprints.keys().collect::<Vec<_>>(), vec!["legacy.yaml", "phx-sprint-1.yaml"]);
    assert_eq!(sprints["legacy.yaml"], mine);
}

#[test]
fn impossible_times_are_errors_and_odd_keys_are_fine() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut bad = jira_issue("P-1", &[], None, json!([]));
    bad["fields"]["created"] = json!("2026-02-20T25:00:00.000Z");
    write(tmp.path(), "bad.json", &jira_search(vec![bad]));
    let out = tandem(&["import", "jira", "bad.json", "--into", "data", "--as-of", "2026-04-01"], tmp.path());
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert!(out.stderr.starts_with("error: bad.json:1:"), "{}", out.stderr);
    assert!(
        out.stderr.contains("issue P-1, `created`: \"2026-02-20T25:00:00.000Z\" is not a date"),
        "{}",
        out.stderr
    );

    let csv = "Summary,Issue key,Status,Created,Sprint\nA,PHX-é,To Do,02/Mar/26,S1\nB,PHX-2é,To Do,02/Mar/26,S1\nC,PHX-10,To Do,02/Mar/26,S1\nD,PHX-9,To Do,02/Mar/26,S1\n";
    write(tmp.path(), "keys.csv", csv);
    write(tmp.path(), "s.csv", "S1,2026-03-02,2026-03-13\n");
    let out = tandem(
        &["import", "jira", "keys.csv", "--sprints", "s.csv", "--into", "keys", "--as-of", "2026-04-01"],
        tmp.path(),
    );
    assert!(out.success(), "{}", out.stderr);
    let sprint = read(&tmp.path().join("keys"), "sprints/s1.yaml");
    let ids: Vec<&str> = sprint.lines().filter_map(|l| l.strip_prefix("  - id: ")).collect();
    // Keys sort as people read them: by prefix, then by number.
    assert_eq!(ids, vec!["PHX-9", "PHX-10", "PHX-2é", "PHX-é"]);
}

/// A data folder from someone else: `sprints -> <outside>` and a planted
/// `backlog/<date>.yaml -> <outside file>`. Nothing is written outside
/// `--into`, the link is named, and nothing is written inside either.
#[cfg(unix)]
#[test]
fn links_in_the_data_folder_are_not_written_through() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s1 = jira_sprint(1, "S1", "2026-03-02", "2026-03-16");
    write(tmp.path(), "page.json", &jira_search(vec![jira_issue("P-1", &[&s1], None, json!([]))]));
    let import = |into: &str| {
        tandem(&["import", "jira", "page.json", "--into", into, "--as-of", "2026-04-01"], tmp.path())
    };

    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap_or_else(|e| panic!("{e}"));
    symlink(outside.path(), data.join("sprints")).unwrap_or_else(|e| panic!("{e}"));
    let out = import("data");
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    assert!(out.stderr.contains("sprints is a symbolic link (to "), "{}", out.stderr);
    assert!(common::texts(outside.path()).is_empty(), "{:?}", common::texts(outside.path()));
    assert!(common::texts(&data).is_empty(), "{:?}", common::texts(&data));

    let other = tmp.path().join("other");
    fs::create_dir_all(other.join("backlog")).unwrap_or_else(|e| panic!("{e}"));
    let victim = outside.path().join("victim.yaml");
    write(outside.path(), "victim.yaml", "precious\n");
    symlink(&victim, other.join("backlog/2026-04-01.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let out = import("other");
    assert_eq!(out.code(), Some(3), "{}", out.stderr);
    assert!(out.stderr.contains("2026-04-01.yaml is a symbolic link"), "{}", out.stderr);
    assert_eq!(read(outside.path(), "victim.yaml"), "precious\n");
    assert!(common::texts(&other).is_empty(), "{:?}", common::texts(&other));
}
