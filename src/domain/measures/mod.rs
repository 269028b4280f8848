//! The measures of the practice (DOMAIN.md "Measures"), as pure functions of the records.

mod period;

pub use period::{PeriodError, PeriodKind, ReportPeriod};
