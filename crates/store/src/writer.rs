//! SQLite's one writer, with group commit.
//!
//! SQLite admits a single writer per database. Left to its busy handler, waiting writers
//! poll with growing sleeps (p99 of 600 ms under 64 writers) and a checkpoint competing
//! with them never won, so the WAL grew by ~50 MB a second (scripts/bench.sh). So writes
//! queue here, in the process, and run on one connection kept for writing: its page cache
//! stays warm (any other connection's cache is dropped whenever someone else wrote), and
//! the write transactions that queue up while one runs share one SQLite transaction, each
//! in its own savepoint. A use case that fails rolls back to its savepoint alone; every
//! caller is answered only once the shared COMMIT is done, and all of them get an error if
//! it fails. This is what lets one SQLite file take thousands of recorded events a second.
//!
//! Writing is a capability: a store function that changes rows takes a [`WriteTx`], and
//! only this module makes one, inside a write transaction: on SQLite on the writing
//! connection (the batch opened with `BEGIN IMMEDIATE`, so its first read already holds
//! the write lock and no other commit can slip in between and fail it), elsewhere as a
//! plain transaction. A write outside a transaction does not compile. (Such a function
//! opens with `let conn: &mut DbConn = conn;`: diesel runs on the connection itself.)
//! PostgreSQL needs none of this: it has row locks and many writers.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};

use diesel::connection::{Connection, TransactionManager};
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::DbConn;

/// Use cases sharing one transaction at most; the first of them waits for the last.
const MAX_BATCH: usize = 32;

type Tm = <DbConn as Connection>::TransactionManager;

/// The writing connection of one SQLite database and the queue in front of it.
pub struct Writer {
    state: Mutex<State>,
    /// The connection came back (to one waiting writer).
    free: Condvar,
    /// A batch ended (to everyone waiting for its outcome, and for a moment between two).
    ended: Condvar,
}

struct State {
    /// `None` while a thread writes with it.
    conn: Option<DbConn>,
    /// The batch whose transaction is open on `conn`, and how many use cases it holds.
    open: Option<(u64, usize)>,
    next_batch: u64,
    /// Threads waiting for the connection.
    waiting: usize,
    /// How each finished batch ended, kept until all its callers have read it.
    outcomes: HashMap<u64, (Result<(), String>, usize)>,
    /// Callers of an open batch waiting for its outcome.
    awaiting: HashMap<u64, usize>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Writer")
    }
}

/// A write transaction in progress: what store functions that change rows take. Reads
/// go through it too (it derefs to the connection), so they see the transaction's rows.
pub struct WriteTx<'c> {
    conn: &'c mut DbConn,
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = DbConn;
    fn deref(&self) -> &DbConn {
        self.conn
    }
}

impl std::ops::DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut DbConn {
        self.conn
    }
}

/// Runs `f` in a savepoint of the open transaction, as a [`WriteTx`] of it.
fn in_savepoint<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut WriteTx) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError>,
{
    conn.transaction(|conn| f(&mut WriteTx { conn }))
}

/// Starts a write transaction; on SQLite `BEGIN IMMEDIATE`, which takes the database's
/// write lock at once (a deferred `BEGIN` takes it at the first write, and fails with
/// SQLITE_BUSY_SNAPSHOT if another connection committed since its first read).
fn begin(conn: &mut DbConn) -> Result<(), DieselError> {
    match conn {
        DbConn::Sqlite(c) => {
            diesel::connection::AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
        }
        DbConn::Pg(_) => Tm::begin_transaction(conn),
    }
}

/// A write transaction on a connection of its own (PostgreSQL, or a SQLite connection
/// outside a pool: start-up, the command line): everything or nothing.
pub fn direct<T, E>(conn: &mut DbConn, f: impl FnOnce(&mut WriteTx) -> Result<T, E>) -> Result<T, E>
where
    E: From<DieselError>,
{
    begin(conn)?;
    match f(&mut WriteTx { conn: &mut *conn }) {
        Ok(v) => {
            if let Err(e) = Tm::commit_transaction(conn) {
                rollback_all(conn);
                return Err(e.into());
            }
            Ok(v)
        }
        Err(e) => {
            rollback_all(conn);
            Err(e)
        }
    }
}

