//! The pool's own promises, on either backend: a connection given back healthy is lent
//! again (that is what pooling is for), and one reported gone (`Db::found_gone`, as a use
//! case does when the database stopped answering on it) is closed, so the next borrower
//! gets a new one instead of the dead one.

use std::time::Duration;

use approval_tracker::store::pool::open_pool;
use approval_tracker::store::{DbConn, DbUrl};
use diesel::prelude::*;

use crate::helpers::fresh_database;

/// A temporary table lives as long as its connection: its presence tells one
/// connection from another.
fn mark(conn: &mut DbConn) {
    diesel::sql_query("CREATE TEMPORARY TABLE pool_probe (x INTEGER)")
        .execute(conn)
        .unwrap();
}

fn is_marked(conn: &mut DbConn) -> bool {
    diesel::sql_query("SELECT x FROM pool_probe")
        .execute(conn)
        .is_ok()
}

#[test]
fn a_connection_reported_gone_is_closed_and_the_next_borrower_gets_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let url = DbUrl::parse(&fresh_database(dir.path())).unwrap();
    let pool = open_pool(&url, 1, Duration::from_secs(30)).unwrap();

    mark(&mut pool.get().unwrap());
    assert!(
        is_marked(&mut pool.get().unwrap()),
        "a healthy connection is lent again"
    );

    let mut conn = pool.get().unwrap();
    conn.found_gone();
    drop(conn);
    assert!(
        !is_marked(&mut pool.get().unwrap()),
        "the connection reported gone was lent again"
    );
}

/// The threads of this process now.
fn threads() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
    line["Threads:".len()..].trim().parse().unwrap()
}

#[tokio::test]
async fn a_burst_past_the_pool_waits_for_connections_without_a_thread_each() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    let app = crate::helpers::spawn_app_with(crate::helpers::default_now(), |s| {
        s.database.pool_size = 1;
    })
    .await;
    let url = format!("{}/api/v1/projects", app.address);
    let get = |client: reqwest::Client, token: String, url: String| async move {
        client
            .get(url)
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(
        get(app.client.clone(), app.admin.clone(), url.clone()).await,
        200
    );
    let before = threads();
    // Sample the process's threads while 64 requests ask for the one connection at once.
    let (peak, done) = (
        Arc::new(AtomicUsize::new(before)),
        Arc::new(AtomicBool::new(false)),
    );
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                peak.fetch_max(threads(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_micros(200));
            }
        })
    };
    let mut burst = tokio::task::JoinSet::new();
    for _ in 0..64 {
        burst.spawn(get(app.client.clone(), app.admin.clone(), url.clone()));
    }
    let statuses = burst.join_all().await;
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every one answered: {statuses:?}"
    );
    // One use case runs on the one connection; the others wait on the async workers. The
    // sampler is one more thread, and a few may start for the server's own upkeep. Without
    // the lanes, each waiting request held a blocking thread: about 60 more.
    let grown = peak.load(Ordering::Relaxed) - before;
    assert!(grown <= 6, "{grown} threads more during the burst");
}
