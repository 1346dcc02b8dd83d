//! Delivery figures as of D (docs/figures.md, "Delivery figures as of D").

use serde::Serialize;

use crate::indicators::{Evidence, Indicator, Inputs};

/// Delivery figures as of a date D.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveryFigures {
    /// docs/figures.md `velocity`: mean completed_points of the last
    /// `velocity_window` sprints ended on or before D; `None` when none has.
    pub velocity: Option<f64>,
    /// docs/figures.md `say_do_rolling`: sum completed_committed_points / sum
    /// committed_points over the same sprints.
    pub say_do_rolling: Option<f64>,
    /// docs/figures.md `goal_success_rate`: over the last 6 sprints ended on or
    /// before D whose goal_met is true or false, the share true.
    pub goal_success_rate: Option<f64>,
}

impl DeliveryFigures {
    /// The figures as of the evidence's date; the scored ones come from their inputs.
    pub fn compute(evidence: &Evidence<'_>, inputs: &Inputs) -> DeliveryFigures {
        DeliveryFigures {
            velocity: evidence.velocity(),
            say_do_rolling: inputs.figure(Indicator::SayDoRolling),
            goal_success_rate: inputs.figure(Indicator::GoalSuccessRate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{date, project};
    use crate::metrics::{Timeline, snapshot};
    use crate::model::Project;

    /// The delivery figures of `project` as of `day`, with `velocity_window`.
    fn delivery_of(mut project: Project, velocity_window: u32, day: &str) -> DeliveryFigures {
        project.settings.velocity_window = velocity_window;
        let sprints = crate::metrics::sprint_entries(&project, date(day));
        snapshot(&Timeline::new(&project), &sprints, date(day), date(day)).delivery
    }

    #[test]
    fn at_report_date_uses_the_three_ended_sprints() {
        // S4 (10-19 .. 10-30) has not ended on 10-20: S1, S2, S3 count.
        let d = delivery_of(project(), 3, "2026-10-20");
        // velocity = (5 + 16 + 10) / 3
        assert_eq!(d.velocity, Some(31.0 / 3.0));
        // say_do_rolling = (5 + 13 + 8) / (10 + 20 + 8) = 26/38
        assert_eq!(d.say_do_rolling, Some(26.0 / 38.0));
        // goals: S1 true, S2 false, S3 not assessed → 1/2
        assert_eq!(d.goal_success_rate, Some(0.5));
    }

    #[test]
    fn velocity_window_takes_the_latest_sprints() {
        let d = delivery_of(project(), 2, "2026-10-20");
        // S2 16 + S3 10 over 2; say/do (13 + 8)/(20 + 8)
        assert_eq!(d.velocity, Some(13.0));
        assert_eq!(d.say_do_rolling, Some(21.0 / 28.0));
        // goal_success_rate is not limited by velocity_window: still 1/2
        assert_eq!(d.goal_success_rate, Some(0.5));
    }

    #[test]
    fn goal_success_rate_counts_the_last_six_assessed_sprints() {
        let mut p = project();
        let template = p.sprints[0].clone();
        p.sprints.clear();
        p.notes.clear();
        // seven ended sprints: first true, then six false; one not assessed at the end
        for (i, met) in [Some(true), Some(false), Some(false), Some(false)]
            .into_iter()
            .chain([Some(false), Some(false), Some(false), None])
            .enumerate()
        {
            let mut s = template.clone();
            s.goal_met = met;
            s.id = format!("G{i}");
            let shift = 14 * i as i64;
            s.start = crate::metrics::add_days(s.start, shift);
            s.end = crate::metrics::add_days(s.end, shift);
            p.sprints.push(s);
        }
        let d = delivery_of(p, 3, "2026-12-31");
        // the last six assessed are all false: 0/6 (the true one is the seventh back)
        assert_eq!(d.goal_success_rate, Some(0.0));
    }

    #[test]
    fn before_any_sprint_ends_everything_is_null() {
        let d = delivery_of(project(), 3, "2026-09-17");
        assert_eq!(d.velocity, None);
        assert_eq!(d.say_do_rolling, None);
        assert_eq!(d.goal_success_rate, None);
        // on S1's last day it has ended: velocity 5, say/do 5/10, goals 1/1
        let d = delivery_of(project(), 3, "2026-09-18");
        assert_eq!((d.velocity, d.say_do_rolling, d.goal_success_rate), (Some(5.0), Some(0.5), Some(1.0)));
    }
}
