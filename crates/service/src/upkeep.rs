//! Bookkeeping of the jobs themselves: the scheduler's row lock and run durations, and
//! SQLite's WAL checkpoint. Jobs call these rather than the store.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::RunQueryDsl;

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

/// How long a checkpoint waits for readers to leave the log before it tries again later.
pub const OBSERVER_WAIT_MS: u32 = 100;

/// Copies the WAL into the database and empties it, between two write batches so only
/// readers can make it wait; does nothing on PostgreSQL, nor when the log is empty.
///
/// A checkpoint changes the file, and every other connection reads that as a change
/// (`PRAGMA data_version` moves): every kept list, report and forecast, keyed by it, started
/// over after each commit's checkpoint as well as after the commit (the cockpit computed
/// twice per sign-in), and every five seconds on a quiet server when a TRUNCATE reset an
/// empty log's header. So the checkpoint runs on the connection that reads the generation
/// (its own changes do not move its version), and an empty log is left alone. Every request
/// reads the generation on that connection: the TRUNCATE waits for readers at most
/// `OBSERVER_WAIT_MS` (then it is tried again at the next tick), not the pool's 5 s.
pub fn checkpoint_wal(pool: &DbPool) -> Result<(), diesel::result::Error> {
    let Some(writer) = pool.writer() else {
        return Ok(());
    };
    writer.between_batches(|_| {
        pool.on_observer(|conn| match conn {
            DbConn::Sqlite(c) => {
                let passive =
                    diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").get_result::<Wal>(c)?;
                if passive.log > 0 {
                    c.batch_execute(&format!("PRAGMA busy_timeout = {OBSERVER_WAIT_MS};"))?;
                    let truncated = c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);");
                    c.batch_execute(&format!(
                        "PRAGMA busy_timeout = {};",
                        store::BUSY_TIMEOUT_MS
                    ))?;
                    truncated?;
                }
                Ok(())
            }
            DbConn::Pg(_) => Ok(()),
        })
        .unwrap_or(Ok(()))
    })
}

/// `PRAGMA wal_checkpoint`'s answer: frames in the log (`log`); the others are unused.
#[derive(diesel::QueryableByName)]
struct Wal {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    log: i32,
}
