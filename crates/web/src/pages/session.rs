//! The cookie session of the pages: the bearer-token session in an HttpOnly cookie, a CSRF
//! token derived from it for every form, the language cookie, and the error a page handler
//! answers (rendered as a page by `answer`, which may render; this module does not).

use std::collections::HashMap;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::state::AppState;
use service::{Actor, Role, ServiceError};

use super::i18n::Lang;

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
        .ok_or_else(|| PageError::Service(ServiceError::internal("state missing")))
}

/// The signed-in user, or `PageError::SignIn`.
pub async fn viewer(req: &HttpRequest) -> Result<Viewer, PageError> {
    let token = req
        .cookie(SESSION)
        .map(|c| c.value().to_string())
        .filter(|t| !t.is_empty())
        .ok_or(PageError::SignIn)?;
    let state = state_of(req)?;
    let address = crate::client::address_text(req, &state.settings.server);
    let actor = crate::sign_in::signed_in(&state, &token, address).await?;
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
