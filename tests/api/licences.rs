//! Licences and their reminders 90, 30 and 7 days before expiry, to the enterprise's
//! contact and the project's liaisons, in the sending window.

use serde_json::json;

use crate::helpers::{spawn_app_with, CODE_A, CODE_B};
use crate::smtp::SmtpServer;

#[tokio::test]
async fn licences_are_kept_by_staff_and_read_by_their_enterprise() {
    let app = spawn_app_with("2026-03-20T02:00:00Z".parse().unwrap(), |_| {}).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let other = app.add_enterprise("松江晶圆制造有限公司", CODE_B).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, other_firm) = app.add_user("wafer.firm", "enterprise", Some(other)).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let steps = json!([{"key": "hazchem-licence", "name": "危险化学品经营许可证", "agency": "区应急管理局", "stage": "竣工验收", "statutory_days": 30, "depends_on": []}]);
    let body = json!({"name": "涂料仓储", "enterprise_id": ent, "steps": steps, "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let pid = app.add_project(&liaison, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let lic = json!({"enterprise_id": ent, "project_id": pid, "kind": "危险化学品经营许可证", "number": "沪松危化经字〔2023〕0042", "issued_on": "2023-06-15", "expires_on": "2026-06-14"});
    let before = app.snapshot().await;
    app.post("/api/v1/licences", &firm, &lic).await.problem(403);
    let mut bad = lic.clone();
    bad["expires_on"] = json!("2023-01-01");
    let r = app.post("/api/v1/licences", &liaison, &bad).await;
    assert_eq!(r.fields(), ["expires_on"]);
    assert_eq!(
        r.body["errors"][0]["code"], "expires_not_after_issued",
        "{}",
        r.body
    );
    let mut wrong_project = lic.clone();
    wrong_project["enterprise_id"] = json!(other);
    assert_eq!(
        app.post("/api/v1/licences", &liaison, &wrong_project)
            .await
            .fields(),
        ["project_id"]
    );
    let mut from_step = lic.clone();
    from_step["step"] = json!("hazchem-licence");
    from_step.as_object_mut().unwrap().remove("issued_on");
    let r = app.post("/api/v1/licences", &liaison, &from_step).await;
    assert!(r.fields().contains(&"step".to_string()), "{}", r.body);
    assert_eq!(app.snapshot().await, before);
    let created = app
        .post("/api/v1/licences", &liaison, &lic)
        .await
        .ok(201)
        .clone();
    // Today 2026-03-20; expiry 2026-06-14: 11 + 30 + 31 + 14 = 86 days.
    assert_eq!(created["days_left"], 86);
    let id = created["id"].as_i64().unwrap();
    assert_eq!(app.get("/api/v1/licences", &firm).await.ok(200)["total"], 1);
    assert_eq!(
        app.get("/api/v1/licences", &other_firm).await.ok(200)["total"],
        0
    );
    app.patch(
        &format!("/api/v1/licences/{id}"),
        &other_firm,
        &json!({"number": "x"}),
        None,
    )
    .await
    .problem(404);
    app.patch(
        &format!("/api/v1/licences/{id}"),
        &firm,
        &json!({"number": "x"}),
        None,
    )
    .await
    .problem(403);
    app.patch(
        &format!("/api/v1/licences/{id}"),
        &liaison,
        &json!({"expires_on": "2029-06-14"}),
        Some(7),
    )
    .await
    .problem(409);
    let renewed = app
        .patch(
            &format!("/api/v1/licences/{id}"),
            &liaison,
            &json!({"expires_on": "2029-06-14"}),
            Some(1),
        )
        .await;
    assert_eq!(renewed.ok(200)["version"], 2);
}

#[tokio::test]
async fn reminders_come_90_30_and_7_days_before_expiry_on_working_days() {
    let smtp = SmtpServer::start();
    let settings = smtp.settings();
    let app = spawn_app_with("2026-03-12T02:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings
    })
    .await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let body = json!({"name": "涂料仓储", "enterprise_id": ent, "template": "low-risk-industrial", "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let pid = app.add_project(&liaison, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let lic = json!({"enterprise_id": ent, "project_id": pid, "kind": "安全生产许可证", "number": "（沪）WH安许证字〔2023〕0042", "issued_on": "2023-06-15", "expires_on": "2026-06-14"});
    app.post("/api/v1/licences", &liaison, &lic).await.ok(201);
    let run = |at: &'static str| app.emails_sent_at(at);
    // Expiry Sunday 06-14. 91 days before (Sunday 03-15): nothing.
    assert_eq!(run("2026-03-15T02:00:00Z").await, 0);
    // 90 days before, Monday 03-16 09:00: the contact and the liaison.
    assert_eq!(run("2026-03-16T01:00:00Z").await, 2);
    assert_eq!(run("2026-03-16T05:00:00Z").await, 0);
    // 30 days before, Friday 05-15.
    assert_eq!(run("2026-05-14T01:00:00Z").await, 0);
    assert_eq!(run("2026-05-15T01:00:00Z").await, 2);
    // 7 days before is Sunday 06-07: waits for Monday 06-08.
    assert_eq!(run("2026-06-07T02:00:00Z").await, 0);
    assert_eq!(run("2026-06-08T01:00:00Z").await, 2);
    let mails = smtp.messages();
    assert_eq!(mails.len(), 6);
    let to_contact: Vec<_> = mails
        .iter()
        .filter(|m| m.to.contains("li@firm.example.cn"))
        .collect();
    assert_eq!(to_contact.len(), 3);
    assert!(
        mails.iter().all(
            |m| m.text_body.contains("安全生产许可证") && m.text_body.contains("2026年6月14日")
        ),
        "{}",
        mails[0].text_body
    );
}
