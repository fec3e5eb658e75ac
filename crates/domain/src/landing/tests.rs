use super::*;
use crate::test_support::d;

#[test]
fn codes_are_checked_for_shape_only() {
    assert!(ProjectCode::parse("2019-310117-04-01-000123").is_ok());
    assert_eq!(
        ProjectCode::parse(" 2026-310117-35-02-004512 ").map(|c| c.as_str().to_string()),
        Ok("2026-310117-35-02-004512".to_string())
    );
    for bad in [
        "2019-310117-04-01-00012",
        "2019-31011-04-01-000123",
        "2019-310117-04-01-00012A",
        "2019310117-04-01-000123",
        "2019-310117-04-01-000123-1",
        "",
    ] {
        assert!(ProjectCode::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn actual_days_follow_the_milestones_order() {
    use Milestone::*;
    let ok = [
        (Signed, Some(d("2026-01-05"))),
        (Land, None),
        (Started, Some(d("2026-03-01"))),
    ];
    assert_eq!(check_order(&ok), Ok(()));
    let same_day = [
        (Signed, Some(d("2026-01-05"))),
        (Land, Some(d("2026-01-05"))),
    ];
    assert_eq!(check_order(&same_day), Ok(()));
    let bad = [
        (Signed, Some(d("2026-02-05"))),
        (Land, None),
        (Started, Some(d("2026-01-31"))),
    ];
    assert_eq!(
        check_order(&bad),
        Err(OutOfOrder {
            earlier: Signed,
            later: Started
        })
    );
}

#[test]
fn the_start_deadline_is_three_months_per_period() {
    // Approved 2026-03-10: 3 months → 06-10; one extension → 09-10; two → 12-10.
    assert_eq!(
        permit_start_deadline(d("2026-03-10"), 0),
        Some(d("2026-06-10"))
    );
    assert_eq!(
        permit_start_deadline(d("2026-03-10"), 1),
        Some(d("2026-09-10"))
    );
    assert_eq!(
        permit_start_deadline(d("2026-03-10"), 2),
        Some(d("2026-12-10"))
    );
    // Each extension runs from the deadline it extends: issued 03-31 → 06-30 → 09-30 →
    // 12-30 (the clamped 30th carries on; 9 months from the issue would be 12-31).
    assert_eq!(
        permit_start_deadline(d("2026-03-31"), 0),
        Some(d("2026-06-30"))
    );
    assert_eq!(
        permit_start_deadline(d("2026-03-31"), 1),
        Some(d("2026-09-30"))
    );
    assert_eq!(
        permit_start_deadline(d("2026-03-31"), 2),
        Some(d("2026-12-30"))
    );
    // A month end stays within its month: 11-30 + 3 months = 02-28.
    assert_eq!(
        permit_start_deadline(d("2026-11-30"), 0),
        Some(d("2027-02-28"))
    );
}

#[test]
fn a_permit_lapses_the_day_after_its_deadline_without_a_start() {
    let deadline = d("2026-12-30");
    assert!(!permit_lapsed(deadline, None, d("2026-12-30")));
    assert!(permit_lapsed(deadline, None, d("2026-12-31")));
    // Started on the deadline: in time. Recorded as started after it: lapsed all the same.
    assert!(!permit_lapsed(
        deadline,
        Some(d("2026-12-30")),
        d("2027-01-05")
    ));
    assert!(permit_lapsed(
        deadline,
        Some(d("2027-01-04")),
        d("2027-01-05")
    ));
}

#[test]
fn reminders_come_30_and_7_days_before() {
    let deadline = d("2026-09-10");
    assert!(permit_reminders_due(deadline, d("2026-08-10")).is_empty()); // 31 days left
    assert_eq!(permit_reminders_due(deadline, d("2026-08-11")), vec![30]);
    assert_eq!(permit_reminders_due(deadline, d("2026-09-03")), vec![30, 7]);
    assert!(permit_reminders_due(deadline, d("2026-09-11")).is_empty());
}

#[test]
fn signing_to_permit_in_calendar_and_working_days() {
    let cal = crate::test_support::china();
    // Monday 2026-03-02 to Monday 2026-03-16: 14 calendar days, 10 working days.
    assert_eq!(
        signing_to_permit(d("2026-03-02"), d("2026-03-16"), &cal),
        Some(SigningToPermit {
            calendar_days: 14,
            working_days: 10
        })
    );
    assert_eq!(
        signing_to_permit(d("2026-03-16"), d("2026-03-02"), &cal),
        None
    );
    // 180 - 39 = 141 days = 4.7 months.
    assert_eq!(months_saved(180, 39.0), 4.7);
}

#[test]
fn medians_and_cumulative_months() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[40, 10, 30]), Some(30.0));
    assert_eq!(median(&[40, 10, 30, 20]), Some(25.0));
    let days = [
        d("2026-01-20"),
        d("2026-03-01"),
        d("2026-03-31"),
        d("2025-03-01"),
    ];
    assert_eq!(
        cumulative_by_month(&days, 2026),
        [1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]
    );
    assert!(at_risk(Some(d("2026-07-01")), d("2026-06-30")));
    assert!(!at_risk(Some(d("2026-06-30")), d("2026-06-30")));
    assert!(!at_risk(None, d("2026-06-30")));
}
