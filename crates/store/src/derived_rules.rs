//! Which version of the rules computed the stored derived figures, per kind of figure.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::derived_rules::dsl as d;
use super::{DbConn, WriteTx};

/// The version that computed the figures called `name`; `None` before any was recorded.
pub fn version(conn: &mut DbConn, name: &str) -> QueryResult<Option<i32>> {
    d::derived_rules
        .find(name)
        .select(d::version)
        .get_result(conn)
        .optional()
}

pub fn set_version(
    conn: &mut WriteTx,
    name: &str,
    version: i32,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(d::derived_rules.find(name))
        .set((d::version.eq(version), d::computed_at.eq(at)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(d::derived_rules)
            .values((
                d::name.eq(name),
                d::version.eq(version),
                d::computed_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every project's id, archived ones included (their figures are stored too).
pub fn all_projects(conn: &mut DbConn) -> QueryResult<Vec<i32>> {
    use super::schema::projects::dsl as p;
    p::projects.select(p::id).order(p::id).load(conn)
}
