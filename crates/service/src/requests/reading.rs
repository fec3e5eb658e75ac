//! Stored requests read through the domain's clocks.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use domain::request::{
    read_request, Category, Party, Rating, RequestAction, RequestEvent, RequestLimits,
    RequestReading,
};
use store::requests::{RequestEventRow, RequestRow};
use store::{self, DbConn};

use super::utc;
use crate::{Env, ServiceError, ServiceResult};

/// A request, its whole history (staff notes included: views filter them) and its clocks.
#[derive(Debug, Clone)]
pub struct ReadRequest {
    pub row: RequestRow,
    pub events: Vec<RequestEventRow>,
    pub reading: RequestReading,
}

fn bad(what: &str, value: &str) -> ServiceError {
    ServiceError::internal(format!("a stored request has an unknown {what} {value:?}"))
}

pub(crate) fn category_of(row: &RequestRow) -> ServiceResult<Category> {
    Category::parse(&row.category).ok_or_else(|| bad("category", &row.category))
}

fn event_of(env: &Env, e: &RequestEventRow) -> ServiceResult<RequestEvent> {
    Ok(RequestEvent {
        action: RequestAction::parse(&e.action).ok_or_else(|| bad("action", &e.action))?,
        by: Party::parse(&e.party).ok_or_else(|| bad("party", &e.party))?,
        at: utc(e.at),
        on: env.local_day(e.at),
        rating: match e.rating.as_deref() {
            Some(r) => Some(Rating::parse(r).ok_or_else(|| bad("rating", r))?),
            None => None,
        },
    })
}

/// Reads each request's clocks as of `now` (its date in the zone is "today").
pub fn read_rows(
    conn: &mut DbConn,
    env: &Env,
    limits: &RequestLimits,
    rows: Vec<RequestRow>,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<ReadRequest>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut by_request: HashMap<i32, Vec<RequestEventRow>> = HashMap::new();
    for e in store::requests::events_of(conn, &ids)? {
        by_request.entry(e.request_id).or_default().push(e);
    }
    let today = now.with_timezone(&env.tz).date_naive();
    rows.into_iter()
        .map(|row| {
            let events = by_request.remove(&row.id).unwrap_or_default();
            let reading = read_one(env, limits, &row, &events, now, today)?;
            Ok(ReadRequest {
                row,
                events,
                reading,
            })
        })
        .collect()
}

/// The domain's view of a stored history.
pub(crate) fn domain_events(
    env: &Env,
    events: &[RequestEventRow],
) -> ServiceResult<Vec<RequestEvent>> {
    events.iter().map(|e| event_of(env, e)).collect()
}

pub(crate) fn read_one(
    env: &Env,
    limits: &RequestLimits,
    row: &RequestRow,
    events: &[RequestEventRow],
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> ServiceResult<RequestReading> {
    let domain_events = domain_events(env, events)?;
    read_request(
        &env.calendar,
        limits,
        category_of(row)?,
        row.urgent,
        utc(row.filed_at),
        row.filed_on,
        &domain_events,
        now,
        today,
    )
    .map_err(|e| ServiceError::internal(format!("request {}: {e}", row.id)))
}
