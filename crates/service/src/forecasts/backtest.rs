//! Calibration, measured (docs/rules.md "Forecasts"): forecasts made as of a past day from
//! what was known then, checked against what happened since. A forecast is honest when its
//! P80 covers 75–85 %.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use domain::forecast::{Calibration, Range, SAMPLES};
use domain::schedule::schedule;
use domain::step::StepStatus;
use store::DbConn;

use super::{forecast_of, zone_history, Assumed};
use crate::projects::planning::plan_of;
use crate::projects::project_view::{build_views_from, ProjectView, ZoneRead};
use crate::refusal::{forecasts as codes, Refusal};
use crate::{Env, ServiceError, ServiceResult};

/// The backtest's figures, as `approval-tracker forecast backtest` prints them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BacktestView {
    pub as_of: NaiveDate,
    /// Steps open on `as_of` and approved since.
    pub steps: u32,
    /// Projects open on `as_of` whose every step has finished since.
    pub projects: u32,
    /// Shares (steps and projects together) finished on or before their P50, P80, of those
    /// whose outcome is known: finished, or still open past that date (a known miss).
    pub p50_coverage: f64,
    pub p80_coverage: f64,
    /// Mean absolute error in working days: the forecast's P50, and the law's schedule.
    pub mae_forecast_days: f64,
    pub mae_schedule_days: f64,
}

/// Forecasts every project begun by `as_of` from the data known that day, and checks each
/// step and project that has finished since against its real day.
pub fn run(conn: &mut DbConn, env: &Env, as_of: NaiveDate) -> ServiceResult<BacktestView> {
    domain::dates::check_day(as_of).map_err(|e| ServiceError::invalid("as_of", e))?;
    if as_of >= env.today {
        let before = Refusal::of(codes::BACKTEST_BEFORE_TODAY).arg("today", env.today);
        return Err(ServiceError::invalid("as_of", before));
    }
    let zone = ZoneRead::load_with(conn, true)?;
    let started: HashMap<i32, NaiveDate> = store::landing::all(conn)?
        .into_iter()
        .filter_map(|l| Some((l.project_id, l.started_actual?)))
        .collect();
    let now = build_views_from(env, zone.rows.clone(), &zone.data);
    let mut then_env = env.clone();
    then_env.today = as_of;
    let known: Vec<_> = zone
        .rows
        .into_iter()
        .filter(|p| p.start_date <= as_of)
        .collect();
    let then = build_views_from(&then_env, known, &zone.data);
    let started_then: HashMap<i32, NaiveDate> = started
        .iter()
        .filter(|(_, d)| **d <= as_of)
        .map(|(k, v)| (*k, *v))
        .collect();
    let history = zone_history::of_views(&then_env, &then, &started_then);
    let actual: HashMap<i32, &ProjectView> = now.iter().map(|v| (v.project.id, v)).collect();
    let mut tally = Calibration::default();
    let (mut steps, mut projects) = (0, 0);
    for view in &then {
        let Some(today) = actual.get(&view.project.id) else {
            continue;
        };
        let finished_now: HashMap<&str, NaiveDate> = today
            .steps
            .iter()
            .filter(|s| s.status == StepStatus::Approved)
            .filter_map(|s| Some((s.key.as_str(), s.finished_on?)))
            .filter(|(_, d)| *d > as_of)
            .collect();
        let open_now: Vec<&str> = today
            .steps
            .iter()
            .filter(|s| !s.status.is_finished() && s.status != StepStatus::Rejected)
            .map(|s| s.key.as_str())
            .collect();
        if view.steps.iter().all(|s| s.status.is_finished()) {
            continue;
        }
        let started = started_then.get(&view.project.id).copied();
        let f = forecast_of(
            &then_env,
            view,
            &history,
            (started, SAMPLES),
            Assumed::default(),
        )?;
        let plan = plan_of(view)?;
        let law = schedule(&then_env.calendar, &plan, as_of)
            .map_err(|e| ServiceError::caused(format!("project {}", view.project.id), e))?;
        for ((s, fs), ls) in view.steps.iter().zip(&f.steps).zip(&law.steps) {
            if s.status.is_finished() {
                continue;
            }
            let range = Range {
                p50: fs.p50,
                p80: fs.p80,
            };
            if let Some(day) = finished_now.get(s.key.as_str()) {
                tally.add(&then_env.calendar, *day, range, ls.earliest_finish);
                steps += 1;
            } else if open_now.contains(&s.key.as_str()) {
                tally.add_open(range, env.today);
            }
        }
        let open_then = view.steps.iter().any(|s| !s.status.is_finished());
        let all_done_now = today.steps.iter().all(|s| s.status.is_finished());
        let last = today.steps.iter().filter_map(|s| s.finished_on).max();
        match (open_then, all_done_now, last) {
            (true, true, Some(last)) => {
                tally.add(&then_env.calendar, last, f.finish, law.projected_finish);
                projects += 1;
            }
            (true, false, _) => tally.add_open(f.finish, env.today),
            _ => {}
        }
    }
    Ok(BacktestView {
        as_of,
        steps,
        projects,
        p50_coverage: tally.p50_coverage(),
        p80_coverage: tally.p80_coverage(),
        mae_forecast_days: tally.mae_forecast_days(),
        mae_schedule_days: tally.mae_schedule_days(),
    })
}
