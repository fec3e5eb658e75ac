use actix_web::{delete, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::steps::step_edits::{self, Dependency, PatchStep};
use service::steps::step_view::{StepSpecInput, StepView};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(add_step)
        .service(update_step)
        .service(remove_step)
        .service(add_dependency)
        .service(remove_dependency);
}

/// Add a step to a project's route.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path)),
    request_body = StepSpecInput,
    responses(
        (status = 201, body = StepView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "The key is taken", body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/steps")]
async fn add_step(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    body: Json<StepSpecInput>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let step = state
        .run(move |conn, env| step_edits::add_step(conn, env, &actor, id, &body))
        .await?;
    Ok(created(&step))
}

/// Edit a step; `depends_on` replaces its predecessors.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path), ("key" = String, Path), ("If-Match" = Option<i32>, Header, description = "The step's version last read")),
    request_body = PatchStep,
    responses(
        (status = 200, body = StepView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, description = "Invalid, an unknown step, or a cycle", body = Problem),
    ),
    security(("bearer" = []))
)]
#[patch("/projects/{id}/steps/{key}")]
async fn update_step(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    path: web::Path<(i32, String)>,
    if_match: IfMatch,
    body: Json<PatchStep>,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    let step = state
        .run(move |conn, env| {
            step_edits::patch_step(conn, env, &actor, id, &key, if_match.0, &body)
        })
        .await?;
    Ok(with_version(step.version, &step))
}

/// Remove a step that has no history and no dependents.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path), ("key" = String, Path), ("If-Match" = Option<i32>, Header, description = "The step's version last read")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}/steps/{key}")]
async fn remove_step(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    path: web::Path<(i32, String)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    state
        .run(move |conn, _| step_edits::delete_step(conn, &actor, id, &key, if_match.0))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `to` can start only after `from` has finished.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path)),
    request_body = Dependency,
    responses(
        (status = 201, body = Dependency),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "Exists already", body = Problem),
        (status = 422, description = "An unknown step, or a cycle (its steps named in detail)", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/dependencies")]
async fn add_dependency(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    body: Json<Dependency>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let dep = state
        .run(move |conn, _| step_edits::add_dependency(conn, &actor, id, &body))
        .await?;
    Ok(created(&dep))
}

/// Remove a dependency.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path), ("from" = String, Path), ("to" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}/dependencies/{from}/{to}")]
async fn remove_dependency(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    path: web::Path<(i32, String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, from, to) = path.into_inner();
    state
        .run(move |conn, _| step_edits::remove_dependency(conn, &actor, id, &from, &to))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
