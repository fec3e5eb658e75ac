//! ISO weeks (`2026-W08`): Monday to Sunday.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u32,
}

impl IsoWeek {
    /// `2026-W08` (also `2026-w8`); `None` for a week that does not exist.
    pub fn parse(s: &str) -> Option<IsoWeek> {
        let (y, w) = s.trim().split_once(['W', 'w'])?;
        let year: i32 = y.strip_suffix('-').unwrap_or(y).parse().ok()?;
        let week: u32 = w.parse().ok()?;
        if !(2000..=2100).contains(&year) {
            return None;
        }
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        Some(IsoWeek { year, week })
    }

    /// The week a day falls in.
    pub fn of(day: NaiveDate) -> IsoWeek {
        let w = day.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }

    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or_default()
    }

    pub fn sunday(self) -> NaiveDate {
        self.monday() + Duration::days(6)
    }

    pub fn previous(self) -> IsoWeek {
        IsoWeek::of(self.monday() - Duration::days(7))
    }

    /// The day "now" figures are read on: the Sunday of a past week, today otherwise.
    pub fn as_of(self, today: NaiveDate) -> NaiveDate {
        self.sunday().min(today)
    }
}

impl std::fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}
