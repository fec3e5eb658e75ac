//! What if (假如) on one project: some of its steps take N working days more (or fewer) with
//! the agency; today's forecast and the assumed one side by side. Nothing is stored.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use domain::forecast::SAMPLES;
use store::DbConn;

use super::{forecast_of, started_on, ForecastView, HistoryCache};
use crate::projects::{view_of, visible};
use crate::refusal::{forecasts as codes, Refusal};
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
    (cache, generation): (&HistoryCache, Option<String>),
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
    Ok(WhatIfView {
        today: forecast_of(env, &view, &history, (started, SAMPLES), &[])?,
        assumed: forecast_of(env, &view, &history, (started, SAMPLES), &extra)?,
    })
}
