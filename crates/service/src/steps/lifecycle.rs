//! Recording what happened to a step (docs/rules.md "Step lifecycle"): the action must fit the
//! status, an `accept` needs every predecessor finished, dates cannot run backwards or
//! into the future, and every event keeps who recorded it and when (补录 stays visible).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

mod checks;
mod open;

pub use checks::check_input;
use checks::{check_all, Checked};
pub use open::{actions_open_to, may_record};

use domain::step::{Action, Standing, StepStatus};
use store::rows::{ClockEventRow, DependencyRow, NewEvent, ProjectRow, StepRow};
use store::{self, Db, WriteTx};

use crate::projects::project_view::as_of;
use crate::projects::{find_for_edit, lock_for_edit};
use crate::steps::light_dates::{add_step, step_dates};
use crate::steps::step_view::{episode_of, limit_of, StepView, ViewRules};
use crate::versions::check_written;
use crate::{in_tx, Actor, Env, ServiceResult};

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

/// Whether `record` would take `req`, read without the project's lock and nothing
/// written: the page asks before it shows what an action will do and asks for a
/// confirmation, so a refusal comes first (`record` checks again under the lock).
pub fn check(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
    if_match: Option<i32>,
    req: &RecordEvent,
) -> ServiceResult<()> {
    let project = find_for_edit(conn, actor, project_id)?;
    check_all(conn, env, actor, project, key, if_match, req).map(|_| ())
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
        let locked = lock_for_edit(conn, actor, project_id)?;
        let Checked {
            project,
            steps,
            deps,
            index,
            next,
            on,
            mut events,
        } = check_all(conn, env, actor, locked, key, if_match, req)?;
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
            action: req.action,
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
pub(crate) fn settle(
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
            s.status,
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
        status: step.status,
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
pub(crate) fn row_for(
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
    after.status = standing.status;
    after.version = step.version + 1;
    after
}

/// Direct successors that have left `pending`.
fn successors_started(
    steps: &[StepRow],
    deps: &[store::rows::DependencyRow],
    id: i32,
) -> Vec<String> {
    let mut keys: Vec<String> = deps
        .iter()
        .filter(|d| d.from_step_id == id)
        .filter_map(|d| steps.iter().find(|s| s.id == d.to_step_id))
        .filter(|s| s.status != StepStatus::Pending)
        .map(|s| s.key.clone())
        .collect();
    keys.sort();
    keys
}
