use diesel::prelude::*;

use super::rows::{EventRow, NewEvent};
use super::schema::step_events::dsl as ev;
use super::DbConn;

pub fn insert(conn: &mut DbConn, new: &NewEvent) -> QueryResult<i32> {
    crate::insert_returning_id!(conn, ev::step_events, new, ev::id)
}

/// Every event of a project's steps, in the order they were recorded.
pub fn of_project(conn: &mut DbConn, project_id: i32) -> QueryResult<Vec<EventRow>> {
    ev::step_events
        .filter(ev::project_id.eq(project_id))
        .order(ev::id)
        .select(EventRow::as_select())
        .load(conn)
}

pub fn of_projects(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<EventRow>> {
    ev::step_events
        .filter(ev::project_id.eq_any(project_ids))
        .order(ev::id)
        .select(EventRow::as_select())
        .load(conn)
}

pub fn count_of_step(conn: &mut DbConn, step_id: i32) -> QueryResult<i64> {
    ev::step_events
        .filter(ev::step_id.eq(step_id))
        .count()
        .get_result(conn)
}

/// The events of one step, in recorded order.
pub fn of_step(conn: &mut DbConn, step_id: i32) -> QueryResult<Vec<EventRow>> {
    ev::step_events
        .filter(ev::step_id.eq(step_id))
        .order(ev::id)
        .select(EventRow::as_select())
        .load(conn)
}
