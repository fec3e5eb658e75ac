//! The cookie session of the pages: the bearer-token session in an HttpOnly cookie, a CSRF
//! token derived from it for every form, the language cookie, and errors as HTML pages.

use std::collections::HashMap;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::service::{auth, Actor, Role, ServiceError};
use crate::state::AppState;

use super::i18n::{word, Lang};
use super::render::render;

pub const SESSION: &str = "session";
pub const LANG: &str = "lang";
pub const LOGIN_CSRF: &str = "login_csrf";

/// Why a page cannot be shown.
#[derive(Debug)]
pub enum PageError {
    Service(ServiceError),
    /// A form without its CSRF token, or with a wrong one.
    Csrf,
    /// Not signed in: go to the login page.
    SignIn,
}

impl From<ServiceError> for PageError {
    fn from(e: ServiceError) -> PageError {
        match e {
            ServiceError::Unauthorized(_) => PageError::SignIn,
            e => PageError::Service(e),
        }
    }
}

pub type PageResult = Result<HttpResponse, PageError>;

/// The signed-in user of a page.
pub struct Viewer {
    pub actor: Actor,
    pub csrf: String,
    pub lang: Lang,
}

pub fn lang_of(req: &HttpRequest) -> Lang {
    req.cookie(LANG)
        .and_then(|c| Lang::parse(c.value()))
        .unwrap_or(Lang::Zh)
}

pub fn csrf_of(token: &str) -> String {
    hex::encode(Sha256::digest(format!("{token}csrf").as_bytes()))
}

/// Secure cookies when the request came over TLS (directly or through the proxy).
pub fn cookie<'a>(req: &HttpRequest, name: &'a str, value: String) -> Cookie<'a> {
    Cookie::build(name, value)
        .path("/")
        .http_only(name != LANG)
        .same_site(SameSite::Lax)
        .secure(req.connection_info().scheme() == "https")
        .finish()
}

pub fn state_of(req: &HttpRequest) -> Result<web::Data<AppState>, PageError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| PageError::Service(ServiceError::Internal("state missing".into())))
}

/// The signed-in user, or `PageError::SignIn`.
pub async fn viewer(req: &HttpRequest) -> Result<Viewer, PageError> {
    let token = req
        .cookie(SESSION)
        .map(|c| c.value().to_string())
        .filter(|t| !t.is_empty())
        .ok_or(PageError::SignIn)?;
    let state = state_of(req)?;
    let t = token.clone();
    let address = crate::http::client::address_text(req, &state.settings.server);
    let actor = match state.sessions.get(&token) {
        Some(mut actor) => {
            actor.address = address;
            actor
        }
        None => {
            let actor = state
                .run(move |conn, env| auth::authenticate(conn, env, &t, address))
                .await?;
            state.sessions.put(&token, &actor);
            actor
        }
    };
    Ok(Viewer {
        actor,
        csrf: csrf_of(&token),
        lang: lang_of(req),
    })
}

/// The signed-in user if they are staff (admin, manager, liaison); else 403.
pub async fn staff(req: &HttpRequest) -> Result<Viewer, PageError> {
    let v = viewer(req).await?;
    v.actor.require_staff()?;
    Ok(v)
}

/// The signed-in user if they are an admin; else 403.
pub async fn admin(req: &HttpRequest) -> Result<Viewer, PageError> {
    let v = viewer(req).await?;
    v.actor.require_admin()?;
    Ok(v)
}

/// Refuses a form whose `csrf` field is not this session's token.
pub fn check_csrf(v: &Viewer, form: &HashMap<String, String>) -> Result<(), PageError> {
    match form.get("csrf") {
        Some(t) if constant_eq(t.as_bytes(), v.csrf.as_bytes()) => Ok(()),
        _ => Err(PageError::Csrf),
    }
}

pub fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Where each role starts.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Admin | Role::Manager => "/overview",
        Role::Liaison => "/my",
        Role::Enterprise => "/enterprise",
    }
}

pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", to.to_string()))
        .finish()
}

/// Only a path on this site: browsers drop tabs and line breaks and read `\` as `/`, so
/// `/\t/evil.example` would leave the site and CR/LF would break the header.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            n
        }
        _ => "/",
    }
}

/// Percent-encodes a path for a query parameter.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The answer of a page handler, its error rendered as an HTML page.
pub fn respond(req: &HttpRequest, result: PageResult) -> HttpResponse {
    let err = match result {
        Ok(r) => return r,
        Err(e) => e,
    };
    let lang = lang_of(req);
    let (status, message) = match &err {
        PageError::SignIn => {
            let target = req
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_string();
            return redirect(&format!("/login?next={}", encode(&target)));
        }
        PageError::Csrf => (
            StatusCode::FORBIDDEN,
            match lang {
                Lang::Zh => "表单已失效或缺少安全令牌，请返回刷新页面后重试。".to_string(),
                Lang::En => {
                    "The form is missing its security token or has expired; go back, reload and try again."
                        .to_string()
                }
            },
        ),
        PageError::Service(ServiceError::NotFound(_)) => {
            (StatusCode::NOT_FOUND, word(lang, "not_found_page"))
        }
        PageError::Service(e) => {
            let (status, message) = service_message(e);
            (status, super::messages::translate(lang, &message))
        }
    };
    let ctx = serde_json::json!({ "title": word(lang, "error"), "message": message,
        "status": status.as_u16() });
    match render(req, None, "error.html", ctx) {
        Ok(body) => html(status, body),
        Err(_) => HttpResponse::build(status)
            .content_type("text/plain; charset=utf-8")
            .body(message),
    }
}

/// The status a page answers a refusal with, the API's for the same refusal.
pub fn status_of(e: &ServiceError) -> StatusCode {
    use ServiceError as S;
    match e {
        S::NotFound(_) => StatusCode::NOT_FOUND,
        S::Forbidden(_) => StatusCode::FORBIDDEN,
        S::Unauthorized(_) => StatusCode::UNAUTHORIZED,
        S::Conflict(_) | S::StaleVersion { .. } => StatusCode::CONFLICT,
        S::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        S::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        S::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
        S::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        S::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn service_message(e: &ServiceError) -> (StatusCode, String) {
    let status = match e {
        ServiceError::Internal(msg) => {
            tracing::error!(error = %msg, "internal error on a page");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error; it has been logged".into(),
            );
        }
        e => status_of(e),
    };
    (status, e.to_string())
}

pub fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("X-Frame-Options", "DENY"))
        .insert_header(("Cache-Control", "no-store"))
        .insert_header((
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
        ))
        .body(body)
}
