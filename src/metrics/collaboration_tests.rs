//! Every collaboration figure on the fixture (see `fixture.rs` for the data).

use super::*;
use crate::indicators::largest_gap;
use crate::metrics::fixture::{d, date, project};
use crate::metrics::{Timeline, Window, snapshot};
use crate::model::{Date, NoteKind, Project, Role};

fn at(p: &Project, day: Date) -> CollaborationFigures {
    let sprints = crate::metrics::sprint_entries(p, day);
    snapshot(&Timeline::new(p), &sprints, day, day).collaboration
}

fn max_gap(dates: &[Date], w: &Window) -> i64 {
    largest_gap(dates.iter().copied(), w)
}

fn fixture_at_d() -> CollaborationFigures {
    at(&project(), d())
}

#[test]
fn window_is_inclusive_and_days_long() {
    let w = Window::ending(d(), 28);
    // W = [D - 28 + 1, D]
    assert_eq!((w.from, w.to, w.days), (date("2026-09-23"), d(), 28));
    assert!(w.contains(date("2026-09-23")) && w.contains(d()));
    assert!(!w.contains(date("2026-09-22")) && !w.contains(date("2026-10-21")));
}

#[test]
fn communication() {
    let c = fixture_at_d();
    // notes in W with alice and bob: N2 09-24, N4 10-01, N7 10-05 (private), N9 10-14
    // (N1 09-07 is before W; N10 10-21 after D)
    assert_eq!(c.touchpoints, Some(4));
    // 4 * 7 / 28
    assert_eq!(c.touchpoints_per_week, Some(1.0));
    // gaps: 09-24 - 09-23 = 1, 7, 4, 10-14 - 10-05 = 9, D 10-20 - 10-14 = 6 → 9
    assert_eq!(c.max_gap_days, Some(9));
    // sprint events in W: N5 review (alice), N6 retro (bob), N7 planning (both)
    // PO at 2 of 3; SM at 2 of 3
    assert_eq!(c.po_event_attendance, Some(2.0 / 3.0));
    assert_eq!(c.sm_event_attendance, Some(2.0 / 3.0));
}

#[test]
fn max_gap_without_touchpoints_is_the_window() {
    let mut p = project();
    p.notes.retain(|n| n.kind != NoteKind::Sync && n.kind != NoteKind::Planning);
    p.notes.retain(|n| n.kind != NoteKind::Refinement);
    let c = at(&p, d());
    // no note in W has both: 0 touchpoints, gap = window_days
    assert_eq!(c.touchpoints, Some(0));
    assert_eq!(c.touchpoints_per_week, Some(0.0));
    assert_eq!(c.max_gap_days, Some(28));
}

#[test]
fn max_gap_counts_from_the_window_start_and_to_d() {
    let w = Window::ending(d(), 28);
    // one touchpoint on the window's first day: gap to D is 27
    assert_eq!(max_gap(&[date("2026-09-23")], &w), 27);
    // one on D: 27 days from the start
    assert_eq!(max_gap(&[d()], &w), 27);
    // one in the middle: max(10-06 - 09-23 = 13, 10-20 - 10-06 = 14)
    assert_eq!(max_gap(&[date("2026-10-06")], &w), 14);
}

#[test]
fn backlog_collaboration() {
    let c = fixture_at_d();
    // refinements in W: N2 (alice bob carol), N8 (alice carol) → 2, joint 1/2
    assert_eq!(c.refinement_sessions, 2);
    assert_eq!(c.joint_refinement_share, Some(0.5));
}

#[test]
fn accountability() {
    let c = fixture_at_d();
    // raised in W: write the checklist 09-24, clarify B5 09-25, pair on deploy 10-02,
    // update runbook 10-05, book demo room 10-14 (book staging 09-07 is before W) → 5
    assert_eq!(c.actions_raised, 5);
    // done by D: checklist (10-01), clarify (10-02), demo room (10-14) → 3
    assert_eq!(c.actions_done, 3);
    // due in W: checklist 10-01 done 10-01 ✓, clarify 09-30 done 10-02 ✗,
    // pair 10-09 open ✗, demo room 10-15 done 10-14 ✓ (runbook due 10-30, staging 09-10: outside) → 2/4
    assert_eq!(c.on_time_rate, Some(0.5));
    // due before D and open: book staging (09-10), pair on deploy (10-09) → 2
    assert_eq!(c.overdue_open, Some(2));
}

