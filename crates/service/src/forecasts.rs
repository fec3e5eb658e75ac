//! Forecasts from the zone's own history (docs/rules.md "Forecasts"): when each open step,
//! the construction permit, the project's last step and 开工 will really come, as P50 and
//! P80, beside the law's schedule (which they never change). One computation answers the
//! API, the pages and the reports for the same `as_of`.

pub mod backtest;
pub mod what_if;
pub mod zone_history;

pub use zone_history::HistoryCache;

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

/// The forecast of a project the actor may read; the zone's history from `cache` while
/// `generation` (read first) holds.
pub fn project_forecast(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    id: i32,
    q: &ForecastQuery,
    (cache, generation): (&HistoryCache, Option<String>),
) -> ServiceResult<ForecastView> {
    let (env, samples) = checked(env, q)?;
    let row = visible(conn, actor, id)?;
    let view = view_of(conn, &env, row)?;
    of_view(conn, &env, &view, (cache, generation), samples)
}

/// The forecast of a project already viewed (its page), as of `env.today`.
pub fn of_view(
    conn: &mut DbConn,
    env: &Env,
    view: &ProjectView,
    (cache, generation): (&HistoryCache, Option<String>),
    samples: usize,
) -> ServiceResult<ForecastView> {
    let history = cache.history(conn, env, generation)?;
    let started = started_on(conn, env, view.project.id)?;
    forecast_of(env, view, &history, (started, samples), &[])
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

/// The forecast of one viewed project from the zone's history.
/// `extra_days`: what if each step (in the view's order) took that many working days more
/// (fewer, when negative) with the agency; empty for none.
pub fn forecast_of(
    env: &Env,
    view: &ProjectView,
    history: &History,
    (started, samples): (Option<NaiveDate>, usize),
    extra_days: &[i32],
) -> ServiceResult<ForecastView> {
    let year_end = NaiveDate::from_ymd_opt(env.today.year(), 12, 31).unwrap_or(env.today);
    // 开工 is forecast only while it is still to come.
    let start_by = started.is_none().then_some(year_end);
    let (f, permit) = simulate(env, view, history, (samples, extra_days), start_by)?;
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

/// The project simulated from the zone's history (`extra_days` empty for none), 开工 counted
/// by `start_by` when given and the route has a construction permit; and that permit's
/// position among the steps.
fn simulate(
    env: &Env,
    view: &ProjectView,
    history: &History,
    (samples, extra_days): (usize, &[i32]),
    start_by: Option<NaiveDate>,
) -> ServiceResult<(forecast::Forecast, Option<usize>)> {
    let plan = plan_of(view)?;
    let permit = view.steps.iter().position(|s| s.key == CONSTRUCTION_PERMIT);
    let input = Input {
        plan: &plan,
        groups: view
            .steps
            .iter()
            .map(|s| history.group(&s.key, s.agency_id))
            .collect(),
        elapsed: elapsed_of(view),
        extra_days: if extra_days.is_empty() {
            vec![0; view.steps.len()]
        } else {
            extra_days.to_vec()
        },
        today: env.today,
        samples,
        seed: seed(view.project.id, env.today, history),
        start: permit.zip(start_by).map(|(permit, by)| StartInput {
            permit,
            to_start: &history.to_start,
            by,
        }),
    };
    let f = forecast::forecast(&env.calendar, &input)
        .map_err(|e| ServiceError::caused(format!("project {}", view.project.id), e))?;
    Ok((f, permit))
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

/// `?year=Y` (this year by default).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TargetsQuery {
    pub year: Option<i32>,
}

/// A project planned to start this year and not started yet.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AtRiskView {
    pub id: i32,
    pub name: String,
    pub project_code: Option<String>,
    /// The probability it starts (开工) by 31 December, 0…1.
    pub probability: f64,
    /// Its open step most often on the longest path: what to push first.
    pub delaying_step: Option<String>,
    /// That step's name, for the pages.
    #[serde(skip)]
    pub delaying_step_name: Option<String>,
}

/// The year's starts as forecast: the expected count with its 10th–90th percentile band
/// beside the target, and the projects that make it up, least likely first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetsView {
    pub year: i32,
    pub as_of: NaiveDate,
    pub target: Option<u32>,
    pub started: u32,
    pub expected: f64,
    pub p10: u32,
    pub p90: u32,
    /// P(starts ≥ target); none without a target.
    pub probability_of_target: Option<f64>,
    pub projects: Vec<AtRiskView>,
}

