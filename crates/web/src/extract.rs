//! Request extractors that refuse bad input with problem+json: a strict JSON body that
//! names the offending field, `If-Match`, and the signed-in actor.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use service::refusal::{http, Refusal};
use service::{Actor, FieldError, ServiceError};

use super::problem::ApiError;
use crate::state::AppState;

/// The largest JSON body accepted.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// A JSON body; a syntax error, wrong type or unknown field is a 400 naming the field.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.inner();
        let message = inner.to_string();
        if field.is_empty() || field == "." {
            ApiError::malformed(format!(
                "the body is not valid JSON for this request: {message}"
            ))
        } else {
            ApiError::Malformed {
                detail: format!("{field}: {message}"),
                errors: vec![FieldError::new(
                    field,
                    Refusal::of(http::BAD_JSON_VALUE).arg("reason", message),
                )],
            }
        }
    })?;
    de.end()
        .map_err(|e| ApiError::malformed(format!("the body is not valid JSON: {e}")))?;
    Ok(value)
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|ct| {
                let mime = ct
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        let body = web::Payload::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::MediaType(Refusal::of(http::NOT_JSON)));
            }
            let bytes = body
                .await
                .map_err(|e| ApiError::malformed(format!("could not read the body: {e}")))?
                .to_bytes_limited(MAX_BODY)
                .await
                .map_err(|_| ApiError::TooLarge)?
                .map_err(|e| ApiError::malformed(format!("could not read the body: {e}")))?;
            parse_json(&bytes).map(Json)
        })
    }
}

/// `If-Match: <version>` (also `"3"` or `W/"3"`); absent means "whatever is current".
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i32>);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get(header::IF_MATCH) {
            None => Ok(IfMatch(None)),
            Some(v) => v
                .to_str()
                .ok()
                .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
                .and_then(|s| s.parse::<i32>().ok())
                .map(|n| IfMatch(Some(n)))
                .ok_or_else(|| ApiError::Malformed {
                    detail: "If-Match must be the resource's version, e.g. If-Match: 3".into(),
                    errors: vec![FieldError::new("If-Match", http::NOT_A_VERSION)],
                }),
        };
        std::future::ready(parsed)
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// The signed-in user of an API call, by their bearer token: 401 without a live one. A
/// wrapper because the extractor is the web layer's, and `Actor` the service's.
pub struct Bearer(pub Actor);

impl FromRequest for Bearer {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let address = state
            .as_ref()
            .map(|s| super::client::address_text(req, &s.settings.server))
            .unwrap_or_default();
        Box::pin(async move {
            let token = token
                .ok_or_else(|| ServiceError::Unauthorized(Refusal::of(http::SIGN_IN_FIRST)))?;
            let state = state.ok_or_else(|| ServiceError::internal("application state missing"))?;
            Ok(Bearer(
                super::sign_in::signed_in(&state, &token, address).await?,
            ))
        })
    }
}
