//! Enterprise requests (诉求): filing (an enterprise for
//! itself, staff on an enterprise's behalf with the channel), and a request's page with its
//! history and the one form of the actions open to the reader. Same use cases as the API.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use domain::request::{Category, Channel, Rating};
use service::requests::{self, ActionRequest, CreateRequest};
use service::{enterprises, routes::agencies, PageQuery, ServiceError};

use super::answer::{html, respond};
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::messages::{own, translate_refusal};
use super::render::{merge, render};
use super::session::{redirect, state_of, viewer, PageResult, Viewer};
use service::refusal::forms;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/requests/new", web::get().to(new_form))
        .route("/requests/new", web::post().to(file))
        .route("/requests/{id}", web::get().to(show))
        .route("/requests/{id}/actions", web::post().to(act));
}

const NEW_FIELDS: &[&str] = &[
    "title",
    "text",
    "category",
    "channel",
    "urgent",
    "project_id",
    "enterprise_id",
];
const ACT_FIELDS: &[&str] = &["action", "text", "agency", "rating"];

/// `[[value, label], …]` of a list of words, labels from `rq_<prefix>_<value>`.
pub(super) fn options(v: &Viewer, prefix: &str, values: &[&str]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|x| (x.to_string(), word(v.lang, &format!("rq_{prefix}_{x}"))))
        .collect()
}

pub(super) fn categories(v: &Viewer) -> Vec<(String, String)> {
    let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    options(v, "cat", &all)
}

async fn new_page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    errors: FormErrors,
    values: Value,
) -> PageResult {
    let state = state_of(req)?;
    let actor = v.actor.clone();
    let staff = v.actor.role.is_staff();
    let (enterprise_options, project_options) = state
        .run(move |conn, _| {
            let enterprises: Vec<(i32, String)> = if staff {
                enterprises::list(conn, &actor, PageQuery::CHOICES)?
                    .items
                    .into_iter()
                    .map(|e| (e.id, e.name))
                    .collect()
            } else {
                vec![]
            };
            // The project is chosen by name and 项目代码, never typed as an id.
            Ok((enterprises, requests::project_choices(conn, &actor)?))
        })
        .await?;
    let channels: Vec<&str> = Channel::ALL
        .iter()
        .filter(|c| **c != Channel::Online)
        .map(|c| c.as_str())
        .collect();
    let mut ctx = json!({"title": word(v.lang, "rq_new"), "staff": v.actor.role.is_staff(),
        "enterprises": enterprise_options, "projects": project_options,
        "categories": categories(v),
        "channels": options(v, "ch", &channels), "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(status, render(req, Some(v), "request_new.html", ctx)?))
}

async fn new_form(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        new_page(&req, &v, StatusCode::OK, FormErrors::default(), json!({})).await
    }
    .await;
    respond(&req, result)
}

async fn file(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let number = |name: &str| match fields.opt(name).map(str::parse::<i32>) {
            None => Ok(None),
            Some(Ok(n)) => Ok(Some(n)),
            Some(Err(_)) => Err(FormErrors::field(name, own(v.lang, forms::NOT_A_NUMBER))),
        };
        let (project_id, enterprise_id) = match (number("project_id"), number("enterprise_id")) {
            (Ok(p), Ok(e)) => (p, e),
            (Err(e), _) | (_, Err(e)) => {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                return new_page(&req, &v, status, e, fields.values()).await;
            }
        };
        let body = CreateRequest {
            title: fields.get("title").to_string(),
            text: fields.get("text").to_string(),
            category: fields.get("category").to_string(),
            channel: fields.opt("channel").map(str::to_string),
            urgent: fields.opt("urgent").is_some(),
            project_id,
            project_code: None,
            enterprise_id,
        };
        let state = state_of(&req)?;
        let limits = state.settings.requests.clone();
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| requests::create(conn, env, &limits, &actor, &body))
            .await;
        match outcome {
            Ok(r) => Ok(redirect(&format!("/requests/{}?done=request_filed", r.id))),
            // Past the enterprise's bounds: said above the form, what was typed kept.
            Err(ServiceError::TooMany { refusal, .. }) => {
                let errors = FormErrors {
                    general: vec![translate_refusal(v.lang, &refusal)],
                    ..FormErrors::default()
                };
                let status = StatusCode::TOO_MANY_REQUESTS;
                new_page(&req, &v, status, errors, fields.values()).await
            }
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, NEW_FIELDS)?;
                new_page(&req, &v, status, errors, fields.values()).await
            }
        }
    }
    .await;
    respond(&req, result)
}

async fn show_page(
    req: &HttpRequest,
    v: &Viewer,
    id: i32,
    status: StatusCode,
    errors: FormErrors,
    values: Value,
) -> PageResult {
    let state = state_of(req)?;
    let limits = state.settings.requests.clone();
    let actor = v.actor.clone();
    let staff = v.actor.role.is_staff();
    let (request, agency_list) = state
        .run(move |conn, env| {
            let r = requests::get(conn, env, &limits, &actor, id)?;
            let a = if staff {
                agencies::list(conn, &actor)?
            } else {
                vec![]
            };
            Ok((r, a))
        })
        .await?;
    let actions = requests::actions_open_to(&v.actor, request.status);
    let ratings: Vec<&str> = Rating::ALL.iter().map(|r| r.as_str()).collect();
    let agency_options: Vec<(String, String)> = agency_list
        .into_iter()
        .map(|a| (a.name.clone(), a.name))
        .collect();
    let mut ctx = json!({"title": request.title, "r": request, "staff": staff,
        "actions": options(v, "ac", &actions), "ratings": options(v, "ra", &ratings),
        "can_rate": actions.contains(&"rate"), "agencies": agency_options,
        "values": values});
    merge(&mut ctx, errors.context());
    Ok(html(
        status,
        render(req, Some(v), "request_show.html", ctx)?,
    ))
}

async fn show(req: HttpRequest, id: web::Path<i32>) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let id = id.into_inner();
        show_page(
            &req,
            &v,
            id,
            StatusCode::OK,
            FormErrors::default(),
            json!({}),
        )
        .await
    }
    .await;
    respond(&req, result)
}

async fn act(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let id = id.into_inner();
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let action = fields.get("action").to_string();
        let body = ActionRequest {
            rating: fields
                .opt("rating")
                .filter(|_| action == "rate")
                .map(str::to_string),
            agency: fields
                .opt("agency")
                .filter(|_| action == "hand_over")
                .map(str::to_string),
            text: fields.opt("text").map(str::to_string),
            action,
        };
        let if_match = fields.opt("version").and_then(|x| x.parse().ok());
        let state = state_of(&req)?;
        let limits = state.settings.requests.clone();
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| requests::act(conn, env, &limits, &actor, id, if_match, &body))
            .await;
        match outcome {
            Ok(_) => Ok(redirect(&format!("/requests/{id}?done=request_acted"))),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, ACT_FIELDS)?;
                show_page(&req, &v, id, status, errors, fields.values()).await
            }
        }
    }
    .await;
    respond(&req, result)
}
