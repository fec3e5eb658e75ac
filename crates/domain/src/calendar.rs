//! Working days on China's official calendar (行政许可法 art. 82): Monday–Friday, minus the
//! published public holidays, plus the published make-up working days (调休).
//!
//! Every query goes through a *rank*: the signed number of working days up to and including a
//! date, counted from a fixed origin. Published years are precomputed into prefix tables (and
//! a dense year index), unpublished years use Monday–Friday arithmetic: every query is O(1)
//! whatever the distance, tens of nanoseconds.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

mod year;
pub use year::{CalendarError, YearSchedule};

/// Precomputed tables of one published year.
#[derive(Debug, Clone, PartialEq, Eq)]
struct YearTable {
    year: i32,
    /// `cum[i]` = working days among the year's first `i` days.
    cum: Vec<u16>,
    /// `nth[k]` = zero-based ordinal of the year's (k+1)-th working day.
    nth: Vec<u16>,
    /// Rank of 31 December of the previous year.
    rank_before: i64,
    /// Published working days minus Monday–Friday days, summed over earlier published years.
    delta_before: i64,
}

/// The working-day calendar: published years plus the Monday–Friday fallback.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    years: BTreeMap<i32, YearSchedule>,
    /// Sorted by year.
    tables: Vec<YearTable>,
    /// `year_pos[y - first_year]` = position in `tables` of the first year ≥ y, dense over the
    /// published span so that lookups need no binary search.
    year_pos: Vec<u32>,
    first_year: i32,
    /// The correction of dates after the last published year.
    delta_after: i64,
}

impl WorkCalendar {
    /// Builds the lookup tables; years outside chrono's date range are ignored.
    pub fn new(years: BTreeMap<i32, YearSchedule>) -> WorkCalendar {
        let mut tables = Vec::with_capacity(years.len());
        let mut delta_before = 0i64;
        for (&year, schedule) in &years {
            let (Some(jan1), Some(next_jan1)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1),
            ) else {
                continue;
            };
            let first_day = day_index(jan1);
            let len = day_index(next_jan1) - first_day;
            let mut cum = Vec::with_capacity(len as usize + 1);
            let mut nth = Vec::new();
            cum.push(0u16);
            let mut count = 0u16;
            for (ordinal, date) in jan1.iter_days().take(len as usize).enumerate() {
                if schedule_says_working(schedule, date) {
                    nth.push(ordinal as u16);
                    count += 1;
                }
                cum.push(count);
            }
            let weekdays = weekdays_before(first_day + len) - weekdays_before(first_day);
            tables.push(YearTable {
                year,
                cum,
                nth,
                rank_before: weekdays_before(first_day) + delta_before,
                delta_before,
            });
            delta_before += i64::from(count) - weekdays;
        }
        let first_year = tables.first().map_or(0, |t| t.year);
        let last_year = tables.last().map_or(-1, |t| t.year);
        let mut year_pos = Vec::new();
        let mut pos = 0usize;
        for year in first_year..=last_year {
            while tables[pos].year < year {
                pos += 1;
            }
            year_pos.push(pos as u32);
        }
        WorkCalendar {
            years,
            tables,
            year_pos,
            first_year,
            delta_after: delta_before,
        }
    }

    /// Years with an official schedule, ascending.
    pub fn published_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    pub fn schedule(&self, year: i32) -> Option<&YearSchedule> {
        self.years.get(&year)
    }

    pub fn is_published(&self, year: i32) -> bool {
        self.table(year).is_some()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.table(d.year()) {
            Some(t) => {
                let o = d.ordinal0() as usize;
                t.cum[o + 1] > t.cum[o]
            }
            None => !is_weekend(d),
        }
    }

    /// The n-th working day after `from` (start day excluded); `n = 0` gives `from` itself.
    /// Saturates at chrono's last date.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return from;
        }
        self.date_of_rank(self.rank(from) + i64::from(n))
    }

    /// Working days d with `from < d <= to`; 0 when `to <= from`.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let diff = self.rank(to) - self.rank(from);
        u32::try_from(diff.max(0)).unwrap_or(u32::MAX)
    }

    /// True when a year between the two dates (either order) has no published schedule.
    pub fn is_provisional_span(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (lo, hi) = (from.year().min(to.year()), from.year().max(to.year()));
        let published = self.pos(hi.saturating_add(1)) - self.pos(lo);
        published as i64 != i64::from(hi) - i64::from(lo) + 1
    }

    /// Signed count of working days up to and including `d` from a fixed origin. Differences of
    /// ranks count working days; a non-working day has the rank of the working day before it.
    pub fn rank(&self, d: NaiveDate) -> i64 {
        match self.tables.get(self.pos(d.year())) {
            Some(t) if t.year == d.year() => {
                t.rank_before + i64::from(t.cum[d.ordinal0() as usize + 1])
            }
            Some(t) => weekdays_before(day_index(d) + 1) + t.delta_before,
            None => weekdays_before(day_index(d) + 1) + self.delta_after,
        }
    }

    /// The first date whose rank is `r`: always a working day. Saturates at chrono's range.
    pub fn date_of_rank(&self, r: i64) -> NaiveDate {
        // The (r - delta)-th weekday in Monday–Friday counting, as a day index.
        let mon_fri = |delta: i64| {
            let t = r - delta - 1;
            7 * t.div_euclid(5) + t.rem_euclid(5)
        };
        // Guess the year, then step to the first published year not wholly before rank r.
        let guess = mon_fri(0).saturating_mul(400).div_euclid(146_097) + 1;
        let mut pos = self.pos(i32::try_from(guess).unwrap_or(i32::MAX));
        let end = |t: &YearTable| t.rank_before + t.nth.len() as i64;
        while pos > 0 && end(&self.tables[pos - 1]) >= r {
            pos -= 1;
        }
        while pos < self.tables.len() && end(&self.tables[pos]) < r {
            pos += 1;
        }
        let delta = match self.tables.get(pos) {
            Some(t) if t.rank_before < r => {
                let ordinal = u32::from(t.nth[(r - t.rank_before - 1) as usize]) + 1;
                return NaiveDate::from_yo_opt(t.year, ordinal).unwrap_or(NaiveDate::MAX);
            }
            Some(t) => t.delta_before,
            None => self.delta_after,
        };
        from_day_index(mon_fri(delta))
    }

    /// Position in `tables` of the first published year ≥ `year`.
    fn pos(&self, year: i32) -> usize {
        let offset = i64::from(year) - i64::from(self.first_year);
        if offset < 0 {
            return 0;
        }
        let pos = usize::try_from(offset)
            .ok()
            .and_then(|o| self.year_pos.get(o));
        pos.map_or(self.tables.len(), |&p| p as usize)
    }

    fn table(&self, year: i32) -> Option<&YearTable> {
        self.tables.get(self.pos(year)).filter(|t| t.year == year)
    }
}

fn schedule_says_working(s: &YearSchedule, d: NaiveDate) -> bool {
    if s.workdays.contains(&d) {
        true
    } else if s.holidays.contains(&d) {
        false
    } else {
        !is_weekend(d)
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Days since 0001-01-01, a Monday, so `index mod 7` is the weekday (0 = Monday).
fn day_index(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - 1
}

fn from_day_index(k: i64) -> NaiveDate {
    i32::try_from(k + 1)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(if k < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Monday–Friday days among day indices `[0, k)`, negative for `k < 0`, so that differences
/// count weekdays in any half-open range.
fn weekdays_before(k: i64) -> i64 {
    5 * k.div_euclid(7) + k.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests;
