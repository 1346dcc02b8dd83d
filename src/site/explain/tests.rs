//! Explanations on the test project: every indicator has one, its words
//! carry the inputs' numbers, and every row links to a page with an anchor.

use super::*;
use crate::site::paths::SitePaths;

/// `f` on the sample data as of its report date.
fn with_input<T>(f: impl FnOnce(&Input<'_>) -> T) -> T {
    let (project, date) = crate::site::dashboard::tests::sample(None);
    let paths = SitePaths::new(&project).with_pages_as_of(&project, date);
    let mut notes: Vec<&crate::model::Note> = project.notes.iter().filter(|n| n.date <= date).collect();
    notes.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    let analysis = crate::analysis::analyse(&project, date, crate::analysis::History::Full);
    let input = Input {
        project: &project,
        report: &analysis.report,
        analysis: &analysis,
        report_date: date,
        paths: &paths,
        notes,
    };
    f(&input)
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
    assert_eq!(action_anchor(0), "action-1");
    assert_eq!(impediment_anchor(2), "impediment-2");
    assert_eq!(decision_anchor(1), "decision-1");
}

#[test]
fn every_indicator_is_explained_with_its_numbers() {
    with_input(|input| {
        let explainer = Explainer::new(input);
        for p in &input.report.health.practices {
            for i in &p.indicators {
                let inputs = input.report.inputs.get(i.indicator.key).and_then(Option::as_ref);
                let view = explainer.explain(i, inputs, input.report_date);
                assert_eq!(view.id, format!("how-{}", i.indicator.key));
                let shown = i.indicator.format(i.figure);
                match inputs {
                    Some(inputs) => {
                        assert!(view.formula.contains(&shown), "{}: {}", i.indicator.key, view.formula);
                        assert!(
                            view.formula.contains(&format::decimal(inputs.numerator)),
                            "{}",
                            view.formula
                        );
                    }
                    None => assert!(view.formula.starts_with("No data: "), "{}", view.formula),
                }
                assert!(view.thresholds.contains(i.indicator.key));
                for row in &view.rows {
                    let url = row.url.as_deref().unwrap_or_default();
                    assert!(!row.label.is_empty(), "{}: {row:?}", i.indicator.key);
                    let linked_without_anchor = url.starts_with("notes/") || url.starts_with("sprints/");
                    assert!(url.contains('#') || linked_without_anchor, "{}: {row:?}", i.indicator.key);
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
    };
    with_input(|input| {
        let e = Explainer::new(input);
        let w = Window::ending("2026-10-20".parse().unwrap_or_default(), 28);
        let indicator = Indicator::find("po_event_attendance").unwrap_or_else(|| panic!("indicator"));
        let text = formula(indicator, &i, "50%", &w, 90, &e);
        assert_eq!(
            text,
            "Sprint events the product owner attended between Wed 23 Sep and Tue 20 Oct: 1 of 2 \
             (missed: nowhere, Fri 9 Oct) = 50%."
        );
    });
}
