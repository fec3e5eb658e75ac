//! Starting a project from a route template: the form, a preview of what the template
//! promises from the start date (nothing written), then the creation itself. The edit
//! page of a project is in `project_edit.rs`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde_json::{json, Value};

use service::projects::project_setup::{self, TemplatePromise};
use service::projects::{self, CreateProject};
use service::refusal::project_codes::PROJECT_CODE_TAKEN;
use service::{enterprises, routes::route_templates, PageQuery, Role, ServiceError};

use super::answer::{html, respond};
use super::form::{refusal, refusal_at, Fields, FormBody, FormErrors};
use super::i18n::{saved_words, word};
use super::messages::{date_like, own, translate_refusal};
use super::project_edit;
use super::render::{merge, render};
use super::session::{redirect, staff, state_of, PageResult, Viewer};
use super::step_forms;
use service::refusal::{fields as field_refusals, forms, Code, Refusal};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/new", web::get().to(new_form))
        .route("/projects/new", web::post().to(submit))
        .configure(project_edit::routes)
        .configure(step_forms::routes);
}

/// The fields of the form, as the API names them.
const FIELDS: &[&str] = &[
    "name",
    "enterprise_id",
    "template",
    "start_date",
    "liaison_ids",
    "city",
    "investment_cny",
    "project_code",
];

/// The form with its choices; `preview` below it when asked for.
async fn form_page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    errors: FormErrors,
    values: Value,
    preview: Option<TemplatePromise>,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let all = PageQuery::CHOICES;
    let (list, liaisons, templates) = state
        .run(move |conn, _| {
            Ok((
                enterprises::list(conn, &actor, all)?,
                project_setup::liaisons(conn, &actor)?,
                route_templates::names(conn)?,
            ))
        })
        .await?;
    let enterprise_options: Vec<(i32, String)> =
        list.items.into_iter().map(|e| (e.id, e.name)).collect();
    let liaison_options: Vec<(i32, String)> = liaisons
        .into_iter()
        .map(|l| (l.id, format!("{}（{}）", l.display_name, l.username)))
        .collect();
    let saved = preview.as_ref().map(|p| {
        let ts = &p.time_saved;
        saved_words(v.lang, ts.saved_days, ts.saved_calendar_days)
    });
    let mut ctx = json!({"title": word(v.lang, "nav_new_project"), "values": values,
        "enterprises": enterprise_options, "liaisons": liaison_options,
        "templates": templates, "preview": preview, "saved_words": saved});
    merge(&mut ctx, errors.context());
    Ok(html(status, render(req, Some(v), "project_new.html", ctx)?))
}

#[derive(serde::Deserialize)]
pub struct NewQuery {
    enterprise_id: Option<i32>,
    template: Option<String>,
}

pub async fn new_form(req: HttpRequest, query: web::Query<NewQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let today = state_of(&req)?.run(|_, env| Ok(env.today)).await?;
        // A liaison starts projects of their own: preselected.
        let me: Vec<String> = match v.actor.role {
            Role::Liaison => vec![v.actor.user_id.to_string()],
            _ => vec![],
        };
        let q = query.into_inner();
        let values = json!({"enterprise_id": q.enterprise_id, "template": q.template,
            "start_date": today, "liaison_ids[]": me});
        form_page(
            &req,
            &v,
            StatusCode::OK,
            FormErrors::default(),
            values,
            None,
        )
        .await
    }
    .await;
    respond(&req, result)
}

