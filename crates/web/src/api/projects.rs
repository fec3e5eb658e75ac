use actix_web::http::header::ContentType;
use actix_web::web::Bytes;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::view_cache::{Basis, Kind, Sent};
use crate::{created, with_version, ApiResult, AppState, Problem};
use service::projects::project_view::{ProjectSummary, ProjectView};
use service::projects::{self, CreateProject, PatchProject, ProjectQuery};
use service::{projects::planning, projects::project_list, Actor, ListPage, ServiceError};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(get_one)
        .service(update_one)
        .service(archive);
}

/// Projects, newest first: staff see the zone's, an enterprise user its own.
#[utoipa::path(
    tag = "projects",
    params(ProjectQuery),
    responses((status = 200, body = ListPage<ProjectSummary>), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects")]
async fn list(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    q: web::Query<ProjectQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let (cache, pool, kept) = (
        state.lists.clone(),
        state.pool.clone(),
        state.digests.clone(),
    );
    let body = state
        .run(move |conn, env| {
            // Read before the list, so a commit while it is built makes it stale at once.
            let generation = pool.data_generation(conn);
            let key = format!(
                "{}|{:?}|{:?}|{}|{q:?}",
                actor.user_id, actor.role, actor.enterprise_id, env.today
            );
            let calendar = &env.calendar;
            if let Some(body) = generation
                .as_deref()
                .and_then(|g| cache.get(g, calendar, &key))
            {
                return Ok(body);
            }
            let page = project_list::list(conn, env, &actor, &q, &kept)?;
            let body = Bytes::from(
                serde_json::to_vec(&page).map_err(|e| ServiceError::caused("list to JSON", e))?,
            );
            if let Some(g) = generation {
                cache.put(g, calendar, key, body.clone());
            }
            Ok(body)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(body))
}

/// Create a project from a route template or explicit steps (staff; a liaison for themselves).
#[utoipa::path(
    tag = "projects",
    request_body = CreateProject,
    responses(
        (status = 201, body = ProjectView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, description = "Invalid fields, an unknown step or a cycle (named in detail)", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/projects")]
async fn create(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    body: Json<CreateProject>,
) -> ApiResult<HttpResponse> {
    let view = state
        .run(move |conn, env| projects::create(conn, env, &actor, &body))
        .await?;
    Ok(created(&view))
}

/// One project with its steps, clocks and lights.
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path)),
    responses((status = 200, body = ProjectView), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/projects/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let sent = cached_view(&state, actor, id, Kind::Project).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("ETag", format!("\"{}\"", sent.version)))
        .content_type("application/json")
        .body(sent.body))
}

/// A project's view or schedule: reused while the project, the day and the calendar are
/// what it was computed from (see `view_cache`), else computed and kept.
pub async fn cached_view(
    state: &web::Data<AppState>,
    actor: Actor,
    id: i32,
    kind: Kind,
) -> ApiResult<Sent> {
    let cache = state.views.clone();
    Ok(state
        .run(move |conn, env| {
            let row = projects::visible(conn, &actor, id)?;
            let basis = Basis {
                revision: row.revision,
                today: env.today,
                calendar: env.calendar.clone(),
            };
            if let Some(sent) = cache.get(kind, id, &basis) {
                return Ok(sent);
            }
            let view = projects::view_of(conn, env, row)?;
            let json = match kind {
                Kind::Project => serde_json::to_vec(&view),
                Kind::Schedule => serde_json::to_vec(&planning::schedule_of(env, &view)?),
            }
            .map_err(|e| ServiceError::caused("view to JSON", e))?;
            let sent = Sent {
                version: view.project.version,
                body: json.into(),
            };
            cache.put(kind, id, basis, sent.clone());
            Ok(sent)
        })
        .await?)
}

/// Change a project (managers, admins, its liaisons).
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    request_body = PatchProject,
    responses(
        (status = 200, body = ProjectView),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[patch("/projects/{id}")]
async fn update_one(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
    body: Json<PatchProject>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = state
        .run(move |conn, env| projects::patch(conn, env, &actor, id, if_match.0, &body))
        .await?;
    Ok(with_version(view.project.version, &view))
}

/// Archive a project (its history is kept; `PATCH {"archived":false}` brings it back).
#[utoipa::path(
    tag = "projects",
    params(("id" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = []))
)]
#[delete("/projects/{id}")]
async fn archive(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    id: web::Path<i32>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .run(move |conn, env| projects::archive(conn, env, &actor, id, if_match.0))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
