use super::*;
use crate::indicators::Indicator;
use crate::metrics::fixture::{date, project};
use crate::metrics::{IndicatorScore, compute, compute_weeks};
use crate::testkit::{ProjectBuilder, checkin, member, sprint};

/// A practice scored from the scores of its indicators (figures left out).
fn scored(practice: Practice, scores: &[Option<f64>]) -> PracticeScore {
    let indicators = practice
        .indicators()
        .zip(scores)
        .map(|(indicator, score)| IndicatorScore { indicator, figure: *score, score: *score, unscored: None })
        .collect();
    PracticeScore::from_indicators(practice, indicators)
}

/// A team of a product owner, a scrum master, four developers and a stakeholder.
fn team_project(checkins: Vec<Checkin>) -> Project {
    let mut b = ProjectBuilder::new("Phoenix")
        .member(member("po", "Pat Owner", Role::ProductOwner))
        .member(member("sm", "Sam Master", Role::ScrumMaster));
    for id in ["d1", "d2", "d3", "d4"] {
        b = b.member(member(id, id, Role::Developer));
    }
    b.member(member("st", "Stake Holder", Role::Stakeholder))
        .sprints([sprint("S1", "2026-10-05", "2026-10-16")])
        .checkins(checkins)
        .build()
}

#[test]
fn perception_and_gap_by_hand() {
    // Communication scored 25 that week: the mean of its indicators 0, 50, 25, 25.
    let week = scored(Practice::Communication, &[Some(0.0), Some(50.0), Some(25.0), Some(25.0)]);
    assert_eq!(week.score, Some(25.0));
    // 4/5 is (4 - 1) * 25 = 75; 75 - 25 = +50: flagged.
    let r = rated(Practice::Communication, 4, Some(&week));
    assert_eq!((r.perception, r.gap, r.flagged), (75.0, Some(50.0), true));
    // 1/5 is 0; 0 - 25 = -25: flagged either way, at exactly 25.
    let r = rated(Practice::Communication, 1, Some(&week));
    assert_eq!((r.perception, r.gap, r.flagged), (0.0, Some(-25.0), true));
    // 2/5 is 25: no gap at all.
    let r = rated(Practice::Communication, 2, Some(&week));
    assert_eq!((r.perception, r.gap, r.flagged), (25.0, Some(0.0), false));
    // 50 against 25.5: a gap of 24.5 is not flagged.
    let close = scored(Practice::Communication, &[Some(25.5)]);
    assert_eq!(rated(Practice::Communication, 3, Some(&close)).gap, Some(24.5));
    assert!(!rated(Practice::Communication, 3, Some(&close)).flagged);
    // No score that week: no gap, nothing flagged (unknown is not zero).
    let none = scored(Practice::Communication, &[None, None, None, None]);
    let r = rated(Practice::Communication, 5, Some(&none));
    assert_eq!((r.perception, r.gap, r.flagged), (100.0, None, false));
    assert_eq!(rated(Practice::Communication, 5, None).gap, None);
}

#[test]
fn entries_take_the_pair_only_and_the_score_of_the_check_in_s_week() {
    let project = team_project(vec![
        // Wednesday of 2026-W42: set against D_w = Sunday 10-18.
        checkin("po", "2026-10-14", &[("communication", 4), ("backlog", 2)]),
        checkin("sm", "2026-10-19", &[("communication", 2)]),
        checkin("d1", "2026-10-14", &[("communication", 5)]),
    ]);
    let mut evidence = BTreeMap::new();
    let health = |comm: f64, backlog: f64| {
        Health::from_practices(vec![
            scored(Practice::Backlog, &[Some(backlog)]),
            scored(Practice::Communication, &[Some(comm)]),
        ])
    };
    evidence.insert(date("2026-10-18"), health(40.0, 10.0));
    // The report date 10-20 ends the week of the scrum master's check-in.
    evidence.insert(date("2026-10-20"), health(100.0, 10.0));
    let list = entries(&project, date("2026-10-20"), &evidence);
    let by: Vec<(&str, Role, &str)> = list.iter().map(|e| (e.by.as_str(), e.role, e.week.as_str())).collect();
    assert_eq!(by, [("po", Role::ProductOwner, "2026-W42"), ("sm", Role::ScrumMaster, "2026-W43")]);
    // Practices in docs/figures.md order: backlog, then communication.
    let po: Vec<(Practice, f64, Option<f64>, bool)> =
        list[0].practices.iter().map(|r| (r.practice, r.perception, r.gap, r.flagged)).collect();
    assert_eq!(
        po,
        [(Practice::Backlog, 25.0, Some(15.0), false), (Practice::Communication, 75.0, Some(35.0), true)]
    );
    // 25 - 100 = -75.
    assert_eq!(list[1].practices[0].gap, Some(-75.0));
}

