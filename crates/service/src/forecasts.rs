//! Forecasts from the zone's own history (docs/rules.md "Forecasts"): when each open step,
//! the construction permit, the project's last step and 开工 will really come, as P50 and
//! P80, beside the law's schedule (which they never change). One computation answers the
//! API, the pages and the reports for the same `as_of`.

pub mod backtest;
mod cache;
pub mod targets;
pub mod weekly;
pub mod what_if;
mod zone;
pub mod zone_history;

pub use cache::{ForecastCache, ZoneForecast};
pub use targets::{targets, AtRiskView, TargetsQuery, TargetsView};

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use domain::forecast::{self, Elapsed, History, Input, Range, Source, StartInput};
use domain::landing::CONSTRUCTION_PERMIT;
use domain::step::StepStatus;
use store::DbConn;

use crate::projects::planning::plan_of;
use crate::projects::project_view::ProjectView;
use crate::projects::{view_of, visible};
use crate::refusal::{forecasts as codes, Refusal};
use crate::{Actor, Env, ServiceError, ServiceResult};

/// Samples a caller may ask for.
pub const SAMPLES_MIN: usize = 100;
pub const SAMPLES_MAX: usize = 20_000;

/// `?as_of=D&samples=N`: the day the forecast is made on (today by default) and how many
/// samples it draws (2,000 by default).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ForecastQuery {
    pub as_of: Option<NaiveDate>,
    pub samples: Option<usize>,
}

/// One step's forecast.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepForecastView {
    pub key: String,
    pub p50: NaiveDate,
    pub p80: NaiveDate,
    /// The share of samples in which the step lies on the longest path, 0…1.
    pub criticality: f64,
    /// Where its figures came from: `step_agency`, `step`, `zone`, or `none` (无历史数据).
    pub history: Source,
    /// How many finished steps the figures were drawn from.
    pub observations: usize,
}

/// A project's forecast (always labelled as a forecast; the schedule is the law's).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForecastView {
    pub as_of: NaiveDate,
    pub samples: usize,
    pub steps: Vec<StepForecastView>,
    /// The construction permit, when the project has one.
    pub permit: Option<Range>,
    /// The project's last step.
    pub finish: Range,
    /// 开工, when the project has a construction permit and has not started.
    pub started: Option<Range>,
}

/// Where forecasts read the zone's history and the year's targets: an instance's cache, kept
/// while `generation` (the pool's data generation, read first) holds; none: read afresh.
pub type Kept<'a> = (&'a ForecastCache, Option<String>);

/// What a what-if assumes: working days more (fewer) for each step, in the view's order
/// (empty: none), and each agency's factor on its steps' agency time (agency id → factor).
#[derive(Debug, Clone, Copy, Default)]
pub struct Assumed<'a> {
    pub extra_days: &'a [i32],
    pub factors: Option<&'a HashMap<i32, f64>>,
}

/// The forecast of a project the actor may read.
pub fn project_forecast(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    id: i32,
    q: &ForecastQuery,
    (cache, generation): Kept,
) -> ServiceResult<ForecastView> {
    let (env, samples) = checked(env, q)?;
    let row = visible(conn, actor, id)?;
    let view = view_of(conn, &env, row)?;
    of_view(conn, &env, &view, (cache, generation), samples).map(Arc::unwrap_or_clone)
}

/// The forecast of a project already viewed (its page, a card of `/my`), as of `env.today`;
/// kept while the history it is drawn from, the project as viewed and its 开工 stay: a
/// commit elsewhere does not make it again (after every commit `/my` simulated each of its
/// hundred cards anew, BENCHMARKS.md issue 32).
pub fn of_view(
    conn: &mut DbConn,
    env: &Env,
    view: &ProjectView,
    (cache, generation): Kept,
    samples: usize,
) -> ServiceResult<Arc<ForecastView>> {
    let kept = generation.is_some();
    let history = cache.history(conn, env, generation)?;
    let started = started_on(conn, env, view.project.id)?;
    let basis = kept.then(|| cache::ProjectsBasis::of(env, &history));
    let drawn = (started, cache::fingerprint(view));
    let kept = cache.projects.get_fitting(
        basis,
        (view.project.id, samples),
        |(of, _)| *of == drawn,
        || {
            let f = forecast_of(env, view, &history, (started, samples), Assumed::default())?;
            Ok((drawn, Arc::new(f)))
        },
    )?;
    Ok(kept.1.clone())
}

/// The project's 开工, when it has happened by `env.today`.
fn started_on(conn: &mut DbConn, env: &Env, id: i32) -> ServiceResult<Option<NaiveDate>> {
    Ok(store::landing::find(conn, id)?
        .and_then(|l| l.started_actual)
        .filter(|d| *d <= env.today))
}

