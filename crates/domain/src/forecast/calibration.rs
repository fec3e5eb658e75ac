//! A backtest's tally (docs/rules.md "Forecasts", Calibration): forecasts made as of a past
//! day, checked against the day each step or project really finished.

use chrono::NaiveDate;

use super::Range;
use crate::calendar::WorkCalendar;

/// How forecasts made in the past fared. A forecast is checked against a percentile once
/// its outcome is known: when it finished, or when it is still open past that date (a known
/// miss). Leaving out the open ones would keep only the quick and flatter the forecasts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calibration {
    /// Forecasts whose real day is known.
    pub checked: u32,
    p50: Tally,
    p80: Tally,
    /// Working days between P50 and the real day, summed.
    forecast_error: u64,
    /// Working days between the schedule's date and the real day, summed.
    schedule_error: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tally {
    known: u32,
    within: u32,
}

impl Tally {
    fn share(self) -> f64 {
        if self.known == 0 {
            0.0
        } else {
            f64::from(self.within) / f64::from(self.known)
        }
    }
}

impl Calibration {
    /// One forecast `range` and the schedule's `scheduled` date, against the `actual` day.
    pub fn add(
        &mut self,
        cal: &WorkCalendar,
        actual: NaiveDate,
        range: Range,
        scheduled: NaiveDate,
    ) {
        let apart = |d: NaiveDate| (cal.rank(d) - cal.rank(actual)).unsigned_abs();
        self.checked += 1;
        for (t, p) in [(&mut self.p50, range.p50), (&mut self.p80, range.p80)] {
            t.known += 1;
            t.within += u32::from(actual <= p);
        }
        self.forecast_error += apart(range.p50);
        self.schedule_error += apart(scheduled);
    }

    /// One forecast still open on `today`: a miss of each percentile already passed.
    pub fn add_open(&mut self, range: Range, today: NaiveDate) {
        for (t, p) in [(&mut self.p50, range.p50), (&mut self.p80, range.p80)] {
            t.known += u32::from(today > p);
        }
    }

    fn mean(&self, sum: u64) -> f64 {
        if self.checked == 0 {
            0.0
        } else {
            sum as f64 / f64::from(self.checked)
        }
    }

    /// The share that finished on or before their P50 (ideal 0.5).
    pub fn p50_coverage(&self) -> f64 {
        self.p50.share()
    }

    /// The share that finished on or before their P80 (ideal 0.8; honest within 0.75–0.85).
    pub fn p80_coverage(&self) -> f64 {
        self.p80.share()
    }

    /// Mean absolute error of P50 over the finished ones, in working days.
    pub fn mae_forecast_days(&self) -> f64 {
        self.mean(self.forecast_error)
    }

    /// Mean absolute error of the law's schedule over the finished ones, in working days.
    pub fn mae_schedule_days(&self) -> f64 {
        self.mean(self.schedule_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{china, d};

    #[test]
    fn coverage_and_errors_are_counted_in_working_days() {
        let cal = china();
        let mut c = Calibration::default();
        let r = Range {
            p50: d("2026-03-10"),
            p80: d("2026-03-17"),
        };
        // On P50 (covered by both), 5 working days late for the schedule (03-03).
        c.add(&cal, d("2026-03-10"), r, d("2026-03-03"));
        // Between P50 and P80: 3 working days after P50, schedule exact.
        c.add(&cal, d("2026-03-13"), r, d("2026-03-13"));
        // After P80: Monday 03-23 is 9 working days after 03-10; the schedule 0.
        c.add(&cal, d("2026-03-23"), r, d("2026-03-23"));
        // Before: Friday 03-06 is 2 working days before 03-10; schedule 03-03 is 3 before.
        c.add(&cal, d("2026-03-06"), r, d("2026-03-03"));
        assert_eq!(c.checked, 4);
        assert_eq!(c.p50_coverage(), 0.5);
        assert_eq!(c.p80_coverage(), 0.75);
        // (0 + 3 + 9 + 2) / 4 and (5 + 0 + 0 + 3) / 4.
        assert_eq!(c.mae_forecast_days(), 3.5);
        assert_eq!(c.mae_schedule_days(), 2.0);
        assert_eq!(Calibration::default().p80_coverage(), 0.0);
        // Still open on 03-20: past P50 (03-10) and P80 (03-17), a miss of both; open on
        // 03-12, past P50 only; open on 03-09, nothing known yet.
        c.add_open(r, d("2026-03-20"));
        c.add_open(r, d("2026-03-12"));
        c.add_open(r, d("2026-03-09"));
        assert_eq!(c.p50_coverage(), 2.0 / 6.0);
        assert_eq!(c.p80_coverage(), 3.0 / 5.0);
        assert_eq!(c.checked, 4);
        assert_eq!(c.mae_forecast_days(), 3.5);
    }
}
