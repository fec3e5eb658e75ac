//! The email outbox: emails waiting to be sent, claimed and marked by `store::lease`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::lease::{FAILED, PENDING, SENT};
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

// `due` (ids of emails due), the claim, the marks and `failed_attempts`.
crate::outbox_lease!(o, outbox, due: o::id => i32);

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
    let pending = o::outbox.filter(o::status.eq(PENDING));
    let depth = pending.count().get_result(conn)?;
    let oldest = o::outbox
        .filter(o::status.eq(PENDING))
        .select(diesel::dsl::min(o::created_at))
        .get_result(conn)?;
    let sent = o::outbox
        .filter(o::status.eq(SENT))
        .count()
        .get_result(conn)?;
    let failed = o::outbox
        .filter(o::status.eq(FAILED))
        .count()
        .get_result(conn)?;
    Ok((depth, oldest, sent, failed))
}
