//! What each command does, once its arguments are parsed.

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::Path;

use crate::config::Settings;
use crate::service::accounts::users::CreateUser;
use crate::service::{Clock, Role};
use crate::startup::{prepare, Application};
use crate::store::{Db, DbConn, DbUrl};

use super::{Cli, Failure};

/// An import file, read no further than the limit (it may be endless, like a pipe).
fn read_bounded(
    file: &Path,
    limits: &crate::report::import_limits::ImportLimits,
) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let failed = |e: std::io::Error| Failure::new(2, format!("{}: {e}", file.display()));
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| {
            f.take(limits.max_file_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
        })
        .map_err(failed)?;
    limits.check_file(bytes.len() as u64).map_err(|e| {
        Failure::new(
            1,
            crate::service::imports::import_refusals::explain(
                &crate::service::imports::import_refusals::unreadable(e),
            ),
        )
    })?;
    Ok(bytes)
}

/// For a command that uses one connection and ends: a pool of one. A larger pool keeps
/// one connection idle by opening another on its own thread as soon as one is taken, and
/// a process that exits while that thread is inside libpq can die by a signal instead of
/// exiting with its code (seen once as `user add` on PostgreSQL).
fn one_connection(mut settings: Settings) -> Settings {
    settings.database.pool_size = 1;
    settings
}

pub(super) fn settings_for(cli: &Cli, demo: bool) -> Result<Settings, Failure> {
    let mut settings = Settings::load(std::path::Path::new("."), cli.config.as_deref())
        .map_err(|e| Failure::new(2, e))?;
    if let Some(url) = &cli.database_url {
        settings.database.url = url.clone().into();
    } else if demo {
        settings.database.url = "sqlite://data/demo.db".into();
    }
    Ok(settings)
}

pub async fn serve(cli: &Cli, bind: Option<SocketAddr>, demo: bool) -> Result<(), Failure> {
    let mut settings = settings_for(cli, demo)?;
    if let Some(b) = bind {
        settings.server.bind = b;
    }
    crate::telemetry::init(&settings.log);
    links_follow_bind(&mut settings, demo);
    let state = prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
    if demo {
        let logins = crate::demo::fill(&state).map_err(|e| Failure::new(1, e))?;
        crate::demo::print_logins(logins, &settings);
    }
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let scheduler = settings
        .scheduler
        .enabled
        .then(|| crate::jobs::spawn_scheduler(state.runtime.clone(), stopped));
    let checkpoints = crate::jobs::wal::spawn_checkpoints(state.runtime.clone(), stop.subscribe());
    let app =
        Application::with_state(&settings, state).map_err(|e| Failure::new(e.exit_code(), e))?;
    tracing::info!(port = app.port(), "listening");
    let served = app
        .run_until_stopped()
        .await
        .map_err(|e| Failure::new(1, e));
    // The server has finished its requests; let the scheduler finish its pass.
    let _ = stop.send(true);
    if let Some(s) = scheduler {
        let _ = s.await;
    }
    let _ = checkpoints.await;
    served
}

/// Links in emails, feeds and robot messages start with `server.public_url`. Left at its
/// shipped default it points at the default port: the demo then uses the address it binds
/// (the links work wherever it listens); `serve` says so once, as a warning, since only the
/// operator knows the address users reach it by.
fn links_follow_bind(settings: &mut Settings, demo: bool) {
    let Some(default) = crate::config::shipped::default_public_url() else {
        return;
    };
    let bound = crate::demo::reachable(settings.server.bind);
    let at_default = settings.server.public_url.trim_end_matches('/') == default;
    if !at_default || bound == default {
        return;
    }
    if demo {
        settings.server.public_url = bound;
    } else {
        tracing::warn!(
            public_url = %default,
            bind = %settings.server.bind,
            "server.public_url is left at its default and differs from the address served: links in emails, calendar feeds and robot messages will not reach this server; set server.public_url"
        );
    }
}

