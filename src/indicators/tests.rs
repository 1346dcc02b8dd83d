//! The table is consistent: unique keys, usable curves, one sentence each,
//! every practice scored, and docs/figures.md names every indicator.
#![allow(clippy::expect_used)]

use super::*;

#[test]
fn keys_are_unique_and_every_practice_has_indicators_in_table_order() {
    let keys: Vec<&str> = Indicator::ALL.iter().map(|i| i.key()).collect();
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), keys.len());
    // Grouped by practice, practices in docs/figures.md order: the order of metrics.json.
    let grouped: Vec<&str> = Practice::ALL.iter().flat_map(|p| p.indicators().map(|i| i.key())).collect();
    assert_eq!(grouped, keys);
    assert!(Practice::ALL.iter().all(|p| p.indicators().count() >= 2));
}

#[test]
fn curves_have_increasing_figures_and_scores_in_range() {
    for i in Indicator::ALL {
        let curve = i.curve();
        assert!(curve.len() >= 2, "{}", i.key());
        assert!(curve.windows(2).all(|p| p[0].0 < p[1].0), "{}", i.key());
        assert!(curve.iter().all(|(_, s)| (0.0..=100.0).contains(s)), "{}", i.key());
    }
}

#[test]
fn every_indicator_has_a_label_and_one_sentence() {
    let settings = Settings::default();
    for i in Indicator::ALL {
        assert!(!i.label().is_empty(), "{}", i.key());
        let sentence = i.meaning(&settings);
        assert!(sentence.ends_with('.'), "{}: {sentence}", i.key());
        assert_eq!(sentence.matches(". ").count(), 0, "{} is one sentence: {sentence}", i.key());
        assert!(!sentence.contains("  ") && !sentence.contains('{'), "{}: {sentence}", i.key());
    }
    assert!(Indicator::StaleShare.meaning(&settings).contains("90 days"));
    assert!(Indicator::MaxGapDays.meaning(&settings).contains("28 days"));
    assert!(Indicator::SayDoRolling.meaning(&settings).contains("last 3 sprints"));
}

#[test]
fn figures_are_formatted_by_unit() {
    use Indicator as I;
    assert_eq!(I::StaleShare.format(Some(0.09375)), "9%");
    assert_eq!(I::OnTimeRate.format(Some(0.857)), "85%");
    assert_eq!(I::SayDoRolling.format(Some(1.0)), "100%");
    assert_eq!(I::ReadinessSprints.format(Some(1.662)), "1.6 sprints");
    assert_eq!(I::TouchpointsPerWeek.format(Some(4.0)), "4.0 a week");
    assert_eq!(I::CrossRoleAssistsPerWeek.format(Some(0.26)), "0.2 a week");
    assert_eq!(I::MaxGapDays.format(Some(6.0)), "6 days");
    assert_eq!(I::MaxGapDays.format(Some(1.0)), "1 day");
    assert_eq!(I::MedianResolutionDays.format(Some(2.5)), "2.5 days");
    assert_eq!(I::OverdueOpen.format(Some(3.0)), "3");
    for i in Indicator::ALL {
        assert_eq!(i.format(None), "no data", "{}", i.key());
    }
}

#[test]
fn practices_have_a_name_and_a_short_name() {
    assert_eq!(Practice::Compromise.name(), "Be willing to compromise");
    assert_eq!(Practice::Support.short(), "Helping");
    let keys: Vec<&str> = Practice::ALL.iter().map(|p| p.key()).collect();
    assert_eq!(keys, ["backlog", "communication", "support", "accountability", "compromise"]);
}

#[test]
fn docs_figures_names_every_indicator() {
    let docs = include_str!("../../docs/figures.md");
    for i in Indicator::ALL {
        // The scores table names each figure by key and by the one label the pages use.
        let row = format!("| {} | `{}` | {}", i.practice().key(), i.key(), i.label());
        assert!(docs.contains(&row), "docs/figures.md's scores table lacks `{row}`");
    }
}

#[test]
fn every_key_finds_its_indicator_and_each_definition_is_its_own() {
    for i in Indicator::ALL {
        assert_eq!(Indicator::from_key(i.key()), Some(i));
        // Each id maps to a definition of its own: no two share one.
        let others = Indicator::ALL.iter().filter(|o| std::ptr::eq(o.definition(), i.definition())).count();
        assert_eq!(others, 1, "{}", i.key());
    }
    assert_eq!(Indicator::from_key("say_do"), None);
}

#[test]
fn a_share_says_what_it_is_a_share_of() {
    let d = crate::model::Date::constant(2026, 10, 30);
    let sprint =
        |id: &str, counted| InputRow::new(Source::Sprint { sprint: id.to_string() }, d, counted, None);
    let goals = IndicatorInputs::share(vec![
        sprint("s1", false),
        sprint("s2", true),
        sprint("s3", true),
        sprint("s4", false),
        sprint("s5", true),
        sprint("s6", true),
    ])
    .expect("rows");
    assert_eq!(
        Indicator::GoalSuccessRate.basis(&goals).as_deref(),
        Some("4 of the last 6 assessed sprint goals")
    );
    let one = IndicatorInputs::share(vec![sprint("s1", true)]).expect("a row");
    assert_eq!(Indicator::GoalSuccessRate.basis(&one).as_deref(), Some("1 of 1 assessed sprint goal"));

    let item = |s: &str, i: &str, done, points| {
        InputRow::new(Source::SprintItem { sprint: s.into(), item: i.into() }, d, done, Some(points))
    };
    // 5 + 3 of 5 + 3 + 8 + 2 points, over two sprints.
    let rows = vec![
        item("s1", "a", true, 5.0),
        item("s1", "b", false, 8.0),
        item("s2", "c", true, 3.0),
        item("s2", "d", false, 2.0),
    ];
    let say_do = IndicatorInputs::new(Rule::PointsShare, 8.0, 18.0, rows);
    assert_eq!(
        Indicator::SayDoRolling.basis(&say_do).as_deref(),
        Some("8 of 18 points committed at planning in the last 2 sprints")
    );

    let backlog = |i: &str, stale| InputRow::new(Source::BacklogItem { item: i.into() }, d, stale, None);
    let stale = IndicatorInputs::share(vec![backlog("a", true), backlog("b", false), backlog("c", false)])
        .expect("rows");
    assert_eq!(Indicator::StaleShare.basis(&stale).as_deref(), Some("1 of 3 open backlog items"));
    let gap = IndicatorInputs::new(Rule::LargestGap, 9.0, 28.0, Vec::new());
    assert_eq!(Indicator::MaxGapDays.basis(&gap), None, "not a share");
}
