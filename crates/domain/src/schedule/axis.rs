//! Dates ⇄ working-day indices of one project. Index `i` is `start_date` + i working days;
//! a date maps to `rank(date) − rank(start_date)`, so dates before the start are negative and
//! a non-working day shares the index of the working day before it.

use chrono::NaiveDate;

use super::super::calendar::WorkCalendar;

pub(super) struct Axis<'a> {
    cal: &'a WorkCalendar,
    start: NaiveDate,
    base: i64,
    /// Dates of indices `lo..lo + dates.len()`, filled by walking the calendar once: far
    /// cheaper than converting every index of a large schedule separately.
    lo: i64,
    dates: Vec<NaiveDate>,
}

impl<'a> Axis<'a> {
    pub(super) fn new(cal: &'a WorkCalendar, start: NaiveDate) -> Axis<'a> {
        let base = cal.rank(start);
        Axis {
            cal,
            start,
            base,
            lo: 0,
            dates: Vec::new(),
        }
    }

    pub(super) fn index(&self, d: NaiveDate) -> i64 {
        self.cal.rank(d) - self.base
    }

    pub(super) fn date(&self, i: i64) -> NaiveDate {
        let cached = usize::try_from(i - self.lo)
            .ok()
            .and_then(|k| self.dates.get(k));
        match cached {
            Some(d) => *d,
            None if i == 0 => self.start,
            None => self.cal.date_of_rank(self.base + i),
        }
    }

    /// Precomputes the dates of indices `lo..=hi`, unless the range is larger than `limit`.
    pub(super) fn cache(&mut self, lo: i64, hi: i64, limit: usize) {
        let Some(len) = usize::try_from(hi - lo + 1).ok().filter(|l| *l <= limit) else {
            return;
        };
        let mut dates = Vec::with_capacity(len);
        let mut d = self.date(lo);
        dates.push(d);
        while dates.len() < len {
            match d.succ_opt() {
                Some(next) => d = next,
                None => return,
            }
            if self.cal.is_working_day(d) {
                dates.push(d);
            }
        }
        if let Some(zero) = usize::try_from(-lo).ok().and_then(|k| dates.get_mut(k)) {
            *zero = self.start;
        }
        (self.lo, self.dates) = (lo, dates);
    }
}
