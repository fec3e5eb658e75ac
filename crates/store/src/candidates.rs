//! What a scheduler pass reads: the steps that may raise an alert on a day, their events
//! and the alerts they already have. On today's run only steps whose stored light dates
//! (see `light_dates`) say they are yellow, red or stalled are read, by index; a run
//! `--at` a past day reads every step that was or is with an agency, as before.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::rows::ClockEventRow;
use super::schema::steps::dsl as s;
use super::DbConn;

/// What the scheduler reads of a step: (id, project, statutory days, promised days).
pub type StepFacts = (i32, i32, i32, Option<i32>);

/// Which steps to read on `day`.
#[derive(Debug, Clone, Copy)]
pub struct Day {
    pub day: NaiveDate,
    /// Pauses that began on or before this day are stalled on `day`.
    pub stall_cutoff: NaiveDate,
    /// A run for a past day: the stored dates describe today's histories, not that day's.
    pub catch_up: bool,
}

/// The candidate steps of live (not archived) projects.
pub fn steps(conn: &mut DbConn, on: Day) -> QueryResult<Vec<StepFacts>> {
    use super::schema::projects::dsl as p;
    let q = s::steps
        .inner_join(p::projects)
        .filter(p::archived.eq(false))
        .select((s::id, s::project_id, s::statutory_days, s::promised_days))
        .into_boxed();
    let q = if on.catch_up {
        q.filter(
            s::status
                .eq_any(["in_review", "awaiting_applicant"])
                .or(s::finished_on.ge(on.day)),
        )
    } else {
        q.filter(
            s::status
                .eq("in_review")
                .and(s::red_on.le(on.day).or(s::yellow_on.le(on.day)))
                .or(s::status
                    .eq("awaiting_applicant")
                    .and(s::paused_since.le(on.stall_cutoff))),
        )
    };
    q.order(s::id).load(conn)
}

/// Their events dated on or before `day`, as (event id, step, action, day), in recorded order.
pub fn events(
    conn: &mut DbConn,
    step_ids: &[i32],
    day: NaiveDate,
) -> QueryResult<Vec<ClockEventRow>> {
    use super::schema::step_events::dsl as ev;
    let mut out = Vec::new();
    for chunk in step_ids.chunks(super::MANY) {
        out.extend(
            ev::step_events
                .filter(ev::step_id.eq_any(chunk))
                .filter(ev::on_date.le(day))
                .filter(ev::withdrawn_at.is_null())
                .select(ClockEventRow::as_select())
                .load(conn)?,
        );
    }
    out.sort_unstable_by_key(|e| e.id);
    Ok(out)
}

/// The alerts already raised for them, as (step, episode, level).
pub fn alerts(conn: &mut DbConn, step_ids: &[i32]) -> QueryResult<Vec<(i32, i32, String)>> {
    use super::schema::alerts::dsl as a;
    let mut out = Vec::new();
    for chunk in step_ids.chunks(super::MANY) {
        out.extend(
            a::alerts
                .filter(a::step_id.eq_any(chunk))
                .select((a::step_id, a::episode_event_id, a::level))
                .load::<(i32, i32, String)>(conn)?,
        );
    }
    Ok(out)
}
