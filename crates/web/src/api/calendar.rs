use actix_web::{get, put, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::extract::{IfMatch, Json};
use crate::{with_version, ApiResult, AppState, Problem};
use service::calendar::{self, AddWorkingDays, CalendarYear, PublishYear, WorkingDay};

pub fn configure(cfg: &mut ServiceConfig) {
    // Before `/calendar/{year}`, which would otherwise take the name for a year.
    cfg.service(add_working_days)
        .service(get_year)
        .service(put_year);
}

/// The day N working days after `from` (the start day not counted).
#[utoipa::path(
    tag = "calendar",
    params(AddWorkingDays),
    responses((status = 200, body = WorkingDay), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[get("/calendar/add-working-days")]
async fn add_working_days(
    state: web::Data<AppState>,
    Bearer(_actor): Bearer,
    q: web::Query<AddWorkingDays>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let day = state
        .run(move |_, env| calendar::add_working_days(env, &q))
        .await?;
    Ok(HttpResponse::Ok().json(day))
}

/// A year's official days off and make-up working days (an unpublished year: empty, provisional).
#[utoipa::path(
    tag = "calendar",
    params(("year" = i32, Path)),
    responses((status = 200, body = CalendarYear), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = []))
)]
#[get("/calendar/{year}")]
async fn get_year(
    state: web::Data<AppState>,
    Bearer(_actor): Bearer,
    year: web::Path<i32>,
) -> ApiResult<HttpResponse> {
    let year = year.into_inner();
    let body = state
        .run(move |conn, _| calendar::get_year(conn, year))
        .await?;
    Ok(with_version(body.version, &body))
}

/// Publish or replace a year's schedule (admins); every figure follows at once.
#[utoipa::path(
    tag = "calendar",
    params(("year" = i32, Path), ("If-Match" = Option<i32>, Header, description = "The version last read (0: not yet published)")),
    request_body = PublishYear,
    responses(
        (status = 200, body = CalendarYear),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/calendar/{year}")]
async fn put_year(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    year: web::Path<i32>,
    if_match: IfMatch,
    body: Json<PublishYear>,
) -> ApiResult<HttpResponse> {
    let year = year.into_inner();
    let cache = state.calendar.clone();
    let body = state
        .run(move |conn, env| {
            let published = calendar::put_year(conn, env, &actor, year, if_match.0, &body)?;
            cache.current(conn, true)?;
            Ok(published)
        })
        .await?;
    Ok(with_version(body.version, &body))
}
