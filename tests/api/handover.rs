//! Issue 28 item 2: a liaison who leaves the role or is disabled hands their running
//! projects and open requests to a successor named in the same request, or the change is
//! refused (409, naming them) and nothing changes. The successor is told in their next
//! digest, once. Dates: Monday 2026-03-02 (a working day; 09:00 is inside the window).

use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, TestApp, CODE_A};
use crate::smtp::SmtpServer;

/// A liaison (wang.fang) holding one project and one request they filed, and another
/// (li.ming) to take over: (project id, request id, leaving liaison's id, successor's id).
pub async fn zone(app: &TestApp) -> (i64, i64, i64, i64) {
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (leaving, token) = app.add_user("wang.fang", "liaison", None).await;
    let (successor, _) = app.add_user("li.ming", "liaison", None).await;
    let step = json!({"key": "permit", "name": "施工许可证", "agency": "区建管委", "stage": "施工许可", "statutory_days": 7, "depends_on": []});
    let body = json!({"name": "300毫米硅片生产线", "enterprise_id": ent, "steps": [step], "liaison_ids": [leaving], "start_date": "2026-02-02"});
    let project = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    // Filed by the liaison on the enterprise's behalf: the liaison owns it.
    let body = json!({"title": "人才公寓申请", "text": "三名工程师", "category": "talent_housing", "channel": "visit", "enterprise_id": ent});
    let request = app.post("/api/v1/requests", &token, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    (project, request, leaving, successor)
}

async fn mail_app(smtp: &SmtpServer) -> TestApp {
    let settings = smtp.settings();
    spawn_app_with("2026-03-02T01:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings;
        s.reports.weekly_email = false;
    })
    .await
}

async fn liaisons_of(app: &TestApp, project: i64) -> Value {
    app.get(&format!("/api/v1/projects/{project}"), &app.admin)
        .await
        .ok(200)["liaison_ids"]
        .clone()
}

async fn owner_of(app: &TestApp, request: i64) -> Value {
    app.get(&format!("/api/v1/requests/{request}"), &app.admin)
        .await
        .ok(200)["liaison_id"]
        .clone()
}

#[tokio::test]
async fn a_liaison_leaving_the_role_hands_over_or_is_refused() {
    let smtp = SmtpServer::start();
    let app = mail_app(&smtp).await;
    let (project, request, leaving, successor) = zone(&app).await;
    let (manager, _) = app.add_user("zhao.jun", "manager", None).await;
    let path = format!("/api/v1/users/{leaving}");

    // No successor: 409 naming the project and the request; nothing changed.
    let before = app.snapshot().await;
    let r = app
        .patch(&path, &app.admin, &json!({"role": "manager"}), None)
        .await;
    let p = r.problem(409);
    assert_eq!(p["code"], "liaison_holds_work", "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.contains("300毫米硅片生产线") && detail.contains("人才公寓申请"),
        "{p}"
    );
    assert!(detail.contains("successor_id"), "{p}");
    assert_eq!(app.snapshot().await, before);
    assert_eq!(owner_of(&app, request).await, json!(leaving));

    // A successor who is not an active liaison other than them: 422 on successor_id.
    for bad in [manager, leaving, 9999] {
        let r = app
            .patch(
                &path,
                &app.admin,
                &json!({"role": "manager", "successor_id": bad}),
                None,
            )
            .await;
        r.problem(422);
        assert_eq!(r.fields(), ["successor_id"], "{bad}");
        assert_eq!(
            r.body["errors"][0]["code"], "successor_not_liaison",
            "{bad}"
        );
        assert_eq!(app.snapshot().await, before);
    }

    // With a successor: the project and the request are theirs, in one change.
    let r = app
        .patch(
            &path,
            &app.admin,
            &json!({"role": "manager", "successor_id": successor}),
            None,
        )
        .await;
    assert_eq!(r.ok(200)["role"], "manager");
    assert_eq!(liaisons_of(&app, project).await, json!([successor]));
    assert_eq!(owner_of(&app, request).await, json!(successor));
    let audit = app
        .get("/api/v1/audit?action=liaison_handover", &app.admin)
        .await
        .ok(200)
        .clone();
    let entry = &audit["items"][0];
    assert_eq!(entry["target"], "wang.fang", "{audit}");
    let detail = entry["detail"].as_str().unwrap();
    assert!(
        detail.contains("li.ming")
            && detail.contains("300毫米硅片生产线")
            && detail.contains("人才公寓申请"),
        "{detail}"
    );

    // The successor's next digest tells them, once (the request is not overdue yet, the
    // step not accepted: the handover alone makes the email).
    let run = || async {
        app.post(
            "/api/v1/jobs/run",
            &app.admin,
            &json!({"at": "2026-03-02T01:30:00Z"}),
        )
        .await
        .ok(200)["emails_sent"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(run().await, 1);
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].to.contains("li.ming@"), "{}", mails[0].to);
    assert!(
        mails[0].subject.contains("移交给您 2 项"),
        "{}",
        mails[0].subject
    );
    for text in [
        "以下项目和诉求已移交给您负责",
        "项目「300毫米硅片生产线」，原联络人 wang.fang",
        "诉求「人才公寓申请」，原联络人 wang.fang",
        &format!("/projects/{project}"),
        &format!("/requests/{request}"),
    ] {
        assert!(
            mails[0].text_body.contains(text),
            "{text}: {}",
            mails[0].text_body
        );
    }
    assert_eq!(run().await, 0);
}

#[tokio::test]
async fn a_liaison_disabled_hands_over_and_one_holding_nothing_needs_no_successor() {
    let smtp = SmtpServer::start();
    let app = mail_app(&smtp).await;
    let (project, request, leaving, successor) = zone(&app).await;
    let path = format!("/api/v1/users/{leaving}");
    let before = app.snapshot().await;
    let r = app
        .patch(&path, &app.admin, &json!({"active": false}), None)
        .await;
    r.problem(409);
    assert_eq!(app.snapshot().await, before);

    let r = app
        .patch(
            &path,
            &app.admin,
            &json!({"active": false, "successor_id": successor}),
            None,
        )
        .await;
    assert_eq!(r.ok(200)["active"], false);
    assert_eq!(liaisons_of(&app, project).await, json!([successor]));
    assert_eq!(owner_of(&app, request).await, json!(successor));

    // The successor now holds both; a liaison with nothing leaves freely.
    let (idle, _) = app.add_user("idle.liaison", "liaison", None).await;
    let r = app
        .patch(
            &format!("/api/v1/users/{idle}"),
            &app.admin,
            &json!({"active": false}),
            None,
        )
        .await;
    assert_eq!(r.ok(200)["active"], false);
    // A profile change of a liaison who holds work needs no successor either.
    let r = app
        .patch(
            &format!("/api/v1/users/{successor}"),
            &app.admin,
            &json!({"display_name": "李明"}),
            None,
        )
        .await;
    assert_eq!(r.ok(200)["display_name"], "李明");
}
