//! The chat outbox: messages to robots, claimed and marked like emails; the calls made to
//! each robot (its 20-a-minute limit, counted across instances); which alert went to which
//! robot.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::chat_alert_deliveries::dsl as d;
use super::schema::chat_calls::dsl as c;
use super::schema::chat_messages::dsl as m;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::chat_messages)]
pub struct MessageRow {
    pub id: i32,
    pub robot_id: i32,
    pub kind: String,
    pub body: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::chat_messages)]
pub struct NewMessage<'a> {
    pub robot_id: i32,
    pub kind: &'a str,
    pub body: &'a str,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut WriteTx, new: &NewMessage) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, m::chat_messages, new, m::id)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<MessageRow> {
    m::chat_messages
        .find(id)
        .select(MessageRow::as_select())
        .get_result(conn)
}

// `due` gives (message, robot); the claim, the marks and `failed_attempts` as emails'.
crate::outbox_lease!(m, chat_messages, due: (m::id, m::robot_id) => (i32, i32));

/// Moves a message's next attempt (the robot rests or is at its limit).
pub fn defer(conn: &mut WriteTx, id: i32, at: NaiveDateTime) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(m::chat_messages.find(id))
        .set(m::next_attempt_at.eq(at))
        .execute(conn)
}

/// Calls made to a robot in the minute before `now`, oldest first.
pub fn calls_in_last_minute(
    conn: &mut DbConn,
    robot_id: i32,
    now: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    c::chat_calls
        .filter(c::robot_id.eq(robot_id))
        .filter(c::called_at.gt(now - Duration::seconds(60)))
        .order(c::called_at)
        .select(c::called_at)
        .load(conn)
}

pub fn record_call(conn: &mut WriteTx, robot_id: i32, at: NaiveDateTime) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::insert_into(c::chat_calls)
        .values((c::robot_id.eq(robot_id), c::called_at.eq(at)))
        .execute(conn)
}

/// Forgets calls older than an hour: only the last minute counts.
pub fn prune_calls(conn: &mut WriteTx, now: NaiveDateTime) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::delete(c::chat_calls.filter(c::called_at.lt(now - Duration::hours(1)))).execute(conn)
}

/// Alerts of these levels (on these projects, if given) raised since the robot listens and
/// not yet told to it.
pub fn untold(
    conn: &mut DbConn,
    robot: &super::chat_robots::RobotRow,
    project_ids: Option<&[i32]>,
    levels: &[&str],
) -> QueryResult<Vec<super::alerts::AlertRow>> {
    use super::schema::alerts::dsl as a;
    let told = d::chat_alert_deliveries
        .filter(d::robot_id.eq(robot.id))
        .select(d::alert_id);
    let mut q = a::alerts
        .filter(a::id.gt(robot.tells_after_alert))
        .filter(a::level.eq_any(levels))
        .filter(diesel::dsl::not(a::id.eq_any(told)))
        .into_boxed();
    if let Some(ids) = project_ids {
        q = q.filter(a::project_id.eq_any(ids));
    }
    q.order(a::id)
        .select(super::alerts::AlertRow::as_select())
        .load(conn)
}

/// Records that an alert went to a robot; 0 if it had already.
pub fn record_delivery(
    conn: &mut WriteTx,
    alert_id: i32,
    robot_id: i32,
    message_id: i32,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    let row = (
        d::alert_id.eq(alert_id),
        d::robot_id.eq(robot_id),
        d::message_id.eq(message_id),
    );
    crate::insert_or_nothing!(conn, d::chat_alert_deliveries, row)
}

/// (alert, robot, status, last error) of a chat delivery.
pub type ChatDelivery = (i32, i32, String, Option<String>);

/// The chat deliveries of these alerts.
pub fn deliveries_of(conn: &mut DbConn, alert_ids: &[i32]) -> QueryResult<Vec<ChatDelivery>> {
    d::chat_alert_deliveries
        .inner_join(m::chat_messages)
        .filter(d::alert_id.eq_any(alert_ids))
        .select((d::alert_id, d::robot_id, m::status, m::last_error))
        .load(conn)
}

/// (status, count) of chat messages, and failed attempts so far.
pub fn stats(conn: &mut DbConn) -> QueryResult<(Vec<(String, i64)>, i64)> {
    let by_status = m::chat_messages
        .group_by(m::status)
        .select((m::status, diesel::dsl::count_star()))
        .load(conn)?;
    let failed_attempts = failed_attempts(conn)?;
    Ok((by_status, failed_attempts))
}

/// The latest messages to these robots (the settings page shows what each last said).
pub fn recent_of(conn: &mut DbConn, robot_ids: &[i32], limit: i64) -> QueryResult<Vec<MessageRow>> {
    m::chat_messages
        .filter(m::robot_id.eq_any(robot_ids))
        .order(m::id.desc())
        .limit(limit)
        .select(MessageRow::as_select())
        .load(conn)
}

/// Messages failed for good, by their last error.
pub fn failed_reasons(conn: &mut DbConn) -> QueryResult<Vec<(Option<String>, i64)>> {
    m::chat_messages
        .filter(m::status.eq(super::lease::FAILED))
        .group_by(m::last_error)
        .select((m::last_error, diesel::dsl::count_star()))
        .load(conn)
}
