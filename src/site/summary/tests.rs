#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::options::Options;
use crate::site::dashboard::tests::sample;
use crate::site::testdata::{REPORT_DATE, project};
use crate::site::{SiteOptions, render as render_site};
use crate::summary::{Format, render};

fn summary_of(project: &Project, date: Date) -> Summary {
    let analysis = crate::analysis::analyse(project, date, crate::analysis::History::Full);
    build(project, &analysis, &SitePaths::new(project), &site_title(project), false)
}

#[test]
fn the_sample_summary_says_status_change_and_what_improved() {
    let (p, date) = sample(None);
    let s = summary_of(&p, date);
    assert_eq!((s.score, s.status.label, s.week.as_str()), (Some(95), "Healthy", "2026-W47"));
    assert_eq!(s.headline, "Healthy: 95 out of 100, up 1 point since 2026-W46 (better).");
    let improved: Vec<String> = s.improved.iter().map(|m| format!("{}: {}", m.name, m.change)).collect();
    assert_eq!(
        improved,
        [
            "Collaborate on the backlog: up 17 points in four weeks",
            // Shown scores are rounded down: support 96.9 -> 100 reads 96 -> 100.
            "Help each other out: up 4 points in four weeks",
            "Hold each other accountable: up 4 points in a week and 7 in four weeks",
        ]
    );
    assert!(s.slipped.is_empty());
    assert_eq!(s.attention.len(), 3);
    assert_eq!(s.more_attention, 0);
    assert_eq!(
        s.delivery,
        "Velocity 24.6 points a sprint over the last 3 sprints; 87% of committed work delivered (67 of 77 \
         points committed at planning in the last 3 sprints); 66% of sprint goals met (4 of the last 6 \
         assessed sprint goals)."
    );
}

#[test]
fn goals_are_the_latest_ended_sprints_with_their_outcome() {
    let (p, date) = sample(None);
    let s = summary_of(&p, date);
    let goals: Vec<(&str, &str)> = s.goals.iter().map(|g| (g.sprint.as_str(), g.outcome.label)).collect();
    assert_eq!(goals, [("Sprint 22", "Met"), ("Sprint 21", "Met"), ("Sprint 20", "Met")]);
    assert_eq!(s.goals[0].url.as_deref(), Some("sprints/s22/index.html"));
    assert_eq!(outcome(Some(false)).shape, "✗");
    assert_eq!(outcome(None).label, "Not assessed");
    // as of the rough patch, S17 missed its goal
    let rough = summary_of(&p, Date::constant(2026, 9, 13));
    assert!(rough.goals.iter().any(|g| g.outcome.key == "not-met"), "{:?}", rough.goals);
}

#[test]
fn decisions_are_newest_first_untagged_and_never_from_private_notes() {
    let (p, date) = sample(None);
    let s = summary_of(&p, date);
    assert_eq!(s.decisions.len(), MAX_DECISIONS);
    assert_eq!(s.more_decisions, 6);
    let dates: Vec<&str> = s.decisions.iter().map(|d| d.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let compromise = s.decisions.iter().find(|d| d.compromise).unwrap();
    assert!(!compromise.text.contains("#compromise"), "{}", compromise.text);
    assert_eq!(without_tag("Keep it small #compromise for now"), "Keep it small for now");

    // the 1:1 of 2026-09-16 is private: its decision about PHX-141 never shows
    let s = summary_of(&p, Date::constant(2026, 9, 20));
    let all = serde_json::to_string(&s).unwrap();
    assert!(!all.contains("PHX-141 (exec dashboard)"), "{all}");
}

#[test]
fn the_rough_patch_reads_at_risk_with_what_slipped() {
    let (p, _) = sample(None);
    let s = summary_of(&p, Date::constant(2026, 9, 13));
    assert_eq!(s.status.label, "At risk");
    assert!(!s.slipped.is_empty());
    assert!(s.slipped.iter().all(|m| m.change.starts_with("down")), "{:?}", s.slipped);
    assert_eq!(
        change_words(&[(3, "in a week"), (-10, "in four weeks")]),
        "up 3 points in a week, down 10 in four weeks"
    );
    assert_eq!(change_words(&[(-1, "in a week")]), "down 1 point in a week");
    assert!(s.attention.len() <= MAX_ATTENTION);
    let text = to_text(&s, None);
    assert!(text.contains("\nWhat slipped\n"), "{text}");
    assert!(text.contains("■ At risk: 19 out of 100, ↓ down"), "{text}");
}

#[test]
fn markdown_has_a_title_the_status_and_absolute_links() {
    let (p, date) = sample(None);
    let md = render(&p, &Options::from_settings(&p.settings, date), Format::Markdown).unwrap();
    assert!(md.starts_with("# Phoenix team health, week 2026-W47\n\nAs of Fri 20 Nov 2026.\n"), "{md}");
    assert!(md.contains("**● Healthy: 95 out of 100, ↑ up 1 point since 2026-W46 (better).**"), "{md}");
    assert!(
        md.contains(
            "## Needs attention\n\n- **Important**: [1 impediment open for 2 days](https://example.github.io/phoenix-health/sprints/s22/#impediment-3)."
        ),
        "{md}"
    );
    assert!(md.contains("- ✓ **Met**: [Sprint 22](https://example.github.io/phoenix-health/sprints/s22/)"));
    assert!(md.contains("_(compromise)_"));
    assert!(md.ends_with("[The full dashboard](https://example.github.io/phoenix-health/)\n"), "{md}");
}

#[test]
fn markdown_without_a_base_url_has_no_links_and_data_is_escaped() {
    let mut p = project();
    p.sprints[0].goal = Some("Ship *it* [now] <b>#1</b>".into());
    p.sprints[0].goal_met = Some(false);
    let s = summary_of(&p, REPORT_DATE);
    let md = to_markdown(&s, None);
    assert!(!md.contains("]("), "{md}");
    assert!(md.contains("- ✗ **Not met**: Sprint 21, Ship \\*it\\* \\[now\\] \\<b\\>\\#1\\</b\\>"), "{md}");
    assert!(!md.contains("SECRET") && !md.contains("FUTURE"), "{md}");
}

#[test]
fn text_is_wrapped_and_has_no_markdown() {
    let (p, date) = sample(None);
    let text = render(&p, &Options::from_settings(&p.settings, date), Format::Text).unwrap();
    assert!(
        text.starts_with("Phoenix team health, week 2026-W47\nAs of Fri 20 Nov 2026.\n\n● Healthy"),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= text::WIDTH, "too long: {line}");
        assert!(!line.starts_with('#') && !line.contains("**") && !line.contains("]("), "{line}");
    }
    assert!(text.contains("\n  • Important: 1 action item 3 days overdue.\n"), "{text}");
    assert!(text.ends_with("The full dashboard: https://example.github.io/phoenix-health/\n"), "{text}");
}

