//! How well tandem reads action items, owners, due dates and decisions from
//! notes written the way people write them, scored against labels written by
//! hand (`tests/fixtures/notes-labelled/`, see its README.md).
//!
//! Each folder there is a data folder in one style (a scrum master's everyday
//! notes, open-source steering committees, standards minutes ...) with a
//! `labels/` folder: one file per note saying what a careful reader finds in
//! it. The figures are pooled over every folder, as one user's folder of
//! mixed notes would be, and must stay at or above the bars of issue 18.
//!
//! `cargo test --test notes_labelled -- --nocapture` prints the figures and
//! every disagreement.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tandem::model::actions::{TrackedAction, follow};
use tandem::model::{Attendee, Date, Note};

/// One action item as labelled: its owners (member ids, `guest:Name`), due
/// date, and words of its text that identify it.
#[derive(Debug)]
struct LabelledAction {
    owners: Vec<String>,
    due: Option<Date>,
    words: String,
}

/// What a careful reader finds in one note.
#[derive(Debug, Default)]
struct Labels {
    /// `None` when the note does not record who attended.
    attendees: Option<Vec<String>>,
    kinds: Option<Vec<String>>,
    actions: Vec<LabelledAction>,
    decisions: usize,
}

fn parse_date(text: &str, file: &Path) -> Option<Date> {
    match text.trim() {
        "-" | "" => None,
        t => Some(t.parse().unwrap_or_else(|e| panic!("{}: bad date {t:?}: {e}", file.display()))),
    }
}

fn list(text: &str) -> Vec<String> {
    text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && s != "-").collect()
}

fn read_labels(file: &Path) -> Labels {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut labels = Labels::default();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (key, value) = line.split_once(':').unwrap_or_else(|| panic!("{}: {line}", file.display()));
        match key.trim() {
            "attendees" if value.trim() == "?" => labels.attendees = None,
            "attendees" => labels.attendees = Some(list(value)),
            "kinds" => labels.kinds = Some(list(value)),
            "decisions" => labels.decisions = value.trim().parse().unwrap_or(usize::MAX),
            "action" => {
                let parts: Vec<&str> = value.splitn(3, '|').collect();
                let [owners, due, words] = parts[..] else { panic!("{}: {line}", file.display()) };
                labels.actions.push(LabelledAction {
                    owners: list(owners),
                    due: parse_date(due, file),
                    words: words.trim().to_lowercase(),
                });
            }
            other => panic!("{}: unknown key {other}", file.display()),
        }
    }
    labels
}

/// Every `labels/**/*.txt` of a source, keyed by the note path it labels.
fn labels_of(source: &Path) -> BTreeMap<String, Labels> {
    let mut out = BTreeMap::new();
    let mut stack = vec![source.join("labels")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let rel = path.strip_prefix(source.join("labels")).unwrap_or(&path);
                let note = format!("notes/{}", rel.with_extension("md").to_string_lossy().replace('\\', "/"));
                out.insert(note, read_labels(&path));
            }
        }
    }
    out
}

/// A guest named in a label and one read by tandem are the same person when
/// their words agree, one possibly shortened (`Harriet` for `Harriet Osei`).
fn same_guest(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.trim_start_matches('@').split_whitespace().map(str::to_lowercase).collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    !short.is_empty() && long.starts_with(short)
}

fn owners_match(labelled: &[String], read: &TrackedAction) -> bool {
    let mut read_members: Vec<&str> = read.owners.iter().map(String::as_str).collect();
    let mut read_guests: Vec<&str> = read.guests.iter().map(String::as_str).collect();
    for owner in labelled {
        if let Some(guest) = owner.strip_prefix("guest:") {
            let Some(i) = read_guests.iter().position(|g| same_guest(g, guest)) else { return false };
            read_guests.remove(i);
        } else {
            let Some(i) = read_members.iter().position(|m| m == owner) else { return false };
            read_members.remove(i);
        }
    }
    read_members.is_empty() && read_guests.is_empty()
}

fn describe(a: &TrackedAction) -> String {
    let mut owners: Vec<String> = a.owners.to_vec();
    owners.extend(a.guests.iter().map(|g| format!("guest:{g}")));
    let due = a.due.map_or("-".to_string(), |d| d.to_string());
    format!("{} | {due} | {}", owners.join(", "), a.text)
}

fn attendee_name(a: &Attendee) -> String {
    match a {
        Attendee::Member(id) => id.clone(),
        Attendee::Guest(name) => format!("guest:{name}"),
    }
}

/// The counts the figures are made of, pooled over every source.
#[derive(Debug, Default)]
struct Score {
    notes: usize,
    labelled: usize,
    read: usize,
    found: usize,
    owners_right: usize,
    due_right: usize,
    decisions_right: usize,
    attendance_right: usize,
    kinds_labelled: usize,
    kinds_right: usize,
    report: String,
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 { 100.0 } else { 100.0 * n as f64 / d as f64 }
}

