use chrono::NaiveDate;
use diesel::prelude::*;

use domain::step::Action;

use super::rows::{ClockEventRow, EventFactRow, EventRow, NewEvent};
use super::schema::step_events::dsl as ev;
use super::{DbConn, WriteTx};

pub fn insert(conn: &mut WriteTx, new: &NewEvent) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, ev::step_events, new, ev::id)
}

/// The facts of every event of a project, withdrawn ones included, in recorded order: read
/// from the project's index alone, so a long history costs a narrow scan, not a row each.
pub fn facts_of_project(conn: &mut DbConn, project_id: i32) -> QueryResult<Vec<EventFactRow>> {
    ev::step_events
        .filter(ev::project_id.eq(project_id))
        .order(ev::id)
        .select(EventFactRow::as_select())
        .load(conn)
}

/// These events of one project (a page of its history), in no particular order.
pub fn of_project_with_ids(
    conn: &mut DbConn,
    project_id: i32,
    ids: &[i32],
) -> QueryResult<Vec<EventRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    ev::step_events
        .filter(ev::project_id.eq(project_id))
        .filter(ev::id.eq_any(ids))
        .select(EventRow::as_select())
        .load(conn)
}

/// Every event of a project's steps, in the order they were recorded, withdrawn ones
/// included (the history shows them marked).
pub fn of_project(conn: &mut DbConn, project_id: i32) -> QueryResult<Vec<EventRow>> {
    ev::step_events
        .filter(ev::project_id.eq(project_id))
        .order(ev::id)
        .select(EventRow::as_select())
        .load(conn)
}

pub fn of_projects(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<EventRow>> {
    // Static SQL for one project, so the prepared statement is cached.
    if let [id] = project_ids {
        return of_project(conn, *id);
    }
    ev::step_events
        .filter(ev::project_id.eq_any(project_ids))
        .order(ev::id)
        .select(EventRow::as_select())
        .load(conn)
}

/// The clock facts of the events of these projects' steps, in recorded order; withdrawn
/// events are not facts. Many
/// projects (a report, an overview) are read whole rather than through a list of ids
/// that SQLite would have to bind and sort one by one, and that has a size limit.
pub fn clock_events_of_projects(
    conn: &mut DbConn,
    project_ids: &[i32],
) -> QueryResult<Vec<ClockEventRow>> {
    let select = ClockEventRow::as_select();
    match project_ids {
        [id] => ev::step_events
            .filter(ev::project_id.eq(*id))
            .filter(ev::withdrawn_at.is_null())
            .order(ev::id)
            .select(select)
            .load(conn),
        ids if ids.len() > super::MANY => {
            let wanted: std::collections::HashSet<i32> = ids.iter().copied().collect();
            let mut all: Vec<(i32, ClockEventRow)> = ev::step_events
                .filter(ev::withdrawn_at.is_null())
                .order(ev::id)
                .select((ev::project_id, select))
                .load(conn)?;
            all.retain(|(p, _)| wanted.contains(p));
            Ok(all.into_iter().map(|(_, e)| e).collect())
        }
        ids => ev::step_events
            .filter(ev::project_id.eq_any(ids))
            .filter(ev::withdrawn_at.is_null())
            .order(ev::id)
            .select(select)
            .load(conn),
    }
}

pub fn count_of_step(conn: &mut DbConn, step_id: i32) -> QueryResult<i64> {
    ev::step_events
        .filter(ev::step_id.eq(step_id))
        .count()
        .get_result(conn)
}

/// The clock facts of one step's events, in recorded order (withdrawn ones aside).
pub fn clock_events_of_step(conn: &mut DbConn, step_id: i32) -> QueryResult<Vec<ClockEventRow>> {
    ev::step_events
        .filter(ev::step_id.eq(step_id))
        .filter(ev::withdrawn_at.is_null())
        .order(ev::id)
        .select(ClockEventRow::as_select())
        .load(conn)
}

/// The day and notice of the latest request for materials (补正) of a project's step that
/// was not withdrawn: the one a step waiting on its applicant waits for. Read backwards
/// through the step's index, so it costs the same however long the step's history.
pub fn last_request(
    conn: &mut DbConn,
    project_id: i32,
    step_key: &str,
) -> QueryResult<Option<(NaiveDate, Option<String>)>> {
    use super::schema::steps::dsl as s;
    let step = s::steps
        .filter(s::project_id.eq(project_id))
        .filter(s::key.eq(step_key))
        .select(s::id)
        .single_value();
    ev::step_events
        .filter(ev::step_id.nullable().eq(step))
        .filter(ev::action.eq(Action::RequestMaterials.as_str()))
        .filter(ev::withdrawn_at.is_null())
        .order(ev::id.desc())
        .select((ev::on_date, ev::notice))
        .first(conn)
        .optional()
}

/// The events of one step, in recorded order, withdrawn ones included.
pub fn of_step(conn: &mut DbConn, step_id: i32) -> QueryResult<Vec<EventRow>> {
    ev::step_events
        .filter(ev::step_id.eq(step_id))
        .order(ev::id)
        .select(EventRow::as_select())
        .load(conn)
}

/// Marks an event withdrawn (撤销); `false` when it was withdrawn already (a race lost).
pub fn withdraw(
    conn: &mut WriteTx,
    event_id: i32,
    by: i32,
    at: chrono::NaiveDateTime,
    reason: &str,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(
        ev::step_events
            .filter(ev::id.eq(event_id))
            .filter(ev::withdrawn_at.is_null()),
    )
    .set((
        ev::withdrawn_at.eq(at),
        ev::withdrawn_by.eq(by),
        ev::withdraw_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
