//! Signing in and out with a cookie session, the language switch, and `/` → the role's home.

use std::collections::HashMap;

use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use rand::RngCore;
use serde_json::json;

use domain::limits::{MAX_PASSWORD, MAX_USERNAME};
use service::accounts::audit::Origin;
use service::accounts::auth::{self, LoginRequest};
use service::ServiceError;

use super::answer::{html, respond};
use super::i18n::{word, Lang};
use super::render::render;
use super::session::{
    check_csrf, constant_eq, cookie, home_of, lang_of, redirect, safe_next, state_of, viewer,
    PageError, PageResult, LANG, LOGIN_CSRF, SESSION,
};

type Form = web::Form<HashMap<String, String>>;

pub async fn home(req: HttpRequest) -> HttpResponse {
    let result = match viewer(&req).await {
        Ok(v) => Ok(redirect(home_of(v.actor.role))),
        Err(PageError::SignIn) => Ok(redirect("/login")),
        Err(e) => Err(e),
    };
    respond(&req, result)
}

/// What the login form says after a refused attempt.
#[derive(Default)]
struct Refusal {
    /// Wrong name or password (one answer for both).
    failed: bool,
    /// The throttle's message.
    locked: Option<String>,
    /// A message beside a field, by the field's name.
    field: Option<(&'static str, String)>,
}

impl Refusal {
    /// The page's words for a refusal the service gave; `None` for anything else.
    fn of(lang: Lang, e: &ServiceError) -> Option<Refusal> {
        let field = |name: &'static str, key: &str, n: usize| Refusal {
            field: Some((name, word(lang, key).replace("{n}", &n.to_string()))),
            ..Refusal::default()
        };
        match e {
            ServiceError::Unauthorized(_) => Some(Refusal {
                failed: true,
                ..Refusal::default()
            }),
            ServiceError::TooMany { retry_after, .. } => Some(Refusal {
                locked: Some(
                    word(lang, "login_locked")
                        .replace("{m}", &((retry_after + 59) / 60).to_string()),
                ),
                ..Refusal::default()
            }),
            ServiceError::Invalid { errors, .. } => {
                match errors.first().map(|f| f.field.as_str()) {
                    Some("username") => Some(field("username", "username_too_long", MAX_USERNAME)),
                    Some("password") => Some(field("password", "password_too_long", MAX_PASSWORD)),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn login_page(
    req: &HttpRequest,
    status: StatusCode,
    next: &str,
    username: &str,
    refusal: Refusal,
) -> PageResult {
    let mut raw = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let errors: HashMap<&str, String> = refusal.field.into_iter().collect();
    let ctx = json!({"title": word(lang_of(req), "login"), "login_csrf": token, "next": next,
        "username": username, "failed": refusal.failed, "locked": refusal.locked,
        "errors": errors, "max_username": MAX_USERNAME, "max_password": MAX_PASSWORD});
    let body = render(req, None, "login.html", ctx)?;
    let mut resp = html(status, body);
    resp.add_cookie(&cookie(req, LOGIN_CSRF, token))
        .map_err(|e| PageError::Service(service::ServiceError::Internal(Box::new(e))))?;
    Ok(resp)
}

#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn login_form(req: HttpRequest, q: web::Query<Next>) -> HttpResponse {
    let next = safe_next(q.next.as_deref()).to_string();
    respond(
        &req,
        login_page(&req, StatusCode::OK, &next, "", Refusal::default()),
    )
}

pub async fn login_submit(req: HttpRequest, form: Form) -> HttpResponse {
    let result = async {
        // Login CSRF: the form's token must match the cookie set with the form.
        let cookie_token = req.cookie(LOGIN_CSRF).map(|c| c.value().to_string());
        match (cookie_token, form.get("csrf")) {
            (Some(c), Some(f)) if !c.is_empty() && constant_eq(c.as_bytes(), f.as_bytes()) => {}
            _ => return Err(PageError::Csrf),
        }
        let next = safe_next(form.get("next").map(String::as_str)).to_string();
        let username = form.get("username").cloned().unwrap_or_default();
        let request = LoginRequest {
            username: username.clone(),
            password: form.get("password").cloned().unwrap_or_default(),
        };
        let state = state_of(&req)?;
        let origin = Origin {
            address: crate::client::address_text(&req, &state.settings.server),
        };
        let outcome = crate::sign_in::log_in(&state, request, origin).await;
        match outcome {
            Ok(session) => {
                let to = if next == "/" {
                    home_of(session.user.role)
                } else {
                    &next
                };
                let mut resp = redirect(to);
                let _ = resp.add_cookie(&cookie(&req, SESSION, session.token));
                let _ = resp.add_removal_cookie(&Cookie::build(LOGIN_CSRF, "").path("/").finish());
                Ok(resp)
            }
            Err(e) => match Refusal::of(lang_of(&req), &e) {
                // The form again, with the name kept and the refusal beside its field.
                Some(refusal) => {
                    let status = crate::problem::status_of(&e);
                    let mut resp = login_page(&req, status, &next, &username, refusal)?;
                    if let ServiceError::TooMany { retry_after, .. } = e {
                        resp.headers_mut().insert(
                            actix_web::http::header::RETRY_AFTER,
                            actix_web::http::header::HeaderValue::from(retry_after),
                        );
                    }
                    Ok(resp)
                }
                None => Err(e.into()),
            },
        }
    }
    .await;
    respond(&req, result)
}

pub async fn logout(req: HttpRequest, form: Form) -> HttpResponse {
    let result = async {
        let v = viewer(&req).await?;
        check_csrf(&v, &form)?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let ended = state
            .run(move |conn, env| auth::logout(conn, env, &actor))
            .await;
        state.sessions.clear();
        ended?;
        let mut resp = redirect("/login");
        let _ = resp.add_removal_cookie(&Cookie::build(SESSION, "").path("/").finish());
        Ok(resp)
    }
    .await;
    respond(&req, result)
}

/// `/lang/en?next=/my`: the choice sticks in a cookie for a year.
pub async fn switch_lang(
    req: HttpRequest,
    code: web::Path<String>,
    q: web::Query<Next>,
) -> HttpResponse {
    let lang = Lang::parse(&code).unwrap_or(Lang::Zh);
    let mut c = cookie(&req, LANG, lang.code().to_string());
    c.set_max_age(actix_web::cookie::time::Duration::days(365));
    let mut resp = redirect(safe_next(q.next.as_deref()));
    let _ = resp.add_cookie(&c);
    resp
}
