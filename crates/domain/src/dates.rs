//! The days the product accepts: 2000-01-01 … 2100-12-31 on every path, so that no date
//! arithmetic downstream (working days, lights, feeds) can overflow on what a user typed.

use chrono::{Datelike, NaiveDate};

pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// A day outside the range, as a field error says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is outside 2000-01-01 … 2100-12-31")]
pub struct OutOfRange(pub String);

pub fn check_day(d: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    if (FIRST_DAY..=LAST_DAY).contains(&d) {
        Ok(d)
    } else {
        Err(OutOfRange(d.to_string()))
    }
}

pub fn check_year(year: i32) -> Result<i32, OutOfRange> {
    if (FIRST_DAY.year()..=LAST_DAY.year()).contains(&year) {
        Ok(year)
    } else {
        Err(OutOfRange(format!("year {year}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_is_inclusive_at_both_ends() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(check_day(d(2000, 1, 1)).is_ok());
        assert!(check_day(d(2100, 12, 31)).is_ok());
        assert!(check_day(d(1999, 12, 31)).is_err());
        assert!(check_day(d(2101, 1, 1)).is_err());
        assert!(check_day(NaiveDate::MIN).is_err());
        assert!(check_day(NaiveDate::MAX).is_err());
        assert_eq!(check_year(2100), Ok(2100));
        assert!(check_year(1).is_err());
        assert!(check_year(i32::MAX).is_err());
    }
}
