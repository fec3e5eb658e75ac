//! The record: a step's events, and a project's timeline of all its events.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use domain::step::{Action, StepStatus};
use store::rows::EventRow;
use store::{self, DbConn};

use crate::projects::dashboard::ProjectDigest;
use crate::projects::standing::Opened;
use crate::projects::visible;
use crate::{Actor, Env, ServiceError, ServiceResult};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventView {
    pub id: i32,
    pub step_key: String,
    pub step_name: String,
    #[schema(value_type = String, example = "accept")]
    pub action: Action,
    /// The day it happened.
    pub on: NaiveDate,
    /// When it was recorded: an RFC 3339 instant in UTC (docs/api.md "Conventions").
    pub recorded_at: DateTime<Utc>,
    /// Recorded later than the day it happened (补录).
    pub backdated: bool,
    pub recorded_by: String,
    /// Staff notes; not shown to enterprise accounts.
    pub note: Option<String>,
    /// With `request_materials`: what the applicant must supply (for the enterprise too).
    pub notice: Option<String>,
    pub accepted_with_missing: bool,
    pub by_commitment: bool,
    /// Set when the event was withdrawn (撤销): it counts for nothing and is shown to staff
    /// only, marked; enterprise accounts never see it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
}

/// Who withdrew an event, when and why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Withdrawal {
    /// An RFC 3339 instant in UTC.
    pub at: DateTime<Utc>,
    pub by: String,
    pub reason: String,
}

fn views(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    events: Vec<EventRow>,
) -> ServiceResult<Vec<EventView>> {
    let steps = store::steps::of_project(conn, project_id)?;
    let step_of: HashMap<i32, (&str, &str)> = steps
        .iter()
        .map(|s| (s.id, (s.key.as_str(), s.name.as_str())))
        .collect();
    let staff = actor.role.is_staff();
    // The enterprise no longer sees a withdrawn event (its notice least of all).
    let events: Vec<EventRow> = events
        .into_iter()
        .filter(|e| staff || e.withdrawn_at.is_none())
        .collect();
    let mut user_ids: Vec<i32> = events
        .iter()
        .flat_map(|e| std::iter::once(e.user_id).chain(e.withdrawn_by))
        .collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let names: HashMap<i32, String> = store::users::find_many(conn, &user_ids)?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(events
        .into_iter()
        .map(|e| {
            let (key, name) = step_of.get(&e.step_id).copied().unwrap_or(("", ""));
            EventView {
                id: e.id,
                step_key: key.to_string(),
                step_name: name.to_string(),
                action: e.action,
                on: e.on_date,
                recorded_at: e.recorded_at.and_utc(),
                backdated: env.local_day(e.recorded_at) > e.on_date,
                recorded_by: names.get(&e.user_id).cloned().unwrap_or_default(),
                note: e.note.filter(|_| staff),
                notice: e.notice,
                accepted_with_missing: e.accepted_with_missing,
                by_commitment: e.by_commitment,
                withdrawn: e.withdrawn_at.map(|at| Withdrawal {
                    at: at.and_utc(),
                    by: e
                        .withdrawn_by
                        .and_then(|u| names.get(&u).cloned())
                        .unwrap_or_default(),
                    reason: e.withdraw_reason.unwrap_or_default(),
                }),
            }
        })
        .collect())
}

/// A step's history, in recorded order.
pub fn step_events(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
) -> ServiceResult<Vec<EventView>> {
    visible(conn, actor, project_id)?;
    let step = store::steps::of_project(conn, project_id)?
        .into_iter()
        .find(|s| s.key == key)
        .ok_or(ServiceError::NotFound("step"))?;
    let events = store::events::of_step(conn, step.id)?;
    views(conn, env, actor, project_id, events)
}

/// An event as a project's page orders, pauses and pages its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFact {
    pub id: i32,
    pub step_key: String,
    pub action: Action,
    pub on: NaiveDate,
    pub withdrawn: bool,
}

/// A project's events as facts, oldest first (by the day it happened, then as recorded);
/// an enterprise account's without the withdrawn ones. A page then reads in full only the
/// events it shows ([`events_with_ids`]): a project with years of 补正 rounds read and
/// converted every one of them for each view of its page.
pub fn facts(conn: &mut DbConn, actor: &Actor, project_id: i32) -> ServiceResult<Vec<EventFact>> {
    visible(conn, actor, project_id)?;
    let steps = store::steps::of_project(conn, project_id)?;
    let key_of: HashMap<i32, &str> = steps.iter().map(|s| (s.id, s.key.as_str())).collect();
    let staff = actor.role.is_staff();
    let mut facts: Vec<EventFact> = store::events::facts_of_project(conn, project_id)?
        .into_iter()
        .filter(|e| staff || e.withdrawn.is_none())
        .map(|e| EventFact {
            id: e.id,
            step_key: key_of.get(&e.step_id).copied().unwrap_or("").to_string(),
            action: e.action,
            on: e.on_date,
            withdrawn: e.withdrawn.is_some(),
        })
        .collect();
    facts.sort_by_key(|e| (e.on, e.id));
    Ok(facts)
}

/// These events of a project as its history shows them, in no particular order (the page
/// places each by its id).
pub fn events_with_ids(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    ids: &[i32],
) -> ServiceResult<Vec<EventView>> {
    let rows = store::events::of_project_with_ids(conn, project_id, ids)?;
    views(conn, env, actor, project_id, rows)
}

/// The requests for materials (补正) a project's waiting steps wait on, each read on its
/// own through its step's index: homes list many projects, and reading their whole
/// timelines grew with every 补正 round (a liaison's `/my` after each commit).
pub fn opened(conn: &mut DbConn, d: &ProjectDigest) -> ServiceResult<Vec<Opened>> {
    let mut out = Vec::new();
    for s in &d.view.steps {
        if s.status != StepStatus::AwaitingApplicant {
            continue;
        }
        let request = store::events::last_request(conn, d.view.project.id, &s.key)?;
        if let Some((since, notice)) = request {
            out.push(Opened {
                step_key: s.key.clone(),
                since,
                notice,
            });
        }
    }
    Ok(out)
}

/// Every event of a project, oldest first: by the day it happened, then as recorded.
pub fn timeline(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
) -> ServiceResult<Vec<EventView>> {
    visible(conn, actor, project_id)?;
    let mut events = store::events::of_project(conn, project_id)?;
    events.sort_by_key(|e| (e.on_date, e.id));
    views(conn, env, actor, project_id, events)
}
