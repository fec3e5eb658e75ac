//! Chat robots (企业微信, 钉钉) against a fake robot on loopback and a real SMTP server:
//! registration and its refusals, the messages' bodies, signatures and limits, delivery
//! through the outbox (outage, throttling, refusals), and two instances.

mod delivery;
mod limits;
mod permits;
mod requests;
mod robot;
mod robots;

use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, TestApp, CODE_A};
use crate::smtp::SmtpServer;

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

/// The zone of alerts.rs: step `permit` yellow Thu 03-12, red Sat 03-14, escalated Thu
/// 03-19; `eia` stalled from Thu 03-12. Returns (project id, liaison id, liaison token).
pub async fn zone(app: &TestApp) -> (i64, i64, String) {
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    app.add_user("manager1", "manager", None).await;
    let step = |key: &str, name: &str, days: i64| json!({"key": key, "name": name, "agency": "区建管委", "stage": "施工许可", "statutory_days": days, "depends_on": []});
    let body = json!({"name": "300毫米硅片生产线", "enterprise_id": ent, "steps": [step("permit", "施工许可证", 9), step("eia", "环评审批", 20)], "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    for (key, action, on) in [
        ("permit", "accept", "2026-03-02"),
        ("eia", "accept", "2026-03-02"),
        ("eia", "request_materials", "2026-03-04"),
    ] {
        app.post(
            &format!("/api/v1/projects/{id}/steps/{key}/events"),
            &app.admin,
            &json!({"action": action, "on": on}),
        )
        .await
        .ok(200);
    }
    (id, liaison_id, liaison)
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
