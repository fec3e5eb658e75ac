//! Hand-worked examples on the official 2026 calendar. March 2026 has no holidays:
//! Mon 2 … Fri 6, Mon 9 … Fri 13, Mon 16 … Fri 20, Mon 23 … Fri 27, Mon 30, Tue 31.

use super::super::step::{Action as A, StepStatus as S};
use super::super::test_support::{china, d};
use super::{reaches_yellow, read_clock, yellow_after, EpisodeEvent, Light, StepClock};

fn ev(list: &[(A, &str)]) -> Vec<EpisodeEvent> {
    list.iter()
        .map(|(action, on)| EpisodeEvent {
            action: *action,
            on: d(on),
        })
        .collect()
}

fn clock(status: S, limit: u32, events: &[(A, &str)], today: &str) -> StepClock {
    read_clock(&china(), status, limit, &ev(events), d(today), 5)
}

#[test]
fn in_review_counts_from_the_day_after_acceptance() {
    // Accepted Mon 3-2; days 3,4,5,6,9 have passed by Mon 3-9. Due: 3-2 + 10 = Mon 3-16.
    let c = clock(S::InReview, 10, &[(A::Accept, "2026-03-02")], "2026-03-09");
    assert_eq!(c.accepted_on, Some(d("2026-03-02")));
    assert_eq!(c.due_on, Some(d("2026-03-16")));
    assert_eq!((c.elapsed_days, c.paused_days, c.statutory_used), (5, 0, 5));
    assert_eq!(c.light, Some(Light::Green));
    assert!(!c.stalled && !c.provisional && c.finished_on.is_none());
}

#[test]
fn light_boundaries_of_a_ten_day_limit() {
    let at = |today| clock(S::InReview, 10, &[(A::Accept, "2026-03-02")], today).light;
    assert_eq!(at("2026-03-11"), Some(Light::Green)); // day 7
    assert_eq!(at("2026-03-12"), Some(Light::Yellow)); // day 8 = ⌈0.8 × 10⌉
    assert_eq!(at("2026-03-14"), Some(Light::Yellow)); // Saturday, still day 9
    assert_eq!(at("2026-03-16"), Some(Light::Yellow)); // day 10: the due day is not red
    assert_eq!(at("2026-03-17"), Some(Light::Red)); // past the due date
}

#[test]
fn short_and_zero_limits() {
    let one = |today| clock(S::InReview, 1, &[(A::Accept, "2026-03-02")], today);
    assert_eq!(one("2026-03-02").light, Some(Light::Green));
    assert_eq!(one("2026-03-03").light, Some(Light::Yellow)); // its last day
    assert_eq!(one("2026-03-04").light, Some(Light::Red));
    let four = |today| clock(S::InReview, 4, &[(A::Accept, "2026-03-02")], today).light;
    assert_eq!(four("2026-03-05"), Some(Light::Green)); // day 3
    assert_eq!(four("2026-03-06"), Some(Light::Yellow)); // day 4, the last
    let zero = |today| clock(S::InReview, 0, &[(A::Accept, "2026-03-02")], today);
    assert_eq!(zero("2026-03-02").due_on, Some(d("2026-03-02")));
    assert_eq!(zero("2026-03-02").light, Some(Light::Green)); // never yellow
    assert_eq!(zero("2026-03-03").light, Some(Light::Red));
}

#[test]
fn a_pause_from_friday_to_tuesday_is_two_days() {
    // Requested Fri 3-6, resubmitted Tue 3-10: Mon 9 and Tue 10 are paused.
    // Elapsed by Thu 3-12: 3,4,5,6,9,10,11,12 = 8; statutory 8 − 2 = 6 (green).
    // Due: 3-2 + (10 + 2) = Wed 3-18.
    let events = [
        (A::Accept, "2026-03-02"),
        (A::RequestMaterials, "2026-03-06"),
        (A::Resubmit, "2026-03-10"),
    ];
    let c = clock(S::InReview, 10, &events, "2026-03-12");
    assert_eq!((c.elapsed_days, c.paused_days, c.statutory_used), (8, 2, 6));
    assert_eq!(c.due_on, Some(d("2026-03-18")));
    assert_eq!(c.light, Some(Light::Green));
}

