//! A project's edit page: its steps (add, edit, remove), their dependencies (add, remove)
//! and archiving, each through the API's use case. Forms drawn from a versioned record
//! carry its version and pass it as If-Match; a stale one comes back with the latest data.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use service::steps::step_edits::{self, Dependency};
use service::{projects, ServiceError};

use super::answer::{html, respond};
use super::form::{refusal_at, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::messages::own;
use super::render::{merge, render};
use super::session::{redirect, state_of, viewer, PageError, PageResult, Viewer};
use service::refusal::forms;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/{id}/edit", web::get().to(show))
        .route("/projects/{id}/edit/dependencies", web::post().to(add_dep))
        .route(
            "/projects/{id}/edit/dependencies/remove",
            web::post().to(remove_dep),
        )
        .route("/projects/{id}/archive", web::post().to(archive));
}

/// What the page shows besides its project: the step being edited, a refusal, the
/// values of the refused form.
#[derive(Default)]
pub struct Shown {
    pub step: Option<String>,
    pub errors: FormErrors,
    pub values: Option<Value>,
}

/// The edit page as this viewer may see it: 404 if the project is not visible to them,
/// 403 if they may not change it (the rule of the API's step edits).
pub async fn page(
    req: &HttpRequest,
    v: &Viewer,
    id: i32,
    status: StatusCode,
    shown: Shown,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let (view, agencies) = state
        .run(move |conn, env| {
            let view = projects::get(conn, env, &actor, id)?;
            actor.require_project_editor(&view.project.liaison_ids)?;
            Ok((view, service::routes::agencies::list(conn, &actor)?))
        })
        .await?;
    let agency_options: Vec<(&str, &str)> = agencies
        .iter()
        .map(|a| (a.name.as_str(), a.name.as_str()))
        .collect();
    let name_of = |k: &str| {
        view.steps
            .iter()
            .find(|s| s.key == k)
            .map_or(k.to_string(), |s| s.name.clone())
    };
    let deps: Vec<Value> = view
        .steps
        .iter()
        .flat_map(|s| {
            s.depends_on.iter().map(
                |d| json!({"from": d, "to": s.key, "from_name": name_of(d), "to_name": s.name}),
            )
        })
        .collect();
    let options: Vec<(String, String)> = view
        .steps
        .iter()
        .map(|s| (s.key.clone(), s.name.clone()))
        .collect();
    let editing = shown
        .step
        .as_deref()
        .and_then(|k| view.steps.iter().find(|s| s.key == k));
    // The edited step's latest data, unless a refusal brings back what was typed.
    let values = match (shown.values, editing) {
        (Some(typed), _) => typed,
        (None, Some(s)) => {
            json!({"name": s.name, "agency": s.agency, "lead": s.lead, "stage": s.stage,
            "statutory_days": s.statutory_days, "promised_days": s.promised_days,
            "depends_on[]": s.depends_on,
            "version": s.version})
        }
        (None, None) => json!({}),
    };
    // A step's possible predecessors: every other step.
    let others: Vec<&(String, String)> = options
        .iter()
        .filter(|(k, _)| Some(k) != editing.map(|s| &s.key))
        .collect();
    let title = format!("{}：{}", word(v.lang, "edit_project"), view.project.name);
    let mut ctx = json!({"title": title, "project": view.project, "steps": view.steps,
        "dependencies": deps, "step_options": options, "other_options": others, "editing": editing,
        "values": values, "agency_options": agency_options});
    merge(&mut ctx, shown.errors.context());
    Ok(html(
        status,
        render(req, Some(v), "project_edit.html", ctx)?,
    ))
}

#[derive(serde::Deserialize)]
pub struct EditQuery {
    step: Option<String>,
}

pub async fn show(req: HttpRequest, id: web::Path<i32>, q: web::Query<EditQuery>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let shown = Shown {
            step: q.into_inner().step,
            ..Shown::default()
        };
        page(&req, &v, id.into_inner(), StatusCode::OK, shown).await
    }
    .await;
    respond(&req, result)
}

