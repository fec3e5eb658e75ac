use super::super::schedule::{schedule, Plan};
use super::super::step::StepStatus;
use super::super::test_support::{china, d, industrial, pending};
use super::{time_saved, PortfolioTimeSaved, TimeSaved};

/// The standard industrial route (baseline 0 + 20×7 + 30 + 15 + 7 = 192, statutory critical
/// path 142) with promised limits: pre-review 5, grant 10, land-use permit 5, EIA 15, energy
/// 10, design 5, works permit 5, drawings 5, construction permit 3, completion 10. Planned
/// chain: 0 + 5 + 10 + 5 + 5 + 5 + 5 = 35, + 3 = 38, + 10 = 48 (EIA and energy end by 15).
fn promised_industrial() -> TimeSaved {
    let (mut steps, edges) = industrial();
    let promised = [0, 5, 10, 5, 15, 10, 5, 5, 5, 3, 10];
    for (step, days) in steps.iter_mut().zip(promised) {
        step.limit_days = days;
    }
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps,
        edges,
    };
    let s = schedule(&china(), &plan, d("2026-03-02")).unwrap();
    time_saved(&china(), &plan, &s)
}

#[test]
fn a_planned_project_with_promised_limits() {
    // 2026-03-02 is 2026-01-01 + 38 working days.
    // Finish: + 48 = 01-01 + 86: March to 3-31 is +59, April 1–3 +62, 7–30 +80 (Qingming
    // 4-4…4-6 off), May 1–5 off, 5-6…5-8 +83, make-up Saturday 5-9 +84, 5-11 +85, 5-12 +86.
    // Baseline finish: + 192 = 01-01 + 230: 09-21 is +180 (see the schedule test), 9-22…9-24
    // +183, 9-28…9-30 +186, 10-8, 10-9 +188, make-up Saturday 10-10 +189, then five a week
    // to 11-27 +224, 11-30 +225, 12-1…12-4 +229, 12-7 +230.
    // Calendar days from 5-12 to 12-7: 19 + 30 + 31 + 31 + 30 + 31 + 30 + 7 = 209.
    let t = promised_industrial();
    assert_eq!(
        t,
        TimeSaved {
            baseline_days: 192,
            critical_path_statutory_days: 142,
            planned_days: 48,
            actual_days: None,
            projected_days: 48,
            saved_days: 144,
            saved_by_parallel_days: 50,
            saved_by_faster_agencies_days: 94,
            baseline_finish: d("2026-12-07"),
            finish: d("2026-05-12"),
            saved_calendar_days: 209,
            provisional: false,
        }
    );
}

/// a (statutory 10, promised 5) → b (20), both approved: a 3-2 → 3-6, b 3-9 → 3-20.
fn finished_chain() -> TimeSaved {
    let mut steps = vec![pending("a", 10), pending("b", 20)];
    steps[0].limit_days = 5;
    for (step, (from, to)) in steps
        .iter_mut()
        .zip([("2026-03-02", "2026-03-06"), ("2026-03-09", "2026-03-20")])
    {
        step.status = StepStatus::Approved;
        step.accepted_on = Some(d(from));
        step.finished_on = Some(d(to));
    }
    let plan = Plan {
        start_date: d("2026-03-02"),
        steps,
        edges: vec![(0, 1)],
    };
    let s = schedule(&china(), &plan, d("2026-04-01")).unwrap();
    time_saved(&china(), &plan, &s)
}

#[test]
fn a_finished_project() {
    // Actual: 3-3…3-6, 3-9…3-13, 3-16…3-20 = 14. Baseline 30: 3-2 + 30 = 4-14 (3-31 is +21,
    // 4-1…4-3 +24, 4-4…4-6 off, 4-7…4-10 +28, 4-13 +29, 4-14 +30); 3-20 → 4-14 = 25 days.
    let t = finished_chain();
    assert_eq!(
        t,
        TimeSaved {
            baseline_days: 30,
            critical_path_statutory_days: 30,
            planned_days: 25,
            actual_days: Some(14),
            projected_days: 14,
            saved_days: 16,
            saved_by_parallel_days: 0,
            saved_by_faster_agencies_days: 16,
            baseline_finish: d("2026-04-14"),
            finish: d("2026-03-20"),
            saved_calendar_days: 25,
            provisional: false,
        }
    );
}

#[test]
fn the_portfolio_sums_day_figures() {
    let (a, b) = (promised_industrial(), finished_chain());
    let total = TimeSaved::sum([&a, &b]);
    assert_eq!(
        total,
        PortfolioTimeSaved {
            projects: 2,
            baseline_days: 222,
            critical_path_statutory_days: 172,
            planned_days: 73,
            actual_days: None, // the industrial project is unfinished
            projected_days: 62,
            saved_days: 160,
            saved_by_parallel_days: 50,
            saved_by_faster_agencies_days: 110,
            saved_calendar_days: 234,
            provisional: false,
        }
    );
    assert_eq!(TimeSaved::sum([&b, &b]).actual_days, Some(28));
    assert_eq!(TimeSaved::sum([]), PortfolioTimeSaved::default());
}

#[test]
fn a_baseline_into_an_unpublished_year_is_provisional() {
    let plan = Plan {
        start_date: d("2026-11-02"),
        steps: vec![pending("a", 60)],
        edges: vec![],
    };
    let s = schedule(&china(), &plan, d("2026-11-02")).unwrap();
    let t = time_saved(&china(), &plan, &s);
    assert!(t.provisional);
    assert_eq!((t.saved_days, t.actual_days), (0, None));
}
