//! The connection pool: our own r2d2 manager, so the backend is chosen by URL scheme
//! and SQLite's pragmas are set on every connection it opens.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::r2d2::{self as r2d2, ManageConnection, Pool, PooledConnection};

use super::writer::{self, WriteTx, Writer};
use super::{DbConn, OpenError};

/// A parsed database URL. Its `Debug` is the redacted URL: a password never reaches a
/// log line or an error through it.
#[derive(Clone, PartialEq, Eq)]
pub enum DbUrl {
    /// A file path (relative to the working directory, or absolute).
    Sqlite(String),
    /// The full `postgres://` URL, as libpq takes it.
    Postgres(String),
}

impl std::fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Any URL-like text without its password: the `user:password@` part keeps the user, a
/// `password=` parameter keeps its name. Used for text not yet known to be a good URL.
pub fn redact(url: &str) -> String {
    let mut out = match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            let hidden = if creds.contains(':') { ":***" } else { "" };
            format!("{}{user}{hidden}@{}", &url[..s + 3], &url[at + 1..])
        }
        _ => url.to_string(),
    };
    // libpq also takes the password as a query parameter.
    let mut from = 0;
    while let Some(i) = out[from..].to_ascii_lowercase().find("password=") {
        let start = from + i + "password=".len();
        let end = out[start..].find('&').map_or(out.len(), |j| start + j);
        out.replace_range(start..end, "***");
        from = start + 3;
    }
    out
}

impl DbUrl {
    /// `sqlite://data/app.db`, `sqlite:///abs/path.db`, `postgres://…` or `postgresql://…`.
    pub fn parse(url: &str) -> Result<DbUrl, OpenError> {
        let bad = |reason: &str| OpenError::BadUrl {
            url: redact(url),
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
            DbUrl::Postgres(u) => redact(u),
        }
    }

    /// A message about this database (libpq's, say) with every copy of the password,
    /// as written in the URL and as decoded, taken out.
    pub fn scrub(&self, message: &str) -> String {
        let DbUrl::Postgres(u) = self else {
            return message.to_string();
        };
        let mut secrets = Vec::new();
        if let (Some(s), Some(at)) = (u.find("://"), u.rfind('@')) {
            if let Some((_, pw)) = u.get(s + 3..at).and_then(|c| c.split_once(':')) {
                secrets.push(pw.to_string());
            }
        }
        let lower = u.to_ascii_lowercase();
        let mut from = 0;
        while let Some(i) = lower[from..].find("password=") {
            let start = from + i + "password=".len();
            let end = u[start..].find('&').map_or(u.len(), |j| start + j);
            secrets.push(u[start..end].to_string());
            from = end;
        }
        let decoded: Vec<String> = secrets.iter().map(|p| percent_decode(p)).collect();
        secrets.extend(decoded);
        secrets.retain(|p| !p.is_empty());
        // Longest first, so a decoded form inside a raw one goes whole.
        secrets.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut out = redact(message);
        for p in &secrets {
            out = out.replace(p.as_str(), "***");
        }
        out
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

/// How long a PostgreSQL connection that answered is trusted without asking again. A
/// `SELECT 1` on every checkout was half the round trips of a project read; once a
/// second per connection finds those a restart left dead just as well.
const TRUSTED_FOR: Duration = Duration::from_secs(1);

/// A pooled connection, with when it last answered a check (or was opened) and whether
/// a use case found it gone.
pub struct Pooled {
    conn: DbConn,
    answered: Instant,
    gone: bool,
}

/// `%41` as `A`; a malformed escape is kept as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Pooled, Self::Error> {
        let conn = DbConn::open(&self.url).map_err(|e| {
            diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(
                e.to_string(),
            ))
        })?;
        Ok(Pooled {
            conn,
            answered: Instant::now(),
            gone: false,
        })
    }

    /// Asked on checkout (PostgreSQL only): a connection that answered within the last
    /// [`TRUSTED_FOR`] is taken as it is.
    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), Self::Error> {
        if pooled.answered.elapsed() < TRUSTED_FOR {
            return Ok(());
        }
        diesel::sql_query("SELECT 1")
            .execute(&mut pooled.conn)
            .map_err(diesel::r2d2::Error::QueryError)?;
        pooled.answered = Instant::now();
        Ok(())
    }

    /// A connection given back by a panicking use case, with a transaction still open
    /// (the next user would write inside it), or found gone, is closed rather than reused.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        use diesel::connection::TransactionManager;
        type Tm = <DbConn as Connection>::TransactionManager;
        std::thread::panicking()
            || pooled.gone
            || Tm::is_broken_transaction_manager(&mut pooled.conn)
    }
}

