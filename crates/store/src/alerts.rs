use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::alert_deliveries::dsl as d;
use super::schema::alerts::dsl as a;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::alerts)]
pub struct AlertRow {
    pub id: i32,
    pub step_id: i32,
    pub project_id: i32,
    pub episode_event_id: i32,
    pub level: String,
    pub raised_on: NaiveDate,
    pub raised_at: NaiveDateTime,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::alerts)]
pub struct NewAlert<'a> {
    pub step_id: i32,
    pub project_id: i32,
    pub episode_event_id: i32,
    pub level: &'a str,
    pub raised_on: NaiveDate,
    pub raised_at: NaiveDateTime,
    pub due_on: Option<NaiveDate>,
}

/// Raises an alert unless its level was raised in its episode already; true if raised.
pub fn insert(conn: &mut WriteTx, new: &NewAlert) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    Ok(crate::insert_or_nothing!(conn, a::alerts, new)? == 1)
}

/// The newest alert's id (0 before any): what a robot registered now has not to tell.
pub fn last_id(conn: &mut DbConn) -> QueryResult<i32> {
    Ok(a::alerts
        .select(diesel::dsl::max(a::id))
        .first::<Option<i32>>(conn)?
        .unwrap_or(0))
}

/// Alerts of these levels on the given projects not yet emailed to `user_id`.
pub fn undelivered(
    conn: &mut DbConn,
    user_id: i32,
    project_ids: Option<&[i32]>,
    levels: &[&str],
) -> QueryResult<Vec<AlertRow>> {
    let delivered = d::alert_deliveries
        .filter(d::user_id.eq(user_id))
        .select(d::alert_id);
    let mut q = a::alerts
        .filter(a::level.eq_any(levels))
        .filter(diesel::dsl::not(a::id.eq_any(delivered)))
        .into_boxed();
    if let Some(ids) = project_ids {
        q = q.filter(a::project_id.eq_any(ids));
    }
    q.order(a::id).select(AlertRow::as_select()).load(conn)
}

/// Records that an alert went to a user; 0 if it had already.
pub fn record_delivery(
    conn: &mut WriteTx,
    alert_id: i32,
    user_id: i32,
    outbox_id: i32,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    let row = (
        d::alert_id.eq(alert_id),
        d::user_id.eq(user_id),
        d::outbox_id.eq(outbox_id),
    );
    crate::insert_or_nothing!(conn, d::alert_deliveries, row)
}

#[derive(Debug, Default, Clone)]
pub struct AlertFilter {
    pub project_ids: Option<Vec<i32>>,
    pub level: Option<String>,
}

pub fn page(
    conn: &mut DbConn,
    f: &AlertFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<AlertRow>, i64)> {
    let build = || {
        let mut q = a::alerts.into_boxed();
        if let Some(ids) = &f.project_ids {
            q = q.filter(a::project_id.eq_any(ids.clone()));
        }
        if let Some(l) = &f.level {
            q = q.filter(a::level.eq(l.clone()));
        }
        q
    };
    let total = build().count().get_result(conn)?;
    let rows = build()
        .order(a::id.desc())
        .offset(offset)
        .limit(limit)
        .select(AlertRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// (alert, user, outbox) of the deliveries of these alerts.
pub fn deliveries_of(conn: &mut DbConn, alert_ids: &[i32]) -> QueryResult<Vec<(i32, i32, i32)>> {
    d::alert_deliveries
        .filter(d::alert_id.eq_any(alert_ids))
        .select((d::alert_id, d::user_id, d::outbox_id))
        .load(conn)
}

/// Alerts raised so far, by level.
pub fn count_by_level(conn: &mut DbConn) -> QueryResult<Vec<(String, i64)>> {
    a::alerts
        .group_by(a::level)
        .select((a::level, diesel::dsl::count_star()))
        .load(conn)
}
