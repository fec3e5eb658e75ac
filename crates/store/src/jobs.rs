use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::job_state::dsl as j;
use super::{DbConn, WriteTx};

/// Records that a run of the job started (what the catch-up page shows).
pub fn record_start(conn: &mut WriteTx, name: &str, now: NaiveDateTime) -> QueryResult<()> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(j::job_state.find(name))
        .set(j::last_run_at.eq(Some(now)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(j::job_state)
            .values((j::name.eq(name), j::last_run_at.eq(Some(now))))
            .execute(conn)?;
    }
    Ok(())
}

pub fn record_duration(conn: &mut WriteTx, name: &str, millis: i64) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(j::job_state.find(name))
        .set(j::last_duration_ms.eq(Some(millis)))
        .execute(conn)
}

/// (last run, its duration in ms) of a job.
pub fn last_run(
    conn: &mut DbConn,
    name: &str,
) -> QueryResult<Option<(Option<NaiveDateTime>, Option<i64>)>> {
    j::job_state
        .find(name)
        .select((j::last_run_at, j::last_duration_ms))
        .get_result(conn)
        .optional()
}
