use actix_web::{get, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::{ApiResult, AppState, Problem};
use service::routes::route_templates::{self, SaveTemplate};
use service::routes::RouteTemplate;
use service::ListPage;

use crate::extract::{IfMatch, Json};
use crate::with_version;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(get_one).service(put_one);
}

/// The approval-route templates projects are created from (staff), each at its current version.
#[utoipa::path(
    tag = "route-templates",
    responses((status = 200, body = ListPage<RouteTemplate>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/route-templates")]
async fn list(state: web::Data<AppState>, Bearer(actor): Bearer) -> ApiResult<HttpResponse> {
    let items = state
        .run(move |conn, _| route_templates::list(conn, &actor))
        .await?;
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
    Bearer(actor): Bearer,
    key: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = key.into_inner();
    let t = state
        .run(move |conn, _| route_templates::get(conn, &actor, &key))
        .await?;
    Ok(with_version(t.version, &t))
}

/// Save a new version of a route template (admins). Existing projects keep their steps;
/// projects created afterwards take the new ones.
#[utoipa::path(
    tag = "route-templates",
    params(("key" = String, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = SaveTemplate,
    responses(
        (status = 200, body = RouteTemplate),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/route-templates/{key}")]
async fn put_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    key: web::Path<String>,
    if_match: IfMatch,
    body: Json<SaveTemplate>,
) -> ApiResult<HttpResponse> {
    let key = key.into_inner();
    let t = state
        .run(move |conn, env| route_templates::save(conn, env, &actor, &key, if_match.0, &body))
        .await?;
    Ok(with_version(t.version, &t))
}