#[test]
fn support() {
    let c = fixture_at_d();
    // retro/standup with the PO among owners: clarify B5 (standup, alice), pair (retro, alice+carol) = 2
    // refinement/review with the SM among owners: write the checklist (refinement, bob) = 1
    // impediments raised in W owned by the PO: Staging down 09-28 (alice) = 1 → 4
    assert_eq!(c.cross_role_assists, Some(4));
    // 4 * 7 / 28
    assert_eq!(c.cross_role_assists_per_week, Some(1.0));
    // raised in W: Staging 09-28, Vendor 09-29, Flaky e2e 10-06 (CI flaky 09-08 is before W)
    assert_eq!(c.impediments_raised, 3);
    // resolved in W: Staging 10-05 - 09-28 = 7, Flaky 10-09 - 10-06 = 3 → median (3 + 7)/2
    assert_eq!(c.median_resolution_days, Some(5.0));
}

#[test]
fn compromise() {
    let c = fixture_at_d();
    // decisions in W: N2 1, N4 1, N5 1, N7 2 (private notes count), N8 1 = 6
    assert_eq!(c.decisions, 6);
    // in notes with alice and bob: N2 1 + N4 1 + N7 2 = 4 → 4/6
    assert_eq!(c.joint_decision_share, Some(4.0 / 6.0));
    // #compromise: N2, N7
    assert_eq!(c.compromises, 2);
    // changes in W: B3 added 09-24, B4 removed 09-25, C5 added 10-06, C4 added 10-07,
    // C5 removed 10-08, D3 removed 10-20 (B1 added on its start day is committed;
    // D2 added 10-22 is after D) → 6
    assert_eq!(c.scope_changes, 6);
    // referenced within 2 days: B3 by N2 (same day), C4 by N7 (10-05, 2 days before);
    // C5 by N8 10-12 is 4 and 6 days off; D3 by N10 10-21 is after D → 2/6
    assert_eq!(c.negotiated_scope_change_share, Some(2.0 / 6.0));
}

#[test]
fn notes_after_d_are_ignored_until_d_reaches_them() {
    let p = project();
    let later = at(&p, date("2026-10-21"));
    // on 10-21, N10 checks "pair on deploy script": only book staging stays overdue
    assert_eq!(later.overdue_open, Some(1));
    // W = [09-24, 10-21]: B3 (09-24) is still in, and N10 (10-21) negotiates
    // D3's removal (10-20, 1 day apart): B3, C4, D3 of 6 → 3/6
    assert_eq!(later.scope_changes, 6);
    assert_eq!(later.negotiated_scope_change_share, Some(3.0 / 6.0));
    // N10 is a touchpoint: 5
    assert_eq!(later.touchpoints, Some(5));
    assert_eq!(fixture_at_d().overdue_open, Some(2));
}

#[test]
fn no_product_owner_makes_po_figures_null() {
    let mut p = project();
    p.team.members[0].role = Role::Developer;
    let c = at(&p, d());
    assert_eq!(c.touchpoints, None);
    assert_eq!(c.touchpoints_per_week, None);
    assert_eq!(c.max_gap_days, None);
    assert_eq!(c.po_event_attendance, None);
    assert_eq!(c.joint_refinement_share, None);
    assert_eq!(c.cross_role_assists, None);
    assert_eq!(c.cross_role_assists_per_week, None);
    assert_eq!(c.joint_decision_share, None);
    // the SM's own figure and role-free figures stay
    assert_eq!(c.sm_event_attendance, Some(2.0 / 3.0));
    assert_eq!((c.refinement_sessions, c.decisions, c.actions_raised), (2, 6, 5));
}

