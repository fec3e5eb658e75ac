use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::rows::{DependencyRow, NewStep, StepRow};
use super::schema::agencies;
use super::schema::step_dependencies::dsl as d;
use super::schema::steps::dsl as s;
use super::{DbConn, WriteTx};

pub fn insert(conn: &mut WriteTx, new: &NewStep) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, s::steps, new, s::id)
}

/// A project's steps in their route order.
pub fn of_project(conn: &mut DbConn, project_id: i32) -> QueryResult<Vec<StepRow>> {
    s::steps
        .inner_join(agencies::table)
        .filter(s::project_id.eq(project_id))
        .order((s::position, s::id))
        .select(StepRow::as_select())
        .load(conn)
}

/// The steps of many projects at once (list pages), in route order.
pub fn of_projects(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<StepRow>> {
    // One project (the busiest page) by static SQL: SQLite caches its prepared statement,
    // while an IN list is parsed afresh every time.
    if let [id] = project_ids {
        return of_project(conn, *id);
    }
    if project_ids.len() > super::MANY {
        let wanted: std::collections::HashSet<i32> = project_ids.iter().copied().collect();
        let mut all: Vec<StepRow> = s::steps
            .inner_join(agencies::table)
            .order((s::project_id, s::position, s::id))
            .select(StepRow::as_select())
            .load(conn)?;
        all.retain(|r| wanted.contains(&r.project_id));
        return Ok(all);
    }
    s::steps
        .inner_join(agencies::table)
        .filter(s::project_id.eq_any(project_ids))
        .order((s::project_id, s::position, s::id))
        .select(StepRow::as_select())
        .load(conn)
}

pub fn next_position(conn: &mut DbConn, project_id: i32) -> QueryResult<i32> {
    let max: Option<i32> = s::steps
        .filter(s::project_id.eq(project_id))
        .select(diesel::dsl::max(s::position))
        .get_result(conn)?;
    Ok(max.map_or(0, |m| m + 1))
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = super::schema::steps)]
pub struct StepChanges<'a> {
    pub name: Option<&'a str>,
    pub agency_id: Option<i32>,
    pub lead: Option<bool>,
    pub stage: Option<&'a str>,
    pub statutory_days: Option<i32>,
    pub promised_days: Option<Option<i32>>,
    pub status: Option<&'a str>,
    pub accepted_on: Option<Option<chrono::NaiveDate>>,
    pub finished_on: Option<Option<chrono::NaiveDate>>,
    pub version: i32,
    pub updated_at: chrono::NaiveDateTime,
}

pub fn update(conn: &mut WriteTx, id: i32, expected: i32, ch: &StepChanges) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(s::steps.filter(s::id.eq(id).and(s::version.eq(expected))))
        .set(ch)
        .execute(conn)?;
    Ok(n == 1)
}

/// A step after an event: its status, dates, light dates and version, written only if
/// the version is still the one read (`false`: someone else changed it first).
pub fn set_transition(
    conn: &mut WriteTx,
    row: &StepRow,
    expected: i32,
    updated_at: NaiveDateTime,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = SetTransition {
        id: row.id,
        expected,
        status: row.status.as_str().to_owned(),
        accepted_on: row.accepted_on,
        finished_on: row.finished_on,
        yellow_on: row.yellow_on,
        red_on: row.red_on,
        paused_since: row.paused_since,
        version: row.version,
        updated_at,
    }
    .execute(conn)?;
    Ok(n == 1)
}

crate::static_sql! {
    /// Static SQL: the hottest write there is (see `store::static_sql`).
    struct SetTransition {
        id: i32,
        expected: i32,
        status: String,
        accepted_on: Option<NaiveDate>,
        finished_on: Option<NaiveDate>,
        yellow_on: Option<NaiveDate>,
        red_on: Option<NaiveDate>,
        paused_since: Option<NaiveDate>,
        version: i32,
        updated_at: NaiveDateTime,
    }
    "UPDATE steps SET status = " (status: Text)
    ", accepted_on = " (accepted_on: Nullable<Date>)
    ", finished_on = " (finished_on: Nullable<Date>)
    ", yellow_on = " (yellow_on: Nullable<Date>)
    ", red_on = " (red_on: Nullable<Date>)
    ", paused_since = " (paused_since: Nullable<Date>)
    ", version = " (version: Integer)
    ", updated_at = " (updated_at: Timestamp)
    " WHERE id = " (id: Integer)
    " AND version = " (expected: Integer) ""
}

pub fn delete(conn: &mut WriteTx, id: i32) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::delete(d::step_dependencies.filter(d::from_step_id.eq(id).or(d::to_step_id.eq(id))))
        .execute(conn)?;
    diesel::delete(s::steps.find(id)).execute(conn)
}

pub fn dependencies_of(conn: &mut DbConn, project_id: i32) -> QueryResult<Vec<DependencyRow>> {
    d::step_dependencies
        .filter(d::project_id.eq(project_id))
        .select(DependencyRow::as_select())
        .load(conn)
}

pub fn dependencies_of_projects(
    conn: &mut DbConn,
    project_ids: &[i32],
) -> QueryResult<Vec<DependencyRow>> {
    if let [id] = project_ids {
        return dependencies_of(conn, *id);
    }
    if project_ids.len() > super::MANY {
        let wanted: std::collections::HashSet<i32> = project_ids.iter().copied().collect();
        let mut all: Vec<DependencyRow> = d::step_dependencies
            .select(DependencyRow::as_select())
            .load(conn)?;
        all.retain(|r| wanted.contains(&r.project_id));
        return Ok(all);
    }
    d::step_dependencies
        .filter(d::project_id.eq_any(project_ids))
        .select(DependencyRow::as_select())
        .load(conn)
}

pub fn add_dependency(conn: &mut WriteTx, dep: &DependencyRow) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::insert_into(d::step_dependencies)
        .values(dep)
        .execute(conn)
}

pub fn remove_dependency(conn: &mut WriteTx, from: i32, to: i32) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::delete(d::step_dependencies.filter(d::from_step_id.eq(from).and(d::to_step_id.eq(to))))
        .execute(conn)
}

/// Replaces the predecessors of one step.
pub fn set_predecessors(
    conn: &mut WriteTx,
    project_id: i32,
    to: i32,
    from_ids: &[i32],
) -> QueryResult<()> {
    diesel::delete(d::step_dependencies.filter(d::to_step_id.eq(to))).execute(&mut **conn)?;
    for &from in from_ids {
        add_dependency(
            conn,
            &DependencyRow {
                project_id,
                from_step_id: from,
                to_step_id: to,
            },
        )?;
    }
    Ok(())
}

/// Every stage some step names, in text order.
pub fn stages(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    s::steps
        .select(s::stage)
        .distinct()
        .order(s::stage.asc())
        .load(conn)
}
