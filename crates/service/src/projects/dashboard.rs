//! Read models for the web pages: a liaison's projects by urgency, an enterprise's own
//! projects, the managers' overview. Built from the existing use cases and domain rules
//! (views, schedule, time saved); nothing here decides a light, a clock or a date anew.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use domain::clock::Light;
use domain::schedule::{schedule, Schedule};
use domain::step::StepStatus;
use domain::time_saved::{time_saved, SavedSplit, TimeSaved};
use store::DbConn;

use crate::projects::planning::plan_of;
use crate::projects::project_view::{build_views_from, ProjectView, ZoneRead};
use crate::projects::saved;
use crate::projects::{select_views, ProjectQuery};
use crate::steps::step_view::StepView;
use crate::{Actor, Env, Role, ServiceError, ServiceResult};

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
        view,
        schedule: sched,
        time_saved: saved,
        stage,
        can_start,
        permit_on,
    })
}

fn digests(env: &Env, views: Vec<ProjectView>) -> ServiceResult<Vec<ProjectDigest>> {
    let mut out = views
        .into_iter()
        .map(|v| digest(env, v))
        .collect::<ServiceResult<Vec<_>>>()?;
    out.sort_by_key(|d| d.urgency());
    Ok(out)
}

/// A liaison's assigned projects (managers and admins: every project), most urgent first.
pub fn my_projects(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
) -> ServiceResult<Vec<ProjectDigest>> {
    actor.require_staff()?;
    let q = ProjectQuery {
        liaison_id: (actor.role == Role::Liaison).then_some(actor.user_id),
        ..ProjectQuery::default()
    };
    digests(env, select_views(conn, env, actor, &q)?)
}

/// The projects an enterprise account may see: its own, and nothing else.
pub fn enterprise_projects(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
) -> ServiceResult<Vec<ProjectDigest>> {
    if actor.role.is_staff() {
        return Err(ServiceError::forbidden(
            crate::refusal::dashboard::TIMELINE_ENTERPRISES_ONLY,
        ));
    }
    digests(
        env,
        select_views(conn, env, actor, &ProjectQuery::default())?,
    )
}

/// An agency's record: working days its steps ran past their due dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyOverrun {
    pub agency: String,
    pub days_over: u32,
    pub steps_over: u32,
}

#[derive(Debug, Clone)]
pub struct Overview {
    pub projects: Vec<ProjectDigest>,
    /// (stage or "" once finished, light or None) → number of projects.
    pub by_stage: BTreeMap<(String, Option<Light>), u32>,
    pub agencies: Vec<AgencyOverrun>,
    /// This year per "One truth for time saved": finished since January 1st, and in progress.
    pub this_year: SavedSplit,
    /// The projects counted in `this_year` (finished this year, or still running).
    pub this_year_projects: Vec<usize>,
}

/// Working days past the due date: up to the finish, or up to today while with the agency.
pub fn days_over(env: &Env, s: &StepView) -> u32 {
    let Some(due) = s.due_on else { return 0 };
    let end = match s.status {
        StepStatus::InReview => env.today,
        StepStatus::Approved | StepStatus::Rejected => s.finished_on.unwrap_or(due),
        _ => return 0,
    };
    if end > due {
        env.calendar.working_days_after(due, end)
    } else {
        0
    }
}

/// The managers' view of the whole zone, from the zone read (every project: managers and
/// admins see them all).
pub fn overview(env: &Env, actor: &Actor, zone: &ZoneRead) -> ServiceResult<Overview> {
    if !matches!(actor.role, Role::Manager | Role::Admin) {
        return Err(ServiceError::forbidden(
            crate::refusal::dashboard::OVERVIEW_MANAGERS_ONLY,
        ));
    }
    let projects = digests(env, build_views_from(env, zone.rows.clone(), &zone.data))?;
    let mut by_stage = BTreeMap::new();
    let mut agencies: BTreeMap<String, AgencyOverrun> = BTreeMap::new();
    for d in &projects {
        let key = (d.stage.clone().unwrap_or_default(), d.view.project.light);
        *by_stage.entry(key).or_insert(0) += 1;
        for s in &d.view.steps {
            let over = days_over(env, s);
            let a = agencies
                .entry(s.agency.clone())
                .or_insert_with(|| AgencyOverrun {
                    agency: s.agency.clone(),
                    days_over: 0,
                    steps_over: 0,
                });
            a.days_over += over;
            a.steps_over += u32::from(over > 0);
        }
    }
    let mut agencies: Vec<AgencyOverrun> = agencies.into_values().collect();
    agencies.sort_by(|a, b| b.days_over.cmp(&a.days_over).then(a.agency.cmp(&b.agency)));
    let this_year_projects: Vec<usize> = projects
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let t = &d.time_saved;
            t.actual_days.is_none() || t.finish >= saved::year_start(env.today)
        })
        .map(|(i, _)| i)
        .collect();
    let this_year = saved::this_year(projects.iter().map(|d| &d.time_saved), env.today);
    Ok(Overview {
        projects,
        by_stage,
        agencies,
        this_year,
        this_year_projects,
    })
}
