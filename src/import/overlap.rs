//! Sprints may not overlap (DATA.md), but trackers' do: GitLab iterations of
//! two cadences, Jira sprints of two boards. Import keeps the series of
//! non-overlapping sprints that holds the most items.

use crate::model::Date;

/// A dated sprint and how many items it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Sprint name.
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Items it holds.
    pub items: usize,
}

/// Whether `a` (ending first) and `b` can both be kept. Jira ends a sprint on
/// the morning the next one starts, so sprints that share only the last day
/// of one and the first of the next are back to back, not overlapping.
fn compatible(a: &Candidate, b: &Candidate) -> bool {
    a.end < b.start || (a.end == b.start && a.start < b.start && b.start < b.end)
}

/// The sprints to keep, in start order, with the days each gets: when two
/// touch, the later one starts a day later, so that an issue finished on the
/// morning of the handover still counts in the sprint that ended then (as
/// Jira's sprint report counts it).
pub fn choose(mut sprints: Vec<Candidate>) -> (Vec<(String, Date, Date)>, Vec<Candidate>) {
    sprints.sort_by(|a, b| (a.end, a.start, &a.name).cmp(&(b.end, b.start, &b.name)));
    let n = sprints.len();
    // best[j]: (items, sprints) of the best series among the first j sprints.
    let mut best: Vec<(usize, usize)> = vec![(0, 0); n + 1];
    let mut prev = vec![0usize; n];
    for j in 0..n {
        prev[j] = (0..j).rev().find(|&i| compatible(&sprints[i], &sprints[j])).map_or(0, |i| i + 1);
        let take = (best[prev[j]].0 + sprints[j].items, best[prev[j]].1 + 1);
        best[j + 1] = best[j].max(take);
    }
    let mut kept = Vec::new();
    let mut j = n;
    while j > 0 {
        let take = (best[prev[j - 1]].0 + sprints[j - 1].items, best[prev[j - 1]].1 + 1);
        if take >= best[j - 1] && best[j] == take {
            kept.push(j - 1);
            j = prev[j - 1];
        } else {
            j -= 1;
        }
    }
    kept.reverse();
    let mut out: Vec<(String, Date, Date)> = Vec::new();
    for (k, &i) in kept.iter().enumerate() {
        let s = &sprints[i];
        let start = match k.checked_sub(1).map(|p| &sprints[kept[p]]) {
            Some(prev) if prev.end == s.start => s.start.tomorrow().unwrap_or(s.start),
            _ => s.start,
        };
        out.push((s.name.clone(), start, s.end));
    }
    let left_out =
        sprints.into_iter().enumerate().filter(|(i, _)| !kept.contains(i)).map(|(_, s)| s).collect();
    (out, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn c(name: &str, start: (i8, i8), end: (i8, i8), items: usize) -> Candidate {
        Candidate {
            name: name.into(),
            start: date(2026, start.0, start.1),
            end: date(2026, end.0, end.1),
            items,
        }
    }

    fn names(chosen: &(Vec<(String, Date, Date)>, Vec<Candidate>)) -> Vec<&str> {
        chosen.0.iter().map(|(n, _, _)| n.as_str()).collect()
    }

    #[test]
    fn keeps_the_cadence_with_more_items() {
        // Weekly iterations hold 3 + 3 + 3 + 3 = 12; fortnightly ones 5 + 5 = 10.
        let weekly = (0..4).map(|w| c(&format!("W{w}"), (3, 2 + 7 * w), (3, 6 + 7 * w), 3));
        let fortnightly = (0..2).map(|f| c(&format!("F{f}"), (3, 2 + 14 * f), (3, 13 + 14 * f), 5));
        let chosen = choose(weekly.chain(fortnightly).collect());
        assert_eq!(names(&chosen), vec!["W0", "W1", "W2", "W3"]);
        assert_eq!(chosen.1.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), vec!["F0", "F1"]);
    }

    #[test]
    fn back_to_back_sprints_are_kept_and_the_later_starts_a_day_later() {
        let chosen = choose(vec![c("S1", (3, 2), (3, 16), 4), c("S2", (3, 16), (3, 30), 4)]);
        assert_eq!(
            chosen.0,
            vec![
                ("S1".into(), date(2026, 3, 2), date(2026, 3, 16)),
                ("S2".into(), date(2026, 3, 17), date(2026, 3, 30))
            ]
        );
        assert!(chosen.1.is_empty());
    }

    #[test]
    fn a_real_overlap_drops_the_smaller_sprint() {
        let chosen =
            choose(vec![c("A", (3, 2), (3, 13), 6), c("B", (3, 9), (3, 20), 2), c("C", (3, 16), (3, 27), 5)]);
        assert_eq!(names(&chosen), vec!["A", "C"]);
        assert_eq!(chosen.1[0].name, "B");
    }
}