#[test]
fn a_pause_across_qingming() {
    // Accepted Mon 3-30; requested Fri 4-3; 4-4…4-6 (Sat–Mon) are off; resubmitted Wed 4-8:
    // paused 4-7, 4-8 = 2. By Fri 4-10 elapsed: 3-31, 4-1, 4-2, 4-3, 4-7, 4-8, 4-9, 4-10 = 8.
    // Due: 3-30 + 12 = 3-31(1) 4-1 4-2 4-3(4) 4-7 … 4-10(8) 4-13 4-14 4-15 4-16(12).
    let events = [
        (A::Accept, "2026-03-30"),
        (A::RequestMaterials, "2026-04-03"),
        (A::Resubmit, "2026-04-08"),
    ];
    let c = clock(S::InReview, 10, &events, "2026-04-10");
    assert_eq!((c.elapsed_days, c.paused_days, c.statutory_used), (8, 2, 6));
    assert_eq!(c.due_on, Some(d("2026-04-16")));
    // Still paused on Thu 4-9: paused 4-7, 4-8, 4-9 = 3, the due date moves to 4-17.
    let c = clock(S::AwaitingApplicant, 10, &events[..2], "2026-04-09");
    assert_eq!((c.elapsed_days, c.paused_days, c.statutory_used), (7, 3, 4));
    assert_eq!(c.due_on, Some(d("2026-04-17")));
    assert_eq!(c.light, None);
    assert!(!c.stalled);
}

#[test]
fn spring_festival_does_not_count() {
    // Accepted Thu 2-12; 2-13 (Fri) and 2-14 (make-up Sat) count, 2-15…2-23 are off.
    // By Tue 2-24: 3 days. Due: 2-13, 2-14, 2-24, 2-25, 2-26 → Thu 2-26.
    let c = clock(S::InReview, 5, &[(A::Accept, "2026-02-12")], "2026-02-24");
    assert_eq!(c.elapsed_days, 3);
    assert_eq!(c.due_on, Some(d("2026-02-26")));
    assert_eq!(c.light, Some(Light::Green)); // yellow from day 4 = ⌈0.8 × 5⌉
}

#[test]
fn stalled_after_more_than_five_paused_days() {
    // Requested Mon 3-2: by Mon 3-9, 3,4,5,6,9 = 5 paused days; Tue 3-10 makes 6.
    let events = [
        (A::Accept, "2026-03-02"),
        (A::RequestMaterials, "2026-03-02"),
    ];
    let at = |today| clock(S::AwaitingApplicant, 10, &events, today);
    assert_eq!(at("2026-03-09").paused_days, 5);
    assert!(!at("2026-03-09").stalled);
    assert!(at("2026-03-10").stalled);
    // An earlier, closed pause does not count towards the current one.
    let events = [
        (A::Accept, "2026-03-02"),
        (A::RequestMaterials, "2026-03-02"),
        (A::Resubmit, "2026-03-06"), // 3, 4, 5, 6 = 4 days
        (A::RequestMaterials, "2026-03-09"),
    ];
    let c = clock(S::AwaitingApplicant, 10, &events, "2026-03-13"); // 10 … 13 = 4 days
    assert_eq!(c.paused_days, 8);
    assert!(!c.stalled);
}

#[test]
fn approval_stops_the_clocks() {
    // Paused 3-5, 3-6, 3-9 = 3; elapsed to 3-11: 3,4,5,6,9,10,11 = 7; statutory 4.
    // Due: 3-2 + 13 = 3-19 (3-16 is the 10th day).
    let events = [
        (A::Accept, "2026-03-02"),
        (A::RequestMaterials, "2026-03-04"),
        (A::Resubmit, "2026-03-09"),
        (A::Approve, "2026-03-11"),
    ];
    let c = clock(S::Approved, 10, &events, "2026-04-30");
    assert_eq!((c.elapsed_days, c.paused_days, c.statutory_used), (7, 3, 4));
    assert_eq!(c.finished_on, Some(d("2026-03-11")));
    assert_eq!(c.due_on, Some(d("2026-03-19")));
    assert_eq!(c.light, None);
}

#[test]
fn rejection_then_reacceptance_starts_fresh_clocks() {
    let rejected = [(A::Accept, "2026-03-02"), (A::Reject, "2026-03-06")];
    let c = clock(S::Rejected, 10, &rejected, "2026-03-13");
    assert_eq!(c.finished_on, Some(d("2026-03-06")));
    assert_eq!(c.elapsed_days, 4);
    assert_eq!(c.light, None);
    // Accepted again Mon 3-16: by Wed 3-18 two days; due 3-16 + 10 = Mon 3-30.
    let again = [rejected[0], rejected[1], (A::Accept, "2026-03-16")];
    let c = clock(S::InReview, 10, &again, "2026-03-18");
    assert_eq!(c.accepted_on, Some(d("2026-03-16")));
    assert_eq!((c.elapsed_days, c.finished_on), (2, None));
    assert_eq!(c.due_on, Some(d("2026-03-30")));
}

