//! Staff's view of what the scheduler did (`/alerts`: alerts and their delivery) and the
//! admins' catch-up (`/admin/jobs`: run every due job as of now, after downtime, and see
//! what was done).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use service::notices::alerts::{self, AlertQuery};
use service::ServiceError;

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::render::{merge, render};
use super::session::{state_of, viewer, PageResult};

#[derive(serde::Deserialize)]
pub struct AlertFilter {
    level: Option<String>,
}

pub async fn alerts(req: HttpRequest, q: web::Query<AlertFilter>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        v.actor.require_staff()?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let level = q.level.clone().filter(|l| !l.is_empty());
        let query = AlertQuery {
            level: level.clone(),
            per_page: Some(200),
            ..AlertQuery::default()
        };
        let outcome = state
            .run(move |conn, _| alerts::list(conn, &actor, &query))
            .await;
        let (items, total, errors, status) = match outcome {
            Ok(page) => (
                page.items,
                page.total,
                FormErrors::default(),
                StatusCode::OK,
            ),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, &["level"])?;
                (Vec::new(), 0, errors, status)
            }
        };
        let rows: Vec<_> = items
            .iter()
            .map(|a| {
                let count = |s: &str| a.deliveries.iter().filter(|d| d.status == s).count();
                let chat = |s: &str| a.chat.iter().filter(|c| c.status == s).count();
                let reasons: Vec<&str> = a
                    .chat
                    .iter()
                    .filter(|c| c.status == "failed")
                    .filter_map(|c| c.last_error.as_deref())
                    .collect();
                json!({"alert": a, "sent": count("sent"), "pending": count("pending"),
                    "failed": count("failed"), "chat_sent": chat("sent"),
                    "chat_pending": chat("pending"), "chat_failed": chat("failed"),
                    "chat_reasons": reasons})
            })
            .collect();
        let mut ctx = json!({"title": word(v.lang, "alerts"), "rows": rows, "total": total,
            "level": level});
        merge(&mut ctx, errors.context());
        Ok(html(status, render(&req, Some(&v), "alerts.html", ctx)?))
    }
    .await;
    respond(&req, result)
}

pub async fn jobs(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        v.actor.require_admin()?;
        let ctx = json!({"title": word(v.lang, "catch_up"), "report": null});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "admin_jobs.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

/// Runs the jobs as of now, as `POST /api/v1/jobs/run` does, and shows the outcome.
pub async fn run_jobs(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        v.actor.require_admin()?;
        Fields::new(form).check_csrf(&v)?;
        let state = state_of(&req)?;
        let s = state.get_ref().clone();
        let at = state.clock.now();
        let report = web::block(move || jobs::run_once(&s, at))
            .await
            .map_err(|e| ServiceError::caused("blocking task failed", e))??;
        let ctx = json!({"title": word(v.lang, "catch_up"), "report": report,
            "done": word(v.lang, "done_jobs_run")});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "admin_jobs.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}
