#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::site::sprints::fixture::{project, with_input, with_project};

fn rows(view: &DecisionsView) -> Vec<&DecisionRowView> {
    view.months.iter().flat_map(|m| &m.decisions).collect()
}

#[test]
fn newest_first_by_month() {
    let page = with_input(index);
    assert_eq!(page.path, "decisions/index.html");
    let months: Vec<(&str, usize)> =
        page.view.months.iter().map(|m| (m.label.as_str(), m.decisions.len())).collect();
    assert_eq!(months, [("October 2026", 2), ("September 2026", 1)]);
    let dates: Vec<&str> = rows(&page.view).iter().map(|r| r.date.iso.as_str()).collect();
    assert_eq!(dates, ["2026-10-09", "2026-10-05", "2026-09-28"]);
    assert_eq!(page.view.months[0].id, "2026-10");
    assert_eq!(page.view.summary, "3 decisions, 1 of them tagged #compromise.");
}

#[test]
fn items_link_to_the_latest_sprint_else_the_backlog() {
    let page = with_input(index);
    let all = rows(&page.view);
    let planning = all[1];
    assert!(planning.compromise && !planning.private);
    // PHX-101 is in S20 and S21 (and the backlog): the latest sprint wins
    assert_eq!(planning.items[0].url.as_deref(), Some("sprints/s21/index.html#item-phx-101"));
    assert_eq!(planning.note.url.as_deref(), Some("notes/2026-10-05-planning/index.html"));
    let links: Vec<(&str, Option<&str>)> =
        all[2].items.iter().map(|l| (l.label.as_str(), l.url.as_deref())).collect();
    assert_eq!(
        links,
        [
            ("PHX-090", Some("sprints/s20/index.html#item-phx-090")),
            ("PHX-112", Some("backlog/index.html#item-phx-112")),
            ("PHX-999", None),
        ]
    );
}

#[test]
fn items_of_unstarted_sprints_and_later_snapshots_are_not_linked() {
    with_input(|input| {
        let links = ItemLinks::new(input);
        assert_eq!(links.link("PHX-200").url, None, "S22 starts after the report date");
        assert_eq!(links.link("PHX-LATER").url, None, "snapshot after the report date");
        assert_eq!(links.link("PHX-110").url.as_deref(), Some("backlog/index.html#item-phx-110"));
    });
}

#[test]
fn private_decisions_show_no_text_tag_or_items() {
    let page = with_input(index);
    let private = rows(&page.view)[0];
    assert!(private.private);
    assert_eq!(private.text, PRIVATE_DECISION);
    assert!(private.items.is_empty() && !private.compromise);
    assert_eq!(private.note.label, "Private note, Fri 9 Oct 2026");
    let all = format!("{:?}", page.view);
    assert!(!all.contains("SECRET") && !all.contains("<b>sync"), "{all}");
}

#[test]
fn no_decisions_no_summary() {
    let mut p = project();
    for n in &mut p.notes {
        n.decisions.clear();
    }
    let page = with_project(&p, index);
    assert!(page.view.months.is_empty() && page.view.summary.is_empty());
}
