use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::outbox::dsl as o;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::outbox)]
pub struct OutboxRow {
    pub id: i32,
    pub kind: String,
    pub user_id: Option<i32>,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    pub attachment: Option<Vec<u8>>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::outbox)]
pub struct NewOutbox<'a> {
    pub kind: &'a str,
    pub user_id: Option<i32>,
    pub to_name: &'a str,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub message_id: &'a str,
    pub attachment_name: Option<&'a str>,
    pub attachment_type: Option<&'a str>,
    pub attachment: Option<&'a [u8]>,
    pub status: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut WriteTx, new: &NewOutbox) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, o::outbox, new, o::id)
}

/// Ids of pending emails whose next attempt is due.
pub fn due(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<i32>> {
    o::outbox
        .filter(o::status.eq("pending"))
        .filter(o::next_attempt_at.le(now))
        .filter(o::claimed_until.is_null().or(o::claimed_until.lt(now)))
        .order(o::id)
        .limit(limit)
        .select(o::id)
        .load(conn)
}

crate::outbox_lease!(o, outbox);

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<OutboxRow> {
    o::outbox
        .find(id)
        .select(OutboxRow::as_select())
        .get_result(conn)
}

/// What the alert list shows of an email: id, status, attempts, when it was sent.
pub type DeliveryState = (i32, String, i32, Option<NaiveDateTime>);

/// Outbox rows by id (delivery state of alerts).
pub fn states(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<DeliveryState>> {
    o::outbox
        .filter(o::id.eq_any(ids))
        .select((o::id, o::status, o::attempts, o::sent_at))
        .load(conn)
}

/// (pending emails, the oldest pending one's creation, sent, failed for good).
pub fn stats(conn: &mut DbConn) -> QueryResult<(i64, Option<NaiveDateTime>, i64, i64)> {
    let pending = o::outbox.filter(o::status.eq("pending"));
    let depth = pending.count().get_result(conn)?;
    let oldest = o::outbox
        .filter(o::status.eq("pending"))
        .select(diesel::dsl::min(o::created_at))
        .get_result(conn)?;
    let sent = o::outbox
        .filter(o::status.eq("sent"))
        .count()
        .get_result(conn)?;
    let failed = o::outbox
        .filter(o::status.eq("failed"))
        .count()
        .get_result(conn)?;
    Ok((depth, oldest, sent, failed))
}

/// Failed delivery attempts so far, retried or not.
pub fn failed_attempts(conn: &mut DbConn) -> QueryResult<i64> {
    let rows: Vec<(String, i32)> = o::outbox
        .filter(o::last_error.is_not_null())
        .select((o::status, o::attempts))
        .load(conn)?;
    Ok(rows
        .iter()
        .map(|(status, n)| i64::from(*n) - i64::from(status == "sent"))
        .sum())
}
