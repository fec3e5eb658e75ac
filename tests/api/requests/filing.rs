//! Filing within bounds (item 6 of issue 28): the project named by its 统一项目代码 among
//! the enterprise's own, at most 10 new requests an hour and 20 open per enterprise
//! (configurable), 429 with when to try again; the list paged by the database.

use serde_json::{json, Value};

use super::{act, requests_snapshot};
use crate::helpers::{spawn_app_with, spawn_second_instance, TestApp, CODE_A, CODE_B};

const CODE_PA: &str = "2026-310117-04-01-000001";
const CODE_PB: &str = "2026-310117-04-01-000002";

/// A project of `ent` with one step and a code; its id.
async fn project(app: &TestApp, liaison: (i64, &str), ent: i64, name: &str, code: &str) -> i64 {
    let steps = json!([{"key": "filing", "name": "项目备案", "agency": "区发改委",
        "stage": "立项用地规划许可", "statutory_days": 0, "depends_on": []}]);
    let body = json!({"name": name, "enterprise_id": ent, "steps": steps,
        "liaison_ids": [liaison.0], "start_date": "2026-03-02", "project_code": code});
    app.add_project(liaison.1, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap()
}

fn ask(title: &str) -> Value {
    json!({"title": title, "text": "诉求内容", "category": "utilities"})
}

#[tokio::test]
async fn a_request_names_its_project_by_code_among_the_enterprises_own() {
    let app = spawn_app_with("2026-03-16T02:00:00Z".parse().unwrap(), |_| {}).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let other = app.add_enterprise("松江晶圆制造有限公司", CODE_B).await;
    let (lid, liaison) = app.add_user("liaison1", "liaison", None).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let pa = project(&app, (lid, &liaison), ent, "涂料一期", CODE_PA).await;
    let pb = project(&app, (lid, &liaison), other, "晶圆一期", CODE_PB).await;

    let mut body = ask("临时用电");
    body["project_code"] = json!(CODE_PA);
    let r = app.post("/api/v1/requests", &firm, &body).await;
    assert_eq!(r.ok(201)["project_id"], pa);
    // Staff name it by code too, for the enterprise they file for.
    let mut body = ask("用地红线");
    body["project_code"] = json!(CODE_PB);
    body["channel"] = json!("phone");
    body["enterprise_id"] = json!(other);
    let r = app.post("/api/v1/requests", &liaison, &body).await;
    assert_eq!(r.ok(201)["project_id"], pb);

    let before = requests_snapshot(&app).await;
    for (code, id) in [
        (json!(CODE_PB), Value::Null), // another enterprise's project
        (json!("2026-310117-04-01-999999"), Value::Null), // no project has it
        (json!(CODE_PA), json!(pa)),   // both ways at once
    ] {
        let mut body = ask("x");
        body["project_code"] = code;
        body["project_id"] = id;
        let r = app.post("/api/v1/requests", &firm, &body).await;
        r.problem(422);
        assert_eq!(r.fields(), ["project_code"], "{}", r.body);
    }
    // By id, another enterprise's project is refused on project_id as before.
    let mut body = ask("x");
    body["project_id"] = json!(pb);
    let r = app.post("/api/v1/requests", &firm, &body).await;
    r.problem(422);
    assert_eq!(r.fields(), ["project_id"]);
    assert_eq!(requests_snapshot(&app).await, before, "nothing written");
}

#[tokio::test]
async fn an_enterprise_files_at_most_ten_an_hour_then_429_says_when() {
    // Monday 2026-03-16, 10:00 in Shanghai: ten filings at once.
    let app = spawn_app_with("2026-03-16T02:00:00Z".parse().unwrap(), |_| {}).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    for i in 0..10 {
        app.post("/api/v1/requests", &firm, &ask(&format!("诉求{i}")))
            .await
            .ok(201);
    }
    let before = requests_snapshot(&app).await;
    // The 11th: the hour's first filing frees a place at 11:00, 3,600 seconds away.
    let r = app.post("/api/v1/requests", &firm, &ask("第十一件")).await;
    assert_eq!(r.problem(429)["retry_after"], 3600);
    assert_eq!(r.headers["retry-after"], "3600");
    assert_eq!(requests_snapshot(&app).await, before, "nothing written");
    // A liaison taking the enterprise's call is not turned away.
    let staff = json!({"title": "电话诉求", "text": "x", "category": "other",
        "channel": "phone", "enterprise_id": ent});
    app.post("/api/v1/requests", &liaison, &staff).await.ok(201);
    // At 10:30 (another instance, same database) the wait is 1,800 seconds.
    let half = spawn_second_instance(&app, "2026-03-16T02:30:00Z".parse().unwrap(), |_| {}).await;
    let firm = half.login("paint.firm", crate::helpers::PASSWORD).await;
    let r = half.post("/api/v1/requests", &firm, &ask("第十一件")).await;
    assert_eq!(r.problem(429)["retry_after"], 1800);
    assert_eq!(r.headers["retry-after"], "1800");
    // At 11:00 the ten are an hour old: filed (11 of 20 open now, 12 with the liaison's).
    let hour = spawn_second_instance(&app, "2026-03-16T03:00:00Z".parse().unwrap(), |_| {}).await;
    let firm = hour.login("paint.firm", crate::helpers::PASSWORD).await;
    hour.post("/api/v1/requests", &firm, &ask("第十一件"))
        .await
        .ok(201);
}

#[tokio::test]
async fn open_requests_are_bounded_per_enterprise_and_a_resolved_one_frees_a_place() {
    // Configured: at most 3 open (default 20).
    let bounds = |s: &mut approval_tracker::config::Settings| {
        s.requests.max_open_per_enterprise = 3;
    };
    let app = spawn_app_with("2026-03-16T02:00:00Z".parse().unwrap(), bounds).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let other = app.add_enterprise("松江晶圆制造有限公司", CODE_B).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, other_firm) = app.add_user("wafer.firm", "enterprise", Some(other)).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let mut ids = vec![];
    for i in 0..3 {
        let r = app
            .post("/api/v1/requests", &firm, &ask(&format!("诉求{i}")))
            .await;
        ids.push(r.ok(201)["id"].as_i64().unwrap());
    }
    let r = app.post("/api/v1/requests", &firm, &ask("第四件")).await;
    let p = r.problem(429).clone();
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("at most 3 open requests"),
        "{p}"
    );
    assert_eq!(r.headers["retry-after"], p["retry_after"].to_string());
    // Per enterprise: another one files as usual.
    app.post("/api/v1/requests", &other_firm, &ask("别家"))
        .await
        .ok(201);
    // One resolved (no longer open): a place is free.
    act(&app, &liaison, ids[0], json!({"action": "accept"})).await;
    act(
        &app,
        &liaison,
        ids[0],
        json!({"action": "resolve", "text": "已办"}),
    )
    .await;
    app.post("/api/v1/requests", &firm, &ask("第四件"))
        .await
        .ok(201);
}

