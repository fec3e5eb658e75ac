//! The step forms of a project's edit page: add a step, edit one (under its version),
//! remove one (under its version; the service keeps a step with history).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use service::steps::step_edits::{self, PatchStep};
use service::steps::step_view::StepSpecInput;

use super::answer::respond;
use super::form::{Fields, FormBody, FormErrors};
use super::i18n::Lang;
use super::messages::own;
use super::project_edit::{page, posted, refused, version, Shown};
use super::session::{redirect, state_of, PageResult};
use service::refusal::{fields as field_refusals, forms};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/{id}/edit/steps", web::post().to(add_step))
        .route("/projects/{id}/edit/steps/{key}", web::post().to(edit_step))
        .route(
            "/projects/{id}/edit/steps/{key}/remove",
            web::post().to(remove_step),
        );
}

/// The limits as typed: statutory required, promised optional, both whole numbers; or
/// the page's refusal of them.
fn limits(fields: &Fields, lang: Lang) -> Result<(i64, Option<i64>), FormErrors> {
    let mut errors = FormErrors::default();
    let mut read = |name: &str| match fields.opt(name).map(str::parse::<i64>) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => {
            errors
                .fields
                .insert(name.into(), own(lang, forms::NOT_A_NUMBER));
            None
        }
    };
    let (statutory, promised) = (read("statutory_days"), read("promised_days"));
    // Blank is the one refusal of a statutory limit not named yet; a limit typed right
    // stays unmarked whatever else is wrong.
    if fields.opt("statutory_days").is_none() {
        let blank = own(lang, field_refusals::REQUIRED);
        errors.fields.insert("statutory_days".into(), blank);
    }
    match statutory {
        Some(s) if errors.is_empty() => Ok((s, promised)),
        _ => Err(errors),
    }
}

pub async fn add_step(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let id = id.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        let (statutory, promised) = match limits(&fields, v.lang) {
            Ok(l) => l,
            Err(errors) => {
                let shown = Shown {
                    step: None,
                    errors,
                    values: Some(fields.values()),
                };
                return page(&req, &v, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
            }
        };
        let body = StepSpecInput {
            key: fields.get("key").trim().to_string(),
            name: fields.get("name").to_string(),
            agency: fields.get("agency").to_string(),
            lead: !fields.get("lead").is_empty(),
            stage: fields.get("stage").to_string(),
            statutory_days: statutory,
            promised_days: promised,
            depends_on: fields
                .all("depends_on")
                .into_iter()
                .map(str::to_string)
                .collect(),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        match state
            .run(move |conn, env| step_edits::add_step(conn, env, &actor, id, &body))
            .await
        {
            Ok(_) => Ok(redirect(&format!(
                "/projects/{id}/edit?done=step_added#steps"
            ))),
            Err(e) => refused(&req, &v, id, &fields, None, e, "key").await,
        }
    }
    .await;
    respond(&req, result)
}

pub async fn edit_step(
    req: HttpRequest,
    path: web::Path<(i32, String)>,
    form: FormBody,
) -> HttpResponse {
    let (id, key) = path.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        let (statutory, promised) = match limits(&fields, v.lang) {
            Ok(l) => l,
            Err(errors) => {
                let shown = Shown {
                    step: Some(key),
                    errors,
                    values: Some(fields.values()),
                };
                return page(&req, &v, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
            }
        };
        let body = PatchStep {
            name: Some(fields.get("name").to_string()),
            agency: Some(fields.get("agency").to_string()),
            // The form shows the mark: unticked means no longer the lead.
            lead: Some(!fields.get("lead").is_empty()),
            stage: Some(fields.get("stage").to_string()),
            statutory_days: Some(statutory),
            promised_days: Some(promised),
            // The form shows every predecessor: what is not chosen is no longer one.
            depends_on: Some(
                fields
                    .all("depends_on")
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            ),
        };
        let if_match = version(&fields);
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let k = key.clone();
        match state
            .run(move |conn, env| {
                step_edits::patch_step(conn, env, &actor, id, &k, if_match, &body)
            })
            .await
        {
            Ok(_) => Ok(redirect(&format!(
                "/projects/{id}/edit?done=step_saved#steps"
            ))),
            Err(e) => refused(&req, &v, id, &fields, Some(key), e, "").await,
        }
    }
    .await;
    respond(&req, result)
}

pub async fn remove_step(
    req: HttpRequest,
    path: web::Path<(i32, String)>,
    form: FormBody,
) -> HttpResponse {
    let (id, key) = path.into_inner();
    let result: PageResult = async {
        let (v, fields) = posted(&req, id, form).await?;
        // Only the confirmation's own button sends `confirm`: a slip on "删除" opens it.
        if fields.opt("confirm").is_none() {
            let mut errors = FormErrors::default();
            errors.general.push(own(v.lang, forms::CONFIRM_REMOVAL));
            let shown = Shown {
                step: None,
                errors,
                values: None,
            };
            return page(&req, &v, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
        }
        let if_match = version(&fields);
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        match state
            .run(move |conn, _| step_edits::delete_step(conn, &actor, id, &key, if_match))
            .await
        {
            Ok(()) => Ok(redirect(&format!(
                "/projects/{id}/edit?done=step_removed#steps"
            ))),
            // Its history or its dependants keep it: said above the page, not beside a field.
            Err(e) => refused(&req, &v, id, &Fields::default(), None, e, "").await,
        }
    }
    .await;
    respond(&req, result)
}