#[test]
fn two_product_owners_or_no_scrum_master_make_role_figures_null() {
    let mut p = project();
    p.team.members[3].role = Role::ProductOwner;
    let c = at(&p, d());
    assert_eq!((c.touchpoints, c.po_event_attendance), (None, None));
    assert_eq!(c.sm_event_attendance, Some(2.0 / 3.0));
    let mut p = project();
    p.team.members[1].role = Role::Developer;
    let c = at(&p, d());
    assert_eq!((c.touchpoints, c.sm_event_attendance), (None, None));
    assert_eq!(c.po_event_attendance, Some(2.0 / 3.0));
    assert_eq!(c.cross_role_assists, None);
}

#[test]
fn empty_window_gives_null_shares_not_zero() {
    let p = project();
    // W = [2026-08-01 - 27, 2026-08-01]: before every note and sprint
    let c = at(&p, date("2026-08-01"));
    assert_eq!(c.touchpoints, Some(0));
    assert_eq!(c.po_event_attendance, None);
    assert_eq!(c.sm_event_attendance, None);
    assert_eq!(c.joint_refinement_share, None);
    assert_eq!(c.on_time_rate, None);
    assert_eq!(c.median_resolution_days, None);
    assert_eq!(c.joint_decision_share, None);
    assert_eq!(c.negotiated_scope_change_share, None);
    // No note in the window: how often one helped the other is unknown, not 0.
    assert_eq!((c.cross_role_assists, c.cross_role_assists_per_week), (None, None));
    assert_eq!((c.touchpoints_per_week, c.max_gap_days), (None, None));
    assert_eq!((c.actions_raised, c.decisions, c.scope_changes), (0, 0, 0));
}

#[test]
fn a_zero_day_window_has_no_rates() {
    let mut p = project();
    p.settings.window_days = 0;
    let c = at(&p, d());
    assert_eq!(c.touchpoints_per_week, None);
    assert_eq!(c.cross_role_assists_per_week, None);
}

#[test]
fn a_new_teams_window_starts_at_its_first_sprint() {
    let mut p = project();
    let first = p.sprints.iter().map(|s| s.start).min().unwrap_or(d());
    // A week into the first sprint: the window is that week, not 28 days
    // reaching back before the team existed.
    let day = crate::metrics::add_days(first, 6);
    let w = Window::of(&p, day);
    assert_eq!((w.from, w.to, w.days), (first, day, 7));
    // With one touchpoint on the first day, the longest gap is 6 days, not 27.
    p.notes.retain(|n| n.date == first);
    p.notes.push(crate::metrics::fixture::note(&first.to_string(), NoteKind::Sync, &["alice", "bob"]));
    assert_eq!(at(&p, day).max_gap_days, Some(6));
    // Later on, the window is window_days long again.
    assert_eq!(Window::of(&p, d()).days, 28);
}

#[test]
fn a_review_and_retro_written_up_together_counts_as_either_for_help() {
    // A PO-owned action raised in a note that is a review and a retro: the
    // retro side makes it help across roles.
    let mut p = project();
    p.notes.clear();
    let mut note = crate::metrics::fixture::note("2026-10-16", NoteKind::Review, &["alice", "bob"]);
    note.also = vec![NoteKind::Retro];
    note.actions = vec![crate::testkit::action(&["alice"], "write the release notes", None, false)];
    p.notes.push(note.clone());
    // The fixture's impediment "Staging down", raised in W, is the PO's: 1,
    // plus the action from the retro side: 2.
    assert_eq!(at(&p, d()).cross_role_assists, Some(2));
    // Written up as a review alone, a PO's action is no help across roles.
    p.notes[0].also.clear();
    assert_eq!(at(&p, d()).cross_role_assists, Some(1));
}

#[test]
fn notes_without_attendance_are_neither_presence_nor_absence() {
    // The fixture's retro (N6, bob only) with no attendance recorded: the
    // PO's attendance is 2 of 2 known events, and the retro is listed apart.
    let mut p = project();
    for n in p.notes.iter_mut().filter(|n| n.kind == NoteKind::Retro) {
        n.attendees.clear();
        n.attendance_recorded = false;
    }
    let c = at(&p, d());
    assert_eq!(c.po_event_attendance, Some(1.0));
    assert_eq!(c.sm_event_attendance, Some(0.5));
}
