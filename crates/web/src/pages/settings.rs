//! Settings of the signed-in user: their own password, and a liaison's calendar-feed link
//! (make, rotate, turn off). The link is shown once, when made: only its hash is kept.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use service::accounts::own_password::{self, ChangeOwnPassword};
use service::{reports::ics, ServiceError};

use super::answer::respond;
use super::form::{refusal, Fields, FormBody, FormErrors};
use super::i18n::word;
use super::messages::translate_refusal;
use super::session::{redirect, state_of, viewer, PageResult};
use super::settings_page::page;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings", web::get().to(show))
        .route("/settings/password", web::post().to(change_password))
        .route("/settings/feed", web::post().to(feed));
}

const PASSWORD_FIELDS: &[&str] = &["current_password", "password", "password_again"];

async fn show(req: HttpRequest) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        page(&req, &v, StatusCode::OK, json!({})).await
    }
    .await;
    respond(&req, result)
}

async fn change_password(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        // Passwords are never shown again; nothing typed here is kept.
        if fields.get("password") != fields.get("password_again") {
            let m = word(v.lang, "settings_passwords_differ");
            let ctx = FormErrors::field("password_again", m).context();
            return page(&req, &v, StatusCode::UNPROCESSABLE_ENTITY, ctx).await;
        }
        let body = ChangeOwnPassword {
            current_password: fields.get("current_password").to_string(),
            password: fields.get("password").to_string(),
        };
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        let outcome = state
            .run(move |conn, env| own_password::change(conn, env, &actor, &body))
            .await;
        match outcome {
            Ok(_) => {
                // The other sessions were revoked; cached ones must not outlive that.
                state.sessions.clear();
                Ok(redirect("/settings?done=password_changed"))
            }
            // Too many wrong current passwords: the login throttle, said beside the field.
            Err(ServiceError::TooMany { refusal, .. }) => {
                let m = translate_refusal(v.lang, &refusal);
                let ctx = FormErrors::field("current_password", m).context();
                page(&req, &v, StatusCode::TOO_MANY_REQUESTS, ctx).await
            }
            Err(e) => {
                let (status, errors) = refusal(v.lang, e, PASSWORD_FIELDS)?;
                page(&req, &v, status, errors.context()).await
            }
        }
    }
    .await;
    respond(&req, result)
}

/// `action=rotate` makes a new link (the first, or replacing the old one), `off` ends it.
async fn feed(req: HttpRequest, form: FormBody) -> HttpResponse {
    let result: PageResult = async {
        let v = viewer(&req).await?;
        let fields = Fields::new(form);
        fields.check_csrf(&v)?;
        let state = state_of(&req)?;
        let actor = v.actor.clone();
        if fields.get("action") == "off" {
            state.run(move |conn, _| ics::disable(conn, &actor)).await?;
            return Ok(redirect("/settings?done=feed_off#feed"));
        }
        let url = state.settings.server.public_url.clone();
        let link = state
            .run(move |conn, env| ics::rotate(conn, env, &actor, &url))
            .await?;
        // Shown on this answer only, never in a URL: the link is the key to the feed.
        page(&req, &v, StatusCode::OK, json!({"feed_url": link.url})).await
    }
    .await;
    respond(&req, result)
}
