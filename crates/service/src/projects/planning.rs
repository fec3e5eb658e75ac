//! The schedule (critical-path method) and the time saved, per project and for the
//! portfolio, computed by the domain rules from the project as it stands today.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use domain::schedule::{schedule, Plan, PlanStep, Schedule};
use domain::step::{StepKey, StepStatus};
use domain::time_saved::{time_saved, PortfolioTimeSaved, TimeSaved};
use store::DbConn;

use crate::projects::project_view::ProjectView;
use crate::projects::saved::{SavedPartView, SavedSplitView};
use crate::projects::{self, get};
use crate::{Actor, Env, ServiceError, ServiceResult};

#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduledStepView {
    pub key: String,
    pub earliest_start: NaiveDate,
    pub earliest_finish: NaiveDate,
    pub latest_start: NaiveDate,
    pub latest_finish: NaiveDate,
    pub slack_days: u32,
    pub critical: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleView {
    pub start_date: NaiveDate,
    /// With what has happened and today: when the last step is expected to finish.
    pub projected_finish: NaiveDate,
    /// With the limits alone.
    pub planned_finish: NaiveDate,
    pub critical_path: Vec<String>,
    pub planned_critical_path: Vec<String>,
    pub provisional: bool,
    pub steps: Vec<ScheduledStepView>,
}

impl ScheduleView {
    /// `s` as computed for `plan` (its steps, in the plan's order).
    fn of(s: Schedule, plan: &Plan) -> ScheduleView {
        let keys = |v: Vec<StepKey>| v.into_iter().map(|k| k.as_str().to_string()).collect();
        ScheduleView {
            start_date: s.start_date,
            projected_finish: s.projected_finish,
            planned_finish: s.planned_finish,
            critical_path: keys(s.critical_path),
            planned_critical_path: keys(s.planned_critical_path),
            provisional: s.provisional,
            steps: s
                .steps
                .into_iter()
                .zip(&plan.steps)
                .map(|(t, p)| ScheduledStepView {
                    key: p.key.as_str().to_string(),
                    earliest_start: t.earliest_start,
                    earliest_finish: t.earliest_finish,
                    latest_start: t.latest_start,
                    latest_finish: t.latest_finish,
                    slack_days: t.slack_days,
                    critical: t.critical,
                })
                .collect(),
        }
    }
}

/// The same figures summed over the projects a list selects (dates are not summed).
#[derive(Debug, Serialize, ToSchema)]
pub struct PortfolioTimeSavedView {
    pub projects: u32,
    pub baseline_days: u64,
    pub critical_path_statutory_days: u64,
    pub planned_days: u64,
    /// Null unless every project has finished.
    pub actual_days: Option<u64>,
    pub projected_days: u64,
    pub saved_days: i64,
    pub saved_by_parallel_days: i64,
    pub saved_by_faster_agencies_days: i64,
    pub saved_calendar_days: i64,
    pub provisional: bool,
    /// docs/rules.md "One truth for time saved": the period whose finished projects count
    /// (January 1st of this year to today) …
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// … the projects finished in it, with actual days …
    pub finished: SavedPartView,
    /// … and those still running, with projected days (预计).
    pub in_progress: SavedPartView,
}

impl PortfolioTimeSavedView {
    fn of(p: PortfolioTimeSaved, split: SavedSplitView) -> PortfolioTimeSavedView {
        PortfolioTimeSavedView {
            projects: p.projects,
            baseline_days: p.baseline_days,
            critical_path_statutory_days: p.critical_path_statutory_days,
            planned_days: p.planned_days,
            actual_days: p.actual_days,
            projected_days: p.projected_days,
            saved_days: p.saved_days,
            saved_by_parallel_days: p.saved_by_parallel_days,
            saved_by_faster_agencies_days: p.saved_by_faster_agencies_days,
            saved_calendar_days: p.saved_calendar_days,
            provisional: p.provisional,
            period_from: split.period_from,
            period_to: split.period_to,
            finished: split.finished,
            in_progress: split.in_progress,
        }
    }
}

/// The domain's plan of a project: its steps with their actual dates, and its edges.
pub fn plan_of(view: &ProjectView) -> ServiceResult<Plan> {
    let index: HashMap<&str, usize> = view
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), i))
        .collect();
    let mut steps = Vec::with_capacity(view.steps.len());
    let mut edges = Vec::new();
    for (i, s) in view.steps.iter().enumerate() {
        let key = StepKey::parse(&s.key).map_err(|e| ServiceError::caused("stored step key", e))?;
        let statutory = s.statutory_days.max(0) as u32;
        steps.push(PlanStep {
            key,
            statutory_days: statutory,
            limit_days: s.promised_days.map_or(statutory, |p| p.max(0) as u32),
            status: s.status,
            accepted_on: s.accepted_on,
            due_on: s.due_on,
            finished_on: s.finished_on,
            waived_on: s.finished_on.filter(|_| s.status == StepStatus::Waived),
        });
        edges.extend(
            s.depends_on
                .iter()
                .filter_map(|d| index.get(d.as_str()))
                .map(|&from| (from, i)),
        );
    }
    Ok(Plan {
        start_date: view.project.start_date,
        steps,
        edges,
    })
}

fn computed(env: &Env, view: &ProjectView) -> ServiceResult<(Plan, Schedule)> {
    let plan = plan_of(view)?;
    let sched = schedule(&env.calendar, &plan, env.today)
        .map_err(|e| ServiceError::caused(format!("project {}", view.project.id), e))?;
    Ok((plan, sched))
}

pub fn project_schedule(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    id: i32,
) -> ServiceResult<ScheduleView> {
    let view = get(conn, env, actor, id)?;
    schedule_of(env, &view)
}

pub fn schedule_of(env: &Env, view: &ProjectView) -> ServiceResult<ScheduleView> {
    let (plan, sched) = computed(env, view)?;
    Ok(ScheduleView::of(sched, &plan))
}

pub fn project_time_saved(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    id: i32,
) -> ServiceResult<TimeSaved> {
    let view = get(conn, env, actor, id)?;
    let (plan, sched) = computed(env, &view)?;
    Ok(time_saved(&env.calendar, &plan, &sched))
}

/// Summed over every project the list filters select (staff only).
pub fn portfolio_time_saved(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &projects::ProjectQuery,
) -> ServiceResult<PortfolioTimeSavedView> {
    actor.require_staff()?;
    let views = projects::select_views(conn, env, actor, q)?;
    let mut figures = Vec::with_capacity(views.len());
    for v in &views {
        let (plan, sched) = computed(env, v)?;
        figures.push(time_saved(&env.calendar, &plan, &sched));
    }
    let split = SavedSplitView::this_year(&figures, env.today);
    Ok(PortfolioTimeSavedView::of(TimeSaved::sum(&figures), split))
}
