//! One SQLite writer at a time, queued in the process rather than in SQLite's busy
//! handler. SQLite admits a single writer per database; left to its busy handler, waiting
//! writers poll with growing sleeps (p99 of 600 ms under 64 writers), and a checkpoint
//! competing with them never won, so the WAL grew by ~50 MB a second (scripts/bench.sh).
//! Write transactions on SQLite take this lock first; PostgreSQL needs none. Nested
//! transactions on the same thread pass through (the outer one holds it).

use std::cell::Cell;
use std::sync::Mutex;

/// Shared by every SQLite database of the process: in production there is one.
static WRITER: Mutex<()> = Mutex::new(());

thread_local! {
    static HELD: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` (a write transaction; `sqlite`: on a SQLite connection) as the process's
/// only SQLite writer.
pub fn one_writer<T>(sqlite: bool, f: impl FnOnce() -> T) -> T {
    if !sqlite || HELD.get() {
        return f();
    }
    let _guard = WRITER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    HELD.set(true);
    struct Release;
    impl Drop for Release {
        fn drop(&mut self) {
            HELD.set(false);
        }
    }
    let _release = Release;
    f()
}
