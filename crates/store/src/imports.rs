//! Bulk inserts for imports: a project's steps, dependencies and events in a few
//! statements each, with statuses and dates already worked out.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::rows::{DependencyRow, NewEvent};
use super::schema::step_dependencies::dsl as d;
use super::schema::step_events::dsl as e;
use super::schema::steps::dsl as s;
use super::{DbConn, WriteTx};

/// One multi-row INSERT, on the concrete backend (the multi-connection has no batches).
macro_rules! batch {
    ($conn:expr, $table:path, $values:expr) => {
        match $conn {
            DbConn::Sqlite(c) => diesel::insert_into($table).values($values).execute(c),
            DbConn::Pg(c) => diesel::insert_into($table).values($values).execute(c),
        }
    };
}

/// A step as imported: its status and dates follow from its events.
#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::steps)]
#[diesel(treat_none_as_default_value = false)]
pub struct ImportedStep<'a> {
    pub project_id: i32,
    pub key: &'a str,
    pub name: &'a str,
    pub agency_id: i32,
    pub lead: bool,
    pub stage: &'a str,
    pub statutory_days: i32,
    pub promised_days: Option<i32>,
    pub position: i32,
    pub status: &'a str,
    pub accepted_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

/// An event row for a bulk insert (no `DEFAULT` values, which SQLite batches refuse).
#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::step_events)]
#[diesel(treat_none_as_default_value = false)]
pub struct ImportedEvent<'a> {
    pub step_id: i32,
    pub project_id: i32,
    pub user_id: i32,
    pub action: &'a str,
    pub on_date: NaiveDate,
    pub recorded_at: NaiveDateTime,
    pub note: Option<&'a str>,
    pub accepted_with_missing: bool,
    pub by_commitment: bool,
    pub notice: Option<&'a str>,
}

impl<'a> From<&NewEvent<'a>> for ImportedEvent<'a> {
    fn from(n: &NewEvent<'a>) -> ImportedEvent<'a> {
        ImportedEvent {
            step_id: n.step_id,
            project_id: n.project_id,
            user_id: n.user_id,
            action: n.action,
            on_date: n.on_date,
            recorded_at: n.recorded_at,
            note: n.note,
            accepted_with_missing: n.accepted_with_missing,
            by_commitment: n.by_commitment,
            notice: n.notice,
        }
    }
}

/// Inserts a project's steps; returns (key, id) of each.
pub fn insert_steps(
    conn: &mut WriteTx,
    project_id: i32,
    steps: &[ImportedStep],
) -> QueryResult<Vec<(String, i32)>> {
    let conn: &mut DbConn = conn;
    if !steps.is_empty() {
        batch!(conn, s::steps, steps)?;
    }
    s::steps
        .filter(s::project_id.eq(project_id))
        .select((s::key, s::id))
        .load(conn)
}

pub fn insert_dependencies(conn: &mut WriteTx, deps: &[DependencyRow]) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    if deps.is_empty() {
        return Ok(0);
    }
    batch!(conn, d::step_dependencies, deps)
}

pub fn insert_events(conn: &mut WriteTx, events: &[ImportedEvent]) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    if events.is_empty() {
        return Ok(0);
    }
    batch!(conn, e::step_events, events)
}