/// A posted form of the page: the viewer, the fields with their CSRF checked, and the
/// page drawn once to check that the viewer may change the project at all.
pub async fn posted(
    req: &HttpRequest,
    id: i32,
    form: FormBody,
) -> Result<(Viewer, Fields), PageError> {
    let v = viewer(req).await?;
    let fields = Fields::new(form);
    fields.check_csrf(&v)?;
    let state = state_of(req)?;
    let actor = v.actor.clone();
    state
        .run(move |conn, env| {
            let view = projects::get(conn, env, &actor, id)?;
            actor.require_project_editor(&view.project.liaison_ids)
        })
        .await?;
    Ok((v, fields))
}

/// A refusal on the page: a stale form shows the latest data (the step's form drawn
/// again from it), any other the typed values beside their messages.
pub async fn refused(
    req: &HttpRequest,
    v: &Viewer,
    id: i32,
    fields: &Fields,
    step: Option<String>,
    e: ServiceError,
    conflict_field: &str,
) -> PageResult {
    let stale = matches!(e, ServiceError::StaleVersion { .. });
    let (status, errors) = refusal_at(v.lang, e, FIELDS, conflict_field)?;
    let values = (!stale).then(|| fields.values());
    page(
        req,
        v,
        id,
        status,
        Shown {
            step,
            errors,
            values,
        },
    )
    .await
}

/// The fields of the page's forms, as the API names them.
const FIELDS: &[&str] = &[
    "key",
    "name",
    "agency",
    "stage",
    "statutory_days",
    "promised_days",
    "depends_on",
    "from",
    "to",
    "confirm",
];

pub fn version(fields: &Fields) -> Option<i32> {
    fields.opt("version").and_then(|v| v.parse().ok())
}

pub async fn add_dep(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let id = id.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        let body = Dependency {
            from: fields.get("from").to_string(),
            to: fields.get("to").to_string(),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        match state
            .run(move |conn, _| step_edits::add_dependency(conn, &actor, id, &body))
            .await
        {
            Ok(_) => Ok(redirect(&format!(
                "/projects/{id}/edit?done=dependency_added#dependencies"
            ))),
            Err(e) => refused(&req, &v, id, &fields, None, e, "to").await,
        }
    }
    .await;
    respond(&req, result)
}

pub async fn remove_dep(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let id = id.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        let (from, to) = (fields.get("from").to_string(), fields.get("to").to_string());
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        match state
            .run(move |conn, _| step_edits::remove_dependency(conn, &actor, id, &from, &to))
            .await
        {
            Ok(()) => Ok(redirect(&format!(
                "/projects/{id}/edit?done=dependency_removed#dependencies"
            ))),
            // Removed meanwhile by someone else: a stale form, shown with the latest data.
            Err(ServiceError::NotFound("dependency")) => {
                let stale = ServiceError::StaleVersion {
                    what: "dependency",
                    current: 0,
                };
                refused(&req, &v, id, &fields, None, stale, "").await
            }
            Err(e) => refused(&req, &v, id, &fields, None, e, "").await,
        }
    }
    .await;
    respond(&req, result)
}

pub async fn archive(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let id = id.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        if fields.opt("confirm").is_none() {
            let errors = FormErrors::field("confirm", own(v.lang, forms::TICK_TO_CONFIRM));
            let shown = Shown {
                errors,
                ..Shown::default()
            };
            return page(&req, &v, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
        }
        let if_match = version(&fields);
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        match state
            .run(move |conn, env| projects::archive(conn, env, &actor, id, if_match))
            .await
        {
            Ok(()) => Ok(redirect(&format!("/projects/{id}?done=project_archived"))),
            Err(e) => refused(&req, &v, id, &Fields::default(), None, e, "").await,
        }
    }
    .await;
    respond(&req, result)
}
