//! Overdue enterprise requests reach the robots too: the owning liaison's robot, and the
//! managers' robot when escalated, mentioning that liaison. Days as in requests/digest.rs:
//! filed Monday 2026-03-02, first reply due 03-03, escalated Monday 03-09.

use serde_json::json;

use super::{add_robot, chat_settings, content, run, FakeRobot};
use crate::helpers::{spawn_app_with, CODE_A};
use crate::smtp::SmtpServer;

#[tokio::test]
async fn overdue_requests_reach_the_liaisons_robot_and_escalate_to_the_managers_group() {
    let smtp = SmtpServer::start();
    let settings = smtp.settings();
    let app = spawn_app_with("2026-03-02T02:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings;
        chat_settings(s);
    })
    .await;
    let robot = FakeRobot::start();
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    app.add_user("manager1", "manager", None).await;
    app.patch(
        &format!("/api/v1/users/{liaison_id}"),
        &app.admin,
        &json!({"mobile": "13700002222"}),
        None,
    )
    .await
    .ok(200);
    add_robot(
        &app,
        &liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("own")}),
    )
    .await;
    add_robot(
        &app,
        &app.admin,
        json!({"kind": "dingtalk", "url": robot.dingtalk_url("mgr")}),
    )
    .await;
    let body = json!({"title": "人才公寓申请", "text": "x", "category": "talent_housing", "channel": "visit", "enterprise_id": ent});
    let id = app.post("/api/v1/requests", &liaison, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    // Wednesday 03-04 09:00: the reply is overdue → the liaison's robot.
    run(&app, "2026-03-04T01:00:00Z").await;
    let seen = robot.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].target.contains("key=own"));
    let text = content(&seen[0].body);
    assert!(
        text.contains("人才公寓申请") && text.contains("尚未首次答复"),
        "{text}"
    );
    assert!(text.contains(&format!("/requests/{id}")), "{text}");
    // Monday 03-09: escalated → the managers' robot, mentioning the liaison.
    run(&app, "2026-03-09T02:00:00Z").await;
    let seen = robot.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[1].target.contains("access_token=mgr"));
    assert_eq!(seen[1].body["at"]["atMobiles"], json!(["13700002222"]));
    assert!(content(&seen[1].body).contains("@13700002222"));
    // Nothing twice.
    run(&app, "2026-03-09T03:00:00Z").await;
    assert_eq!(robot.seen().len(), 2);
}
