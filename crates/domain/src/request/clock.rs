//! The two clocks of a request: the first reply (working days, or clock hours when urgent)
//! and the resolution (working days, paused while waiting on the enterprise as 补正 pauses a
//! step, restarted by a reopen). Lights follow the steps' rule: red once past due, yellow once
//! the clock reaches 80 % of its limit, rounded up to whole days.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::{next_lifecycle, Category, Lifecycle, Party, Rating, RequestAction, RequestLimits};
use super::{RequestStatus, RequestTransitionError};
use crate::calendar::WorkCalendar;
use crate::clock::{reaches_yellow, Light};

/// One entry of a request's history, as far as the clocks care. `on` is `at`'s date in the
/// zone's time zone (the caller converts, so the domain needs no time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestEvent {
    pub action: RequestAction,
    pub by: Party,
    pub at: DateTime<Utc>,
    pub on: NaiveDate,
    pub rating: Option<Rating>,
}

/// Everything the clocks say about a request at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestReading {
    pub status: RequestStatus,
    pub filed_on: NaiveDate,
    /// The end of the first-reply limit: an instant for urgent requests, else the end of a day.
    pub reply_due_at: Option<DateTime<Utc>>,
    pub reply_due_on: NaiveDate,
    pub first_reply_at: Option<DateTime<Utc>>,
    pub replied_within_limit: bool,
    /// Unanswered and past the first-reply limit.
    pub reply_overdue: bool,
    /// The day the current resolution clock started: filed, or last reopened.
    pub clock_from: NaiveDate,
    pub paused_days: u32,
    pub used_days: u32,
    pub resolve_due_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    pub resolved_within_limit: Option<bool>,
    /// The last rating given (a dissatisfied one stays until a new rating replaces it).
    pub rating: Option<Rating>,
    /// The last day the enterprise may rate a resolved request.
    pub rate_by: Option<NaiveDate>,
    pub light: Option<Light>,
    /// Past the resolution limit while the clock runs.
    pub resolve_overdue: bool,
    pub overdue: bool,
    pub provisional: bool,
}

