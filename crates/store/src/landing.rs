//! A project's landing row (统一项目代码, milestone days, permit extensions), the history
//! of milestone records, the year's targets and the permit reminders sent.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::milestone_events::dsl as me;
use super::schema::permit_reminders::dsl as pr;
use super::schema::project_landing::dsl as pl;
use super::schema::year_targets::dsl as yt;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = super::schema::project_landing)]
#[diesel(treat_none_as_null = true)]
pub struct LandingRow {
    pub project_id: i32,
    pub project_code: Option<String>,
    pub signed_planned: Option<NaiveDate>,
    pub signed_actual: Option<NaiveDate>,
    pub land_planned: Option<NaiveDate>,
    pub land_actual: Option<NaiveDate>,
    pub started_planned: Option<NaiveDate>,
    pub started_actual: Option<NaiveDate>,
    pub completed_planned: Option<NaiveDate>,
    pub completed_actual: Option<NaiveDate>,
    pub producing_planned: Option<NaiveDate>,
    pub producing_actual: Option<NaiveDate>,
    pub permit_extensions: i32,
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConn, project_id: i32) -> QueryResult<Option<LandingRow>> {
    pl::project_landing
        .find(project_id)
        .select(LandingRow::as_select())
        .get_result(conn)
        .optional()
}

/// Every landing row (the zone's figures read them all; one row per project at most).
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<LandingRow>> {
    pl::project_landing
        .order(pl::project_id)
        .select(LandingRow::as_select())
        .load(conn)
}

/// A project's id and its 开工 days: planned, actual.
pub type StartedDays = (i32, Option<NaiveDate>, Option<NaiveDate>);

/// The 开工 (construction started) days, planned and actual, of the given projects that
/// have a landing row.
pub fn started_of(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<StartedDays>> {
    let all =
        || pl::project_landing.select((pl::project_id, pl::started_planned, pl::started_actual));
    if project_ids.len() > super::MANY {
        let wanted: std::collections::HashSet<i32> = project_ids.iter().copied().collect();
        let mut rows: Vec<StartedDays> = all().load(conn)?;
        rows.retain(|r| wanted.contains(&r.0));
        return Ok(rows);
    }
    all().filter(pl::project_id.eq_any(project_ids)).load(conn)
}

/// The codes of the given projects that have one.
pub fn codes_of(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<(i32, String)>> {
    let rows: Vec<(i32, Option<String>)> = if project_ids.len() > super::MANY {
        pl::project_landing
            .select((pl::project_id, pl::project_code))
            .load(conn)?
    } else {
        pl::project_landing
            .filter(pl::project_id.eq_any(project_ids))
            .select((pl::project_id, pl::project_code))
            .load(conn)?
    };
    Ok(rows
        .into_iter()
        .filter_map(|(p, c)| c.map(|c| (p, c)))
        .collect())
}

/// The project holding a code, if any.
pub fn holder_of(conn: &mut DbConn, code: &str) -> QueryResult<Option<i32>> {
    pl::project_landing
        .filter(pl::project_code.eq(code))
        .select(pl::project_id)
        .first(conn)
        .optional()
}

/// Writes a project's row whole (inserted the first time).
pub fn save(conn: &mut WriteTx, row: &LandingRow) -> QueryResult<()> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(pl::project_landing.find(row.project_id))
        .set(row)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(pl::project_landing)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// Sets (or clears) only the code, keeping the milestones.
pub fn set_code(
    conn: &mut WriteTx,
    project_id: i32,
    code: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let mut row = find(conn, project_id)?.unwrap_or(LandingRow {
        project_id,
        ..LandingRow::default()
    });
    row.project_code = code.map(str::to_string);
    row.updated_at = at;
    save(conn, &row)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::milestone_events)]
pub struct MilestoneEventRow {
    pub id: i32,
    pub project_id: i32,
    pub user_id: i32,
    pub milestone: String,
    pub action: String,
    pub on_date: Option<NaiveDate>,
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::milestone_events)]
pub struct NewMilestoneEvent<'a> {
    pub project_id: i32,
    pub user_id: i32,
    pub milestone: &'a str,
    pub action: &'a str,
    pub on_date: Option<NaiveDate>,
    pub recorded_at: NaiveDateTime,
}