/// The pool, and on SQLite the database's one writing connection (`store::writer`) and
/// a connection that only watches for commits ([`DbPool::data_generation`]).
#[derive(Clone)]
pub struct DbPool {
    pool: Pool<Manager>,
    writer: Option<Arc<Writer>>,
    observer: Option<Arc<Mutex<DbConn>>>,
    writes: Arc<WriteHealth>,
}

/// What a use case gets: a connection to read on (it derefs to one) and the right to
/// write through [`Db::write`], the only way to a [`WriteTx`].
pub struct Db {
    conn: Conn,
    /// SQLite's writing connection, for a pooled connection (see `store::writer`).
    writer: Option<Arc<Writer>>,
    /// The pool's record of how writes end (`None` outside a pool).
    writes: Option<Arc<WriteHealth>>,
}

/// Whether this process's writes go through: a full disk leaves every file openable and
/// every read answering while each write fails, so readiness and the metrics ask how the
/// last write transaction that reached the database ended. The service tells it (only it
/// knows a storage fault from a refusal).
#[derive(Debug, Default)]
pub struct WriteHealth {
    /// Set while the last write ended in a storage fault: checked on every write without
    /// taking the lock.
    failing: std::sync::atomic::AtomicBool,
    cause: Mutex<Option<String>>,
    faults: std::sync::atomic::AtomicU64,
}

impl WriteHealth {
    /// A write transaction committed.
    pub fn succeeded(&self) {
        use std::sync::atomic::Ordering;
        if self.failing.swap(false, Ordering::Relaxed) {
            *self.cause.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
    }

    /// A write transaction failed for the storage's sake (a full or failing disk, a
    /// read-only database), `cause` as the database said it.
    pub fn failed(&self, cause: &str) {
        use std::sync::atomic::Ordering;
        *self.cause.lock().unwrap_or_else(|p| p.into_inner()) = Some(cause.to_string());
        self.failing.store(true, Ordering::Relaxed);
        self.faults.fetch_add(1, Ordering::Relaxed);
    }

    /// Why the last write failed, while no write has succeeded since.
    pub fn failing(&self) -> Option<String> {
        use std::sync::atomic::Ordering;
        if !self.failing.load(Ordering::Relaxed) {
            return None;
        }
        self.cause.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Write transactions failed for the storage's sake since start-up.
    pub fn faults(&self) -> u64 {
        self.faults.load(std::sync::atomic::Ordering::Relaxed)
    }
}

enum Conn {
    Pooled(PooledConnection<Manager>),
    Own(DbConn),
}

impl Db {
    /// A connection of its own, outside any pool (start-up, the command line, tests): its
    /// writes are plain transactions on it (`BEGIN IMMEDIATE` on SQLite).
    pub fn of(conn: DbConn) -> Db {
        Db {
            conn: Conn::Own(conn),
            writer: None,
            writes: None,
        }
    }

    /// How this process's writes have been ending (a pooled connection's).
    pub fn writes(&self) -> Option<&WriteHealth> {
        self.writes.as_deref()
    }

    /// Says the connection was found gone (a query on it failed as the server went away):
    /// the pool closes it instead of lending it again.
    pub fn found_gone(&mut self) {
        if let Conn::Pooled(c) = &mut self.conn {
            c.gone = true;
        }
    }

    /// Runs `f` in a write transaction: everything or nothing. On a pooled SQLite
    /// connection it runs on the database's one writer, in its batch.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&mut WriteTx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<diesel::result::Error>,
    {
        match self.writer.clone() {
            Some(w) => w.write(f),
            None => writer::direct(self, f),
        }
    }
}

impl Deref for Db {
    type Target = DbConn;
    fn deref(&self) -> &DbConn {
        match &self.conn {
            Conn::Pooled(c) => &c.conn,
            Conn::Own(c) => c,
        }
    }
}

impl DerefMut for Db {
    fn deref_mut(&mut self) -> &mut DbConn {
        match &mut self.conn {
            Conn::Pooled(c) => &mut c.conn,
            Conn::Own(c) => c,
        }
    }
}

impl std::fmt::Debug for DbPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbPool").field("pool", &self.pool).finish()
    }
}

