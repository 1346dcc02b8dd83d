//! Whole notes through [`parse_note`], and [`find_references`].

use std::collections::BTreeSet;

use super::fixtures::{date, guest, member, sprints, team};
use super::*;
use crate::model::{NoteKind, Visibility};

const PATH: &str = "notes/2026/2026-10-05-planning.md";

/// The note and its diagnostics, leaving out the warnings that a sprint
/// event's attendance is not recorded and that a note is dated years before
/// the first sprint (most of these notes are; both have tests of their own).
fn parse_at(path: &str, source: &str) -> (Option<Note>, Vec<String>) {
    let (note, msgs) = parse_all(path, source);
    let incidental = |m: &String| {
        m.contains("is not recorded (no front-matter") || m.contains("before the first sprint starts")
    };
    (note, msgs.into_iter().filter(|m| !incidental(m)).collect())
}

fn parse_all(path: &str, source: &str) -> (Option<Note>, Vec<String>) {
    let (team, sprints) = (team(), sprints());
    let ctx = NoteContext { team: &team, sprints: &sprints, date_order: None };
    let mut diags = Diagnostics::new();
    let note = parse_note(path, source, &ctx, &mut diags);
    (note, diags.sorted().iter().map(ToString::to_string).collect())
}

fn parse(path: &str, source: &str) -> Note {
    let (note, msgs) = parse_at(path, source);
    assert!(msgs.is_empty(), "unexpected diagnostics: {msgs:?}");
    note.unwrap_or_else(|| panic!("note skipped"))
}

#[test]
fn front_matter_says_everything() {
    let src = "---\ndate: 2026-10-20\nkind: retro\ntitle: Looking back\nattendees: [alice, Bob Okafor, Jane]\nsprint: S21\nvisibility: private\n---\n# Ignored title\n";
    let n = parse("notes/x.md", src);
    assert_eq!(n.date, date("2026-10-20"));
    assert_eq!(n.kind, NoteKind::Retro);
    assert_eq!(n.title, "Looking back");
    assert_eq!(n.attendees, vec![member("alice"), member("bob"), guest("Jane")]);
    assert_eq!(n.sprint.as_deref(), Some("S21"));
    assert_eq!(n.visibility, Visibility::Private);
    assert_eq!((n.body.as_str(), n.body_line), ("# Ignored title\n", 9));
}

#[test]
fn everything_inferred_from_a_plain_note() {
    let src = "# Sprint 22 planning\n\n## Attendees\n- Alice\n- Carol\n\n## Action items\n- [ ] @bob: book the room due 2026-10-21\n\n## Decisions\n- Goal: saved cards\n";
    let n = parse("notes/2026-10-19.md", src);
    assert_eq!(n.date, date("2026-10-19"));
    assert_eq!((n.kind, n.title.as_str()), (NoteKind::Planning, "Sprint 22 planning"));
    assert_eq!(n.attendees, vec![member("alice"), member("carol")]);
    assert_eq!(n.sprint.as_deref(), Some("S22"));
    assert_eq!(n.visibility, Visibility::Team);
    assert_eq!((n.body_line, n.actions.len(), n.decisions.len()), (1, 1, 1));
    assert_eq!(n.actions[0].due, Some(date("2026-10-21")));
    assert_eq!((n.decisions[0].text.as_str(), n.decisions[0].line), ("Goal: saved cards", 11));
}

#[test]
fn date_from_the_file_stem_then_the_first_heading_then_a_date_label() {
    assert_eq!(parse("notes/retro_2026-10-07_v2.md", "# Retro\n").date, date("2026-10-07"));
    assert_eq!(parse("notes/retro.md", "# Retro, Dec 11th, 2020\n").date, date("2020-12-11"));
    assert_eq!(parse("notes/retro.md", "# Retro\n\n**Date:** Friday 08 Jan 2021\n").date, date("2021-01-08"));
    let meeting = "# Community call\n### Meeting Date/Time: Friday, March 8, 2019 14:00 UTC\n";
    assert_eq!(parse("notes/call.md", meeting).date, date("2019-03-08"));
    let label_in_list = "Notes\n\n- Location: room 4\n- Date: 8 March 2019\n";
    assert_eq!(parse("notes/call.md", label_in_list).date, date("2019-03-08"));
}

#[test]
fn front_matter_date_wins_over_the_file_name() {
    assert_eq!(parse(PATH, "---\ndate: '2026-10-06'\n---\n").date, date("2026-10-06"));
}

#[test]
fn a_note_without_a_date_is_skipped_with_a_warning() {
    let (note, msgs) = parse_at("notes/README.md", "# How we keep notes\n\nWrite one file per meeting.\n");
    assert!(note.is_none());
    assert_eq!(
        msgs,
        vec!["warning: notes/README.md: no date in front matter, file name or first heading; note skipped"]
    );
}