#[tokio::test]
async fn the_list_is_paged_with_its_total_and_overdue_ones_filtered() {
    // Monday 2026-03-16, 10:00: five requests; by Wednesday 03-18 the first reply of each
    // (due 03-17) is overdue, except the one answered.
    let app = spawn_app_with("2026-03-16T02:00:00Z".parse().unwrap(), |_| {}).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let mut ids = vec![];
    for i in 0..5 {
        let r = app
            .post("/api/v1/requests", &firm, &ask(&format!("诉求{i}")))
            .await;
        ids.push(r.ok(201)["id"].as_i64().unwrap());
    }
    act(
        &app,
        &liaison,
        ids[4],
        json!({"action": "reply", "text": "收到"}),
    )
    .await;
    let listed = |v: &Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    // Newest first, two a page: page 2 holds the 3rd and 4th newest.
    let page = app
        .get("/api/v1/requests?per_page=2&page=2", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(
        (page["total"].clone(), listed(&page)),
        (json!(5), vec![ids[2], ids[1]])
    );
    let past = app
        .get("/api/v1/requests?per_page=2&page=4", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!((past["total"].clone(), listed(&past)), (json!(5), vec![]));
    let later = spawn_second_instance(&app, "2026-03-18T02:00:00Z".parse().unwrap(), |_| {}).await;
    let liaison = later.login("liaison1", crate::helpers::PASSWORD).await;
    let overdue = later
        .get("/api/v1/requests?overdue=true&per_page=3&page=1", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(
        (overdue["total"].clone(), listed(&overdue)),
        (json!(4), vec![ids[3], ids[2], ids[1]])
    );
    let on_time = later
        .get("/api/v1/requests?overdue=false", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(listed(&on_time), vec![ids[4]]);
}
