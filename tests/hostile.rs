//! Data folders and output folders that someone else prepared: huge files,
//! links out of the folder, links planted in the output (issue 11).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Ran, tandem};
use std::fs;
use std::path::{Path, PathBuf};

const MIB: u64 = 1024 * 1024;

/// A small valid data folder in `dir/data`.
fn small_data(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    fs::create_dir_all(data.join("sprints")).unwrap();
    fs::create_dir_all(data.join("notes")).unwrap();
    fs::write(
        data.join("team.yaml"),
        "name: Kestrel\nmembers:\n  - {id: ana, name: Ana, role: developer}\n  - {id: bo, name: Bo, role: scrum-master}\n  - {id: po, name: Po, role: product-owner}\n",
    )
    .unwrap();
    fs::write(data.join("tandem.yaml"), "as_of: 2026-03-20\n").unwrap();
    fs::write(
        data.join("sprints/s1.yaml"),
        "id: S1\nstart: 2026-03-02\nend: 2026-03-13\ngoal: Ship it\nitems:\n  - {id: K-1, title: One, points: 3, status: done, done: 2026-03-10}\n",
    )
    .unwrap();
    fs::write(
        data.join("notes/2026-03-12-retro.md"),
        "---\ndate: 2026-03-12\nkind: retro\ntitle: Retro one\nattendees: [ana, bo]\n---\n\n- [ ] @ana: write the guide due 2026-03-19\n",
    )
    .unwrap();
    data
}

fn sparse(path: &Path, len: u64) {
    fs::File::create(path).unwrap().set_len(len).unwrap();
}

fn build(data: &Path, out: &Path, cwd: &Path) -> Ran {
    tandem(&[Path::new("build").as_os_str(), data.as_os_str(), "-o".as_ref(), out.as_os_str()], cwd)
}

/// Every file under `dir` (links not followed) with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap_or_default()))
        .collect();
    all.sort();
    all
}

#[test]
fn huge_files_are_refused_before_they_are_read_all_in_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(tmp.path());
    sparse(&data.join("notes/huge.md"), 64 * MIB);
    sparse(&data.join("sprints/s2.yaml"), 20 * MIB);
    fs::create_dir(data.join("static")).unwrap();
    sparse(&data.join("static/movie.mp4"), 65 * MIB);
    let out = build(&data, &tmp.path().join("site"), tmp.path());
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    let said = &out.stderr;
    assert!(
        said.contains(
            "error: notes/huge.md: the file is 64.0 MiB; notes are read up to 8 MiB (split it or remove it)"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "error: sprints/s2.yaml: the file is 20.0 MiB; YAML files are read up to 16 MiB (split it or remove it)"
        ),
        "{said}"
    );
    // static/ is part of the data folder: read with the rest, reported with the rest.
    assert!(
        said.contains(
            "error: static/movie.mp4: the file is 65.0 MiB; files in static/ are read up to 64 MiB (split it or remove it)"
        ),
        "{said}"
    );
    assert!(!tmp.path().join("site").exists());

    // Alone, it still stops the build.
    fs::remove_file(data.join("notes/huge.md")).unwrap();
    fs::remove_file(data.join("sprints/s2.yaml")).unwrap();
    let out = build(&data, &tmp.path().join("site"), tmp.path());
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "error: static/movie.mp4: the file is 65.0 MiB; files in static/ are read up to 64 MiB (split it or remove it)"
        ),
        "{}",
        out.stderr
    );
    assert!(!tmp.path().join("site").exists());
}

