//! The command line of docs/api.md: `serve`, `demo`, `migrate`, `user add`, `report weekly`,
//! `import projects`.

mod commands;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    /// Apply pending migrations and exit (stored figures follow a change of rules).
    Migrate,
    /// Compute every stored derived figure (light dates) again from the events.
    Recompute,
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
    /// Forecasts from the zone's own history.
    Forecast {
        #[command(subcommand)]
        command: ForecastCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ForecastCommand {
    /// Forecast as of a past day from what was known then, and check against what happened.
    Backtest {
        /// e.g. 2026-01-05
        #[arg(long)]
        as_of: chrono::NaiveDate,
        /// text or json
        #[arg(long, default_value = "text")]
        format: String,
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

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Failure {
        Failure::new(2, e)
    }
}

impl Failure {
    fn new(code: i32, message: impl std::fmt::Display) -> Failure {
        Failure {
            message: message.to_string(),
            code,
        }
    }
}

pub async fn run(cli: Cli) -> Result<(), Failure> {
    use commands::*;
    match &cli.command {
        Command::Serve { bind } => serve(&cli, *bind, false).await,
        Command::Demo { bind } => serve(&cli, *bind, true).await,
        Command::Backup { file } => backup(&cli, file),
        Command::Migrate => migrate(&cli),
        Command::Recompute => recompute(&cli),
        Command::Jobs {
            command: JobsCommand::Run { at },
        } => run_jobs(&cli, *at),
        Command::Report {
            command:
                ReportCommand::Weekly {
                    week,
                    format,
                    output,
                },
        } => weekly_report(&cli, week.as_deref(), format, output),
        Command::Import {
            command: ImportCommand::Projects { file, user },
        } => import_projects(&cli, file, user.as_deref()),
        Command::Forecast {
            command: ForecastCommand::Backtest { as_of, format },
        } => forecast_backtest(&cli, *as_of, format),
        Command::User {
            command:
                UserCommand::Add {
                    username,
                    role,
                    email,
                    enterprise_id,
                    display_name,
                },
        } => add_user(
            &cli,
            NewUser {
                username,
                role,
                email,
                enterprise_id: *enterprise_id,
                display_name: display_name.as_deref(),
            },
        ),
    }
}
