//! Recording what happened to a step (API.md "Step lifecycle"): the action must fit the
//! status, an `accept` needs every predecessor finished, dates cannot run backwards or
//! into the future, and every event keeps who recorded it and when (补录 stays visible).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::limits::MAX_EVENT_TEXT;
use crate::domain::step::{next_status, Action, Standing, StepStatus};
use crate::store::rows::{ClockEventRow, DependencyRow, NewEvent, ProjectRow, StepRow};
use crate::store::{self, Db, WriteTx};

use super::light_dates::{add_step, step_dates};
use super::project_view::as_of;
use super::projects::lock_for_edit;
use super::step_view::{episode_of, limit_of, parse_status, StepView, ViewRules};
use super::versions::{check_version, check_written};
use super::{in_tx, Actor, Env, Role, ServiceError, ServiceResult};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordEvent {
    #[schema(value_type = String, example = "accept")]
    pub action: Action,
    /// The day it happened (default today); earlier days are back-dated entries (补录).
    pub on: Option<NaiveDate>,
    /// Staff notes; never shown to enterprise accounts.
    pub note: Option<String>,
    /// With `request_materials` (补正): what the applicant must supply, shown to the
    /// enterprise on its page.
    #[serde(default)]
    pub notice: Option<String>,
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

/// The event's own fields, before anything is read: the pages ask this before they show
/// what an action will do, so a refusal comes at once, beside its field.
pub fn check_input(req: &RecordEvent) -> ServiceResult<()> {
    // 行政许可法 art. 32(4): 补正 is told once, in full (DOMAIN.md).
    if req.action == Action::RequestMaterials
        && req.notice.as_deref().is_none_or(|n| n.trim().is_empty())
    {
        return Err(ServiceError::invalid(
            "notice",
            "must list everything the enterprise is to supply (补正 is told once, in full)",
        ));
    }
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
    if req.notice.as_deref().is_some_and(|n| !n.trim().is_empty())
        && req.action != Action::RequestMaterials
    {
        return Err(ServiceError::invalid(
            "notice",
            "goes only with the action request_materials (补正)",
        ));
    }
    if req
        .notice
        .as_deref()
        .is_some_and(|n| n.chars().count() > MAX_EVENT_TEXT)
    {
        return Err(ServiceError::invalid(
            "notice",
            format!("must be at most {MAX_EVENT_TEXT} characters"),
        ));
    }
    if req
        .note
        .as_deref()
        .is_some_and(|n| n.chars().count() > MAX_EVENT_TEXT)
    {
        return Err(ServiceError::invalid(
            "note",
            format!("must be at most {MAX_EVENT_TEXT} characters"),
        ));
    }
    Ok(())
}

/// What `record` found acceptable, read once: the step (at `index` of `steps`), the
/// status it moves to, the day, its history so far.
struct Checked {
    project: ProjectRow,
    steps: Vec<StepRow>,
    deps: Vec<DependencyRow>,
    index: usize,
    next: StepStatus,
    on: NaiveDate,
    events: Vec<ClockEventRow>,
}

/// Every check of recording `req`, nothing written.
fn check_all(
    conn: &mut WriteTx,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
    if_match: Option<i32>,
    req: &RecordEvent,
) -> ServiceResult<Checked> {
    let project = lock_for_edit(conn, actor, project_id)?;
    check_input(req)?;
    let steps = store::steps::of_project(conn, project_id)?;
    let index = steps
        .iter()
        .position(|s| s.key == key)
        .ok_or(ServiceError::NotFound("step"))?;
    let step = &steps[index];
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

/// Whether `record` would take `req`, nothing written: the page asks before it shows
/// what an action will do and asks for a confirmation, so a refusal comes first.
pub fn check(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
    if_match: Option<i32>,
    req: &RecordEvent,
) -> ServiceResult<()> {
    in_tx(conn, |conn| {
        check_all(conn, env, actor, project_id, key, if_match, req).map(|_| ())
    })
}

pub fn record(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
    if_match: Option<i32>,
    req: &RecordEvent,
) -> ServiceResult<EventOutcome> {
    // Everything is read once and the step's view is built from it: this transaction is
    // the one the single SQLite writer queues for (BENCHMARKS.md).
    in_tx(conn, |conn| {
        let Checked {
            project,
            steps,
            deps,
            index,
            next,
            on,
            mut events,
        } = check_all(conn, env, actor, project_id, key, if_match, req)?;
        let step = &steps[index];
        let started_successors = if req.action == Action::Reopen {
            successors_started(&steps, &deps, step.id)
        } else {
            vec![]
        };
        let id = store::events::insert(
            conn,
            &NewEvent {
                step_id: step.id,
                project_id,
                user_id: actor.user_id,
                action: req.action.as_str(),
                on_date: on,
                recorded_at: env.stamp(),
                note: req.note.as_deref().map(str::trim).filter(|n| !n.is_empty()),
                notice: req
                    .notice
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty()),
                accepted_with_missing: req.accepted_with_missing,
                by_commitment: req.by_commitment,
            },
        )?;
        events.push(ClockEventRow {
            id,
            step_id: step.id,
            action: req.action.as_str().to_string(),
            on_date: on,
        });
        let after = step_after(env, step, next, req.action, on, &events);
        check_written(
            "step",
            store::steps::set_transition(conn, &after, step.version, env.stamp())?,
            step.version,
        )?;
        let step = settle(conn, env, &project, &steps, &deps, after, &events)?;
        Ok(EventOutcome {
            step,
            started_successors,
        })
    })
}

/// After a step's row was written: the project's light dates follow (its other steps'
/// stored ones and this step's new ones), and the step's view is built from what was read.
pub(super) fn settle(
    conn: &mut WriteTx,
    env: &Env,
    project: &ProjectRow,
    steps: &[StepRow],
    deps: &[DependencyRow],
    after: StepRow,
    events: &[ClockEventRow],
) -> ServiceResult<StepView> {
    let mut dates = (false, None, None, None);
    for s in steps {
        let s = if s.id == after.id { &after } else { s };
        add_step(
            &mut dates,
            parse_status(&s.status),
            (s.yellow_on, s.red_on, s.paused_since),
        );
    }
    let current = (
        project.in_review,
        project.yellow_on,
        project.red_on,
        project.paused_since,
    );
    if dates != current {
        store::light_dates::set_project(conn, project.id, dates)?;
    }
    let mut depends_on: Vec<String> = deps
        .iter()
        .filter(|d| d.to_step_id == after.id)
        .filter_map(|d| steps.iter().find(|s| s.id == d.from_step_id))
        .map(|p| p.key.clone())
        .collect();
    depends_on.sort();
    let refs: Vec<&ClockEventRow> = events.iter().collect();
    let (replayed, known) = as_of(&after, &refs, env.today);
    let rules = ViewRules {
        calendar: &env.calendar,
        today: env.today,
        stalled_after_days: env.stalled_after_days,
    };
    Ok(StepView::build(
        replayed.as_ref().unwrap_or(&after),
        depends_on,
        &known,
        &rules,
    ))
}

/// The step's row once `action` on day `on` is recorded: status, dates, light dates from
/// its whole history (`events`, the new one last), and the next version.
fn step_after(
    env: &Env,
    step: &StepRow,
    next: StepStatus,
    action: Action,
    on: NaiveDate,
    events: &[ClockEventRow],
) -> StepRow {
    let now = Standing {
        status: parse_status(&step.status),
        accepted_on: step.accepted_on,
        finished_on: step.finished_on,
    };
    // `next` was checked against the same table, so the rule cannot refuse here.
    let standing = now.after(action, on).unwrap_or(Standing {
        status: next,
        ..now
    });
    row_for(env, step, standing, events)
}

/// A step's row for a standing and the history that led to it: its light dates from that
/// history (one rule for recording and for withdrawing), and the next version.
pub(super) fn row_for(
    env: &Env,
    step: &StepRow,
    standing: Standing,
    events: &[ClockEventRow],
) -> StepRow {
    let mut after = step.clone();
    (after.accepted_on, after.finished_on) = (standing.accepted_on, standing.finished_on);
    let history = episode_of(events);
    let limit = limit_of(step.statutory_days, step.promised_days);
    (after.yellow_on, after.red_on, after.paused_since) =
        step_dates(&env.calendar, standing.status, limit, &history);
    after.status = standing.status.as_str().to_string();
    after.version = step.version + 1;
    after
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
    crate::domain::dates::check_day(on).map_err(|e| ServiceError::invalid("on", e.to_string()))?;
    if on > env.today {
        return Err(ServiceError::invalid(
            "on",
            format!("{on} is after today ({})", env.today),
        ));
    }
    if let Some(last) = last {
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
