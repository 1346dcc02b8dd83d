#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use super::*;

fn site(files: &[(&str, &str)]) -> Site {
    Site {
        files: files.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect::<BTreeMap<_, _>>(),
    }
}

fn sample() -> Site {
    site(&[
        ("index.html", "home"),
        ("notes/index.html", "notes"),
        ("notes/a/index.html", "a"),
        (".nojekyll", ""),
    ])
}

/// A data folder with its input folders, and nothing else.
fn data_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for input in INPUT_FOLDERS {
        fs::create_dir(dir.path().join(input)).unwrap();
    }
    fs::write(dir.path().join("team.yaml"), "name: x\n").unwrap();
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fresh_write_creates_every_file_and_the_marker() {
    let data = data_folder();
    let out = data.path().join("public");
    write_site(&sample(), &out, data.path()).unwrap();
    assert_eq!(
        listing(&out),
        vec![
            ".nojekyll",
            ".tandem-site",
            "index.html",
            "notes",
            "notes/a",
            "notes/a/index.html",
            "notes/index.html"
        ]
    );
    assert_eq!(fs::read_to_string(out.join("notes/a/index.html")).unwrap(), "a");
    assert!(fs::read_to_string(out.join(MARKER)).unwrap().contains("written by tandem"));
    // No temporary folder is left next to it.
    assert!(!siblings(&out).iter().any(|n| n.contains("tandem-")), "{:?}", siblings(&out));
}

#[test]
fn missing_parent_folders_are_created() {
    let data = data_folder();
    let base = tempfile::tempdir().unwrap();
    let out = base.path().join("build/site");
    write_site(&sample(), &out, data.path()).unwrap();
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_previous_tandem_site_is_replaced_completely() {
    let data = data_folder();
    let out = data.path().join("public");
    write_site(&site(&[("old/index.html", "old"), ("index.html", "v1")]), &out, data.path()).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    assert!(!out.join("old").exists());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
    assert!(out.join(MARKER).is_file());
    // The previous site is kept, marked and ignored by git, for the next build.
    assert_eq!(
        siblings(&out).iter().filter(|n| n.contains("tandem-")).collect::<Vec<_>>(),
        [".public.tandem-old"]
    );
    let kept = data.path().join(".public.tandem-old");
    assert_eq!(fs::read_to_string(kept.join("old/index.html")).unwrap(), "old");
    assert!(kept.join(MARKER).is_file() && kept.join(".gitignore").is_file());
}

#[test]
fn a_build_from_the_kept_site_equals_a_fresh_one() {
    let data = data_folder();
    let out = data.path().join("public");
    // v1 is kept after the second build, and the third starts from it.
    let v1 =
        site(&[("old/deep/index.html", "old"), ("index.html", "v1"), ("notes", "a file, later a folder")]);
    write_site(&v1, &out, data.path()).unwrap();
    write_site(&site(&[("index.html", "v2")]), &out, data.path()).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    let fresh = data_folder();
    let fresh_out = fresh.path().join("public");
    write_site(&sample(), &fresh_out, fresh.path()).unwrap();
    assert_eq!(listing(&out), listing(&fresh_out));
    for rel in sample().files.keys() {
        assert_eq!(fs::read(out.join(rel)).unwrap(), fs::read(fresh_out.join(rel)).unwrap(), "{rel}");
    }
    assert_eq!(fs::read_to_string(out.join(MARKER)).unwrap(), MARKER_TEXT);
    // v2 is kept now.
    let kept = data.path().join(".public.tandem-old");
    assert_eq!(fs::read_to_string(kept.join("index.html")).unwrap(), "v2");
}

#[test]
fn an_unmarked_kept_folder_is_refused() {
    let data = data_folder();
    let out = data.path().join("public");
    let foreign = data.path().join(".public.tandem-old");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("mine.txt"), "x").unwrap();
    let err = write_site(&sample(), &out, data.path()).unwrap_err();
    assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
    assert_eq!(fs::read_to_string(foreign.join("mine.txt")).unwrap(), "x");
}

