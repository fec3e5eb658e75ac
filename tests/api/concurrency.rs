//! Many clients at once on one project: every event kept, every version counted once.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, CODE_A};

#[tokio::test]
async fn fifty_clients_recording_events_on_one_project_lose_nothing() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let steps: Vec<_> = (0..50)
        .map(|i| json!({"key": format!("s{i}"), "name": format!("环节{i}"), "agency": "区建管委", "stage": "施工许可", "statutory_days": 10, "depends_on": []}))
        .collect();
    let body = json!({"name": "并发", "enterprise_id": ent, "steps": steps, "liaison_ids": [], "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    // 50 clients accept 50 steps at once, then 10 race to approve s0 at its version 2.
    let accepts = (0..50)
        .map(|i| {
            send(
                &app,
                id,
                &format!("s{i}"),
                json!({"action": "accept", "on": "2026-03-02"}),
                None,
            )
        })
        .collect();
    let codes = all(accepts).await;
    assert!(codes.iter().all(|c| *c == 200), "{codes:?}");
    let approvals = (0..10)
        .map(|_| send(&app, id, "s0", json!({"action": "approve"}), Some("2")))
        .collect();
    let codes = all(approvals).await;
    // Exactly one wins; the others find the version moved on (409): nothing lost or doubled.
    assert_eq!(codes.iter().filter(|c| **c == 200).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 409).count(), 9, "{codes:?}");
    let timeline = app
        .get(&format!("/api/v1/projects/{id}/timeline"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(timeline.as_array().unwrap().len(), 51);
    let p = app
        .get(&format!("/api/v1/projects/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    for s in p["steps"].as_array().unwrap() {
        let want = if s["key"] == "s0" { 3 } else { 2 };
        assert_eq!(s["version"], want, "{s}");
    }
}

/// One client's request, on a task of its own so that all run at once.
fn send(
    app: &TestApp,
    project: i64,
    step: &str,
    body: Value,
    if_match: Option<&str>,
) -> tokio::task::JoinHandle<u16> {
    let mut req = app
        .client
        .post(app.url(&format!("/api/v1/projects/{project}/steps/{step}/events")))
        .bearer_auth(&app.admin)
        .json(&body);
    if let Some(v) = if_match {
        req = req.header("If-Match", v);
    }
    tokio::spawn(async move { req.send().await.unwrap().status().as_u16() })
}

async fn all(tasks: Vec<tokio::task::JoinHandle<u16>>) -> Vec<u16> {
    let mut codes = Vec::with_capacity(tasks.len());
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    codes
}
