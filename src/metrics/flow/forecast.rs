//! The Monte Carlo forecast (docs/figures.md, "The forecast"): futures made
//! of days drawn, with replacement, from the daily finishes of the flow
//! window F, seeded from the date the forecast is made on.
//!
//! A day draws one of F's |F| samples, zeros included. Drawing day after
//! day is slow when most days finish nothing (a sparse history and a long
//! ready list make millions of draws a trial), so the run of empty days
//! before the next day that finishes something is drawn in one go: it is
//! geometric, P(k empty days) = p0^k (1 - p0) with p0 the share of F's days
//! that finished nothing, and the day that ends it draws uniformly among
//! the other samples. That is the same process, draw for draw in
//! distribution; `exact.rs` and the property test hold it to that.

use super::rng::{SplitMix64, to_unit};
use crate::model::Date;
use crate::model::dates::days_between;

/// How many futures each forecast simulates.
pub const TRIALS: usize = 10_000;

/// Which forecast a generator serves: each has its own stream, so adding
/// one never moves the other's dates.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    /// When the ready items are done.
    Ready = 1,
    /// How many items the running sprint finishes.
    Sprint = 2,
}

/// The generator for `stream` of a forecast made on `date`: the same date
/// gives the same futures, so a build is reproducible and a week's forecast
/// never changes when later weeks are added.
pub fn generator(date: Date, stream: Stream) -> SplitMix64 {
    let day = days_between(date, Date::constant(1970, 1, 1)) as u64;
    SplitMix64::new(day ^ ((stream as u64) << 40))
}

/// The longest run of empty days the table below holds; a longer run is
/// drawn as that many days plus a fresh run (a geometric run has no memory).
const MAX_RUN: usize = 4096;

/// F's daily finishes, ready to be drawn from.
#[derive(Debug, Clone)]
pub struct Draws {
    /// The samples that finished something.
    finishing: Vec<u32>,
    /// `p0^(k+1)` for k = 0, 1, ...: a run of at least k+1 empty days is as
    /// likely as a uniform number in (0, 1] at or below it. Powers by
    /// repeated multiplication, so every platform draws the same runs.
    run_tail: Vec<f64>,
    /// For each of [`BUCKETS`] equal slices of (0, 1], the range of run
    /// lengths a number in it can give: most slices hold one, so a run is
    /// found without searching (the same run a search would find).
    buckets: Vec<(u32, u32)>,
}

/// How many slices of (0, 1] [`Draws::buckets`] holds: 2^10, so that the
/// slice of m / 2^53 is m's top bits.
const BUCKETS: usize = 1 << 10;

impl Draws {
    /// The draws from `samples` (one count per day of F); `None` when no
    /// day finished anything (no future would ever finish an item).
    pub fn new(samples: &[u32]) -> Option<Draws> {
        let finishing: Vec<u32> = samples.iter().copied().filter(|s| *s > 0).collect();
        if finishing.is_empty() {
            return None;
        }
        let p0 = (samples.len() - finishing.len()) as f64 / samples.len() as f64;
        let mut run_tail = Vec::new();
        let mut power = p0;
        while power > 1e-12 && run_tail.len() < MAX_RUN {
            run_tail.push(power);
            power *= p0;
        }
        let buckets = (0..BUCKETS)
            .map(|b| {
                let (low, high) = (b as f64 / BUCKETS as f64, (b + 1) as f64 / BUCKETS as f64);
                // u in (low, high]: at least the run of `high`, at most that of just above `low`.
                let fewest = run_tail.partition_point(|p| *p >= high) as u32;
                let most = run_tail.partition_point(|p| *p > low) as u32;
                (fewest, most)
            })
            .collect();
        Some(Draws { finishing, run_tail, buckets })
    }

    /// The first k with p0^(k+1) < u, for u = m / 2^53 (`run_tail.len()`
    /// when there is none).
    fn run(&self, m: u64) -> usize {
        // u in (b / 2^10, (b + 1) / 2^10] exactly when b = (m - 1) / 2^43.
        let slice = (((m.max(1) - 1) >> 43) as usize).min(BUCKETS - 1);
        let (fewest, most) = self.buckets[slice];
        if fewest == most {
            return fewest as usize;
        }
        let (from, to) = (fewest as usize, (most as usize).min(self.run_tail.len()));
        let u = to_unit(m);
        from + self.run_tail[from..to].partition_point(|p| *p >= u)
    }

    /// The days up to and including the next day that finishes something,
    /// and how many items that day finishes.
    fn next(&self, rng: &mut SplitMix64) -> (u64, u32) {
        let mut days = 1;
        loop {
            // The first k with p0^(k+1) < u: k empty days.
            let k = self.run(rng.unit_bits());
            days += k as u64;
            if k < self.run_tail.len() || self.run_tail.is_empty() {
                break;
            }
        }
        let pick = rng.below(self.finishing.len() as u64) as usize;
        (days, self.finishing[pick])
    }
}

/// "When": for each of [`TRIALS`] futures, the days until `ready` items
/// are finished; sorted. `None` when nothing finished in F or nothing is ready.
pub fn ready_trials(samples: &[u32], ready: usize, rng: &mut SplitMix64) -> Option<Vec<u64>> {
    let draws = Draws::new(samples)?;
    if ready == 0 {
        return None;
    }
    let mut trials: Vec<u64> = (0..TRIALS)
        .map(|_| {
            let (mut days, mut done) = (0u64, 0usize);
            while done < ready {
                let (d, n) = draws.next(rng);
                days = days.saturating_add(d);
                done += n as usize;
            }
            days
        })
        .collect();
    trials.sort_unstable();
    Some(trials)
}

