//! Realistic, messy minutes written the way open-source projects keep them
//! (Jekyll and Hugo front matter, wrapped attendee lines, checkbox rosters,
//! `**Resolution:**` lines ...) in `tests/fixtures/notes-wild/`: what tandem
//! reads from each note is compared with `expected.txt`, written by hand
//! (`TANDEM_BLESS=1` rewrites it below its comment lines: review that diff).

use std::fmt::Write as _;
use std::path::Path;

use tandem::model::{Attendee, Note};

mod common;

fn attendee(a: &Attendee) -> String {
    match a {
        Attendee::Member(id) => id.clone(),
        Attendee::Guest(name) => format!("guest:{name}"),
    }
}

fn describe(note: &Note) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", note.path);
    let _ = writeln!(out, "  date: {}", note.date);
    let _ = writeln!(out, "  kind: {}", note.kind.as_str());
    let _ = writeln!(out, "  title: {}", note.title);
    let attendees: Vec<String> = note.attendees.iter().map(attendee).collect();
    let _ = writeln!(out, "  attendees: {}", attendees.join(", "));
    for a in &note.actions {
        let mut owners = a.owners.clone();
        owners.extend(a.guests.iter().map(|g| format!("guest:{g}")));
        let check = if a.checked { "[x]" } else { "[ ]" };
        let due = a.due.map(|d| format!(" | due {d}")).unwrap_or_default();
        let _ = writeln!(out, "  action: {check} {} | {}{due}", owners.join(", "), a.text);
    }
    for d in &note.decisions {
        let tag = if d.compromise { " (compromise)" } else { "" };
        let _ = writeln!(out, "  decision: {}{tag}", d.text);
    }
    out
}

#[test]
fn messy_minutes_read_as_a_person_would_read_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes-wild");
    let checked = tandem::check(&dir, &Default::default(), jiff::Timestamp::UNIX_EPOCH);
    let diagnostics: Vec<String> = checked.diagnostics.sorted().iter().map(ToString::to_string).collect();
    let Some((project, _)) = checked.project else { panic!("not read: {diagnostics:?}") };
    let mut got = String::new();
    for note in &project.notes {
        got.push_str(&describe(note));
        got.push('\n');
    }
    for d in &diagnostics {
        let _ = writeln!(got, "{d}");
    }
    // The file's leading `#` lines say what it is; a blank line, then what was read.
    let expected_path = dir.join("expected.txt");
    let text = std::fs::read_to_string(&expected_path).unwrap_or_default();
    let header: String = text.split_inclusive('\n').take_while(|l| l.starts_with('#')).collect();
    common::golden::assert_text(&expected_path, &format!("{header}\n{got}"));
}
