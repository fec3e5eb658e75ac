//! What operators ask the database: is it ready to serve, and the figures `/metrics`
//! reports for it (outbox depth, alerts raised, the scheduler's last run). Read at scrape
//! time, so every instance reports the same figures.

use chrono::NaiveDateTime;

use crate::{Env, ServiceError, ServiceResult};
use store::{self, Db, DbConn};

/// Ready when the database answers, can take writes, and no migration is pending; the
/// reason otherwise, as `Unavailable` or `ReadOnly` (cannot write).
///
/// A full disk leaves the files openable and reads answering while every write fails: so
/// when this process's last write ended in a storage fault, readiness tries one write of
/// its own (`job_state` "readiness", when it last tried), which says whether room came
/// back. It writes nothing while writes go through, so a probe every few seconds does not
/// count as a change for what is kept.
pub fn readiness(db: &mut Db, env: &Env) -> ServiceResult<()> {
    diesel::RunQueryDsl::execute(diesel::sql_query("SELECT 1"), &mut **db)?;
    store::health::writable(db).map_err(|e| ServiceError::ReadOnly(format!("read-only: {e}")))?;
    if !db.migrations_current() {
        return Err(ServiceError::Unavailable("migrations are pending".into()));
    }
    if db.writes().and_then(|w| w.failing()).is_some() {
        crate::upkeep::record_start(db, READINESS_PROBE, env.stamp())?;
    }
    Ok(())
}

/// The `job_state` row readiness writes while writes fail.
const READINESS_PROBE: &str = "readiness";

/// Whether this process's writes go through, for `/metrics`: the last one's outcome, the
/// storage faults since start-up, and the bytes free on the SQLite database's disk.
#[derive(Debug, Clone, Copy)]
pub struct WriteFigures {
    pub writable: bool,
    pub faults: u64,
    pub disk_free_bytes: Option<u64>,
}

pub fn write_figures(db: &mut Db) -> WriteFigures {
    let (writable, faults) = match db.writes() {
        Some(w) => (w.failing().is_none(), w.faults()),
        None => (true, 0),
    };
    WriteFigures {
        writable: writable && store::health::writable(db).is_ok(),
        faults,
        disk_free_bytes: store::health::disk_free_bytes(db),
    }
}

/// The database's side of `/metrics`.
pub struct DatabaseFigures {
    pub outbox_depth: i64,
    pub outbox_oldest: Option<NaiveDateTime>,
    pub emails_sent: i64,
    pub emails_undeliverable: i64,
    pub emails_failed: i64,
    /// Alerts raised, by level.
    pub alerts: Vec<(String, i64)>,
    /// Chat messages by status, failed chat attempts, and messages failed for good by the
    /// reason's code ("errcode 45002", "HTTP 404").
    pub chat_by_status: Vec<(String, i64)>,
    pub chat_failed: i64,
    pub chat_refusals: Vec<(String, i64)>,
    /// The scheduler's last run and its duration in milliseconds.
    pub scheduler: Option<(Option<NaiveDateTime>, Option<i64>)>,
}

/// Failed-for-good counts by the code before the reason's ':' (a bounded label set).
fn refusal_codes(rows: Vec<(Option<String>, i64)>) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for (reason, n) in rows {
        let reason = reason.unwrap_or_default();
        let code = reason
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        match out.iter_mut().find(|(c, _)| *c == code) {
            Some((_, total)) => *total += n,
            None => out.push((code, n)),
        }
    }
    out.sort();
    out
}

pub fn figures(conn: &mut DbConn) -> ServiceResult<DatabaseFigures> {
    let (chat_by_status, chat_failed) = store::chat_outbox::stats(conn)?;
    let (outbox_depth, outbox_oldest, emails_sent, emails_undeliverable) =
        store::outbox::stats(conn)?;
    Ok(DatabaseFigures {
        outbox_depth,
        outbox_oldest,
        emails_sent,
        emails_undeliverable,
        emails_failed: store::outbox::failed_attempts(conn)?,
        alerts: store::alerts::count_by_level(conn)?,
        chat_by_status,
        chat_failed,
        chat_refusals: refusal_codes(store::chat_outbox::failed_reasons(conn)?),
        scheduler: store::jobs::last_run(conn, "scheduler")?,
    })
}
