//! Amounts in yuan, kept as whole fen (分) so sums never drift.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in fen (1/100 yuan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("empty amount")]
    Empty,
    #[error("not a number")]
    NotANumber,
    #[error("negative amount")]
    Negative,
    #[error("too large")]
    TooLarge,
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    pub fn yuan_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Parses what a user types in an amount field: `1280`, `1,280.5`, `¥1280`, `１２８０` (full-width),
    /// `1280元`. At most two decimals; negative amounts are refused.
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        let normalized: String = input
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' | '。' => '.',
                '－' => '-',
                _ => c,
            })
            .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | ' ' | '元'))
            .collect();
        if normalized.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, digits) = match normalized.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, normalized.as_str()),
        };
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) || frac.len() > 2 {
            return Err(MoneyError::NotANumber);
        }
        if negative {
            return Err(MoneyError::Negative);
        }
        if whole.len() > 12 {
            return Err(MoneyError::TooLarge);
        }
        let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| MoneyError::NotANumber)? };
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| MoneyError::NotANumber)? * 10,
            _ => frac.parse().map_err(|_| MoneyError::NotANumber)?,
        };
        Ok(Money(whole * 100 + frac))
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Money {
    /// Plain form used in files and inputs: `1280.50`, `1280`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        if abs.is_multiple_of(100) {
            write!(f, "{sign}{}", abs / 100)
        } else {
            write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_typed_with_separators_symbols_and_full_width_digits_are_understood() {
        assert_eq!(Money::parse("1,280.5"), Ok(Money(128_050)));
        assert_eq!(Money::parse("¥1280"), Ok(Money(128_000)));
        assert_eq!(Money::parse("１２８０元"), Ok(Money(128_000)));
        assert_eq!(Money::parse(" 0.05 "), Ok(Money(5)));
        assert_eq!(Money::parse(".5"), Ok(Money(50)));
    }

    #[test]
    fn negative_empty_and_non_numeric_amounts_are_rejected() {
        assert_eq!(Money::parse("-3"), Err(MoneyError::Negative));
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("12a"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1.234"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("."), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("9999999999999"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn plain_display_drops_zero_fen() {
        assert_eq!(Money(128_000).to_string(), "1280");
        assert_eq!(Money(128_050).to_string(), "1280.50");
    }
}
