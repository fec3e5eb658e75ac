//! Who is signed in, and signing in, over HTTP. The one session lookup of the API (bearer
//! token) and the pages (cookie): the instance's cache first, else the database.
//!
//! A login goes in the three steps of `service::accounts::auth`: the throttle and the
//! attempt's record on a pooled connection, the password hash on a blocking thread without
//! one, the outcome on a connection again. A failure is answered after its slow-down,
//! which waits on a timer, holding neither a connection nor a thread.

use actix_web::web;

use crate::state::AppState;
use service::accounts::audit::Origin;
use service::accounts::auth::{self, LoginRequest, LoginResponse};
use service::{Actor, ServiceError, ServiceResult};

/// The user a session token belongs to, seen from `address`; `Unauthorized` when the
/// token is unknown, expired or its user disabled.
pub async fn signed_in(state: &AppState, token: &str, address: String) -> ServiceResult<Actor> {
    if let Some(mut actor) = state.sessions.get(token) {
        actor.address = address;
        return Ok(actor);
    }
    let t = token.to_string();
    let actor = state
        .run(move |conn, env| auth::authenticate(conn, env, &t, address))
        .await?;
    state.sessions.put(token, &actor);
    Ok(actor)
}

pub async fn log_in(
    state: &AppState,
    request: LoginRequest,
    origin: Origin,
) -> ServiceResult<LoginResponse> {
    let begun = origin.clone();
    let (attempt, request) = state
        .run(move |conn, env| auth::begin(conn, env, &request, &begun).map(|a| (a, request)))
        .await?;
    let (attempt, matched) = web::block(move || {
        let matched = attempt.password_matches(&request.password);
        (attempt, matched)
    })
    .await
    .map_err(|e| ServiceError::caused("blocking task failed", e))?;
    let delay = attempt.delay_on_failure();
    let outcome = state
        .run(move |conn, env| auth::finish(conn, env, attempt, matched, &origin))
        .await;
    if !matched {
        actix_web::rt::time::sleep(delay).await;
    }
    outcome
}
