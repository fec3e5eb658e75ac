//! Shared test fixtures: the official 2025 and 2026 schedules of docs/rules.md.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::calendar::{WorkCalendar, YearSchedule};
use super::schedule::PlanStep;
use super::step::{StepKey, StepStatus};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn days(year: i32, spans: &[(&str, &str)]) -> BTreeSet<NaiveDate> {
    let mut out = BTreeSet::new();
    for (from, to) in spans {
        let (from, to) = (d(&format!("{year}-{from}")), d(&format!("{year}-{to}")));
        out.extend(from.iter_days().take_while(|x| *x <= to));
    }
    out
}

pub fn year_2025() -> YearSchedule {
    let holidays = days(
        2025,
        &[
            ("01-01", "01-01"),
            ("01-28", "02-04"),
            ("04-04", "04-06"),
            ("05-01", "05-05"),
            ("05-31", "06-02"),
            ("10-01", "10-08"),
        ],
    );
    let workdays = ["01-26", "02-08", "04-27", "09-28", "10-11"];
    let workdays = workdays.iter().map(|x| d(&format!("2025-{x}"))).collect();
    YearSchedule::new(2025, holidays, workdays).expect("2025 schedule")
}

pub fn year_2026() -> YearSchedule {
    let holidays = days(
        2026,
        &[
            ("01-01", "01-03"),
            ("02-15", "02-23"),
            ("04-04", "04-06"),
            ("05-01", "05-05"),
            ("06-19", "06-21"),
            ("09-25", "09-27"),
            ("10-01", "10-07"),
        ],
    );
    let workdays = ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"];
    let workdays = workdays.iter().map(|x| d(&format!("2026-{x}"))).collect();
    YearSchedule::new(2026, holidays, workdays).expect("2026 schedule")
}

/// The official calendar with 2025 and 2026 published; other years fall back to Monday–Friday.
pub fn china() -> WorkCalendar {
    WorkCalendar::new(BTreeMap::from([(2025, year_2025()), (2026, year_2026())]))
}

pub fn pending(key: &str, days: u32) -> PlanStep {
    PlanStep {
        key: StepKey::parse(key).expect("key"),
        statutory_days: days,
        limit_days: days,
        status: StepStatus::Pending,
        accepted_on: None,
        due_on: None,
        finished_on: None,
        waived_on: None,
    }
}

/// docs/rules.md's standard industrial route at statutory speed (EIA report form: 30 days,
/// large drawing review: 15 days). The longest chain is filing 0 → land pre-review 20 →
/// land grant 20 → land-use permit 20 → design 20 → works permit 20 → drawings 15 →
/// construction permit 7 → completion 20 = 142; EIA (30) and energy (20) run beside it.
pub fn industrial() -> (Vec<PlanStep>, Vec<(usize, usize)>) {
    let steps = vec![
        pending("filing", 0),              // 0
        pending("land-prereview", 20),     // 1
        pending("land-grant", 20),         // 2
        pending("land-use-permit", 20),    // 3
        pending("eia", 30),                // 4
        pending("energy", 20),             // 5
        pending("design", 20),             // 6
        pending("works-permit", 20),       // 7
        pending("drawings", 15),           // 8
        pending("construction-permit", 7), // 9
        pending("completion", 20),         // 10
    ];
    let edges = vec![
        (0, 1),
        (1, 2),
        (2, 3),
        (0, 4),
        (0, 5),
        (3, 6),
        (6, 7),
        (7, 8),
        (8, 9),
        (4, 9),
        (5, 9),
        (9, 10),
    ];
    (steps, edges)
}
