//! A small zone for the page tests, built through the JSON API (today 2026-03-16):
//! - "九亭生物医药基地" (enterprise B, started 2026-01-05): land pre-review accepted 01-06 and
//!   long overdue (red); EIA back with the applicant since 02-02 (stalled).
//! - "晶圆厂二期" (enterprise A, started 2026-03-02): land pre-review in review (green);
//!   energy review waiting on the enterprise since 03-10 (补正).

use serde_json::json;

use crate::helpers::{spawn_app, TestApp, CODE_A, CODE_B, PASSWORD};

pub struct Zone {
    pub app: TestApp,
    pub red: i64,
    pub green: i64,
    pub liaison: String,
    pub manager: String,
    pub ent_a: String,
}

pub async fn event(app: &TestApp, project: i64, key: &str, action: &str, on: &str) {
    let path = format!("/api/v1/projects/{project}/steps/{key}/events");
    let mut body = crate::helpers::event_body(action, on);
    body["note"] = json!("内部备注：催办");
    app.post(&path, &app.admin, &body).await.ok(200);
}

pub async fn zone() -> Zone {
    let app = spawn_app().await;
    let a = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let b = app.add_enterprise("九亭生物医药有限公司", CODE_B).await;
    let (liaison_id, _) = app.add_user("xiaoer", "liaison", None).await;
    app.add_user("boss", "manager", None).await;
    app.add_user("ent_a", "enterprise", Some(a)).await;
    let create = |name: &str, ent: i64, start: &str| {
        json!({"name": name, "enterprise_id": ent, "template": "standard-industrial",
            "liaison_ids": [liaison_id], "start_date": start, "city": "上海"})
    };
    let red = app
        .add_project(&app.admin, &create("九亭生物医药基地", b, "2026-01-05"))
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    event(&app, red, "filing", "accept", "2026-01-05").await;
    event(&app, red, "filing", "approve", "2026-01-05").await;
    event(&app, red, "land-prereview", "accept", "2026-01-06").await;
    event(&app, red, "eia", "accept", "2026-01-06").await;
    event(&app, red, "eia", "request_materials", "2026-02-02").await;
    event(&app, red, "energy-review", "accept", "2026-01-07").await;
    event(&app, red, "energy-review", "approve", "2026-01-30").await;
    let green = app
        .add_project(&app.admin, &create("晶圆厂二期", a, "2026-03-02"))
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    event(&app, green, "filing", "accept", "2026-03-02").await;
    event(&app, green, "filing", "approve", "2026-03-02").await;
    event(&app, green, "land-prereview", "accept", "2026-03-03").await;
    event(&app, green, "energy-review", "accept", "2026-03-03").await;
    event(
        &app,
        green,
        "energy-review",
        "request_materials",
        "2026-03-10",
    )
    .await;
    Zone {
        red,
        green,
        liaison: "xiaoer".into(),
        manager: "boss".into(),
        ent_a: "ent_a".into(),
        app,
    }
}

pub const USER_PASSWORD: &str = PASSWORD;
