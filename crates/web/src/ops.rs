//! What operators look at: readiness, Prometheus metrics, and the request counters
//! behind them. Counters live in the app state (one set per instance); what the database
//! knows (outbox depth, alerts raised, the scheduler's last run) is read at scrape time,
//! so every instance reports the same figures for it.

use std::fmt::Write;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use tracing_actix_web::RequestId;

use crate::state::AppState;
use service::{operations, ServiceError};

pub use super::metrics::RequestMetrics;
use super::{ApiError, ApiResult};

/// Middleware: counts every request under its route pattern (not its raw path, so ids
/// do not explode the series).
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    // Methods outside the known set share one label: a client may send any token.
    let method = match req.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS") => m.to_string(),
        _ => "other".to_string(),
    };
    let route = super::request_span::route_of(&req);
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?;
    let secs = started.elapsed().as_secs_f64();
    let status = res.status().as_u16();
    if let Some(m) = metrics {
        m.observe(&method, &route, status, secs);
    }
    // The access log line; the request span adds its id, and the same id goes back to
    // the caller so a user's report can be matched with the log.
    tracing::info!(status, millis = secs * 1000.0, "answered");
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), id);
    }
    Ok(res)
}

/// Ready when the database answers, can take writes, and no migration is pending: 503
/// otherwise, `unavailable` or (a full disk, a read-only file or server) `read_only`.
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let ready = state.run(operations::readiness).await;
    match ready {
        Ok(()) => Ok(HttpResponse::Ok().json(serde_json::json!({"status": "ready"}))),
        Err(e @ (ServiceError::Unavailable(_) | ServiceError::ReadOnly(_))) => Err(e.into()),
        Err(e) => Err(ApiError::Service(ServiceError::Unavailable(e.to_string()))),
    }
}

/// Prometheus text exposition, for the addresses in `server.metrics_from` only: the
/// figures (routes, volumes, outbox depth) are nobody else's business.
pub async fn metrics(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let allowed = super::client::address(&req, &state.settings.server)
        .is_some_and(|a| state.settings.server.metrics_from.contains(&a));
    if !allowed {
        return Err(ApiError::Service(ServiceError::NotFound("resource")));
    }
    let mut out = String::new();
    state.metrics.render(&mut out);
    let db = state
        .run(|conn, env| {
            let writes = operations::write_figures(conn);
            Ok((operations::figures(conn)?, writes, env.now))
        })
        .await;
    if let Ok((db, writes, now)) = db {
        write_figures(&mut out, &writes);
        out.push_str("# HELP alerts_raised_total Alerts raised, by level.\n# TYPE alerts_raised_total counter\n");
        for (level, n) in db.alerts {
            let _ = writeln!(out, "alerts_raised_total{{level=\"{level}\"}} {n}");
        }
        let oldest_age = db
            .outbox_oldest
            .map_or(0.0, |t| (now.naive_utc() - t).num_seconds().max(0) as f64);
        let (sent, failed, failed_for_good, depth) = (
            db.emails_sent,
            db.emails_failed,
            db.emails_undeliverable,
            db.outbox_depth,
        );
        let _ = write!(
            out,
            "# HELP emails_sent_total Emails delivered.\n# TYPE emails_sent_total counter\nemails_sent_total {sent}\n\
             # HELP emails_failed_total Failed delivery attempts (retried or given up).\n# TYPE emails_failed_total counter\nemails_failed_total {failed}\n\
             # HELP emails_undeliverable Emails refused for good.\n# TYPE emails_undeliverable gauge\nemails_undeliverable {failed_for_good}\n\
             # HELP outbox_depth Emails waiting to be sent.\n# TYPE outbox_depth gauge\noutbox_depth {depth}\n\
             # HELP outbox_oldest_age_seconds Age of the oldest email waiting.\n# TYPE outbox_oldest_age_seconds gauge\noutbox_oldest_age_seconds {oldest_age}\n"
        );
        out.push_str(
            "# HELP chat_messages Chat-robot messages, by status.\n# TYPE chat_messages gauge\n",
        );
        for (status, n) in &db.chat_by_status {
            let _ = writeln!(out, "chat_messages{{status=\"{status}\"}} {n}");
        }
        let _ = write!(
            out,
            "# HELP chat_failed_total Failed chat-robot attempts (retried or given up).\n# TYPE chat_failed_total counter\nchat_failed_total {}\n",
            db.chat_failed
        );
        out.push_str("# HELP chat_refused Chat-robot messages refused for good, by reason.\n# TYPE chat_refused gauge\n");
        for (reason, n) in &db.chat_refusals {
            let reason = reason.replace(['"', '\\'], "");
            let _ = writeln!(out, "chat_refused{{reason=\"{reason}\"}} {n}");
        }
        if let Some((run_at, millis)) = db.scheduler {
            let ts = run_at.map_or(0, |t| t.and_utc().timestamp());
            let secs = millis.unwrap_or(0) as f64 / 1000.0;
            let _ = write!(
                out,
                "# HELP scheduler_last_run_timestamp_seconds When the scheduler last ran.\n# TYPE scheduler_last_run_timestamp_seconds gauge\nscheduler_last_run_timestamp_seconds {ts}\n\
                 # HELP scheduler_last_run_duration_seconds How long its last run took.\n# TYPE scheduler_last_run_duration_seconds gauge\nscheduler_last_run_duration_seconds {secs}\n"
            );
        }
    } else {
        out.push_str("# database unavailable: only request metrics\n");
    }
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(out))
}

/// Whether writes go through: what an operator's alert on a full disk watches.
fn write_figures(out: &mut String, w: &operations::WriteFigures) {
    let _ = write!(
        out,
        "# HELP database_writable 1 while writes go through, 0 since one failed for the storage's sake (a full disk, a read-only file or server).\n# TYPE database_writable gauge\ndatabase_writable {}\n\
         # HELP database_write_faults_total Write transactions failed for the storage's sake.\n# TYPE database_write_faults_total counter\ndatabase_write_faults_total {}\n",
        u8::from(w.writable),
        w.faults
    );
    if let Some(free) = w.disk_free_bytes {
        let _ = write!(
            out,
            "# HELP database_disk_free_bytes Bytes free on the disk that holds the SQLite database.\n# TYPE database_disk_free_bytes gauge\ndatabase_disk_free_bytes {free}\n"
        );
    }
}
