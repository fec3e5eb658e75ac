//! Statements written as fixed SQL, for the few writes on the hot path.
//!
//! diesel never caches the prepared statement of an `UPDATE` built with its DSL (it cannot
//! know the changeset is the same every time), so each one was parsed afresh: 8 % of a
//! recorded event's time (perf, `scripts/bench.sh`). A statement declared here is one SQL
//! text with its own type, which diesel caches per connection like any static query. The
//! SQL must be portable: plain column names, and binds (`?` on SQLite, `$n` on
//! PostgreSQL) placed by diesel.

/// Declares a statement: a struct of its binds, and the SQL around them in order, each
/// bind with its SQL type.
///
/// ```ignore
/// static_sql! {
///     pub struct BumpRevision { id: i32 }
///     "UPDATE projects SET revision = revision + 1 WHERE id = " (id: Integer) ""
/// }
/// ```
#[macro_export]
macro_rules! static_sql {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident { $($field:ident : $ty:ty),* $(,)? }
        $first:literal $(($bind:ident : $st:ty) $sql:literal)*
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        $vis struct $name { $(pub $field: $ty),* }

        impl diesel::query_builder::QueryId for $name {
            type QueryId = $name;
            const HAS_STATIC_QUERY_ID: bool = true;
        }

        impl diesel::query_builder::QueryFragment<$crate::MultiBackend> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, $crate::MultiBackend>,
            ) -> diesel::QueryResult<()> {
                #[allow(unused_imports)]
                use diesel::sql_types::*;
                out.push_sql($first);
                $(
                    out.push_bind_param::<$st, _>(&self.$bind)?;
                    out.push_sql($sql);
                )*
                Ok(())
            }
        }

        impl<Conn> diesel::RunQueryDsl<Conn> for $name {}
    };
}
