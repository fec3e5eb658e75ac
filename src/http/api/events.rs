use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::http::extract::{IfMatch, Json};
use crate::http::{with_version, ApiResult, AppState, Problem};
use crate::service::history::{self, EventView};
use crate::service::lifecycle::{self, EventOutcome, RecordEvent};
use crate::service::Actor;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(record).service(step_events).service(timeline);
}

/// Record what happened to a step: accept, request_materials, resubmit, approve, reject,
/// waive, reopen (admins). Answers the updated step.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path), ("key" = String, Path), ("If-Match" = Option<i32>, Header, description = "The step's version last read")),
    request_body = RecordEvent,
    responses(
        (status = 200, body = EventOutcome),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "The action does not fit the status, a predecessor is unfinished, or a stale version", body = Problem),
        (status = 422, description = "A day in the future, before the previous event or before a predecessor finished", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/steps/{key}/events")]
async fn record(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i32, String)>,
    if_match: IfMatch,
    body: Json<RecordEvent>,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    let outcome = state
        .run(move |conn, env| lifecycle::record(conn, env, &actor, id, &key, if_match.0, &body))
        .await?;
    Ok(with_version(outcome.step.version, &outcome))
}

/// A step's history, in recorded order.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path), ("key" = String, Path)),
    responses((status = 200, body = Vec<EventView>), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects/{id}/steps/{key}/events")]
async fn step_events(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(i32, String)>,
) -> ApiResult<HttpResponse> {
    let (id, key) = path.into_inner();
    let events = state
        .run(move |conn, env| history::step_events(conn, env, &actor, id, &key))
        .await?;
    Ok(HttpResponse::Ok().json(events))
}

/// Every event of the project, oldest first.
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path)),
    responses((status = 200, body = Vec<EventView>), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects/{id}/timeline")]
async fn timeline(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let events = state
        .run(move |conn, env| history::timeline(conn, env, &actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(events))
}
