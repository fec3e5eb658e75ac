use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::rows::{NewSession, UserRow};
use super::schema::{sessions::dsl as s, users};
use super::{DbConn, WriteTx};

pub fn insert(conn: &mut WriteTx, new: &NewSession) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, s::sessions, new, s::id)
}

/// The active user holding a live (unexpired, unrevoked) session with this token hash.
pub fn live_user(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(i32, UserRow)>> {
    s::sessions
        .inner_join(users::table)
        .filter(s::token_hash.eq(token_hash))
        .filter(s::expires_at.gt(now))
        .filter(s::revoked_at.is_null())
        .filter(users::active.eq(true))
        .select((s::id, UserRow::as_select()))
        .get_result(conn)
        .optional()
}

pub fn revoke(conn: &mut WriteTx, session_id: i32, now: NaiveDateTime) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(s::sessions.find(session_id))
        .set(s::revoked_at.eq(Some(now)))
        .execute(conn)
}

/// Ends every session of a user (password change, account disabled).
pub fn revoke_all_of(conn: &mut WriteTx, user_id: i32, now: NaiveDateTime) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(
        s::sessions
            .filter(s::user_id.eq(user_id))
            .filter(s::revoked_at.is_null()),
    )
    .set(s::revoked_at.eq(Some(now)))
    .execute(conn)
}

/// Ends every session of a user but one (the user changed their own password here).
pub fn revoke_others_of(
    conn: &mut WriteTx,
    user_id: i32,
    keep: i32,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(
        s::sessions
            .filter(s::user_id.eq(user_id))
            .filter(s::id.ne(keep))
            .filter(s::revoked_at.is_null()),
    )
    .set(s::revoked_at.eq(Some(now)))
    .execute(conn)
}