impl Score {
    fn note(&mut self, note: &Note, labels: &Labels, raised_here: &[&TrackedAction]) {
        self.notes += 1;
        self.labelled += labels.actions.len();
        self.read += raised_here.len();
        let mut taken = vec![false; raised_here.len()];
        let mut lines = String::new();
        for want in &labels.actions {
            let hit = raised_here
                .iter()
                .enumerate()
                .find(|(i, a)| !taken[*i] && a.text.to_lowercase().contains(&want.words));
            let Some((i, got)) = hit else {
                let _ =
                    writeln!(lines, "  missed: {} | {:?} | {}", want.owners.join(", "), want.due, want.words);
                continue;
            };
            taken[i] = true;
            self.found += 1;
            if owners_match(&want.owners, got) {
                self.owners_right += 1;
            } else {
                let _ = writeln!(lines, "  owners: want {:?}, read {}", want.owners, describe(got));
            }
            if want.due == got.due {
                self.due_right += 1;
            } else {
                let _ = writeln!(lines, "  due: want {:?}, read {}", want.due, describe(got));
            }
        }
        for (a, _) in raised_here.iter().zip(&taken).filter(|(_, t)| !**t) {
            let _ = writeln!(lines, "  not an action: {}", describe(a));
        }
        if note.decisions.len() == labels.decisions {
            self.decisions_right += 1;
        } else {
            let read: Vec<&str> = note.decisions.iter().map(|d| d.text.as_str()).collect();
            let _ = writeln!(lines, "  decisions: want {}, read {read:?}", labels.decisions);
        }
        self.score_attendance(note, labels, &mut lines);
        if let Some(kinds) = &labels.kinds {
            self.kinds_labelled += 1;
            let read: Vec<String> = note.kinds().map(|k| k.as_str().to_string()).collect();
            if &read == kinds {
                self.kinds_right += 1;
            } else {
                let _ = writeln!(lines, "  kinds: want {kinds:?}, read {read:?}");
            }
        }
        if !lines.is_empty() {
            let _ = write!(self.report, "{}\n{lines}", note.path);
        }
    }

    fn score_attendance(&mut self, note: &Note, labels: &Labels, lines: &mut String) {
        let read: Option<Vec<String>> =
            note.attendance_known().then(|| note.attendees.iter().map(attendee_name).collect());
        let same = match (&labels.attendees, &read) {
            (None, None) => true,
            (Some(want), Some(got)) => {
                want.len() == got.len()
                    && want.iter().all(|w| {
                        got.iter().any(|g| match (w.strip_prefix("guest:"), g.strip_prefix("guest:")) {
                            (Some(w), Some(g)) => same_guest(w, g),
                            (None, None) => w == g,
                            _ => false,
                        })
                    })
            }
            _ => false,
        };
        if same {
            self.attendance_right += 1;
        } else {
            let _ = writeln!(lines, "  attendees: want {:?}, read {read:?}", labels.attendees);
        }
    }

    fn figures(&self) -> Figures {
        Figures {
            recall: pct(self.found, self.labelled),
            precision: pct(self.found, self.read),
            owners: pct(self.owners_right, self.found),
            due: pct(self.due_right, self.found),
            decisions: pct(self.decisions_right, self.notes),
        }
    }
}

struct Figures {
    recall: f64,
    precision: f64,
    owners: f64,
    due: f64,
    decisions: f64,
}

fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notes-labelled");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("team.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn score_all() -> Score {
    let mut score = Score::default();
    for source in sources() {
        let labels = labels_of(&source);
        let checked = tandem::check(&source, &tandem::options::Flags::default(), jiff::Timestamp::UNIX_EPOCH);
        let Some((project, options)) = checked.project else {
            let problems: Vec<String> =
                checked.diagnostics.sorted().iter().map(ToString::to_string).collect();
            panic!("{} not read: {problems:#?}", source.display());
        };
        let tracked = follow(&project.notes, options.report_date);
        for (path, want) in &labels {
            let note = project.notes.iter().find(|n| &n.path == path);
            let note = note.unwrap_or_else(|| panic!("{}: {path} was not read as a note", source.display()));
            let raised_here: Vec<&TrackedAction> = tracked.iter().filter(|a| &*a.note == path).collect();
            score.note(note, want, &raised_here);
        }
    }
    score
}

#[test]
fn notes_are_read_as_a_careful_reader_would() {
    let score = score_all();
    let f = score.figures();
    println!("{}", score.report);
    println!(
        "{} notes, {} action items labelled, {} read\n\
         action items: recall {:.0}% ({} of {}), precision {:.0}% ({} of {})\n\
         owners right: {:.0}% ({} of {}), due dates right: {:.0}% ({} of {})\n\
         decision counts right: {:.0}% ({} of {} notes)\n\
         attendance right: {} of {} notes; kinds right: {} of {}",
        score.notes,
        score.labelled,
        score.read,
        f.recall,
        score.found,
        score.labelled,
        f.precision,
        score.found,
        score.read,
        f.owners,
        score.owners_right,
        score.found,
        f.due,
        score.due_right,
        score.found,
        f.decisions,
        score.decisions_right,
        score.notes,
        score.attendance_right,
        score.notes,
        score.kinds_right,
        score.kinds_labelled,
    );
    assert!(score.notes >= 30, "the labelled set should hold at least 30 notes");
    let bars = [
        ("recall", f.recall, 85.0),
        ("precision", f.precision, 90.0),
        ("owners", f.owners, 85.0),
        ("due dates", f.due, 90.0),
        ("decision counts", f.decisions, 80.0),
    ];
    let below: Vec<String> = bars
        .iter()
        .filter(|(_, got, bar)| got < bar)
        .map(|(name, got, bar)| format!("{name} {got:.0}% < {bar:.0}%"))
        .collect();
    assert!(below.is_empty(), "below the bar: {}\n{}", below.join(", "), score.report);
}