/// A page or a script in static/ would be published without the site's
/// Content-Security-Policy: it is left out with a warning, and so is an SVG
/// that can run something, while a clean logo and a CNAME are copied.
#[test]
fn pages_scripts_and_svgs_that_can_run_something_are_not_copied_from_static() {
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(tmp.path());
    let stat = data.join("static");
    fs::create_dir(&stat).unwrap();
    fs::write(stat.join("x.html"), "<script>alert(1)</script>").unwrap();
    fs::write(stat.join("app.js"), "alert(1)").unwrap();
    let logo = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle r="4"/></svg>"#;
    fs::write(stat.join("logo.svg"), logo).unwrap();
    fs::write(stat.join("evil.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#)
        .unwrap();
    fs::write(stat.join("CNAME"), "example.org\n").unwrap();
    let site = tmp.path().join("site");
    let out = build(&data, &site, tmp.path());
    assert_eq!(out.code(), Some(0), "{}", out.stderr);
    let said = &out.stderr;
    let page = "not copied: it is a page or a script, and the site publishes none (Content-Security-Policy); tandem writes the pages";
    for line in [
        format!("warning: static/x.html: {page}"),
        format!("warning: static/app.js: {page}"),
        "warning: static/evil.svg: not copied: this SVG holds a script".to_string(),
    ] {
        assert!(said.contains(&line), "{line}\n{said}");
    }
    assert!(!said.contains("logo.svg") && !said.contains("CNAME"), "{said}");
    assert!(
        !site.join("x.html").exists() && !site.join("app.js").exists() && !site.join("evil.svg").exists()
    );
    assert_eq!(fs::read_to_string(site.join("logo.svg")).unwrap(), logo);
    assert_eq!(fs::read_to_string(site.join("CNAME")).unwrap(), "example.org\n");

    let strict = tandem(
        &[
            Path::new("build").as_os_str(),
            data.as_os_str(),
            "-o".as_ref(),
            site.as_os_str(),
            "--strict".as_ref(),
        ],
        tmp.path(),
    );
    assert_eq!(strict.code(), Some(1), "{}", strict.stderr);
    assert!(strict.stderr.contains("static/x.html"), "{}", strict.stderr);

    // `check` does everything but write: it says the same about static/.
    let checked = tandem(&[Path::new("check").as_os_str(), data.as_os_str()], tmp.path());
    assert_eq!(checked.code(), Some(0), "{}", checked.stderr);
    assert!(checked.stderr.contains(&format!("warning: static/x.html: {page}")), "{}", checked.stderr);
}

#[test]
fn a_note_at_the_limit_is_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(tmp.path());
    let mut text = b"---\ndate: 2026-03-11\nkind: sync\ntitle: Long\n---\n\n".to_vec();
    text.resize(8 * MIB as usize, b'a');
    fs::write(data.join("notes/2026-03-11-long.md"), &text).unwrap();
    let out = tandem(&["check", "data"], tmp.path());
    assert_eq!(out.code(), Some(0), "{}", out.stderr);
    text.push(b'a');
    fs::write(data.join("notes/2026-03-11-long.md"), &text).unwrap();
    let out = tandem(&["check", "data"], tmp.path());
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("the file is 8.0 MiB (8388609 bytes); notes are read up to 8 MiB"));
}

