//! Forecasts from the zone's history (docs/rules.md "Forecasts"), beside the schedule.

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::{Bearer, Json};
use crate::{ApiResult, AppState, Problem};
use service::forecasts::what_if::{self, WhatIf, WhatIfView};
use service::forecasts::{self, ForecastQuery, ForecastView, TargetsQuery, TargetsView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(project_forecast)
        .service(project_what_if)
        .service(targets);
}

/// When each open step, the construction permit, the project and 开工 will really come
/// (P50, P80), from the zone's own history; the law's schedule is `…/schedule`.
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path), ForecastQuery),
    responses((status = 200, body = ForecastView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects/{id}/forecast")]
async fn project_forecast(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    q: web::Query<ForecastQuery>,
) -> ApiResult<HttpResponse> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let (cache, pool) = (state.history.clone(), state.pool.clone());
    let body = state
        .run(move |conn, env| {
            // Read before the history, so a commit meanwhile leaves nothing stale kept.
            let generation = pool.data_generation(conn);
            forecasts::project_forecast(conn, env, &actor, id, &q, (&cache, generation))
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// This year's expected starts (开工) with their 10th–90th percentile band beside the target,
/// and the projects planned to start, least likely first, each with its likeliest delaying step.
#[utoipa::path(
    tag = "landing",
    params(TargetsQuery),
    responses((status = 200, body = TargetsView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/forecast/targets")]
async fn targets(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<TargetsQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let (cache, pool) = (state.history.clone(), state.pool.clone());
    let body = state
        .run(move |conn, env| {
            let generation = pool.data_generation(conn);
            forecasts::targets(conn, env, &actor, &q, (&cache, generation))
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// What if (假如): some steps take N working days more (or fewer) with the agency; today's
/// forecast and the assumed one side by side. Nothing is stored.
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path)),
    request_body = WhatIf,
    responses((status = 200, body = WhatIfView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[post("/projects/{id}/forecast")]
async fn project_what_if(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    body: Json<WhatIf>,
) -> ApiResult<HttpResponse> {
    let (id, body) = (id.into_inner(), body.0);
    let (cache, pool) = (state.history.clone(), state.pool.clone());
    let answer = state
        .run(move |conn, env| {
            let generation = pool.data_generation(conn);
            what_if::project(conn, env, &actor, id, &body, (&cache, generation))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