#[test]
fn json_is_the_same_value() {
    let (p, date) = sample(None);
    let json = render(&p, &Options::from_settings(&p.settings, date), Format::Json).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["score"], 95);
    assert_eq!(v["status"]["key"], "healthy");
    assert_eq!(v["change"]["points"], 1);
    assert_eq!(v["goals"][0]["outcome"]["key"], "met");
    assert_eq!(v["attention"].as_array().map(Vec::len), Some(3));
}

#[test]
fn the_page_and_the_markdown_file_are_in_the_site() {
    let site = render_site(
        &project(),
        &crate::analysis::analyse(&project(), REPORT_DATE, crate::analysis::History::Full),
        &SiteOptions::default(),
    )
    .unwrap();
    let page = String::from_utf8(site.files["summary/index.html"].clone()).unwrap();
    for needle in [
        "<h1>Stakeholder summary</h1>",
        "<h2 id=\"attention-heading\">Needs attention</h2>",
        "<caption>The last sprint that has ended</caption>",
        "<th scope=\"row\"><a href=\"../sprints/s21/index.html\">Sprint 21</a>",
        "Not assessed",
        "Keep the goal small <span class=\"tag tag-compromise\">Compromise</span>",
        "aria-current=\"page\">Summary</a>",
    ] {
        assert!(page.contains(needle), "missing {needle} in {page}");
    }
    let md = String::from_utf8(site.files["summary.md"].clone()).unwrap();
    assert!(md.starts_with("# Phoenix team health, week 2026-W42"), "{md}");
    for (path, bytes) in [("summary/index.html", &page), ("summary.md", &md)] {
        assert!(!bytes.contains("SECRET") && !bytes.contains("Future review"), "{path}");
    }
}

#[test]
fn a_single_backlog_yaml_arriving_is_no_improvement() {
    // backlog.yaml is one snapshot as of the report date: the week before
    // has no backlog figures. Its arrival must not read as "up 47 points".
    let (mut p, date) = sample(None);
    let latest = p.backlog.snapshots().last().cloned().unwrap();
    p.backlog = crate::model::Backlog::Current(latest);
    let report = crate::metrics::compute(&p, date);
    let weeks = &report.weeks;
    let (now, before) = (&weeks[weeks.len() - 1], &weeks[weeks.len() - 2]);
    assert!(before.backlog.is_none() && now.backlog.is_some());
    let s = summary_of(&p, date);
    let backlog = s.improved.iter().chain(&s.slipped).find(|m| m.key == "backlog");
    // Only joint_refinement_share has data in both weeks: the change, if
    // any, is that indicator's.
    let joint = |w: &crate::metrics::WeekFigures| {
        let p = w.health.practice(crate::indicators::Practice::Backlog).unwrap();
        p.indicators
            .iter()
            .find(|i| i.indicator == crate::indicators::Indicator::JointRefinementShare)
            .unwrap()
            .score
    };
    let delta = joint(now).zip(joint(before)).map(|(a, b)| format::score_points(a) - format::score_points(b));
    if let Some(m) = backlog {
        assert!(m.change.contains(&format!("{} point", delta.unwrap_or(0).abs())), "{}", m.change);
    } else {
        assert_eq!(delta.unwrap_or(0), 0);
    }
}
