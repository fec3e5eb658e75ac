//! Chat robots (企业微信, 钉钉) against a fake robot on loopback and a real SMTP server:
//! registration and its refusals, the messages' bodies, signatures and limits, delivery
//! through the outbox (outage, throttling, refusals), and two instances.

mod backlog;
mod delivery;
mod limits;
mod permits;
mod requests;
mod robot;
mod robots;

use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, TestApp};
use crate::smtp::SmtpServer;

/// The zone of alerts.rs, which these tests hear about by robot as well as by email.
pub use crate::alerts::zone;
pub use robot::{FakeRobot, Script};

/// Fri 2026-03-20, 10:00 in Shanghai (see alerts.rs for the figures of this zone).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-03-20T02:00:00Z".parse().unwrap()
}

pub fn chat_settings(s: &mut approval_tracker::config::Settings) {
    s.chat.allowed_hosts = vec!["127.0.0.1".into()];
    s.chat.timeout_seconds = 1;
    s.reports.weekly_email = false;
}

pub async fn app_with(smtp: &SmtpServer) -> TestApp {
    let settings = smtp.settings();
    spawn_app_with(now(), move |s| {
        s.smtp = settings;
        chat_settings(s);
    })
    .await
}

pub async fn add_robot(app: &TestApp, token: &str, body: Value) -> i64 {
    app.post("/api/v1/chat-robots", token, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap()
}

pub async fn run(app: &TestApp, at: &str) -> Value {
    app.post("/api/v1/jobs/run", &app.admin, &json!({"at": at}))
        .await
        .ok(200)
        .clone()
}

/// The markdown (WeCom `content`, DingTalk `text`) or text content of a posted body.
pub fn content(body: &Value) -> String {
    let c = &body["markdown"]["content"];
    let c = if c.is_null() {
        &body["markdown"]["text"]
    } else {
        c
    };
    let c = if c.is_null() {
        &body["text"]["content"]
    } else {
        c
    };
    c.as_str().unwrap_or_default().to_string()
}
