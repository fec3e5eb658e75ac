//! Enterprise requests, their history and their overdue alerts.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::request_alerts::dsl as a;
use super::schema::request_events::dsl as e;
use super::schema::requests::dsl as r;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::requests)]
pub struct RequestRow {
    pub id: i32,
    pub enterprise_id: i32,
    pub project_id: Option<i32>,
    pub title: String,
    pub body: String,
    pub category: String,
    pub channel: String,
    pub urgent: bool,
    /// Typed here, so an unknown word in the column is an error, never a default.
    #[diesel(deserialize_as = String)]
    pub status: domain::request::RequestStatus,
    pub liaison_id: Option<i32>,
    pub agency_id: Option<i32>,
    pub rating: Option<String>,
    pub filed_by: Option<i32>,
    pub filed_at: NaiveDateTime,
    pub filed_on: NaiveDate,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::requests)]
pub struct NewRequest<'a> {
    pub enterprise_id: i32,
    pub project_id: Option<i32>,
    pub title: &'a str,
    pub body: &'a str,
    pub category: &'a str,
    pub channel: &'a str,
    pub urgent: bool,
    pub status: &'a str,
    pub liaison_id: Option<i32>,
    pub filed_by: Option<i32>,
    pub filed_at: NaiveDateTime,
    pub filed_on: NaiveDate,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::request_events)]
pub struct RequestEventRow {
    pub id: i32,
    pub request_id: i32,
    pub user_id: Option<i32>,
    pub party: String,
    pub action: String,
    pub body: Option<String>,
    pub agency_id: Option<i32>,
    pub rating: Option<String>,
    pub internal: bool,
    pub at: NaiveDateTime,
    pub happened_on: NaiveDate,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::request_events)]
pub struct NewRequestEvent<'a> {
    pub request_id: i32,
    pub user_id: Option<i32>,
    pub party: &'a str,
    pub action: &'a str,
    pub body: Option<&'a str>,
    pub agency_id: Option<i32>,
    pub rating: Option<&'a str>,
    pub internal: bool,
    pub at: NaiveDateTime,
    pub happened_on: NaiveDate,
}

/// What an action changes on the request itself (its version always).
#[derive(Debug, AsChangeset)]
#[diesel(table_name = super::schema::requests)]
pub struct RequestChanges<'a> {
    pub status: &'a str,
    pub liaison_id: Option<Option<i32>>,
    pub agency_id: Option<Option<i32>>,
    pub rating: Option<Option<&'a str>>,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

/// Filters of the list; `None` is "any".
#[derive(Debug, Clone, Default)]
pub struct RequestFilter<'a> {
    pub enterprise_id: Option<i32>,
    pub liaison_id: Option<i32>,
    pub statuses: Option<&'a [&'a str]>,
    pub category: Option<&'a str>,
    pub filed_from: Option<NaiveDate>,
    pub filed_to: Option<NaiveDate>,
}

pub fn insert(conn: &mut WriteTx, new: &NewRequest) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, r::requests, new, r::id)
}

pub fn insert_event(conn: &mut WriteTx, new: &NewRequestEvent) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, e::request_events, new, e::id)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<RequestRow>> {
    r::requests
        .find(id)
        .select(RequestRow::as_select())
        .get_result(conn)
        .optional()
}

type BoxedRequests<'a> = super::schema::requests::BoxedQuery<'a, super::MultiBackend>;

fn filtered<'a>(f: &RequestFilter<'a>) -> BoxedRequests<'a> {
    let mut q = r::requests.into_boxed();
    if let Some(x) = f.enterprise_id {
        q = q.filter(r::enterprise_id.eq(x));
    }
    if let Some(x) = f.liaison_id {
        q = q.filter(r::liaison_id.eq(x));
    }
    if let Some(x) = f.statuses {
        q = q.filter(r::status.eq_any(x.to_vec()));
    }
    if let Some(x) = f.category {
        q = q.filter(r::category.eq(x.to_string()));
    }
    if let Some(x) = f.filed_from {
        q = q.filter(r::filed_on.ge(x));
    }
    if let Some(x) = f.filed_to {
        q = q.filter(r::filed_on.le(x));
    }
    q
}

