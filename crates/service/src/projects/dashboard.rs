//! Read models for the web pages: a liaison's projects by urgency, an enterprise's own
//! projects, the managers' overview. Built from the existing use cases and domain rules
//! (views, schedule, time saved); nothing here decides a light, a clock or a date anew.

use std::collections::BTreeMap;
use std::sync::Arc;

use domain::clock::Light;
use domain::step::StepStatus;
use domain::time_saved::SavedSplit;
use store::DbConn;

use crate::projects::digest_cache::DigestCache;
use crate::projects::saved;
use crate::projects::{filter_for, ProjectQuery};
use crate::steps::step_view::StepView;
use crate::{Actor, Env, Role, ServiceError, ServiceResult};

pub use crate::projects::digest::{digest, is_permit_step, ProjectDigest};

/// The kept digests of the projects `q` selects for `actor`, most urgent first.
fn digests(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &ProjectQuery,
    kept: &DigestCache,
) -> ServiceResult<Vec<Arc<ProjectDigest>>> {
    let Some(filter) = filter_for(actor, q) else {
        return Ok(vec![]);
    };
    let mut out = kept.select(conn, env, &filter)?;
    out.sort_by_key(|d| d.urgency());
    Ok(out)
}

/// A liaison's assigned projects (managers and admins: every project), most urgent first.
pub fn my_projects(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    kept: &DigestCache,
) -> ServiceResult<Vec<Arc<ProjectDigest>>> {
    actor.require_staff()?;
    let q = ProjectQuery {
        liaison_id: (actor.role == Role::Liaison).then_some(actor.user_id),
        ..ProjectQuery::default()
    };
    digests(conn, env, actor, &q, kept)
}

/// The projects an enterprise account may see: its own, and nothing else.
pub fn enterprise_projects(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    kept: &DigestCache,
) -> ServiceResult<Vec<Arc<ProjectDigest>>> {
    if actor.role.is_staff() {
        return Err(ServiceError::forbidden(
            crate::refusal::dashboard::TIMELINE_ENTERPRISES_ONLY,
        ));
    }
    digests(conn, env, actor, &ProjectQuery::default(), kept)
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
    pub projects: Vec<Arc<ProjectDigest>>,
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

/// The managers' view of the whole zone, from the kept digests (every project: managers
/// and admins see them all).
pub fn overview(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    kept: &DigestCache,
) -> ServiceResult<Overview> {
    if !matches!(actor.role, Role::Manager | Role::Admin) {
        return Err(ServiceError::forbidden(
            crate::refusal::dashboard::OVERVIEW_MANAGERS_ONLY,
        ));
    }
    let projects = digests(conn, env, actor, &ProjectQuery::default(), kept)?;
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
