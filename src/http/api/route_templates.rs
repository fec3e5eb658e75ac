use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::http::{ApiResult, AppState, Problem};
use crate::service::routes::RouteTemplate;
use crate::service::{Actor, ListPage, ServiceError};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(get_one);
}

/// The approval-route templates projects are created from (staff).
#[utoipa::path(
    tag = "route-templates",
    responses((status = 200, body = ListPage<RouteTemplate>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/route-templates")]
async fn list(state: web::Data<AppState>, actor: Actor) -> ApiResult<HttpResponse> {
    actor.require_staff()?;
    let items = state.routes.all().to_vec();
    let total = items.len() as i64;
    Ok(HttpResponse::Ok().json(ListPage { items, total }))
}

/// One route template with its steps (staff).
#[utoipa::path(
    tag = "route-templates",
    params(("key" = String, Path)),
    responses((status = 200, body = RouteTemplate), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/route-templates/{key}")]
async fn get_one(
    state: web::Data<AppState>,
    actor: Actor,
    key: web::Path<String>,
) -> ApiResult<HttpResponse> {
    actor.require_staff()?;
    let template = state
        .routes
        .get(&key)
        .ok_or(ServiceError::NotFound("route template"))?;
    Ok(HttpResponse::Ok().json(template))
}
