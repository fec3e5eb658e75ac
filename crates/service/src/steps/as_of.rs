//! Projects as they stood on a past day: events dated after it are ignored and each step's
//! status is replayed from the rest, then the usual step views are built on that day.
//! (`build_views` reads the stored status, which may be newer than the day.)

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::reports::report_input::StepExtra;
use domain::clock::{read_clock, EpisodeEvent, Light};
use domain::step::{replay_status, Action, StepStatus};
use store::rows::{ClockEventRow, ProjectRow, StepRow};

use crate::projects::project_view::{as_of, build_views_from, ProjectView, ViewData};
use crate::steps::step_view::{clock_of, ViewRules};
use crate::Env;

/// A step's status and light on `day`, from its events (all of them, in recorded order).
fn light_on(env: &Env, row: &StepRow, events: &[&ClockEventRow], day: NaiveDate) -> Option<Light> {
    let known: Vec<EpisodeEvent> = events
        .iter()
        .filter(|e| e.on_date <= day)
        .map(|e| EpisodeEvent {
            action: e.action,
            on: e.on_date,
        })
        .collect();
    let status = replay_status(known.iter().map(|e| e.action)).ok()?;
    let limit = crate::steps::step_view::limit_of(row.statutory_days, row.promised_days);
    read_clock(
        &env.calendar,
        status,
        limit,
        &known,
        day,
        env.stalled_after_days,
    )
    .light
}

/// Red and yellow projects on each of `days`: those of `rows` begun by then, each with the
/// worst light its steps' views would show that day (as `build_views_from` takes it), from
/// the steps and events read once. Builds no views: the cockpit asks for eleven days.
pub fn lights_on_days(
    env: &Env,
    rows: &[ProjectRow],
    steps: &[StepRow],
    events: &[ClockEventRow],
    days: &[NaiveDate],
) -> Vec<(u32, u32)> {
    let mut events_of: HashMap<i32, Vec<&ClockEventRow>> = HashMap::new();
    for e in events {
        events_of.entry(e.step_id).or_default().push(e);
    }
    let mut steps_of: HashMap<i32, Vec<&StepRow>> = HashMap::new();
    for s in steps {
        steps_of.entry(s.project_id).or_default().push(s);
    }
    days.iter()
        .map(|&day| {
            let rules = ViewRules {
                calendar: &env.calendar,
                today: day,
                stalled_after_days: env.stalled_after_days,
            };
            let light_of = |s: &StepRow| {
                let all = events_of.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
                let (replayed, known) = as_of(s, all, day);
                clock_of(replayed.as_ref().unwrap_or(s), &known, &rules).light
            };
            let (mut red, mut yellow) = (0, 0);
            for p in rows.iter().filter(|p| p.start_date <= day) {
                let steps = steps_of.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
                match steps.iter().filter_map(|s| light_of(s)).max() {
                    Some(Light::Red) => red += 1,
                    Some(Light::Yellow) => yellow += 1,
                    _ => {}
                }
            }
            (red, yellow)
        })
        .collect()
}

/// The views of `rows` as of `env.today` (see `project_view::as_of`), with what the
/// weekly report needs besides: the day in `[week_start, env.today]` a step turned red,
/// and when its current pause began.
pub fn views_as_of(
    env: &Env,
    rows: Vec<ProjectRow>,
    data: &ViewData,
    week_start: NaiveDate,
) -> Vec<(ProjectView, Vec<StepExtra>)> {
    let day = env.today;
    let views = build_views_from(env, rows, data);
    let (steps, events) = (&data.steps, &data.events);
    let mut events_of: HashMap<i32, Vec<&ClockEventRow>> = HashMap::new();
    for e in events {
        events_of.entry(e.step_id).or_default().push(e);
    }
    // By (project, key): a search through every step for every step was quadratic and
    // took two minutes on a zone of 150,000 steps.
    let step_of: HashMap<(i32, &str), &StepRow> = steps
        .iter()
        .map(|s| ((s.project_id, s.key.as_str()), s))
        .collect();
    let mut out = Vec::with_capacity(views.len());
    for view in views {
        let extras = view
            .steps
            .iter()
            .map(|sv| {
                let Some(&s) = step_of.get(&(view.project.id, sv.key.as_str())) else {
                    return StepExtra::default();
                };
                let all = events_of.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
                let (replayed, known) = as_of(s, all, day);
                extra(
                    env,
                    replayed.as_ref().unwrap_or(s),
                    sv.status,
                    &known,
                    week_start,
                )
            })
            .collect();
        out.push((view, extras));
    }
    out
}

/// When the current pause began, and the day of the week the step turned red.
fn extra(
    env: &Env,
    row: &StepRow,
    status: StepStatus,
    known: &[&ClockEventRow],
    week_start: NaiveDate,
) -> StepExtra {
    let day = env.today;
    let mut extra = StepExtra::default();
    if status == StepStatus::AwaitingApplicant {
        extra.waiting_since = known
            .iter()
            .rev()
            .find(|e| e.action == Action::RequestMaterials)
            .map(|e| e.on_date);
    }
    if !known.is_empty() && week_start <= day {
        let mut before = light_on(env, row, known, week_start.pred_opt().unwrap_or(week_start));
        for d in week_start.iter_days().take_while(|d| *d <= day) {
            let now = light_on(env, row, known, d);
            if now == Some(Light::Red) && before != Some(Light::Red) {
                extra.red_on = Some(d);
                break;
            }
            before = now;
        }
    }
    extra
}