/// Every request the filter selects, newest first.
pub fn list(conn: &mut DbConn, f: &RequestFilter) -> QueryResult<Vec<RequestRow>> {
    filtered(f)
        .order(r::id.desc())
        .select(RequestRow::as_select())
        .load(conn)
}

/// One page of the requests the filter selects, newest first, and their total: paged by
/// the database, so a long history is never read whole for a list.
pub fn page(
    conn: &mut DbConn,
    f: &RequestFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<RequestRow>, i64)> {
    let total = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order(r::id.desc())
        .offset(offset)
        .limit(limit)
        .select(RequestRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// How many of an enterprise's requests are in one of these statuses.
pub fn count_in(conn: &mut DbConn, enterprise_id: i32, statuses: &[&str]) -> QueryResult<i64> {
    r::requests
        .filter(r::enterprise_id.eq(enterprise_id))
        .filter(r::status.eq_any(statuses.to_vec()))
        .count()
        .get_result(conn)
}

/// When an enterprise's requests filed after `since` were filed, oldest first.
pub fn filed_after(
    conn: &mut DbConn,
    enterprise_id: i32,
    since: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    r::requests
        .filter(r::enterprise_id.eq(enterprise_id))
        .filter(r::filed_at.gt(since))
        .order(r::filed_at)
        .select(r::filed_at)
        .load(conn)
}

/// The histories of these requests, oldest entry first within each.
pub fn events_of(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<RequestEventRow>> {
    let mut out = Vec::new();
    // Bounded chunks: SQLite caps the parameters of one statement.
    for chunk in ids.chunks(500) {
        out.extend(
            e::request_events
                .filter(e::request_id.eq_any(chunk.to_vec()))
                .order((e::request_id, e::id))
                .select(RequestEventRow::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// Applies the changes if the request is still at `expected`; false if it moved on.
pub fn update(
    conn: &mut WriteTx,
    id: i32,
    expected: i32,
    ch: &RequestChanges,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(r::requests.filter(r::id.eq(id).and(r::version.eq(expected))))
        .set(ch)
        .execute(conn)?;
    Ok(n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::request_alerts)]
pub struct RequestAlertRow {
    pub request_id: i32,
    pub clock: String,
    pub clock_from: NaiveDate,
    pub level: String,
    pub raised_at: NaiveDateTime,
    pub emailed_at: Option<NaiveDateTime>,
}

/// Records an alert once (its key: request, clock, episode, level); 0 if it was already.
pub fn raise_alert(conn: &mut WriteTx, row: &RequestAlertRow) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    crate::insert_or_nothing!(conn, a::request_alerts, row)
}

pub fn alerts_of(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<RequestAlertRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            a::request_alerts
                .filter(a::request_id.eq_any(chunk.to_vec()))
                .select(RequestAlertRow::as_select())
                .load(conn)?,
        );
    }
    Ok(out)
}

/// Alerts raised but not yet emailed.
pub fn unmailed_alerts(conn: &mut DbConn) -> QueryResult<Vec<RequestAlertRow>> {
    a::request_alerts
        .filter(a::emailed_at.is_null())
        .order((a::request_id, a::raised_at))
        .select(RequestAlertRow::as_select())
        .load(conn)
}

/// Marks one alert as emailed; 0 if it was already (another run mailed it).
pub fn mark_emailed(
    conn: &mut WriteTx,
    alert: &RequestAlertRow,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(
        a::request_alerts.filter(
            a::request_id
                .eq(alert.request_id)
                .and(a::clock.eq(alert.clock.clone()))
                .and(a::clock_from.eq(alert.clock_from))
                .and(a::level.eq(alert.level.clone()))
                .and(a::emailed_at.is_null()),
        ),
    )
    .set(a::emailed_at.eq(Some(now)))
    .execute(conn)
}
