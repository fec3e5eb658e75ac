//! Bookkeeping of the jobs themselves: the scheduler's row lock and run durations, and
//! SQLite's WAL checkpoint. Jobs call these rather than the store.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;

use crate::{in_tx, ServiceResult};
use store::{self, Db, DbConn, DbPool};

/// Records that a run of the job started (what the catch-up page shows). Runs do not
/// lock each other out: what they write is written once (see `service::write_once`).
pub fn record_start(db: &mut Db, name: &str, now: NaiveDateTime) -> ServiceResult<()> {
    in_tx(db, |tx| Ok(store::jobs::record_start(tx, name, now)?))
}

pub fn record_duration(db: &mut Db, name: &str, millis: i64) -> ServiceResult<()> {
    in_tx(db, |tx| Ok(store::jobs::record_duration(tx, name, millis)?))?;
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
