//! Agencies for admins (`/admin/agencies`): each once, with its short name and how many
//! steps name it; add one, rename one (every project's steps follow, templates get a new
//! version).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use service::routes::agencies::{self, AgencyInput};
use service::ServiceError;

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::render::{merge, render};
use super::session::{admin, redirect, state_of, PageResult, Viewer};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/agencies", web::get().to(list))
        .route("/admin/agencies", web::post().to(add))
        .route("/admin/agencies/{id}", web::get().to(show))
        .route("/admin/agencies/{id}", web::post().to(save));
}

/// The form's fields, as the API names them.
const FIELDS: &[&str] = &["name", "short_name"];

fn input(fields: &Fields) -> AgencyInput {
    AgencyInput {
        name: fields.get("name").to_string(),
        short_name: fields.opt("short_name").map(str::to_string),
    }
}

/// The list with the add form; after a refused add, its messages and what was typed.
async fn list_page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    errors: FormErrors,
    values: serde_json::Value,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let all = state
        .run(move |conn, _| agencies::list(conn, &actor))
        .await?;
    let mut ctx = json!({"title": word(v.lang, "ag_title"), "agencies": all, "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(
        status,
        render(req, Some(v), "admin_agencies.html", ctx)?,
    ))
}

pub async fn list(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        list_page(&req, &v, StatusCode::OK, FormErrors::default(), json!({})).await
    }
    .await;
    respond(&req, result)
}

pub async fn add(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let body = input(&fields);
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| agencies::create(conn, env, &actor, &body))
            .await;
        match outcome {
            Ok(_) => Ok(redirect("/admin/agencies?done=agency_added")),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, FIELDS)?;
                list_page(&req, &v, status, errors, fields.values()).await
            }
        }
    }
    .await;
    respond(&req, result)
}

/// One agency's rename form; `values` what was typed after a refusal, else its own.
async fn agency_page(
    req: &HttpRequest,
    v: &Viewer,
    id: i32,
    status: StatusCode,
    errors: FormErrors,
    values: Option<serde_json::Value>,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let a = state
        .run(move |conn, _| agencies::get(conn, &actor, id))
        .await?;
    let values = values.unwrap_or_else(
        || json!({"name": a.name, "short_name": a.short_name, "version": a.version}),
    );
    let mut ctx = json!({"title": a.name, "agency": a, "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(
        status,
        render(req, Some(v), "admin_agency.html", ctx)?,
    ))
}

pub async fn show(req: HttpRequest, id: web::Path<i32>) -> HttpResponse {
    let result: PageResult = async {
        let v = admin(&req).await?;
        agency_page(&req, &v, *id, StatusCode::OK, FormErrors::default(), None).await
    }
    .await;
    respond(&req, result)
}

pub async fn save(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let id = id.into_inner();
    let result: PageResult = async {
        let v = admin(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let body = input(&fields);
        let if_match = fields.get("version").trim().parse::<i32>().ok();
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| agencies::update(conn, env, &actor, id, if_match, &body))
            .await;
        match outcome {
            Ok(_) => Ok(redirect("/admin/agencies?done=agency_saved")),
            Err(e) => {
                // Stale: the latest is shown, as the message says.
                let again = match e {
                    ServiceError::StaleVersion { .. } => None,
                    _ => Some(fields.values()),
                };
                let (status, errors) = refusal(v.lang, e, FIELDS)?;
                agency_page(&req, &v, id, status, errors, again).await
            }
        }
    }
    .await;
    respond(&req, result)
}
