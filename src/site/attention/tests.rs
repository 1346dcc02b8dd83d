#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::analysis::{History, analyse};
use crate::model::{Backlog, BacklogItem, BacklogSnapshot, BacklogState, Impediment, Project};
use crate::site::testdata::{REPORT_DATE, project};
use crate::testkit::date;

/// The fixture with its sprint started before the retro of 2026-09-28, so
/// that retro falls in the collaboration window.
fn started_earlier() -> Project {
    let mut p = project();
    p.sprints[0].start = date("2026-09-21");
    p
}

fn views(p: &Project, public: bool) -> Vec<AttentionView> {
    let paths = SitePaths::new(p).with_pages_as_of(p, REPORT_DATE).public(public);
    let groups = analyse(p, REPORT_DATE, History::Recent).attention;
    Words::new(p, &paths, REPORT_DATE, public).views(&groups)
}

fn labels(v: &AttentionView) -> Vec<&str> {
    v.details.iter().map(|d| d.label.as_str()).collect()
}

#[test]
fn one_entry_per_kind_with_its_count_linked_to_its_evidence() {
    let v = views(&started_earlier(), false);
    let lines: Vec<(&str, &str, &str)> = v.iter().map(|a| (a.kind, a.severity, a.text.as_str())).collect();
    assert_eq!(
        lines,
        [
            ("overdue-actions", "important", "1 action item 7 days overdue"),
            (
                "without-product-owner",
                "important",
                "1 of 2 sprint events without the product owner in the last 26 days"
            ),
            (
                "without-scrum-master",
                "important",
                "1 of 2 sprint events without the scrum master in the last 26 days"
            ),
        ]
    );
    assert_eq!(v[0].url.as_deref(), Some("actions/index.html#group-overdue"));
    // Owners by display name, never the raw handle the note wrote.
    assert_eq!(
        labels(&v[0]),
        ["“Split PHX-101 Bob Okafor due 2026-10-09”: Bob Okafor, due Fri 9 Oct, 7 days overdue"]
    );
    assert_eq!(v[0].details[0].url.as_deref(), Some("actions/index.html#action-2"));
    assert_eq!(v[1].url.as_deref(), Some("index.html#how-po_event_attendance"));
    assert_eq!(labels(&v[1]), ["Mon 28 Sep: Sprint 20 retro"]);
    assert_eq!(v[1].details[0].url.as_deref(), Some("notes/2026-09-28-retro/index.html"));
    assert_eq!(v[0].count, 1);
}

#[test]
fn a_public_site_names_nobody_and_quotes_no_note() {
    let mut p = started_earlier();
    p.sprints[0].impediments = vec![Impediment {
        title: "Vault down".into(),
        raised: date("2026-10-01"),
        resolved: None,
        owner: Some("alice".into()),
    }];
    let team = views(&p, false);
    assert_eq!(team[0].text, "1 impediment open for 15 days");
    assert_eq!(labels(&team[0]), ["Vault down (Sprint 21): Alice Chen, open for 15 days"]);
    assert_eq!(team[0].url.as_deref(), Some("sprints/s21/index.html#impediment-1"));

    let public = views(&p, true);
    // The same headlines: they never name anyone.
    let heads = |v: &[AttentionView]| v.iter().map(|a| a.text.clone()).collect::<Vec<_>>();
    assert_eq!(heads(&public), heads(&team));
    assert_eq!(labels(&public[0]), ["Vault down (Sprint 21): open for 15 days"]);
    // Overdue action items are counted by meeting, with no owner and no text.
    assert_eq!(labels(&public[1]), ["1 raised at a sprint planning"]);
    assert_eq!(public[1].details[0].url.as_deref(), Some("actions/index.html#group-overdue"));
    // Meetings by kind and date, with no link (a public site has no note pages).
    assert_eq!(labels(&public[2]), ["Mon 28 Sep: Retrospective"]);
    assert_eq!(public[2].details[0].url, None);
    let all = format!("{public:?}");
    for name in ["Alice", "Bob", "Split PHX-101", "Sprint 20 retro"] {
        assert!(!all.contains(name), "{name} in {all}");
    }
}

