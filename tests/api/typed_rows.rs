//! Status, role and action are typed where rows are read: a word the code does not know,
//! written into the database by hand, is an opaque 500 (logged), never a default.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::{PgConnection, SqliteConnection};

use crate::helpers::{event_body, spawn_app};
use crate::projects::zone;

/// Runs `sql` on the test's database behind the application's back.
fn by_hand(db_url: &str, sql: &str) {
    if let Some(path) = db_url.strip_prefix("sqlite://") {
        let mut c = SqliteConnection::establish(path).unwrap();
        c.batch_execute(sql).unwrap();
    } else {
        let mut c = PgConnection::establish(db_url).unwrap();
        c.batch_execute(sql).unwrap();
    }
}

#[tokio::test]
async fn an_unknown_status_in_the_database_is_an_opaque_500_not_a_pending_step() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let id = z.project["id"].as_i64().unwrap();
    by_hand(
        &app.db_url,
        &format!(
            "UPDATE steps SET status = 'on_hold' WHERE project_id = {id} AND key = 'construction-permit'"
        ),
    );
    let r = app.get(&format!("/api/v1/projects/{id}"), &z.liaison).await;
    let p = r.problem(500);
    assert_eq!(p["status"], 500);
    assert!(
        !p.to_string().contains("on_hold"),
        "the answer names nothing of the cause: {p}"
    );
    // Put back, the project reads again: the 500 was the unknown word, nothing else.
    by_hand(
        &app.db_url,
        &format!("UPDATE steps SET status = 'pending' WHERE project_id = {id} AND key = 'construction-permit'"),
    );
    app.get(&format!("/api/v1/projects/{id}"), &z.liaison)
        .await
        .ok(200);
}

#[tokio::test]
async fn an_unknown_action_in_the_history_is_an_opaque_500_not_an_event_left_out() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let id = z.project["id"].as_i64().unwrap();
    let path = format!("/api/v1/projects/{id}/steps/filing/events");
    app.post(&path, &z.liaison, &event_body("accept", "2026-03-02"))
        .await
        .ok(200);
    by_hand(
        &app.db_url,
        &format!("UPDATE step_events SET action = 'teleport' WHERE project_id = {id}"),
    );
    let r = app.get(&format!("/api/v1/projects/{id}"), &z.liaison).await;
    assert!(
        !r.problem(500).to_string().contains("teleport"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn an_unknown_request_status_is_an_opaque_500_not_a_request_with_no_actions() {
    let app = spawn_app().await;
    let ent = app
        .add_enterprise("申松涂料有限公司", crate::helpers::CODE_A)
        .await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let body = serde_json::json!({"title": "许可证延续", "text": "需要哪些材料？", "category": "approval"});
    let r = app.post("/api/v1/requests", &firm, &body).await;
    let id = r.ok(201)["id"].as_i64().unwrap();
    by_hand(
        &app.db_url,
        &format!("UPDATE requests SET status = 'parked' WHERE id = {id}"),
    );
    let r = app.get(&format!("/api/v1/requests/{id}"), &app.admin).await;
    assert!(!r.problem(500).to_string().contains("parked"), "{}", r.body);
}
