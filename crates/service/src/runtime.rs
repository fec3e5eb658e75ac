//! What every use case run by the API, the pages and the jobs shares: the pool, the
//! settings, the clock, the calendar, and the mail and chat senders. Use cases run on the
//! blocking pool, never on the async workers.

use std::sync::Arc;

use chat::ChatClient;
use chrono::{DateTime, Utc};
use mail::Mailer;
use settings::Settings;
use store::{Db, DbConn, DbPool};

use crate::calendar::CalendarCache;
use crate::{Clock, Env, ServiceError, ServiceResult};

#[derive(Clone)]
pub struct Runtime {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub clock: Clock,
    /// Reloaded when an admin publishes a year, so figures follow at once.
    pub calendar: Arc<CalendarCache>,
    /// Built at start-up, so a bad `smtp.from` stops the service early.
    pub mailer: Arc<Mailer>,
    /// Posts to chat robots (企业微信, 钉钉), only to allowed hosts.
    pub chat: Arc<ChatClient>,
    /// One permit per pooled connection ([`Lanes::of`]).
    pub lanes: Lanes,
}

/// Use cases running at once, at most one per pooled connection: the rest wait for a
/// permit on the async workers instead of each on a blocking thread of its own, parked on
/// the pool. A second's stall with 200 requests a second arriving held 300 such threads
/// and, with them, 1.3 GB that the allocator never gave back (BENCHMARKS.md, issue 32).
#[derive(Clone)]
pub struct Lanes {
    permits: Arc<tokio::sync::Semaphore>,
    /// The pool's own time-out: waiting for a permit counts against it as waiting for a
    /// connection did.
    timeout: std::time::Duration,
}

impl Lanes {
    pub fn of(pool: &DbPool) -> Lanes {
        let (size, timeout) = pool.limits();
        Lanes {
            permits: Arc::new(tokio::sync::Semaphore::new(size as usize)),
            timeout,
        }
    }

    async fn enter(&self) -> ServiceResult<tokio::sync::OwnedSemaphorePermit> {
        let waited = tokio::time::timeout(self.timeout, self.permits.clone().acquire_owned());
        match waited.await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(closed)) => Err(ServiceError::caused("lanes closed", closed)),
            Err(_) => Err(ServiceError::Unavailable(format!(
                "no connection free within {} s",
                self.timeout.as_secs()
            ))),
        }
    }
}

impl Runtime {
    /// The environment of a use case about to run on this connection.
    pub fn env_with(&self, conn: &mut DbConn) -> ServiceResult<Env> {
        self.env_at(conn, self.clock.now())
    }

    /// The same with "now" given: a job run `--at` an instant.
    pub fn env_at(&self, conn: &mut DbConn, now: DateTime<Utc>) -> ServiceResult<Env> {
        let calendar = self.calendar.current(conn, false)?;
        Ok(Env {
            now,
            today: now
                .with_timezone(&self.settings.alerts.timezone)
                .date_naive(),
            tz: self.settings.alerts.timezone,
            calendar,
            stalled_after_days: self.settings.alerts.stalled_after_days,
            request_limits: self.settings.requests.clone(),
            token_ttl_hours: self.settings.auth.token_ttl_hours,
            signing_reference_days: self.settings.landing.signing_to_permit_reference_days,
        })
    }

    /// Runs a use case with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db, &Env) -> ServiceResult<T> + Send + 'static,
    {
        let runtime = self.clone();
        // The blocking thread logs under the request's span (and so its request id).
        let span = tracing::Span::current();
        let permit = self.lanes.enter().await?;
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _entered = span.enter();
            let mut conn = runtime
                .pool
                .get()
                .map_err(|e| ServiceError::Unavailable(e.to_string()))?;
            let result = runtime
                .env_with(&mut conn)
                .and_then(|env| f(&mut conn, &env));
            // The database stopped answering on this connection, most likely: it is
            // closed, not lent again (at worst a healthy one is opened afresh).
            if let Err(ServiceError::Unavailable(_)) = result {
                conn.found_gone();
            }
            result
        })
        .await
        .map_err(|e| ServiceError::caused("blocking task failed", e))?;
        result
    }
}
