//! Licences: the register by expiry (staff), and recording one, prefilled when opened from
//! an approved step (`/licences/new?project_id=N&step=KEY`, linked from the project page).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde_json::{json, Value};

use domain::step::StepStatus;
use service::licences::{self, CreateLicence};
use service::projects::{self, ProjectQuery};
use service::{
    enterprises, licences::licence_register, projects::project_list, PageQuery, ServiceError,
};

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::messages::{date_like, own};
use super::render::{merge, render};
use super::session::{redirect, staff, state_of, PageResult, Viewer};
use service::refusal::{fields as field_refusals, forms};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/licences", web::get().to(list))
        .route("/licences/new", web::get().to(new_form))
        .route("/licences/new", web::post().to(record));
}

/// The fields of the form, as the API names them.
const FIELDS: &[&str] = &[
    "enterprise_id",
    "project_id",
    "step",
    "kind",
    "number",
    "issued_on",
    "expires_on",
];

async fn list(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let lines = state
            .run(move |conn, env| licence_register::register(conn, env, &actor))
            .await?;
        let ctx = json!({"title": word(v.lang, "licences_title"), "licences": lines});
        Ok(html(
            StatusCode::OK,
            render(&req, Some(&v), "licences.html", ctx)?,
        ))
    }
    .await;
    respond(&req, result)
}

#[derive(serde::Deserialize)]
struct Prefill {
    project_id: Option<String>,
    step: Option<String>,
}

/// The form; `values` are what it shows, `project_id` whose steps the step list offers.
async fn form_page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    errors: FormErrors,
    values: Value,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let project_id = values["project_id"]
        .as_str()
        .and_then(|p| p.trim().parse::<i32>().ok());
    let all = PageQuery::CHOICES;
    let kept = state.digests.clone();
    let (enterprise_list, project_list, steps) = state
        .run(move |conn, env| {
            let e = enterprises::list(conn, &actor, all)?;
            let q = ProjectQuery {
                per_page: Some(500),
                ..ProjectQuery::default()
            };
            let p = project_list::list(conn, env, &actor, &q, &kept)?;
            // The steps of the chosen project, when it can be read.
            let steps = match project_id.map(|id| projects::get(conn, env, &actor, id)) {
                Some(Ok(view)) => view.steps,
                Some(Err(ServiceError::NotFound(_))) | None => vec![],
                Some(Err(e)) => return Err(e),
            };
            Ok((e.items, p.items, steps))
        })
        .await?;
    let enterprise_options: Vec<(i32, String)> = enterprise_list
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let project_options: Vec<(i32, String)> =
        project_list.into_iter().map(|p| (p.id, p.name)).collect();
    let approved = word(v.lang, "status_approved");
    let step_options: Vec<(String, String)> = steps
        .into_iter()
        .map(|s| {
            let label = if s.status == StepStatus::Approved {
                format!("{}（{approved}）", s.name)
            } else {
                s.name
            };
            (s.key, label)
        })
        .collect();
    let mut ctx = json!({"title": word(v.lang, "licence_record"),
        "enterprises": enterprise_options, "projects": project_options,
        "steps": step_options, "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(status, render(req, Some(v), "licence_new.html", ctx)?))
}

async fn new_form(req: HttpRequest, q: web::Query<Prefill>) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let q = q.into_inner();
        let mut values = json!({});
        if let Some(pid) = q.project_id.as_deref().and_then(|p| p.parse::<i32>().ok()) {
            values["project_id"] = json!(pid.to_string());
            let state = state_of(&req)?;
            let actor = v.actor.clone();
            let view = state
                .run(move |conn, env| projects::get(conn, env, &actor, pid))
                .await?;
            values["enterprise_id"] = json!(view.project.enterprise_id.to_string());
            if let Some(s) = view.steps.iter().find(|s| Some(&s.key) == q.step.as_ref()) {
                values["step"] = json!(s.key);
                values["kind"] = json!(s.name);
                values["issued_on"] = json!(s.finished_on.map(|d| d.to_string()));
            }
        }
        form_page(&req, &v, StatusCode::OK, FormErrors::default(), values).await
    }
    .await;
    respond(&req, result)
}

/// A typed field the page reads itself: a number or a date, `None` when blank.
fn parse<T: std::str::FromStr>(
    fields: &Fields,
    name: &str,
    message: &str,
    errors: &mut FormErrors,
) -> Option<T> {
    let text = fields.opt(name)?;
    let parsed = text.parse::<T>().ok();
    if parsed.is_none() {
        errors
            .fields
            .entry(name.to_string())
            .or_insert_with(|| message.to_string());
    }
    parsed
}

async fn record(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let mut errors = FormErrors::default();
        let number = own(v.lang, forms::NOT_A_NUMBER);
        let date = own(v.lang, date_like("2027-01-01"));
        let enterprise_id = parse::<i32>(&fields, "enterprise_id", &number, &mut errors);
        let project_id = parse::<i32>(&fields, "project_id", &number, &mut errors);
        let issued_on = parse::<NaiveDate>(&fields, "issued_on", &date, &mut errors);
        let expires_on = parse::<NaiveDate>(&fields, "expires_on", &date, &mut errors);
        let required = own(v.lang, field_refusals::MISSING);
        if fields.opt("enterprise_id").is_none() {
            errors
                .fields
                .insert("enterprise_id".into(), required.clone());
        }
        if fields.opt("expires_on").is_none() {
            errors.fields.insert("expires_on".into(), required);
        }
        let (Some(enterprise_id), Some(expires_on), true) =
            (enterprise_id, expires_on, errors.is_empty())
        else {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return form_page(&req, &v, status, errors, fields.values()).await;
        };
        let body = CreateLicence {
            enterprise_id,
            project_id,
            step: fields.opt("step").map(str::to_string),
            kind: fields.get("kind").to_string(),
            number: fields.get("number").to_string(),
            issued_on,
            expires_on,
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| licences::create(conn, env, &actor, &body))
            .await;
        match outcome {
            Ok(_) => Ok(redirect("/licences?done=licence_recorded")),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, FIELDS)?;
                form_page(&req, &v, status, errors, fields.values()).await
            }
        }
    }
    .await;
    respond(&req, result)
}
