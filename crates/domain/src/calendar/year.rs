//! One published year, validated before it can enter a calendar.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::is_weekend;

/// A published year is refused when it contradicts itself: the admin must fix the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("{date} is not in {year}; every date of the {year} schedule must be")]
    OutsideYear { date: NaiveDate, year: i32 },
    #[error("{0} is listed both as a holiday and as a make-up working day; it can only be one")]
    HolidayAndWorkday(NaiveDate),
    #[error("{0} is not a Saturday or Sunday; a make-up working day must be")]
    WorkdayNotWeekend(NaiveDate),
}

/// One year's official schedule as the State Council publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct YearSchedule {
    /// Days off, whatever weekday they fall on.
    pub holidays: BTreeSet<NaiveDate>,
    /// Make-up working days (调休), always a Saturday or Sunday.
    pub workdays: BTreeSet<NaiveDate>,
}

impl YearSchedule {
    /// Validates a schedule for `year`; errors name the first bad date.
    pub fn new(
        year: i32,
        holidays: BTreeSet<NaiveDate>,
        workdays: BTreeSet<NaiveDate>,
    ) -> Result<YearSchedule, CalendarError> {
        if let Some(&date) = holidays.iter().chain(&workdays).find(|d| d.year() != year) {
            return Err(CalendarError::OutsideYear { date, year });
        }
        if let Some(&date) = holidays.intersection(&workdays).next() {
            return Err(CalendarError::HolidayAndWorkday(date));
        }
        if let Some(&date) = workdays.iter().find(|d| !is_weekend(**d)) {
            return Err(CalendarError::WorkdayNotWeekend(date));
        }
        Ok(YearSchedule { holidays, workdays })
    }
}
