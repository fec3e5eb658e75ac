//! Calendar feeds: a liaison rotates (or turns off) the secret link of their feed under
//! /api/v1; the feed itself is served at `/ics/{secret}.ics`, outside the API.

use actix_web::{delete, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::{created, ApiError, ApiResult, AppState, Problem};
use service::reports::ics::{self, FeedLink};
use service::ServiceError;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(rotate).service(disable);
}

/// Mounts `GET /ics/{secret}.ics` (outside /api/v1).
pub fn configure_ics(cfg: &mut actix_web::web::ServiceConfig) {
    cfg.route("/ics/{file}", web::get().to(feed));
}

/// A new secret link to the caller's calendar feed (liaisons); the old link stops working.
#[utoipa::path(
    tag = "calendar feeds",
    responses((status = 201, body = FeedLink), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[post("/ics-feed")]
async fn rotate(state: web::Data<AppState>, Bearer(actor): Bearer) -> ApiResult<HttpResponse> {
    let url = state.settings.server.public_url.clone();
    let link = state
        .run(move |conn, env| ics::rotate(conn, env, &actor, &url))
        .await?;
    Ok(created(&link))
}

/// Turns the caller's calendar feed off.
#[utoipa::path(
    tag = "calendar feeds",
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[delete("/ics-feed")]
async fn disable(state: web::Data<AppState>, Bearer(actor): Bearer) -> ApiResult<HttpResponse> {
    state.run(move |conn, _| ics::disable(conn, &actor)).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn feed(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let secret = file
        .into_inner()
        .strip_suffix(".ics")
        .map(str::to_string)
        .ok_or(ServiceError::NotFound("calendar feed"))?;
    let url = state.settings.server.public_url.clone();
    let body = state
        .run(move |conn, env| ics::feed(conn, env, &secret, &url))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "private, max-age=300"))
        .body(body))
}
