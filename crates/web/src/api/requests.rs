//! Enterprise requests (诉求): filing, handling, figures (docs/api.md `requests` rows).

use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::requests::{
    self, ActionRequest, CreateRequest, RequestQuery, RequestView, StatsQuery, StatsView,
};
use service::ListPage;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(stats)
        .service(list)
        .service(create)
        .service(get_one)
        .service(act);
}

/// Requests, newest first: staff see all, an enterprise user its own.
#[utoipa::path(
    tag = "requests",
    params(RequestQuery),
    responses((status = 200, body = ListPage<RequestView>), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/requests")]
async fn list(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<RequestQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let limits = state.settings.requests.clone();
    let body = state
        .run(move |conn, env| requests::list(conn, env, &limits, &actor, &q))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// File a request: an enterprise user for its own enterprise (online), staff on an
/// enterprise's behalf with the channel it came by. The project by `project_id` or by
/// `project_code` (its 统一项目代码), among the enterprise's own.
#[utoipa::path(
    tag = "requests",
    request_body = CreateRequest,
    responses(
        (status = 201, body = RequestView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem),
        (status = 429, description = "The enterprise has its open requests or its requests of the hour at the bound; see Retry-After", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/requests")]
async fn create(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<CreateRequest>,
) -> ApiResult<HttpResponse> {
    let limits = state.settings.requests.clone();
    let r = state
        .run(move |conn, env| requests::create(conn, env, &limits, &actor, &body))
        .await?;
    Ok(created(&r))
}

/// The figures of the requests received in a period (staff).
#[utoipa::path(
    tag = "requests",
    params(StatsQuery),
    responses((status = 200, body = StatsView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/requests/stats")]
async fn stats(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<StatsQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let limits = state.settings.requests.clone();
    let body = state
        .run(move |conn, env| requests::stats(conn, env, &limits, &actor, &q))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// One request with its history (an enterprise user: its own, without staff notes).
#[utoipa::path(
    tag = "requests",
    params(("id" = i32, Path)),
    responses((status = 200, body = RequestView), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/requests/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let limits = state.settings.requests.clone();
    let r = state
        .run(move |conn, env| requests::get(conn, env, &limits, &actor, id))
        .await?;
    Ok(with_version(r.version, &r))
}

/// Act on a request: staff accept, hand over, reply, wait on the enterprise, resolve, note;
/// the enterprise replies, rates or reopens its own. 409 when the action does not fit.
#[utoipa::path(
    tag = "requests",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = ActionRequest,
    responses(
        (status = 200, body = RequestView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/requests/{id}/actions")]
async fn act(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: Json<ActionRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let limits = state.settings.requests.clone();
    let r = state
        .run(move |conn, env| requests::act(conn, env, &limits, &actor, id, if_match.0, &body))
        .await?;
    Ok(with_version(r.version, &r))
}
