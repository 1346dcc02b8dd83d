#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use super::*;
use crate::model::{Date, Project};
use crate::site::paths::SitePaths;
use crate::site::testdata::{REPORT_DATE, project};
use crate::site::{SiteOptions, render};

/// The sample data folder, checked, with its report date.
pub(crate) fn sample(as_of: Option<Date>) -> (Project, Date) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let flags = crate::options::Flags { as_of, ..Default::default() };
    let (project, options) =
        crate::check(&dir, &flags, jiff::Timestamp::UNIX_EPOCH).project.expect("the sample data is valid");
    (project, options.report_date)
}

fn view_of(project: &Project, date: Date) -> DashboardView {
    let analysis = crate::analysis::analyse(project, date, crate::analysis::History::Full);
    let paths = SitePaths::new(project);
    index(&Input::new(project, &analysis, &paths, false)).view
}

fn page(project: &Project) -> String {
    let site = render(
        project,
        &crate::analysis::analyse(project, REPORT_DATE, crate::analysis::History::Full),
        &SiteOptions::default(),
    )
    .unwrap();
    String::from_utf8(site.files["index.html"].clone()).unwrap()
}

#[test]
fn change_is_counted_in_displayed_points() {
    let up = change(Some(94.25), Some(95.04), "2026-W46").unwrap();
    assert_eq!((up.direction, up.arrow, up.points), ("up", "↑", 1));
    assert_eq!(up.text, "Up 1 point since 2026-W46 (better)");
    // 94.9 and 95.1 print as 94 and 95: the change says what the reader sees
    assert_eq!(change(Some(94.9), Some(95.1), "W").unwrap().points, 1);
    assert_eq!(change(Some(94.1), Some(94.9), "W").unwrap().text, "No change since W");
    assert_eq!(change(Some(80.0), Some(61.7), "W").unwrap().text, "Down 19 points since W (worse)");
    assert_eq!(change(None, Some(60.0), "W"), None);
    assert_eq!(change(Some(60.0), None, "W"), None);
}

#[test]
fn the_sample_dashboard_shows_score_change_trend_and_figures() {
    let (p, date) = sample(None);
    let v = view_of(&p, date);
    assert_eq!((v.health.score.as_str(), v.health.status.label), ("95", "Healthy"));
    assert_eq!(v.health.week, "2026-W47");
    assert_eq!(v.health.change.as_ref().unwrap().text, "Up 1 point since 2026-W46 (better)");
    let trend = v.health.trend.as_ref().unwrap();
    assert!(
        trend.label.starts_with(
            "Weekly health score from 2026-W28 to 2026-W47: 76 in 2026-W28, lowest 19 in 2026-W37"
        ),
        "{}",
        trend.label
    );
    let names: Vec<&str> = v.practices.iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "Collaborate on the backlog",
            "Communicate regularly",
            "Help each other out",
            "Hold each other accountable",
            "Be willing to compromise"
        ]
    );
    let figures: Vec<(&str, &str, &str)> = v
        .practices
        .iter()
        .flat_map(|p| &p.indicators)
        .map(|i| (i.key, i.figure.as_str(), i.score.as_str()))
        .collect();
    assert_eq!(figures.len(), 16);
    assert_eq!(figures[0], ("readiness_sprints", "1.6 sprints", "100"));
    assert_eq!(figures[1], ("stale_share", "9%", "81"));
    assert!(figures.contains(&("touchpoints_per_week", "4.0 a week", "100")));
    assert!(figures.contains(&("max_gap_days", "6 days", "100")));
    assert!(figures.contains(&("overdue_open", "1", "80")));
    // 4 of 6 goals met: 66.7% and its score 66.7 both show as 66 (one
    // rounding rule; they read "67%" and "score 66" before).
    assert!(figures.contains(&("goal_success_rate", "66%", "66")));
    let compromise = v.practices.iter().find(|p| p.key == "compromise").unwrap();
    assert!(compromise.related.contains(&FactView { label: "Compromises".into(), value: "4".into() }));
    let delivery: Vec<&str> = v.delivery.iter().map(|f| f.value.as_str()).collect();
    // Every share says what it is a share of: 67 / 77 = 87%, 4 / 6 = 66%.
    assert_eq!(
        delivery,
        [
            "24.6 points a sprint",
            "87% (67 of 77 points committed at planning in the last 3 sprints)",
            "66% (4 of the last 6 assessed sprint goals)"
        ]
    );
    let backlog: Vec<&str> = v.backlog.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(backlog, ["32", "41 points (1.6 sprints)", "9% (3 of 32 open backlog items)", "40.5 days"]);
    let goals =
        v.practices.iter().flat_map(|p| &p.indicators).find(|i| i.key == "goal_success_rate").unwrap();
    assert_eq!(goals.basis.as_deref(), Some("4 of the last 6 assessed sprint goals"));
    assert_eq!(v.attention.len(), 3);
    // The impediment's own row on its sprint's page.
    assert_eq!(v.attention[0].url.as_deref(), Some("sprints/s22/index.html#impediment-3"));
}

#[test]
fn in_the_rough_patch_the_score_is_at_risk_and_falling() {
    let (p, _) = sample(None);
    let v = view_of(&p, Date::constant(2026, 9, 13));
    assert_eq!(v.health.status.label, "At risk");
    assert_eq!(v.health.status.state, "risk");
    assert!(v.health.change.as_ref().unwrap().text.starts_with("Down "), "{:?}", v.health.change);
    assert!(!v.attention.is_empty());
}

#[test]
fn the_page_prints_every_part_and_links_relatively() {
    // The sprint started before the retro of 2026-09-28, which then falls in the window.
    let mut p = project();
    p.sprints[0].start = Date::constant(2026, 9, 21);
    let html = page(&p);
    for needle in [
        "<h1>Team health this week</h1>",
        "<h2 id=\"attention-heading\">Needs attention</h2>",
        "href=\"./actions/index.html#group-overdue\">1 action item 7 days overdue</a>",
        "href=\"./notes/2026-09-28-retro/index.html\">Mon 28 Sep: Sprint 20 retro</a>",
        "href=\"./index.html#how-po_event_attendance\">1 of 2 sprint events without the product owner",
        "Collaborate on the backlog",
        "Be willing to compromise",
        "below one a week, decisions wait.",
        "href=\"./sprints/index.html\"",
        "href=\"./backlog/index.html\"",
        "aria-current=\"page\">Dashboard</a>",
        "href=\"./feed.xml\"",
    ] {
        assert!(html.contains(needle), "missing {needle} in {html}");
    }
    assert_eq!(html.matches("class=\"card practice\"").count(), 5);
    assert_eq!(html.matches("class=\"indicator\"").count(), 16);
    assert!(!html.contains("SECRET") && !html.contains("Future review"));
}

#[test]
fn with_nothing_to_flag_the_list_says_so_plainly() {
    let mut p = project();
    p.notes.retain(|n| n.kind == crate::model::NoteKind::Planning);
    p.notes.iter_mut().for_each(|n| n.actions.clear());
    let html = page(&p);
    assert!(html.contains("Nothing needs attention this week"), "{html}");
    assert!(!html.contains("attention-list"));
}

#[test]
fn without_backlog_data_the_card_says_so() {
    let p = project();
    let v = view_of(&p, REPORT_DATE);
    assert!(v.backlog.is_empty());
    assert!(page(&p).contains("No backlog data as of this date."));
}