pub fn backup(cli: &Cli, file: &Path) -> Result<(), Failure> {
    let settings = settings_for(cli, false)?;
    let url = DbUrl::parse(settings.database.url.expose()).map_err(|e| Failure::new(2, e))?;
    let mut conn = DbConn::open(&url).map_err(|e| Failure::new(2, e))?;
    crate::store::backup::to_file(&mut conn, file).map_err(|e| Failure::new(2, e))?;
    println!("{} backed up to {}", url.redacted(), file.display());
    Ok(())
}

/// The database migrated and its calendar seeded: (its URL, the connection, migrations
/// applied, calendar years loaded).
fn migrated(cli: &Cli) -> Result<(DbUrl, Db, usize, usize), Failure> {
    let settings = settings_for(cli, false)?;
    let url = DbUrl::parse(settings.database.url.expose()).map_err(|e| Failure::new(2, e))?;
    let mut conn = Db::of(DbConn::open(&url).map_err(|e| Failure::new(2, e))?);
    let ran = conn.migrate().map_err(|e| Failure::new(2, e))?;
    let now = chrono::Utc::now().naive_utc();
    let years = conn.write(|tx| {
        crate::service::calendar::seed(tx, &settings.data.calendar_file, now)
            .map_err(|e| Failure::new(2, e))
    })?;
    Ok((url, conn, ran, years))
}

/// Every stored derived figure computed again from the events (`all`), or only when the
/// rules' version changed; how many projects were read.
fn recompute_figures(conn: &mut Db, all: bool) -> Result<Option<usize>, Failure> {
    use crate::service::steps::light_dates::{follow_rules, recompute_all};
    let cal = crate::service::calendar::CalendarCache::new(conn)
        .and_then(|c| c.current(conn, false))
        .map_err(|e| Failure::new(2, e))?;
    let now = chrono::Utc::now().naive_utc();
    let done = if all {
        recompute_all(conn, &cal, now).map(Some)
    } else {
        follow_rules(conn, &cal, now)
    };
    done.map_err(|e| Failure::new(1, e))
}

pub fn migrate(cli: &Cli) -> Result<(), Failure> {
    let (url, mut conn, ran, years) = migrated(cli)?;
    let recomputed = recompute_figures(&mut conn, false)?;
    println!(
        "{ran} migration(s) applied to {}; {years} calendar year(s) loaded",
        url.redacted()
    );
    if let Some(n) = recomputed {
        println!("light dates of {n} project(s) computed by the current rules");
    }
    Ok(())
}

pub fn recompute(cli: &Cli) -> Result<(), Failure> {
    let (url, mut conn, _, _) = migrated(cli)?;
    let n = recompute_figures(&mut conn, true)?.unwrap_or_default();
    println!(
        "light dates of {n} project(s) in {} computed by the current rules",
        url.redacted()
    );
    Ok(())
}

pub fn run_jobs(cli: &Cli, at: Option<chrono::DateTime<chrono::Utc>>) -> Result<(), Failure> {
    let settings = settings_for(cli, false)?;
    crate::telemetry::init(&settings.log);
    let state = prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
    let at = at.unwrap_or_else(chrono::Utc::now);
    let report = crate::jobs::run_once(&state, at).map_err(|e| Failure::new(1, e))?;
    println!(
        "alerts raised: {}, emails queued: {}, sent: {}, failed: {}{}",
        report.alerts_raised,
        report.emails_queued,
        report.emails_sent,
        report.emails_failed,
        if report.sending_window {
            ""
        } else {
            " (outside the sending window: emails wait)"
        }
    );
    Ok(())
}

pub fn weekly_report(
    cli: &Cli,
    week: Option<&str>,
    format: &str,
    output: &Path,
) -> Result<(), Failure> {
    let settings = settings_for(cli, false)?;
    let format = crate::service::reports::parse_format(format).map_err(|e| Failure::new(2, e))?;
    let state = prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
    let mut conn = state.pool.get().map_err(|e| Failure::new(2, e))?;
    let env = state.env_with(&mut conn).map_err(|e| Failure::new(1, e))?;
    let week =
        crate::service::reports::parse_week(week, env.today).map_err(|e| Failure::new(2, e))?;
    let report = crate::service::reports::build_weekly(&mut conn, &env, week)
        .map_err(|e| Failure::new(1, e))?;
    let bytes = crate::report::render(&report, format).map_err(|e| Failure::new(1, e))?;
    std::fs::write(output, bytes).map_err(|e| Failure::new(1, e))?;
    println!(
        "weekly report {} written to {}",
        report.week,
        output.display()
    );
    Ok(())
}