#[test]
fn a_foreign_folder_is_refused_and_untouched() {
    let data = data_folder();
    let out = data.path().join("docs");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("thesis.tex"), "precious").unwrap();
    let err = write_site(&sample(), &out, data.path()).unwrap_err();
    assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
    let message = err.to_string();
    assert!(message.starts_with(&format!("refusing to replace {}", out.display())), "{message}");
    assert!(message.contains(".tandem-site"), "{message}");
    assert_eq!(listing(&out), vec!["thesis.tex"]);
    assert_eq!(fs::read_to_string(out.join("thesis.tex")).unwrap(), "precious");
    assert!(!siblings(&out).iter().any(|n| n.contains("tandem-")));
}

#[test]
fn an_empty_existing_folder_is_fine_for_every_later_build_too() {
    let data = data_folder();
    let out = data.path().join("public");
    fs::create_dir(&out).unwrap();
    for _ in 0..3 {
        write_site(&sample(), &out, data.path()).unwrap();
    }
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
}

#[test]
fn an_empty_existing_folder_is_fine() {
    let data = data_folder();
    let out = data.path().join("public");
    fs::create_dir(&out).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    assert!(out.join("notes/index.html").is_file());
}

#[test]
fn a_file_in_place_of_the_folder_is_refused() {
    let data = data_folder();
    let out = data.path().join("team.yaml");
    let err = write_site(&sample(), &out, data.path()).unwrap_err();
    assert!(err.to_string().contains("it is a file, not a folder"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "name: x\n");
}

#[test]
fn the_data_folder_itself_is_refused() {
    let data = data_folder();
    let err = write_site(&sample(), data.path(), data.path()).unwrap_err();
    assert!(err.to_string().ends_with("it is the data folder"), "{err}");
    // Also when spelled differently.
    let dotted = data.path().join("notes/..");
    let err = write_site(&sample(), &dotted, data.path()).unwrap_err();
    assert!(matches!(err, OutputError::Unsafe { .. }), "{err}");
}

#[test]
fn a_parent_of_the_data_folder_is_refused() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("team/data");
    fs::create_dir_all(data.join("notes")).unwrap();
    let err = write_site(&sample(), base.path(), &data).unwrap_err();
    assert!(err.to_string().contains("it contains the data folder"), "{err}");
    let err = write_site(&sample(), &base.path().join("team"), &data).unwrap_err();
    assert!(err.to_string().contains("it contains the data folder"), "{err}");
    assert!(data.join("notes").is_dir());
}

#[test]
fn folders_inside_input_folders_are_refused() {
    let data = data_folder();
    for input in INPUT_FOLDERS {
        let out = data.path().join(input).join("site");
        let err = write_site(&sample(), &out, data.path()).unwrap_err();
        let expected = format!("it is inside the data folder's {input}/ folder");
        assert!(err.to_string().ends_with(&expected), "{err}");
        assert!(!out.exists());
        // The input folder itself, too.
        let err = write_site(&sample(), &data.path().join(input), data.path()).unwrap_err();
        assert!(err.to_string().ends_with(&expected), "{err}");
    }
    assert!(listing(&data.path().join("notes")).is_empty());
}

#[test]
fn unsafe_site_paths_are_rejected_before_anything_is_written() {
    let data = data_folder();
    let out = data.path().join("public");
    for bad in [
        "../escape.html",
        "a/../../escape.html",
        "/etc/passwd",
        "a\\b.html",
        "C:/x.html",
        "",
        "a//b",
        "./a",
        "a/",
        ".tandem-site",
    ] {
        let err = write_site(&site(&[("index.html", "x"), (bad, "x")]), &out, data.path()).unwrap_err();
        assert!(matches!(err, OutputError::BadPath { .. }), "{bad}: {err}");
        assert!(!out.exists(), "{bad}");
    }
    assert!(!data.path().parent().unwrap().join("escape.html").exists());
}

