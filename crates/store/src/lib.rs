//! Storage: one diesel codebase over SQLite (embedded default) and PostgreSQL.
//!
//! The backend is chosen by the URL scheme; every connection is a [`DbConn`], the
//! `MultiConnection` over both, so queries are written once against the portable
//! [`schema`]. Errors here are `diesel` errors; the service layer turns them into its own
//! ([`errors`] tells a busy or read-only database by its codes).
//!
//! A new table: a migration for both backends (`migrations/sqlite/…`,
//! `migrations/postgres/…`), its portable `table!` in [`schema`], its rows in [`rows`] (or
//! its own file), and one file of queries here named after it; a query that changes rows
//! takes a [`WriteTx`] (see [`writer`]). Only `service` calls these;
//! `http` and `jobs` go through a service function.
//!
//! Single rows are read with `get_result`, never `first`: `first` binds `LIMIT ?`, and the
//! bundled SQLite expires a statement whenever a parameter its plan looked at is bound
//! again, so every `first` was parsed afresh (a third of a project page's time, measured
//! with callgrind).

pub mod agencies;
pub mod alerts;
pub mod backup;
pub mod calendar;
pub mod candidates;
pub mod chat_outbox;
pub mod chat_robots;
pub mod derived_rules;
pub mod enterprises;
pub mod errors;
pub mod events;
pub mod feeds;
pub mod handovers;
pub mod health;
pub mod imports;
pub mod jobs;
pub mod landing;
pub mod lease;
pub mod licences;
pub mod light_dates;
pub mod outbox;
pub mod pool;
pub mod projects;
pub mod requests;
pub mod route_templates;
pub mod rows;
pub mod schema;
pub mod security;
pub mod sessions;
pub mod static_sql;
pub mod steps;
pub mod users;
pub mod writer;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub use pool::{Db, DbPool, DbUrl};
pub use writer::WriteTx;

/// A connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

/// How long an SQLite connection waits for a lock before it answers busy.
pub const BUSY_TIMEOUT_MS: u32 = 5000;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Why the database could not be opened or migrated; one line each, for the operator.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("bad database URL {url:?}: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("cannot connect to the database at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("migrations failed: {0}")]
    Migration(String),
}

impl DbConn {
    /// Opens one connection, with the per-connection settings SQLite needs.
    pub fn open(url: &DbUrl) -> Result<DbConn, OpenError> {
        let unreachable = |e: &dyn std::fmt::Display| OpenError::Unreachable {
            url: url.redacted(),
            // libpq's messages run over several lines; the operator gets one.
            // libpq may quote the URL back (a bad percent escape in the password, say).
            reason: url.scrub(
                &e.to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        };
        match url {
            DbUrl::Sqlite(path) => {
                if let Some(dir) = std::path::Path::new(path).parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir).map_err(|e| unreachable(&e))?;
                    }
                }
                let mut conn = SqliteConnection::establish(path).map_err(|e| unreachable(&e))?;
                // WAL lets readers run beside the writer; busy_timeout makes writers queue
                // instead of failing; NORMAL is durable enough under WAL. Temporary data in
                // memory: each write batch's savepoints otherwise created, wrote and deleted a
                // statement journal file (openat, unlink: one per batch, strace).
                conn.batch_execute(&format!(
                    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                     PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL; \
                     PRAGMA temp_store = MEMORY;"
                ))
                .map_err(|e| unreachable(&e))?;
                Ok(DbConn::Sqlite(conn))
            }
            DbUrl::Postgres(pg) => Ok(DbConn::Pg(
                PgConnection::establish(pg).map_err(|e| unreachable(&e))?,
            )),
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, DbConn::Sqlite(_))
    }

    /// Applies pending migrations; returns how many ran.
    pub fn migrate(&mut self) -> Result<usize, OpenError> {
        let ran = match self {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            DbConn::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS).map(|v| v.len()),
        };
        ran.map_err(|e| OpenError::Migration(e.to_string()))
    }

    /// True when no migration is pending (readiness).
    pub fn migrations_current(&mut self) -> bool {
        let pending = match self {
            DbConn::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
            DbConn::Pg(c) => c.has_pending_migration(PG_MIGRATIONS),
        };
        matches!(pending, Ok(false))
    }
}

/// Past this many ids, a query for "these projects" reads the table and filters in memory
/// (SQLite binds at most 32,766 parameters, and long IN lists are slow to build).
pub const MANY: usize = 500;

diesel::define_sql_function! {
    /// SQLite's id of the row just inserted on this connection.
    fn last_insert_rowid() -> Integer;
}

/// Inserts rows unless their key is there already (`ON CONFLICT DO NOTHING`); returns how
/// many were inserted. What a job writes "once" is written so: if another instance wrote
/// it first, this one learns it from the count instead of failing.
#[macro_export]
macro_rules! insert_or_nothing {
    ($conn:expr, $table:path, $values:expr) => {{
        use diesel::prelude::*;
        match $conn {
            $crate::DbConn::Sqlite(c) => diesel::insert_into($table)
                .values($values)
                .on_conflict_do_nothing()
                .execute(c),
            $crate::DbConn::Pg(c) => diesel::insert_into($table)
                .values($values)
                .on_conflict_do_nothing()
                .execute(c),
        }
    }};
}

/// Inserts one row and returns its id.
///
/// On SQLite this is INSERT then `last_insert_rowid()`, not `INSERT … RETURNING`: the
/// latter was measured to leave statements unfinished so that WAL checkpoints never ran.
#[macro_export]
macro_rules! insert_returning_id {
    ($conn:expr, $table:path, $values:expr, $id:path) => {{
        use diesel::prelude::*;
        match $conn {
            $crate::DbConn::Sqlite(c) => diesel::insert_into($table)
                .values($values)
                .execute(c)
                .and_then(|_| diesel::select($crate::last_insert_rowid()).get_result::<i32>(c)),
            $crate::DbConn::Pg(c) => diesel::insert_into($table)
                .values($values)
                .returning($id)
                .get_result::<i32>(c),
        }
    }};
}
