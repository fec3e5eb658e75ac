//! Keeping each step's light dates (`domain::light_dates`) true: recomputed after every
//! event, step edit and import of a project, for every running step when a calendar year
//! is published, at start-up for whatever a database from before them lacks, and for
//! every project when the rules' version changed (or on demand: `recompute`).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use domain::calendar::WorkCalendar;
use domain::clock::EpisodeEvent;
use domain::light_dates::{light_dates, RULES_VERSION};
use domain::step::StepStatus;
use store::light_dates::{ProjectDates, StepDates};
use store::{self, Db, WriteTx};

use crate::steps::step_view::limit_of;
use crate::ServiceResult;

/// Recomputes the dates of one project's steps; writes only those that changed.
pub fn refresh_project(
    conn: &mut WriteTx,
    cal: &WorkCalendar,
    project_id: i32,
) -> ServiceResult<()> {
    refresh_projects(conn, cal, &[project_id])
}

pub fn refresh_projects(conn: &mut WriteTx, cal: &WorkCalendar, ids: &[i32]) -> ServiceResult<()> {
    for chunk in ids.chunks(store::MANY) {
        let steps = store::light_dates::of_projects(conn, chunk)?;
        let mut events: HashMap<i32, Vec<EpisodeEvent>> = HashMap::new();
        for e in store::events::clock_events_of_projects(conn, chunk)? {
            events.entry(e.step_id).or_default().push(EpisodeEvent {
                action: e.action,
                on: e.on_date,
            });
        }
        let mut projects: HashMap<i32, ProjectDates> = chunk
            .iter()
            .map(|&id| (id, (false, None, None, None)))
            .collect();
        for s in steps {
            let history = events.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
            let status = s.status;
            let now = step_dates(
                cal,
                status,
                limit_of(s.statutory_days, s.promised_days),
                history,
            );
            if now != (s.yellow_on, s.red_on, s.paused_since) {
                store::light_dates::set(conn, s.id, now)?;
            }
            if let Some(p) = projects.get_mut(&s.project_id) {
                add_step(p, status, now);
            }
        }
        for (id, dates) in projects {
            if store::light_dates::project_dates(conn, id)? != dates {
                store::light_dates::set_project(conn, id, dates)?;
            }
        }
    }
    Ok(())
}

/// A step's yellow day, red day and pause start, from its status, limit and history.
pub fn step_dates(
    cal: &WorkCalendar,
    status: StepStatus,
    limit: u32,
    history: &[EpisodeEvent],
) -> StepDates {
    let d = light_dates(cal, status, limit, history);
    (d.yellow_on, d.red_on, d.paused_since)
}

/// Adds a step to its project's aggregate: a step in review, and the earliest dates (a
/// project is as red as its worst step, and each step only ever goes green → yellow → red).
pub fn add_step(p: &mut ProjectDates, status: StepStatus, (yellow, red, paused): StepDates) {
    p.0 |= status == StepStatus::InReview;
    p.1 = earliest(p.1, yellow);
    p.2 = earliest(p.2, red);
    p.3 = earliest(p.3, paused);
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// After a calendar year is published: every running step's dates move with it.
pub fn refresh_running(conn: &mut WriteTx, cal: &WorkCalendar) -> ServiceResult<()> {
    let ids = store::light_dates::running_projects(conn)?;
    refresh_projects(conn, cal, &ids)
}

/// At start-up: fills in what is missing; returns how many projects were brought up to date.
pub fn backfill(conn: &mut Db, cal: &WorkCalendar) -> ServiceResult<usize> {
    let ids = store::light_dates::stale_projects(conn)?;
    if !ids.is_empty() {
        crate::in_tx(conn, |conn| refresh_projects(conn, cal, &ids))?;
    }
    Ok(ids.len())
}

/// The name under which the light dates' rules version is stored.
const LIGHT_DATES: &str = "light_dates";

/// Computes every project's stored dates again by today's rules, a chunk of projects per
/// transaction (the single writer is never held for a whole zone), and records the
/// rules' version; returns how many projects were read.
pub fn recompute_all(
    conn: &mut Db,
    cal: &WorkCalendar,
    now: NaiveDateTime,
) -> ServiceResult<usize> {
    let ids = store::derived_rules::all_projects(conn)?;
    for chunk in ids.chunks(RECOMPUTE_CHUNK) {
        crate::in_tx(conn, |conn| refresh_projects(conn, cal, chunk))?;
    }
    crate::in_tx(conn, |conn| {
        Ok(store::derived_rules::set_version(
            conn,
            LIGHT_DATES,
            RULES_VERSION,
            now,
        )?)
    })?;
    Ok(ids.len())
}

/// Projects per transaction when everything is computed again.
const RECOMPUTE_CHUNK: usize = 500;

/// At start-up (`serve`, `migrate`): when the stored dates were computed by other rules
/// than the code's, every one is computed again. `Some(projects)` when it ran.
pub fn follow_rules(
    conn: &mut Db,
    cal: &WorkCalendar,
    now: NaiveDateTime,
) -> ServiceResult<Option<usize>> {
    if store::derived_rules::version(conn, LIGHT_DATES)? == Some(RULES_VERSION) {
        return Ok(None);
    }
    recompute_all(conn, cal, now).map(Some)
}
