//! The 补正 notice and a user's phone over the API: kept and shown to whom they are for,
//! refused on the wrong action, too long or malformed, the refusal changing nothing.

use serde_json::{json, Value};

use crate::pages::fixture::zone;

/// A list answer's items (a bare array or `{"items": …}`).
fn items(v: &Value) -> Vec<Value> {
    v.as_array()
        .or_else(|| v["items"].as_array())
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_notice_goes_with_request_materials_and_the_enterprise_reads_it() {
    let z = zone().await;
    let app = &z.app;
    let path = format!("/api/v1/projects/{}/steps/eia/events", z.green);
    let before = app.snapshot().await;
    // On another action: 422 naming the field.
    let r = app
        .post(
            &path,
            &app.admin,
            &json!({"action": "accept", "on": "2026-03-12", "notice": "图纸"}),
        )
        .await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "notice");
    // Longer than 2000 characters: 422.
    let long = "材".repeat(2001);
    let r = app
        .post(
            &path,
            &app.admin,
            &json!({"action": "accept", "notice": long}),
        )
        .await;
    assert_eq!(r.fields(), vec!["notice".to_string()]);
    assert_eq!(app.snapshot().await, before, "refusals change nothing");
    // A blank notice on another action is no notice.
    app.post(
        &path,
        &app.admin,
        &json!({"action": "accept", "on": "2026-03-12", "notice": " "}),
    )
    .await
    .ok(200);
    let exactly = "章".repeat(2000);
    app.post(
        &path,
        &app.admin,
        &json!({"action": "request_materials", "on": "2026-03-13", "notice": exactly,
            "note": "内部：别告诉企业"}),
    )
    .await
    .ok(200);
    let (_, firm) = app
        .add_user("firm_reader", "enterprise", Some(enterprise_of(&z).await))
        .await;
    let events = items(app.get(&path, &firm).await.ok(200));
    let last = events.last().unwrap();
    assert_eq!(last["action"], "request_materials");
    assert_eq!(
        last["notice"],
        json!(exactly),
        "the enterprise reads the notice"
    );
    assert_eq!(last["note"], Value::Null, "but not the staff note");
    assert_eq!(events[0]["notice"], Value::Null);
    let staff = items(app.get(&path, &app.admin).await.ok(200));
    assert_eq!(staff.last().unwrap()["note"], "内部：别告诉企业");
    let doc = app.get_anon("/api/openapi.json").await.ok(200).clone();
    let schemas = &doc["components"]["schemas"];
    assert!(schemas["RecordEvent"]["properties"]["notice"].is_object());
    assert!(schemas["EventView"]["properties"]["notice"].is_object());
    assert!(schemas["UserView"]["properties"]["phone"].is_object());
}

async fn enterprise_of(z: &crate::pages::fixture::Zone) -> i64 {
    let p = z
        .app
        .get(&format!("/api/v1/projects/{}", z.green), &z.app.admin)
        .await;
    p.ok(200)["enterprise_id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_phone_is_optional_checked_and_can_be_cleared() {
    let z = zone().await;
    let app = &z.app;
    let new = |name: &str, phone: Value| {
        json!({"username": name, "display_name": "王小二", "email": format!("{name}@zone.example.cn"),
            "role": "liaison", "password": "Secret-pass-2026", "phone": phone})
    };
    let u = app
        .post(
            "/api/v1/users",
            &app.admin,
            &new("wang", json!("+86 138-0000 1234")),
        )
        .await
        .ok(201)
        .clone();
    assert_eq!(u["phone"], "+86 138-0000 1234");
    let id = u["id"].as_i64().unwrap();
    let before = app.snapshot().await;
    // Letters, too few digits, too long: 422 on `phone`, nothing created or changed.
    for bad in [json!("call me"), json!("1234"), json!("1".repeat(31))] {
        let r = app
            .post("/api/v1/users", &app.admin, &new("liwei", bad.clone()))
            .await;
        assert_eq!(r.fields(), vec!["phone".to_string()], "{bad}");
        let r = app
            .patch(
                &format!("/api/v1/users/{id}"),
                &app.admin,
                &json!({"phone": bad}),
                None,
            )
            .await;
        assert_eq!(r.fields(), vec!["phone".to_string()], "{bad}");
    }
    assert_eq!(app.snapshot().await, before, "refusals change nothing");
    let path = format!("/api/v1/users/{id}");
    let changed = app
        .patch(&path, &app.admin, &json!({"phone": "021-5777 0000"}), None)
        .await;
    assert_eq!(changed.ok(200)["phone"], "021-5777 0000");
    let cleared = app
        .patch(&path, &app.admin, &json!({"phone": null}), None)
        .await;
    assert_eq!(cleared.ok(200)["phone"], Value::Null);
    // Without a phone at all, as before.
    let plain = json!({"username": "zhao", "display_name": "赵", "email": "zhao@zone.example.cn",
        "role": "manager", "password": "Secret-pass-2026"});
    assert_eq!(
        app.post("/api/v1/users", &app.admin, &plain).await.ok(201)["phone"],
        Value::Null
    );
}