#[test]
fn title_from_front_matter_first_h1_or_file_stem() {
    assert_eq!(parse(PATH, "---\ntitle: Kick-off\n---\n# Other\n").title, "Kick-off");
    assert_eq!(parse(PATH, "## Not level one\n# Planning day\n").title, "Planning day");
    assert_eq!(parse(PATH, "## Only level two\n").title, "2026-10-05-planning");
}

#[test]
fn kind_from_front_matter_title_or_file_name() {
    assert_eq!(parse(PATH, "---\nkind: sync\n---\n").kind, NoteKind::Sync);
    assert_eq!(parse(PATH, "# Team retro\n").kind, NoteKind::Retro);
    assert_eq!(parse(PATH, "# Team meeting\n").kind, NoteKind::Planning);
    assert_eq!(parse("notes/2026-10-05.md", "# Team meeting\n").kind, NoteKind::Other);
}

#[test]
fn sprint_from_dates_or_none() {
    assert_eq!(parse("notes/2026-10-17.md", "").sprint, None);
    assert_eq!(parse("notes/2026-10-16.md", "").sprint.as_deref(), Some("S21"));
}

#[test]
fn crlf_bom_and_indented_headings() {
    let src = "\u{feff}---\r\ndate: 2026-10-05\r\n---\r\n   ## Present\r\n- Alice\r\n- Bob\r\n\r\n  ## Actions\r\n- Carol: fix CI\r\n";
    let n = parse("notes/x.md", src);
    assert_eq!(n.attendees, vec![member("alice"), member("bob")]);
    assert_eq!((n.actions[0].text.as_str(), n.actions[0].line), ("fix CI", 9));
    assert_eq!(n.body_line, 4);
    assert!(!n.body.contains('\r'));
}

#[test]
fn lone_carriage_returns_end_lines_too() {
    let n = parse("notes/x.md", "# Retro 2026-10-05\r\r- [ ] Bob: fix CI\r");
    assert_eq!((n.actions[0].text.as_str(), n.actions[0].line), ("fix CI", 3));
}

#[test]
fn bom_without_front_matter() {
    let n = parse("notes/x.md", "\u{feff}# Retro 2026-10-05\n");
    assert_eq!((n.title.as_str(), n.date), ("Retro 2026-10-05", date("2026-10-05")));
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let (note, msgs) = parse_at(PATH, "---\ndate: 2026-10-05\n# Planning\n");
    assert!(note.is_none());
    assert_eq!(
        msgs,
        vec![
            "error: notes/2026/2026-10-05-planning.md:1:1: front matter starts with --- but never ends (did you forget the closing ---?)"
        ]
    );
}

#[test]
fn yaml_errors_are_located_in_the_file() {
    let (note, msgs) =
        parse_at(PATH, "---\ntitle: ok\nattendees: [alice, bob\nkind: retro\n---\n# Planning\n");
    assert!(note.is_some(), "the note is still read from its file name");
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0]
            .starts_with("error: notes/2026/2026-10-05-planning.md:3:12: YAML syntax error: `[` is opened"),
        "{}",
        msgs[0]
    );
}

#[test]
fn unknown_keys_and_bad_values_in_front_matter() {
    let src = "---\ndat: 2026-10-05\nkind: plannig\nvisibility: public\ndate: 5 Oct 2026\n---\n";
    let (_, msgs) = parse_at(PATH, src);
    assert_eq!(
        msgs,
        vec![
            "warning: notes/2026/2026-10-05-planning.md:2:1: key `dat` in note front matter is not read (did you mean `date`?)",
            "error: notes/2026/2026-10-05-planning.md:3:7: unknown kind \"plannig\" (expected planning, review, retro, refinement, sync, standup, stakeholder or other; did you mean planning?)",
            "error: notes/2026/2026-10-05-planning.md:4:13: unknown visibility \"public\" (expected team or private)",
            "error: notes/2026/2026-10-05-planning.md:5:7: `date` should be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DD HH:MM ...), found \"5 Oct 2026\"",
        ]
    );
}

#[test]
fn unknown_sprint_id_with_a_hint() {
    let (note, msgs) = parse_at(PATH, "---\nsprint: S2l\n---\n");
    assert_eq!(
        msgs,
        vec!["error: notes/2026/2026-10-05-planning.md:2:9: unknown sprint `S2l` (did you mean `S21`?)"]
    );
    let (_, msgs) = parse_at(PATH, "---\nsprint: Q4\n---\n");
    assert_eq!(
        msgs,
        vec![
            "error: notes/2026/2026-10-05-planning.md:2:9: unknown sprint `Q4` (no sprint file has this id)"
        ]
    );
    assert_eq!(note.and_then(|n| n.sprint).as_deref(), Some("S21"));
}