#[test]
fn a_failed_write_keeps_the_previous_site() {
    let data = data_folder();
    let out = data.path().join("public");
    write_site(&site(&[("index.html", "v1")]), &out, data.path()).unwrap();
    // `a` is both a file and a folder: the second write fails half way.
    let broken = site(&[("a", "file"), ("a/index.html", "x"), ("index.html", "v2")]);
    let err = write_site(&broken, &out, data.path()).unwrap_err();
    assert!(matches!(err, OutputError::Io { .. }), "{err}");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
    assert!(!siblings(&out).iter().any(|n| n.contains("tandem-")), "{:?}", siblings(&out));
}

#[test]
fn a_marked_leftover_temporary_folder_is_cleared() {
    let data = data_folder();
    let out = data.path().join("public");
    let leftover = data.path().join(".public.tandem-tmp");
    fs::create_dir(&leftover).unwrap();
    fs::write(leftover.join(MARKER), "x").unwrap();
    fs::write(leftover.join("half.html"), "x").unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    assert!(!leftover.exists());
    assert!(!out.join("half.html").exists());
}

#[test]
fn messages_name_the_folder_plainly() {
    let err = OutputError::Io {
        action: "write file",
        path: PathBuf::from("public/index.html"),
        source: io::Error::new(io::ErrorKind::PermissionDenied, "permission denied"),
    };
    assert_eq!(err.to_string(), "could not write file public/index.html: permission denied");
}

/// A build killed between the two renames of a swap (systems without an
/// exchange): no output folder, the previous site kept, the new one whole.
#[test]
fn a_build_killed_mid_swap_is_repaired_by_the_next() {
    let data = data_folder();
    let out = data.path().join("public");
    write_site(&site(&[("index.html", "v1"), ("gone.html", "x")]), &out, data.path()).unwrap();
    let old = data.path().join(".public.tandem-old");
    let tmp = data.path().join(".public.tandem-tmp");
    fs::rename(&out, &old).unwrap();
    write_site(&site(&[("index.html", "v2")]), &data.path().join("other"), data.path()).unwrap();
    fs::rename(data.path().join("other"), &tmp).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    let fresh = data_folder();
    write_site(&sample(), &fresh.path().join("public"), fresh.path()).unwrap();
    assert_eq!(listing(&out), listing(&fresh.path().join("public")));
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
    assert!(!tmp.exists() && !old.exists(), "{:?}", siblings(&out));
}

/// A build killed after the exchange, before the previous site got its
/// name: the next build starts from it.
#[test]
fn a_build_killed_after_the_exchange_is_finished_by_the_next() {
    let data = data_folder();
    let out = data.path().join("public");
    write_site(&site(&[("index.html", "v1")]), &out, data.path()).unwrap();
    write_site(&site(&[("index.html", "v2")]), &out, data.path()).unwrap();
    let old = data.path().join(".public.tandem-old");
    let tmp = data.path().join(".public.tandem-tmp");
    fs::rename(&old, &tmp).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    assert_eq!(fs::read_to_string(out.join("notes/a/index.html")).unwrap(), "a");
    assert_eq!(
        siblings(&out).iter().filter(|n| n.contains("tandem-")).collect::<Vec<_>>(),
        [".public.tandem-old"]
    );
    assert_eq!(fs::read_to_string(old.join("index.html")).unwrap(), "v2");
}

