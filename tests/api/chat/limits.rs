//! Never more than 20 messages a minute to one robot, counted in the database: one
//! instance spreads 25 over two minutes; two instances on one database send each message
//! once and share the 20.

use std::collections::HashSet;

use serde_json::json;

use super::{add_robot, app_with, chat_settings, content, now, run, zone, FakeRobot};
use crate::helpers::{spawn_second_instance, TestApp};
use crate::smtp::SmtpServer;

/// `n` licences of the project's enterprise expiring Fri 03-20 (within a week of Mon 03-16:
/// each is reminded in Monday's window, one chat message each to the liaison's robot).
pub async fn licences(app: &TestApp, project: i64, n: usize) {
    let p = app
        .get(&format!("/api/v1/projects/{project}"), &app.admin)
        .await
        .ok(200)
        .clone();
    let ent = p["enterprise_id"].as_i64().unwrap();
    for i in 0..n {
        let lic = json!({"enterprise_id": ent, "project_id": project, "kind": "排污许可证",
            "number": format!("沪松排字〔2021〕{i:04}"), "issued_on": "2021-03-20", "expires_on": "2026-03-20"});
        app.post("/api/v1/licences", &app.admin, &lic).await.ok(201);
    }
}

#[tokio::test]
async fn twenty_five_messages_for_one_robot_spread_over_two_minutes() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (project, _, liaison) = zone(&app).await;
    add_robot(
        &app,
        &liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("k")}),
    )
    .await;
    // Mon 03-16 10:00: 24 licence reminders and the digest (yellow, stalled, red) = 25.
    licences(&app, project, 24).await;
    let r = run(&app, "2026-03-16T02:00:00Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(20));
    assert_eq!(robot.seen().len(), 20);
    // Half a minute on, the robot has had its 20 of this minute.
    let r = run(&app, "2026-03-16T02:00:30Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(0));
    // A minute after the first 20: the last 5.
    let r = run(&app, "2026-03-16T02:01:00Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(5));
    let seen = robot.seen();
    assert_eq!(seen.len(), 25);
    let distinct: HashSet<String> = seen.iter().map(|s| content(&s.body)).collect();
    assert_eq!(distinct.len(), 25, "each message once");
}

#[tokio::test]
async fn two_instances_send_each_message_once_and_never_more_than_twenty_a_minute() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (project, _, liaison) = zone(&app).await;
    add_robot(
        &app,
        &liaison,
        json!({"kind": "dingtalk", "url": robot.dingtalk_url("t"), "secret": "SECx"}),
    )
    .await;
    licences(&app, project, 24).await;
    let settings = smtp.settings();
    let other = spawn_second_instance(&app, now(), move |s| {
        s.smtp = settings;
        chat_settings(s);
    })
    .await;
    for (at, total) in [
        ("2026-03-16T02:00:00Z", 20),
        ("2026-03-16T02:00:40Z", 20),
        ("2026-03-16T02:01:00Z", 25),
    ] {
        let body = json!({"at": at});
        let (a, b) = tokio::join!(
            app.post("/api/v1/jobs/run", &app.admin, &body),
            other.post("/api/v1/jobs/run", &other.admin, &body)
        );
        a.ok(200);
        b.ok(200);
        assert_eq!(robot.seen().len(), total, "at {at}");
    }
    let distinct: HashSet<String> = robot.seen().iter().map(|s| content(&s.body)).collect();
    assert_eq!(
        distinct.len(),
        25,
        "each message once across both instances"
    );
}
