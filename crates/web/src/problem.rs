//! The HTTP layer's one error type, answered as `application/problem+json` (RFC 9457).
//! Internal errors are logged here in full and answered as an opaque 500.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use service::error::{chain, Cause};
use service::refusal::{http, Refusal};
use service::{FieldError, ServiceError};

/// A problem report, as every error of the API is answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// The refusal in English, for people reading the API.
    pub detail: String,
    /// The kind of refusal, a stable snake_case key (the document lists them all);
    /// clients translate by it, never by parsing `detail`.
    pub code: String,
    /// The texts filling the holes of the code's sentence, by name.
    pub args: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds to wait before trying again (429; the same as the Retry-After header).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The request itself is malformed: bad JSON, an unknown field, a bad header or query.
    #[error("{detail}")]
    Malformed {
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("{0}")]
    MediaType(Refusal),
    #[error("the request body is too large")]
    TooLarge,
}

impl ApiError {
    pub fn malformed(detail: impl Into<String>) -> ApiError {
        ApiError::Malformed {
            detail: detail.into(),
            errors: vec![],
        }
    }

    /// The code and arguments answered at the top of the problem.
    fn refusal(&self) -> Refusal {
        match self {
            ApiError::Service(e) => e.refusal(),
            ApiError::Malformed { detail, errors } => match errors.as_slice() {
                [one] => one.refusal(),
                _ => Refusal::of(http::MALFORMED).arg("detail", detail),
            },
            ApiError::MediaType(r) => r.clone(),
            ApiError::TooLarge => Refusal::of(http::BODY_TOO_LARGE),
        }
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use ServiceError as S;
        match self {
            ApiError::Malformed { .. } => (
                StatusCode::BAD_REQUEST,
                "malformed-request",
                "Malformed request",
            ),
            ApiError::MediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
            ),
            ApiError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "Request body too large",
            ),
            ApiError::Service(e) => {
                let (slug, title) = match e {
                    S::NotFound(_) => ("not-found", "Not found"),
                    S::Forbidden(_) => ("forbidden", "Not allowed"),
                    S::Unauthorized(_) => ("unauthorized", "Not signed in"),
                    S::Conflict(_) => ("conflict", "Conflicts with the current state"),
                    S::StaleVersion { .. } => ("stale-version", "Changed by someone else"),
                    S::Invalid { .. } => ("invalid", "Invalid input"),
                    S::TooLarge { .. } => ("too-large", "Request body too large"),
                    S::TooMany { .. } => ("too-many-attempts", "Too many attempts"),
                    S::Unavailable(_) | S::ReadOnly(_) => ("unavailable", "Service unavailable"),
                    S::Internal(_) => ("internal", "Internal error"),
                };
                (status_of(e), slug, title)
            }
        }
    }
}

/// The status of a refused or failed use case: the one mapping, for the API and pages.
pub fn status_of(e: &ServiceError) -> StatusCode {
    use ServiceError as S;
    match e {
        S::NotFound(_) => StatusCode::NOT_FOUND,
        S::Forbidden(_) => StatusCode::FORBIDDEN,
        S::Unauthorized(_) => StatusCode::UNAUTHORIZED,
        S::Conflict(_) | S::StaleVersion { .. } => StatusCode::CONFLICT,
        S::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        S::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        S::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
        S::Unavailable(_) | S::ReadOnly(_) => StatusCode::SERVICE_UNAVAILABLE,
        S::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Logs an internal error with its whole chain of causes; the caller answers an opaque 500.
pub fn log_internal(cause: &Cause) {
    tracing::error!(error = %chain(cause.as_ref()), "internal error");
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        let (status, slug, title) = self.parts();
        let (detail, errors) = match self {
            ApiError::Service(ServiceError::Internal(cause)) => {
                log_internal(cause);
                (
                    "an internal error occurred; it has been logged".to_string(),
                    vec![],
                )
            }
            ApiError::Service(ServiceError::Unavailable(msg)) => {
                tracing::warn!(error = %msg, "database unavailable");
                let detail = "the database is unavailable; try again shortly";
                (detail.to_string(), vec![])
            }
            ApiError::Service(ServiceError::ReadOnly(msg)) => {
                tracing::warn!(error = %msg, "database cannot be written");
                let detail = "the database cannot be written at the moment; nothing was changed; try again shortly";
                (detail.to_string(), vec![])
            }
            ApiError::Service(ServiceError::Invalid { detail, errors }) => {
                (detail.clone(), errors.clone())
            }
            ApiError::Service(e @ ServiceError::TooLarge { field, refusal }) => {
                (e.to_string(), vec![FieldError::new(field, refusal.clone())])
            }
            ApiError::Malformed { detail, errors } => (detail.clone(), errors.clone()),
            other => (other.to_string(), vec![]),
        };
        let retry_after = match self {
            ApiError::Service(ServiceError::TooMany { retry_after, .. }) => Some(*retry_after),
            _ => None,
        };
        let refusal = self.refusal();
        let body = Problem {
            kind: format!("/problems/{slug}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            code: refusal.key().to_string(),
            args: refusal.args_map(),
            errors,
            retry_after,
        };
        let mut resp = HttpResponse::build(status);
        resp.content_type("application/problem+json");
        if let ApiError::Service(ServiceError::TooMany { retry_after, .. }) = self {
            resp.insert_header(("Retry-After", retry_after.to_string()));
        }
        if status == StatusCode::UNAUTHORIZED {
            resp.insert_header(("WWW-Authenticate", "Bearer"));
        }
        resp.json(body)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
