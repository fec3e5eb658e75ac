//! A robot is told what happens after it joins, not the zone's backlog: alerts raised
//! before it was registered, or while it was switched off, stay in email and the records.
//! The zone's days are those of alerts.rs: yellow and stalled Thu 03-12, red Sat 03-14.

use serde_json::json;

use super::{add_robot, app_with, content, run, zone, FakeRobot};
use crate::smtp::SmtpServer;

#[tokio::test]
async fn a_robot_hears_what_is_raised_after_it_joins_and_nothing_from_before() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (_, _, liaison) = zone(&app).await;
    // Thu 03-12: yellow and stalled; Fri 03-13 08:30: emailed, no robot yet.
    run(&app, "2026-03-12T12:00:00Z").await;
    let r = run(&app, "2026-03-13T00:30:00Z").await;
    assert_eq!(r["emails_sent"].as_i64(), Some(1));
    // Fri 09:00: the liaison registers two groups' robots; one is switched off at once.
    add_robot(
        &app,
        &liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("new")}),
    )
    .await;
    let resting = add_robot(
        &app,
        &liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("rest")}),
    )
    .await;
    let path = format!("/api/v1/chat-robots/{resting}");
    app.patch(&path, &liaison, &json!({"active": false}), None)
        .await
        .ok(200);
    let r = run(&app, "2026-03-13T01:00:00Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(0), "the backlog is not told");
    assert!(robot.seen().is_empty());
    // Sat 03-14: red, raised while the second robot rests; it is switched on again Monday.
    run(&app, "2026-03-14T02:00:00Z").await;
    app.patch(&path, &liaison, &json!({"active": true}), None)
        .await
        .ok(200);
    // Mon 03-16 08:30: the red alert reaches the robot that listened when it was raised.
    let r = run(&app, "2026-03-16T00:30:00Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(1));
    let seen = robot.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].target, "/cgi-bin/webhook/send?key=new");
    let text = content(&seen[0].body);
    assert!(
        text.contains("施工许可证") && text.contains("红灯"),
        "{text}"
    );
    for before in ["黄灯", "环评审批"] {
        assert!(
            !text.contains(before),
            "told the backlog ({before}): {text}"
        );
    }
}
