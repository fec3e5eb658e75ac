//! The construction permit's start deadline reaches the liaison's robot with the email
//! (days as in permit_reminders.rs: permit approved Friday 2026-03-13, deadline 06-13,
//! reminded 30 days before on Thursday 05-14).

use serde_json::json;

use super::{add_robot, chat_settings, content, run, FakeRobot};
use crate::helpers::spawn_app_with;
use crate::landing_fixture::landing_zone;
use crate::smtp::SmtpServer;

#[tokio::test]
async fn a_permit_deadline_reaches_the_liaisons_robot() {
    let smtp = SmtpServer::start();
    let settings = smtp.settings();
    let app = spawn_app_with("2026-03-16T02:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings;
        chat_settings(s);
    })
    .await;
    let robot = FakeRobot::start();
    let z = landing_zone(&app).await;
    add_robot(
        &app,
        &z.liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("k")}),
    )
    .await;
    let a = z
        .project(&app, "晶圆一期", Some("2026-310117-04-01-000001"))
        .await;
    z.approve_permit(&app, a, "2026-03-02", "2026-03-13").await;
    // Whatever alerts the project raised on the way are told first; count from here.
    run(&app, "2026-05-13T01:00:00Z").await;
    let before = robot.seen().len();
    run(&app, "2026-05-14T01:00:00Z").await;
    let seen = robot.seen();
    assert_eq!(seen.len(), before + 1, "{seen:?}");
    let text = content(&seen[before].body);
    assert!(
        text.contains("晶圆一期（2026-310117-04-01-000001）"),
        "{text}"
    );
    assert!(
        text.contains("2026-06-13") && text.contains("还剩 30 天"),
        "{text}"
    );
    run(&app, "2026-05-14T05:00:00Z").await;
    assert_eq!(robot.seen().len(), before + 1, "once");
}
