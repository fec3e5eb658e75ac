use diesel::prelude::*;

use super::rows::{EnterpriseRow, NewEnterprise};
use super::schema::enterprises::dsl as e;
use super::{DbConn, WriteTx};

pub fn insert(conn: &mut WriteTx, new: &NewEnterprise) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, e::enterprises, new, e::id)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<EnterpriseRow>> {
    e::enterprises
        .find(id)
        .select(EnterpriseRow::as_select())
        .get_result(conn)
        .optional()
}

pub fn find_by_credit_code(conn: &mut DbConn, code: &str) -> QueryResult<Option<EnterpriseRow>> {
    e::enterprises
        .filter(e::credit_code.eq(code))
        .select(EnterpriseRow::as_select())
        .get_result(conn)
        .optional()
}

/// A page of enterprises, optionally only one (an enterprise user sees its own), and
/// only those whose name or credit code holds `text`.
pub fn page(
    conn: &mut DbConn,
    only: Option<i32>,
    text: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<EnterpriseRow>, i64)> {
    let mut q = e::enterprises.into_boxed();
    let mut c = e::enterprises.into_boxed();
    if let Some(id) = only {
        q = q.filter(e::id.eq(id));
        c = c.filter(e::id.eq(id));
    }
    if let Some(t) = text {
        let pattern = format!("%{}%", escape_like(t));
        let by = |p: String| {
            e::name
                .like(p.clone())
                .escape('\\')
                .or(e::credit_code.like(p).escape('\\'))
        };
        q = q.filter(by(pattern.clone()));
        c = c.filter(by(pattern));
    }
    let total = c.count().get_result(conn)?;
    let rows = q
        .order(e::id)
        .offset(offset)
        .limit(limit)
        .select(EnterpriseRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = super::schema::enterprises)]
pub struct EnterpriseChanges<'a> {
    pub name: Option<&'a str>,
    pub credit_code: Option<&'a str>,
    pub contact_name: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    pub version: i32,
    pub updated_at: chrono::NaiveDateTime,
}

/// Applies the changes only if the row is still at `expected` version; false if it is not.
pub fn update(
    conn: &mut WriteTx,
    id: i32,
    expected: i32,
    changes: &EnterpriseChanges,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(e::enterprises.filter(e::id.eq(id).and(e::version.eq(expected))))
        .set(changes)
        .execute(conn)?;
    Ok(n == 1)
}

/// The enterprises with these ids (any order; unknown ids are left out).
pub fn find_many(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<EnterpriseRow>> {
    e::enterprises
        .filter(e::id.eq_any(ids))
        .select(EnterpriseRow::as_select())
        .load(conn)
}

/// Takes the enterprise's row lock for the rest of the transaction (a no-op write: a row
/// lock on PostgreSQL, the write lock on SQLite), so that what is counted per enterprise
/// before a write (its open requests) cannot be passed by a concurrent writer.
pub fn lock(conn: &mut WriteTx, id: i32) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(e::enterprises.find(id))
        .set(e::version.eq(e::version))
        .execute(conn)?;
    Ok(n == 1)
}
