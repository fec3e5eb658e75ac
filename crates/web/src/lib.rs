//! The HTTP surface: the JSON API under `/api/v1`, its OpenAPI document and docs,
//! health probes, and the server-rendered pages ([`pages`]). Handlers are thin: extract,
//! call one use case of `service`, answer; they never name the store.
//!
//! A new endpoint: a handler in `api/<subject>.rs`, registered in `api::configure` and the
//! OpenAPI document. A new page: a handler in `pages/<area>.rs` with its `routes`, a
//! template in `pages/templates/` listed in `pages/render.rs`, its words in
//! `pages/words/<area>.rs`. Errors answer through [`problem::status_of`], the one mapping.

pub mod api;
pub mod client;
pub mod extract;
pub mod list_cache;
pub mod metrics;
pub mod openapi;
pub mod ops;
pub mod pages;
pub mod problem;
pub mod request_span;
pub mod session_cache;
pub mod sign_in;
pub mod state;
pub mod view_cache;

use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::OpenApi;

use service::ServiceError;

pub use crate::state::AppState;
pub use problem::{ApiError, ApiResult, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "approval-tracker",
        description = "Investment projects through their government approval steps: routes, clocks, lights, time saved."
    ),
    modifiers(&BearerAuth),
    components(schemas(Problem))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
}

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Anything unrouted: a problem+json 404 (or 405 for a known path with another method).
/// An unknown path: problem+json under `/api/` and to clients that do not ask for HTML,
/// the HTML 404 page in the layout to a browser.
pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let api = req.path().starts_with("/api/");
    let browser = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if !api && browser {
        return Ok(pages::not_found(req).await);
    }
    Err(ApiError::Service(ServiceError::NotFound(if api {
        "resource"
    } else {
        "page"
    })))
}

/// 201 with the created resource.
pub fn created<T: Serialize>(body: &T) -> HttpResponse {
    HttpResponse::Created().json(body)
}

/// 200 with the resource and its version as ETag, for the next `If-Match`.
pub fn with_version<T: Serialize>(version: i32, body: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("ETag", format!("\"{version}\"")))
        .json(body)
}

/// `/docs` → `/docs/`, where the interactive docs live.
pub async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header(("Location", "/docs/"))
        .finish()
}

/// Headers every answer carries, API and pages alike (the one set: a handler adds none of
/// these): no framing, no sniffing, scripts only from this origin.
pub fn security_headers() -> actix_web::middleware::DefaultHeaders {
    actix_web::middleware::DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ))
}