#[test]
fn empty_front_matter_is_fine() {
    let n = parse(PATH, "---\n---\n# Planning\n");
    assert_eq!((n.body_line, n.title.as_str()), (3, "Planning"));
}

#[test]
fn a_carried_forward_item_keeps_its_identity_across_notes() {
    let first =
        parse("notes/2026-10-05-planning.md", "## Action items\n- [ ] @bob: book staging (due 2026-10-07)\n");
    let later = parse("notes/2026-10-12-sync.md", "# Sync\n- [x] @bob: Book  staging, due 2026-10-09\n");
    let (a, b) = (&first.actions[0], &later.actions[0]);
    assert_eq!((&a.owners, &a.key), (&b.owners, &b.key));
    assert_eq!((a.checked, b.checked), (false, true));
    assert_eq!((a.due, b.due), (Some(date("2026-10-07")), Some(date("2026-10-09"))));
    let tracked = crate::model::actions::follow(&[first, later], date("2026-10-31"));
    assert_eq!(tracked.len(), 1);
    assert_eq!(tracked[0].done, Some(date("2026-10-12")));
}

#[test]
fn references_are_whole_words() {
    let ids: BTreeSet<String> = ["K-1", "K-11", "PHX-101", "PHX-9"].iter().map(|s| s.to_string()).collect();
    assert_eq!(find_references("fixes K-11 only", &ids), vec!["K-11"]);
    assert_eq!(find_references("XK-1 and K-1_x and K-1a", &ids), Vec::<String>::new());
    assert_eq!(find_references("(K-1) then PHX-101.", &ids), vec!["K-1", "PHX-101"]);
    assert_eq!(find_references("PHX-101, PHX-101 and PHX-9", &ids), vec!["PHX-101", "PHX-9"]);
    assert_eq!(find_references("", &ids), Vec::<String>::new());
}

#[test]
fn ids_with_spaces_or_dots_are_found_as_whole_words_too() {
    let ids: BTreeSet<String> = ["Epic 7", "v1.2", "K-1"].iter().map(|s| s.to_string()).collect();
    assert_eq!(find_references("Split Epic 7, ship v1.2 and K-1", &ids), vec!["Epic 7", "K-1", "v1.2"]);
    assert_eq!(find_references("Epic 77 and v1.23 and xv1.2", &ids), Vec::<String>::new());
}

#[test]
fn odd_input_never_panics() {
    let odd = [
        "",
        "---",
        "---\n",
        "\u{feff}",
        "\r\n\r\n",
        "- [ ]",
        "- [x] \u{200b}",
        "**Attendees:**",
        "Action:",
        "Decision: #compromise",
        "# é — 2026-13-45 — 31 Feb 2024\n@@@ @ @é: due 9999-99-99 done 2026-02-29",
        "> - > - > - [ ] nested @alice-gh to ((( due 2026-10-07 )))",
        "| Date | 2026-10-05 |\n|---|---|\n",
        "```\n---\n```",
    ];
    for src in odd {
        let _ = parse_at("notes/odd.md", src);
        let _ = parse_at("notes/2026-10-05.md", src);
    }
    let deep = "- ".repeat(3000) + "[ ] deep @bob\n" + &"> ".repeat(3000) + "Action: x\n";
    let (note, _) = parse_at("notes/2026-10-05.md", &deep);
    assert!(note.is_some());
}

#[test]
fn dates_in_text_and_the_warnings_when_there_is_none() {
    let (n, _) = parse_at("notes/a.md", "# Weekly sync Thursday 2019/12/5\n");
    assert_eq!(n.map(|n| n.date), date("2019-12-05").into());
    let (n, _) = parse_at("notes/a.md", "# Weekly\n\n**Date:** 13.02.2026\n");
    assert_eq!(n.map(|n| n.date), date("2026-02-13").into());
    let (n, msgs) = parse_at("notes/a.md", "# Weekly\n\nDate: 03/04/2026\n");
    assert!(n.is_none());
    assert_eq!(
        msgs,
        vec![
            "warning: notes/a.md:3:1: `03/04/2026` could be day/month or month/day; set `date_order: dmy` or `date_order: mdy` in tandem.yaml; note skipped"
        ]
    );
    let (n, msgs) = parse_at("notes/a.md", "# Weekly\n\nMeeting date: next Tuesday\n");
    assert!(n.is_none());
    assert_eq!(
        msgs,
        vec![
            "warning: notes/a.md:3:1: no date in front matter or file name, and none this reader knows on the Date line (\"next Tuesday\"; write it as YYYY-MM-DD); note skipped"
        ]
    );
    let (team, sprints) = (team(), sprints());
    let ctx = NoteContext { team: &team, sprints: &sprints, date_order: Some(crate::model::DateOrder::Dmy) };
    let mut diags = Diagnostics::new();
    let n = parse_note("notes/a.md", "# Weekly\n\nDate: 03/04/2026\n", &ctx, &mut diags);
    assert_eq!(n.map(|n| n.date), date("2026-04-03").into());
}