/// The query's day and samples, or why not; the environment moved to that day.
fn checked(env: &Env, q: &ForecastQuery) -> ServiceResult<(Env, usize)> {
    let samples = q.samples.unwrap_or(forecast::SAMPLES);
    if !(SAMPLES_MIN..=SAMPLES_MAX).contains(&samples) {
        let range = Refusal::of(codes::SAMPLES_RANGE)
            .arg("min", SAMPLES_MIN)
            .arg("max", SAMPLES_MAX);
        return Err(ServiceError::invalid("samples", range));
    }
    let as_of = q.as_of.unwrap_or(env.today);
    domain::dates::check_day(as_of).map_err(|e| ServiceError::invalid("as_of", e))?;
    if as_of > env.today {
        let after = Refusal::of(codes::AS_OF_AFTER_TODAY).arg("today", env.today);
        return Err(ServiceError::invalid("as_of", after));
    }
    let mut at = env.clone();
    at.today = as_of;
    Ok((at, samples))
}

/// The forecast of one viewed project from the zone's history, under what `assumed` says.
pub fn forecast_of(
    env: &Env,
    view: &ProjectView,
    history: &History,
    (started, samples): (Option<NaiveDate>, usize),
    assumed: Assumed,
) -> ServiceResult<ForecastView> {
    let year_end = NaiveDate::from_ymd_opt(env.today.year(), 12, 31).unwrap_or(env.today);
    // 开工 is forecast only while it is still to come.
    let start_by = started.is_none().then_some(year_end);
    let (f, permit) = simulate(env, view, history, (samples, assumed), start_by)?;
    let steps = view
        .steps
        .iter()
        .zip(&f.steps)
        .map(|(s, sf)| StepForecastView {
            key: s.key.clone(),
            p50: sf.finish.p50,
            p80: sf.finish.p80,
            criticality: sf.criticality,
            history: sf.source,
            observations: history.observations_of(&s.key, s.agency_id),
        })
        .collect();
    Ok(ForecastView {
        as_of: env.today,
        samples,
        steps,
        permit: permit.and_then(|p| f.steps.get(p)).map(|s| s.finish),
        finish: f.finish,
        started: f.start.map(|s| s.range),
    })
}

/// The project simulated from the zone's history under what `assumed` says, 开工 counted
/// by `start_by` when given and the route has a construction permit; and that permit's
/// position among the steps.
fn simulate(
    env: &Env,
    view: &ProjectView,
    history: &History,
    (samples, assumed): (usize, Assumed),
    start_by: Option<NaiveDate>,
) -> ServiceResult<(forecast::Forecast, Option<usize>)> {
    with_input(env, view, history, (samples, assumed, start_by), |input| {
        forecast::forecast(&env.calendar, input)
    })
}

/// `read` of the project's simulation input (one builder for every forecast), and the
/// construction permit's position among the steps.
pub(super) fn with_input<T>(
    env: &Env,
    view: &ProjectView,
    history: &History,
    (samples, assumed, start_by): (usize, Assumed, Option<NaiveDate>),
    read: impl FnOnce(&Input) -> Result<T, domain::route::RouteError>,
) -> ServiceResult<(T, Option<usize>)> {
    let plan = plan_of(view)?;
    let permit = view.steps.iter().position(|s| s.key == CONSTRUCTION_PERMIT);
    let n = view.steps.len();
    let input = Input {
        plan: &plan,
        groups: view
            .steps
            .iter()
            .map(|s| history.group(&s.key, s.agency_id))
            .collect(),
        elapsed: elapsed_of(view),
        extra_days: if assumed.extra_days.is_empty() {
            vec![0; n]
        } else {
            assumed.extra_days.to_vec()
        },
        agency_factor: assumed.factors.map_or_else(Vec::new, |f| {
            view.steps
                .iter()
                .map(|s| f.get(&s.agency_id).copied().unwrap_or(1.0))
                .collect()
        }),
        today: env.today,
        samples,
        seed: seed(view.project.id, env.today, history),
        start: permit.zip(start_by).map(|(permit, by)| StartInput {
            permit,
            to_start: &history.to_start,
            by,
        }),
    };
    let out = read(&input)
        .map_err(|e| ServiceError::caused(format!("project {}", view.project.id), e))?;
    Ok((out, permit))
}

/// The same project, day and data draw the same samples on every instance.
fn seed(project_id: i32, as_of: NaiveDate, history: &History) -> u64 {
    let day = as_of.num_days_from_ce() as u32;
    domain::forecast::fnv(&[
        project_id as u32,
        day,
        history.fingerprint as u32,
        (history.fingerprint >> 32) as u32,
    ])
}

/// The position of the project's open step most often on the longest path, given each
/// step's criticality in the view's order: what to push first. Of equally critical steps,
/// the first on the route (it is the one to push now).
pub fn most_critical(view: &ProjectView, criticality: impl Iterator<Item = f64>) -> Option<usize> {
    view.steps
        .iter()
        .zip(criticality)
        .enumerate()
        .filter(|(_, (s, _))| !s.status.is_finished() && s.status != StepStatus::Rejected)
        .max_by(|(i, (_, a)), (j, (_, b))| a.total_cmp(b).then(j.cmp(i)))
        .map(|(i, _)| i)
}

/// What has elapsed of each step with the agency (accepted steps only).
fn elapsed_of(view: &ProjectView) -> Vec<Elapsed> {
    view.steps
        .iter()
        .map(|s| match s.status {
            StepStatus::InReview | StepStatus::AwaitingApplicant => Elapsed {
                agency: s.clock.statutory_used,
                paused: s.clock.paused_days,
            },
            _ => Elapsed::default(),
        })
        .collect()
}
