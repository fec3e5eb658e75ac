//! Keeps SQLite's write-ahead log bounded. Its automatic checkpoint is passive: under a
//! steady mix of reads and writes some reader always holds an old snapshot, the log is
//! never reset, and it grew past 200 MB in a 10-second write run (scripts/bench.sh). Every
//! few seconds a TRUNCATE checkpoint waits (up to the busy timeout) for readers to move
//! on, copies the log into the database and empties it.

use std::time::Duration;

use service::upkeep;
use service::Runtime;

pub const EVERY: Duration = Duration::from_secs(5);

/// Runs until `stop` turns true; does nothing on PostgreSQL.
pub fn spawn_checkpoints(
    state: Runtime,
    stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if !upkeep::has_wal(&state.pool) {
            return; // PostgreSQL
        }
        super::every(EVERY, stop, || async {
            let pool = state.pool.clone();
            let done = tokio::task::spawn_blocking(move || -> Result<(), String> {
                // Between two write batches, so only readers can make it wait, briefly.
                upkeep::checkpoint_wal(&pool).map_err(|e| e.to_string())
            })
            .await;
            match done {
                Ok(Ok(())) => {}
                // Busy or briefly unavailable: the next tick tries again.
                Ok(Err(e)) => tracing::debug!(error = %e, "WAL checkpoint skipped"),
                Err(e) => tracing::warn!(error = %e, "WAL checkpoint task failed"),
            }
        })
        .await;
    })
}
