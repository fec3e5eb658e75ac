//! The settings page as shown: own password, a liaison's calendar feed, and the chat
//! robots (a liaison's own, or for an admin the managers' group and every robot) with the
//! user's mobile for mentions. Shared by the handlers of `settings` and `chat_settings`.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::HttpRequest;
use serde_json::{json, Value};

use service::{notices::chat_owner, notices::chat_robots, reports::ics};

use super::answer::html;
use super::i18n::{date_time, word};
use super::render::{merge, render};
use super::session::{state_of, PageResult, Viewer};

/// The page; `extra` carries a refused form's messages, a new feed link or a test's answer.
pub(super) async fn page(
    req: &HttpRequest,
    v: &Viewer,
    status: StatusCode,
    extra: Value,
) -> PageResult {
    let state = state_of(req)?;
    // What this user may have here is the service's to say.
    let liaison = ics::may_have_feed(&v.actor);
    let chat = chat_robots::may_manage(&v.actor);
    let actor = v.actor.clone();
    let (feed_on, robots, mobile, owners, sent) = state
        .run(move |conn, env| {
            let feed_on = liaison && ics::is_on(conn, &actor)?;
            let robots = if chat {
                chat_robots::list(conn, &actor)?
            } else {
                Vec::new()
            };
            let mobile = chat_owner::own_mobile(conn, &actor)?;
            // Admins see every robot: name each owner.
            let owners = chat_owner::owner_names(conn, &robots)?;
            // Delivery instants in the zone's time (alerts.timezone), not UTC.
            let sent: BTreeMap<String, chrono::NaiveDateTime> = robots
                .iter()
                .filter_map(|r| Some((r.id.to_string(), r.last_sent_at?)))
                .map(|(id, t)| (id, t.with_timezone(&env.tz).naive_local()))
                .collect();
            Ok((feed_on, robots, mobile, owners, sent))
        })
        .await?;
    let sent: BTreeMap<String, String> = sent
        .into_iter()
        .map(|(id, t)| (id, date_time(v.lang, t)))
        .collect();
    let mut ctx = json!({"title": word(v.lang, "settings_title"), "liaison": liaison,
        "feed_on": feed_on, "chat": chat, "admin": v.actor.require_admin().is_ok(),
        "robots": robots, "sent": sent, "owners": owners, "mobile": mobile, "values": {}});
    merge(&mut ctx, extra);
    Ok(html(status, render(req, Some(v), "settings.html", ctx)?))
}