/// The form read into the use case's body; a field the page cannot read is refused
/// beside it (every such field at once).
fn read(fields: &Fields, lang: super::i18n::Lang) -> Result<CreateProject, FormErrors> {
    let mut errors = FormErrors::default();
    let mut fails: Vec<(&str, Refusal)> = Vec::new();
    let mut fail = |field: &'static str, refusal: Code| fails.push((field, refusal.into()));
    let enterprise_id = match fields.opt("enterprise_id").map(str::parse::<i32>) {
        None => {
            fail("enterprise_id", forms::CHOOSE_ENTERPRISE);
            0
        }
        Some(Err(_)) => {
            fail("enterprise_id", forms::NOT_A_NUMBER);
            0
        }
        Some(Ok(id)) => id,
    };
    let template = fields.opt("template").map(str::to_string);
    if template.is_none() {
        fail("template", forms::CHOOSE_TEMPLATE);
    }
    let start_date = start_date(fields, lang, &mut errors);
    let mut liaison_ids = Vec::new();
    for id in fields.all("liaison_ids") {
        match id.parse::<i32>() {
            Ok(id) => liaison_ids.push(id),
            Err(_) => fail("liaison_ids", forms::NOT_A_NUMBER),
        }
    }
    // Thousands separators as people type them: 50,000,000.
    let investment_cny = match fields.opt("investment_cny") {
        None => None,
        Some(text) => match text.replace([',', '，', ' '], "").parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                fail("investment_cny", forms::WHOLE_YUAN);
                None
            }
        },
    };
    for (field, message) in fails {
        errors
            .fields
            .entry(field.to_string())
            .or_insert_with(|| own(lang, message));
    }
    let Some(start_date) = start_date.filter(|_| errors.fields.is_empty()) else {
        return Err(errors);
    };
    Ok(CreateProject {
        name: fields.get("name").to_string(),
        enterprise_id,
        template,
        steps: None,
        liaison_ids,
        start_date,
        city: fields.opt("city").map(str::to_string),
        investment_cny,
        project_code: fields.opt("project_code").map(str::to_string),
    })
}

pub async fn submit(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = staff(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let lang = v.lang;
        let refuse = |status: StatusCode, errors: FormErrors| {
            form_page(&req, &v, status, errors, fields.values(), None)
        };
        if fields.get("intent") == "preview" {
            return preview(&req, &v, &fields).await;
        }
        let body = match read(&fields, lang) {
            Ok(b) => b,
            Err(errors) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, errors).await,
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| projects::create(conn, env, &actor, &body))
            .await;
        match outcome {
            Ok(p) => Ok(redirect(&format!(
                "/projects/{}?done=project_created",
                p.project.id
            ))),
            // The one refusal a liaison gets for leaving themselves out: said beside it.
            Err(ServiceError::Forbidden(m)) if v.actor.role == Role::Liaison => {
                let errors = FormErrors::field("liaison_ids", translate_refusal(lang, &m));
                refuse(StatusCode::UNPROCESSABLE_ENTITY, errors).await
            }
            Err(e) => {
                // A conflict is about the name, or about the project code when it says so.
                let at = match &e {
                    ServiceError::Conflict(m) if m.code == PROJECT_CODE_TAKEN => "project_code",
                    _ => "name",
                };
                let (status, errors) = refusal_at(lang, e, FIELDS, at)?;
                refuse(status, errors).await
            }
        }
    }
    .await;
    respond(&req, result)
}

/// The same form with what the template promises below it (nothing written); only the
/// template and the start date are needed.
async fn preview(req: &HttpRequest, v: &Viewer, fields: &Fields) -> PageResult {
    let mut errors = FormErrors::default();
    let template = fields.opt("template").map(str::to_string);
    if template.is_none() {
        let choose = own(v.lang, forms::CHOOSE_TEMPLATE);
        errors.fields.insert("template".into(), choose);
    }
    let start = start_date(fields, v.lang, &mut errors);
    let (Some(template), Some(start)) = (template, start) else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return form_page(req, v, status, errors, fields.values(), None).await;
    };
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let outcome = state
        .run(move |conn, env| project_setup::template_promise(conn, env, &actor, &template, start))
        .await;
    match outcome {
        Ok(p) => {
            let errors = FormErrors::default();
            form_page(req, v, StatusCode::OK, errors, fields.values(), Some(p)).await
        }
        Err(e) => {
            let (status, errors) = refusal(v.lang, e, FIELDS)?;
            form_page(req, v, status, errors, fields.values(), None).await
        }
    }
}

/// The start date as typed, or why not.
fn start_date(
    fields: &Fields,
    lang: super::i18n::Lang,
    errors: &mut FormErrors,
) -> Option<NaiveDate> {
    let refusal = match fields.opt("start_date").map(str::parse::<NaiveDate>) {
        Some(Ok(d)) => return Some(d),
        None => Refusal::of(field_refusals::MISSING),
        Some(Err(_)) => date_like("2026-03-16"),
    };
    errors
        .fields
        .insert("start_date".into(), own(lang, refusal));
    None
}
