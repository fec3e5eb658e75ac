//! The landing on the pages: the overview's section (started vs target by month, signing
//! to permit, projects planned to start that have not) and the admins' targets page.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

use domain::landing::Milestone;
use service::landing::milestones::MilestonesView;
use service::landing::targets::{self, PutTarget};
use service::landing::LandingView;

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::{word, Lang};
use super::landing_chart::started_chart;
use super::messages::own;
use super::render::{merge, render};
use super::session::{admin, redirect, state_of, PageResult, Viewer};
use service::refusal::forms;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/targets", web::get().to(targets_page))
        .route("/admin/targets", web::post().to(save_targets));
}

/// The overview's landing section; months after today's are not drawn.
pub fn overview_context(lang: Lang, l: &LandingView, today: chrono::NaiveDate) -> Value {
    let last = if l.year == today.year() {
        today.month() as usize
    } else {
        12
    };
    let shown = &l.months[..last.min(l.months.len())];
    json!({"year": l.year, "started": l.started, "producing": l.producing,
        "targets": l.targets, "signing": l.signing_to_permit, "not_started": l.not_started,
        "at_risk": l.at_risk,
        "chart": started_chart(lang, shown, l.targets.as_ref().map(|t| t.starts))})
}

#[derive(serde::Deserialize)]
pub struct TargetsQuery {
    year: Option<i32>,
}

const FIELDS: &[&str] = &["year", "starts", "productions"];

async fn page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    errors: FormErrors,
    values: Option<Value>,
    year: Option<i32>,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let (list, today) = state
        .run(move |conn, env| Ok((targets::list(conn, &actor)?, env.today)))
        .await?;
    let year = year.unwrap_or(today.year());
    let current = list.iter().find(|t| t.year == year);
    let values = values.unwrap_or_else(|| {
        json!({"year": year, "starts": current.map(|t| t.starts),
            "productions": current.map(|t| t.productions), "version": current.map(|t| t.version)})
    });
    let mut ctx = json!({"title": word(v.lang, "ld_targets_title"), "targets": list,
        "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(
        status,
        render(req, Some(v), "admin_targets.html", ctx)?,
    ))
}

pub async fn targets_page(req: HttpRequest, q: web::Query<TargetsQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let shown = FormErrors::default();
        page(&req, &v, StatusCode::OK, shown, None, q.year).await
    }
    .await;
    respond(&req, result)
}

pub async fn save_targets(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let mut errors = FormErrors::default();
        let mut number = |name: &str| match fields.get(name).trim().parse::<i32>() {
            Ok(n) => n,
            Err(_) => {
                let m = own(v.lang, forms::NOT_A_WHOLE_NUMBER);
                errors.fields.insert(name.to_string(), m);
                0
            }
        };
        let (year, starts, productions) = (number("year"), number("starts"), number("productions"));
        if !errors.fields.is_empty() {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return page(&req, &v, status, errors, Some(fields.values()), None).await;
        }
        let if_match = fields.opt("version").and_then(|s| s.parse().ok());
        let body = PutTarget {
            starts,
            productions,
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        match state
            .run(move |conn, env| targets::put(conn, env, &actor, year, if_match, &body))
            .await
        {
            Ok(t) => Ok(redirect(&format!(
                "/admin/targets?year={}&done=targets_saved",
                t.year
            ))),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, FIELDS)?;
                page(&req, &v, status, errors, Some(fields.values()), Some(year)).await
            }
        }
    }
    .await;
    respond(&req, result)
}

/// The milestone records with a day, as the project page's history shows them beside the
/// steps' events (`project::history_page` orders them together).
pub fn history_entries(v: &MilestonesView) -> Vec<(NaiveDate, Value)> {
    v.history
        .iter()
        .filter_map(|e| {
            let (on, m) = (e.on?, Milestone::parse(&e.milestone)?);
            let entry = json!({"on": on, "step_name": m.name_zh(),
                "action": format!("ms_{}", e.action), "recorded_by": e.recorded_by,
                "milestone": m.key()});
            Some((on, entry))
        })
        .collect()
}