pub fn record_event(conn: &mut WriteTx, e: &NewMilestoneEvent) -> QueryResult<()> {
    let conn: &mut DbConn = conn;
    diesel::insert_into(me::milestone_events)
        .values(e)
        .execute(conn)
        .map(|_| ())
}

pub fn events_of(conn: &mut DbConn, project_id: i32) -> QueryResult<Vec<MilestoneEventRow>> {
    me::milestone_events
        .filter(me::project_id.eq(project_id))
        .order(me::id)
        .select(MilestoneEventRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::year_targets)]
pub struct TargetRow {
    pub year: i32,
    pub starts: i32,
    pub productions: i32,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

pub fn target(conn: &mut DbConn, year: i32) -> QueryResult<Option<TargetRow>> {
    yt::year_targets
        .find(year)
        .select(TargetRow::as_select())
        .get_result(conn)
        .optional()
}

pub fn targets(conn: &mut DbConn) -> QueryResult<Vec<TargetRow>> {
    yt::year_targets
        .order(yt::year.desc())
        .select(TargetRow::as_select())
        .load(conn)
}

/// Sets a year's targets; `expected` is the version the change was made on (`None`: new).
/// False when the row moved on meanwhile (or exists already for a new one).
pub fn save_target(
    conn: &mut WriteTx,
    (year, starts, productions): (i32, i32, i32),
    expected: Option<i32>,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = match expected {
        Some(v) => {
            diesel::update(yt::year_targets.filter(yt::year.eq(year).and(yt::version.eq(v))))
                .set((
                    yt::starts.eq(starts),
                    yt::productions.eq(productions),
                    yt::version.eq(v + 1),
                    yt::updated_at.eq(at),
                ))
                .execute(conn)?
        }
        None => {
            let row = (
                yt::year.eq(year),
                yt::starts.eq(starts),
                yt::productions.eq(productions),
                yt::version.eq(1),
                yt::updated_at.eq(at),
            );
            crate::insert_or_nothing!(conn, yt::year_targets, row)?
        }
    };
    Ok(n == 1)
}

/// The thresholds (days before) already reminded for this deadline.
pub fn reminded(conn: &mut DbConn, project_id: i32, deadline: NaiveDate) -> QueryResult<Vec<i32>> {
    pr::permit_reminders
        .filter(pr::project_id.eq(project_id).and(pr::deadline.eq(deadline)))
        .select(pr::days_before)
        .load(conn)
}

/// Records a threshold as reached; 0 if it was already.
pub fn record_reminder(
    conn: &mut WriteTx,
    project_id: i32,
    deadline: NaiveDate,
    days_before: i32,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    let row = (
        pr::project_id.eq(project_id),
        pr::deadline.eq(deadline),
        pr::days_before.eq(days_before),
        pr::reminded_at.eq(now),
    );
    crate::insert_or_nothing!(conn, pr::permit_reminders, row)
}

/// Projects not archived whose construction permit step is approved: (project, approval day).
pub fn approved_permits(conn: &mut DbConn) -> QueryResult<Vec<(i32, Option<NaiveDate>)>> {
    use super::schema::projects::dsl as p;
    use super::schema::steps::dsl as s;
    s::steps
        .inner_join(p::projects)
        .filter(s::key.eq(domain::landing::CONSTRUCTION_PERMIT))
        .filter(s::status.eq("approved"))
        .filter(p::archived.eq(false))
        .order(s::project_id)
        .select((s::project_id, s::finished_on))
        .load(conn)
}
