//! Chat robots as rows: a liaison's own groups, or the managers' group (no owner). The URL
//! and secret are read only by delivery; views get a hint instead.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::chat_robots::dsl as r;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::chat_robots)]
pub struct RobotRow {
    pub id: i32,
    pub kind: String,
    pub owner_id: Option<i32>,
    pub name: String,
    pub url: String,
    pub secret: Option<String>,
    pub active: bool,
    pub failures_in_row: i32,
    pub failing_reported: bool,
    pub paused_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub last_sent_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Alerts up to this id were raised before the robot was registered or enabled again:
    /// they are not its to tell.
    pub tells_after_alert: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::chat_robots)]
pub struct NewRobot<'a> {
    pub kind: &'a str,
    pub owner_id: Option<i32>,
    pub name: &'a str,
    pub url: &'a str,
    pub secret: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub tells_after_alert: i32,
}

/// A change; `None` leaves a field as it is (`secret: Some(None)` removes it).
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = super::schema::chat_robots)]
pub struct RobotChange<'a> {
    pub name: Option<&'a str>,
    pub url: Option<&'a str>,
    pub secret: Option<Option<&'a str>>,
    pub active: Option<bool>,
    pub tells_after_alert: Option<i32>,
    pub version: Option<i32>,
    pub updated_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut WriteTx, new: &NewRobot) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, r::chat_robots, new, r::id)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<RobotRow>> {
    r::chat_robots
        .find(id)
        .select(RobotRow::as_select())
        .first(conn)
        .optional()
}

/// All robots, or one owner's (`Some(None)`: the managers' group).
pub fn list(conn: &mut DbConn, owner: Option<Option<i32>>) -> QueryResult<Vec<RobotRow>> {
    let mut q = r::chat_robots.into_boxed();
    match owner {
        Some(Some(id)) => q = q.filter(r::owner_id.eq(id)),
        Some(None) => q = q.filter(r::owner_id.is_null()),
        None => {}
    }
    q.order(r::id).select(RobotRow::as_select()).load(conn)
}

pub fn count_of_owner(conn: &mut DbConn, owner: Option<i32>) -> QueryResult<i64> {
    match owner {
        Some(id) => r::chat_robots
            .filter(r::owner_id.eq(id))
            .count()
            .get_result(conn),
        None => r::chat_robots
            .filter(r::owner_id.is_null())
            .count()
            .get_result(conn),
    }
}

pub fn update(conn: &mut WriteTx, id: i32, change: &RobotChange) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(r::chat_robots.find(id))
        .set(change)
        .execute(conn)
}

pub fn delete(conn: &mut WriteTx, id: i32) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::delete(r::chat_robots.find(id)).execute(conn)
}

/// Takes the robot's row lock until the transaction ends (PostgreSQL; SQLite's writer is
/// one already), so two instances counting its calls take turns.
pub fn lock(conn: &mut WriteTx, id: i32) -> QueryResult<Option<RobotRow>> {
    let conn: &mut DbConn = conn;
    diesel::update(r::chat_robots.find(id))
        .set(r::failures_in_row.eq(r::failures_in_row))
        .execute(conn)?;
    find(conn, id)
}

/// A call's outcome on the robot: a success clears its failure streak, a failure adds
/// to it; `paused_until` rests it after the platform's "too many".
pub fn record_outcome(
    conn: &mut WriteTx,
    id: i32,
    ok_at: Option<NaiveDateTime>,
    error: Option<&str>,
    paused_until: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    let row = r::chat_robots.find(id);
    match (ok_at, error) {
        (Some(at), _) => diesel::update(row)
            .set((
                r::failures_in_row.eq(0),
                r::failing_reported.eq(false),
                r::last_sent_at.eq(Some(at)),
                r::last_error.eq(None::<String>),
            ))
            .execute(conn),
        (None, Some(e)) if paused_until.is_some() => diesel::update(row)
            .set((r::paused_until.eq(paused_until), r::last_error.eq(Some(e))))
            .execute(conn),
        (None, Some(e)) => diesel::update(row)
            .set((
                r::failures_in_row.eq(r::failures_in_row + 1),
                r::last_error.eq(Some(e)),
            ))
            .execute(conn),
        (None, None) => Ok(0),
    }
}

/// Marks a failing robot as reported; 0 if it was already (another instance told admins).
pub fn mark_reported(conn: &mut WriteTx, id: i32) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(
        r::chat_robots
            .find(id)
            .filter(r::failing_reported.eq(false)),
    )
    .set(r::failing_reported.eq(true))
    .execute(conn)
}
