//! The project page's forms that change a step's history: record an event (under the
//! step's version; an action that pauses a clock or finishes a step is shown with what it
//! will do and confirmed once) and withdraw (撤销) the latest one, with a reason.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use domain::step::Action;
use service::steps::lifecycle::{self, RecordEvent};
use service::steps::withdraw::{self, WithdrawEvent};
use service::ServiceError;

use super::answer::respond;
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::messages::{date_like, own};
use super::project::{page, Refused, Showing};
use super::session::{redirect, state_of, viewer, PageResult};
use service::refusal::forms;

/// The fields of the event form, as the service names them.
const EVENT_FIELDS: &[&str] = &["action", "on", "note", "notice"];

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        // A note and a notice of 2000 Chinese characters each, percent-encoded, pass
        // the default 16 KiB form limit; the service bounds them, not the transport.
        web::resource("/projects/{id}/steps/{key}/events")
            .app_data(web::FormConfig::default().limit(64 * 1024))
            .route(web::post().to(record)),
    )
    .route(
        "/projects/{id}/steps/{key}/events/{event_id}/withdraw",
        web::post().to(withdraw),
    );
}

/// The form's choice: an action, with 容缺受理 and 告知承诺 offered as choices of their own.
fn choice(value: &str) -> Option<(Action, bool, bool)> {
    match value {
        "accept_with_missing" => Some((Action::Accept, true, false)),
        "approve_by_commitment" => Some((Action::Approve, false, true)),
        v => Action::parse(v).map(|a| (a, false, false)),
    }
}

/// Actions that stop or pause a clock, or finish a step: shown with what they will do
/// and confirmed once, so no single click hides a red step.
fn needs_confirmation(a: Action) -> bool {
    !matches!(a, Action::Accept | Action::Resubmit)
}

pub async fn record(
    req: HttpRequest,
    path: web::Path<(i32, String)>,
    form: FormBody,
) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let (id, key) = path.into_inner();
        let again = |errors: FormErrors, confirm: bool, stale: bool, status: StatusCode| {
            let mut shown = Refused::new(&key, errors, fields.values());
            (shown.confirm, shown.stale) = (confirm, stale);
            page(&req, &v, id, Showing::weeks(), status, Some(shown))
        };
        let refuse = |errors| again(errors, false, false, StatusCode::UNPROCESSABLE_ENTITY);
        // Nothing is chosen for the user: an empty choice is refused, not defaulted.
        let Some((action, accepted_with_missing, by_commitment)) = choice(fields.get("action"))
        else {
            return refuse(FormErrors::field(
                "action",
                own(v.lang, forms::CHOOSE_ACTION),
            ))
            .await;
        };
        let on = match fields.opt("on").map(str::parse::<NaiveDate>) {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                let m = own(v.lang, date_like("2026-03-16"));
                return refuse(FormErrors::field("on", m)).await;
            }
        };
        let version = fields.opt("version").and_then(|s| s.parse::<i32>().ok());
        let event = RecordEvent {
            action,
            on,
            note: fields.opt("note").map(str::to_string),
            notice: fields.opt("notice").map(str::to_string),
            accepted_with_missing,
            by_commitment,
        };
        let state = state_of(&req)?;
        let (actor, k) = (v.actor.clone(), key.clone());
        let outcome = if needs_confirmation(action) && fields.get("confirm") != "1" {
            // What would be refused is said first; then what the action will do, to confirm.
            let checked = state
                .run(move |conn, env| lifecycle::check(conn, env, &actor, id, &k, version, &event))
                .await;
            match checked {
                Ok(()) => return again(FormErrors::default(), true, false, StatusCode::OK).await,
                Err(e) => Err(e),
            }
        } else {
            state
                .run(move |conn, env| lifecycle::record(conn, env, &actor, id, &k, version, &event))
                .await
                .map(|_| ())
        };
        match outcome {
            Ok(_) => Ok(redirect(&format!(
                "/projects/{id}?done=event_recorded#step-{key}"
            ))),
            Err(e) => {
                let stale = matches!(e, ServiceError::StaleVersion { .. });
                let (status, errors) = refusal(v.lang, e, EVENT_FIELDS)?;
                again(errors, false, stale, status).await
            }
        }
    }
    .await;
    respond(&req, result)
}

pub async fn withdraw(
    req: HttpRequest,
    path: web::Path<(i32, String, i32)>,
    form: FormBody,
) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let (id, key, event_id) = path.into_inner();
        let version = fields.opt("version").and_then(|s| s.parse::<i32>().ok());
        let body = WithdrawEvent {
            reason: fields.get("reason").to_string(),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let k = key.clone();
        let outcome = state
            .run(move |conn, env| {
                withdraw::withdraw(conn, env, &actor, id, &k, event_id, version, &body)
            })
            .await;
        match outcome {
            Ok(_) => Ok(redirect(&format!(
                "/projects/{id}?done=event_withdrawn#history-h"
            ))),
            Err(e) => {
                let stale = matches!(e, ServiceError::StaleVersion { .. });
                let (status, errors) = refusal(v.lang, e, &["reason"])?;
                let mut shown =
                    Refused::new(&format!("withdraw-{event_id}"), errors, fields.values());
                shown.stale = stale;
                page(&req, &v, id, Showing::weeks(), status, Some(shown)).await
            }
        }
    }
    .await;
    respond(&req, result)
}
