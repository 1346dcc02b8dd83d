//! Never a panic, whatever the bytes: every file of `sample-data`, mutated
//! thousands of times in deterministic ways (bytes flipped, cut short,
//! Markdown and YAML punctuation and odd Unicode spliced in), goes through
//! the loaders; a few mutated folders go through the whole pipeline.

use std::fs;
use std::path::{Path, PathBuf};

use tandem::diagnostics::Diagnostics;
use tandem::load::{backlog, notes, sprints, team, yaml};
use tandem::model::{Member, Role, Team};

mod common;
use common::Lcg;

const SPLICES: &[&str] = &[
    "---\n",
    "\n---",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "- [ ] ",
    "- [x] ",
    "@",
    "@priya ",
    "#",
    "## Present\n",
    "**Action 1.2:** ",
    "Decision: ",
    "due 2026-02-30",
    "done 9999-12-31",
    "\r",
    "\r\n",
    "\t",
    "&a ",
    "*a",
    "\u{feff}",
    "\u{200b}",
    "é",
    "🙂",
    "\\",
    "\"",
    "'",
    "|",
    "```",
    "    ",
    "<script>",
    "&amp;",
    "0x",
    "-1",
    "1e999",
    ".nan",
    "~",
    "null",
    "PHX-101",
    "S17",
    "2026-W53",
];

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = bytes[i].wrapping_add(rng.below(255) as u8 + 1);
            }
            1 => bytes.truncate(at),
            2 if at < bytes.len() => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let splice = SPLICES[rng.below(SPLICES.len())].as_bytes();
                bytes.splice(at..at, splice.iter().copied());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn sample_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_file() {
            let rel =
                entry.path().strip_prefix(&root).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            files.push((rel, fs::read_to_string(entry.path()).unwrap_or_default()));
        }
    }
    files
}

fn team() -> Team {
    let member = |id: &str, role| Member { id: id.into(), name: id.into(), role, aliases: vec![] };
    Team {
        name: "T".into(),
        members: vec![member("priya", Role::ProductOwner), member("marco", Role::ScrumMaster)],
    }
}

/// Reads `text` as the file at `rel` would be read.
fn read_as(rel: &str, text: &str, team: &Team, diags: &mut Diagnostics) {
    if rel.ends_with(".md") {
        let ctx = notes::NoteContext { team, sprints: &[], date_order: None };
        let _ = notes::parse_note(rel, text, &ctx, diags);
        return;
    }
    let Some(node) = yaml::parse(text, rel, 0, diags) else { return };
    if rel.starts_with("sprints/") {
        let _ = sprints::read_sprint(&node, rel, "s", Some(team), diags);
    } else if rel.starts_with("backlog/") {
        let _ = backlog::read_snapshot(&node, rel, None, Some(team), diags);
    } else if rel == "team.yaml" {
        let _ = team::read_team(&node, rel, diags);
    } else {
        let _ = tandem::load::settings::read_settings(&node, rel, diags);
    }
}

#[test]
fn mutated_files_never_panic_the_loaders() {
    let team = team();
    let mut rng = Lcg(7);
    let mut runs = 0;
    for (rel, text) in sample_files() {
        for _ in 0..40 {
            let mutated = mutate(&text, &mut rng);
            let mut diags = Diagnostics::new();
            read_as(&rel, &mutated, &team, &mut diags);
            // Every problem found is located in the file it came from.
            assert!(diags.iter().all(|d| d.path == rel), "{rel}: a diagnostic names another file");
            runs += 1;
        }
    }
    assert!(runs > 3000, "only {runs} mutated files were read");
}

#[test]
fn mutated_folders_never_panic_the_pipeline() {
    let files = sample_files();
    let mut rng = Lcg(11);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for round in 0..12 {
        let dir: PathBuf = tmp.path().join(format!("data-{round}"));
        for (i, (rel, text)) in files.iter().enumerate() {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap_or(&dir)).unwrap_or_else(|e| panic!("{e}"));
            // Mutate a few files per round; leave the rest valid so later stages run.
            let text = if rng.below(files.len()) < 3 || i % 29 == round {
                mutate(text, &mut rng)
            } else {
                text.clone()
            };
            fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        }
        let out = tmp.path().join(format!("site-{round}"));
        let now = jiff::Timestamp::from_second(1_798_675_200).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let outcome = tandem::build(&dir, &out, &tandem::options::Flags::default(), now);
        if outcome.result.is_err() {
            assert!(
                outcome.diagnostics.has_errors()
                    || !matches!(outcome.result, Err(tandem::BuildError::InvalidData))
            );
        }
    }
}