impl DbPool {
    pub fn get(&self) -> Result<Db, r2d2::PoolError> {
        Ok(Db {
            conn: Conn::Pooled(self.pool.get()?),
            writer: self.writer.clone(),
            writes: Some(self.writes.clone()),
        })
    }

    /// How many connections it lends at most, and how long a request waits for one.
    pub fn limits(&self) -> (u32, Duration) {
        (self.pool.max_size(), self.pool.connection_timeout())
    }

    /// The writing connection, on SQLite.
    pub fn writer(&self) -> Option<&Writer> {
        self.writer.as_deref()
    }

    /// Runs `f` on the connection that reads the data generation (SQLite), so that what `f`
    /// does to the file (a WAL checkpoint) is not read as a change: `PRAGMA data_version`
    /// moves for changes made by other connections only. `None` on PostgreSQL.
    pub fn on_observer<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> Option<T> {
        let observer = self.observer.as_ref()?;
        let mut conn = observer.lock().unwrap_or_else(|p| p.into_inner());
        Some(f(&mut conn))
    }

    /// A number that changes whenever anyone commits to the SQLite database (this process
    /// or another): `PRAGMA data_version`, read on a connection that never writes. `None`
    /// on PostgreSQL, or when it cannot be read. Read it before what it vouches for.
    pub fn data_generation(&self, conn: &mut DbConn) -> Option<String> {
        #[derive(QueryableByName)]
        struct Version {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            data_version: i64,
        }
        #[derive(QueryableByName)]
        struct Snapshot {
            #[diesel(sql_type = diesel::sql_types::Text)]
            snapshot: String,
        }
        match self.observer.as_ref() {
            Some(observer) => {
                // Held by a WAL checkpoint (`on_observer`) for at most its short busy wait.
                let mut observer = observer.lock().ok()?;
                diesel::sql_query("PRAGMA data_version")
                    .get_result::<Version>(&mut *observer)
                    .ok()
                    .map(|v| format!("sqlite:{}", v.data_version))
            }
            // Any transaction that writes takes an id (moving xmax) and leaves the
            // in-progress list when it ends: the snapshot changes with every commit, on
            // any instance, and with nothing else.
            None => diesel::sql_query("SELECT pg_current_snapshot()::text AS snapshot")
                .get_result::<Snapshot>(conn)
                .ok()
                .map(|s| s.snapshot),
        }
    }
}

/// Opens the pool after checking, with one direct connection, that the database answers:
/// a clear error at start-up rather than a pool time-out later. On SQLite that connection
/// becomes the writer.
pub fn open_pool(url: &DbUrl, size: u32, timeout: Duration) -> Result<DbPool, OpenError> {
    let first = DbConn::open(url)?;
    let (writer, observer) = match url.is_sqlite() {
        true => (
            Some(Arc::new(Writer::new(first))),
            Some(Arc::new(Mutex::new(DbConn::open(url)?))),
        ),
        false => (None, None),
    };
    let pool = Pool::builder()
        .max_size(size.max(1))
        .min_idle(Some(1))
        .connection_timeout(timeout)
        // A PostgreSQL restart leaves pooled connections dead; checking them on checkout
        // (at most once a second each, see `Manager::is_valid`) lets the service recover
        // without a restart. SQLite files do not go away so.
        .test_on_check_out(!url.is_sqlite())
        .build(Manager { url: url.clone() })
        .map_err(|e| OpenError::Unreachable {
            url: url.redacted(),
            reason: url.scrub(&e.to_string()),
        })?;
    Ok(DbPool {
        pool,
        writer,
        observer,
        writes: Arc::default(),
    })
}
