//! The light dates kept with each step (see `domain::light_dates`) and the queries that
//! use them: a project's light without its history, red or yellow projects by index.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::schema::steps::dsl as s;
use super::{DbConn, WriteTx};

/// What a step's light and stall on any day follow from.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::steps)]
pub struct StepLightRow {
    pub id: i32,
    pub project_id: i32,
    #[diesel(deserialize_as = String)]
    pub status: domain::StepStatus,
    pub statutory_days: i32,
    pub promised_days: Option<i32>,
    pub yellow_on: Option<NaiveDate>,
    pub red_on: Option<NaiveDate>,
    pub paused_since: Option<NaiveDate>,
}

pub fn of_project(conn: &mut DbConn, project_id: i32) -> QueryResult<Vec<StepLightRow>> {
    s::steps
        .filter(s::project_id.eq(project_id))
        .select(StepLightRow::as_select())
        .load(conn)
}

pub fn of_projects(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<StepLightRow>> {
    if let [id] = project_ids {
        return of_project(conn, *id);
    }
    s::steps
        .filter(s::project_id.eq_any(project_ids))
        .select(StepLightRow::as_select())
        .load(conn)
}

pub fn set(
    conn: &mut WriteTx,
    step_id: i32,
    (yellow_on, red_on, paused_since): StepDates,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    SetStepDates {
        id: step_id,
        yellow_on,
        red_on,
        paused_since,
    }
    .execute(conn)
}

/// A step's yellow day, red day and the day its pause began.
pub type StepDates = (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>);

crate::static_sql! {
    struct SetStepDates {
        id: i32,
        yellow_on: Option<NaiveDate>,
        red_on: Option<NaiveDate>,
        paused_since: Option<NaiveDate>,
    }
    "UPDATE steps SET yellow_on = " (yellow_on: Nullable<Date>)
    ", red_on = " (red_on: Nullable<Date>)
    ", paused_since = " (paused_since: Nullable<Date>)
    " WHERE id = " (id: Integer) ""
}

/// A project's aggregate: whether a step is in review, and its steps' earliest dates.
pub type ProjectDates = (
    bool,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

pub fn project_dates(conn: &mut DbConn, project_id: i32) -> QueryResult<ProjectDates> {
    use super::schema::projects::dsl as p;
    p::projects
        .find(project_id)
        .select((p::in_review, p::yellow_on, p::red_on, p::paused_since))
        .get_result(conn)
}

pub fn set_project(
    conn: &mut WriteTx,
    project_id: i32,
    (in_review, yellow_on, red_on, paused_since): ProjectDates,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    SetProjectDates {
        id: project_id,
        in_review,
        yellow_on,
        red_on,
        paused_since,
    }
    .execute(conn)
}

crate::static_sql! {
    struct SetProjectDates {
        id: i32,
        in_review: bool,
        yellow_on: Option<NaiveDate>,
        red_on: Option<NaiveDate>,
        paused_since: Option<NaiveDate>,
    }
    "UPDATE projects SET in_review = " (in_review: Bool)
    ", yellow_on = " (yellow_on: Nullable<Date>)
    ", red_on = " (red_on: Nullable<Date>)
    ", paused_since = " (paused_since: Nullable<Date>)
    " WHERE id = " (id: Integer) ""
}

/// Projects whose stored dates are missing or left over (a database from before they
/// were kept): running steps without dates, finished ones with dates.
pub fn stale_projects(conn: &mut DbConn) -> QueryResult<Vec<i32>> {
    use super::schema::projects::dsl as p;
    // A project marked in review without dates (or the other way round) is stale too.
    let mut ids: Vec<i32> = p::projects
        .filter(p::in_review.eq(true).and(p::red_on.is_null()))
        .select(p::id)
        .load(conn)?;
    let steps: Vec<i32> = s::steps
        .filter(s::status.eq("in_review"))
        // NOT EXISTS, not `<> ALL (subquery)`: PostgreSQL runs the latter as a loop over
        // the subquery's rows for every step (0.6 s at zone size, every scheduler pass).
        .filter(diesel::dsl::not(diesel::dsl::exists(
            p::projects
                .filter(p::id.eq(s::project_id))
                .filter(p::in_review.eq(true)),
        )))
        .select(s::project_id)
        .distinct()
        .load(conn)?;
    ids.extend(steps);
    ids.extend(stale_steps(conn)?);
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Each part by an index (one OR of them scanned all steps: 150 ms at zone size, on every
/// start): steps in review without a red day, awaiting without a pause day, finished or
/// pending with a red day, and projects paused with no step awaiting the applicant.
fn stale_steps(conn: &mut DbConn) -> QueryResult<Vec<i32>> {
    use super::schema::projects::dsl as p;
    const IDLE: [&str; 4] = ["pending", "approved", "rejected", "waived"];
    let mut ids: Vec<i32> = s::steps
        .filter(s::status.eq("in_review").and(s::red_on.is_null()))
        .select(s::project_id)
        .load(conn)?;
    ids.extend(
        s::steps
            .filter(s::status.eq("awaiting_applicant"))
            .filter(s::paused_since.is_null())
            .select(s::project_id)
            .load::<i32>(conn)?,
    );
    ids.extend(
        s::steps
            .filter(s::status.eq_any(IDLE).and(s::red_on.is_not_null()))
            .select(s::project_id)
            .load::<i32>(conn)?,
    );
    let awaiting = s::steps
        .filter(s::project_id.eq(p::id))
        .filter(s::status.eq("awaiting_applicant"));
    ids.extend(
        p::projects
            .filter(p::paused_since.is_not_null())
            .filter(diesel::dsl::not(diesel::dsl::exists(awaiting)))
            .select(p::id)
            .load::<i32>(conn)?,
    );
    Ok(ids)
}

/// Projects with a step in review or awaiting the applicant (a calendar change moves
/// their dates).
pub fn running_projects(conn: &mut DbConn) -> QueryResult<Vec<i32>> {
    s::steps
        .filter(s::status.eq_any(["in_review", "awaiting_applicant"]))
        .select(s::project_id)
        .distinct()
        .load(conn)
}
