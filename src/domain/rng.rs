//! The one seeded random source of the app: the demo book and the generated benchmark books are
//! made up with it, so that the same seed gives the same customers on every platform and in every
//! run (tests and benchmarks name the customers they expect).

/// SplitMix64: tiny, fast, and the same sequence everywhere. Not for anything secret.
pub struct SplitMix(u64);

impl SplitMix {
    pub const fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi` (`lo` when the range is empty).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }

    /// True `percent` times in a hundred (one draw out of 100).
    pub fn percent(&mut self, percent: i64) -> bool {
        self.range(0, 99) < percent
    }

    /// True `per_mille` times in a thousand (one draw out of 1,000).
    pub fn per_mille(&mut self, per_mille: i64) -> bool {
        self.range(0, 999) < per_mille
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_draws_and_ranges_hold() {
        let (mut a, mut b) = (SplitMix::new(7), SplitMix::new(7));
        for _ in 0..1000 {
            let (x, y) = (a.range(-3, 5), b.range(-3, 5));
            assert_eq!(x, y);
            assert!((-3..=5).contains(&x));
        }
        assert_eq!(SplitMix::new(1).range(4, 4), 4);
        let hits = (0..10_000).filter(|_| a.percent(30)).count();
        assert!((2_700..3_300).contains(&hits), "about 30%: {hits}");
    }
}
