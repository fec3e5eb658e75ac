//! One project as the dashboards show it: its view with its schedule, time saved, stage,
//! the steps that can start and the construction permit's day. Computed by one rule for the
//! lists, the homes, the cockpit and the landing figures (and kept by `digest_cache`).

use std::collections::HashMap;

use chrono::NaiveDate;

use domain::clock::Light;
use domain::forecast::Finished;
use domain::schedule::{schedule, Schedule};
use domain::step::StepStatus;
use domain::time_saved::{time_saved, TimeSaved};

use crate::projects::planning::plan_of;
use crate::projects::project_view::ProjectView;
use crate::steps::step_view::{limit_of, StepView};
use crate::{Env, ServiceError, ServiceResult};

/// The step whose finish is the construction permit (施工许可证).
pub fn is_permit_step(s: &StepView) -> bool {
    s.key == "construction-permit" || s.name.contains("施工许可")
}

/// One project as the dashboards show it.
#[derive(Debug, Clone)]
pub struct ProjectDigest {
    pub view: ProjectView,
    pub schedule: Schedule,
    pub time_saved: TimeSaved,
    /// The stage of the first unfinished step in route order; `None` once all finished.
    pub stage: Option<String>,
    /// Steps that can be accepted now: pending or rejected, every predecessor finished.
    pub can_start: Vec<String>,
    /// The construction permit's day: actual once issued, else projected.
    pub permit_on: Option<NaiveDate>,
    /// Calendar days from today to `permit_on` (negative once past).
    pub permit_in_days: Option<i64>,
    /// Its approved steps as they finished ([`finished_steps`]).
    pub finished: Vec<Finished>,
}

impl ProjectDigest {
    /// Sort key, most urgent first: red, stalled, yellow, green, no light; then the permit.
    pub fn urgency(&self) -> (u8, i64) {
        let p = &self.view.project;
        let rank = match (p.light, p.stalled) {
            (Some(Light::Red), _) => 0,
            (_, true) => 1,
            (Some(Light::Yellow), _) => 2,
            (Some(Light::Green), _) => 3,
            (None, _) => 4,
        };
        (rank, self.permit_in_days.unwrap_or(i64::MAX))
    }
}

/// The digest of one project view.
pub fn digest(env: &Env, view: ProjectView) -> ServiceResult<ProjectDigest> {
    let plan = plan_of(&view)?;
    let sched = schedule(&env.calendar, &plan, env.today)
        .map_err(|e| ServiceError::caused(format!("project {}", view.project.id), e))?;
    let saved = time_saved(&env.calendar, &plan, &sched);
    let finished = |k: &str| {
        view.steps
            .iter()
            .any(|s| s.key == k && s.status.is_finished())
    };
    let can_start = view
        .steps
        .iter()
        .filter(|s| matches!(s.status, StepStatus::Pending | StepStatus::Rejected))
        .filter(|s| s.depends_on.iter().all(|d| finished(d)))
        .map(|s| s.key.clone())
        .collect();
    let stage = view
        .steps
        .iter()
        .find(|s| !s.status.is_finished())
        .map(|s| s.stage.clone());
    // The schedule's steps are the plan's, in the view's order.
    let permit_on = view
        .steps
        .iter()
        .zip(&sched.steps)
        .find(|(s, _)| is_permit_step(s))
        .map(|(s, t)| {
            s.finished_on
                .filter(|_| s.status.is_finished())
                .unwrap_or(t.earliest_finish)
        });
    Ok(ProjectDigest {
        permit_in_days: permit_on.map(|d| (d - env.today).num_days()),
        finished: finished_steps(&view),
        view,
        schedule: sched,
        time_saved: saved,
        stage,
        can_start,
        permit_on,
    })
}

/// A project's approved steps with the day each could start (its last predecessor's
/// finish, or the project's start date): what the zone's history for forecasts reads.
pub fn finished_steps(view: &ProjectView) -> Vec<Finished> {
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
