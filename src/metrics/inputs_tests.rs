//! The inputs of every indicator on the fixture give back its figure, and
//! count the rows the figure counted (see `fixture.rs` for the data).

use crate::indicators::{Indicator, IndicatorInputs, InputRow, Rule, Source, largest_gap};
use crate::metrics::fixture::{d, date, project};
use crate::metrics::{Report, Window, compute};
use crate::model::Date;

fn report_at(day: Date) -> Report {
    compute(&project(), day)
}

fn figure_of(report: &Report, indicator: Indicator) -> Option<f64> {
    report.health.practices.iter().flat_map(|p| &p.indicators).find(|i| i.indicator == indicator)?.figure
}

#[test]
fn every_indicator_has_inputs_that_give_its_figure() {
    for day in ["2026-09-10", "2026-09-18", "2026-10-05", "2026-10-20", "2026-11-30"] {
        let report = report_at(date(day));
        assert_eq!(report.inputs.len(), Indicator::ALL.len());
        for indicator in Indicator::ALL {
            let figure = figure_of(&report, indicator);
            let from_inputs = report.inputs.get(indicator).and_then(IndicatorInputs::figure);
            assert_eq!(from_inputs, figure, "{} on {day}", indicator.key());
        }
    }
}

#[test]
fn shares_count_their_rows() {
    let report = report_at(d());
    for (_, inputs) in report.inputs.iter() {
        let Some(inputs) = inputs else { continue };
        let counted = inputs.rows.iter().filter(|r| r.counted).count() as f64;
        match inputs.rule {
            Rule::Share => {
                assert_eq!(inputs.numerator, counted);
                assert_eq!(inputs.denominator, inputs.rows.len() as f64);
            }
            Rule::PerWeek | Rule::Count => assert_eq!(inputs.numerator, counted),
            _ => {}
        }
    }
}

#[test]
fn communication_lists_the_notes_it_counted() {
    let report = report_at(d());
    let touch = report.inputs.get(Indicator::TouchpointsPerWeek).map(|i| (i.numerator, i.denominator));
    // N2 09-24, N4 10-01, N7 10-05, N9 10-14 over 28 days (collaboration_tests.rs)
    assert_eq!(touch, Some((4.0, 28.0)));
    let gap = report.inputs.get(Indicator::MaxGapDays).map(|i| i.numerator);
    assert_eq!(gap, Some(9.0));
    let po = report.inputs.get(Indicator::PoEventAttendance);
    let rows: Vec<(&Source, bool)> =
        po.map(|i| i.rows.iter().map(|r| (&r.source, r.counted)).collect()).unwrap_or_default();
    // review (alice), retro (bob), planning (both): the PO missed the retro
    assert_eq!(rows.len(), 3);
    assert_eq!(rows.iter().filter(|(_, counted)| !counted).count(), 1);
    assert!(rows.iter().all(|(s, _)| matches!(s, Source::Note { .. })));
}

#[test]
fn action_rows_point_into_the_listed_actions() {
    let report = report_at(d());
    for (_, inputs) in report.inputs.iter() {
        let Some(inputs) = inputs else { continue };
        for r in &inputs.rows {
            if let Source::Action { action } = r.source {
                assert!(action < report.actions.len());
            }
        }
    }
    let on_time = report.inputs.get(Indicator::OnTimeRate);
    // every row is due in the window and dated by its due date
    for r in on_time.map_or(&[][..], |i| &i.rows) {
        let Source::Action { action } = r.source else { panic!("{:?}", r.source) };
        assert_eq!(report.actions[action].due, Some(r.date));
        assert!(report.window.contains(r.date));
    }
}

#[test]
fn largest_gap_counts_from_the_window_edges() {
    let w = Window::ending(date("2026-10-28"), 28);
    assert_eq!(largest_gap(std::iter::empty(), &w), 28);
    // 10-01 to 10-10 is 9 days; from 10-10 to 10-28 is 18
    let dates = [date("2026-10-01"), date("2026-10-01"), date("2026-10-10")];
    assert_eq!(largest_gap(dates.into_iter(), &w), 18);
}

#[test]
fn inputs_serialise_with_kind_and_ids() {
    let r = InputRow {
        source: Source::Impediment { sprint: "S1".into(), impediment: 2 },
        date: date("2026-10-01"),
        counted: true,
        value: Some(3.0),
    };
    let json = serde_json::to_string(&r).unwrap_or_default();
    assert_eq!(
        json,
        r#"{"kind":"impediment","sprint":"S1","impediment":2,"date":"2026-10-01","counted":true,"value":3.0}"#
    );
}
