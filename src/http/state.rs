//! What every handler shares: the pool, the settings, the clock, the calendar and the
//! route catalogue. Use cases run on the blocking pool, never on the async workers.

use std::sync::{Arc, RwLock};

use actix_web::web;

use crate::config::Settings;
use crate::domain::calendar::WorkCalendar;
use crate::service::routes::RouteCatalog;
use crate::service::{Clock, Env, ServiceError, ServiceResult};
use crate::store::{DbConn, DbPool};

use super::problem::ApiError;

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub clock: Clock,
    /// Replaced as a whole when an admin publishes a year, so figures follow at once.
    pub calendar: Arc<RwLock<Arc<WorkCalendar>>>,
    pub routes: Arc<RouteCatalog>,
}

impl AppState {
    pub fn env(&self) -> Env {
        let now = self.clock.now();
        let calendar = match self.calendar.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        Env {
            now,
            today: now
                .with_timezone(&self.settings.alerts.timezone)
                .date_naive(),
            tz: self.settings.alerts.timezone,
            calendar,
            routes: self.routes.clone(),
            stalled_after_days: self.settings.alerts.stalled_after_days,
            token_ttl_hours: self.settings.auth.token_ttl_hours,
        }
    }

    /// Runs a use case with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn, &Env) -> ServiceResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let env = self.env();
        let result = web::block(move || {
            let mut conn = pool
                .get()
                .map_err(|e| ServiceError::Unavailable(e.to_string()))?;
            f(&mut conn, &env)
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("blocking task failed: {e}")))?;
        result.map_err(ApiError::from)
    }
}
