//! A login over HTTP, in the three steps of `service::auth`: the throttle and the
//! attempt's record on a pooled connection, the password hash on a blocking thread without
//! one, the outcome on a connection again. A failure is answered after its slow-down,
//! which waits on a timer, holding neither a connection nor a thread.

use actix_web::web;

use crate::service::audit::Origin;
use crate::service::auth::{self, LoginRequest, LoginResponse};
use crate::service::{ServiceError, ServiceResult};
use crate::state::AppState;

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
    .map_err(|e| ServiceError::Internal(format!("blocking task failed: {e}")))?;
    let delay = attempt.delay_on_failure();
    let outcome = state
        .run(move |conn, env| auth::finish(conn, env, attempt, matched, &origin))
        .await;
    if !matched {
        actix_web::rt::time::sleep(delay).await;
    }
    outcome
}
