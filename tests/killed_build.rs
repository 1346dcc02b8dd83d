//! A build killed with SIGKILL at any moment leaves the previous site whole,
//! and the next build removes what the killed one left behind (issue 11).
//!
//! Three versions of a 300-note synthetic folder (examples/synthetic.rs)
//! are built in turn, each over the last, and each build is killed once: at
//! a fraction of the time before writing starts (as measured on one whole
//! build), or at a fraction of the writing window after the temporary folder
//! appears (watched for). Whatever the moment, the output
//! folder must hold a whole site, the previous or the new one, file for file;
//! the next build must succeed, leave no temporary folder, and write exactly
//! what a clean build into a fresh folder writes.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Tandem;

#[path = "../examples/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Every file under `dir` by its relative path, with a hash of its bytes.
fn hashes(dir: &Path) -> BTreeMap<String, u64> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")))
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let mut h = DefaultHasher::new();
            h.write(&fs::read(e.path()).unwrap_or_else(|err| panic!("{}: {err}", e.path().display())));
            (e.path().strip_prefix(dir).unwrap_or(e.path()).display().to_string(), h.finish())
        })
        .collect()
}

fn start_build(data: &Path, out: &Path) -> Child {
    Tandem::new(common::repo()).arg("build").arg(data).arg("-o").arg(out).spawn(Stdio::null(), Stdio::piped())
}

