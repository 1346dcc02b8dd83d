//! What tandem read from each note, in words (`tandem check --explain`):
//! its date, kinds, attendees, action items with their owners and due dates,
//! decisions, and the lines that look like an action item or a decision but
//! were not read. And `check`'s closing hints: how many action items the
//! figures cannot use, and why.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::due;
use crate::diagnostics::Diagnostics;
use crate::format;
use crate::model::{Attendee, Date, Note, NoteAction, Project, Team};

/// The notes named on the command line, in the order given; every note (by
/// date, then path) when none is named. A note is named by its path in the
/// data folder (`notes/2026-11-12-sync.md`) or from where the command runs
/// (`data/notes/2026-11-12-sync.md`).
pub fn select<'p>(project: &'p Project, data_dir: &Path, names: &[String]) -> Result<Vec<&'p Note>, String> {
    if names.is_empty() {
        return Ok(project.notes.iter().collect());
    }
    let mut out = Vec::new();
    for name in names {
        let wanted = tidy_path(Path::new(name));
        let found = project.notes.iter().find(|n| {
            let in_folder = tidy_path(Path::new(&n.path));
            wanted == in_folder || wanted == tidy_path(&data_dir.join(&n.path))
        });
        match found {
            Some(note) => out.push(note),
            None => {
                let example =
                    project.notes.first().map_or("notes/2026-10-05-planning.md", |n| n.path.as_str());
                return Err(format!(
                    "no note `{name}` in {} (name a note by its path, such as `{example}`; a note dated after the report date is left out)",
                    data_dir.display()
                ));
            }
        }
    }
    Ok(out)
}

/// `./a/../b/c.md` as `b/c.md`, without touching the disk.
fn tidy_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// What tandem read from `notes`, one block of lines per note.
pub fn explain(project: &Project, notes: &[&Note]) -> String {
    let mut out = String::new();
    for (n, note) in notes.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        note_text(&mut out, project, note);
    }
    let actions: Vec<&NoteAction> = notes.iter().flat_map(|n| &n.actions).filter(|a| !a.restated).collect();
    let no_due = actions.iter().filter(|a| a.due.is_none()).count();
    let no_owner = actions.iter().filter(|a| a.owners.is_empty() && a.guests.is_empty()).count();
    let decisions: usize = notes.iter().map(|n| n.decisions.len()).sum();
    let unread: usize = notes.iter().map(|n| n.unread.len()).sum();
    let _ = writeln!(
        out,
        "\n{}: {} ({} without a due date, {} without an owner), {}, {} not read",
        format::count(notes.len(), "note", "notes"),
        format::count(actions.len(), "action item", "action items"),
        no_due,
        no_owner,
        format::count(decisions, "decision", "decisions"),
        format::count(unread, "line", "lines"),
    );
    out
}

fn note_text(out: &mut String, project: &Project, note: &Note) {
    let team = &project.team;
    let _ = writeln!(out, "{}", note.path);
    let _ = writeln!(out, "  date: {}", format::date(note.date).long);
    let kinds: Vec<&str> = note.kinds().map(|k| k.as_str()).collect();
    let _ = writeln!(out, "  kind: {}", kinds.join(" + "));
    let _ = writeln!(out, "  sprint: {}", note.sprint.as_deref().unwrap_or("none"));
    if note.attendance_known() {
        let people: Vec<String> = note.attendees.iter().map(|a| attendee(team, a)).collect();
        let shown = if people.is_empty() { "nobody".to_string() } else { people.join(", ") };
        let _ = writeln!(out, "  attendees: {shown}");
    } else {
        let _ = writeln!(out, "  attendees: not recorded (unknown, not absent)");
    }
    let ctx = due::Context {
        note: note.date,
        sprint_end: note
            .sprint
            .as_ref()
            .and_then(|id| project.sprints.iter().find(|s| &s.id == id))
            .map(|s| s.end),
        order: project.settings.date_order,
    };
    let _ = writeln!(out, "  action items:{}", if note.actions.is_empty() { " none" } else { "" });
    for a in &note.actions {
        let check = if a.checked { "[x]" } else { "[ ]" };
        let _ = writeln!(out, "    line {}: {check} {}", a.line, a.text);
        let _ = writeln!(out, "      owner: {}", owners(team, a));
        let _ = writeln!(out, "      due: {}", due_text(a, &ctx));
        if a.restated {
            let _ = writeln!(out, "      restated from an earlier meeting: updates that item, raises none");
        }
    }
    let _ = writeln!(out, "  decisions:{}", if note.decisions.is_empty() { " none" } else { "" });
    for d in &note.decisions {
        let tag = if d.compromise { " (compromise)" } else { "" };
        let _ = writeln!(out, "    line {}: {}{tag}", d.line, d.text);
    }
    if !note.unread.is_empty() {
        let _ = writeln!(out, "  not read:");
        for u in &note.unread {
            let _ = writeln!(out, "    line {}: {}", u.line, u.text);
            let _ = writeln!(out, "      {}", u.why);
        }
    }
}

