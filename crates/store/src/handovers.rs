//! A liaison's work handed to a successor: what they hold, the move itself, and the
//! record the successor's next digest reads.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::liaison_handovers::dsl as h;
use super::schema::project_liaisons::dsl as pl;
use super::schema::projects::dsl as p;
use super::schema::requests::dsl as r;
use super::{DbConn, WriteTx};

/// A request no longer needs its liaison only once closed.
const CLOSED: &str = "closed";

/// The running (not archived) projects a user is a liaison of: (id, name), by id.
pub fn held_projects(conn: &mut DbConn, user_id: i32) -> QueryResult<Vec<(i32, String)>> {
    p::projects
        .inner_join(pl::project_liaisons)
        .filter(pl::user_id.eq(user_id))
        .filter(p::archived.eq(false))
        .order(p::id)
        .select((p::id, p::name))
        .load(conn)
}

/// The requests a user owns that are not closed: (id, title), by id.
pub fn held_requests(conn: &mut DbConn, user_id: i32) -> QueryResult<Vec<(i32, String)>> {
    r::requests
        .filter(r::liaison_id.eq(user_id))
        .filter(r::status.ne(CLOSED))
        .order(r::id)
        .select((r::id, r::title))
        .load(conn)
}

/// Puts `to` in `from`'s place on each project (once, if already there), moving the
/// project's version and revision so a form or view drawn before is not trusted.
pub fn move_projects(
    conn: &mut WriteTx,
    from: i32,
    to: i32,
    ids: &[i32],
    at: NaiveDateTime,
) -> QueryResult<()> {
    for &id in ids {
        super::projects::lock(conn, id)?;
        let c: &mut DbConn = conn;
        diesel::delete(
            pl::project_liaisons.filter(pl::project_id.eq(id).and(pl::user_id.eq(from))),
        )
        .execute(c)?;
        let there: i64 = pl::project_liaisons
            .filter(pl::project_id.eq(id).and(pl::user_id.eq(to)))
            .count()
            .get_result(c)?;
        if there == 0 {
            diesel::insert_into(pl::project_liaisons)
                .values((pl::project_id.eq(id), pl::user_id.eq(to)))
                .execute(c)?;
        }
        diesel::update(p::projects.filter(p::id.eq(id)))
            .set((p::version.eq(p::version + 1), p::updated_at.eq(at)))
            .execute(c)?;
    }
    Ok(())
}

/// Makes `to` the owner of these requests (their versions move on).
pub fn move_requests(
    conn: &mut WriteTx,
    to: i32,
    ids: &[i32],
    at: NaiveDateTime,
) -> QueryResult<()> {
    let c: &mut DbConn = conn;
    for chunk in ids.chunks(500) {
        diesel::update(r::requests.filter(r::id.eq_any(chunk.to_vec())))
            .set((
                r::liaison_id.eq(to),
                r::version.eq(r::version + 1),
                r::updated_at.eq(at),
            ))
            .execute(c)?;
    }
    Ok(())
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::liaison_handovers)]
pub struct NewHandover {
    pub from_user_id: i32,
    pub to_user_id: i32,
    pub project_id: Option<i32>,
    pub request_id: Option<i32>,
    pub at: NaiveDateTime,
}

pub fn record(conn: &mut WriteTx, new: &NewHandover) -> QueryResult<()> {
    let c: &mut DbConn = conn;
    diesel::insert_into(h::liaison_handovers)
        .values(new)
        .execute(c)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::liaison_handovers)]
pub struct HandoverRow {
    pub id: i32,
    pub from_user_id: i32,
    pub to_user_id: i32,
    pub project_id: Option<i32>,
    pub request_id: Option<i32>,
    pub at: NaiveDateTime,
    pub outbox_id: Option<i32>,
}

/// What was handed to this user and not yet told them, oldest first.
pub fn untold(conn: &mut DbConn, to_user_id: i32) -> QueryResult<Vec<HandoverRow>> {
    h::liaison_handovers
        .filter(h::to_user_id.eq(to_user_id))
        .filter(h::outbox_id.is_null())
        .order(h::id)
        .select(HandoverRow::as_select())
        .load(conn)
}

/// Records the email that told these handovers; false if another run told any first.
pub fn mark_told(conn: &mut WriteTx, ids: &[i32], outbox_id: i32) -> QueryResult<bool> {
    let c: &mut DbConn = conn;
    let n = diesel::update(
        h::liaison_handovers
            .filter(h::id.eq_any(ids.to_vec()))
            .filter(h::outbox_id.is_null()),
    )
    .set(h::outbox_id.eq(outbox_id))
    .execute(c)?;
    Ok(n == ids.len())
}
