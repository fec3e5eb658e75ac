//! What starting a project offers before anything is saved: the liaisons one may name,
//! and what a route template promises from a start date (planned finish, critical path,
//! time saved), by the same schedule and time-saved rules as a saved project's.

use chrono::NaiveDate;
use serde::Serialize;

use domain::route::route_edges;
use domain::schedule::{schedule, Plan, PlanStep};
use domain::step::StepStatus;
use domain::time_saved::time_saved;
use store::{self, DbConn};

use crate::fields::Checks;
use crate::steps::step_view::{route_error, StepSpecInput};
use crate::{Actor, Env, Role, ServiceError, ServiceResult};

/// An active liaison a new project can be assigned to.
#[derive(Debug, Clone, Serialize)]
pub struct LiaisonChoice {
    pub id: i32,
    pub username: String,
    pub display_name: String,
}

/// The active liaisons, by name (staff only).
pub fn liaisons(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Vec<LiaisonChoice>> {
    actor.require_staff()?;
    let mut out: Vec<LiaisonChoice> = store::users::active_with_role(conn, Role::Liaison)?
        .into_iter()
        .map(|u| LiaisonChoice {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
        })
        .collect();
    out.sort_by(|a, b| a.display_name.cmp(&b.display_name).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// A step of the promised critical path.
#[derive(Debug, Clone, Serialize)]
pub struct PromisedStep {
    pub key: String,
    pub name: String,
    pub agency: String,
    pub limit_days: u32,
}

/// What a route template promises for a project starting on `start_date`.
#[derive(Debug, Serialize)]
pub struct TemplatePromise {
    pub template: String,
    pub start_date: NaiveDate,
    pub planned_finish: NaiveDate,
    /// Zero-slack steps of the plan, by earliest start (then key).
    pub critical_path: Vec<PromisedStep>,
    pub time_saved: domain::time_saved::TimeSaved,
}

/// The plan of a template from `start_date`, scheduled with its limits alone (no actuals,
/// no today: docs/rules.md "planned finish"), and its time saved against the sequential route.
pub fn template_promise(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    template: &str,
    start_date: NaiveDate,
) -> ServiceResult<TemplatePromise> {
    actor.require_staff()?;
    let mut checks = Checks::default();
    let found = crate::routes::route_templates::current(conn, template)?;
    if found.is_none() {
        checks.fail(
            "template",
            crate::refusal::Refusal::of(crate::refusal::projects::NO_SUCH_TEMPLATE)
                .arg("key", format!("{template:?}")),
        );
    }
    checks.day("start_date", start_date);
    checks.into_result()?;
    let t = found.ok_or(ServiceError::NotFound("route template"))?;
    let specs = StepSpecInput::to_domain_all(&t.steps, "steps")?;
    let edges = route_edges(&specs).map_err(|e| route_error("steps", e))?;
    let plan = Plan {
        start_date,
        steps: specs
            .iter()
            .map(|s| PlanStep {
                key: s.key.clone(),
                statutory_days: s.statutory_days,
                limit_days: s.limit_days(),
                status: StepStatus::Pending,
                accepted_on: None,
                due_on: None,
                finished_on: None,
                waived_on: None,
            })
            .collect(),
        edges,
    };
    // Scheduled as if today were the start day, so projected and planned agree.
    let sched = schedule(&env.calendar, &plan, start_date)
        .map_err(|e| ServiceError::caused(format!("template {template}"), e))?;
    let saved = time_saved(&env.calendar, &plan, &sched);
    let critical_path = sched
        .planned_critical_path
        .iter()
        .filter_map(|k| specs.iter().find(|s| &s.key == k))
        .map(|s| PromisedStep {
            key: s.key.as_str().to_string(),
            name: s.name.clone(),
            agency: s.agency.clone(),
            limit_days: s.limit_days(),
        })
        .collect();
    Ok(TemplatePromise {
        template: t.key.clone(),
        start_date,
        planned_finish: sched.planned_finish,
        critical_path,
        time_saved: saved,
    })
}
