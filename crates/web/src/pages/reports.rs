//! The weekly report in the browser (`/reports/weekly`): pick a week, read it in the
//! layout, download it as XLSX or CSV with the browser's session (managers and admins).

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use report::html::Words;
use report::{self, Format};
use service::reports;
use service::ServiceError;

use super::answer::{html, respond};
use super::form::{refusal, FormErrors};
use super::i18n::{word, Lang};
use super::render::{merge, render};
use super::session::{state_of, viewer, PageResult};

#[derive(serde::Deserialize)]
pub struct WeekQuery {
    week: Option<String>,
    format: Option<String>,
}

pub async fn weekly(req: HttpRequest, q: web::Query<WeekQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        reports::require_manager(&v.actor)?;
        let format = match q.format.as_deref() {
            None | Some("") => Format::Html,
            Some(f) => reports::parse_format(f)?,
        };
        let state = state_of(&req)?;
        let (actor, week) = (v.actor.clone(), q.week.clone());
        let kept_reports = state.reports.clone();
        let outcome = state
            .run_forecasting(move |conn, env, kept| {
                reports::weekly(conn, env, &actor, week.as_deref(), kept, &kept_reports)
            })
            .await;
        let (r, errors, status) = match outcome {
            Ok(r) => (Some(r), FormErrors::default(), StatusCode::OK),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, &["week"])?;
                (None, errors, status)
            }
        };
        if let (Some(r), Format::Csv | Format::Xlsx | Format::Json) = (&r, format) {
            let bytes = report::render(r, format).map_err(ServiceError::internal)?;
            return Ok(HttpResponse::Ok()
                .content_type(format.content_type())
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"weekly-report-{}.{}\"",
                        r.week,
                        format.extension()
                    ),
                ))
                .body(bytes));
        }
        let words = match v.lang {
            Lang::Zh => Words::Chinese,
            Lang::En => Words::English,
        };
        let mut ctx = json!({
            "title": word(v.lang, "weekly_report"),
            "week": r.as_ref().map_or_else(|| q.week.clone().unwrap_or_default(), |r| r.week.clone()),
            "report": r.as_ref().map(|r| report::html::body(r, words)),
        });
        merge(&mut ctx, errors.context());
        Ok(html(status, render(&req, Some(&v), "report_weekly.html", ctx)?))
    }
    .await;
    respond(&req, result)
}