/// "How many": for each of [`TRIALS`] futures of `days` days, the items
/// finished; sorted. All zero when nothing finished in F.
pub fn sprint_trials(samples: &[u32], days: u64, rng: &mut SplitMix64) -> Vec<u32> {
    let Some(draws) = Draws::new(samples) else { return vec![0; TRIALS] };
    let mut trials: Vec<u32> = (0..TRIALS)
        .map(|_| {
            let (mut left, mut done) = (days, 0u32);
            loop {
                let (d, n) = draws.next(rng);
                if d > left {
                    break done;
                }
                left -= d;
                done = done.saturating_add(n);
            }
        })
        .collect();
    trials.sort_unstable();
    trials
}

/// The nearest-rank `p`th percentile of `sorted` (ascending): the value at
/// rank ceil(p/100 * n), counting from 1. `None` when empty.
pub fn nearest_rank<T: Copy>(sorted: &[T], p: u32) -> Option<T> {
    let n = sorted.len();
    let rank = (p as usize * n).div_ceil(100).max(1);
    sorted.get(rank.min(n).checked_sub(1)?).copied()
}

/// The largest count reached in at least `p`% of `sorted` (ascending)
/// trials: the value at rank ceil(p/100 * n) from the top.
pub fn reached_by(sorted: &[u32], p: u32) -> Option<u32> {
    let n = sorted.len();
    let rank = (p as usize * n).div_ceil(100).max(1);
    sorted.get(n.checked_sub(rank.min(n))?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        // ceil(0.5 * 10) = 5th, ceil(0.85 * 10) = 9th, ceil(0.95 * 10) = 10th
        assert_eq!([50, 85, 95].map(|p| nearest_rank(&v, p)), [Some(5), Some(9), Some(10)]);
        // n = 3: ranks 2, 3, 3
        assert_eq!([50, 85, 95].map(|p| nearest_rank(&[4, 9, 20], p)), [Some(9), Some(20), Some(20)]);
        assert_eq!(nearest_rank::<u32>(&[], 50), None);
        // reached by at least 85% of 10: the 9th from the top is 2
        assert_eq!([50, 85, 95].map(|p| reached_by(&v, p)), [Some(6), Some(2), Some(1)]);
    }

    #[test]
    fn a_history_that_finishes_every_day_is_a_straight_line() {
        // two items every day: 7 ready items take 4 days in every future
        let mut rng = generator(Date::constant(2026, 11, 20), Stream::Ready);
        let trials = ready_trials(&[2; 28], 7, &mut rng).unwrap_or_default();
        assert_eq!((trials.len(), trials[0], trials[TRIALS - 1]), (TRIALS, 4, 4));
        // 5 days of a sprint: 10 items in every future
        let sprint = sprint_trials(&[2; 28], 5, &mut rng);
        assert_eq!((sprint[0], sprint[TRIALS - 1]), (10, 10));
    }

    #[test]
    fn no_finishes_no_forecast() {
        let mut rng = generator(Date::constant(2026, 11, 20), Stream::Ready);
        assert_eq!(ready_trials(&[0; 84], 3, &mut rng), None);
        assert_eq!(ready_trials(&[1; 84], 0, &mut rng), None);
        assert!(sprint_trials(&[0; 84], 10, &mut rng).iter().all(|n| *n == 0));
    }

    #[test]
    fn the_same_date_gives_the_same_futures() {
        let samples = [0, 0, 1, 0, 3, 0, 0, 2, 0, 1, 0, 0, 0, 1];
        let day = Date::constant(2026, 11, 20);
        let run = |d| ready_trials(&samples, 12, &mut generator(d, Stream::Ready));
        assert_eq!(run(day), run(day));
        assert_ne!(run(day), run(Date::constant(2026, 11, 21)));
    }

    #[test]
    fn the_slices_find_the_run_a_search_finds() {
        for samples in [vec![0, 0, 0, 1], vec![0; 83].into_iter().chain([2]).collect(), vec![1, 0]] {
            let Some(draws) = Draws::new(&samples) else { panic!("draws") };
            let mut rng = generator(Date::constant(2026, 5, 1), Stream::Ready);
            let search = |m: u64| draws.run_tail.partition_point(|p| *p >= to_unit(m));
            for _ in 0..200_000 {
                let m = rng.unit_bits();
                assert_eq!(draws.run(m), search(m), "m = {m}");
            }
            // the slices' edges and either side of them
            for b in 0..=BUCKETS as u64 {
                for m in [(b << 43).saturating_sub(1), b << 43, (b << 43) + 1] {
                    let m = m.clamp(1, 1 << 53);
                    assert_eq!(draws.run(m), search(m), "edge {b}: m = {m}");
                }
            }
        }
    }

    #[test]
    fn very_long_empty_runs_are_drawn_past_the_table() {
        // one finish in 20,000 days: runs far longer than MAX_RUN
        let mut samples = vec![0; 20_000];
        samples[0] = 1;
        let mut rng = generator(Date::constant(2026, 1, 1), Stream::Ready);
        let trials = ready_trials(&samples, 1, &mut rng).unwrap_or_default();
        let mean = trials.iter().sum::<u64>() as f64 / TRIALS as f64;
        // geometric with mean 20,000 days; 10,000 trials: within 3%
        assert!((mean - 20_000.0).abs() < 600.0, "{mean}");
    }
}
