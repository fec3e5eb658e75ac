//! What recording an event checks before anything is written: the event's own fields
//! (补正 carries its notice; flags go with their actions; bounded text), who may record it,
//! whether the action fits the status, and its day (docs/api.md "Step events").

use chrono::NaiveDate;

use domain::limits::MAX_EVENT_TEXT;
use domain::step::{next_status, Action, StepStatus};
use store::rows::{ClockEventRow, DependencyRow, ProjectRow, StepRow};
use store::{self, DbConn};

use super::{may_record, RecordEvent};
use crate::refusal::{events as code, Refusal};
use crate::versions::check_version;
use crate::{Actor, Env, ServiceError, ServiceResult};

/// The event's own fields, before anything is read: the pages ask this before they show
/// what an action will do, so a refusal comes at once, beside its field.
pub fn check_input(req: &RecordEvent) -> ServiceResult<()> {
    // 行政许可法 art. 32(4): 补正 is told once, in full (docs/rules.md).
    if req.action == Action::RequestMaterials
        && req.notice.as_deref().is_none_or(|n| n.trim().is_empty())
    {
        return Err(ServiceError::invalid("notice", code::NOTICE_REQUIRED));
    }
    if req.accepted_with_missing && req.action != Action::Accept {
        return Err(ServiceError::invalid(
            "accepted_with_missing",
            code::WITH_MISSING_ONLY_ON_ACCEPT,
        ));
    }
    if req.by_commitment && req.action != Action::Approve {
        return Err(ServiceError::invalid(
            "by_commitment",
            code::BY_COMMITMENT_ONLY_ON_APPROVE,
        ));
    }
    if req.notice.as_deref().is_some_and(|n| !n.trim().is_empty())
        && req.action != Action::RequestMaterials
    {
        return Err(ServiceError::invalid(
            "notice",
            code::NOTICE_ONLY_ON_REQUEST_MATERIALS,
        ));
    }
    if req
        .notice
        .as_deref()
        .is_some_and(|n| n.chars().count() > MAX_EVENT_TEXT)
    {
        return Err(ServiceError::invalid(
            "notice",
            crate::refusal::Refusal::of(crate::refusal::fields::TOO_LONG)
                .arg("max", MAX_EVENT_TEXT),
        ));
    }
    if req
        .note
        .as_deref()
        .is_some_and(|n| n.chars().count() > MAX_EVENT_TEXT)
    {
        return Err(ServiceError::invalid(
            "note",
            crate::refusal::Refusal::of(crate::refusal::fields::TOO_LONG)
                .arg("max", MAX_EVENT_TEXT),
        ));
    }
    Ok(())
}

/// What `record` found acceptable, read once: the step (at `index` of `steps`), the
/// status it moves to, the day, its history so far.
pub(super) struct Checked {
    pub project: ProjectRow,
    pub steps: Vec<StepRow>,
    pub deps: Vec<DependencyRow>,
    pub index: usize,
    pub next: StepStatus,
    pub on: NaiveDate,
    pub events: Vec<ClockEventRow>,
}

/// Every check of recording `req`, nothing written.
pub(super) fn check_all(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project: ProjectRow,
    key: &str,
    if_match: Option<i32>,
    req: &RecordEvent,
) -> ServiceResult<Checked> {
    let project_id = project.id;
    check_input(req)?;
    let steps = store::steps::of_project(conn, project_id)?;
    let index = steps
        .iter()
        .position(|s| s.key == key)
        .ok_or(ServiceError::NotFound("step"))?;
    let step = &steps[index];
    check_version("step", step.version, if_match)?;
    if !may_record(actor.role, req.action) {
        return Err(ServiceError::forbidden(code::REOPEN_ADMIN_ONLY));
    }
    let status = step.status;
    let next = next_status(status, req.action).map_err(ServiceError::conflict)?;
    let deps = store::steps::dependencies_of(conn, project_id)?;
    let preds: Vec<&StepRow> = deps
        .iter()
        .filter(|d| d.to_step_id == step.id)
        .filter_map(|d| steps.iter().find(|s| s.id == d.from_step_id))
        .collect();
    let on = req.on.unwrap_or(env.today);
    let events = store::events::clock_events_of_step(conn, step.id)?;
    check_day(env, step, events.last(), &preds, req.action, on)?;
    Ok(Checked {
        project,
        steps,
        deps,
        index,
        next,
        on,
        events,
    })
}

/// Dates: not after today, not before the step's previous event, and an `accept` not
/// before a predecessor finished (nor while one is unfinished: that is a 409).
fn check_day(
    env: &Env,
    step: &StepRow,
    last: Option<&ClockEventRow>,
    preds: &[&StepRow],
    action: Action,
    on: NaiveDate,
) -> ServiceResult<()> {
    domain::dates::check_day(on).map_err(|e| ServiceError::invalid("on", e))?;
    if on > env.today {
        return Err(ServiceError::invalid(
            "on",
            Refusal::of(code::DATE_AFTER_TODAY)
                .arg("day", on)
                .arg("today", env.today),
        ));
    }
    if let Some(last) = last {
        if on < last.on_date {
            return Err(ServiceError::invalid(
                "on",
                Refusal::of(code::DATE_BEFORE_PREVIOUS_EVENT)
                    .arg("day", on)
                    .arg("action", last.action)
                    .arg("on", last.on_date),
            ));
        }
    }
    if action != Action::Accept {
        return Ok(());
    }
    let mut unfinished: Vec<&str> = preds
        .iter()
        .filter(|p| !p.status.is_finished())
        .map(|p| p.key.as_str())
        .collect();
    if !unfinished.is_empty() {
        unfinished.sort_unstable();
        return Err(ServiceError::conflict(
            Refusal::of(code::PREDECESSORS_UNFINISHED)
                .arg("step", &step.key)
                .arg("predecessors", unfinished.join(", "))
                .arg("verb", if unfinished.len() == 1 { "has" } else { "have" }),
        ));
    }
    if let Some(p) = preds
        .iter()
        .filter(|p| p.finished_on.is_some_and(|f| f > on))
        .max_by_key(|p| p.finished_on)
    {
        return Err(ServiceError::invalid(
            "on",
            Refusal::of(code::DATE_BEFORE_PREDECESSOR_FINISHED)
                .arg("day", on)
                .arg("predecessor", &p.key)
                .arg("finished_on", p.finished_on.unwrap_or(on)),
        ));
    }
    Ok(())
}
