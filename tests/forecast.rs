//! The Monte Carlo forecast against its exact distribution (docs/figures.md,
//! "The forecast"), on generated histories.
//!
//! The simulation draws 10,000 futures; the exact distribution comes from
//! convolving a day's finishes with itself (`metrics::flow::exact`). The
//! tolerance is the Dvoretzky–Kiefer–Wolfowitz bound: with N = 10,000
//! trials, the simulated distribution function strays more than ε from the
//! true one anywhere with probability at most 2·exp(−2Nε²). With ε = 0.03
//! that is 3·10⁻⁸ per check, so a failure here is a bug, not bad luck: the
//! whole simulated distribution (every day, every count) must lie within
//! 0.03 of the exact one, and so must each of its 50/85/95% percentiles.

use proptest::prelude::*;
use tandem::metrics::flow::forecast::{self, TRIALS, nearest_rank, reached_by};
use tandem::metrics::flow::{exact, rng::SplitMix64};

/// The largest gap allowed between the simulated and exact distribution functions.
const EPSILON: f64 = 0.03;

/// A flow window's daily finishes: 7 to 120 days, mostly none or one, now
/// and then up to four, and at least one day that finished something.
fn history() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(prop_oneof![6 => Just(0u32), 3 => Just(1u32), 1 => 2u32..=4], 7..=120)
        .prop_filter("something finished", |v| v.iter().any(|s| *s > 0))
}

fn share(count: usize) -> f64 {
    count as f64 / TRIALS as f64
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn when_the_ready_items_are_done(samples in history(), ready in 1usize..40, seed in any::<u64>()) {
        let trials = forecast::ready_trials(&samples, ready, &mut SplitMix64::new(seed)).unwrap_or_default();
        prop_assert_eq!(trials.len(), TRIALS);
        let last = trials[TRIALS - 1] as usize;
        // P(done within n days) for n = 0 ..= the longest simulated future
        let cdf = exact::ready_cdf(&samples, ready, 2.0, last);
        for (n, exact) in cdf.iter().enumerate() {
            let simulated = share(trials.partition_point(|t| *t as usize <= n));
            prop_assert!((simulated - exact).abs() <= EPSILON, "day {}: simulated {} exact {}", n, simulated, exact);
        }
        for p in [50, 85, 95] {
            let n = nearest_rank(&trials, p).unwrap_or(0) as usize;
            let target = f64::from(p) / 100.0;
            prop_assert!(cdf[n] >= target - EPSILON, "p{}: day {} has only {}", p, n, cdf[n]);
            prop_assert!(n == 0 || cdf[n - 1] < target + EPSILON, "p{}: day {} already had {}", p, n - 1, cdf[n - 1]);
        }
    }

    #[test]
    fn how_many_items_a_sprint_finishes(samples in history(), days in 1u64..30, seed in any::<u64>()) {
        let trials = forecast::sprint_trials(&samples, days, &mut SplitMix64::new(seed));
        // P(at least c items) for every possible c
        let survival = exact::sprint_survival(&samples, days);
        for (c, exact) in survival.iter().enumerate() {
            let simulated = share(TRIALS - trials.partition_point(|t| (*t as usize) < c));
            prop_assert!((simulated - exact).abs() <= EPSILON, "{} items: simulated {} exact {}", c, simulated, exact);
        }
        for p in [50, 85, 95] {
            let c = reached_by(&trials, p).unwrap_or(0) as usize;
            let target = f64::from(p) / 100.0;
            prop_assert!(survival[c] >= target - EPSILON, "p{}: {} items in only {}", p, c, survival[c]);
            let next = survival.get(c + 1).copied().unwrap_or(0.0);
            prop_assert!(next < target + EPSILON, "p{}: {} items were reached in {}", p, c + 1, next);
        }
    }
}

#[test]
fn by_hand_every_other_day_one_item() {
    // P(X = 1) = 1/2: four ready items are done within n days with the
    // probability of at least 4 successes in n: 1/2 on day 7 exactly,
    // 0.887 on day 11, 0.954 on day 13 (tests/fixtures/flow/hand-worked).
    let samples = [0, 1];
    let cdf = exact::ready_cdf(&samples, 4, 0.99, 100);
    assert_eq!(exact::ready_percentile(&cdf, 50), Some(7));
    assert_eq!(exact::ready_percentile(&cdf, 85), Some(11));
    assert_eq!(exact::ready_percentile(&cdf, 95), Some(13));
    let trials = forecast::ready_trials(&samples, 4, &mut SplitMix64::new(2026)).unwrap_or_default();
    // day 7 holds exactly half the futures: the simulated median is 7 or 8
    assert!(matches!(nearest_rank(&trials, 50), Some(7 | 8)));
    assert_eq!(nearest_rank(&trials, 85), Some(11));
    assert_eq!(nearest_rank(&trials, 95), Some(13));
}
