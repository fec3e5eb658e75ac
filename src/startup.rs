//! Building the application from settings: database, migrations, data files, server.
//! Everything lives in the library so tests can start the real app on port 0.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Settings;
use crate::http::{self, ApiDoc, ApiError, AppState};
use crate::service::calendar::{self, CalendarCache};
use crate::service::routes::RouteLoadError;
use crate::service::{Clock, ServiceError};
use crate::store::pool::open_pool;
use crate::store::{Db, DbConn, DbUrl, OpenError};

/// Why the service could not start; each is one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] OpenError),
    #[error(transparent)]
    Routes(#[from] RouteLoadError),
    #[error("calendar {0}")]
    Calendar(String),
    #[error("agencies {0}")]
    Agencies(String),
    #[error("database: {0}")]
    Store(#[from] diesel::result::Error),
    #[error("smtp: {0}")]
    Mail(#[from] crate::mail::MailError),
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: String, reason: String },
}

impl StartError {
    /// Exit code: 2 for anything the operator must fix before trying again.
    pub fn exit_code(&self) -> i32 {
        2
    }
}

/// Opens the database (applying pending migrations) and loads the data files.
pub fn prepare(settings: &Settings, clock: Clock) -> Result<AppState, StartError> {
    let url = DbUrl::parse(settings.database.url.expose())?;
    let mut conn = Db::of(DbConn::open(&url)?);
    let ran = conn.migrate()?;
    if ran > 0 {
        tracing::info!(migrations = ran, "database migrated");
    }
    let now = clock.now().naive_utc();
    // Each seed in one write transaction: a data file half read leaves nothing behind.
    conn.write(|tx| {
        calendar::seed(tx, &settings.data.calendar_file, now).map_err(StartError::Calendar)
    })?;
    let calendar =
        CalendarCache::new(&mut conn).map_err(|e| StartError::Calendar(e.to_string()))?;
    let cal = calendar
        .current(&mut conn, false)
        .map_err(|e| StartError::Calendar(e.to_string()))?;
    // Stored dates computed by other rules than these are all computed again.
    if let Some(n) = crate::service::steps::light_dates::follow_rules(&mut conn, &cal, now)
        .map_err(|e| StartError::Calendar(format!("light dates: {e}")))?
    {
        tracing::info!(
            projects = n,
            "light dates computed again by the current rules"
        );
    }
    let refreshed = crate::service::steps::light_dates::backfill(&mut conn, &cal)
        .map_err(|e| StartError::Calendar(format!("light dates: {e}")))?;
    if refreshed > 0 {
        tracing::info!(projects = refreshed, "light dates brought up to date");
    }
    let seeded = conn.write(|tx| {
        crate::service::routes::seed(tx, &settings.data.routes_dir, now).map_err(StartError::from)
    })?;
    if seeded > 0 {
        tracing::info!(
            templates = seeded,
            "route templates seeded from their files"
        );
    }
    let agencies = conn.write(|tx| {
        crate::service::routes::agency_seed::seed(tx, &settings.data.agencies_file, now)
            .map_err(StartError::Agencies)
    })?;
    if agencies > 0 {
        tracing::info!(agencies, "agencies seeded");
    }
    // A stored version that cannot be read stops start-up, not a project's creation later.
    crate::service::routes::stored(&mut conn)?;
    drop(conn);
    let timeout = Duration::from_secs(settings.database.connect_timeout_seconds.max(1));
    let pool = open_pool(&url, settings.database.pool_size, timeout)?;
    Ok(AppState::new(crate::service::Runtime {
        lanes: crate::service::runtime::Lanes::of(&pool),
        pool,
        settings: Arc::new(settings.clone()),
        clock,
        calendar: Arc::new(calendar),
        mailer: Arc::new(crate::mail::Mailer::new(&settings.smtp)?),
        chat: Arc::new(crate::chat::ChatClient::new(&settings.chat)),
    }))
}

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

impl Application {
    /// Binds `settings.server.bind` (port 0 picks a free one) and builds the server.
    pub fn build(settings: &Settings, clock: Clock) -> Result<Application, StartError> {
        Application::with_state(settings, prepare(settings, clock)?)
    }

    /// Serves an already prepared state (the demo fills it first).
    pub fn with_state(settings: &Settings, state: AppState) -> Result<Application, StartError> {
        let addr = settings.server.bind;
        let listener = TcpListener::bind(addr).map_err(|e| StartError::Bind {
            addr: addr.to_string(),
            reason: e.to_string(),
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Bind {
                addr: addr.to_string(),
                reason: e.to_string(),
            })?
            .port();
        let server = serve(listener, state.clone()).map_err(|e| StartError::Bind {
            addr: addr.to_string(),
            reason: e.to_string(),
        })?;
        Ok(Application {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let server =
        HttpServer::new(move || {
            let (app, api) = App::new()
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .service(utoipa_actix_web::scope("/api/v1").configure(http::api::configure))
                .split_for_parts();
            let api = http::openapi::finish(api);
            app.wrap(actix_web::middleware::from_fn(http::ops::track))
                .wrap(TracingLogger::<http::request_span::RequestSpan>::new())
                .wrap(http::security_headers())
                .app_data(web::Data::new(state.clone()))
                .app_data(web::QueryConfig::default().error_handler(|e, _| {
                    ApiError::malformed(format!("bad query parameter: {e}")).into()
                }))
                .app_data(web::PathConfig::default().error_handler(|_, _| {
                    ApiError::Service(ServiceError::NotFound("resource")).into()
                }))
                .route("/healthz", web::get().to(http::healthz))
                .route("/readyz", web::get().to(http::ops::readyz))
                .route("/metrics", web::get().to(http::ops::metrics))
                .configure(http::pages::configure)
                .configure(http::api::reports::ics::configure_ics)
                .route("/docs", web::get().to(http::docs_redirect))
                .service(SwaggerUi::new("/docs/{_:.*}").url("/api/openapi.json", api))
                .default_service(web::to(http::not_found))
        })
        .listen(listener)?
        .shutdown_timeout(30)
        .run();
    Ok(server)
}
