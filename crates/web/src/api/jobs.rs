use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::Json;
use crate::{ApiResult, AppState, Problem};
use jobs::{self, JobReport};
use service::ServiceError;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(run);
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunJobs {
    /// The instant that stands for "now" in every rule (default: now).
    pub at: Option<DateTime<Utc>>,
}

/// Run every scheduled job once as of `at`, delivery included (admins): catch-up after downtime.
#[utoipa::path(
    tag = "jobs",
    request_body = RunJobs,
    responses((status = 200, body = JobReport), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[post("/jobs/run")]
async fn run(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<RunJobs>,
) -> ApiResult<HttpResponse> {
    actor.require_admin()?;
    let at = body.at.unwrap_or_else(|| state.clock.now());
    let s = state.get_ref().clone();
    let report = web::block(move || jobs::run_once(&s, at))
        .await
        .map_err(|e| ServiceError::caused("blocking task failed", e))??;
    Ok(HttpResponse::Ok().json(report))
}
