//! The lease of an outbox row, written once for every outbox (emails in `outbox`,
//! robot messages in `chat_messages`): a row is pending until a sender claims it for a
//! while, then sent, or failed and tried again later, or failed for good.

/// `claim`, `mark_sent` and `mark_failed` for the table `$table` of the schema module
/// imported as `$dsl`, which has `id`, `status`, `attempts`, `next_attempt_at`,
/// `claimed_until`, `last_error` and `sent_at`.
#[macro_export]
macro_rules! outbox_lease {
    ($dsl:ident, $table:ident) => {
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
                    .filter($dsl::status.eq("pending"))
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
                    $dsl::status.eq("sent"),
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
                    .set((common, $dsl::status.eq("failed")))
                    .execute(conn),
            }
        }
    };
}
