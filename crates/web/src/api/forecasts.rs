//! Forecasts from the zone's history (docs/rules.md "Forecasts"), beside the schedule.

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::{Bearer, Json};
use crate::{ApiResult, AppState, Problem};
use service::forecasts::what_if::{self, WhatIf, WhatIfView, ZoneWhatIf, ZoneWhatIfView};
use service::forecasts::{self, ForecastQuery, ForecastView, TargetsQuery, TargetsView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(project_forecast)
        .service(project_what_if)
        .service(targets)
        .service(zone_what_if);
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
    let body = state
        .run_forecasting(move |conn, env, kept| {
            forecasts::project_forecast(conn, env, &actor, id, &q, kept)
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
    let body = state
        .run_forecasting(move |conn, env, kept| forecasts::targets(conn, env, &actor, &q, kept))
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
    let answer = state
        .run_forecasting(move |conn, env, kept| {
            what_if::project(conn, env, &actor, id, &body, kept)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// What if (假如) across the zone: an agency's steps take a factor longer (or shorter); the
/// year's targets today and assumed side by side. Nothing is stored.
#[utoipa::path(
    tag = "landing",
    params(TargetsQuery),
    request_body = ZoneWhatIf,
    responses((status = 200, body = ZoneWhatIfView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[post("/forecast/targets")]
async fn zone_what_if(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<TargetsQuery>,
    body: Json<ZoneWhatIf>,
) -> ApiResult<HttpResponse> {
    let (q, body) = (q.into_inner(), body.0);
    let answer = state
        .run_forecasting(move |conn, env, kept| what_if::zone(conn, env, &actor, &q, &body, kept))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
