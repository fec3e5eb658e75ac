//! Recording what happened to a step (API.md "Step lifecycle"): the action must fit the
//! status, an `accept` needs every predecessor finished, dates cannot run backwards or
//! into the future, and every event keeps who recorded it and when (补录 stays visible).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::step::{next_status, Action, StepStatus};
use crate::store::rows::{NewEvent, StepRow};
use crate::store::steps::StepChanges;
use crate::store::{self, DbConn};

use super::projects::{get, lock_for_edit};
use super::step_view::{parse_status, StepView};
use super::users::check_version;
use super::{in_tx, Actor, Env, Role, ServiceError, ServiceResult};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordEvent {
    #[schema(value_type = String, example = "accept")]
    pub action: Action,
    /// The day it happened (default today); earlier days are back-dated entries (补录).
    pub on: Option<NaiveDate>,
    pub note: Option<String>,
    /// With `accept`: 容缺受理, accepted although secondary materials are missing.
    #[serde(default)]
    pub accepted_with_missing: bool,
    /// With `approve`: 告知承诺, approved on the applicant's written commitment.
    #[serde(default)]
    pub by_commitment: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventOutcome {
    #[serde(flatten)]
    pub step: StepView,
    /// After `reopen`: successors that had already started, for the liaison to look at.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub started_successors: Vec<String>,
}

fn check_flags(req: &RecordEvent) -> ServiceResult<()> {
    if req.accepted_with_missing && req.action != Action::Accept {
        return Err(ServiceError::invalid(
            "accepted_with_missing",
            "goes only with the action accept (容缺受理)",
        ));
    }
    if req.by_commitment && req.action != Action::Approve {
        return Err(ServiceError::invalid(
            "by_commitment",
            "goes only with the action approve (告知承诺)",
        ));
    }
    if req
        .note
        .as_deref()
        .is_some_and(|n| n.chars().count() > 2000)
    {
        return Err(ServiceError::invalid(
            "note",
            "must be at most 2000 characters",
        ));
    }
    Ok(())
}

pub fn record(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
    if_match: Option<i32>,
    req: &RecordEvent,
) -> ServiceResult<EventOutcome> {
    in_tx(conn, |conn| {
        lock_for_edit(conn, actor, project_id)?;
        check_flags(req)?;
        let steps = store::steps::of_project(conn, project_id)?;
        let step = steps
            .iter()
            .find(|s| s.key == key)
            .ok_or(ServiceError::NotFound("step"))?;
        check_version("step", step.version, if_match)?;
        if req.action == Action::Reopen && actor.role != Role::Admin {
            return Err(ServiceError::Forbidden(
                "only administrators may reopen a finished step".into(),
            ));
        }
        let status = parse_status(&step.status);
        let next =
            next_status(status, req.action).map_err(|e| ServiceError::Conflict(e.to_string()))?;
        let deps = store::steps::dependencies_of(conn, project_id)?;
        let preds: Vec<&StepRow> = deps
            .iter()
            .filter(|d| d.to_step_id == step.id)
            .filter_map(|d| steps.iter().find(|s| s.id == d.from_step_id))
            .collect();
        let on = req.on.unwrap_or(env.today);
        check_day(conn, env, step, &preds, req.action, on)?;
        let started_successors = if req.action == Action::Reopen {
            successors_started(&steps, &deps, step.id)
        } else {
            vec![]
        };
        let (accepted_on, finished_on) = match req.action {
            Action::Accept => (Some(Some(on)), Some(None)),
            Action::Approve | Action::Reject | Action::Waive => (None, Some(Some(on))),
            Action::Reopen => (Some(None), Some(None)),
            Action::RequestMaterials | Action::Resubmit => (None, None),
        };
        let changes = StepChanges {
            name: None,
            agency: None,
            stage: None,
            statutory_days: None,
            promised_days: None,
            status: Some(next.as_str()),
            accepted_on,
            finished_on,
            version: step.version + 1,
            updated_at: env.stamp(),
        };
        if !store::steps::update(conn, step.id, step.version, &changes)? {
            return Err(ServiceError::StaleVersion {
                what: "step",
                current: step.version,
            });
        }
        store::events::insert(
            conn,
            &NewEvent {
                step_id: step.id,
                project_id,
                user_id: actor.user_id,
                action: req.action.as_str(),
                on_date: on,
                recorded_at: env.stamp(),
                note: req.note.as_deref().map(str::trim).filter(|n| !n.is_empty()),
                accepted_with_missing: req.accepted_with_missing,
                by_commitment: req.by_commitment,
            },
        )?;
        super::light_dates::refresh_project(conn, &env.calendar, project_id)?;
        let step = get(conn, env, actor, project_id)?
            .steps
            .into_iter()
            .find(|s| s.key == key)
            .ok_or(ServiceError::NotFound("step"))?;
        Ok(EventOutcome {
            step,
            started_successors,
        })
    })
}

/// Dates: not after today, not before the step's previous event, and an `accept` not
/// before a predecessor finished (nor while one is unfinished: that is a 409).
fn check_day(
    conn: &mut DbConn,
    env: &Env,
    step: &StepRow,
    preds: &[&StepRow],
    action: Action,
    on: NaiveDate,
) -> ServiceResult<()> {
    if on > env.today {
        return Err(ServiceError::invalid(
            "on",
            format!("{on} is after today ({})", env.today),
        ));
    }
    if let Some(last) = store::events::of_step(conn, step.id)?.last() {
        if on < last.on_date {
            return Err(ServiceError::invalid(
                "on",
                format!(
                    "{on} is before the step's previous event ({} on {})",
                    last.action, last.on_date
                ),
            ));
        }
    }
    if action != Action::Accept {
        return Ok(());
    }
    let mut unfinished: Vec<&str> = preds
        .iter()
        .filter(|p| !parse_status(&p.status).is_finished())
        .map(|p| p.key.as_str())
        .collect();
    if !unfinished.is_empty() {
        unfinished.sort_unstable();
        return Err(ServiceError::Conflict(format!(
            "{} cannot be accepted before {} {} finished",
            step.key,
            unfinished.join(", "),
            if unfinished.len() == 1 { "has" } else { "have" }
        )));
    }
    if let Some(p) = preds
        .iter()
        .filter(|p| p.finished_on.is_some_and(|f| f > on))
        .max_by_key(|p| p.finished_on)
    {
        return Err(ServiceError::invalid(
            "on",
            format!(
                "{on} is before {} finished ({})",
                p.key,
                p.finished_on.unwrap_or(on)
            ),
        ));
    }
    Ok(())
}

/// Direct successors that have left `pending`.
fn successors_started(
    steps: &[StepRow],
    deps: &[crate::store::rows::DependencyRow],
    id: i32,
) -> Vec<String> {
    let mut keys: Vec<String> = deps
        .iter()
        .filter(|d| d.from_step_id == id)
        .filter_map(|d| steps.iter().find(|s| s.id == d.to_step_id))
        .filter(|s| parse_status(&s.status) != StepStatus::Pending)
        .map(|s| s.key.clone())
        .collect();
    keys.sort();
    keys
}
