use actix_web::{get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::enterprises::{self, CreateEnterprise, EnterpriseView, PatchEnterprise};
use service::{ListPage, PageQuery};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get_one)
        .service(update_one);
}

/// `?q=`: text in the name or credit code.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct Search {
    /// Text in the enterprise's name or credit code.
    q: Option<String>,
}

/// Enterprises: staff see all, an enterprise user its own.
#[utoipa::path(
    tag = "enterprises",
    params(PageQuery, Search),
    responses((status = 200, body = ListPage<EnterpriseView>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/enterprises")]
async fn list(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    page: web::Query<PageQuery>,
    search: web::Query<Search>,
) -> ApiResult<HttpResponse> {
    let page = page.into_inner();
    let q = search.into_inner().q;
    let body = state
        .run(move |conn, _| enterprises::search(conn, &actor, q.as_deref(), page))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Register an enterprise (staff).
#[utoipa::path(
    tag = "enterprises",
    request_body = CreateEnterprise,
    responses(
        (status = 201, body = EnterpriseView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "Credit code registered already", body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/enterprises")]
async fn create(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<CreateEnterprise>,
) -> ApiResult<HttpResponse> {
    let ent = state
        .run(move |conn, env| enterprises::create(conn, env, &actor, &body))
        .await?;
    Ok(created(&ent))
}

/// One enterprise (404 for another enterprise's user).
#[utoipa::path(
    tag = "enterprises",
    params(("id" = i32, Path)),
    responses((status = 200, body = EnterpriseView), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/enterprises/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let ent = state
        .run(move |conn, _| enterprises::get(conn, &actor, id))
        .await?;
    Ok(with_version(ent.version, &ent))
}

/// Change an enterprise (staff).
#[utoipa::path(
    tag = "enterprises",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = PatchEnterprise,
    responses(
        (status = 200, body = EnterpriseView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[patch("/enterprises/{id}")]
async fn update_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: Json<PatchEnterprise>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let ent = state
        .run(move |conn, env| enterprises::patch(conn, env, &actor, id, if_match.0, &body))
        .await?;
    Ok(with_version(ent.version, &ent))
}
