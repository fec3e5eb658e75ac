//! What every handler shares: the service's [`Runtime`] (pool, settings, clock, calendar,
//! senders), and this instance's caches and counters, which only the web layer reads.

use std::ops::Deref;
use std::sync::Arc;

use service::Runtime;

#[derive(Clone)]
pub struct AppState {
    pub runtime: Runtime,
    /// Request counters of this instance, for `/metrics`.
    pub metrics: Arc<crate::metrics::RequestMetrics>,
    /// Recently checked bearer tokens and session cookies.
    pub sessions: Arc<crate::session_cache::SessionCache>,
    /// Project views and schedules as last sent, while still current.
    pub views: Arc<crate::view_cache::ViewCache>,
    /// Project lists as last sent, until the next commit (SQLite).
    pub lists: Arc<crate::list_cache::ListCache>,
    /// The zone's history the forecasts draw from, until the next commit.
    pub forecasts: Arc<service::forecasts::ForecastCache>,
    /// Every project's digest, each until its project changes (lists, homes, cockpit).
    pub digests: Arc<service::projects::digest_cache::DigestCache>,
    /// The weekly reports and the cockpit, until the next commit.
    pub reports: Arc<service::reports::report_cache::ReportCache>,
    pub cockpit: Arc<service::projects::cockpit::CockpitCache>,
    /// The staff's list selections and the homes' cards, until the next commit.
    pub page_lists: Arc<service::projects::kept_lists::ListsCache>,
    /// Each person's `/my` cards as made for the template, until the next commit.
    pub my_cards: Arc<MyCardsCache>,
}

/// `/my`'s cards by person, language and search, under one basis.
pub type MyCardsCache =
    service::kept::Shelf<service::kept::Basis, String, crate::pages::MadeCards, 1024>;

impl AppState {
    pub fn new(runtime: Runtime) -> AppState {
        let digests: Arc<service::projects::digest_cache::DigestCache> = Arc::default();
        AppState {
            runtime,
            metrics: Arc::default(),
            sessions: Arc::default(),
            views: Arc::default(),
            lists: Arc::default(),
            // The history is made from the same digests the lists keep.
            forecasts: Arc::new(service::forecasts::ForecastCache::with_digests(
                digests.clone(),
            )),
            digests,
            reports: Arc::default(),
            cockpit: Arc::default(),
            page_lists: Arc::default(),
            my_cards: Arc::default(),
        }
    }
}

/// Handlers read `state.pool`, `state.settings`, `state.run(…)` as before the runtime moved
/// into the service crate (so the jobs share it without the web layer's caches).
impl Deref for AppState {
    type Target = Runtime;

    fn deref(&self) -> &Runtime {
        &self.runtime
    }
}

impl AppState {
    /// `f` with the instance's forecast cache under the data generation ([`run_keeping`]'s).
    ///
    /// [`run_keeping`]: AppState::run_keeping
    pub async fn run_forecasting<T, F>(&self, f: F) -> service::ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(
                &mut service::Db,
                &service::Env,
                service::forecasts::Kept,
            ) -> service::ServiceResult<T>
            + Send
            + 'static,
    {
        let cache = self.forecasts.clone();
        self.run_keeping(move |conn, env, keep| f(conn, env, (&cache, keep.generation)))
            .await
    }

    /// `f` with this instance's kept lists and digests under the data generation, read
    /// first: a commit meanwhile starts a new generation, so nothing stale is kept.
    pub async fn run_keeping<T, F>(&self, f: F) -> service::ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(
                &mut service::Db,
                &service::Env,
                service::projects::kept_lists::Keep,
            ) -> service::ServiceResult<T>
            + Send
            + 'static,
    {
        let (lists, digests, pool) = (
            self.page_lists.clone(),
            self.digests.clone(),
            self.pool.clone(),
        );
        self.run(move |conn, env| {
            let generation = pool.data_generation(conn);
            let keep = service::projects::kept_lists::Keep {
                lists: &lists,
                digests: &digests,
                generation,
            };
            f(conn, env, keep)
        })
        .await
    }
}
