//! The weekly report (JSON, CSV, XLSX, HTML) and bulk imports; calendar feeds in [`ics`].

pub mod ics;

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::extract::Bearer;
use crate::{created, ApiError, ApiResult, AppState, Problem};
use report::{self, Format, WeeklyReport};
use service::imports::{self, FileKind, ImportOutcome};
use service::refusal::Refusal;
use service::reports::{self as reports_service, parse_format};
use service::ServiceError;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(weekly).service(import);
    ics::configure(cfg);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WeeklyQuery {
    /// ISO week, e.g. `2026-W08` (default: last week).
    pub week: Option<String>,
    /// `json`, `csv`, `xlsx` or `html`; wins over `Accept`.
    pub format: Option<String>,
}

/// The weekly report for managers: portfolio, finished, red, overdue and stalled steps,
/// time saved, liaisons' load and agencies' median days (managers and admins).
#[utoipa::path(
    tag = "reports",
    params(WeeklyQuery),
    responses(
        (status = 200, body = WeeklyReport, description = "JSON; or CSV, XLSX, HTML by `format`/`Accept`"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)
    ),
    security(("bearer" = []))
)]
#[get("/reports/weekly")]
async fn weekly(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    req: HttpRequest,
    q: web::Query<WeeklyQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let format = match q.format.as_deref() {
        Some(f) => parse_format(f)?,
        None => req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .and_then(Format::from_accept)
            .unwrap_or(Format::Json),
    };
    let reports = state.reports.clone();
    let (week, bytes) = state
        .run_forecasting(move |conn, env, kept| {
            let week = q.week.as_deref();
            let r = reports_service::weekly(conn, env, &actor, week, kept, &reports)?;
            let bytes = report::render(&r, format).map_err(ServiceError::internal)?;
            Ok((r.week.clone(), bytes))
        })
        .await?;
    let mut res = HttpResponse::Ok();
    res.content_type(format.content_type());
    if matches!(format, Format::Csv | Format::Xlsx) {
        res.insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"weekly-report-{week}.{}\"",
                format.extension()
            ),
        ));
    }
    Ok(res.body(bytes))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `csv` or `xlsx` (default: from `Content-Type`, else from the file itself).
    pub format: Option<String>,
}

/// Bulk import: the file is the body (CSV or XLSX, one row per step). Validated whole: a
/// 422 lists every bad row (`errors[].field` = `line N`) and nothing is written.
#[utoipa::path(
    tag = "imports",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "columns: project, enterprise (credit code), start_date, liaisons, step, name, agency, stage, statutory_days, promised_days, depends_on, accepted_on, requested_on, resubmitted_on, approved_on, rejected_on, waived_on, project_code, notice (the 补正 notice, required with requested_on)"),
    responses((status = 201, body = ImportOutcome), (status = 401, body = Problem), (status = 403, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []))
)]
#[post("/imports")]
async fn import(
    state: web::Data<AppState>,
    Bearer(actor): Bearer,
    req: HttpRequest,
    q: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let kind = match q.format.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => Some(FileKind::Csv),
        Some("xlsx") => Some(FileKind::Xlsx),
        Some(_) => {
            return Err(
                ServiceError::invalid("format", service::refusal::reports::FILE_FORMAT).into(),
            )
        }
        None => match req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
        {
            Some(ct) if ct.starts_with("text/csv") => Some(FileKind::Csv),
            Some(ct) if ct.starts_with(report::XLSX_TYPE) => Some(FileKind::Xlsx),
            _ => None,
        },
    };
    let limits = state.settings.imports;
    // Stops reading at the limit, so an endless body costs no more than the limit.
    let cap = usize::try_from(limits.max_file_bytes).unwrap_or(usize::MAX);
    let body = payload
        .to_bytes_limited(cap)
        .await
        .map_err(|_| {
            let limit = report::import_limits::size_text(limits.max_file_bytes);
            let larger =
                Refusal::of(service::refusal::imports::FILE_LARGER_THAN_LIMIT).arg("limit", limit);
            ServiceError::too_large("file", larger)
        })?
        .map_err(|e| ApiError::malformed(format!("reading the body: {e}")))?
        .to_vec();
    let outcome = state
        .run(move |conn, env| imports::import(conn, env, &actor, (&body, kind), &limits))
        .await?;
    Ok(created(&outcome))
}
