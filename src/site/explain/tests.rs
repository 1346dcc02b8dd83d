//! Explanations on the test project: every indicator has one, its words
//! carry the inputs' numbers, and every row links to a page with an anchor.

use super::*;
use crate::indicators::Indicator;
use crate::site::paths::SitePaths;

/// `f` on the sample data as of its report date.
fn with_input<T>(f: impl FnOnce(&Input<'_>) -> T) -> T {
    let (project, date) = crate::site::dashboard::tests::sample(None);
    with_project(&project, date, f)
}

/// `f` on `project` as of `date`.
fn with_project<T>(project: &crate::model::Project, date: Date, f: impl FnOnce(&Input<'_>) -> T) -> T {
    let paths = SitePaths::new(project).with_pages_as_of(project, date);
    let analysis = crate::analysis::analyse(project, date, crate::analysis::History::Full);
    f(&Input::new(project, &analysis, &paths, false))
}

#[test]
fn the_curve_is_worded_in_the_indicators_unit() {
    let text = curve(Unit::Share, &[(0.3, 0.0), (0.9, 100.0)]);
    assert!(text.starts_with("Scored on a straight line through 30% scores 0, 90% scores 100"), "{text}");
    let text = curve(Unit::Days, &[(7.0, 100.0), (21.0, 0.0)]);
    assert!(text.contains("7 days scores 100, 21 days scores 0"), "{text}");
}

#[test]
fn anchors_are_numbered_from_one() {
    assert_eq!(paths::action_anchor(0), "action-1");
    assert_eq!(paths::impediment_anchor(2), "impediment-2");
    assert_eq!(paths::decision_anchor(1), "decision-1");
}

#[test]
fn every_indicator_is_explained_with_its_numbers() {
    with_input(|input| {
        let explainer = Explainer::new(input);
        for p in &input.report.health.practices {
            for i in &p.indicators {
                let inputs = input.report.inputs.get(i.indicator);
                let view = explainer.explain(i, inputs, input.report_date);
                assert_eq!(view.id, format!("how-{}", i.indicator.key()));
                let shown = i.indicator.format(i.figure);
                match inputs {
                    Some(inputs) => {
                        assert!(view.formula.contains(&shown), "{}: {}", i.indicator.key(), view.formula);
                        assert!(
                            view.formula.contains(&format::decimal(inputs.numerator)),
                            "{}",
                            view.formula
                        );
                    }
                    None => assert!(view.formula.starts_with("No data: "), "{}", view.formula),
                }
                assert!(view.thresholds.contains(i.indicator.key()));
                for row in &view.rows {
                    let url = row.url.as_deref().unwrap_or_default();
                    assert!(!row.label.is_empty(), "{}: {row:?}", i.indicator.key());
                    let linked_without_anchor = url.starts_with("notes/") || url.starts_with("sprints/");
                    assert!(url.contains('#') || linked_without_anchor, "{}: {row:?}", i.indicator.key());
                }
            }
        }
    });
}

#[test]
fn missed_sprint_events_are_named_in_the_formula() {
    let i = IndicatorInputs {
        rule: Rule::Share,
        numerator: 1.0,
        denominator: 2.0,
        rows: vec![
            InputRow {
                source: Source::Sprint { sprint: "nowhere".into() },
                date: "2026-10-09".parse().unwrap_or_default(),
                counted: false,
                value: None,
            },
            InputRow {
                source: Source::Sprint { sprint: "elsewhere".into() },
                date: "2026-10-02".parse().unwrap_or_default(),
                counted: true,
                value: None,
            },
        ],
        unrecorded: Vec::new(),
    };
    with_input(|input| {
        let e = Explainer::new(input);
        let w = Window::ending("2026-10-20".parse().unwrap_or_default(), 28);
        let text = e.formula(Indicator::PoEventAttendance, &i, "50%", &w);
        assert_eq!(
            text,
            "Sprint events the product owner attended between Wed 23 Sep and Tue 20 Oct: 1 of 2 \
             (missed: nowhere, Fri 9 Oct) = 50%."
        );
    });
}

#[test]
fn thresholds_from_tandem_yaml_are_named_and_worded() {
    let (mut project, date) = crate::site::dashboard::tests::sample(None);
    let custom = crate::model::Curve(vec![(0.5, 0.0), (0.95, 100.0)]);
    project.settings.thresholds.insert("on_time_rate".to_string(), custom);
    with_project(&project, date, |input| {
        let report = input.report;
        let e = Explainer::new(input);
        let scored = report.health.practices.iter().flat_map(|p| &p.indicators);
        let on_time = scored.clone().find(|i| i.indicator == Indicator::OnTimeRate);
        let on_time = on_time.unwrap_or_else(|| panic!("on_time_rate is scored"));
        let view = e.explain(on_time, report.inputs.get(Indicator::OnTimeRate), date);
        assert_eq!(view.thresholds, "This curve is set in tandem.yaml under thresholds: on_time_rate.");
        assert!(view.curve.contains("50% scores 0, 95% scores 100"), "{}", view.curve);
        let other = scored.clone().find(|i| i.indicator == Indicator::OverdueOpen);
        let other = other.unwrap_or_else(|| panic!("overdue_open is scored"));
        let view = e.explain(other, report.inputs.get(Indicator::OverdueOpen), date);
        assert!(view.thresholds.starts_with("This is the default curve"), "{}", view.thresholds);
    });
}

#[test]
fn without_a_product_owner_the_explanation_says_why_there_is_no_figure() {
    let (mut project, date) = crate::site::dashboard::tests::sample(None);
    for m in &mut project.team.members {
        if m.role == crate::model::Role::ProductOwner {
            m.role = crate::model::Role::Developer;
        }
    }
    with_project(&project, date, |input| {
        let report = input.report;
        let e = Explainer::new(input);
        for i in report.health.practices.iter().flat_map(|p| &p.indicators) {
            let view = e.explain(i, report.inputs.get(i.indicator), date);
            match i.indicator {
                Indicator::PoEventAttendance => {
                    assert_eq!(view.formula, "No data: it needs exactly one product owner in the team.");
                    assert!(view.rows.is_empty() && view.score.starts_with("No figure"));
                }
                Indicator::TouchpointsPerWeek | Indicator::JointDecisionShare => assert_eq!(
                    view.formula,
                    "No data: it needs exactly one product owner and one scrum master in the team."
                ),
                Indicator::SmEventAttendance | Indicator::OnTimeRate => {
                    assert!(!view.formula.starts_with("No data"), "{}", view.formula)
                }
                _ => {}
            }
        }
    });
}

#[test]
fn every_indicator_has_its_own_words() {
    let inputs = IndicatorInputs::new(Rule::Share, 1.0, 2.0, Vec::new());
    let w = Window::ending("2026-10-20".parse().unwrap_or_default(), 28);
    with_input(|input| {
        let e = Explainer::new(input);
        let mut seen = std::collections::HashSet::new();
        for indicator in Indicator::ALL {
            assert!(!indicator.definition().rows.heading.is_empty(), "{}", indicator.key());
            let text = e.formula(indicator, &inputs, "50%", &w);
            assert!(seen.insert(text.clone()), "{} has no sentence of its own: {text}", indicator.key());
        }
    });
}

#[test]
fn a_public_site_counts_action_items_and_decisions_by_month_instead_of_listing_them() {
    let (project, date) = crate::site::dashboard::tests::sample(None);
    let paths = SitePaths::new(&project).with_pages_as_of(&project, date).public(true);
    let analysis = crate::analysis::analyse(&project, date, crate::analysis::History::Full);
    let input = Input::new(&project, &analysis, &paths, true);
    let explainer = Explainer::new(&input);
    let view = |indicator: Indicator| {
        let scored = input
            .report
            .health
            .practices
            .iter()
            .flat_map(|p| &p.indicators)
            .find(|i| i.indicator == indicator);
        let scored = scored.unwrap_or_else(|| panic!("{indicator:?} is scored"));
        explainer.explain(scored, input.report.inputs.get(indicator), date)
    };
    let on_time = view(Indicator::OnTimeRate);
    let rows: Vec<(&str, &str, bool)> =
        on_time.rows.iter().map(|r| (r.label.as_str(), r.detail.as_str(), r.counted)).collect();
    // 12 of 14 done on time (the formula says so): the same 14, by month.
    assert_eq!(
        rows,
        [
            ("4 action items", "October 2026", true),
            ("8 action items", "November 2026", true),
            ("2 action items", "November 2026", false)
        ]
    );
    assert!(on_time.rows.iter().all(|r| r.url.as_deref() == Some("actions/index.html")));
    let joint = view(Indicator::JointDecisionShare);
    assert!(!joint.rows.is_empty());
    assert!(
        joint.rows.iter().all(|r| r.label.ends_with(" decision") || r.label.ends_with(" decisions")),
        "{joint:?}"
    );
    assert!(!format!("{joint:?}{on_time:?}").contains("Decision taken at"));
}