/// The year's targets as forecast from the zone's history (staff).
pub fn targets(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &TargetsQuery,
    (cache, generation): (&HistoryCache, Option<String>),
) -> ServiceResult<TargetsView> {
    actor.require_staff()?;
    let year = q.year.unwrap_or(env.today.year());
    domain::dates::check_year(year).map_err(|e| ServiceError::invalid("year", e))?;
    let zone = crate::projects::project_view::ZoneRead::load(conn)?;
    let landing: std::collections::HashMap<i32, store::landing::LandingRow> =
        store::landing::all(conn)?
            .into_iter()
            .map(|l| (l.project_id, l))
            .collect();
    let started_on: std::collections::HashMap<i32, NaiveDate> = landing
        .values()
        .filter_map(|l| Some((l.project_id, l.started_actual?)))
        .filter(|(_, d)| *d <= env.today)
        .collect();
    let codes = zone.data.codes.clone();
    let views = crate::projects::project_view::build_views_from(env, zone.rows, &zone.data);
    let history = cache.history(conn, env, generation)?;
    let started = started_on.values().filter(|d| d.year() == year).count() as u32;
    let mut at_risk = Vec::new();
    for view in &views {
        let id = view.project.id;
        let planned = landing
            .get(&id)
            .and_then(|l| l.started_planned)
            .is_some_and(|d| d.year() == year);
        if !planned || started_on.contains_key(&id) {
            continue;
        }
        let f = forecast_for_year(env, view, &history, year)?;
        at_risk.push(AtRiskView {
            id,
            name: view.project.name.clone(),
            project_code: codes.get(&id).cloned(),
            probability: f.0,
            delaying_step_name: f.1.as_ref().and_then(|k| {
                view.steps
                    .iter()
                    .find(|s| &s.key == k)
                    .map(|s| s.name.clone())
            }),
            delaying_step: f.1,
        });
    }
    at_risk.sort_by(|a, b| {
        a.probability
            .total_cmp(&b.probability)
            .then(a.id.cmp(&b.id))
    });
    let target = store::landing::target(conn, year)?.map(|t| t.starts.max(0) as u32);
    let probabilities: Vec<f64> = at_risk.iter().map(|p| p.probability).collect();
    let s = forecast::year_starts(started, &probabilities, target);
    Ok(TargetsView {
        year,
        as_of: env.today,
        target,
        started: s.started,
        expected: s.expected,
        p10: s.p10,
        p90: s.p90,
        probability_of_target: s.reach_probability,
        projects: at_risk,
    })
}

/// A project's probability of starting by 31 December of `year`, and its likeliest
/// delaying step (the open step most often on the longest path).
fn forecast_for_year(
    env: &Env,
    view: &ProjectView,
    history: &History,
    year: i32,
) -> ServiceResult<(f64, Option<String>)> {
    if !view.steps.iter().any(|s| s.key == CONSTRUCTION_PERMIT) {
        // No construction permit on its route: nothing the forecast can say; counted as
        // unlikely rather than certain.
        return Ok((0.0, None));
    }
    let by = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(env.today);
    let (f, _) = simulate(env, view, history, (forecast::SAMPLES, &[]), Some(by))?;
    let probability = f.start.map_or(0.0, |s| s.by_probability);
    let delaying = view
        .steps
        .iter()
        .zip(&f.steps)
        .filter(|(s, _)| !s.status.is_finished() && s.status != StepStatus::Rejected)
        // Of equally critical steps, the first on the route: it is the one to push now.
        .rev()
        .max_by(|a, b| a.1.criticality.total_cmp(&b.1.criticality))
        .map(|(s, _)| s.key.clone());
    Ok((probability, delaying))
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
