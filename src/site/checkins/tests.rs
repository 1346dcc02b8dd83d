#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::indicators::Indicator;
use crate::metrics::checkins::rated;
use crate::metrics::{IndicatorScore, PracticeScore};
use crate::site::dashboard::tests::sample;
use crate::site::paths::SitePaths;
use crate::site::{SiteOptions, render};
use crate::testkit::{ProjectBuilder, checkin, date, member, sprint};

/// Communication with each indicator's (figure, score).
fn communication(indicators: [(f64, f64); 4]) -> PracticeScore {
    let scores = Practice::Communication
        .indicators()
        .zip(indicators)
        .map(|(indicator, (figure, score))| IndicatorScore {
            indicator,
            figure: Some(figure),
            score: Some(score),
            unscored: None,
        })
        .collect();
    PracticeScore::from_indicators(Practice::Communication, scores)
}

#[test]
fn a_flagged_gap_reads_as_one_sentence_naming_the_evidence() {
    // Meetings together 1.5 a week (50), longest gap 19 days (25), each
    // role at half the sprint events (50, 50): 43.75. 4/5 is 75: +31.25.
    let week = communication([(1.5, 50.0), (19.0, 25.0), (0.5, 50.0), (0.5, 50.0)]);
    let r = rated(Practice::Communication, 4, Some(&week));
    assert!(r.flagged);
    assert_eq!(
        flag_sentence(Role::ScrumMaster, &r),
        "Scrum master rates communication 4/5; longest gap between meetings together: 19 days (score 25)."
    );
    // Below the evidence, the strongest indicator speaks: 1/5 (0) against 43.75.
    let r = rated(Practice::Communication, 1, Some(&week));
    assert_eq!(
        flag_sentence(Role::ProductOwner, &r),
        "Product owner rates communication 1/5; meetings together: 1.5 a week (score 50)."
    );
    assert_eq!(Indicator::TouchpointsPerWeek.label(), "Meetings together");
}

#[test]
fn gaps_add_up_with_the_numbers_shown_beside_them() {
    // 5/5 is 100 beside 92.2, shown as 92: +8, not the +7 of rounding 7.8 down.
    let week = communication([(4.0, 92.2), (6.0, 92.2), (1.0, 92.2), (1.0, 92.2)]);
    assert_eq!(gap(&rated(Practice::Communication, 5, Some(&week))), "+8");
    // 3/5 is 50 beside 83.01, shown 83: -33.
    let week = communication([(4.0, 83.01), (6.0, 83.01), (1.0, 83.01), (1.0, 83.01)]);
    assert_eq!(gap(&rated(Practice::Communication, 3, Some(&week))), "-33");
    assert_eq!(gap(&rated(Practice::Communication, 4, Some(&communication([(0.0, 75.0); 4])))), "0");
    assert_eq!(gap(&rated(Practice::Communication, 4, None)), "no data");
    assert_eq!(rating(4), "4/5");
}

fn rendered(project: &crate::model::Project, day: Date, public: bool) -> crate::site::Site {
    let analysis = crate::analysis::analyse(project, day, crate::analysis::History::Full);
    render(project, &analysis, &SiteOptions { public, ..SiteOptions::default() }).unwrap()
}

fn text(site: &crate::site::Site, path: &str) -> String {
    String::from_utf8(site.files[path].clone()).unwrap()
}

use crate::model::Date;

