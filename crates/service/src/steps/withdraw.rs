//! Withdrawing a mistaken event (撤销, docs/rules.md): only a step's latest event, by the user
//! who recorded it on the day it was recorded, or by an admin at any time, with a reason.
//! The event stays in the history, marked (who, when, why); the step's row is rebuilt from
//! the rest of its history by the rule that records events (`Standing::after`), so its
//! status, clocks, light dates and every figure read from them are as if it had never been.
//! Alerts it caused stay sent; nothing new is raised for it. The withdrawal is audited.

use std::collections::HashMap;

use serde::Deserialize;
use utoipa::ToSchema;

use domain::limits::MAX_EVENT_TEXT as REASON_MAX;
use domain::step::{Standing, StepStatus};
use store::rows::{ClockEventRow, EventRow};
use store::{self, Db, DbConn};

use crate::projects::history::EventFact;
use crate::projects::lock_for_edit;
use crate::steps::lifecycle::{row_for, settle};
use crate::steps::step_view::StepView;
use crate::versions::{check_version, check_written};
use crate::{accounts::audit, in_tx, Actor, Env, Role, ServiceError, ServiceResult};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawEvent {
    /// Why it is withdrawn (e.g. "点错了：应为受理"); kept in the history and the audit log.
    pub reason: String,
}

fn check_reason(reason: &str) -> ServiceResult<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ServiceError::invalid(
            "reason",
            crate::refusal::events::WITHDRAW_REASON_REQUIRED,
        ));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(ServiceError::invalid(
            "reason",
            crate::refusal::Refusal::of(crate::refusal::fields::TOO_LONG).arg("max", REASON_MAX),
        ));
    }
    Ok(reason)
}

#[allow(clippy::too_many_arguments)]
pub fn withdraw(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
    event_id: i32,
    if_match: Option<i32>,
    req: &WithdrawEvent,
) -> ServiceResult<StepView> {
    in_tx(conn, |conn| {
        let project = lock_for_edit(conn, actor, project_id)?;
        let reason = check_reason(&req.reason)?;
        let steps = store::steps::of_project(conn, project_id)?;
        let step = steps
            .iter()
            .find(|s| s.key == key)
            .ok_or(ServiceError::NotFound("step"))?;
        check_version("step", step.version, if_match)?;
        let history = store::events::of_step(conn, step.id)?;
        let event = history
            .iter()
            .find(|e| e.id == event_id)
            .ok_or(ServiceError::NotFound("event"))?;
        if event.withdrawn_at.is_some() {
            return Err(ServiceError::conflict(
                crate::refusal::events::WITHDRAWN_ALREADY,
            ));
        }
        let standing: Vec<&_> = history
            .iter()
            .filter(|e| e.withdrawn_at.is_none())
            .collect();
        if standing.last().is_some_and(|l| l.id != event_id) {
            return Err(ServiceError::conflict(
                crate::refusal::events::ONLY_LATEST_WITHDRAWN,
            ));
        }
        if !may_withdraw(env, actor, event) {
            return Err(ServiceError::forbidden(
                crate::refusal::events::WITHDRAW_NOT_ALLOWED,
            ));
        }
        let deps = store::steps::dependencies_of(conn, project_id)?;
        // Withdrawing a finish under steps that have started since would leave them
        // running on an unfinished predecessor: theirs go first.
        if step.status.is_finished() {
            let mut started: Vec<&str> = deps
                .iter()
                .filter(|d| d.from_step_id == step.id)
                .filter_map(|d| steps.iter().find(|s| s.id == d.to_step_id))
                .filter(|s| s.status != StepStatus::Pending)
                .map(|s| s.key.as_str())
                .collect();
            if !started.is_empty() {
                started.sort_unstable();
                return Err(ServiceError::conflict(
                    crate::refusal::Refusal::of(crate::refusal::events::SUCCESSORS_STARTED)
                        .arg("steps", started.join(", ")),
                ));
            }
        }
        let rest: Vec<ClockEventRow> = standing
            .iter()
            .filter(|e| e.id != event_id)
            .map(|e| ClockEventRow {
                id: e.id,
                step_id: e.step_id,
                action: e.action,
                on_date: e.on_date,
            })
            .collect();
        let standing =
            Standing::replay(rest.iter().map(|e| (e.action, e.on_date))).map_err(|e| {
                ServiceError::internal(format!(
                    "step {} has a history that does not replay: {e}",
                    step.id
                ))
            })?;
        let after = row_for(env, step, standing, &rest);
        if !store::events::withdraw(conn, event_id, actor.user_id, env.stamp(), reason)? {
            return Err(ServiceError::conflict(
                crate::refusal::events::WITHDRAWN_ALREADY,
            ));
        }
        check_written(
            "step",
            store::steps::set_transition(conn, &after, step.version, env.stamp())?,
            step.version,
        )?;
        let name = audit::name_of(conn, actor)?;
        audit::record(
            conn,
            env,
            (Some(actor.user_id), &name),
            &actor.origin(),
            "event_withdrawn",
            &format!("project {project_id} step {key} event {event_id}"),
            &format!("{} on {}: {reason}", event.action, event.on_date),
        )?;
        settle(conn, env, &project, &steps, &deps, after, &rest)
    })
}

/// Who may withdraw an event (docs/rules.md): its author on the day it was recorded, or an
/// administrator at any time. The one rule, for the use case and for the pages' buttons.
fn may_withdraw(env: &Env, actor: &Actor, event: &EventRow) -> bool {
    actor.role == Role::Admin
        || (event.user_id == actor.user_id && env.local_day(event.recorded_at) == env.today)
}

/// The events of a project this actor may withdraw now: each step's latest, where the
/// rule allows (the project page offers 撤销 beside them). Nothing for a reader. `facts`
/// are the project's (`projects::history::facts`).
pub fn withdrawable(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    facts: &[EventFact],
) -> ServiceResult<Vec<i32>> {
    let mut latest: HashMap<&str, i32> = HashMap::new();
    for e in facts.iter().filter(|e| !e.withdrawn) {
        let id = latest.entry(e.step_key.as_str()).or_insert(e.id);
        *id = (*id).max(e.id);
    }
    let ids: Vec<i32> = latest.into_values().collect();
    let mut ids: Vec<i32> = store::events::of_project_with_ids(conn, project_id, &ids)?
        .iter()
        .filter(|e| may_withdraw(env, actor, e))
        .map(|e| e.id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}
