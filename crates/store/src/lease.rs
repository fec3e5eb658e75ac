//! The one outbox mechanism, for every outbox (emails in `outbox`, robot messages in
//! `chat_messages`; their other columns differ, so the tables stay two): a row is pending
//! until a sender claims it for a while, then sent, or failed and tried again later, or
//! failed for good. What is due, the claim, the marks and the count of failed attempts
//! are written here once.

/// A row waiting to be sent (or tried again).
pub const PENDING: &str = "pending";
/// A row delivered.
pub const SENT: &str = "sent";
/// A row failed for good.
pub const FAILED: &str = "failed";

/// `due`, `claim`, `mark_sent`, `mark_failed` and `failed_attempts` for the table `$table`
/// of the schema module imported as `$dsl`, which has `id`, `status`, `attempts`,
/// `next_attempt_at`, `claimed_until`, `last_error` and `sent_at`; `due` returns `$due`
/// (of type `$Due`) of each due row.
#[macro_export]
macro_rules! outbox_lease {
    ($dsl:ident, $table:ident, due: $due:expr => $Due:ty) => {
        /// What is due at `now`: pending, its next attempt come, not claimed (or its claim
        /// lapsed), oldest first.
        pub fn due(
            conn: &mut $crate::DbConn,
            now: chrono::NaiveDateTime,
            limit: i64,
        ) -> diesel::QueryResult<Vec<$Due>> {
            use diesel::prelude::*;
            $dsl::$table
                .filter($dsl::status.eq($crate::lease::PENDING))
                .filter($dsl::next_attempt_at.le(now))
                .filter(
                    $dsl::claimed_until
                        .is_null()
                        .or($dsl::claimed_until.lt(now)),
                )
                .order($dsl::id)
                .limit(limit)
                .select($due)
                .load(conn)
        }

        /// Failed delivery attempts so far, retried or not (a row sent in the end counts
        /// its last attempt as the one that worked).
        pub fn failed_attempts(conn: &mut $crate::DbConn) -> diesel::QueryResult<i64> {
            use diesel::prelude::*;
            let rows: Vec<(String, i32)> = $dsl::$table
                .filter($dsl::last_error.is_not_null())
                .select(($dsl::status, $dsl::attempts))
                .load(conn)?;
            Ok(rows
                .iter()
                .map(|(status, n)| i64::from(*n) - i64::from(status == $crate::lease::SENT))
                .sum())
        }

        /// Claims a row for sending until `until`; false if another sender has it or it
        /// is no longer pending. One conditional UPDATE: atomic on both backends.
        pub fn claim(
            conn: &mut $crate::WriteTx,
            id: i32,
            now: chrono::NaiveDateTime,
            until: chrono::NaiveDateTime,
        ) -> diesel::QueryResult<bool> {
            use diesel::prelude::*;
            let conn: &mut $crate::DbConn = conn;
            let n = diesel::update(
                $dsl::$table
                    .filter($dsl::id.eq(id))
                    .filter($dsl::status.eq($crate::lease::PENDING))
                    .filter(
                        $dsl::claimed_until
                            .is_null()
                            .or($dsl::claimed_until.lt(now)),
                    ),
            )
            .set($dsl::claimed_until.eq(Some(until)))
            .execute(conn)?;
            Ok(n == 1)
        }

        pub fn mark_sent(
            conn: &mut $crate::WriteTx,
            id: i32,
            now: chrono::NaiveDateTime,
        ) -> diesel::QueryResult<usize> {
            use diesel::prelude::*;
            let conn: &mut $crate::DbConn = conn;
            diesel::update($dsl::$table.find(id))
                .set((
                    $dsl::status.eq($crate::lease::SENT),
                    $dsl::sent_at.eq(Some(now)),
                    $dsl::claimed_until.eq(None::<chrono::NaiveDateTime>),
                    $dsl::attempts.eq($dsl::attempts + 1),
                ))
                .execute(conn)
        }

        /// A failed attempt: tried again at `retry_at`, or failed for good when `None`.
        pub fn mark_failed(
            conn: &mut $crate::WriteTx,
            id: i32,
            error: &str,
            retry_at: Option<chrono::NaiveDateTime>,
        ) -> diesel::QueryResult<usize> {
            use diesel::prelude::*;
            let conn: &mut $crate::DbConn = conn;
            let row = $dsl::$table.find(id);
            let common = (
                $dsl::attempts.eq($dsl::attempts + 1),
                $dsl::last_error.eq(Some(error)),
                $dsl::claimed_until.eq(None::<chrono::NaiveDateTime>),
            );
            match retry_at {
                Some(at) => diesel::update(row)
                    .set((common, $dsl::next_attempt_at.eq(at)))
                    .execute(conn),
                None => diesel::update(row)
                    .set((common, $dsl::status.eq($crate::lease::FAILED)))
                    .execute(conn),
            }
        }
    };
}
