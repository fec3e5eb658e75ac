//! The year's targets (docs/rules.md "Forecasts"): each project planned to start this year
//! and not started yet, its probability of 开工 by 31 December; the expected count of starts
//! with its 10th–90th percentile band beside the target; the projects least likely first,
//! each with the step to push.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use domain::forecast::{self, History};
use domain::landing::CONSTRUCTION_PERMIT;
use store::DbConn;

use super::zone::{on_every_core, ZoneViews};
use super::{most_critical, simulate, Assumed, Kept};
use crate::projects::project_view::ProjectView;
use crate::{Actor, Env, ServiceError, ServiceResult};

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
    /// False when no finished step is in the zone's history: every step takes its limit,
    /// and the figures are the law's schedule's.
    pub has_history: bool,
    pub target: Option<u32>,
    pub started: u32,
    pub expected: f64,
    pub p10: u32,
    pub p90: u32,
    /// P(starts ≥ target); none without a target.
    pub probability_of_target: Option<f64>,
    pub projects: Vec<AtRiskView>,
}

/// The year's targets as forecast from the zone's history (staff), kept by the instance
/// until the data change.
pub fn targets(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &TargetsQuery,
    (cache, generation): Kept,
) -> ServiceResult<TargetsView> {
    actor.require_staff()?;
    let year = year_of(env, q)?;
    Ok(cache.zone(conn, env, year, generation)?.targets.clone())
}

/// The query's year (this year by default), or why not.
pub fn year_of(env: &Env, q: &TargetsQuery) -> ServiceResult<i32> {
    let year = q.year.unwrap_or(env.today.year());
    domain::dates::check_year(year).map_err(|e| ServiceError::invalid("year", e))?;
    Ok(year)
}

/// The year's targets as of `env.today` under what `factors` assumes (agency id → factor on
/// its steps' agency time; none: as measured), the zone read afresh.
pub(crate) fn compute(
    conn: &mut DbConn,
    env: &Env,
    year: i32,
    history: &History,
    factors: Option<&HashMap<i32, f64>>,
) -> ServiceResult<TargetsView> {
    let zone = ZoneViews::read(conn, env)?;
    compute_from(conn, env, year, &zone, history, factors)
}

/// The same from the zone already read.
pub(crate) fn compute_from(
    conn: &mut DbConn,
    env: &Env,
    year: i32,
    zone: &ZoneViews,
    history: &History,
    factors: Option<&HashMap<i32, f64>>,
) -> ServiceResult<TargetsView> {
    let started_on: HashMap<i32, NaiveDate> = zone
        .started()
        .into_iter()
        .filter(|(_, d)| *d <= env.today)
        .collect();
    // Every start of the year counts, an archived project's too (as the landing's figures).
    let started = started_on.values().filter(|d| d.year() == year).count() as u32;
    let assumed = Assumed {
        extra_days: &[],
        factors,
    };
    let planned: Vec<&ProjectView> = zone
        .live()
        .filter(|v| {
            let id = v.project.id;
            let planned = zone.landing.get(&id).and_then(|l| l.started_planned);
            planned.is_some_and(|d| d.year() == year) && !started_on.contains_key(&id)
        })
        .collect();
    let mut at_risk = on_every_core(&planned, |view| {
        let (probability, delaying) = forecast_for_year(env, view, history, year, assumed)?;
        Ok(Some(AtRiskView {
            id: view.project.id,
            name: view.project.name.clone(),
            project_code: zone.codes.get(&view.project.id).cloned(),
            probability,
            delaying_step_name: delaying.as_ref().and_then(|k| {
                view.steps
                    .iter()
                    .find(|s| &s.key == k)
                    .map(|s| s.name.clone())
            }),
            delaying_step: delaying,
        }))
    })?;
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
        has_history: history.observations > 0,
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
    assumed: Assumed,
) -> ServiceResult<(f64, Option<String>)> {
    if !view.steps.iter().any(|s| s.key == CONSTRUCTION_PERMIT) {
        // No construction permit on its route: nothing the forecast can say; counted as
        // unlikely rather than certain.
        return Ok((0.0, None));
    }
    let by = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(env.today);
    let (f, _) = simulate(env, view, history, (forecast::SAMPLES, assumed), Some(by))?;
    let probability = f.start.map_or(0.0, |s| s.by_probability);
    let delaying = most_critical(view, f.steps.iter().map(|s| s.criticality))
        .and_then(|i| view.steps.get(i))
        .map(|s| s.key.clone());
    Ok((probability, delaying))
}
