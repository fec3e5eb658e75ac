use diesel::prelude::*;
use domain::Role;

use super::rows::{NewUser, UserRow};
use super::schema::users::dsl as u;
use super::{DbConn, WriteTx};

pub fn insert(conn: &mut WriteTx, new: &NewUser) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, u::users, new, u::id)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<UserRow>> {
    u::users
        .find(id)
        .select(UserRow::as_select())
        .get_result(conn)
        .optional()
}

pub fn find_by_username(conn: &mut DbConn, name: &str) -> QueryResult<Option<UserRow>> {
    u::users
        .filter(u::username.eq(name))
        .select(UserRow::as_select())
        .get_result(conn)
        .optional()
}

pub fn find_many(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<UserRow>> {
    u::users
        .filter(u::id.eq_any(ids))
        .select(UserRow::as_select())
        .load(conn)
}

pub fn page(conn: &mut DbConn, offset: i64, limit: i64) -> QueryResult<(Vec<UserRow>, i64)> {
    let total = u::users.count().get_result(conn)?;
    let rows = u::users
        .order(u::id)
        .offset(offset)
        .limit(limit)
        .select(UserRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = super::schema::users)]
pub struct UserChanges<'a> {
    pub display_name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub role: Option<&'a str>,
    pub enterprise_id: Option<Option<i32>>,
    pub password_hash: Option<&'a str>,
    pub active: Option<bool>,
    /// `Some(None)` clears the phone.
    pub phone: Option<Option<&'a str>>,
    /// `Some(None)` clears the mobile.
    pub mobile: Option<Option<&'a str>>,
    pub version: i32,
    pub updated_at: chrono::NaiveDateTime,
}

/// Applies the changes only if the row is still at `expected` version; false if it is not.
pub fn update(
    conn: &mut WriteTx,
    id: i32,
    expected: i32,
    changes: &UserChanges,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(u::users.filter(u::id.eq(id).and(u::version.eq(expected))))
        .set(changes)
        .execute(conn)?;
    Ok(n == 1)
}

/// Active users of one role, by id.
pub fn active_with_role(conn: &mut DbConn, role: Role) -> QueryResult<Vec<UserRow>> {
    u::users
        .filter(u::role.eq(role.as_str()).and(u::active.eq(true)))
        .order(u::id)
        .select(UserRow::as_select())
        .load(conn)
}
