use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::view_cache::Kind;
use crate::{ApiResult, AppState, Problem};
use domain::time_saved::TimeSaved;
use service::projects::planning::{self, PortfolioTimeSavedView, ScheduleView};
use service::projects::ProjectQuery;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(schedule).service(time_saved).service(portfolio);
}

/// The critical-path schedule: planned and projected finish, slack, the critical path.
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path)),
    responses((status = 200, body = ScheduleView), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects/{id}/schedule")]
async fn schedule(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let sent = super::projects::cached_view(&state, actor, id.into_inner(), Kind::Schedule).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(sent.body))
}

/// Time saved against the old sequential route.
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path)),
    responses((status = 200, body = TimeSaved), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects/{id}/time-saved")]
async fn time_saved(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .run(move |conn, env| planning::project_time_saved(conn, env, &actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Time saved summed over the projects the list filters select (staff).
#[utoipa::path(
    tag = "projects",
    params(ProjectQuery),
    responses((status = 200, body = PortfolioTimeSavedView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/time-saved")]
async fn portfolio(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<ProjectQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let body = state
        .run(move |conn, env| planning::portfolio_time_saved(conn, env, &actor, &q))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
