//! A project's life beyond approvals on its pages: the milestones form of the project page
//! and the 项目代码 form of its edit page, each through the API's use case.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use domain::landing::Milestone;
use service::landing::milestones::{self, MilestoneDates, PutMilestones};
use service::projects::{self, PatchProject};
use service::ServiceError;

use super::answer::respond;
use super::form::{refusal, refusal_at, Fields, FormBody, FormErrors};
use super::i18n::Lang;
use super::messages::{date_like, own, translate_refusal};
use super::project::{self, Refused};
use super::project_edit::{self, posted, version, Shown};
use super::session::{redirect, state_of, PageResult};
use service::refusal::forms;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/{id}/milestones", web::post().to(record))
        .route("/projects/{id}/edit/code", web::post().to(save_code));
}

/// The milestone form's fields: `signed_planned`, `signed_actual`, … and the extensions.
fn form_fields() -> Vec<String> {
    let mut out: Vec<String> = Milestone::ALL
        .iter()
        .flat_map(|m| {
            [
                format!("{}_planned", m.key()),
                format!("{}_actual", m.key()),
            ]
        })
        .collect();
    out.push("permit_extensions".into());
    out
}

/// The form read into the use case's body; a field the page cannot read is refused beside it.
fn read(fields: &Fields, lang: Lang) -> Result<PutMilestones, FormErrors> {
    let mut errors = FormErrors::default();
    let mut day = |name: String| match fields.opt(&name).map(str::parse::<NaiveDate>) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            errors
                .fields
                .insert(name, own(lang, date_like("2026-03-16")));
            None
        }
    };
    let mut body = PutMilestones::default();
    for m in Milestone::ALL {
        let d = MilestoneDates {
            planned: day(format!("{}_planned", m.key())),
            actual: day(format!("{}_actual", m.key())),
        };
        let slot = match m {
            Milestone::Signed => &mut body.signed,
            Milestone::Land => &mut body.land,
            Milestone::Started => &mut body.started,
            Milestone::Completed => &mut body.completed,
            Milestone::Producing => &mut body.producing,
        };
        *slot = Some(d);
    }
    match fields.opt("permit_extensions").map(str::parse::<i32>) {
        None => body.permit_extensions = Some(0),
        Some(Ok(n)) => body.permit_extensions = Some(n),
        Some(Err(_)) => {
            let number = own(lang, forms::NOT_A_NUMBER);
            errors.fields.insert("permit_extensions".into(), number);
        }
    }
    if errors.fields.is_empty() {
        Ok(body)
    } else {
        Err(errors)
    }
}

/// The service names `started.actual`; the form `started_actual`.
fn form_names(mut errors: FormErrors) -> FormErrors {
    errors.fields = errors
        .fields
        .into_iter()
        .map(|(k, m)| (k.replace('.', "_"), m))
        .collect();
    errors
}

pub async fn record(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let id = id.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        let lang = v.lang;
        let refuse = |status: StatusCode, errors: FormErrors| {
            let refused = Refused::new("milestones", errors, fields.values());
            project::page(
                &req,
                &v,
                id,
                project::Showing::weeks(),
                status,
                Some(refused),
            )
        };
        let body = match read(&fields, lang) {
            Ok(b) => b,
            Err(errors) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, errors).await,
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| milestones::put(conn, env, &actor, id, &body))
            .await;
        match outcome {
            Ok(_) => Ok(redirect(&format!(
                "/projects/{id}?done=milestones_saved#landing"
            ))),
            // 开工 before the permit: said beside the 开工 day.
            Err(ServiceError::Conflict(m)) => {
                let errors = FormErrors::field("started_actual", translate_refusal(lang, &m));
                refuse(StatusCode::CONFLICT, errors).await
            }
            Err(e) => {
                let service_fields: Vec<String> =
                    form_fields().iter().map(|f| service_name(f)).collect();
                let on_form: Vec<&str> = service_fields.iter().map(String::as_str).collect();
                let (status, errors) = refusal(lang, e, &on_form)?;
                refuse(status, form_names(errors)).await
            }
        }
    }
    .await;
    respond(&req, result)
}

/// `started_actual` → `started.actual`; other names as they are.
fn service_name(f: &str) -> String {
    for suffix in ["_planned", "_actual"] {
        if let Some(m) = f.strip_suffix(suffix) {
            return format!("{m}.{}", &suffix[1..]);
        }
    }
    f.to_string()
}

pub async fn save_code(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let id = id.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        let body = PatchProject {
            project_code: Some(fields.opt("project_code").map(str::to_string)),
            ..PatchProject::default()
        };
        let if_match = version(&fields);
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        match state
            .run(move |conn, env| projects::patch(conn, env, &actor, id, if_match, &body))
            .await
        {
            Ok(_) => Ok(redirect(&format!(
                "/projects/{id}/edit?done=code_saved#project-code"
            ))),
            Err(e) => {
                let stale = matches!(e, ServiceError::StaleVersion { .. });
                let (status, errors) = refusal_at(v.lang, e, &["project_code"], "project_code")?;
                let shown = Shown {
                    errors,
                    values: (!stale).then(|| fields.values()),
                    ..Shown::default()
                };
                project_edit::page(&req, &v, id, status, shown).await
            }
        }
    }
    .await;
    respond(&req, result)
}
