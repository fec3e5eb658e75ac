//! Critical-path schedule (docs/rules.md "Schedule") over working-day indices (see `axis`): a
//! step accepted on a Saturday is due as if accepted on the Friday before, the start day not
//! being counted.

mod axis;
mod cpm;

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::WorkCalendar;
use super::route::{find_cycle, RouteError};
use super::step::{StepKey, StepStatus};
use axis::Axis;
use cpm::cpm;
pub use cpm::critical_path_length;

/// A step as the schedule needs it: its limits and, once started, its actual dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    pub key: StepKey,
    pub statutory_days: u32,
    pub limit_days: u32,
    pub status: StepStatus,
    pub accepted_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub waived_on: Option<NaiveDate>,
}

/// A project to schedule; `edges` are `(from, to)` indices into `steps`, `to` after `from`.
/// Edges naming a missing step are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub start_date: NaiveDate,
    pub steps: Vec<PlanStep>,
    pub edges: Vec<(usize, usize)>,
}

/// One step's window. Slack is in working days; a step whose successors started before it
/// could finish (e.g. it was reopened) has negative slack, shown as 0 and critical. It
/// is the plan's step at the same position (no key of its own: copying 1,000 shared keys
/// in and out was a quarter of a 1,000-step schedule's time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduledStep {
    pub earliest_start: NaiveDate,
    pub earliest_finish: NaiveDate,
    pub latest_start: NaiveDate,
    pub latest_finish: NaiveDate,
    pub slack_days: u32,
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub start_date: NaiveDate,
    pub projected_finish: NaiveDate,
    pub planned_finish: NaiveDate,
    pub critical_path: Vec<StepKey>,
    pub planned_critical_path: Vec<StepKey>,
    pub provisional: bool,
    /// One per step of the plan, in its order.
    pub steps: Vec<ScheduledStep>,
}

/// The projected schedule (actuals and today) and the planned one (limits only).
pub fn schedule(cal: &WorkCalendar, plan: &Plan, today: NaiveDate) -> Result<Schedule, RouteError> {
    let steps = &plan.steps;
    let n = steps.len();
    let mut axis = Axis::new(cal, plan.start_date);
    let t = axis.index(today);
    // Lane 0: planned (limits only); lane 1: projected (actuals and today).
    let times = cpm(n, &plan.edges, |v, [ready_planned, ready]| {
        let step = &steps[v];
        let limit = i64::from(step.limit_days);
        let projected = match step.status {
            StepStatus::Pending | StepStatus::Rejected => (ready.max(t), ready.max(t) + limit),
            _ => projected_span(&axis, step, ready, t),
        };
        [(ready_planned, ready_planned + limit), projected]
    });
    let Some(times) = times else {
        let keys: Vec<StepKey> = steps.iter().map(|s| s.key.clone()).collect();
        return Err(RouteError::Cycle(
            find_cycle(&keys, &plan.edges).unwrap_or_default(),
        ));
    };
    let [planned_finish_i, projected_finish_i] = times.finish;
    let lo = times.lowest[1].min(t);
    axis.cache(lo, projected_finish_i.max(planned_finish_i), 4 * n + 4096);

    // Index-derived dates never show before today when they stand for today: a step that has
    // not started cannot start before today, even if today is not a working day.
    let show = |i: i64| match axis.date(i) {
        d if i == t => d.max(today),
        d => d,
    };
    let mut out = Vec::with_capacity(n);
    // Zero-slack steps as (earliest start index, step), projected and planned.
    let (mut critical, mut planned_critical) = (Vec::new(), Vec::new());
    let (mut first, mut last) = (plan.start_date, plan.start_date);
    let mut projected_finish = None;
    for ((v, step), [planned, w]) in steps.iter().enumerate().zip(&times.steps) {
        let (es, ef) = match actual(step) {
            Actual::Done(s, f) => (s, f),
            Actual::Running(a, Some(due)) => (a, due.max(today)),
            Actual::Running(a, None) => (a, show(w.ef)),
            Actual::NotStarted => (show(w.es), show(w.ef)),
        };
        let slack = w.ls - w.es;
        let lf_i = w.ls + (w.ef - w.es);
        // Without slack the latest dates are the earliest ones, actual days included.
        let ls = if slack == 0 { es } else { show(w.ls) };
        let lf = if slack == 0 { ef } else { show(lf_i) };
        first = first.min(es).min(ls);
        last = last.max(ef);
        projected_finish = projected_finish.max(Some(ef));
        if slack <= 0 {
            critical.push((w.es, v));
        }
        if planned.ls <= planned.es {
            planned_critical.push((planned.es, v));
        }
        out.push(ScheduledStep {
            earliest_start: es,
            earliest_finish: ef,
            latest_start: ls,
            latest_finish: lf,
            slack_days: u32::try_from(slack.max(0)).unwrap_or(u32::MAX),
            critical: slack <= 0,
        });
    }
    let planned_finish = axis.date(planned_finish_i);
    Ok(Schedule {
        start_date: plan.start_date,
        projected_finish: projected_finish.unwrap_or(plan.start_date),
        planned_finish,
        critical_path: in_path_order(steps, critical),
        planned_critical_path: in_path_order(steps, planned_critical),
        provisional: cal.is_provisional_span(first, last.max(planned_finish)),
        steps: out,
    })
}

/// What has actually happened to a step, as far as the schedule cares.
enum Actual {
    /// Approved (acceptance, finish day) or waived (waive day twice).
    Done(NaiveDate, NaiveDate),
    /// With the agency or the applicant: acceptance day and due date.
    Running(NaiveDate, Option<NaiveDate>),
    NotStarted,
}

fn actual(step: &PlanStep) -> Actual {
    match step.status {
        StepStatus::Approved => match step.finished_on {
            Some(f) => Actual::Done(step.accepted_on.unwrap_or(f), f),
            None => Actual::NotStarted,
        },
        StepStatus::Waived => match step.waived_on.or(step.finished_on) {
            Some(w) => Actual::Done(w, w),
            None => Actual::NotStarted,
        },
        StepStatus::InReview | StepStatus::AwaitingApplicant => match step.accepted_on {
            Some(a) => Actual::Running(a, step.due_on),
            None => Actual::NotStarted,
        },
        StepStatus::Pending | StepStatus::Rejected => Actual::NotStarted,
    }
}

/// Start and finish indices of a step: actuals where there are some; a running step finishes
/// on the later of its due date and today; a step not started begins when its predecessors
/// have finished, but no earlier than today. Missing actual dates count as not started.
fn projected_span(axis: &Axis, step: &PlanStep, ready: i64, t: i64) -> (i64, i64) {
    let limit = i64::from(step.limit_days);
    match actual(step) {
        Actual::Done(s, f) => (axis.index(s), axis.index(f)),
        Actual::Running(a, due) => {
            let es = axis.index(a);
            (es, due.map_or(es + limit, |d| axis.index(d)).max(t))
        }
        Actual::NotStarted => {
            let es = ready.max(t);
            (es, es + limit)
        }
    }
}

/// The keys of zero-slack steps given as (earliest start, step) in step order, ordered by
/// earliest start, then key (then step, as a stable sort by the first two would).
fn in_path_order(steps: &[PlanStep], mut critical: Vec<(i64, usize)>) -> Vec<StepKey> {
    critical.sort_unstable_by(|&(a_es, a), &(b_es, b)| {
        a_es.cmp(&b_es)
            .then_with(|| steps[a].key.cmp(&steps[b].key))
            .then(a.cmp(&b))
    });
    critical
        .iter()
        .map(|&(_, v)| steps[v].key.clone())
        .collect()
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
