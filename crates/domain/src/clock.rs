//! The two clocks of a step (docs/rules.md "Clocks of a step" and "Light"): the elapsed clock is
//! what the enterprise waited, the statutory clock the agency's time, pauses (补正) excluded.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::WorkCalendar;
use super::step::{Action, StepStatus};

/// One event of a step's history, as far as the clocks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeEvent {
    pub action: Action,
    pub on: NaiveDate,
}

string_enum!(
    /// Ordered so that `Red` is the worst (greatest).
    Light {
        Green => "green",
        Yellow => "yellow",
        Red => "red",
    }
);

impl Light {
    /// A project's light: the worst of its steps' (`None` when no step has one).
    pub fn worst(lights: impl IntoIterator<Item = Light>) -> Option<Light> {
        lights.into_iter().max()
    }
}

/// Everything the clocks say about a step on a given day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StepClock {
    pub accepted_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub statutory_used: u32,
    pub paused_days: u32,
    pub elapsed_days: u32,
    pub light: Option<Light>,
    pub stalled: bool,
    pub provisional: bool,
}

/// Yellow once the clock reaches this share of the limit, rounded up to whole units
/// (docs/rules.md, "Clocks of a step, and lights"): the one place the 80 % is written.
const YELLOW_SHARE: (i64, i64) = (4, 5);

/// Whether `used` (days or minutes) of a `limit` in the same unit is yellow: at least
/// ⌈80 % × limit⌉, in integers; a limit of 0 is never yellow.
pub fn reaches_yellow(used: i64, limit: i64) -> bool {
    limit > 0 && YELLOW_SHARE.1 * used >= YELLOW_SHARE.0 * limit
}

/// The working days of a `limit` after which a step is yellow: ⌈80 % × limit⌉; none
/// for a 0-day limit.
pub fn yellow_after(limit: u32) -> Option<u32> {
    let limit = i64::from(limit);
    let (num, den) = YELLOW_SHARE;
    (limit > 0).then(|| u32::try_from((num * limit + den - 1) / den).unwrap_or(u32::MAX))
}

/// Reads the clocks of the current episode, which starts at the last `accept` of `events`
/// (the whole history in recorded order). Pending and waived steps have no clocks; a waived
/// step reports its waive day as `finished_on`. Events dated after `today` are the caller's
/// business: pass the history as it stood on `today`.
pub fn read_clock(
    cal: &WorkCalendar,
    status: StepStatus,
    limit_days: u32,
    events: &[EpisodeEvent],
    today: NaiveDate,
    stalled_after_days: u32,
) -> StepClock {
    let last_day_of = |wanted: &[Action]| {
        events
            .iter()
            .rev()
            .find(|e| wanted.contains(&e.action))
            .map(|e| e.on)
    };
    let finishing = matches!(status, StepStatus::Approved | StepStatus::Rejected);
    let start = match status {
        StepStatus::Pending => return StepClock::default(),
        StepStatus::Waived => {
            let finished_on = last_day_of(&[Action::Waive]);
            return StepClock {
                finished_on,
                ..StepClock::default()
            };
        }
        _ => events.iter().rposition(|e| e.action == Action::Accept),
    };
    let Some(start) = start else {
        // A history without acceptance (imported data): only the finish day is known.
        let finished_on = last_day_of(&[Action::Approve, Action::Reject]).filter(|_| finishing);
        return StepClock {
            finished_on,
            ..StepClock::default()
        };
    };
    let accepted = events[start].on;

    let mut pauses: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    let mut finished_on = None;
    for e in &events[start + 1..] {
        match e.action {
            Action::RequestMaterials => pauses.push((e.on, None)),
            Action::Resubmit => {
                if let Some(open) = pauses.last_mut().filter(|p| p.1.is_none()) {
                    open.1 = Some(e.on);
                }
            }
            Action::Approve | Action::Reject => {
                finished_on = Some(e.on);
                break;
            }
            _ => {}
        }
    }
    let finished_on = finished_on.filter(|_| finishing);
    let end = finished_on.unwrap_or(today);

    let pause_len = |(requested, resubmitted): (NaiveDate, Option<NaiveDate>)| {
        let until = resubmitted.map_or(end, |r| r.min(end));
        cal.working_days_after(requested.max(accepted), until)
    };
    let paused_days = pauses
        .iter()
        .map(|p| pause_len(*p))
        .fold(0u32, u32::saturating_add);
    let current_pause = pauses
        .last()
        .filter(|p| p.1.is_none())
        .map_or(0, |p| pause_len(*p));
    let elapsed_days = cal.working_days_after(accepted, end);
    let statutory_used = elapsed_days.saturating_sub(paused_days);
    let due_on = cal.add_working_days(accepted, limit_days.saturating_add(paused_days));

    let light = (status == StepStatus::InReview).then(|| {
        if today > due_on {
            Light::Red
        } else if reaches_yellow(i64::from(statutory_used), i64::from(limit_days)) {
            Light::Yellow
        } else {
            Light::Green
        }
    });
    StepClock {
        accepted_on: Some(accepted),
        due_on: Some(due_on),
        finished_on,
        statutory_used,
        paused_days,
        elapsed_days,
        light,
        stalled: status == StepStatus::AwaitingApplicant && current_pause > stalled_after_days,
        provisional: cal.is_provisional_span(accepted, end.max(due_on)),
    }
}

#[cfg(test)]
mod tests;
