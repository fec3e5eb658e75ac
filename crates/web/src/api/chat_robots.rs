//! Chat robots: a liaison's own groups, the managers' group (admins). The URL and secret
//! go in and never come out.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::notices::chat_robots::{self, RobotInput, RobotPatch, RobotView};
use service::notices::chat_test::{self, TestAnswer};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update_one)
        .service(delete_one)
        .service(test_one);
}

/// The robots the caller manages: an admin every robot, a liaison their own.
#[utoipa::path(
    tag = "chat-robots",
    responses((status = 200, body = Vec<RobotView>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/chat-robots")]
async fn list(state: web::Data<AppState>, Bearer(actor): Bearer) -> ApiResult<HttpResponse> {
    let body = state
        .run(move |conn, _| chat_robots::list(conn, &actor))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Register a robot: a liaison for their own group, an admin for the managers' group
/// (`"owner": "managers"`, the default for admins). Only allowed hosts are taken.
#[utoipa::path(
    tag = "chat-robots",
    request_body = RobotInput,
    responses(
        (status = 201, body = RobotView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/chat-robots")]
async fn create(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<RobotInput>,
) -> ApiResult<HttpResponse> {
    let chat = state.settings.chat.clone();
    let r = state
        .run(move |conn, env| chat_robots::create(conn, env, &chat, &actor, &body))
        .await?;
    Ok(created(&r))
}

/// Rename, turn off or on, or give a new URL or secret.
#[utoipa::path(
    tag = "chat-robots",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = RobotPatch,
    responses(
        (status = 200, body = RobotView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[patch("/chat-robots/{id}")]
async fn update_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: Json<RobotPatch>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let chat = state.settings.chat.clone();
    let r = state
        .run(move |conn, env| chat_robots::update(conn, env, &chat, &actor, id, if_match.0, &body))
        .await?;
    Ok(with_version(r.version, &r))
}

/// Remove a robot and its unsent messages.
#[utoipa::path(
    tag = "chat-robots",
    params(("id" = i32, Path)),
    responses(
        (status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
    ),
    security(("bearer" = []))
)]
#[delete("/chat-robots/{id}")]
async fn delete_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .run(move |conn, env| chat_robots::delete(conn, env, &actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Post a test message now and answer what the platform said (within the robot's 20 a
/// minute: 429 when it has had them).
#[utoipa::path(
    tag = "chat-robots",
    params(("id" = i32, Path)),
    responses(
        (status = 200, body = TestAnswer), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 429, body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/chat-robots/{id}/test")]
async fn test_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let client = state.chat.clone();
    let answer = state
        .run(move |conn, env| chat_test::test(conn, env, &client, &actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