impl Writer {
    pub fn new(conn: DbConn) -> Writer {
        Writer {
            state: Mutex::new(State {
                conn: Some(conn),
                open: None,
                next_batch: 0,
                waiting: 0,
                outcomes: HashMap::new(),
                awaiting: HashMap::new(),
            }),
            free: Condvar::new(),
            ended: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the writing connection when no batch is open (a WAL checkpoint).
    pub fn between_batches<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> T {
        let mut st = self.lock();
        while st.conn.is_none() || st.open.is_some() {
            st = self.ended.wait(st).unwrap_or_else(|p| p.into_inner());
        }
        let mut turn = Turn::take(self, st, 0);
        let out = f(turn.conn());
        turn.give_back(Ok(()));
        out
    }

    /// Runs `f` as one use case of the open batch (in its own savepoint), or opens one.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut WriteTx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DieselError>,
    {
        let mut st = self.lock();
        st.waiting += 1;
        while st.conn.is_none() {
            st = self.free.wait(st).unwrap_or_else(|p| p.into_inner());
        }
        st.waiting -= 1;
        let first = st.open.is_none();
        let batch = match &mut st.open {
            Some((batch, n)) => {
                *n += 1;
                *batch
            }
            None => {
                st.next_batch += 1;
                st.open = Some((st.next_batch, 1));
                st.next_batch
            }
        };
        let mut turn = Turn::take(self, st, batch);
        if first {
            if let Err(e) = begin(turn.conn()) {
                turn.abandon(&e.to_string());
                return Err(e.into());
            }
        }
        // A savepoint inside the batch's transaction.
        let result = in_savepoint(turn.conn(), f);
        // Back at the batch's own transaction, or something broke it (a savepoint that
        // could not be rolled back).
        let depth = Tm::transaction_manager_status_mut(turn.conn()).transaction_depth();
        if !matches!(depth, Ok(Some(d)) if d.get() == 1) {
            turn.abandon(BROKE);
            return result.and_then(|_| Err(unavailable(BROKE).into()));
        }
        // A refused use case left nothing in the batch: it need not wait for the commit.
        match turn.finish(result.is_ok()) {
            Ok(()) => result,
            Err(e) => result.and_then(|_| Err(unavailable(&e).into())),
        }
    }
}

/// How a batch ends whose transaction a use case broke (a savepoint that could not be
/// rolled back): everything in it is rolled back, and every caller may try again.
const BROKE: &str = "the write transaction broke; it was rolled back";

/// A failed COMMIT as the callers of its batch see it (the message keeps its cause, so
/// a full or read-only disk still answers 503). A broken batch is the transaction
/// manager's fault, also 503 (`store::errors::fault_of`), not an internal error.
fn unavailable(message: &str) -> DieselError {
    if message == BROKE {
        return DieselError::BrokenTransactionManager;
    }
    DieselError::DatabaseError(DatabaseErrorKind::Unknown, Box::new(message.to_string()))
}

/// The writing connection while one thread uses it, given back however that ends. If the
/// use case panicked, its savepoint is rolled back and the batch goes on without it.
struct Turn<'w> {
    writer: &'w Writer,
    conn: Option<DbConn>,
    /// The batch it writes in (0: none, a moment between batches).
    batch: u64,
}

impl<'w> Turn<'w> {
    fn take(writer: &'w Writer, mut st: MutexGuard<'_, State>, batch: u64) -> Turn<'w> {
        let conn = st.conn.take();
        Turn {
            writer,
            conn,
            batch,
        }
    }

    fn conn(&mut self) -> &mut DbConn {
        // Present from `take` until the turn ends and gives it back.
        match self.conn.as_mut() {
            Some(c) => c,
            None => unreachable!("the writing connection is held by this turn"),
        }
    }

    /// Commits the batch, or hands the open transaction to the next caller in line and
    /// (with `wait`) waits for whoever commits it; returns how the batch ended.
    fn finish(mut self, wait: bool) -> Result<(), String> {
        self.end(wait)
    }

    fn end(&mut self, wait: bool) -> Result<(), String> {
        let batch = self.batch;
        let mut st = self.writer.lock();
        let held = st.open.map_or(0, |(_, n)| n);
        if batch != 0 && st.waiting > 0 && held < MAX_BATCH {
            if wait {
                *st.awaiting.entry(batch).or_default() += 1;
            }
            st.conn = self.conn.take();
            self.writer.free.notify_one();
            if !wait {
                return Ok(());
            }
            loop {
                if let Some((outcome, readers)) = st.outcomes.get_mut(&batch) {
                    let outcome = outcome.clone();
                    *readers -= 1;
                    if *readers == 0 {
                        st.outcomes.remove(&batch);
                    }
                    return outcome;
                }
                st = self
                    .writer
                    .ended
                    .wait(st)
                    .unwrap_or_else(|p| p.into_inner());
            }
        }
        drop(st);
        let outcome = match batch {
            0 => Ok(()),
            _ => Tm::commit_transaction(self.conn()).map_err(|e| {
                rollback_all(self.conn());
                e.to_string()
            }),
        };
        self.give_back(outcome.clone());
        outcome
    }

    /// Rolls the whole batch back (its callers are told) and gives the connection back.
    fn abandon(mut self, message: &str) {
        rollback_all(self.conn());
        self.give_back(Err(message.to_string()));
    }

    /// Gives the connection back with no transaction open on it; the batch's callers
    /// learn how it ended.
    fn give_back(&mut self, outcome: Result<(), String>) {
        let mut st = self.writer.lock();
        if let Some(readers) = st.awaiting.remove(&self.batch) {
            st.outcomes.insert(self.batch, (outcome, readers));
        }
        if self.batch != 0 {
            st.open = None;
        }
        st.conn = self.conn.take();
        self.writer.free.notify_one();
        self.writer.ended.notify_all();
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        // The connection is still here only if the use case panicked: undo its savepoint
        // (left open by the unwind) and let the batch go on.
        if self.conn.is_some() {
            let depth = Tm::transaction_manager_status_mut(self.conn()).transaction_depth();
            if matches!(depth, Ok(Some(d)) if d.get() > 1) {
                if let Err(e) = Tm::rollback_transaction(self.conn()) {
                    tracing::error!(error = %e, "rolling back a panicked write failed");
                    rollback_all(self.conn());
                    self.give_back(Err(e.to_string()));
                    return;
                }
            }
            let _ = self.end(false);
        }
    }
}

/// Rolls back every level of the open transaction.
fn rollback_all(conn: &mut DbConn) {
    while let Ok(Some(_)) = Tm::transaction_manager_status_mut(conn).transaction_depth() {
        if let Err(e) = Tm::rollback_transaction(conn) {
            tracing::error!(error = %e, "rolling back a failed write batch failed");
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::errors::{fault_of, Fault};
    use super::*;

    #[test]
    fn a_broken_batch_is_a_fault_to_retry_not_an_internal_error() {
        assert_eq!(fault_of(&unavailable(BROKE)), Some(Fault::Gone));
        // A failed COMMIT without a known cause stays what it is.
        assert_eq!(fault_of(&unavailable("constraint failed at commit")), None);
    }
}
