//! The forecast's random numbers: SplitMix64 (Steele, Lea and Flood,
//! "Fast splittable pseudorandom number generators", OOPSLA 2014; the
//! generator Java's `SplittableRandom` and xoshiro's seeding use).
//!
//! Written here rather than taken from a crate on purpose: a forecast is
//! part of the site's bytes, and `rand`'s sampling algorithms (`gen_range`,
//! its float conversions) have changed between releases, which would move
//! every published forecast date on a dependency update. Ten lines whose
//! output is pinned by a test cannot drift. SplitMix64 passes BigCrush;
//! 10,000 trials of a few hundred draws each ask far less of it.

/// A SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose first output depends on every bit of `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `0..n`, every one equally likely (Lemire's
    /// multiply-and-reject: no modulo bias). `n` must be at least 1.
    pub fn below(&mut self, n: u64) -> u64 {
        let n = n.max(1);
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A number in (0, 1]: 53 random bits, never 0.
    pub fn unit(&mut self) -> f64 {
        to_unit(self.unit_bits())
    }

    /// The numerator m of [`Self::unit`]'s m / 2^53, in 1 ..= 2^53.
    pub fn unit_bits(&mut self) -> u64 {
        (self.next_u64() >> 11) + 1
    }
}

/// m / 2^53, exactly.
pub fn to_unit(m: u64) -> f64 {
    m as f64 * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_splitmix64s() {
        // The reference outputs for seed 0 (Vigna's splitmix64.c).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn below_stays_in_range_and_covers_it_evenly() {
        let mut rng = SplitMix64::new(42);
        let mut counts = [0u32; 7];
        for _ in 0..70_000 {
            counts[rng.below(7) as usize] += 1;
        }
        // 10,000 expected each; 5 standard deviations is about 470
        assert!(counts.iter().all(|c| c.abs_diff(10_000) < 470), "{counts:?}");
        assert_eq!(SplitMix64::new(1).below(1), 0);
    }

    #[test]
    fn unit_is_never_zero_and_at_most_one() {
        let mut rng = SplitMix64::new(7);
        assert!((0..10_000).map(|_| rng.unit()).all(|u| u > 0.0 && u <= 1.0));
    }
}
