//! Helpers shared by the integration tests.

/// A fixed-seed generator: the same mutations on every run.
pub struct Lcg(pub u64);

impl Lcg {
    /// A number below `bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}
