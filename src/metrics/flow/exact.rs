//! The forecast's exact distributions, by convolution: what the Monte Carlo
//! simulation ([`super::forecast`]) estimates with 10,000 futures, worked out
//! to the last digit. The tests hold the simulation to these
//! (docs/figures.md: "an exact computation agrees with the simulation
//! within sampling error").
//!
//! A day's finishes X take the value of a uniformly drawn sample of F, so
//! P(X = k) is the share of F's days that finished k items. After n days the
//! total is the n-fold convolution of X with itself. The ready items are done
//! within n days exactly when that total has reached their count, since
//! totals never go down.

/// P(X = k) for k = 0 ..= the largest sample.
fn day_distribution(samples: &[u32]) -> Vec<f64> {
    let top = samples.iter().copied().max().unwrap_or(0) as usize;
    let mut p = vec![0.0; top + 1];
    for s in samples {
        p[*s as usize] += 1.0 / samples.len() as f64;
    }
    p
}

/// P(the `ready` items are finished within n days) for n = 0, 1, ..., up to
/// the first n where that reaches `until` or `max_days`. Empty when no day
/// of F finished anything or nothing is ready.
pub fn ready_cdf(samples: &[u32], ready: usize, until: f64, max_days: usize) -> Vec<f64> {
    let x = day_distribution(samples);
    if ready == 0 || x.len() < 2 {
        return Vec::new();
    }
    // not_yet[t]: P(total after n days = t) for t < ready; the rest is done.
    let mut not_yet = vec![0.0; ready];
    not_yet[0] = 1.0;
    let mut cdf = vec![0.0];
    while cdf.len() <= max_days && cdf.last().is_some_and(|c| *c < until) {
        let mut next = vec![0.0; ready];
        for (t, p) in not_yet.iter().enumerate().filter(|(_, p)| **p > 0.0) {
            for (k, q) in x.iter().enumerate() {
                if t + k < ready {
                    next[t + k] += p * q;
                }
            }
        }
        not_yet = next;
        cdf.push(1.0 - not_yet.iter().sum::<f64>());
    }
    cdf
}

/// P(at least c items finish in `days` days), for c = 0 ..= the most possible.
pub fn sprint_survival(samples: &[u32], days: u64) -> Vec<f64> {
    let x = day_distribution(samples);
    let mut total = vec![1.0];
    for _ in 0..days {
        let mut next = vec![0.0; total.len() + x.len() - 1];
        for (t, p) in total.iter().enumerate() {
            for (k, q) in x.iter().enumerate() {
                next[t + k] += p * q;
            }
        }
        total = next;
    }
    let mut survival = vec![0.0; total.len()];
    let mut above = 0.0;
    for c in (0..total.len()).rev() {
        above += total[c];
        survival[c] = above;
    }
    survival
}

/// The least n with P(done within n days) >= p%.
pub fn ready_percentile(cdf: &[f64], p: u32) -> Option<u64> {
    cdf.iter().position(|c| *c >= f64::from(p) / 100.0).map(|n| n as u64)
}

/// The largest c with P(at least c) >= p%.
pub fn sprint_percentile(survival: &[f64], p: u32) -> Option<u32> {
    survival.iter().rposition(|s| *s >= f64::from(p) / 100.0).map(|c| c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_hand_one_item_every_other_day() {
        // Half of F's days finish one item: 2 ready items need n days with
        // P(done within n) = P(at least 2 successes in n) = 1 - (n+1)/2^n.
        let cdf = ready_cdf(&[0, 1], 2, 0.99, 100);
        assert_eq!(&cdf[..5], &[0.0, 0.0, 0.25, 0.5, 0.6875]);
        // 50% by day 3; 85% needs 1 - (n+1)/2^n >= 0.85: n = 6 (0.890625)
        assert_eq!(ready_percentile(&cdf, 50), Some(3));
        assert_eq!(ready_percentile(&cdf, 85), Some(6));
        // 4 days: binomial(4, 1/2); P(>= 1) = 15/16, P(>= 2) = 11/16, P(>= 3) = 5/16
        let s = sprint_survival(&[0, 1], 4);
        assert_eq!(s, vec![1.0, 0.9375, 0.6875, 0.3125, 0.0625]);
        assert_eq!(sprint_percentile(&s, 50), Some(2));
        assert_eq!(sprint_percentile(&s, 85), Some(1));
        assert_eq!(sprint_percentile(&s, 95), Some(0));
    }

    #[test]
    fn nothing_finished_no_distribution() {
        assert!(ready_cdf(&[0, 0, 0], 2, 0.99, 100).is_empty());
        assert_eq!(sprint_survival(&[0, 0], 3), vec![1.0]);
    }
}
