//! Enterprise requests (诉求) through the API: filing, handling, isolation, and every
//! refusal changing nothing. Clocks worked by hand on the official 2026 calendar.

use serde_json::{json, Value};

use crate::helpers::{spawn_app_at, TestApp, CODE_A, CODE_B};

mod clock;
mod digest;
mod figures;
mod filing;
mod on_time;

/// The requests as the admin reads them, histories included.
pub async fn requests_snapshot(app: &TestApp) -> Value {
    let list = app
        .get("/api/v1/requests?per_page=500", &app.admin)
        .await
        .ok(200)
        .clone();
    let mut out = vec![list.clone()];
    for r in list["items"].as_array().unwrap() {
        let path = format!("/api/v1/requests/{}", r["id"]);
        out.push(app.get(&path, &app.admin).await.ok(200).clone());
    }
    Value::Array(out)
}

pub async fn act(app: &TestApp, token: &str, id: i64, body: Value) -> Value {
    let path = format!("/api/v1/requests/{id}/actions");
    app.post(&path, token, &body).await.ok(200).clone()
}

fn paint() -> Value {
    json!({"title": "危险化学品经营许可证将到期", "text": "许可证6月到期，延续需要哪些材料？", "category": "approval", "urgent": true})
}

#[tokio::test]
async fn an_enterprise_files_and_sees_only_its_own_and_never_a_staff_note() {
    // Monday 2026-03-16 10:00 in Shanghai.
    let app = spawn_app_at("2026-03-16T02:00:00Z".parse().unwrap()).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let other = app.add_enterprise("松江晶圆制造有限公司", CODE_B).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, other_firm) = app.add_user("wafer.firm", "enterprise", Some(other)).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;

    let r = app
        .post("/api/v1/requests", &firm, &paint())
        .await
        .ok(201)
        .clone();
    let id = r["id"].as_i64().unwrap();
    assert_eq!(
        (&r["status"], &r["channel"], &r["enterprise_id"]),
        (&json!("submitted"), &json!("online"), &json!(ent))
    );
    // Urgent: the first reply is due 2 clock hours after filing, at 12:00 Shanghai.
    assert_eq!(r["reply_due_at"], "2026-03-16T04:00:00Z");
    assert_eq!(r["reply_due_time"], "12:00");
    // Resolution of an urgent one: 2 working days, Wednesday 03-18.
    assert_eq!(r["resolve_due_on"], "2026-03-18");

    // Others' requests are not found; lists hold only one's own.
    let path = format!("/api/v1/requests/{id}");
    app.get(&path, &other_firm).await.problem(404);
    let listed = app.get("/api/v1/requests", &other_firm).await;
    assert_eq!(listed.ok(200)["total"], 0);
    let listed = app
        .get(
            &format!("/api/v1/requests?enterprise_id={ent}"),
            &other_firm,
        )
        .await;
    assert_eq!(listed.ok(200)["total"], 0);
    assert_eq!(app.get("/api/v1/requests", &firm).await.ok(200)["total"], 1);
    assert_eq!(
        app.get("/api/v1/requests", &manager).await.ok(200)["total"],
        1
    );

    // The liaison accepts (and owns it), notes something internal, replies.
    let v = act(&app, &liaison, id, json!({"action": "accept"})).await;
    assert_eq!(
        (&v["status"], &v["liaison_id"]),
        (&json!("accepted"), &json!(liaison_id))
    );
    act(
        &app,
        &liaison,
        id,
        json!({"action": "note", "text": "内部：应急局王科长已知悉"}),
    )
    .await;
    let v = act(
        &app,
        &liaison,
        id,
        json!({"action": "reply", "text": "已联系区应急管理局，材料清单见附件"}),
    )
    .await;
    assert_eq!(v["replied_within_limit"], true);
    assert_eq!(v["version"], 4);
    let staff_view = app.get(&path, &liaison).await.ok(200).clone();
    let actions = |v: &Value| -> Vec<String> {
        v["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(actions(&staff_view), ["file", "accept", "note", "reply"]);
    let firm_view = app.get(&path, &firm).await.ok(200).clone();
    assert_eq!(actions(&firm_view), ["file", "accept", "reply"]);
    assert!(!firm_view.to_string().contains("王科长"));

    // Hand over to an agency (by its short name), resolve; the enterprise rates it.
    let v = act(
        &app,
        &liaison,
        id,
        json!({"action": "hand_over", "agency": "应急局", "text": "请应急局指导延续"}),
    )
    .await;
    assert_eq!(
        (&v["status"], &v["agency"]),
        (&json!("handed_over"), &json!("区应急管理局"))
    );
    let v = act(
        &app,
        &liaison,
        id,
        json!({"action": "resolve", "text": "延续材料已齐，6月前可办结"}),
    )
    .await;
    assert_eq!(v["status"], "resolved");
    // Rated by 03-16 + 5 working days = 03-23.
    assert_eq!(v["rate_by"], "2026-03-23");
    let v = act(
        &app,
        &firm,
        id,
        json!({"action": "rate", "rating": "basically_satisfied"}),
    )
    .await;
    assert_eq!(
        (&v["status"], &v["rating"]),
        (&json!("closed"), &json!("basically_satisfied"))
    );
    // The list's filters.
    for (q, n) in [
        ("status=closed".to_string(), 1),
        ("status=submitted".into(), 0),
        (format!("liaison_id={liaison_id}"), 1),
        ("category=approval".into(), 1),
        ("category=utilities".into(), 0),
        ("overdue=true".into(), 0),
        (format!("enterprise_id={other}"), 0),
    ] {
        let r = app.get(&format!("/api/v1/requests?{q}"), &manager).await;
        assert_eq!(r.ok(200)["total"], n, "{q}");
    }
}

#[tokio::test]
async fn every_refusal_answers_its_code_and_changes_nothing() {
    let app = spawn_app_at("2026-03-16T02:00:00Z".parse().unwrap()).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let other = app.add_enterprise("松江晶圆制造有限公司", CODE_B).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, other_firm) = app.add_user("wafer.firm", "enterprise", Some(other)).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let id = app.post("/api/v1/requests", &firm, &paint()).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/requests/{id}/actions");
    let before = requests_snapshot(&app).await;

    // Filing.
    let mut on_behalf = paint();
    on_behalf["enterprise_id"] = json!(ent);
    let cases: Vec<(&String, Value, u16, Vec<&str>)> = vec![
        (
            &firm,
            json!({"title": "", "text": "x", "category": "approval"}),
            422,
            vec!["title"],
        ),
        (
            &firm,
            json!({"title": "t", "text": "x", "category": "roads"}),
            422,
            vec!["category"],
        ),
        (
            &firm,
            json!({"title": "t", "text": "x", "category": "other", "channel": "phone"}),
            422,
            vec!["channel"],
        ),
        (
            &firm,
            json!({"title": "t", "text": "x", "category": "other", "enterprise_id": other}),
            422,
            vec!["enterprise_id"],
        ),
        (
            &firm,
            json!({"title": "t", "text": "x", "category": "other", "project_id": 999}),
            422,
            vec!["project_id"],
        ),
        (&liaison, on_behalf.clone(), 422, vec!["channel"]),
        (
            &liaison,
            json!({"title": "t", "text": "x", "category": "other", "channel": "phone"}),
            422,
            vec!["enterprise_id"],
        ),
        (
            &liaison,
            json!({"title": "t", "text": "x", "category": "other", "channel": "fax", "enterprise_id": ent}),
            422,
            vec!["channel"],
        ),
    ];
    for (token, body, status, fields) in cases {
        let r = app.post("/api/v1/requests", token, &body).await;
        r.problem(status);
        assert_eq!(r.fields(), fields, "{body}");
    }
    let r = app
        .post(
            "/api/v1/requests",
            &firm,
            &json!({"title": "t", "text": "x", "category": "other", "colour": "red"}),
        )
        .await;
    r.problem(400);
    app.post("/api/v1/requests", "not-a-token", &paint())
        .await
        .problem(401);

    // Actions.
    let refused: Vec<(&String, Value, u16)> = vec![
        (&other_firm, json!({"action": "reply", "text": "x"}), 404),
        (&firm, json!({"action": "accept"}), 403),
        (&firm, json!({"action": "note", "text": "x"}), 403),
        (
            &liaison,
            json!({"action": "rate", "rating": "satisfied"}),
            403,
        ),
        (&liaison, json!({"action": "resolve", "text": "答复"}), 409),
        (
            &liaison,
            json!({"action": "wait_enterprise", "text": "请补充"}),
            409,
        ),
        (&firm, json!({"action": "rate", "rating": "satisfied"}), 409),
        (&firm, json!({"action": "reopen", "text": "不满意"}), 409),
        (&liaison, json!({"action": "close"}), 422),
        (&liaison, json!({"action": "dance"}), 422),
        (&liaison, json!({"action": "reply"}), 422),
        (
            &liaison,
            json!({"action": "hand_over", "agency": "区月球局"}),
            422,
        ),
        (&liaison, json!({"action": "hand_over"}), 422),
        (
            &liaison,
            json!({"action": "reply", "text": "x", "rating": "satisfied"}),
            422,
        ),
        (
            &liaison,
            json!({"action": "reply", "text": "x".repeat(4001)}),
            422,
        ),
    ];
    for (token, body, status) in refused {
        app.post(&path, token, &body).await.problem(status);
    }
    // A stale version.
    let stale = app
        .client
        .post(app.url(&path))
        .bearer_auth(&liaison)
        .header("If-Match", "7")
        .json(&json!({"action": "accept"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 409);
    app.get(&format!("/api/v1/requests/{}", id + 1), &liaison)
        .await
        .problem(404);
    // Figures are for staff; periods must make sense.
    app.get(
        "/api/v1/requests/stats?from=2026-03-01&to=2026-03-31",
        &firm,
    )
    .await
    .problem(403);
    let r = app
        .get(
            "/api/v1/requests/stats?from=2026-03-31&to=2026-03-01",
            &liaison,
        )
        .await;
    assert_eq!(r.fields(), ["to"]);
    assert_eq!(r.body["code"], "to_before_from", "{}", r.body);
    app.get("/api/v1/requests?status=lost", &liaison)
        .await
        .problem(422);
    assert_eq!(requests_snapshot(&app).await, before);
}