#[test]
fn a_heading_with_attributes_is_read_as_the_page_renders_it() {
    // The page renders `{#todo}` as the heading's id, not as text: reading
    // uses the same Markdown options, so the section is still found.
    let src = "# Sprint 22 planning\n\n## Action items {#todo}\n- [ ] @bob: book the room\n\n## Decisions {.key}\n- Goal: saved cards\n";
    let n = parse(PATH, src);
    assert_eq!(n.actions.len(), 1);
    assert_eq!(n.decisions.len(), 1);
}

#[test]
fn a_sprint_event_refinement_or_sync_without_readable_attendees_is_a_warning() {
    let (note, msgs) =
        parse_all("notes/2026-10-16-review-retro.md", "# Sprint 21 review + retro\n\nDemo went fine.\n");
    let note = note.unwrap_or_else(|| panic!("skipped"));
    assert_eq!(
        (note.kind, note.also.clone(), note.attendance_known()),
        (NoteKind::Review, vec![NoteKind::Retro], false)
    );
    assert!(note.is(NoteKind::Retro) && note.is_sprint_event());
    assert_eq!(
        msgs,
        vec![
            "warning: notes/2026-10-16-review-retro.md:1:1: who attended this review and retro is not recorded (no front-matter `attendees` and no Attendees section), so it is unknown (not absent) in the figures"
        ]
    );
    let (_, msgs) =
        parse_all("notes/2026-10-07-refinement.md", "# Refinement\n\n## Attendees\n\n## Notes\n- x\n");
    assert_eq!(
        msgs,
        vec![
            "warning: notes/2026-10-07-refinement.md:3:1: the attendee section of this refinement names nobody tandem can read, so who attended is unknown (not absent) in the figures; list one person per line or item"
        ]
    );
    let (note, msgs) = parse_all("notes/standups/2026-10-07.md", "- Bob: blocked\n");
    assert_eq!((note.map(|n| n.kind), msgs), (Some(NoteKind::Standup), vec![]));
    let (note, msgs) = parse_all("notes/2026-10-07-retro.md", "Attendees: everyone\n");
    assert_eq!(note.map(|n| n.attendees.len()), Some(4));
    assert!(msgs.is_empty(), "{msgs:?}");
}

#[test]
fn date_mistakes_are_named() {
    let (note, msgs) = parse_all("notes/retro.md", "# Retro\n\nDate: 2026-11-31\n");
    assert!(note.is_none());
    assert_eq!(
        msgs,
        vec![
            "warning: notes/retro.md:3:1: `2026-11-31` on the Date line is not a real calendar date (November 2026 has 30 days); note skipped"
        ]
    );
    let (_, msgs) = parse_all("notes/2026-02-30-sync.md", "---\nattendees: [alice]\n---\n");
    assert_eq!(
        msgs,
        vec![
            "warning: notes/2026-02-30-sync.md: `2026-02-30` in the file name is not a real calendar date (February 2026 has 28 days); note skipped"
        ]
    );
    let (_, msgs) = parse_all("notes/x.md", "---\ndate: 2026-11-31\nattendees: [alice]\n---\n");
    assert_eq!(
        msgs,
        vec![
            "error: notes/x.md:2:7: `date` 2026-11-31 is not a real calendar date (November 2026 has 30 days)"
        ]
    );
    let (_, msgs) = parse_all("notes/2025-10-01-sync.md", "---\nattendees: [alice]\n---\n");
    assert_eq!(
        msgs,
        vec![
            "warning: notes/2025-10-01-sync.md: dated 2025-10-01, 369 days before the first sprint starts (2026-10-05): a typo in the year?"
        ]
    );
    let (_, msgs) = parse_all(
        "notes/2026-10-09-sync.md",
        "# Sync\n\n**Date:** Friday, October 8, 2026\n\nPresent: Alice\n",
    );
    assert_eq!(
        msgs,
        vec![
            "warning: notes/2026-10-09-sync.md:3:1: 2026-10-08 is a Thursday, not a Friday: check the date or the weekday"
        ]
    );
}
