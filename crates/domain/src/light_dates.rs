//! When a step's light and stall change if nothing more happens to it. A running step's
//! clock only moves with the calendar, so the day it turns yellow and the day it turns
//! red are fixed until its next event; a paused step stalls a fixed number of working
//! days after its pause began. Stored with the step, these dates let a query find a
//! zone's red projects, or the scheduler its candidates, without reading every history.
//! They agree with [`read_clock`] on every day (a property tested below).

use chrono::NaiveDate;

/// The version of the rules that the stored light dates follow: the clock (paused days,
/// due date), the yellow threshold, the stall, and how a history replays. Raise it with
/// any change to them; `migrate` and `serve` then compute every stored date again, and
/// `approval-tracker recompute` does so on demand.
pub const RULES_VERSION: i32 = 1;

use super::calendar::WorkCalendar;
use super::clock::{read_clock, yellow_after, EpisodeEvent, Light};
use super::step::StepStatus;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LightDates {
    /// First day the light is yellow (in review with a limit above zero).
    pub yellow_on: Option<NaiveDate>,
    /// First day the light is red: the day after the due date (in review).
    pub red_on: Option<NaiveDate>,
    /// The day the current pause began, counted from (awaiting the applicant).
    pub paused_since: Option<NaiveDate>,
}

/// The dates of a step with this status, limit and history (the whole history in
/// recorded order, as `read_clock` takes it).
pub fn light_dates(
    cal: &WorkCalendar,
    status: StepStatus,
    limit_days: u32,
    events: &[EpisodeEvent],
) -> LightDates {
    let Some(last) = events.last().map(|e| e.on) else {
        return LightDates::default();
    };
    let clock = read_clock(cal, status, limit_days, events, last, 0);
    let Some(accepted) = clock.accepted_on else {
        return LightDates::default();
    };
    match status {
        StepStatus::InReview => {
            // Every pause is closed, so the paused days and the due date are final.
            let red_on = clock.due_on.and_then(|d| d.succ_opt());
            let yellow_on = yellow_after(limit_days).map(|threshold| {
                cal.add_working_days(accepted, clock.paused_days.saturating_add(threshold))
            });
            LightDates {
                yellow_on,
                red_on,
                paused_since: None,
            }
        }
        StepStatus::AwaitingApplicant => LightDates {
            paused_since: events
                .iter()
                .rev()
                .find(|e| e.action == super::step::Action::RequestMaterials)
                .map(|e| e.on.max(accepted)),
            ..LightDates::default()
        },
        _ => LightDates::default(),
    }
}

impl LightDates {
    /// The light on `today` of a step in review (None for other statuses).
    pub fn light_on(&self, status: StepStatus, today: NaiveDate) -> Option<Light> {
        (status == StepStatus::InReview).then(|| {
            if self.red_on.is_some_and(|d| d <= today) {
                Light::Red
            } else if self.yellow_on.is_some_and(|d| d <= today) {
                Light::Yellow
            } else {
                Light::Green
            }
        })
    }

    /// Whether a step awaiting the applicant is stalled on the day `cutoff` was computed
    /// for (see [`stalled_cutoff`]).
    pub fn stalled_by(&self, status: StepStatus, cutoff: NaiveDate) -> bool {
        status == StepStatus::AwaitingApplicant && self.paused_since.is_some_and(|p| p <= cutoff)
    }
}

/// The latest pause start that is stalled on `today`: a pause stalls once more than
/// `stalled_after_days` working days have passed since it began.
pub fn stalled_cutoff(cal: &WorkCalendar, today: NaiveDate, stalled_after_days: u32) -> NaiveDate {
    let mut day = today;
    while cal.working_days_after(day, today) <= stalled_after_days {
        match day.pred_opt() {
            Some(p) => day = p,
            None => break,
        }
    }
    day
}

#[cfg(test)]
mod tests;