fn finish(child: Child) {
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Three data folders: the same notes, but each with its own site title
/// (every page differs), and the later ones with notes removed and added.
fn data_folders(root: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for (n, title) in ["Alpha", "Beta", "Gamma"].iter().enumerate() {
        let dir = root.join(title.to_lowercase());
        synthetic::generate(&dir, 6, 300, false).unwrap_or_else(|e| panic!("{e}"));
        let settings = fs::read_to_string(dir.join("tandem.yaml")).unwrap_or_default();
        fs::write(dir.join("tandem.yaml"), format!("title: {title}\n{settings}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut notes: Vec<PathBuf> =
            fs::read_dir(dir.join("notes")).unwrap().map(|e| e.unwrap().path()).collect();
        notes.sort();
        let extra = fs::read_to_string(&notes[0]).unwrap_or_default().replace("title:", "title: Extra");
        fs::write(dir.join(format!("notes/extra-{n}.md")), extra).unwrap_or_else(|e| panic!("{e}"));
        for note in &notes[1..1 + 5 * n] {
            fs::remove_file(note).unwrap_or_else(|e| panic!("{e}"));
        }
        all.push(dir);
    }
    all
}

/// When a build ran, relative to its start: `(tmp appeared, tmp gone, end)`.
fn timed_build(data: &Path, out: &Path, tmp: &Path) -> (Duration, Duration, Duration) {
    let start = Instant::now();
    let mut child = start_build(data, out);
    let (mut appeared, mut gone) = (None, None);
    while child.try_wait().unwrap_or(None).is_none() {
        match (tmp.exists(), appeared) {
            (true, None) => appeared = Some(start.elapsed()),
            (false, Some(_)) if gone.is_none() => gone = Some(start.elapsed()),
            _ => {}
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let end = start.elapsed();
    finish(child);
    let appeared = appeared.unwrap_or(end);
    (appeared, gone.unwrap_or(end).max(appeared), end)
}

/// When to kill one build.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    /// This long after the start.
    Time(Duration),
    /// This long after the temporary folder appears.
    AfterTmp(Duration),
}

/// Where a kill landed, read from what it left.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Landed {
    /// Nothing written yet: the previous site and nothing else.
    BeforeWrite,
    /// The temporary folder was being written; the previous site in place.
    DuringWrite,
    /// After the exchange, before the previous site was renamed aside.
    DuringSwap,
    /// The new site in place, nothing left over.
    AfterSwap,
    /// The build ended before the signal.
    Finished,
}

#[test]
fn a_killed_build_leaves_a_whole_site_and_the_next_build_cleans_up() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = data_folders(root.path());
    let refs = root.path().join("refs");
    let work = root.path().join("work");
    fs::create_dir_all(&work).unwrap_or_else(|e| panic!("{e}"));
    let clean: Vec<BTreeMap<String, u64>> = (0..data.len())
        .map(|n| {
            let out = refs.join(n.to_string());
            finish(start_build(&data[n], &out));
            hashes(&out)
        })
        .collect();
    assert!(clean[0] != clean[1] && clean[1] != clean[2] && clean[0] != clean[2]);
    let site = work.join("site");
    let tmp = work.join(".site.tandem-tmp");
    let old = work.join(".site.tandem-old");

    finish(start_build(&data[0], &site));
    finish(start_build(&data[1], &site));
    assert_eq!(hashes(&site), clean[1]);
    // One whole build of the next version, timed, to place the kills: like
    // every build below, it starts from the kept site before the last one.
    let (appeared, gone, total) = timed_build(&data[2], &site, &tmp);
    assert_eq!(hashes(&site), clean[2]);
    let writing = gone.saturating_sub(appeared);
    eprintln!("build {total:?}; temporary folder from {appeared:?} to {gone:?}");

    // On a busy machine the watcher may sleep through a short window and
    // see no temporary folder at all; then the window counts as empty.
    let mut points: Vec<KillAt> = [0.3, 0.9].iter().map(|f| KillAt::Time(appeared.mul_f64(*f))).collect();
    points.extend([0.0, 0.25, 0.5, 0.75, 1.0].iter().map(|f| KillAt::AfterTmp(writing.mul_f64(*f))));

    let mut previous = 2;
    let mut landings = Vec::new();
    // A kill meant for the writing window that came after the build ended
    // (the watcher starved on a busy machine) is tried again, a few times.
    let mut retries = 3;
    let mut points: std::collections::VecDeque<KillAt> = points.into();
    while let Some(point) = points.pop_front() {
        // Each build goes over the last site, starting from the one before
        // (the kept previous site): every page is rewritten.
        let next = (previous + 1) % data.len();
        let start = Instant::now();
        let mut child = start_build(&data[next], &site);
        match point {
            KillAt::Time(at) => std::thread::sleep(at),
            KillAt::AfterTmp(after) => {
                while !tmp.exists() && child.try_wait().unwrap_or(None).is_none() {
                    std::thread::sleep(Duration::from_micros(100));
                }
                std::thread::sleep(after);
            }
        }
        let finished = child.try_wait().unwrap_or(None).is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let killed_at = start.elapsed();

        // The output folder holds a whole site, never a mix.
        let now = hashes(&site);
        let landed = if finished {
            Landed::Finished
        } else if now == clean[previous] {
            if tmp.exists() { Landed::DuringWrite } else { Landed::BeforeWrite }
        } else if now == clean[next] {
            if tmp.exists() {
                // The exchange put the previous site under the temporary name.
                assert_eq!(hashes(&tmp), clean[previous], "{point:?}");
                Landed::DuringSwap
            } else {
                Landed::AfterSwap
            }
        } else {
            panic!(
                "{point:?}: killed at {killed_at:?}, the output folder is neither the previous site nor the new one"
            );
        };

        // The next build finishes the job and leaves nothing behind.
        finish(start_build(&data[next], &site));
        assert_eq!(hashes(&site), clean[next], "{point:?}: the site after the next build");
        assert!(!tmp.exists(), "{point:?}: a temporary folder is left");
        let mut names: Vec<String> = fs::read_dir(&work)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert!(names == ["site"] || names == [".site.tandem-old", "site"], "{point:?}: {names:?}");
        if old.exists() {
            assert!(old.join(".tandem-site").is_file());
        }
        eprintln!("kill {point:?} at {killed_at:?}: {landed:?}; next build whole");
        if landed == Landed::Finished && matches!(point, KillAt::AfterTmp(_)) && retries > 0 {
            retries -= 1;
            points.push_back(point);
        }
        landings.push(landed);
        previous = next;
    }
    // The writing window was hit at least once: otherwise the test proves little.
    assert!(
        landings.contains(&Landed::DuringWrite),
        "no kill landed while the site was written: {landings:?}"
    );
}
