use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::{ApiResult, AppState, Problem};
use service::accounts::audit::{self, AuditEntry, AuditQuery};
use service::ListPage;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list);
}

/// Security events, newest first (admins).
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses((status = 200, body = ListPage<AuditEntry>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/audit")]
async fn list(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<AuditQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let body = state
        .run(move |conn, _| audit::list(conn, &actor, &q))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
