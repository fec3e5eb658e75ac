//! What operators ask the database: is it ready to serve, and the figures `/metrics`
//! reports for it (outbox depth, alerts raised, the scheduler's last run). Read at scrape
//! time, so every instance reports the same figures.

use chrono::NaiveDateTime;

use super::{ServiceError, ServiceResult};
use crate::store::{self, DbConn};

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
    /// The scheduler's last run and its duration in milliseconds.
    pub scheduler: Option<(Option<NaiveDateTime>, Option<i64>)>,
}

pub fn figures(conn: &mut DbConn) -> ServiceResult<DatabaseFigures> {
    let (outbox_depth, outbox_oldest, emails_sent, emails_undeliverable) =
        store::outbox::stats(conn)?;
    Ok(DatabaseFigures {
        outbox_depth,
        outbox_oldest,
        emails_sent,
        emails_undeliverable,
        emails_failed: store::outbox::failed_attempts(conn)?,
        alerts: store::alerts::count_by_level(conn)?,
        scheduler: store::jobs::last_run(conn, "scheduler")?,
    })
}
