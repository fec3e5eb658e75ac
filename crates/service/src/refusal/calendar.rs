//! Refusals of publishing a year's official holiday schedule and of counting working days.

use domain::calendar::CalendarError;

codes! {
    YEAR_MISMATCH = "year_mismatch", "the body says {body} but the path says {path}";
    DATE_OUTSIDE_YEAR = "date_outside_year", "{date} is not in {year}; every date of the {year} schedule must be";
    HOLIDAY_AND_WORKDAY = "holiday_and_workday", "{date} is listed both as a holiday and as a make-up working day; it can only be one";
    WORKDAY_NOT_WEEKEND = "workday_not_weekend", "{date} is not a Saturday or Sunday; a make-up working day must be";
    TOO_MANY_DAYS = "too_many_days", "at most 10000";
}

impl From<CalendarError> for super::Refusal {
    fn from(e: CalendarError) -> super::Refusal {
        use super::Refusal;
        match e {
            CalendarError::OutsideYear { date, year } => Refusal::of(DATE_OUTSIDE_YEAR)
                .arg("date", date)
                .arg("year", year),
            CalendarError::HolidayAndWorkday(date) => {
                Refusal::of(HOLIDAY_AND_WORKDAY).arg("date", date)
            }
            CalendarError::WorkdayNotWeekend(date) => {
                Refusal::of(WORKDAY_NOT_WEEKEND).arg("date", date)
            }
        }
    }
}