fn attendee(team: &Team, a: &Attendee) -> String {
    match a {
        Attendee::Member(id) => match team.member(id) {
            Some(m) if m.name != m.id => {
                format!("{} ({id}, {})", m.name, format::role(m.role).to_lowercase())
            }
            Some(m) => format!("{id} ({})", format::role(m.role).to_lowercase()),
            None => id.clone(),
        },
        Attendee::Guest(name) => format!("{name} (guest)"),
    }
}

fn owners(team: &Team, a: &NoteAction) -> String {
    let mut names: Vec<String> = a
        .owners
        .iter()
        .map(|id| match team.member(id) {
            Some(m) if m.name != m.id => format!("{} ({id})", m.name),
            _ => id.clone(),
        })
        .collect();
    names.extend(a.guests.iter().map(|g| format!("{g} (guest)")));
    if names.is_empty() { "none: it counts in no one's figures".to_string() } else { names.join(", ") }
}

fn due_text(a: &NoteAction, ctx: &due::Context) -> String {
    if let Some(date) = a.due {
        let written = a.due_written.as_deref().map(|w| format!(" (\"{w}\")")).unwrap_or_default();
        return format!("{}{written}", format::date(date).long);
    }
    let why = match due::vague(&a.text) {
        Some(words) => format!("none: `{words}` is too vague for a date"),
        None if ctx.sprint_end.is_none() && mentions_the_sprint(&a.text) => {
            "none: the note belongs to no sprint, so the sprint's end is unknown".to_string()
        }
        None => "none written".to_string(),
    };
    format!("{why}; on-time rates leave it out")
}

fn mentions_the_sprint(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("end of sprint") || lower.contains("end of the sprint") || lower.contains("the review")
}

/// `check`'s closing hints about what the figures cannot use: action items
/// with no due date or no owner, and lines not read, as of `date`.
pub fn hints(project: &Project, date: Date, diags: &mut Diagnostics) {
    let followed = crate::model::actions::follow(&project.notes, date);
    let no_due = followed.iter().filter(|a| a.due.is_none()).count();
    let no_owner = followed.iter().filter(|a| a.owners.is_empty() && a.guests.is_empty()).count();
    let unread: usize = project.notes.iter().filter(|n| n.date <= date).map(|n| n.unread.len()).sum();
    let them = |n: usize| if n == 1 { "it" } else { "them" };
    let mut hint = |n: usize, subject: (&str, &str), rest: String| {
        if n > 0 {
            diags.hint("", format!("{} {rest}", format::count(n, subject.0, subject.1)));
        }
    };
    let items = ("action item has", "action items have");
    hint(
        no_due,
        items,
        format!(
            "no due date: on-time rates leave {} out (`tandem check --explain` shows which)",
            them(no_due)
        ),
    );
    hint(
        no_owner,
        items,
        format!("no owner: no one's figures count {} (`tandem check --explain` shows which)", them(no_owner)),
    );
    let were = if unread == 1 { "was" } else { "were" };
    hint(
        unread,
        ("line looks", "lines look"),
        format!("like an action item or a decision but {were} not read (`tandem check --explain` shows why)"),
    );
}
