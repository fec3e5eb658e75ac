//! 按时办结率 (item 8 of issue 28): resolved within limit over resolved, worked by hand.

use serde_json::{json, Value};

use super::act;
use crate::helpers::{spawn_app_at, spawn_second_instance, CODE_A, PASSWORD};

#[tokio::test]
async fn the_on_time_resolution_rate_is_resolved_within_limit_over_resolved() {
    // Monday 2026-03-02, 10:00: E and F filed (not urgent: resolution due 03-02 + 5 working
    // days = Monday 03-09). E resolved the same day; F on Tuesday 03-10, one day late.
    let app = spawn_app_at("2026-03-02T02:00:00Z".parse().unwrap()).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let mut ids = vec![];
    for title in ["E", "F"] {
        let body = json!({"title": title, "text": "诉求内容", "category": "other"});
        let r = app.post("/api/v1/requests", &firm, &body).await;
        assert_eq!(r.ok(201)["resolve_due_on"], "2026-03-09");
        ids.push(r.body["id"].as_i64().unwrap());
    }
    for id in &ids {
        act(&app, &liaison, *id, json!({"action": "accept"})).await;
    }
    act(
        &app,
        &liaison,
        ids[0],
        json!({"action": "resolve", "text": "已办"}),
    )
    .await;
    let t1 = spawn_second_instance(&app, "2026-03-10T02:00:00Z".parse().unwrap(), |_| {}).await;
    let liaison = t1.login("liaison1", PASSWORD).await;
    let v = act(
        &t1,
        &liaison,
        ids[1],
        json!({"action": "resolve", "text": "已办"}),
    )
    .await;
    assert_eq!(v["resolved_within_limit"], false);
    let f = t1
        .get(
            "/api/v1/requests/stats?from=2026-03-02&to=2026-03-10",
            &liaison,
        )
        .await
        .ok(200)["figures"]
        .clone();
    // Resolved 2 of 2 received (办结率 100 %), 1 of them within limit: 按时办结率 50 %.
    let t = &f["total"];
    assert_eq!(
        (
            &t["resolved"],
            &t["resolution_rate"],
            &t["resolved_within_limit"],
            &t["on_time_resolution_rate"]
        ),
        (&json!(2), &json!(100.0), &json!(1), &json!(50.0))
    );
    // Nothing resolved: no rate (not 0 %).
    let f = t1
        .get(
            "/api/v1/requests/stats?from=2026-03-03&to=2026-03-10",
            &liaison,
        )
        .await
        .ok(200)["figures"]
        .clone();
    assert_eq!(f["total"]["on_time_resolution_rate"], Value::Null);
}
