//! Bookkeeping of the jobs themselves: the scheduler's row lock and run durations, and
//! SQLite's WAL checkpoint. Jobs call these rather than the store.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;

use super::ServiceResult;
use crate::store::{self, DbConn, DbPool};

/// Takes the job's row lock for the rest of the transaction: a second instance's run
/// waits here, then sees what this one wrote.
pub fn lock_job(conn: &mut DbConn, name: &str, now: NaiveDateTime) -> ServiceResult<()> {
    Ok(store::jobs::lock(conn, name, now)?)
}

pub fn record_duration(conn: &mut DbConn, name: &str, millis: i64) -> ServiceResult<()> {
    store::jobs::record_duration(conn, name, millis)?;
    Ok(())
}

/// Whether this database keeps a write-ahead log to checkpoint (SQLite, not PostgreSQL).
pub fn has_wal(pool: &DbPool) -> bool {
    pool.writer().is_some()
}

/// Copies the WAL into the database and empties it, between two write batches so only
/// readers can make it wait; does nothing on PostgreSQL.
pub fn checkpoint_wal(pool: &DbPool) -> Result<(), diesel::result::Error> {
    let Some(writer) = pool.writer() else {
        return Ok(());
    };
    writer.between_batches(|conn| match conn {
        DbConn::Sqlite(c) => c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);"),
        DbConn::Pg(_) => Ok(()),
    })
}
