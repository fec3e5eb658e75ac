//! The command line of API.md: `serve`, `demo`, `migrate`, `user add`, `report weekly`,
//! `import projects`.

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::service::users::CreateUser;
use crate::service::{Clock, Role};
use crate::startup::{prepare, Application};
use crate::store::{DbConn, DbUrl};

#[derive(Debug, Parser)]
#[command(
    name = "approval-tracker",
    version,
    about = "Investment projects through their government approvals"
)]
pub struct Cli {
    /// A settings file layered over config/default.toml and config/local.toml.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// sqlite://data/app.db, sqlite:///abs/path.db or postgres://user@host:port/db
    #[arg(long, global = true, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the service (applies pending migrations first).
    Serve {
        #[arg(long)]
        bind: Option<SocketAddr>,
    },
    /// Run the service on a demo database (data/demo.db) with example projects.
    Demo {
        #[arg(long)]
        bind: Option<SocketAddr>,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Copy the SQLite database to FILE while the service runs (PostgreSQL: use pg_dump).
    Backup { file: PathBuf },
    /// Run the scheduled jobs once, as of INSTANT (default now): catch-up after downtime.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Reports for managers.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Bulk imports.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The weekly report of an ISO week, written to a file.
    Weekly {
        /// e.g. 2026-W08 (default: last week)
        #[arg(long)]
        week: Option<String>,
        /// csv, xlsx, html or json
        #[arg(long, default_value = "xlsx")]
        format: String,
        #[arg(long)]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Projects from a CSV or XLSX file, one row per step; all or nothing.
    Projects {
        file: PathBuf,
        /// The account the events are recorded as (default: the first active admin).
        #[arg(long)]
        user: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Raise alerts, compose and send what is due.
    Run {
        /// RFC 3339, e.g. 2026-03-16T09:00:00+08:00
        #[arg(long)]
        at: Option<chrono::DateTime<chrono::Utc>>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is read from standard input.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        enterprise_id: Option<i32>,
        /// Shown in pages and emails (defaults to the user name).
        #[arg(long)]
        display_name: Option<String>,
    },
}

/// A failure of a command: its message and exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl Failure {
    fn new(code: i32, message: impl std::fmt::Display) -> Failure {
        Failure {
            message: message.to_string(),
            code,
        }
    }
}

/// An import file, read no further than the limit (it may be endless, like a pipe).
fn read_bounded(
    file: &std::path::Path,
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
            crate::service::imports::explain(&crate::service::imports::unreadable(e)),
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

fn settings_for(cli: &Cli, demo: bool) -> Result<Settings, Failure> {
    let mut settings = Settings::load(std::path::Path::new("."), cli.config.as_deref())
        .map_err(|e| Failure::new(2, e))?;
    if let Some(url) = &cli.database_url {
        settings.database.url = url.clone();
    } else if demo {
        settings.database.url = "sqlite://data/demo.db".into();
    }
    Ok(settings)
}

pub async fn run(cli: Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Serve { bind } | Command::Demo { bind } => {
            let demo = matches!(cli.command, Command::Demo { .. });
            let mut settings = settings_for(&cli, demo)?;
            if let Some(b) = bind {
                settings.server.bind = *b;
            }
            crate::telemetry::init(&settings.log);
            let state =
                prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
            if demo {
                let logins = crate::demo::fill(&state).map_err(|e| Failure::new(1, e))?;
                crate::demo::print_logins(logins, &settings);
            }
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let scheduler = settings
                .scheduler
                .enabled
                .then(|| crate::jobs::spawn_scheduler(state.clone(), stopped));
            let checkpoints = crate::jobs::wal::spawn_checkpoints(state.clone(), stop.subscribe());
            let app = Application::with_state(&settings, state)
                .map_err(|e| Failure::new(e.exit_code(), e))?;
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
        Command::Backup { file } => {
            let settings = settings_for(&cli, false)?;
            let url = DbUrl::parse(&settings.database.url).map_err(|e| Failure::new(2, e))?;
            let mut conn = DbConn::open(&url).map_err(|e| Failure::new(2, e))?;
            crate::store::backup::to_file(&mut conn, file).map_err(|e| Failure::new(2, e))?;
            println!("{} backed up to {}", url.redacted(), file.display());
            Ok(())
        }
        Command::Migrate => {
            let settings = settings_for(&cli, false)?;
            let url = DbUrl::parse(&settings.database.url).map_err(|e| Failure::new(2, e))?;
            let mut conn = DbConn::open(&url).map_err(|e| Failure::new(2, e))?;
            let ran = conn.migrate().map_err(|e| Failure::new(2, e))?;
            let now = chrono::Utc::now().naive_utc();
            let years =
                crate::service::calendar::seed(&mut conn, &settings.data.calendar_file, now)
                    .map_err(|e| Failure::new(2, e))?;
            println!(
                "{ran} migration(s) applied to {}; {years} calendar year(s) loaded",
                url.redacted()
            );
            Ok(())
        }
        Command::Jobs {
            command: JobsCommand::Run { at },
        } => {
            let settings = settings_for(&cli, false)?;
            crate::telemetry::init(&settings.log);
            let state =
                prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
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
        Command::Report {
            command:
                ReportCommand::Weekly {
                    week,
                    format,
                    output,
                },
        } => {
            let settings = settings_for(&cli, false)?;
            let format =
                crate::service::reports::parse_format(format).map_err(|e| Failure::new(2, e))?;
            let state =
                prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
            let mut conn = state.pool.get().map_err(|e| Failure::new(2, e))?;
            let env = state.env_with(&mut conn).map_err(|e| Failure::new(1, e))?;
            let week = crate::service::reports::parse_week(week.as_deref(), env.today)
                .map_err(|e| Failure::new(2, e))?;
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
        Command::Import {
            command: ImportCommand::Projects { file, user },
        } => {
            let settings = one_connection(settings_for(&cli, false)?);
            let bytes = read_bounded(file, &settings.imports)?;
            let state =
                prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
            let mut conn = state.pool.get().map_err(|e| Failure::new(2, e))?;
            let env = state.env_with(&mut conn).map_err(|e| Failure::new(1, e))?;
            let actor = crate::service::imports::cli_actor(&mut conn, user.as_deref())
                .map_err(|e| Failure::new(2, e))?;
            let started = std::time::Instant::now();
            let upload = (bytes.as_slice(), None);
            let out =
                crate::service::imports::import(&mut conn, &env, &actor, upload, &settings.imports)
                    .map_err(|e| Failure::new(1, crate::service::imports::explain(&e)))?;
            println!(
                "imported {} project(s), {} step(s), {} event(s) in {:.1} s",
                out.projects,
                out.steps,
                out.events,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    username,
                    role,
                    email,
                    enterprise_id,
                    display_name,
                },
        } => {
            let settings = one_connection(settings_for(&cli, false)?);
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
                username: username.clone(),
                display_name: display_name.clone().unwrap_or_else(|| username.clone()),
                email: email.clone(),
                role,
                enterprise_id: *enterprise_id,
                password: password.trim_end_matches(['\r', '\n']).to_string(),
            };
            let state =
                prepare(&settings, Clock::System).map_err(|e| Failure::new(e.exit_code(), e))?;
            let mut conn = state.pool.get().map_err(|e| Failure::new(2, e))?;
            let env = state.env_with(&mut conn).map_err(|e| Failure::new(1, e))?;
            let user = crate::service::users::create(&mut conn, &env, None, &req)
                .map_err(|e| Failure::new(1, e))?;
            println!(
                "user {} created (id {}, role {})",
                user.username,
                user.id,
                user.role.as_str()
            );
            Ok(())
        }
    }
}