#[test]
fn an_export_over_the_import_limit_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    sparse(&tmp.path().join("export.csv"), 300 * MIB);
    let out = tandem(&["import", "jira", "export.csv", "--into", "data"], tmp.path());
    assert_eq!(out.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("export.csv: the file is 300.0 MiB; exports are read up to 256 MiB"),
        "{}",
        out.stderr
    );
    assert!(!tmp.path().join("data").exists());
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_data_folder_and_loops_are_warnings_not_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let data = small_data(tmp.path());
        fs::write(tmp.path().join("private.md"), "---\ndate: 2026-03-11\nkind: sync\ntitle: Secret\n---\n")
            .unwrap();
        symlink("..", data.join("notes/loop")).unwrap();
        symlink("/", data.join("notes/root")).unwrap();
        symlink("../../private.md", data.join("notes/private.md")).unwrap();
        symlink("nowhere.md", data.join("notes/gone.md")).unwrap();
        symlink("2026-03-12-retro.md", data.join("notes/again.md")).unwrap();
        fs::create_dir(data.join("static")).unwrap();
        fs::write(data.join("static/CNAME"), "example.org\n").unwrap();
        symlink("/", data.join("static/root")).unwrap();
        symlink("../../private.md", data.join("static/private.md")).unwrap();
        let site = tmp.path().join("site");
        let out = build(&data, &site, tmp.path());
        assert_eq!(out.code(), Some(0), "{}", out.stderr);
        let said = &out.stderr;
        for line in [
            "warning: notes/loop: link not followed: it points to .., a folder that holds the link (a loop)",
            "warning: notes/root: link not followed: it points to /, outside the data folder",
            "warning: notes/private.md: link not followed: it points to ../../private.md, outside the data folder",
            "warning: notes/gone.md: link not followed: it points to nowhere.md, which does not exist",
            "warning: notes/again.md: not read again: it is the same file as notes/2026-03-12-retro.md",
            "warning: static/root: link not followed: it points to /, outside the data folder",
            "warning: static/private.md: link not followed: it points to ../../private.md, outside the data folder",
        ] {
            assert!(said.contains(line), "{line}\n{said}");
        }
        assert_eq!(fs::read_to_string(site.join("CNAME")).unwrap(), "example.org\n");
        assert!(!site.join("root").exists() && !site.join("private.md").exists());
        let pages = snapshot(&site);
        assert!(!pages.iter().any(|(_, b)| String::from_utf8_lossy(b).contains("Secret")));
    }

    #[test]
    fn a_data_folder_given_as_a_link_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let data = small_data(tmp.path());
        symlink(&data, tmp.path().join("alias")).unwrap();
        let out = tandem(&["check", "alias"], tmp.path());
        assert_eq!(out.code(), Some(0), "{}", out.stderr);
        assert_eq!(out.stderr, "Checked 4 files in alias: no problems\n");
    }

    #[test]
    fn an_output_folder_that_is_a_link_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        small_data(tmp.path());
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        fs::write(elsewhere.join("keep.txt"), "mine").unwrap();
        symlink(&elsewhere, tmp.path().join("site")).unwrap();
        for given in ["site", "site/"] {
            let out = tandem(&["build", "data", "-o", given], tmp.path());
            assert_eq!(out.code(), Some(3), "{}", out.stderr);
            assert!(out.stderr.contains("it is a symbolic link"), "{}", out.stderr);
        }
        assert_eq!(snapshot(&elsewhere).len(), 1);
        assert!(fs::symlink_metadata(tmp.path().join("site")).unwrap().file_type().is_symlink());
    }

    #[test]
    fn links_planted_in_the_output_are_replaced_never_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let data = small_data(tmp.path());
        let site = tmp.path().join("site");
        let victim = tmp.path().join("victim");
        fs::create_dir(&victim).unwrap();
        fs::write(victim.join("bashrc"), "precious").unwrap();
        fs::create_dir(victim.join("etc")).unwrap();
        fs::write(victim.join("etc/passwd"), "root").unwrap();
        let first = build(&data, &site, tmp.path());
        assert_eq!(first.code(), Some(0), "{}", first.stderr);
        let clean = snapshot(&site);
        let old = tmp.path().join(".site.tandem-old");
        let tmpdir = tmp.path().join(".site.tandem-tmp");
        // Twice: the links planted in the site land in the kept previous site
        // after one build and are met by the next one.
        for round in 0..3 {
            for dir in [&site, &old] {
                if !dir.is_dir() {
                    continue;
                }
                let _ = fs::remove_file(dir.join("index.html"));
                symlink(victim.join("bashrc"), dir.join("index.html")).unwrap();
                let assets = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.is_dir());
                if let Some(assets) = assets {
                    fs::remove_dir_all(&assets).unwrap();
                    symlink(victim.join("etc"), &assets).unwrap();
                }
                symlink(victim.join("bashrc"), dir.join(".gitignore")).ok();
                symlink(victim.join("bashrc"), dir.join(".tandem-site")).ok();
            }
            if round == 2 {
                symlink(&victim, &tmpdir).unwrap();
            }
            let out = build(&data, &site, tmp.path());
            assert_eq!(out.code(), Some(0), "round {round}: {}", out.stderr);
            assert_eq!(fs::read_to_string(victim.join("bashrc")).unwrap(), "precious");
            assert_eq!(fs::read_to_string(victim.join("etc/passwd")).unwrap(), "root");
            assert_eq!(snapshot(&victim).len(), 2, "round {round}");
            let now: Vec<(String, Vec<u8>)> = snapshot(&site);
            assert_eq!(now, clean, "round {round}");
            assert!(!tmpdir.exists());
        }
    }
}
