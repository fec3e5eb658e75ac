use actix_web::{get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::licences::{self, CreateLicence, LicenceQuery, LicenceView, PatchLicence};
use service::notices::alerts::{self, AlertQuery, AlertView};
use service::ListPage;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update_one)
        .service(list_alerts);
}

/// Licences, soonest expiry first: staff see all, an enterprise user its own.
#[utoipa::path(
    tag = "licences",
    params(LicenceQuery),
    responses((status = 200, body = ListPage<LicenceView>), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/licences")]
async fn list(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<LicenceQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let body = state
        .run(move |conn, env| licences::list(conn, env, &actor, &q))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Record a licence (staff); `step` names the approved step that issued it.
#[utoipa::path(
    tag = "licences",
    request_body = CreateLicence,
    responses((status = 201, body = LicenceView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[post("/licences")]
async fn create(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<CreateLicence>,
) -> ApiResult<HttpResponse> {
    let lic = state
        .run(move |conn, env| licences::create(conn, env, &actor, &body))
        .await?;
    Ok(created(&lic))
}

/// Change a licence (staff); a new `expires_on` is a renewal.
#[utoipa::path(
    tag = "licences",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = PatchLicence,
    responses(
        (status = 200, body = LicenceView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[patch("/licences/{id}")]
async fn update_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: Json<PatchLicence>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let lic = state
        .run(move |conn, env| licences::patch(conn, env, &actor, id, if_match.0, &body))
        .await?;
    Ok(with_version(lic.version, &lic))
}

/// Alerts raised, newest first, with their delivery state (staff).
#[utoipa::path(
    tag = "alerts",
    params(AlertQuery),
    responses((status = 200, body = ListPage<AlertView>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/alerts")]
async fn list_alerts(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<AlertQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let body = state
        .run(move |conn, _| alerts::list(conn, &actor, &q))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
