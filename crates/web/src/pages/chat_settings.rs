//! The chat-robot forms of the settings page: register a robot, send it a test message
//! (the platform's answer is shown), turn it off or on, remove it; and the user's own
//! mobile for mentions. Each calls the same use case as the API.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use service::notices::chat_owner;
use service::notices::chat_robots::{self, RobotInput, RobotPatch};
use service::notices::chat_test::{self, TestAnswer};
use service::ServiceError;

use super::answer::respond;
use super::form::{refusal, Fields, FormBody};
use super::i18n::word;
use super::messages::translate_refusal;
use super::session::{redirect, state_of, viewer, PageResult, Viewer};
use super::settings_page::page;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/mobile", web::post().to(save_mobile))
        .route("/settings/chat-robots", web::post().to(add))
        .route("/settings/chat-robots/{id}/test", web::post().to(test))
        .route("/settings/chat-robots/{id}/toggle", web::post().to(toggle))
        .route("/settings/chat-robots/{id}/delete", web::post().to(remove));
}

const ROBOT_FIELDS: &[&str] = &["kind", "name", "url", "secret"];

async fn save_mobile(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let mobile = fields.get("mobile").to_string();
        let actor = v.actor.clone();
        let m = mobile.clone();
        let state = state_of(&req)?;
        match state
            .run(move |conn, env| chat_owner::set_own_mobile(conn, env, &actor, &m))
            .await
        {
            Ok(()) => Ok(redirect("/settings?done=mobile_saved#chat")),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, &["mobile"])?;
                let mut ctx = errors.context();
                ctx["mobile"] = json!(mobile);
                page(&req, &v, status, ctx).await
            }
        }
    }
    .await;
    respond(&req, result)
}

async fn add(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let body = RobotInput {
            kind: fields.get("kind").to_string(),
            url: fields.get("url").trim().to_string(),
            secret: fields.opt("secret").map(str::to_string),
            owner: None,
            name: fields.opt("name").map(str::to_string),
        };
        let state = state_of(&req)?;
        let chat = state.settings.chat.clone();
        let actor = v.actor.clone();
        match state
            .run(move |conn, env| chat_robots::create(conn, env, &chat, &actor, &body))
            .await
        {
            Ok(_) => Ok(redirect("/settings?done=robot_added#chat")),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, ROBOT_FIELDS)?;
                let mut ctx = errors.context();
                // The secret is a credential: never shown again, not even back to its typist.
                ctx["values"] = json!({"kind": fields.get("kind"), "name": fields.get("name"),
                    "url": fields.get("url")});
                page(&req, &v, status, ctx).await
            }
        }
    }
    .await;
    respond(&req, result)
}

/// The platform's answer in the page's words.
fn answer_words(v: &Viewer, a: &TestAnswer) -> String {
    let (key, code) = match (a.delivered, a.errcode) {
        (true, c) => ("chat_test_sent", c.unwrap_or(0)),
        (false, Some(c)) => ("chat_test_refused", c),
        (false, None) => ("chat_test_no_answer", 0),
    };
    let msg = match (a.errcode, a.http_status) {
        (None, Some(s)) => format!("HTTP {s}"),
        _ => a.message.clone(),
    };
    word(v.lang, key)
        .replace("{code}", &code.to_string())
        .replace("{msg}", &msg)
}

async fn test(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        Fields::new(form).check_csrf(&v)?;
        let id = id.into_inner();
        let state = state_of(&req)?;
        let client = state.chat.clone();
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| chat_test::test(conn, env, &client, &actor, id))
            .await;
        let (status, delivered, text) = match outcome {
            Ok(a) => (StatusCode::OK, a.delivered, answer_words(&v, &a)),
            Err(ServiceError::TooMany { refusal, .. }) => (
                StatusCode::TOO_MANY_REQUESTS,
                false,
                translate_refusal(v.lang, &refusal),
            ),
            Err(e) => return Err(e.into()),
        };
        let ctx = json!({"test_answer": {"robot": id, "delivered": delivered, "text": text}});
        page(&req, &v, status, ctx).await
    }
    .await;
    respond(&req, result)
}

async fn toggle(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let id = id.into_inner();
        let version = fields.get("version").parse::<i32>().ok();
        let patch = RobotPatch {
            active: Some(fields.get("active") == "1"),
            ..RobotPatch::default()
        };
        let state = state_of(&req)?;
        let chat = state.settings.chat.clone();
        let actor = v.actor.clone();
        match state
            .run(move |conn, env| {
                chat_robots::update(conn, env, &chat, &actor, id, version, &patch)
            })
            .await
        {
            Ok(_) => Ok(redirect("/settings?done=robot_changed#chat")),
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, &[])?;
                page(&req, &v, status, errors.context()).await
            }
        }
    }
    .await;
    respond(&req, result)
}

async fn remove(req: HttpRequest, id: web::Path<i32>, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        Fields::new(form).check_csrf(&v)?;
        let id = id.into_inner();
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        state
            .run(move |conn, env| chat_robots::delete(conn, env, &actor, id))
            .await?;
        Ok(redirect("/settings?done=robot_removed#chat"))
    }
    .await;
    respond(&req, result)
}