#[test]
fn the_sample_dashboard_shows_each_flagged_gap_with_its_rating_and_the_disagreement() {
    let (p, day) = sample(None);
    let site = rendered(&p, day, false);
    let page = text(&site, "index.html");
    assert_eq!(page.matches("class=\"checkins\"").count(), 5, "beside each practice");
    assert!(
        page.contains("Scrum master rates accountability 3/5; action items done on time: 85% (score 92).")
    );
    assert!(page.contains("rates it <strong class=\"checkin-rating\">3/5</strong>"));
    assert!(
        page.contains("a gap of <strong class=\"checkin-gap\">-33</strong> <span class=\"checkin-flag\">")
    );
    assert!(page.contains(
        "The product owner rates accountability 5/5 and the scrum master 3/5: 2 apart on the 1 to 5 scale"
    ));
    // The week's page of the story: the product owner's communication in W37.
    let week = text(&site, "weeks/2026-W37/index.html");
    assert!(week.contains(
        "Product owner rates communication 4/5; longest gap between meetings together: 23 days (score 0)."
    ));
    assert!(week.contains("Other team members checked in too"));
    // Only the round of 3 raters or more: W43 had two.
    assert!(!text(&site, "weeks/2026-W43/index.html").contains("Other team members"));
    assert!(text(&site, "weeks/index.html").contains("What the pair believes beside the evidence"));
}

#[test]
fn a_public_site_says_only_that_a_check_in_took_place() {
    let (p, day) = sample(None);
    let site = rendered(&p, day, true);
    let page = text(&site, "index.html");
    assert!(page.contains(
        "The product owner last checked in on Fri 20 Nov 2026 and the scrum master on Thu 19 Nov 2026; what they rated stays with the team."
    ));
    assert!(!page.contains("class=\"checkins\""));
    let week = text(&site, "weeks/2026-W37/index.html");
    assert!(week.contains("Priya Raman (product owner) checked in on Fri 11 Sep 2026."));
    assert!(!week.contains("checkin-table") && !week.contains("flagged"));
    assert!(!text(&site, "weeks/index.html").contains("What the pair believes"));
}

#[test]
fn a_rating_older_than_the_window_says_so_and_a_missing_one_is_named() {
    let project = ProjectBuilder::new("P")
        .member(member("po", "Pat Owner", Role::ProductOwner))
        .member(member("sm", "Sam Master", Role::ScrumMaster))
        .sprints([sprint("S1", "2026-08-03", "2026-08-14"), sprint("S2", "2026-10-05", "2026-10-16")])
        .checkins([checkin("po", "2026-08-05", &[("backlog", 4)])])
        .build();
    let day = date("2026-10-20");
    let analysis = crate::analysis::analyse(&project, day, crate::analysis::History::Full);
    let paths = SitePaths::new(&project);
    let input = Input::new(&project, &analysis, &paths, false);
    let tiles = tiles(&input);
    let (practice, backlog) = &tiles[0];
    assert_eq!(*practice, Practice::Backlog);
    let po = backlog.rows[0].rated.as_ref().unwrap();
    assert_eq!(po.stale.as_deref(), Some("older than the 28-day window"));
    assert_eq!((po.rating.as_str(), po.week.as_str()), ("4/5", "2026-W32"));
    assert_eq!(po.week_url.as_deref(), Some("weeks/2026-W32/index.html"));
    // The scrum master has not rated it: the row says so, by name.
    assert_eq!((backlog.rows[1].role, backlog.rows[1].name.as_str()), ("Scrum master", "Sam Master"));
    assert!(backlog.rows[1].rated.is_none());
    let page = text(&rendered(&project, day, false), "index.html");
    assert!(page.contains("older than the 28-day window"), "{page}");
    assert!(page.contains("Scrum master (Sam Master)</span> has not rated it yet."));
}

#[test]
fn without_check_ins_nothing_changes_on_the_dashboard() {
    let project = ProjectBuilder::new("P")
        .member(member("po", "Pat Owner", Role::ProductOwner))
        .sprints([sprint("S1", "2026-10-05", "2026-10-16")])
        .build();
    let page = text(&rendered(&project, date("2026-10-20"), false), "index.html");
    assert!(!page.contains("class=\"checkins\"") && !page.contains("checked in"));
    assert!(summary_lines(&crate::metrics::compute(&project, date("2026-10-20")), false).is_empty());
}