/// `forecast backtest --as-of D`: the calibration of the forecasts (docs/rules.md).
pub fn forecast_backtest(cli: &Cli, as_of: chrono::NaiveDate, format: &str) -> Result<(), Failure> {
    if !matches!(format, "text" | "json") {
        return Err(Failure::new(2, "--format is text or json"));
    }
    let settings = settings_for(cli, false)?;
    let state = prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
    let mut conn = state.pool.get().map_err(|e| Failure::new(2, e))?;
    let env = state.env_with(&mut conn).map_err(|e| Failure::new(1, e))?;
    let b = crate::service::forecasts::backtest::run(&mut conn, &env, as_of)
        .map_err(|e| Failure::new(2, e))?;
    if format == "json" {
        let text = serde_json::to_string_pretty(&b).map_err(|e| Failure::new(1, e))?;
        println!("{text}");
    } else {
        println!(
            "backtest as of {}: {} step(s) and {} project(s) finished since\n\
             P50 coverage {:.1} % (ideal 50 %), P80 coverage {:.1} % (ideal 80 %, honest 75–85 %)\n\
             mean absolute error: forecast {:.1} working days, schedule {:.1}",
            b.as_of,
            b.steps,
            b.projects,
            b.p50_coverage * 100.0,
            b.p80_coverage * 100.0,
            b.mae_forecast_days,
            b.mae_schedule_days
        );
    }
    Ok(())
}

pub fn import_projects(cli: &Cli, file: &Path, user: Option<&str>) -> Result<(), Failure> {
    let settings = one_connection(settings_for(cli, false)?);
    let bytes = read_bounded(file, &settings.imports)?;
    let state = prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
    let mut conn = state.pool.get().map_err(|e| Failure::new(2, e))?;
    let env = state.env_with(&mut conn).map_err(|e| Failure::new(1, e))?;
    let actor = crate::service::accounts::actor::cli_actor(&mut conn, user)
        .map_err(|e| Failure::new(2, e))?;
    let started = std::time::Instant::now();
    let upload = (bytes.as_slice(), None);
    let out =
        crate::service::imports::import(&mut conn, &env, &actor, upload, &settings.imports)
            .map_err(|e| Failure::new(1, crate::service::imports::import_refusals::explain(&e)))?;
    println!(
        "imported {} project(s), {} step(s), {} event(s) in {:.1} s",
        out.projects,
        out.steps,
        out.events,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `user add`'s arguments.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub role: &'a str,
    pub email: &'a str,
    pub enterprise_id: Option<i32>,
    pub display_name: Option<&'a str>,
}

pub fn add_user(cli: &Cli, new: NewUser) -> Result<(), Failure> {
    let NewUser {
        username,
        role,
        email,
        enterprise_id,
        display_name,
    } = new;
    let settings = one_connection(settings_for(cli, false)?);
    let role = Role::parse(role).ok_or_else(|| {
        Failure::new(
            2,
            format!("--role must be admin, manager, liaison or enterprise, not {role:?}"),
        )
    })?;
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| Failure::new(2, e))?;
    let req = CreateUser {
        username: username.to_string(),
        display_name: display_name.unwrap_or(username).to_string(),
        email: email.to_string(),
        role,
        phone: None,
        enterprise_id,
        password: password.trim_end_matches(['\r', '\n']).to_string(),
    };
    let state = prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
    let mut conn = state.pool.get().map_err(|e| Failure::new(2, e))?;
    let env = state.env_with(&mut conn).map_err(|e| Failure::new(1, e))?;
    let user = crate::service::accounts::users::create(&mut conn, &env, None, &req)
        .map_err(|e| Failure::new(1, e))?;
    println!(
        "user {} created (id {}, role {})",
        user.username,
        user.id,
        user.role.as_str()
    );
    Ok(())
}
