//! What if (假如): on one project, some of its steps take N working days more (or fewer)
//! with the agency; across the zone, an agency's steps take a factor longer or shorter.
//! Today's figures and the assumed ones side by side. Nothing is stored.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use domain::forecast::SAMPLES;
use store::DbConn;

use super::targets::{self, TargetsQuery, TargetsView};
use super::{forecast_of, started_on, Assumed, ForecastView, Kept};
use crate::projects::{view_of, visible};
use crate::refusal::{forecasts as codes, Refusal};
use crate::routes::agency_book::AgencyBook;
use crate::{Actor, Env, FieldError, ServiceError, ServiceResult};

/// How far an assumption may move a step, in working days either way.
pub const MAX_EXTRA_DAYS: i32 = 200;

/// `{"assume":[{"step","extra_days"}]}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    pub assume: Vec<Assumption>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// A step key of the project.
    pub step: String,
    /// Working days more (fewer, when negative) with the agency: −200 … 200.
    pub extra_days: i32,
}

/// Today's figures and the assumed ones, computed alike (the same samples drawn).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WhatIfView {
    pub today: ForecastView,
    pub assumed: ForecastView,
}

/// The project's forecast today and under the assumptions (staff).
pub fn project(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    id: i32,
    body: &WhatIf,
    (cache, generation): Kept,
) -> ServiceResult<WhatIfView> {
    actor.require_staff()?;
    let row = visible(conn, actor, id)?;
    let view = view_of(conn, env, row)?;
    let mut extra = vec![0; view.steps.len()];
    let mut errors = Vec::new();
    for (i, a) in body.assume.iter().enumerate() {
        match view.steps.iter().position(|s| s.key == a.step) {
            None => errors.push(FieldError::new(
                format!("assume[{i}].step"),
                Refusal::of(codes::UNKNOWN_STEP).arg("step", &a.step),
            )),
            Some(v) if extra[v] != 0 => errors.push(FieldError::new(
                format!("assume[{i}].step"),
                Refusal::of(codes::STEP_ASSUMED_TWICE).arg("step", &a.step),
            )),
            Some(v) => extra[v] = a.extra_days,
        }
        if !(-MAX_EXTRA_DAYS..=MAX_EXTRA_DAYS).contains(&a.extra_days) {
            errors.push(FieldError::new(
                format!("assume[{i}].extra_days"),
                Refusal::of(codes::EXTRA_DAYS_RANGE).arg("max", MAX_EXTRA_DAYS),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::invalid_fields(errors));
    }
    let history = cache.history(conn, env, generation)?;
    let started = started_on(conn, env, id)?;
    let assumed = Assumed {
        extra_days: &extra,
        factors: None,
    };
    Ok(WhatIfView {
        today: forecast_of(env, &view, &history, (started, SAMPLES), Assumed::default())?,
        assumed: forecast_of(env, &view, &history, (started, SAMPLES), assumed)?,
    })
}

/// The factors an agency's time may be multiplied by.
pub const FACTOR_MIN: f64 = 0.1;
pub const FACTOR_MAX: f64 = 10.0;

/// `{"agencies":[{"agency","factor"}]}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ZoneWhatIf {
    pub agencies: Vec<AgencyFactor>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyFactor {
    /// The agency's name or short name, as steps name it.
    pub agency: String,
    /// Its steps' agency time multiplied by this: 0.1 … 10 (2: twice as slow).
    pub factor: f64,
}

/// The year's targets today and under the assumptions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ZoneWhatIfView {
    pub today: TargetsView,
    pub assumed: TargetsView,
}

/// The year's targets today and with the agencies' steps slower or faster (staff).
pub fn zone(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &TargetsQuery,
    body: &ZoneWhatIf,
    (cache, generation): Kept,
) -> ServiceResult<ZoneWhatIfView> {
    actor.require_staff()?;
    let year = targets::year_of(env, q)?;
    let book = AgencyBook::load(conn)?;
    let mut factors: HashMap<i32, f64> = HashMap::new();
    let mut errors = Vec::new();
    for (i, a) in body.agencies.iter().enumerate() {
        let field = format!("agencies[{i}].agency");
        match book.id_of(a.agency.trim()) {
            None => errors.push(crate::routes::agency_book::unknown(&field, &a.agency)),
            Some(id) if factors.contains_key(&id) => errors.push(FieldError::new(
                field,
                Refusal::of(codes::AGENCY_ASSUMED_TWICE).arg("agency", a.agency.trim()),
            )),
            Some(id) => {
                factors.insert(id, a.factor);
            }
        }
        if !(FACTOR_MIN..=FACTOR_MAX).contains(&a.factor) {
            errors.push(FieldError::new(
                format!("agencies[{i}].factor"),
                Refusal::of(codes::FACTOR_RANGE)
                    .arg("min", FACTOR_MIN)
                    .arg("max", FACTOR_MAX),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::invalid_fields(errors));
    }
    let today = cache.zone(conn, env, year, generation.clone())?;
    let history = cache.history(conn, env, generation)?;
    Ok(ZoneWhatIfView {
        today: today.targets.clone(),
        assumed: targets::compute(conn, env, year, &history, Some(&factors))?,
    })
}
