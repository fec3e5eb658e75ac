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
//! A pool hands its [`Writer`] to the thread that checks a connection out (see
//! `store::pool`), so `service::in_tx` finds it without every use case passing it along;
//! it is taken back when that connection goes back, in whatever order. (So a thread holding
//! connections of two SQLite databases at once would write through the later one's: the
//! product never does.) Connections opened outside a pool (the command line's backup and
//! migrate, tests) fall back to a process-wide mutex.
//! PostgreSQL needs none of this: it has row locks and many writers.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

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

thread_local! {
    /// The writers of the pools this thread's connections came from, the latest last, each
    /// with the token of its checkout.
    static CURRENT: RefCell<Vec<(u64, Arc<Writer>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_TOKEN: Cell<u64> = const { Cell::new(0) };
    /// Inside a write on this thread: nested transactions are savepoints of it.
    static HELD: Cell<bool> = const { Cell::new(false) };
}

/// Shared by every SQLite connection opened outside a pool.
static FALLBACK: Mutex<()> = Mutex::new(());

/// Makes `writer` this thread's until the returned guard drops.
pub fn enter(writer: Option<Arc<Writer>>) -> Entered {
    let token = writer.map(|w| {
        let token = NEXT_TOKEN.get();
        NEXT_TOKEN.set(token + 1);
        CURRENT.with_borrow_mut(|s| s.push((token, w)));
        token
    });
    Entered(token, std::marker::PhantomData)
}

/// Takes its writer back from the thread; stays on the thread that made it.
pub struct Entered(Option<u64>, std::marker::PhantomData<*const ()>);

impl Drop for Entered {
    fn drop(&mut self) {
        if let Some(token) = self.0 {
            CURRENT.with_borrow_mut(|s| s.retain(|(t, _)| *t != token));
        }
    }
}

/// Runs `f` as a write transaction on `conn`'s database: through this thread's writer on
/// SQLite, as a plain transaction on PostgreSQL.
pub fn transaction<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError>,
{
    if !conn.is_sqlite() || HELD.get() {
        return conn.transaction(f);
    }
    if let Some(writer) = CURRENT.with_borrow(|s| s.last().map(|(_, w)| w.clone())) {
        return writer.write(f);
    }
    let _one = FALLBACK.lock().unwrap_or_else(|p| p.into_inner());
    let _held = Held::set();
    conn.transaction(f)
}

struct Held;

impl Held {
    fn set() -> Held {
        HELD.set(true);
        Held
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        HELD.set(false);
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

    fn write<T, E>(&self, f: impl FnOnce(&mut DbConn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DieselError>,
    {
        let mut st = self.lock();
        st.waiting += 1;
        while st.conn.is_none() {
            st = self.free.wait(st).unwrap_or_else(|p| p.into_inner());
        }
        st.waiting -= 1;
        let begin = st.open.is_none();
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
        if begin {
            if let Err(e) = Tm::begin_transaction(turn.conn()) {
                turn.abandon(&e.to_string());
                return Err(e.into());
            }
        }
        let result = {
            let _held = Held::set();
            // A savepoint inside the batch's transaction.
            turn.conn().transaction(f)
        };
        // Back at the batch's own transaction, or something broke it (a savepoint that
        // could not be rolled back).
        let depth = Tm::transaction_manager_status_mut(turn.conn()).transaction_depth();
        if !matches!(depth, Ok(Some(d)) if d.get() == 1) {
            let message = "the write transaction broke; it was rolled back";
            turn.abandon(message);
            return result.and_then(|_| Err(unavailable(message).into()));
        }
        // A refused use case left nothing in the batch: it need not wait for the commit.
        match turn.finish(result.is_ok()) {
            Ok(()) => result,
            Err(e) => result.and_then(|_| Err(unavailable(&e).into())),
        }
    }
}

/// A failed COMMIT as the callers of its batch see it (the message keeps its cause, so
/// a full or read-only disk still answers 503).
fn unavailable(message: &str) -> DieselError {
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
    use super::*;
    use crate::store::DbUrl;

    fn writer() -> Arc<Writer> {
        let conn = DbConn::open(&DbUrl::Sqlite(":memory:".into())).unwrap();
        Arc::new(Writer::new(conn))
    }

    fn current() -> Option<Arc<Writer>> {
        CURRENT.with_borrow(|s| s.last().map(|(_, w)| w.clone()))
    }

    #[test]
    fn checkouts_given_back_in_any_order_leave_no_writer_behind() {
        let (a, b) = (writer(), writer());
        let first = enter(Some(a.clone()));
        let second = enter(Some(b.clone()));
        assert!(Arc::ptr_eq(&current().unwrap(), &b));
        drop(first);
        assert!(Arc::ptr_eq(&current().unwrap(), &b));
        let pg = enter(None);
        assert!(Arc::ptr_eq(&current().unwrap(), &b));
        drop(second);
        drop(pg);
        assert!(current().is_none());
    }
}
