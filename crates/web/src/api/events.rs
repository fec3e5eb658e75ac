use actix_web::{get, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{with_version, ApiResult, AppState, Problem};
use service::projects::history::{self, EventView};
use service::steps::lifecycle::{self, EventOutcome, RecordEvent};
use service::steps::step_view::StepView;
use service::steps::withdraw::{self as withdrawal, WithdrawEvent};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(record)
        .service(withdraw)
        .service(step_events)
        .service(timeline);
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
    Bearer(actor): Bearer,
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

/// Withdraw (撤销) a step's latest event, recorded by mistake: by its author on the day it
/// was recorded, or by an administrator. The event stays in the history, marked; the step
/// reads as if it had never been recorded. Answers the updated step.
#[utoipa::path(
    tag = "steps",
    params(("id" = i32, Path), ("key" = String, Path), ("event_id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The step's version last read")),
    request_body = WithdrawEvent,
    responses(
        (status = 200, body = StepView),
        (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, description = "Neither its author on the day it was recorded nor an administrator", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "Not the step's latest event, withdrawn already, steps after it have started, or a stale version", body = Problem),
        (status = 422, description = "No reason, or one too long", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/steps/{key}/events/{event_id}/withdraw")]
async fn withdraw(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    path: web::Path<(i32, String, i32)>,
    if_match: IfMatch,
    body: Json<WithdrawEvent>,
) -> ApiResult<HttpResponse> {
    let (id, key, event_id) = path.into_inner();
    let step = state
        .run(move |conn, env| {
            withdrawal::withdraw(conn, env, &actor, id, &key, event_id, if_match.0, &body)
        })
        .await?;
    Ok(with_version(step.version, &step))
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
    Bearer(actor): Bearer,
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
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let events = state
        .run(move |conn, env| history::timeline(conn, env, &actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(events))
}
