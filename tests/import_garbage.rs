//! Never a panic on a malformed export: every export file under
//! `tests/fixtures/import/`, mutated thousands of times in deterministic ways
//! (cut short, bytes flipped, CSV and JSON punctuation, odd dates and numbers
//! spliced in), goes through `tandem import --dry-run` in process.

use std::fs;
use std::path::{Path, PathBuf};

use tandem::import::{ImportOptions, record::Source, run};

mod common;
use common::Lcg;

const SPLICES: &[&str] = &[
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "-3",
    "1e999",
    "NaN",
    "\"five\"",
    "99/Zzz/99 9:99 XM",
    "31/Feb/26 7:56 AM",
    "2026-02-30T25:61:00+9999",
    "9999-12-31",
    "0000-01-01",
    "1790000000000000",
    "-1790000000000",
    "\u{feff}",
    "é",
    "🙂",
    "\\u0000",
    "\\",
    "Sprint",
    ", ",
    "\"iid\": ",
    "\"weight\": -1",
    "\"iteration\": {}",
    "\"changelog\": {\"histories\": [{}]}",
];

fn mutate(bytes: &[u8], rng: &mut Lcg) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => out.truncate(at),
            1 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] = out[i].wrapping_add(1 + rng.below(200) as u8);
            }
            2 => {
                let end = (at + rng.below(40)).min(out.len());
                out.drain(at..end);
            }
            _ => {
                let s = SPLICES[rng.below(SPLICES.len())].as_bytes();
                out.splice(at..at, s.iter().copied());
            }
        }
    }
    out
}

/// `(source, export file, --sprints file)` for every export in the fixtures.
fn exports() -> Vec<(Source, PathBuf, Option<PathBuf>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut out = Vec::new();
    for case in fs::read_dir(&root).into_iter().flatten().flatten() {
        let cmd = fs::read_to_string(case.path().join("cmd")).unwrap_or_default();
        for line in cmd.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let source = if words.first() == Some(&"gitlab") { Source::Gitlab } else { Source::Jira };
            let sprints = words
                .iter()
                .position(|w| *w == "--sprints")
                .and_then(|i| words.get(i + 1))
                .map(|f| case.path().join(f));
            for file in words.iter().skip(1).take_while(|w| !w.starts_with("--")) {
                out.push((source, case.path().join(file), sprints.clone()));
            }
        }
    }
    out.sort_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
    out
}

#[test]
fn no_mutated_export_panics_the_importer() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let into = tmp.path().join("data");
    let mut rng = Lcg(0x7a4d_e111);
    let mut runs = 0;
    for (source, file, sprints) in exports() {
        let bytes = fs::read(&file).unwrap_or_default();
        let sprint_bytes = sprints.as_ref().map(|s| fs::read(s).unwrap_or_default());
        for round in 0..120 {
            let export = tmp.path().join(file.file_name().unwrap_or_default());
            fs::write(&export, mutate(&bytes, &mut rng)).unwrap_or_default();
            let sprints_path = sprint_bytes.as_ref().map(|b| {
                let p = tmp.path().join(sprints.as_ref().and_then(|s| s.file_name()).unwrap_or_default());
                // Mutate the sprint list in one round of four.
                let b = if round % 4 == 0 { mutate(b, &mut rng) } else { b.clone() };
                fs::write(&p, b).unwrap_or_default();
                p
            });
            let opts = ImportOptions {
                source,
                files: vec![export],
                sprints: sprints_path,
                into: into.clone(),
                as_of: None,
                dry_run: true,
                now: jiff::Timestamp::UNIX_EPOCH,
            };
            let outcome = std::panic::catch_unwind(|| run(&opts));
            assert!(outcome.is_ok(), "{} (round {round}) panicked the importer", file.display());
            runs += 1;
        }
    }
    assert!(runs >= 1000, "only {runs} mutated imports ran");
    assert!(!into.exists(), "a dry run wrote into the data folder");
}