#[test]
fn pending_waived_and_reopened_have_no_clocks() {
    assert_eq!(
        clock(S::Pending, 10, &[], "2026-03-02"),
        StepClock::default()
    );
    let c = clock(S::Waived, 10, &[(A::Waive, "2026-03-05")], "2026-03-20");
    assert_eq!(
        c,
        StepClock {
            finished_on: Some(d("2026-03-05")),
            ..StepClock::default()
        }
    );
    let reopened = [
        (A::Accept, "2026-03-02"),
        (A::Approve, "2026-03-04"),
        (A::Reopen, "2026-03-10"),
    ];
    assert_eq!(
        clock(S::Pending, 10, &reopened, "2026-03-12"),
        StepClock::default()
    );
    let again = [
        reopened[0],
        reopened[1],
        reopened[2],
        (A::Accept, "2026-03-12"),
    ];
    let c = clock(S::InReview, 10, &again, "2026-03-13");
    assert_eq!((c.accepted_on, c.elapsed_days), (Some(d("2026-03-12")), 1));
}

#[test]
fn a_due_date_in_an_unpublished_year_is_provisional() {
    let c = clock(S::InReview, 20, &[(A::Accept, "2026-12-21")], "2026-12-22");
    assert!(c.provisional);
    assert!(!clock(S::InReview, 5, &[(A::Accept, "2026-12-01")], "2026-12-02").provisional);
}

#[test]
fn worst_light() {
    assert_eq!(
        Light::worst([Light::Green, Light::Red, Light::Yellow]),
        Some(Light::Red)
    );
    assert_eq!(Light::worst([]), None);
    assert_eq!(Light::parse("yellow"), Some(Light::Yellow));
}

mod invariants {
    use proptest::prelude::*;

    use super::super::super::step::{next_status, Action, StepStatus};
    use super::super::super::test_support::{china, d};
    use super::super::{read_clock, EpisodeEvent, StepClock};

    proptest! {
        #[test]
        fn clocks_of_any_valid_history_add_up(
            tries in proptest::collection::vec((0usize..7, 0i64..6), 0..40),
            limit in 0u32..30,
            after in 0i64..40,
        ) {
            let cal = china();
            let (mut status, mut on) = (StepStatus::Pending, d("2025-11-20"));
            let mut events = Vec::new();
            for (a, gap) in tries {
                let action = Action::ALL[a];
                if let Ok(next) = next_status(status, action) {
                    on += chrono::Duration::days(gap);
                    events.push(EpisodeEvent { action, on });
                    status = next;
                }
            }
            let today = on + chrono::Duration::days(after);
            let c = read_clock(&cal, status, limit, &events, today, 5);
            prop_assert_eq!(c.statutory_used + c.paused_days, c.elapsed_days);
            prop_assert_eq!(c.light.is_some(), status == StepStatus::InReview);
            prop_assert!(!c.stalled || status == StepStatus::AwaitingApplicant);
            match (c.accepted_on, c.due_on) {
                (Some(a), Some(due)) => {
                    prop_assert_eq!(cal.working_days_after(a, due), limit + c.paused_days);
                    let end = c.finished_on.unwrap_or(today);
                    prop_assert_eq!(cal.working_days_after(a, end), c.elapsed_days);
                }
                (None, None) => {
                    prop_assert!(matches!(status, StepStatus::Pending | StepStatus::Waived));
                    let finished_on = c.finished_on;
                    prop_assert_eq!(c, StepClock { finished_on, ..StepClock::default() });
                }
                _ => prop_assert!(false, "due date without acceptance"),
            }
        }
    }
}

#[test]
fn yellow_is_eighty_percent_rounded_up_and_never_for_a_zero_limit() {
    // docs/rules.md: a 10-day limit turns yellow on day 8; 1 to 4 days on their last day.
    assert_eq!(yellow_after(10), Some(8));
    assert_eq!(yellow_after(20), Some(16));
    for limit in 1..=4 {
        assert_eq!(yellow_after(limit), Some(limit));
    }
    assert_eq!(yellow_after(0), None);
    assert!(reaches_yellow(8, 10) && !reaches_yellow(7, 10));
    // Minutes of a two-hour limit: 96 of 120 is 80 %.
    assert!(reaches_yellow(96, 120) && !reaches_yellow(95, 120));
    assert!(!reaches_yellow(0, 0));
}
