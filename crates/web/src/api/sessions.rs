use actix_web::{delete, post, put, web, HttpRequest, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::Json;
use crate::{created, ApiResult, AppState, Problem};
use service::accounts::audit::Origin;
use service::accounts::auth::{self, LoginRequest, LoginResponse};
use service::accounts::own_password::{self, ChangeOwnPassword};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(logout).service(change_password);
}

/// Log in: a bearer token for the API.
#[utoipa::path(
    tag = "sessions",
    request_body = LoginRequest,
    responses(
        (status = 201, body = LoginResponse),
        (status = 400, body = Problem),
        (status = 401, description = "Wrong user name or password (the same answer for both)", body = Problem),
        (status = 429, description = "Too many failed logins for this name or address; see Retry-After", body = Problem),
    )
)]
#[post("/sessions")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    // The peer (or what a trusted proxy says), not a header any client could forge.
    let origin = Origin {
        address: crate::client::address_text(&req, &state.settings.server),
    };
    let resp = crate::sign_in::log_in(&state, body.0, origin).await?;
    Ok(created(&resp))
}

/// Log out: the token stops working.
#[utoipa::path(
    tag = "sessions",
    responses((status = 204), (status = 401, body = Problem)),
    security(("bearer" = []))
)]
#[delete("/sessions/current")]
async fn logout(state: web::Data<AppState>, Bearer(actor): Bearer) -> ApiResult<HttpResponse> {
    let ended = state
        .run(move |conn, env| auth::logout(conn, env, &actor))
        .await;
    state.sessions.clear();
    ended?;
    Ok(HttpResponse::NoContent().finish())
}

/// Change one's own password: the current one proves it is you; the caller's other
/// sessions end, this one stays.
#[utoipa::path(
    tag = "sessions",
    request_body = ChangeOwnPassword,
    responses((status = 204), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem), (status = 429, description = "Too many wrong current passwords: the login lock; see Retry-After", body = Problem)),
    security(("bearer" = []))
)]
#[put("/users/me/password")]
async fn change_password(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<ChangeOwnPassword>,
) -> ApiResult<HttpResponse> {
    let changed = state
        .run(move |conn, env| own_password::change(conn, env, &actor, &body))
        .await;
    // Other sessions were revoked; cached ones must not outlive that.
    state.sessions.clear();
    changed?;
    Ok(HttpResponse::NoContent().finish())
}
