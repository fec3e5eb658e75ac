//! The connection pool: our own r2d2 manager, so the backend is chosen by URL scheme
//! and SQLite's pragmas are set on every connection it opens.

use std::time::Duration;

use diesel::prelude::*;
use diesel::r2d2::{ManageConnection, Pool, PooledConnection};

use super::{DbConn, OpenError};

/// A parsed database URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    /// A file path (relative to the working directory, or absolute).
    Sqlite(String),
    /// The full `postgres://` URL, as libpq takes it.
    Postgres(String),
}

impl DbUrl {
    /// `sqlite://data/app.db`, `sqlite:///abs/path.db`, `postgres://…` or `postgresql://…`.
    pub fn parse(url: &str) -> Result<DbUrl, OpenError> {
        let bad = |reason: &str| OpenError::BadUrl {
            url: url.to_string(),
            reason: reason.to_string(),
        };
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(bad("no file path after sqlite://"));
            }
            return Ok(DbUrl::Sqlite(path.to_string()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(url.to_string()));
        }
        Err(bad(
            "expected sqlite://PATH or postgres://USER@HOST:PORT/DB",
        ))
    }

    /// The URL without any password, for messages and logs.
    pub fn redacted(&self) -> String {
        match self {
            DbUrl::Sqlite(p) => format!("sqlite://{p}"),
            DbUrl::Postgres(u) => match (u.find("://"), u.rfind('@')) {
                (Some(s), Some(at)) if at > s => {
                    let creds = &u[s + 3..at];
                    let user = creds.split(':').next().unwrap_or("");
                    format!("{}{}@{}", &u[..s + 3], user, &u[at + 1..])
                }
                _ => u.clone(),
            },
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, DbUrl::Sqlite(_))
    }
}

/// Opens connections for r2d2.
#[derive(Debug)]
pub struct Manager {
    url: DbUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        DbConn::open(&self.url).map_err(|e| {
            diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(
                e.to_string(),
            ))
        })
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

pub type DbPool = Pool<Manager>;
pub type PooledConn = PooledConnection<Manager>;

/// Opens the pool after checking, with one direct connection, that the database answers:
/// a clear error at start-up rather than a pool time-out later.
pub fn open_pool(url: &DbUrl, size: u32, timeout: Duration) -> Result<DbPool, OpenError> {
    drop(DbConn::open(url)?);
    Pool::builder()
        .max_size(size.max(1))
        .min_idle(Some(1))
        .connection_timeout(timeout)
        // A PostgreSQL restart leaves pooled connections dead; checking them on checkout
        // lets the service recover without a restart. SQLite files do not go away so.
        .test_on_check_out(!url.is_sqlite())
        .build(Manager { url: url.clone() })
        .map_err(|e| OpenError::Unreachable {
            url: url.redacted(),
            reason: e.to_string(),
        })
}