#[test]
fn rounds_take_each_member_s_latest_rating_of_the_week_and_need_three_raters() {
    let project = team_project(vec![
        // 2026-W41: d1 changes their mind on Friday; the latest counts.
        checkin("d1", "2026-10-05", &[("support", 1), ("backlog", 3)]),
        checkin("d1", "2026-10-09", &[("support", 4)]),
        checkin("d2", "2026-10-06", &[("support", 2), ("backlog", 4)]),
        checkin("st", "2026-10-07", &[("support", 5)]),
        // The pair never joins a round.
        checkin("po", "2026-10-07", &[("backlog", 1)]),
        checkin("sm", "2026-10-07", &[("backlog", 1)]),
        // 2026-W42: two raters only: the round is left out whole.
        checkin("d3", "2026-10-12", &[("support", 2)]),
        checkin("d4", "2026-10-13", &[("support", 3)]),
        // 2026-W43: four raters, an even count: the mean of the middle two.
        checkin("d1", "2026-10-19", &[("compromise", 2)]),
        checkin("d2", "2026-10-19", &[("compromise", 3)]),
        checkin("d3", "2026-10-20", &[("compromise", 5)]),
        checkin("d4", "2026-10-20", &[("compromise", 4)]),
    ]);
    let list = rounds(&project, date("2026-10-20"));
    let weeks: Vec<&str> = list.iter().map(|r| r.week.as_str()).collect();
    assert_eq!(weeks, ["2026-W41", "2026-W43"]);
    // W41 support: d1 4 (the Friday rating, not the Monday 1), d2 2, st 5:
    // sorted 2, 4, 5, median 4. Backlog had 2 raters (the pair not counted): left out.
    assert_eq!(list[0].practices, [RoundFigure { practice: Practice::Support, median: 4.0, raters: 3 }]);
    // W43 compromise: 2, 3, 4, 5: median (3 + 4) / 2 = 3.5.
    assert_eq!(list[1].practices, [RoundFigure { practice: Practice::Compromise, median: 3.5, raters: 4 }]);
    // A report date before W43 leaves its check-ins out.
    assert_eq!(rounds(&project, date("2026-10-18")).len(), 1);
}

#[test]
fn json_has_the_spec_s_keys_and_public_keeps_only_who_and_when() {
    let week = scored(Practice::Communication, &[Some(25.0)]);
    let entry = CheckinEntry {
        by: "sm".into(),
        role: Role::ScrumMaster,
        date: date("2026-10-14"),
        week: "2026-W42".into(),
        practices: vec![rated(Practice::Communication, 4, Some(&week))],
        public: false,
    };
    let json = serde_json::to_string(&entry).unwrap_or_default();
    assert_eq!(
        json,
        r#"{"by":"sm","date":"2026-10-14","practices":{"communication":{"rating":4,"perception":75.0,"gap":50.0,"flagged":true}}}"#
    );
    let public = serde_json::to_string(&CheckinEntry { public: true, ..entry }).unwrap_or_default();
    assert_eq!(public, r#"{"by":"sm","date":"2026-10-14"}"#);
    let round = CheckinRound {
        week: "2026-W41".into(),
        practices: vec![RoundFigure { practice: Practice::Support, median: 4.0, raters: 3 }],
        public: false,
    };
    let json = serde_json::to_string(&round).unwrap_or_default();
    assert_eq!(json, r#"{"week":"2026-W41","practices":{"support":{"median":4.0,"raters":3}}}"#);
    let public = serde_json::to_string(&CheckinRound { public: true, ..round }).unwrap_or_default();
    assert_eq!(public, r#"{"week":"2026-W41"}"#);
}

#[test]
fn the_report_sets_each_check_in_against_its_week_of_the_history() {
    let mut p = project();
    // alice is the product owner, bob the scrum master of the fixture.
    p.checkins.folder = true;
    p.checkins.list = vec![
        // Before the first sprint's week (S1 starts Monday 09-07): no score to set it against.
        checkin("alice", "2026-09-01", &[("support", 5)]),
        // Thursday 09-24, in 2026-W39: the week's figures are as of Sunday 09-27.
        checkin("alice", "2026-09-24", &[("support", 5), ("compromise", 2)]),
        checkin("bob", "2026-10-20", &[("accountability", 3)]),
    ];
    let d = date("2026-10-20");
    let report = compute(&p, d);
    assert_eq!(report.checkins.len(), 3);
    let early = &report.checkins[0].practices[0];
    assert_eq!((early.perception, early.gap, early.flagged), (100.0, None, false));
    let week = report.weeks.iter().find(|w| w.week == "2026-W39").unwrap_or_else(|| panic!("W39"));
    assert_eq!(week.as_of, date("2026-09-27"));
    for r in &report.checkins[1].practices {
        let score = week.health.practice(r.practice).and_then(|s| s.score);
        assert_eq!(r.gap, score.map(|s| r.perception - s), "{:?}", r.practice);
        assert_eq!(r.evidence.as_ref().and_then(|e| e.score), score);
    }
    // The summary keeps only the last weeks; a check-in older than those is
    // set against the same score, worked out for its week.
    let recent = compute_weeks(&Timeline::new(&p), d, 2);
    assert!(recent.weeks.iter().all(|w| w.week != "2026-W39"));
    assert_eq!(recent.checkins, report.checkins);
    // The evidence a page names is that week's indicators.
    let support = report.checkins[1].practices.iter().find(|r| r.practice == Practice::Support);
    let named: Vec<Indicator> = support
        .and_then(|r| r.evidence.as_ref())
        .map(|e| e.indicators.iter().map(|i| i.indicator).collect())
        .unwrap_or_default();
    assert_eq!(named, Practice::Support.indicators().collect::<Vec<_>>());
}
