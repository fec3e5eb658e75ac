//! The span every request's log lines carry: its id, method and route pattern, and at the
//! end its status. Deliberately not the raw path or query: calendar-feed URLs hold a
//! secret, and log shippers keep what they are given.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

pub struct RequestSpan;

/// The request's route pattern (`/api/v1/projects/{id}`), or "unmatched". Worked out once
/// per request and kept with it: actix matches the path against every route again for
/// each call, a seventh of a write's time outside the database (perf).
pub fn route_of(request: &ServiceRequest) -> String {
    #[derive(Clone)]
    struct RoutePattern(String);
    if let Some(RoutePattern(route)) = request.extensions().get::<RoutePattern>() {
        return route.clone();
    }
    let route = request
        .match_pattern()
        .unwrap_or_else(|| "unmatched".into());
    request.extensions_mut().insert(RoutePattern(route.clone()));
    route
}

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        let route = route_of(request);
        tracing::info_span!(
            "request",
            request_id = %request_id,
            method = %request.method(),
            route = %route,
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(res) => res.status(),
            Err(e) => e.as_response_error().status_code(),
        };
        span.record("status", status.as_u16());
    }
}
