//! The zone's history read for forecasts: every project as it stood on `as_of` (events
//! dated later are not known yet, so a backtest reads only what was known then), its
//! approved steps measured, and each project's working days from the construction permit
//! to 开工.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use domain::forecast::{Finished, History};
use domain::landing::CONSTRUCTION_PERMIT;
use domain::step::StepStatus;
use store::DbConn;

use super::zone::ZoneViews;
use crate::projects::digest::{finished_steps, ProjectDigest};
use crate::projects::project_view::ProjectView;
use crate::{Env, ServiceResult};

/// The history as of `env.today`.
pub fn load(conn: &mut DbConn, env: &Env) -> ServiceResult<History> {
    let zone = ZoneViews::read(conn, env)?;
    Ok(of_views(env, &zone.views, &zone.started()))
}

/// The history of projects already viewed as of `env.today`, with their actual 开工 days.
pub fn of_views(env: &Env, views: &[ProjectView], started: &HashMap<i32, NaiveDate>) -> History {
    let finished: Vec<Finished> = views.iter().flat_map(finished_steps).collect();
    let to_start = to_start(env, views.iter(), started);
    History::new(&env.calendar, &finished, to_start, env.today)
}

/// The same from the kept digests of every project, their finished steps measured already.
pub fn of_digests(
    env: &Env,
    digests: &[Arc<ProjectDigest>],
    started: &HashMap<i32, NaiveDate>,
) -> History {
    let finished: Vec<Finished> = digests
        .iter()
        .flat_map(|d| d.finished.iter().cloned())
        .collect();
    let to_start = to_start(env, digests.iter().map(|d| &d.view), started);
    History::new(&env.calendar, &finished, to_start, env.today)
}

/// The day a project's construction permit was issued (the start of its wait for 开工).
pub fn permit_issued(view: &ProjectView) -> Option<NaiveDate> {
    view.steps
        .iter()
        .find(|s| s.key == CONSTRUCTION_PERMIT && s.status == StepStatus::Approved)?
        .finished_on
}

/// Working days from the permit to 开工 of the projects that started within the window.
fn to_start<'a>(
    env: &Env,
    views: impl Iterator<Item = &'a ProjectView>,
    started: &HashMap<i32, NaiveDate>,
) -> Vec<u32> {
    let as_of = env.today;
    let window = as_of - chrono::Duration::days(domain::forecast::WINDOW_DAYS);
    views
        .filter_map(|v| {
            let permit = permit_issued(v)?;
            let start = *started.get(&v.project.id)?;
            (start <= as_of && start > window && start >= permit)
                .then(|| env.calendar.working_days_after(permit, start))
        })
        .collect()
}
