use actix_web::{get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::routes::agencies::{self, AgencyInput, AgencyView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list).service(create).service(update_one);
}

/// Every agency, by name, with how many steps it has (staff).
#[utoipa::path(
    tag = "agencies",
    responses((status = 200, body = Vec<AgencyView>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/agencies")]
async fn list(state: web::Data<AppState>, Bearer(actor): Bearer) -> ApiResult<HttpResponse> {
    let body = state
        .run(move |conn, _| agencies::list(conn, &actor))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Add an agency (admins). Its name and short name must not be another agency's.
#[utoipa::path(
    tag = "agencies",
    request_body = AgencyInput,
    responses(
        (status = 201, body = AgencyView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/agencies")]
async fn create(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<AgencyInput>,
) -> ApiResult<HttpResponse> {
    let a = state
        .run(move |conn, env| agencies::create(conn, env, &actor, &body))
        .await?;
    Ok(created(&a))
}

/// Rename an agency (admins): every step follows; each template naming it gets a new
/// version naming the new name.
#[utoipa::path(
    tag = "agencies",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = AgencyInput,
    responses(
        (status = 200, body = AgencyView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[patch("/agencies/{id}")]
async fn update_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: Json<AgencyInput>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let a = state
        .run(move |conn, env| agencies::update(conn, env, &actor, id, if_match.0, &body))
        .await?;
    Ok(with_version(a.version, &a))
}
