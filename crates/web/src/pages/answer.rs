//! What a page handler answers: an HTML page, or its error rendered as one. The status
//! of a refusal is the API's (`http::problem::status_of`), so pages and API agree.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use crate::problem::{log_internal, status_of};
use service::ServiceError;

use super::i18n::{word, Lang};
use super::render::render;
use super::session::{encode, lang_of, redirect, PageError, PageResult};

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
            service_message(lang, e)
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

fn service_message(lang: Lang, e: &ServiceError) -> (StatusCode, String) {
    use super::messages::translate_refusal;
    if let ServiceError::Internal(cause) = e {
        log_internal(cause);
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error; it has been logged".into(),
        );
    }
    (status_of(e), translate_refusal(lang, &e.refusal()))
}

/// A page: never cached (it shows one user's data). The security headers are the app's
/// one set (`http::security_headers`), added to every answer.
pub fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}
