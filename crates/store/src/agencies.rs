//! Agencies: each once, by name; steps refer to them by id.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::agencies::dsl as a;
use super::schema::steps::dsl as s;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::agencies)]
pub struct AgencyRow {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::agencies)]
pub struct NewAgency<'a> {
    pub name: &'a str,
    pub short_name: &'a str,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

/// Every agency, by name.
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<AgencyRow>> {
    a::agencies
        .order(a::name)
        .select(AgencyRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<AgencyRow>> {
    a::agencies
        .filter(a::id.eq(id))
        .select(AgencyRow::as_select())
        .get_result(conn)
        .optional()
}

pub fn insert(conn: &mut WriteTx, new: &NewAgency) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, a::agencies, new, a::id)
}

/// Renames an agency if its version is still `expected` (`false`: someone changed it first).
pub fn update(
    conn: &mut WriteTx,
    id: i32,
    expected: i32,
    (name, short_name): (&str, &str),
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(a::agencies.filter(a::id.eq(id).and(a::version.eq(expected))))
        .set((
            a::name.eq(name),
            a::short_name.eq(short_name),
            a::version.eq(expected + 1),
            a::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// How many steps each agency has, for agencies that have any.
pub fn step_counts(conn: &mut DbConn) -> QueryResult<Vec<(i32, i64)>> {
    s::steps
        .group_by(s::agency_id)
        .select((s::agency_id, diesel::dsl::count_star()))
        .load(conn)
}

/// How many steps one agency has.
pub fn step_count(conn: &mut DbConn, agency_id: i32) -> QueryResult<i64> {
    s::steps
        .filter(s::agency_id.eq(agency_id))
        .count()
        .get_result(conn)
}

/// Moves the revision of every project with a step at this agency, in id order as every
/// project lock is taken: their cached views named the agency.
pub fn touch_projects(conn: &mut WriteTx, agency_id: i32) -> QueryResult<()> {
    let ids: Vec<i32> = s::steps
        .filter(s::agency_id.eq(agency_id))
        .select(s::project_id)
        .distinct()
        .order(s::project_id)
        .load(&mut **conn)?;
    for id in ids {
        super::projects::lock(conn, id)?;
    }
    Ok(())
}
