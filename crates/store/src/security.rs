use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_log::dsl as a;
use super::schema::login_failures::dsl as f;
use super::{DbConn, WriteTx};

/// Serialises login attempts of one user name and of one address for the rest of the
/// transaction, so that counting failures and recording a new one cannot interleave. On
/// SQLite the transaction already holds the database's one writer; on PostgreSQL two
/// transaction-scoped advisory locks, always name before address (no deadlock).
pub fn serialize_attempts(conn: &mut WriteTx, username: &str, address: &str) -> QueryResult<()> {
    let conn: &mut DbConn = conn;
    let DbConn::Pg(c) = conn else {
        return Ok(());
    };
    for (class, key) in [(7301, username), (7302, address)] {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind::<diesel::sql_types::Integer, _>(class)
            .bind::<diesel::sql_types::Text, _>(key)
            .execute(c)?;
    }
    Ok(())
}

pub fn record_failure(
    conn: &mut WriteTx,
    username: &str,
    address: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::insert_into(f::login_failures)
        .values((
            f::username.eq(username),
            f::address.eq(address),
            f::failed_at.eq(at),
        ))
        .execute(conn)
}

/// How many failures, and the oldest of them.
pub type FailureCount = (i64, Option<NaiveDateTime>);

/// Failures since `since` for this user name and for this address, with the oldest of each.
pub fn failures_since(
    conn: &mut DbConn,
    username: &str,
    address: &str,
    since: NaiveDateTime,
) -> QueryResult<(FailureCount, FailureCount)> {
    let by_name = f::login_failures
        .filter(f::username.eq(username).and(f::failed_at.gt(since)))
        .select((diesel::dsl::count_star(), diesel::dsl::min(f::failed_at)))
        .get_result(conn)?;
    let by_address = f::login_failures
        .filter(f::address.eq(address).and(f::failed_at.gt(since)))
        .select((diesel::dsl::count_star(), diesel::dsl::min(f::failed_at)))
        .get_result(conn)?;
    Ok((by_name, by_address))
}

/// Whether the lock now in force was already written to the audit log: a `login_locked`
/// entry (for this user name, or for this address when the address is what is locked) no
/// older than the newest failure. While locked no failure is recorded, so that failure
/// marks the lock's start; a later lock starts after a later failure.
pub fn lock_recorded(
    conn: &mut DbConn,
    username: &str,
    locked_address: Option<&str>,
) -> QueryResult<bool> {
    let newest: Option<NaiveDateTime> = match locked_address {
        None => f::login_failures
            .filter(f::username.eq(username))
            .select(diesel::dsl::max(f::failed_at))
            .get_result(conn)?,
        Some(ad) => f::login_failures
            .filter(f::address.eq(ad))
            .select(diesel::dsl::max(f::failed_at))
            .get_result(conn)?,
    };
    let Some(newest) = newest else {
        return Ok(false);
    };
    let locks = a::audit_log.filter(a::action.eq("login_locked").and(a::at.ge(newest)));
    let n: i64 = match locked_address {
        None => locks
            .filter(a::target.eq(username))
            .count()
            .get_result(conn)?,
        Some(ad) => locks.filter(a::address.eq(ad)).count().get_result(conn)?,
    };
    Ok(n > 0)
}

/// A successful login clears the name's failures; old rows of everyone are dropped.
pub fn clear_failures(
    conn: &mut WriteTx,
    username: &str,
    older_than: NaiveDateTime,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::delete(
        f::login_failures.filter(f::username.eq(username).or(f::failed_at.lt(older_than))),
    )
    .execute(conn)
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::audit_log)]
pub struct NewAudit<'a> {
    pub at: NaiveDateTime,
    pub user_id: Option<i32>,
    pub username: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub detail: &'a str,
    pub address: &'a str,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::audit_log)]
pub struct AuditRow {
    pub id: i32,
    pub at: NaiveDateTime,
    pub user_id: Option<i32>,
    pub username: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub address: String,
}

pub fn audit(conn: &mut WriteTx, new: &NewAudit) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::insert_into(a::audit_log).values(new).execute(conn)
}

/// Which audit entries a page shows; `until` is exclusive.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub username: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

fn audit_filtered(
    f: &AuditFilter,
) -> super::schema::audit_log::BoxedQuery<'_, super::MultiBackend> {
    let mut q = a::audit_log.into_boxed();
    if let Some(action) = &f.action {
        q = q.filter(a::action.eq(action));
    }
    if let Some(name) = &f.username {
        q = q.filter(a::username.eq(name));
    }
    if let Some(from) = f.from {
        q = q.filter(a::at.ge(from));
    }
    if let Some(until) = f.until {
        q = q.filter(a::at.lt(until));
    }
    q
}

pub fn audit_page(
    conn: &mut DbConn,
    f: &AuditFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<AuditRow>, i64)> {
    let total = audit_filtered(f).count().get_result(conn)?;
    let rows = audit_filtered(f)
        .order(a::id.desc())
        .offset(offset)
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}