#[cfg(unix)]
#[test]
fn a_link_named_like_the_marker_does_not_make_a_folder_ours() {
    let data = data_folder();
    let out = data.path().join("public");
    fs::create_dir(&out).unwrap();
    fs::write(data.path().join("real-marker"), "x").unwrap();
    fs::write(out.join("mine.txt"), "x").unwrap();
    std::os::unix::fs::symlink(data.path().join("real-marker"), out.join(MARKER)).unwrap();
    let err = write_site(&sample(), &out, data.path()).unwrap_err();
    assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
    assert_eq!(fs::read_to_string(out.join("mine.txt")).unwrap(), "x");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_planted_in_the_kept_site_is_removed_not_read() {
    let data = data_folder();
    let out = data.path().join("public");
    write_site(&sample(), &out, data.path()).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    let kept = data.path().join(".public.tandem-old");
    fs::remove_file(kept.join("index.html")).unwrap();
    let made = std::process::Command::new("mkfifo").arg(kept.join("index.html")).status().unwrap();
    assert!(made.success());
    write_site(&sample(), &out, data.path()).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
}

#[test]
fn files_written_from_many_threads_in_any_order_equal_a_whole_site() {
    use rayon::prelude::*;
    let many: Vec<(String, String)> =
        (0..200).map(|i| (format!("notes/n{i}/index.html"), format!("note {i}"))).collect();
    let whole = Site { files: many.iter().map(|(p, c)| (p.clone(), c.clone().into_bytes())).collect() };
    let data = data_folder();
    let (streamed, written) = (data.path().join("streamed"), data.path().join("whole"));
    for _ in 0..2 {
        // The second round starts from the kept previous site.
        let staged = Staged::begin(&streamed, data.path()).unwrap();
        many.par_iter().rev().try_for_each(|(p, c)| staged.write_file(p, c.as_bytes())).unwrap();
        assert_eq!((staged.file_count(), staged.page_count()), (200, 200));
        staged.finish().unwrap();
        write_site(&whole, &written, data.path()).unwrap();
        assert_eq!(listing(&streamed), listing(&written));
    }
}

#[test]
fn an_unfinished_build_puts_the_kept_site_back() {
    let data = data_folder();
    let out = data.path().join("public");
    write_site(&site(&[("index.html", "v1")]), &out, data.path()).unwrap();
    write_site(&site(&[("index.html", "v2"), ("gone.html", "x")]), &out, data.path()).unwrap();
    let kept = data.path().join(".public.tandem-old");
    let staged = Staged::begin(&out, data.path()).unwrap();
    staged.write_file("index.html", b"v3").unwrap();
    drop(staged);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v2");
    assert!(kept.join(MARKER).is_file());
    assert!(!siblings(&out).iter().any(|n| n.contains("tandem-tmp")));
    // The half-updated kept site is still a fine start.
    write_site(&sample(), &out, data.path()).unwrap();
    let fresh = data_folder();
    write_site(&sample(), &fresh.path().join("public"), fresh.path()).unwrap();
    assert_eq!(listing(&out), listing(&fresh.path().join("public")));
}

#[cfg(unix)]
#[test]
fn a_link_left_in_the_kept_site_is_replaced_not_followed() {
    let data = data_folder();
    let out = data.path().join("public");
    let outside = data.path().join("outside.txt");
    fs::write(&outside, "home").unwrap();
    write_site(&site(&[("index.html", "v1")]), &out, data.path()).unwrap();
    write_site(&site(&[("index.html", "v2")]), &out, data.path()).unwrap();
    let kept = data.path().join(".public.tandem-old");
    fs::remove_file(kept.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&outside, kept.join("index.html")).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    assert!(!fs::symlink_metadata(out.join("index.html")).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "home");
}

/// A link planted in the kept site where a folder goes (`assets -> /etc`):
/// the folder is made in its place and nothing is written into the target.
#[cfg(unix)]
#[test]
fn a_link_in_place_of_a_folder_in_the_kept_site_is_replaced_by_a_folder() {
    let data = data_folder();
    let out = data.path().join("public");
    let elsewhere = data.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    let kept = data.path().join(".public.tandem-old");
    fs::remove_dir_all(kept.join("notes")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, kept.join("notes")).unwrap();
    write_site(&sample(), &out, data.path()).unwrap();
    assert!(fs::symlink_metadata(out.join("notes")).unwrap().is_dir());
    assert_eq!(fs::read_to_string(out.join("notes/a/index.html")).unwrap(), "a");
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}
