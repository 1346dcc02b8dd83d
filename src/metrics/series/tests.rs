use super::*;
use crate::metrics::compute;
use crate::metrics::fixture::{backlog_item, d, date, latest_snapshot, project};
use crate::model::BacklogState;

fn sprint(id: &str) -> Sprint {
    let p = project();
    p.sprints.into_iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no sprint {id}"))
}

fn line(b: &Burnup, f: fn(&BurnupDay) -> f64) -> Vec<f64> {
    b.days.iter().map(f).collect()
}

#[test]
fn burnup_scope_follows_additions_and_removals_by_date() {
    // S3 runs 10-05 to 10-16: committed C1 5 + C2 3 + C3 0 = 8; C5 (3) added
    // 10-06 and removed 10-08; C4 (2) added 10-07.
    let b = burnup(&sprint("S3"), date("2026-12-31"));
    assert_eq!(b.days.len(), 12);
    assert_eq!(b.days.first().map(|d| d.date), Some(date("2026-10-05")));
    assert_eq!(b.days.last().map(|d| d.date), Some(date("2026-10-16")));
    assert_eq!(line(&b, |d| d.scope)[..5], [8.0, 11.0, 13.0, 10.0, 10.0]);
    // no done dates: C1, C2 and C4 all count on the last day
    assert_eq!(line(&b, |d| d.done)[..11], [0.0; 11]);
    assert_eq!(b.days.last().map(|d| d.done), Some(10.0));
    assert_eq!((b.undated_done_items, b.undated_done_points), (3, 10.0));
}

#[test]
fn burnup_done_dates_are_kept_inside_the_sprint() {
    let mut s = sprint("S2");
    // 09-21 to 10-02: B2 done before the start counts on day one, B1 on its
    // date; B3, done after the end, is not done in this sprint at all.
    for (id, done) in [("B1", "2026-09-23"), ("B2", "2026-09-19"), ("B3", "2026-10-09")] {
        if let Some(item) = s.items.iter_mut().find(|i| i.id == id) {
            item.done = Some(date(done));
        }
    }
    let b = burnup(&s, date("2026-12-31"));
    assert_eq!(line(&b, |d| d.done)[..4], [5.0, 5.0, 13.0, 13.0]);
    assert_eq!(b.days.last().map(|d| d.done), Some(13.0));
    assert_eq!(crate::metrics::SprintFigures::of(&s, date("2026-12-31")).carry_over_points, Some(5.0 + 3.0));
    assert_eq!((b.undated_done_items, b.undated_done_points), (0, 0.0));
}

#[test]
fn burnup_ends_on_the_sprint_figures() {
    for day in ["2026-09-10", "2026-10-20", "2026-12-31"] {
        let day = date(day);
        for s in project().sprints.iter().filter(|s| s.start <= day) {
            let entry = SprintEntry::of(s, day);
            let f = &entry.figures;
            let last = entry.burnup.days.last().unwrap_or_else(|| panic!("{} has days", s.id));
            assert_eq!(last.scope, f.committed_points + f.added_points - f.removed_points, "{}", s.id);
            assert_eq!(last.done, f.completed_points, "{}", s.id);
            // A running sprint's burn-up stops at D.
            let days = days_between(s.end.min(day), s.start) + 1;
            assert_eq!(entry.burnup.days.len() as i64, days, "{} as of {day}", s.id);
        }
    }
}

#[test]
fn rolling_velocity_is_the_velocity_at_each_sprint_end() {
    // completed: S1 5, S2 16, S3 10; S4 still runs on 10-20
    let report = compute(&project(), d());
    let rolling: Vec<Option<f64>> = report.sprints.iter().map(|s| s.rolling_velocity).collect();
    assert_eq!(rolling, [Some(5.0), Some(10.5), Some(31.0 / 3.0), None]);
    assert_eq!(rolling[2], report.delivery.velocity, "the last ended sprint's is today's velocity");
}

#[test]
fn age_bins_count_open_items_by_age() {
    // As of 10-20: P3 49 days; P7 90, P1 111, P4 127, P2 172; P5 and P6 closed.
    let bins = age_bins(&latest_snapshot(), d());
    let counts: Vec<usize> = bins.iter().map(|b| b.items).collect();
    assert_eq!(counts, [0, 1, 4, 0]);
    let ranges: Vec<(i64, Option<i64>)> = bins.iter().map(|b| (b.from_days, b.to_days)).collect();
    assert_eq!(ranges, [(0, Some(29)), (30, Some(89)), (90, Some(179)), (180, None)]);
    let mut s = latest_snapshot();
    s.items.push(backlog_item("N1", BacklogState::New, None, "2026-10-25"));
    s.items.push(backlog_item("N2", BacklogState::New, None, "2026-04-23"));
    s.items.push(backlog_item("N3", BacklogState::New, None, "2026-09-21"));
    let counts: Vec<usize> = age_bins(&s, d()).iter().map(|b| b.items).collect();
    // N1 is created after D (0 days), N3 29 days, N2 180 days
    assert_eq!(counts, [2, 1, 4, 1]);
    assert_eq!(counts.iter().sum::<usize>(), 5 + 3);
}

#[test]
fn action_weeks_agree_with_the_action_list() {
    let report = compute(&project(), d());
    let weeks = &report.action_weeks;
    assert_eq!(weeks.len(), report.weeks.len());
    for (a, w) in weeks.iter().zip(&report.weeks) {
        assert_eq!((&a.week, a.as_of), (&w.week, w.as_of));
    }
    let last = weeks.last().unwrap_or_else(|| panic!("weeks"));
    let open_now = report.actions.iter().filter(|a| a.done.is_none()).count();
    assert_eq!(last.open, open_now);
    let first_monday = monday_of(weeks[0].as_of);
    let done = report.actions.iter().filter(|a| a.done.is_some_and(|x| x >= first_monday)).count();
    assert_eq!(weeks.iter().map(|w| w.done).sum::<usize>(), done);
    assert!(done > 0 && open_now > 0, "the fixture has both");
}
