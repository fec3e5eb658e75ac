//! Calendar-feed secrets (stored hashed) and the weekly reports already emailed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::ics_feeds::dsl as f;
use super::schema::weekly_reports_sent::dsl as w;
use super::{DbConn, WriteTx};

/// Sets (or replaces: rotation) the feed secret of a user.
pub fn set_secret(
    conn: &mut WriteTx,
    user_id: i32,
    secret_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let conn: &mut DbConn = conn;
    diesel::delete(f::ics_feeds.find(user_id)).execute(conn)?;
    diesel::insert_into(f::ics_feeds)
        .values((
            f::user_id.eq(user_id),
            f::secret_hash.eq(secret_hash),
            f::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether the user has a feed turned on.
pub fn exists(conn: &mut DbConn, user_id: i32) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(f::ics_feeds.find(user_id))).get_result(conn)
}

pub fn remove(conn: &mut WriteTx, user_id: i32) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::delete(f::ics_feeds.find(user_id)).execute(conn)
}

/// The user a feed secret belongs to.
pub fn user_of(conn: &mut DbConn, secret_hash: &str) -> QueryResult<Option<i32>> {
    f::ics_feeds
        .filter(f::secret_hash.eq(secret_hash))
        .select(f::user_id)
        .get_result(conn)
        .optional()
}

/// The latest week whose report was emailed ("2026-W08" sorts as text).
pub fn last_week_sent(conn: &mut DbConn) -> QueryResult<Option<String>> {
    w::weekly_reports_sent
        .select(diesel::dsl::max(w::week))
        .get_result(conn)
}

/// Records a week's report as sent; 0 if it was already.
pub fn record_week_sent(
    conn: &mut WriteTx,
    week: &str,
    emails: i32,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    let row = (w::week.eq(week), w::emails.eq(emails), w::sent_at.eq(now));
    crate::insert_or_nothing!(conn, w::weekly_reports_sent, row)
}

/// Licences tied to any of these projects, by expiry.
pub fn licences_of_projects(
    conn: &mut DbConn,
    project_ids: &[i32],
) -> QueryResult<Vec<super::licences::LicenceRow>> {
    use super::schema::licences::dsl as l;
    l::licences
        .filter(l::project_id.eq_any(project_ids))
        .order((l::expires_on, l::id))
        .select(super::licences::LicenceRow::as_select())
        .load(conn)
}
