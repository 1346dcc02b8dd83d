#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::site::sprints::fixture::with_input;

fn texts(group: &ActionGroupView) -> Vec<&str> {
    group.items.iter().map(|a| a.text.as_str()).collect()
}

#[test]
fn grouped_overdue_open_done_with_counts() {
    let page = with_input(index);
    assert_eq!(page.path, "actions/index.html");
    let groups: Vec<(&str, usize)> = page.view.groups.iter().map(|g| (g.key, g.count)).collect();
    assert_eq!(groups, [("overdue", 1), ("open", 3)]);
    assert_eq!(page.view.done.count, 2);
    assert_eq!(page.view.summary, "6 action items: 1 overdue, 3 open, 2 done.");
    // a later note ticks it, but the page is as of the report date
    assert_eq!(texts(&page.view.groups[0]), ["Split PHX-101 @bob due 2026-10-09"]);
    // open: the oldest first, dated or not
    assert_eq!(texts(&page.view.groups[1]), ["Tidy the board", "Write the runbook", PRIVATE_ACTION]);
    // done: by month, newest first
    let months: Vec<(&str, &str, &str)> =
        page.view.done.months.iter().map(|m| (m.key.as_str(), m.label.as_str(), m.count.as_str())).collect();
    assert_eq!(
        months,
        [("done-2026-10", "October 2026", "1 done"), ("done-2026-09", "September 2026", "1 done")]
    );
    let done: Vec<&str> =
        page.view.done.months.iter().flat_map(|m| &m.items).map(|a| a.text.as_str()).collect();
    assert_eq!(done, ["Review the goal", "Call the vendor"]);
}

#[test]
fn rows_carry_owners_dates_and_their_note() {
    let page = with_input(index);
    let overdue = &page.view.groups[0].items[0];
    assert_eq!(overdue.owners, "Bob Okafor");
    assert_eq!(overdue.overdue.as_deref(), Some("7 days overdue"));
    assert_eq!(overdue.due.as_ref().unwrap().iso, "2026-10-09");
    assert_eq!(overdue.note.label, "Sprint 21 planning");
    assert_eq!(overdue.note.url.as_deref(), Some("notes/2026-10-05-planning/index.html"));
    let tidy = &page.view.groups[1].items[0];
    assert_eq!(tidy.owners, "Bob Okafor and Carol Diaz");
    assert!(tidy.done.is_none(), "done after the report date: not yet");
    assert!(tidy.overdue.is_none());
    let open: Vec<(Option<&str>, bool)> =
        page.view.groups[1].items.iter().map(|a| (a.open_for.as_deref(), a.undated)).collect();
    // Raised 28 Sep and 9 Oct, as of 16 Oct; the runbook has a due date.
    assert_eq!(
        open,
        [
            (Some("Open for 18 days"), true),
            (Some("Open for 18 days"), false),
            (Some("Open for 7 days"), true)
        ]
    );
    let review = &page.view.done.months[0].items[0];
    assert_eq!(review.owners, "No owner");
    assert_eq!(review.done.as_ref().unwrap().iso, "2026-10-05");
}

#[test]
fn private_actions_show_no_text() {
    let page = with_input(index);
    let private: Vec<&ActionRowView> =
        page.view.groups.iter().flat_map(|g| &g.items).filter(|a| a.private).collect();
    assert_eq!(private.len(), 1);
    let row = private[0];
    assert_eq!(row.text, "An action item from a private note");
    assert_eq!(row.note.label, "Private note, Fri 9 Oct 2026");
    assert_eq!(row.note.url.as_deref(), Some("notes/2026-10-09-sync/index.html"));
    assert_eq!(row.owners, "Alice Chen");
    let all = format!("{:?}", page.view);
    assert!(!all.contains("SECRET") && !all.contains("sync</b>"), "{all}");
}
