use actix_web::{get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::accounts::users::{self, CreateUser, PatchUser, UserView};
use service::{ListPage, PageQuery};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get_one)
        .service(update_one);
}

/// Accounts (staff read).
#[utoipa::path(
    tag = "users",
    params(PageQuery),
    responses((status = 200, body = ListPage<UserView>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = []))
)]
#[get("/users")]
async fn list(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    page: web::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = page.into_inner();
    let body = state
        .run(move |conn, _| users::list(conn, &actor, page))
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Create an account (admins).
#[utoipa::path(
    tag = "users",
    request_body = CreateUser,
    responses(
        (status = 201, body = UserView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "User name taken", body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/users")]
async fn create(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    let user = state
        .run(move |conn, env| users::create(conn, env, Some(&actor), &body))
        .await?;
    Ok(created(&user))
}

/// One account (staff read).
#[utoipa::path(
    tag = "users",
    params(("id" = i32, Path)),
    responses((status = 200, body = UserView), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/users/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let user = state
        .run(move |conn, _| users::get(conn, &actor, id))
        .await?;
    Ok(with_version(user.version, &user))
}

/// Change an account (admins); a new password or disabling ends its sessions.
#[utoipa::path(
    tag = "users",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = PatchUser,
    responses(
        (status = 200, body = UserView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[patch("/users/{id}")]
async fn update_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: Json<PatchUser>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let patched = state
        .run(move |conn, env| users::patch(conn, env, &actor, id, if_match.0, &body))
        .await;
    // A role, a password or a deactivation changes what cached sessions may do.
    state.sessions.clear();
    let user = patched?;
    Ok(with_version(user.version, &user))
}