#[test]
fn many_items_are_capped_with_a_link_to_the_rest() {
    let mut p = project();
    let mut items = Vec::new();
    for (i, month) in [3, 1, 5, 2, 4, 6, 3].iter().enumerate() {
        items.push(BacklogItem {
            id: format!("OLD-{i}"),
            title: format!("Title of OLD-{i}"),
            points: Some(2.0),
            item_type: None,
            state: BacklogState::New,
            created: crate::model::Date::constant(2026, *month, 10),
            updated: None,
            acceptance: Vec::new(),
            owner: None,
        });
    }
    p.backlog = Backlog::Current(BacklogSnapshot { date: None, items, path: "backlog.yaml".into() });
    let v = views(&p, false);
    let stale = v.iter().find(|a| a.kind == "stale-items").unwrap();
    assert_eq!(stale.text, "7 backlog items untouched for more than 90 days, oldest 279 days");
    assert_eq!(stale.details.len(), MAX_DETAILS + 1);
    assert_eq!(stale.details[0].label, "OLD-1 “Title of OLD-1”: untouched for 279 days");
    assert_eq!(stale.details[0].url.as_deref(), Some("backlog/index.html#item-old-1"));
    assert_eq!(stale.details[5].label, "and 2 more");
    assert_eq!(stale.details[5].url.as_deref(), Some("backlog/index.html"));
}

#[test]
fn headlines_say_one_and_many_and_never_a_name() {
    use crate::model::Role;
    let group = |headline: Headline| Group {
        severity: crate::analysis::attention::Severity::Important,
        headline,
        target: None,
        items: Vec::new(),
    };
    let cases = [
        (Headline::OpenImpediments { count: 1, oldest_days: 0 }, "1 impediment raised today"),
        (Headline::OpenImpediments { count: 3, oldest_days: 9 }, "3 impediments open, oldest 9 days"),
        (Headline::OverdueActions { count: 3, oldest_days: 45 }, "3 action items overdue, oldest 45 days"),
        (
            Headline::MissedEvents { role: Role::ProductOwner, missed: 2, events: 6, window_days: 28 },
            "2 of 6 sprint events without the product owner in the last 28 days",
        ),
        (
            Headline::UnagreedScopeChanges { count: 1, sprints: 1, window_days: 28 },
            "1 scope change with no decision recorded in the last 28 days",
        ),
        (
            Headline::StaleItems { count: 1, oldest_days: 120, stale_days: 90 },
            "1 backlog item untouched for 120 days (stale after 90)",
        ),
        (
            Headline::StaleItems { count: 4, oldest_days: 120, stale_days: 90 },
            "4 backlog items untouched for more than 90 days, oldest 120 days",
        ),
        (
            Headline::UnrecordedEvents { count: 1, window_days: 28 },
            "1 sprint event with no meeting notes in the last 28 days",
        ),
        (
            Headline::LowReadiness { ready_points: 8.0, velocity: 20.0 },
            "Less than one sprint of ready work: 8 points ready against a velocity of 20 points a sprint",
        ),
    ];
    for (h, text) in cases {
        assert_eq!(headline(&group(h)), text);
    }
}

#[test]
fn scope_changes_link_the_item_on_its_sprint_page() {
    use crate::model::{ItemStatus, SprintItem};
    let mut p = project();
    p.sprints[0].items = vec![SprintItem {
        id: "PHX-102".into(),
        title: "Promo codes".into(),
        points: Some(3.0),
        item_type: None,
        status: ItemStatus::NotDone,
        added: Some(date("2026-10-12")),
        removed: None,
        done: None,
        started: None,
    }];
    let v = views(&p, false);
    let changes = v.iter().find(|a| a.kind == "unagreed-scope-changes").unwrap();
    assert_eq!(changes.text, "1 scope change with no decision recorded in the last 12 days");
    assert_eq!(changes.url.as_deref(), Some("index.html#how-negotiated_scope_change_share"));
    assert_eq!(labels(changes), ["PHX-102 “Promo codes” added to Sprint 21 on Mon 12 Oct"]);
    assert_eq!(changes.details[0].url.as_deref(), Some("sprints/s21/index.html#item-phx-102"));
}
