use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use super::super::test_support::{china, d, year_2025};
use super::{CalendarError, WorkCalendar, YearSchedule};

/// Day-by-day reference, independent of the rank tables.
fn slow_is_working(cal: &WorkCalendar, x: NaiveDate) -> bool {
    match cal.schedule(x.year()) {
        Some(s) if s.workdays.contains(&x) => true,
        Some(s) if s.holidays.contains(&x) => false,
        _ => !matches!(x.weekday(), Weekday::Sat | Weekday::Sun),
    }
}

fn slow_add(cal: &WorkCalendar, from: NaiveDate, n: u32) -> NaiveDate {
    let mut x = from;
    let mut left = n;
    while left > 0 {
        x = x.succ_opt().expect("date");
        if slow_is_working(cal, x) {
            left -= 1;
        }
    }
    x
}

#[test]
fn official_years_have_248_working_days() {
    let cal = china();
    assert_eq!(
        cal.working_days_after(d("2024-12-31"), d("2025-12-31")),
        248
    );
    assert_eq!(
        cal.working_days_after(d("2025-12-31"), d("2026-12-31")),
        248
    );
}

#[test]
fn check_values_of_domain_md() {
    let cal = china();
    assert_eq!(cal.add_working_days(d("2026-02-09"), 10), d("2026-02-28"));
    assert_eq!(cal.add_working_days(d("2025-04-25"), 5), d("2025-05-06"));
    assert_eq!(cal.add_working_days(d("2026-09-21"), 20), d("2026-10-26"));
    assert_eq!(cal.add_working_days(d("2026-01-01"), 120), d("2026-06-30"));
}

#[test]
fn zero_days_is_the_start_day_even_off_work() {
    let cal = china();
    assert_eq!(cal.add_working_days(d("2026-02-15"), 0), d("2026-02-15"));
    assert_eq!(cal.add_working_days(d("2026-03-02"), 0), d("2026-03-02"));
}

#[test]
fn holidays_and_make_up_days() {
    let cal = china();
    assert!(!cal.is_working_day(d("2026-10-01"))); // Thursday, National Day
    assert!(cal.is_working_day(d("2026-10-10"))); // Saturday, make-up
    assert!(!cal.is_working_day(d("2026-10-11"))); // plain Sunday
    assert!(cal.is_working_day(d("2026-10-09"))); // Friday
    assert!(cal.is_working_day(d("2025-01-26"))); // Sunday, make-up
}

#[test]
fn unpublished_year_falls_back_to_monday_to_friday() {
    let cal = china();
    assert!(!cal.is_published(2027));
    assert!(cal.is_published(2026));
    assert!(cal.is_working_day(d("2027-01-01"))); // a Friday, no schedule
    assert_eq!(cal.add_working_days(d("2026-12-31"), 1), d("2027-01-01"));
    assert_eq!(cal.add_working_days(d("2027-01-01"), 1), d("2027-01-04"));
    assert_eq!(cal.working_days_after(d("2027-01-01"), d("2027-01-31")), 20);
    assert!(cal.is_provisional_span(d("2026-12-01"), d("2027-01-05")));
    assert!(!cal.is_provisional_span(d("2025-01-01"), d("2026-12-31")));
    assert!(cal.is_provisional_span(d("2024-12-31"), d("2025-01-02")));
    assert_eq!(cal.published_years().collect::<Vec<_>>(), vec![2025, 2026]);
}

#[test]
fn counting_is_empty_backwards() {
    let cal = china();
    assert_eq!(cal.working_days_after(d("2026-03-10"), d("2026-03-02")), 0);
    assert_eq!(cal.working_days_after(d("2026-03-10"), d("2026-03-10")), 0);
}

#[test]
fn far_ranges_match_the_reference() {
    let cal = china();
    let from = d("2019-06-15");
    for n in [1, 500, 1000, 2500] {
        assert_eq!(
            cal.add_working_days(from, n),
            slow_add(&cal, from, n),
            "n = {n}"
        );
    }
    // A gap between published years.
    let gap = WorkCalendar::new(BTreeMap::from([
        (2025, year_2025()),
        (2027, synthetic_year(2027)),
    ]));
    let from = d("2024-11-20");
    for n in [30, 300, 600, 800] {
        let to = gap.add_working_days(from, n);
        assert_eq!(to, slow_add(&gap, from, n), "n = {n}");
        assert_eq!(gap.working_days_after(from, to), n);
    }
}

/// An arbitrary, valid schedule for another year (first Monday off, first Saturday on).
fn synthetic_year(year: i32) -> YearSchedule {
    let jan = NaiveDate::from_ymd_opt(year, 1, 1).expect("date");
    let mon = jan
        .iter_days()
        .find(|x| x.weekday() == Weekday::Mon)
        .expect("monday");
    let sat = jan
        .iter_days()
        .find(|x| x.weekday() == Weekday::Sat)
        .expect("saturday");
    YearSchedule::new(year, BTreeSet::from([mon]), BTreeSet::from([sat])).expect("schedule")
}

