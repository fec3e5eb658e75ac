//! Database faults by kind and code, never by reading messages: the service answers 503
//! for these (worth retrying) instead of an internal error.
//!
//! PostgreSQL: diesel classifies by SQLSTATE (25006 read-only transaction) and by the
//! connection's status (closed, unable to send). SQLite: diesel keeps constraint codes as
//! kinds but hands every other failure over as `Unknown` with `sqlite3_errmsg`, which for
//! these primary result codes is exactly `sqlite3_errstr(code)`; so the code is recovered
//! by comparing with SQLite's own text for each code, not with words we chose.

use std::ffi::CStr;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use libsqlite3_sys as ffi;

/// Why the database cannot serve a statement right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Another writer holds the lock (SQLITE_BUSY, SQLITE_LOCKED).
    Busy,
    /// It cannot take writes: read-only or failing storage, a standby server.
    ReadOnly,
    /// The connection or the file is gone.
    Gone,
}

/// SQLite result codes and the fault each means.
const SQLITE_FAULTS: &[(i32, Fault)] = &[
    (ffi::SQLITE_BUSY, Fault::Busy),
    (ffi::SQLITE_LOCKED, Fault::Busy),
    (ffi::SQLITE_READONLY, Fault::ReadOnly),
    (ffi::SQLITE_IOERR, Fault::ReadOnly),
    (ffi::SQLITE_FULL, Fault::ReadOnly),
    (ffi::SQLITE_CANTOPEN, Fault::Gone),
];

/// The fault behind a database error, if it is one the caller may retry.
pub fn fault_of(e: &DieselError) -> Option<Fault> {
    match e {
        DieselError::DatabaseError(kind, info) => match kind {
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand => {
                Some(Fault::Gone)
            }
            DatabaseErrorKind::ReadOnlyTransaction => Some(Fault::ReadOnly),
            DatabaseErrorKind::Unknown => sqlite_code_of(info.message()).map(|(_, f)| f),
            _ => None,
        },
        DieselError::BrokenTransactionManager => Some(Fault::Gone),
        _ => None,
    }
}

/// The SQLite result code whose own text `message` is.
fn sqlite_code_of(message: &str) -> Option<(i32, Fault)> {
    SQLITE_FAULTS
        .iter()
        .copied()
        .find(|(code, _)| errstr(*code) == message)
}

fn errstr(code: i32) -> &'static str {
    // SAFETY: sqlite3_errstr returns a pointer to a static, NUL-terminated English text
    // for any code (an "unknown error" text for codes it does not know).
    let text = unsafe { CStr::from_ptr(ffi::sqlite3_errstr(code)) };
    text.to_str().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::{Connection, SqliteConnection};

    #[test]
    fn a_busy_sqlite_database_is_a_busy_fault() {
        let dir = tempfile::tempdir().unwrap();
        let url = dir.path().join("t.db").display().to_string();
        let mut a = SqliteConnection::establish(&url).unwrap();
        let mut b = SqliteConnection::establish(&url).unwrap();
        a.batch_execute("CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
            .unwrap();
        let e = b.batch_execute("BEGIN IMMEDIATE").unwrap_err();
        assert_eq!(fault_of(&e), Some(Fault::Busy), "{e}");
    }

    #[test]
    fn constraint_and_other_errors_are_not_faults() {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        c.batch_execute("CREATE TABLE t (x INTEGER UNIQUE); INSERT INTO t VALUES (1);")
            .unwrap();
        let e = c.batch_execute("INSERT INTO t VALUES (1)").unwrap_err();
        assert_eq!(fault_of(&e), None);
        let e = c.batch_execute("SELECT nothing FROM nowhere").unwrap_err();
        assert_eq!(fault_of(&e), None);
    }
}
