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

/// On SQLite the writes that queue up share one commit, each in a savepoint of its own
/// (`store::writer`): the refused ones in such a batch must leave nothing behind, and
/// every accepted one must be kept, with its project's light dates.
#[tokio::test]
async fn refused_writes_sharing_a_commit_leave_nothing_and_the_rest_is_kept() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let steps: Vec<_> = (0..20)
        .map(|i| json!({"key": format!("s{i}"), "name": format!("环节{i}"), "agency": "区建管委", "stage": "施工许可", "statutory_days": 10, "depends_on": []}))
        .collect();
    let mut ids = Vec::new();
    for n in 0..3 {
        let body = json!({"name": format!("并发{n}"), "enterprise_id": ent, "steps": steps, "liaison_ids": [], "start_date": "2026-03-02"});
        ids.push(
            app.add_project(&app.admin, &body).await.ok(201)["id"]
                .as_i64()
                .unwrap(),
        );
    }
    // Per project: s0..s9 accepted (200); s10..s19 approved while pending (409) or
    // accepted on a day after today (422), all sent at once and interleaved.
    let mut tasks = Vec::new();
    let mut wanted = Vec::new();
    for &id in &ids {
        for i in 0..10 {
            tasks.push(send(
                &app,
                id,
                &format!("s{i}"),
                json!({"action": "accept", "on": "2026-03-02"}),
                None,
            ));
            wanted.push(200);
            let (body, code) = if i % 2 == 0 {
                (json!({"action": "approve"}), 409)
            } else {
                (json!({"action": "accept", "on": "2027-01-04"}), 422)
            };
            tasks.push(send(&app, id, &format!("s{}", i + 10), body, None));
            wanted.push(code);
        }
    }
    assert_eq!(all(tasks).await, wanted);
    for &id in &ids {
        let timeline = app
            .get(&format!("/api/v1/projects/{id}/timeline"), &app.admin)
            .await;
        assert_eq!(timeline.ok(200).as_array().unwrap().len(), 10);
        let p = app.get(&format!("/api/v1/projects/{id}"), &app.admin).await;
        for (i, s) in p.ok(200)["steps"].as_array().unwrap().iter().enumerate() {
            let (status, version) = if i < 10 {
                ("in_review", 2)
            } else {
                ("pending", 1)
            };
            assert_eq!(
                (
                    s["status"].as_str().unwrap(),
                    s["version"].as_i64().unwrap()
                ),
                (status, version),
                "{s}"
            );
        }
    }
    // Accepted on 2 March with 10 working days, on 16 March (today) the steps are
    // yellow (docs/rules.md: yellow from 80 % of the limit used), and the list says so.
    let yellow = app.get("/api/v1/projects?light=yellow", &app.admin).await;
    assert_eq!(yellow.ok(200)["total"], 3);
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
