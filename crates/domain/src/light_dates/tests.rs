use proptest::prelude::*;

use super::super::clock::{read_clock, EpisodeEvent};
use super::super::step::{next_status, Action, StepStatus};
use super::super::test_support::{china, d};
use super::{light_dates, stalled_cutoff};

#[test]
fn a_ten_day_limit_accepted_on_a_monday() {
    // Accepted Mon 2026-03-02 (not counted): yellow once 8 working days are used (Thu
    // 03-12); the 10th working day, the due date, is Mon 03-16, so red from Tue 03-17.
    let events = [EpisodeEvent {
        action: Action::Accept,
        on: d("2026-03-02"),
    }];
    let dates = light_dates(&china(), StepStatus::InReview, 10, &events);
    assert_eq!(dates.yellow_on, Some(d("2026-03-12")));
    assert_eq!(dates.red_on, Some(d("2026-03-17")));
    assert_eq!(dates.paused_since, None);
}

#[test]
fn stalled_after_five_working_days() {
    // Stalled once 6 working days have passed since the pause began (its day excluded).
    // On Tue 03-10 that holds for pauses from Mon 03-02 (3, 4, 5, 6, 9, 10) or earlier;
    // on Mon 03-09 for pauses from Sun 03-01 (2, 3, 4, 5, 6, 9) or earlier.
    let cal = china();
    assert_eq!(stalled_cutoff(&cal, d("2026-03-10"), 5), d("2026-03-02"));
    assert_eq!(stalled_cutoff(&cal, d("2026-03-09"), 5), d("2026-03-01"));
}

proptest! {
    /// On every day after its last event, the stored dates give the light and stall that
    /// the clocks give.
    #[test]
    fn the_dates_agree_with_the_clocks_on_every_day(
        tries in proptest::collection::vec((0usize..7, 0i64..9), 1..30),
        limit in 0u32..25,
        stalled_after in 0u32..8,
    ) {
        let cal = china();
        let (mut status, mut on) = (StepStatus::Pending, d("2025-12-20"));
        let mut events = Vec::new();
        for (a, gap) in tries {
            let action = Action::ALL[a];
            if let Ok(next) = next_status(status, action) {
                on += chrono::Duration::days(gap);
                events.push(EpisodeEvent { action, on });
                status = next;
            }
        }
        let dates = light_dates(&cal, status, limit, &events);
        for after in 0..60 {
            let today = on + chrono::Duration::days(after);
            let clock = read_clock(&cal, status, limit, &events, today, stalled_after);
            prop_assert_eq!(dates.light_on(status, today), clock.light, "{}", today);
            let cutoff = stalled_cutoff(&cal, today, stalled_after);
            prop_assert_eq!(dates.stalled_by(status, cutoff), clock.stalled, "{}", today);
        }
    }
}
