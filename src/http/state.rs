//! What every handler shares: the pool, the settings, the clock, the calendar and the
//! route catalogue. Use cases run on the blocking pool, never on the async workers.

use std::sync::Arc;

use actix_web::web;

use crate::config::Settings;
use crate::service::calendar::CalendarCache;
use crate::service::routes::RouteCatalog;
use crate::service::{Clock, Env, ServiceError, ServiceResult};
use crate::store::{DbConn, DbPool};

use super::problem::ApiError;

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub clock: Clock,
    /// Reloaded when an admin publishes a year, so figures follow at once.
    pub calendar: Arc<CalendarCache>,
    pub routes: Arc<RouteCatalog>,
}

impl AppState {
    /// The environment of a use case about to run on this connection.
    pub fn env_with(&self, conn: &mut DbConn) -> ServiceResult<Env> {
        let now = self.clock.now();
        let calendar = self.calendar.current(conn, false)?;
        Ok(Env {
            now,
            today: now
                .with_timezone(&self.settings.alerts.timezone)
                .date_naive(),
            tz: self.settings.alerts.timezone,
            calendar,
            routes: self.routes.clone(),
            stalled_after_days: self.settings.alerts.stalled_after_days,
            token_ttl_hours: self.settings.auth.token_ttl_hours,
        })
    }

    /// Runs a use case with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn, &Env) -> ServiceResult<T> + Send + 'static,
    {
        let state = self.clone();
        let result = web::block(move || {
            let mut conn = state
                .pool
                .get()
                .map_err(|e| ServiceError::Unavailable(e.to_string()))?;
            let env = state.env_with(&mut conn)?;
            f(&mut conn, &env)
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("blocking task failed: {e}")))?;
        result.map_err(ApiError::from)
    }
}
