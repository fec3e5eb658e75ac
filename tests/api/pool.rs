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
