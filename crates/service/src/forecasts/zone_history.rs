//! The zone's history read for forecasts: every project as it stood on `as_of` (events
//! dated later are not known yet, so a backtest reads only what was known then), its
//! approved steps measured, and each project's working days from the construction permit
//! to 开工.

use std::collections::HashMap;

use chrono::NaiveDate;

use domain::forecast::{Finished, History};
use domain::landing::CONSTRUCTION_PERMIT;
use domain::step::StepStatus;
use store::DbConn;

use super::zone::ZoneViews;
use crate::projects::project_view::ProjectView;
use crate::steps::step_view::limit_of;
use crate::{Env, ServiceResult};

/// The history as of `env.today`.
pub fn load(conn: &mut DbConn, env: &Env) -> ServiceResult<History> {
    let zone = ZoneViews::read(conn, env)?;
    Ok(of_views(env, &zone.views, &zone.started()))
}

/// The history of projects already viewed as of `env.today`, with their actual 开工 days.
pub fn of_views(env: &Env, views: &[ProjectView], started: &HashMap<i32, NaiveDate>) -> History {
    let as_of = env.today;
    let finished: Vec<Finished> = views.iter().flat_map(finished_steps).collect();
    let to_start = views
        .iter()
        .filter_map(|v| {
            let permit = v
                .steps
                .iter()
                .find(|s| s.key == CONSTRUCTION_PERMIT && s.status == StepStatus::Approved)?
                .finished_on?;
            let start = *started.get(&v.project.id)?;
            let window = as_of - chrono::Duration::days(domain::forecast::WINDOW_DAYS);
            (start <= as_of && start > window && start >= permit)
                .then(|| env.calendar.working_days_after(permit, start))
        })
        .collect();
    History::new(&env.calendar, &finished, to_start, as_of)
}

/// A project's approved steps with the day each could start: its last predecessor's
/// finish, or the project's start date.
fn finished_steps(view: &ProjectView) -> Vec<Finished> {
    let finish_of: HashMap<&str, NaiveDate> = view
        .steps
        .iter()
        .filter_map(|s| Some((s.key.as_str(), s.finished_on?)))
        .collect();
    view.steps
        .iter()
        .filter(|s| s.status == StepStatus::Approved)
        .filter_map(|s| {
            let could_start = s
                .depends_on
                .iter()
                .filter_map(|d| finish_of.get(d.as_str()).copied())
                .max()
                .unwrap_or(view.project.start_date);
            Some(Finished {
                key: s.key.clone(),
                agency_id: s.agency_id,
                could_start,
                accepted_on: s.accepted_on?,
                finished_on: s.finished_on?,
                agency_days: s.clock.statutory_used,
                paused_days: s.clock.paused_days,
                limit_days: limit_of(s.statutory_days, s.promised_days),
            })
        })
        .collect()
}
