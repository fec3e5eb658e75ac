//! A project's milestones, the year's targets and the year's landing figures.

use actix_web::{get, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{with_version, ApiResult, AppState, Problem};
use service::landing::milestones::{self, MilestonesView, PutMilestones};
use service::landing::targets::{self, PutTarget, TargetView};
use service::landing::{self, LandingView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_milestones)
        .service(put_milestones)
        .service(get_target)
        .service(put_target)
        .service(get_landing);
}

/// A project's milestones, its permit start deadline and signing to permit.
#[utoipa::path(
    tag = "landing",
    params(("id" = i32, Path)),
    responses((status = 200, body = MilestonesView), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects/{id}/milestones")]
async fn get_milestones(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .run(move |conn, env| milestones::get(conn, env, &actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Record milestone days (those left out stay as they are) and permit extensions (0–2);
/// 开工 before an approved construction permit is refused (409).
#[utoipa::path(
    tag = "landing",
    params(("id" = i32, Path)),
    request_body = PutMilestones,
    responses(
        (status = 200, body = MilestonesView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/projects/{id}/milestones")]
async fn put_milestones(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    body: Json<PutMilestones>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .run(move |conn, env| milestones::put(conn, env, &actor, id, &body))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// A year's targets (staff).
#[utoipa::path(
    tag = "landing",
    params(("year" = i32, Path)),
    responses((status = 200, body = TargetView), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/targets/{year}")]
async fn get_target(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    year: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let year = year.into_inner();
    let t = state
        .run(move |conn, _| targets::get(conn, &actor, year))
        .await?;
    Ok(with_version(t.version, &t))
}

/// Set a year's targets (admin); `If-Match` once they exist.
#[utoipa::path(
    tag = "landing",
    params(("year" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = PutTarget,
    responses(
        (status = 200, body = TargetView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/targets/{year}")]
async fn put_target(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    year: web::Path<i32>,
    if_match: IfMatch,
    body: Json<PutTarget>,
) -> ApiResult<HttpResponse> {
    let year = year.into_inner();
    let t = state
        .run(move |conn, env| targets::put(conn, env, &actor, year, if_match.0, &body))
        .await?;
    Ok(with_version(t.version, &t))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LandingQuery {
    /// The year (default: this year).
    pub year: Option<i32>,
}

/// The year's landing: started and producing vs target by month, signing to permit, at risk.
#[utoipa::path(
    tag = "landing",
    params(LandingQuery),
    responses((status = 200, body = LandingView), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/landing")]
async fn get_landing(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<LandingQuery>,
) -> ApiResult<HttpResponse> {
    let (year, kept) = (q.year, state.digests.clone());
    let body = state
        .run(move |conn, env| {
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&env.today));
            landing::figures(conn, env, &actor, year, &kept)
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
