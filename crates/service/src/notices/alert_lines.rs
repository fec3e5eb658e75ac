//! Alerts as their lines read, for emails and chat messages alike.

use std::collections::HashMap;

use mail::render::AlertLine;
use store::{self, DbConn};

use crate::projects::project_view::build_views;
use crate::steps::step_view::StepView;
use crate::{Env, ServiceResult};

/// The levels a liaison's digest carries (escalations go to managers).
pub const LIAISON_LEVELS: [&str; 3] = ["yellow", "red", "stalled"];

/// The alerts as their lines read: project, step, agency, level and the days over or
/// waiting as of `env.today` (emails and chat messages alike).
pub fn alert_lines(
    conn: &mut DbConn,
    env: &Env,
    alerts: &[store::alerts::AlertRow],
) -> ServiceResult<Vec<AlertLine>> {
    let mut project_ids: Vec<i32> = alerts.iter().map(|a| a.project_id).collect();
    project_ids.sort_unstable();
    project_ids.dedup();
    let rows: Vec<_> = project_ids
        .iter()
        .filter_map(|id| store::projects::find(conn, *id).transpose())
        .collect::<Result<_, _>>()?;
    let views = build_views(conn, env, rows)?;
    let steps = store::steps::of_projects(conn, &project_ids)?;
    let key_of: HashMap<i32, &str> = steps.iter().map(|s| (s.id, s.key.as_str())).collect();
    Ok(alerts
        .iter()
        .filter_map(|a| {
            let view = views.iter().find(|v| v.project.id == a.project_id)?;
            let step: &StepView = view
                .steps
                .iter()
                .find(|s| Some(s.key.as_str()) == key_of.get(&a.step_id).copied())?;
            let due = step.due_on.or(a.due_on);
            Some(AlertLine {
                project_id: a.project_id,
                project_name: view.project.name.clone(),
                step_name: step.name.clone(),
                agency: step.agency.clone(),
                level: a.level.clone(),
                due_on: due,
                days_over: due
                    .filter(|d| *d < env.today)
                    .map(|d| env.calendar.working_days_after(d, env.today)),
                days_waiting: (a.level == "stalled").then_some(step.clock.paused_days),
            })
        })
        .collect())
}