/// Reads the clocks of a request at `now` (`today` its date in the zone): only entries
/// recorded up to `now` count, so a past week's figures read the history as it stood.
/// An entry that does not fit the lifecycle is an error (histories are written through it).
#[allow(clippy::too_many_arguments)]
pub fn read_request(
    cal: &WorkCalendar,
    limits: &RequestLimits,
    category: Category,
    urgent: bool,
    filed_at: DateTime<Utc>,
    filed_on: NaiveDate,
    events: &[RequestEvent],
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<RequestReading, RequestTransitionError> {
    let mut life = Lifecycle::FILED;
    let mut first_reply_at = None;
    let mut first_reply_on = None;
    let mut clock_from = filed_on;
    let mut pauses: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    let mut resolved_on = None;
    let mut rating = None;
    for e in events.iter().filter(|e| e.at <= now) {
        if e.action == RequestAction::File {
            continue;
        }
        let before = life.status;
        life = next_lifecycle(life, e.by, e.action, e.rating)?;
        if e.by == Party::Staff && e.action.answers() && first_reply_at.is_none() {
            first_reply_at = Some(e.at);
            first_reply_on = Some(e.on);
        }
        match e.action {
            RequestAction::WaitEnterprise => pauses.push((e.on, None)),
            RequestAction::Reply if before == RequestStatus::WaitingEnterprise => {
                if let Some(open) = pauses.last_mut().filter(|p| p.1.is_none()) {
                    open.1 = Some(e.on);
                }
            }
            RequestAction::Resolve => resolved_on = Some(e.on),
            _ => {}
        }
        if e.action == RequestAction::Reopen {
            // Reopening is how the enterprise says it is dissatisfied.
            rating = Some(Rating::Dissatisfied);
        } else if e.rating.is_some() {
            rating = e.rating;
        }
        if life.status == RequestStatus::Reopened && before == RequestStatus::Resolved {
            // A new resolution clock from the day it reopened.
            clock_from = e.on;
            pauses.clear();
            resolved_on = None;
        }
    }
    let status = life.status;
    let settled = !status.is_open();
    let resolved_on = resolved_on.filter(|_| settled);

    // First reply.
    let first = limits.of(category);
    let reply_due_at =
        urgent.then(|| filed_at + Duration::hours(i64::from(limits.urgent_first_reply_hours)));
    let reply_due_on = match reply_due_at {
        Some(_) => filed_on,
        None => cal.add_working_days(filed_on, first.first_reply_days),
    };
    let replied_within_limit = match (first_reply_at, reply_due_at, first_reply_on) {
        (Some(at), Some(due), _) => at <= due,
        (_, None, Some(on)) => on <= reply_due_on,
        _ => false,
    };
    let reply_overdue = first_reply_at.is_none()
        && match reply_due_at {
            Some(due) => now > due,
            None => today > reply_due_on,
        };
    let reply_light = first_reply_at.is_none().then(|| {
        if reply_overdue {
            Light::Red
        } else if let Some(due) = reply_due_at {
            let limit = (due - filed_at).num_minutes();
            let used = (now - filed_at).num_minutes();
            if reaches_yellow(used, limit) {
                Light::Yellow
            } else {
                Light::Green
            }
        } else {
            day_light(cal, filed_on, today, first.first_reply_days)
        }
    });

    // Resolution.
    let limit = limits.resolve_days(category, urgent);
    let end = resolved_on.unwrap_or(today);
    let paused_days = pauses
        .iter()
        .map(|&(from, to)| cal.working_days_after(from.max(clock_from), to.unwrap_or(end).min(end)))
        .fold(0u32, u32::saturating_add);
    let used_days = cal
        .working_days_after(clock_from, end)
        .saturating_sub(paused_days);
    let resolve_due_on = cal.add_working_days(clock_from, limit.saturating_add(paused_days));
    let resolve_light = matches!(
        status,
        RequestStatus::Submitted
            | RequestStatus::Accepted
            | RequestStatus::HandedOver
            | RequestStatus::Reopened
    )
    .then(|| {
        if today > resolve_due_on {
            Light::Red
        } else if reaches_yellow(i64::from(used_days), i64::from(limit)) {
            Light::Yellow
        } else {
            Light::Green
        }
    });
    let resolve_overdue = resolve_light == Some(Light::Red);
    let light = Light::worst(reply_light.into_iter().chain(resolve_light));
    let rate_by = (status == RequestStatus::Resolved)
        .then(|| resolved_on.map(|d| cal.add_working_days(d, limits.rate_within_days)))
        .flatten();
    Ok(RequestReading {
        status,
        filed_on,
        reply_due_at,
        reply_due_on,
        first_reply_at,
        replied_within_limit,
        reply_overdue,
        clock_from,
        paused_days,
        used_days,
        resolve_due_on,
        resolved_on,
        resolved_within_limit: resolved_on.map(|d| d <= resolve_due_on),
        rating,
        rate_by,
        light,
        resolve_overdue,
        overdue: light == Some(Light::Red),
        provisional: cal.is_provisional_span(filed_on, end.max(resolve_due_on)),
    })
}

/// A working-day clock's light from `from` to `today` against `limit` days.
fn day_light(cal: &WorkCalendar, from: NaiveDate, today: NaiveDate, limit: u32) -> Light {
    let used = cal.working_days_after(from, today);
    if today > cal.add_working_days(from, limit) {
        Light::Red
    } else if reaches_yellow(i64::from(used), i64::from(limit)) {
        Light::Yellow
    } else {
        Light::Green
    }
}

impl RequestReading {
    /// Resolved, unrated and past the rating limit: the scheduler closes it.
    pub fn closes_unrated(&self, today: NaiveDate) -> bool {
        self.status == RequestStatus::Resolved && self.rate_by.is_some_and(|by| today > by)
    }
}
