//! What operators ask the database: is it ready to serve, and the figures `/metrics`
//! reports for it (outbox depth, alerts raised, the scheduler's last run). Read at scrape
//! time, so every instance reports the same figures.

use chrono::NaiveDateTime;

use crate::{ServiceError, ServiceResult};
use store::{self, DbConn};

/// Ready when the database answers, can take writes, and no migration is pending; the
/// reason otherwise, as `Unavailable`.
pub fn readiness(conn: &mut DbConn) -> ServiceResult<()> {
    diesel::RunQueryDsl::execute(diesel::sql_query("SELECT 1"), conn)?;
    store::health::writable(conn).map_err(|e| ServiceError::ReadOnly(format!("read-only: {e}")))?;
    if conn.migrations_current() {
        Ok(())
    } else {
        Err(ServiceError::Unavailable("migrations are pending".into()))
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
