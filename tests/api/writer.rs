//! The SQLite writer's group commit (`store::writer`), driven directly: many threads
//! writing at once share commits, each use case in a savepoint of its own. On PostgreSQL
//! the same calls are plain transactions, and the same must hold.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use approval_tracker::service::{in_tx, ServiceError};
use approval_tracker::store::pool::open_pool;
use approval_tracker::store::DbUrl;
use diesel::prelude::*;

use crate::helpers::fresh_database;

diesel::table! {
    job_state (name) {
        name -> Text,
    }
}

fn insert(conn: &mut approval_tracker::store::DbConn, name: &str) -> Result<(), ServiceError> {
    diesel::insert_into(job_state::table)
        .values(job_state::name.eq(name))
        .execute(conn)?;
    Ok(())
}

fn names(conn: &mut approval_tracker::store::DbConn) -> Vec<String> {
    job_state::table
        .select(job_state::name)
        .order(job_state::name)
        .load(conn)
        .unwrap()
}

#[test]
fn writes_that_fail_or_panic_after_writing_take_back_only_their_own_rows() {
    let dir = tempfile::tempdir().unwrap();
    let url = DbUrl::parse(&fresh_database(dir.path())).unwrap();
    let pool = open_pool(&url, 8, Duration::from_secs(30)).unwrap();
    pool.get().unwrap().migrate().unwrap();
    let before = names(&mut pool.get().unwrap()); // the migrations' own rows
                                                  // 48 threads released at once, 8 connections: writes queue and share commits. Each
                                                  // writes a row first; one in three then fails, one in eight panics.
    let start = Arc::new(Barrier::new(48));
    let threads: Vec<_> = (0..48)
        .map(|i| {
            let (pool, start) = (pool.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let mut conn = pool.get().unwrap();
                in_tx(&mut conn, |conn| {
                    insert(conn, &format!("t{i:02}"))?;
                    if i % 8 == 7 {
                        panic!("use case {i} panicked after writing");
                    }
                    if i % 3 == 2 {
                        return Err(ServiceError::conflict(
                            approval_tracker::service::refusal::general::CONCURRENT_CHANGE,
                        ));
                    }
                    insert(conn, &format!("t{i:02}b"))
                })
            })
        })
        .collect();
    let mut kept = Vec::new();
    for (i, t) in threads.into_iter().enumerate() {
        match t.join() {
            Err(_) => assert_eq!(i % 8, 7, "only the panicking use cases panic"),
            Ok(Ok(())) => {
                assert!(i % 8 != 7 && i % 3 != 2, "{i} should have failed");
                kept.extend([format!("t{i:02}"), format!("t{i:02}b")]);
            }
            Ok(Err(e)) => {
                assert!(i % 3 == 2 && i % 8 != 7, "{i} failed: {e}");
                assert!(matches!(e, ServiceError::Conflict(_)), "{e:?}");
            }
        }
    }
    // Exactly the successful use cases' rows, seen from another connection, and the
    // writer still takes writes afterwards.
    kept.extend(before);
    kept.sort();
    let mut conn = pool.get().unwrap();
    assert_eq!(names(&mut conn), kept);
    in_tx(&mut conn, |conn| insert(conn, "after")).unwrap();
    assert!(names(&mut conn).contains(&"after".to_string()));
}