#[test]
fn schedule_validation_names_the_bad_date() {
    let err = YearSchedule::new(2026, BTreeSet::new(), BTreeSet::from([d("2026-03-02")]));
    assert_eq!(err, Err(CalendarError::WorkdayNotWeekend(d("2026-03-02"))));
    assert_eq!(
        err.unwrap_err().to_string(),
        "2026-03-02 is not a Saturday or Sunday; a make-up working day must be"
    );
    let err = YearSchedule::new(2026, BTreeSet::from([d("2025-10-01")]), BTreeSet::new());
    assert_eq!(
        err,
        Err(CalendarError::OutsideYear {
            date: d("2025-10-01"),
            year: 2026
        })
    );
    let both = BTreeSet::from([d("2026-02-28")]);
    let err = YearSchedule::new(2026, both.clone(), both);
    assert_eq!(err, Err(CalendarError::HolidayAndWorkday(d("2026-02-28"))));
}

#[test]
fn empty_calendar_is_monday_to_friday() {
    let cal = WorkCalendar::default();
    assert_eq!(cal.add_working_days(d("2026-02-13"), 1), d("2026-02-16"));
    assert_eq!(cal.add_working_days(d("2026-02-14"), 1), d("2026-02-16"));
    assert_eq!(cal.working_days_after(d("2026-02-13"), d("2026-02-16")), 1);
    assert_eq!(cal.rank(d("2026-02-14")), cal.rank(d("2026-02-13")));
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(4 * 366)).prop_map(|k| d("2024-01-01") + chrono::Duration::days(k))
}

/// A calendar publishing the chosen years of 2018–2045, each with `off` weekday holidays
/// (every 23rd day from a seed) and a make-up Saturday or Sunday for each third of them.
fn scattered(chosen: &[(i32, u32)]) -> WorkCalendar {
    let mut years = BTreeMap::new();
    for &(year, off) in chosen {
        let jan = NaiveDate::from_ymd_opt(year, 1, 1).expect("date");
        let days: Vec<NaiveDate> = jan.iter_days().take_while(|x| x.year() == year).collect();
        let weekend = |x: &&NaiveDate| matches!(x.weekday(), Weekday::Sat | Weekday::Sun);
        let holidays: BTreeSet<NaiveDate> = days
            .iter()
            .filter(|x| !weekend(x))
            .step_by(23)
            .take(off as usize)
            .copied()
            .collect();
        let workdays: BTreeSet<NaiveDate> = days
            .iter()
            .filter(weekend)
            .step_by(29)
            .take(off as usize / 3)
            .copied()
            .collect();
        years.insert(
            year,
            YearSchedule::new(year, holidays, workdays).expect("schedule"),
        );
    }
    WorkCalendar::new(years)
}

proptest! {
    #[test]
    fn scattered_published_years_match_the_reference(
        chosen in proptest::collection::btree_map(2018i32..2046, 0u32..12, 0..10),
        start in 0i64..(36 * 365),
        n in 0u32..3000,
    ) {
        let chosen: Vec<(i32, u32)> = chosen.into_iter().collect();
        let cal = scattered(&chosen);
        let from = d("2015-01-01") + chrono::Duration::days(start);
        let to = cal.add_working_days(from, n);
        prop_assert_eq!(to, slow_add(&cal, from, n));
        prop_assert_eq!(cal.working_days_after(from, to), n);
        let years = from.year()..=to.year();
        let provisional = years.clone().any(|y| !chosen.iter().any(|(c, _)| *c == y));
        prop_assert_eq!(cal.is_provisional_span(from, to), provisional);
        prop_assert_eq!(cal.is_provisional_span(to, from), provisional);
    }

    #[test]
    fn add_and_count_are_inverse(from in any_date(), n in 0u32..400) {
        let cal = china();
        let to = cal.add_working_days(from, n);
        prop_assert_eq!(cal.working_days_after(from, to), n);
        if n > 0 {
            prop_assert!(cal.is_working_day(to));
        }
        prop_assert_eq!(to, slow_add(&cal, from, n));
    }

    #[test]
    fn add_is_monotone(from in any_date(), n in 0u32..400) {
        let cal = china();
        prop_assert!(cal.add_working_days(from, n) < cal.add_working_days(from, n + 1));
    }

    #[test]
    fn is_working_day_matches_reference(x in any_date()) {
        let cal = china();
        prop_assert_eq!(cal.is_working_day(x), slow_is_working(&cal, x));
    }
}
