//! Delivery: the digest reaches both robots and the email in one run, escalations mention
//! the liaison, DingTalk requests are signed, and failures are retried or kept as they
//! should be. The zone's days are those of alerts.rs.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

use super::{add_robot, app_with, content, run, zone, FakeRobot, Script};
use crate::smtp::SmtpServer;

/// DingTalk's documented signature, computed here from its definition.
fn dingtalk_sign(secret: &str, ms: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{ms}\n{secret}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn query(target: &str, name: &str) -> Option<String> {
    url::Url::parse(&format!("http://x{target}"))
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn a_digest_reaches_both_robots_and_the_email_in_one_run() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (project, _, liaison) = zone(&app).await;
    add_robot(
        &app,
        &liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("wk")}),
    )
    .await;
    add_robot(
        &app,
        &liaison,
        json!({"kind": "dingtalk", "url": robot.dingtalk_url("dt"), "secret": "SECabc"}),
    )
    .await;
    // Thu 03-12 20:00: yellow and stalled, outside the window: nothing is posted.
    let r = run(&app, "2026-03-12T12:00:00Z").await;
    assert_eq!(
        (r["alerts_raised"].as_i64(), r["chat_sent"].as_i64()),
        (Some(2), Some(0))
    );
    assert!(robot.seen().is_empty());
    // Fri 03-13 08:30 (00:30 UTC): one email and one message to each robot.
    let r = run(&app, "2026-03-13T00:30:00Z").await;
    assert_eq!(
        (r["emails_sent"].as_i64(), r["chat_sent"].as_i64()),
        (Some(1), Some(2))
    );
    assert_eq!(smtp.messages().len(), 1);
    let seen = robot.seen();
    assert_eq!(seen.len(), 2);
    let wecom = seen
        .iter()
        .find(|s| s.target.starts_with("/cgi-bin"))
        .unwrap();
    assert_eq!(wecom.target, "/cgi-bin/webhook/send?key=wk");
    assert_eq!(wecom.body["msgtype"], "markdown");
    let text = content(&wecom.body);
    for part in [
        "300毫米硅片生产线",
        "施工许可证",
        "环评审批",
        "黄灯",
        "停滞",
        &format!("/projects/{project}"),
    ] {
        assert!(text.contains(part), "lacks {part}: {text}");
    }
    assert!(text.len() <= 4096);
    // DingTalk: signed with the run's instant (ms) per its documented rule.
    let ding = seen
        .iter()
        .find(|s| s.target.starts_with("/robot"))
        .unwrap();
    let ms: i64 = "2026-03-13T00:30:00Z"
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap()
        .timestamp_millis();
    assert_eq!(query(&ding.target, "access_token").as_deref(), Some("dt"));
    assert_eq!(query(&ding.target, "timestamp"), Some(ms.to_string()));
    assert_eq!(
        query(&ding.target, "sign"),
        Some(dingtalk_sign("SECabc", ms))
    );
    assert_eq!(ding.body["markdown"]["title"], "审批预警");
    assert!(content(&ding.body).contains("施工许可证"));
    // Again the same day: nothing new for anyone.
    let r = run(&app, "2026-03-13T01:00:00Z").await;
    assert_eq!(
        (r["emails_sent"].as_i64(), r["chat_sent"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(robot.seen().len(), 2);
    // The alert list shows each alert's chat deliveries.
    let alerts = app.get("/api/v1/alerts", &app.admin).await.ok(200).clone();
    for a in alerts["items"].as_array().unwrap() {
        assert_eq!(a["chat"].as_array().unwrap().len(), 2, "{a}");
        assert!(a["chat"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "sent"));
    }
}

#[tokio::test]
async fn escalations_reach_the_managers_group_mentioning_the_liaison() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (_, liaison_id, _) = zone(&app).await;
    app.patch(
        &format!("/api/v1/users/{liaison_id}"),
        &app.admin,
        &json!({"mobile": "13800001111"}),
        None,
    )
    .await
    .ok(200);
    add_robot(
        &app,
        &app.admin,
        json!({"kind": "wecom", "url": robot.wecom_url("mw")}),
    )
    .await;
    add_robot(
        &app,
        &app.admin,
        json!({"kind": "dingtalk", "url": robot.dingtalk_url("md")}),
    )
    .await;
    // Thu 03-19 10:00: permit four working days past due → escalated.
    run(&app, "2026-03-19T02:00:00Z").await;
    let seen = robot.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    let wecom = seen
        .iter()
        .find(|s| s.target.starts_with("/cgi-bin"))
        .unwrap();
    assert_eq!(
        wecom.body["msgtype"], "text",
        "WeCom markdown cannot mention"
    );
    assert_eq!(
        wecom.body["text"]["mentioned_mobile_list"],
        json!(["13800001111"])
    );
    assert!(content(&wecom.body).contains("施工许可证"));
    assert!(content(&wecom.body).len() <= 2048);
    let ding = seen
        .iter()
        .find(|s| s.target.starts_with("/robot"))
        .unwrap();
    assert_eq!(ding.body["at"]["atMobiles"], json!(["13800001111"]));
    assert!(content(&ding.body).contains("@13800001111"));
    // No secret, no signature.
    assert_eq!(query(&ding.target, "sign"), None);
}

#[tokio::test]
async fn an_outage_is_delivered_once_after_back_off() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (_, _, liaison) = zone(&app).await;
    add_robot(
        &app,
        &liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("k")}),
    )
    .await;
    robot.answer(Script::Status(500));
    robot.answer(Script::Hang(std::time::Duration::from_secs(3)));
    // Thu 03-12 09:00: HTTP 500 → retried after 1 minute.
    let r = run(&app, "2026-03-12T01:00:00Z").await;
    assert_eq!(
        (r["chat_sent"].as_i64(), r["chat_failed"].as_i64()),
        (Some(0), Some(1))
    );
    let alerts = app.get("/api/v1/alerts", &app.admin).await.ok(200).clone();
    assert_eq!(alerts["items"][0]["chat"][0]["status"], "pending");
    assert_eq!(alerts["items"][0]["chat"][0]["last_error"], "HTTP 500");
    // 30 s later: not yet due.
    let r = run(&app, "2026-03-12T01:00:30Z").await;
    assert_eq!(r["chat_failed"].as_i64(), Some(0));
    assert_eq!(robot.seen().len(), 1);
    // 1 min later: the robot hangs past the timeout → retried after 2 minutes.
    let r = run(&app, "2026-03-12T01:01:00Z").await;
    assert_eq!(r["chat_failed"].as_i64(), Some(1));
    let r = run(&app, "2026-03-12T01:02:00Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(0));
    let r = run(&app, "2026-03-12T01:03:00Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(1));
    run(&app, "2026-03-12T01:30:00Z").await;
    assert_eq!(
        robot.seen().len(),
        3,
        "three attempts, one message delivered once"
    );
    let alerts = app.get("/api/v1/alerts", &app.admin).await.ok(200).clone();
    assert_eq!(alerts["items"][0]["chat"][0]["status"], "sent");
}

#[tokio::test]
async fn the_platforms_errcodes_wait_or_fail_for_good_and_a_failing_robot_is_reported_once() {
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
    // 45009 (over 20 a minute): the robot rests a minute, then the message goes.
    robot.answer(Script::Code(45009));
    run(&app, "2026-03-12T01:00:00Z").await;
    let r = run(&app, "2026-03-12T01:00:59Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(0));
    assert_eq!(robot.seen().len(), 1);
    let r = run(&app, "2026-03-12T01:01:00Z").await;
    assert_eq!(r["chat_sent"].as_i64(), Some(1));
    // Sat 03-14 red; Mon 03-16 08:30 the red digest meets 45002 (too long): failed for good.
    robot.answer(Script::Code(45002));
    run(&app, "2026-03-16T00:30:00Z").await;
    let red = app
        .get(
            &format!("/api/v1/alerts?level=red&project_id={project}"),
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(red["items"][0]["chat"][0]["status"], "failed");
    assert_eq!(
        red["items"][0]["chat"][0]["last_error"],
        "errcode 45002: content size out of limit"
    );
    run(&app, "2026-03-16T02:00:00Z").await;
    assert_eq!(robot.seen().len(), 3, "a refused message is never retried");
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("chat_refused{reason=\"errcode 45002\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_robot_that_keeps_failing_is_reported_to_admins_once() {
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
    for _ in 0..10 {
        robot.answer(Script::Code(310000));
    }
    // Four licences expiring within a week: four reminders, each refused for good.
    super::limits::licences(&app, project, 4).await;
    run(&app, "2026-03-16T02:00:00Z").await;
    assert_eq!(robot.seen().len(), 4 + 1, "four reminders and the digest");
    let robots = app
        .get("/api/v1/chat-robots", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(robots[0]["failures_in_row"], 5);
    assert_eq!(robots[0]["last_error"], "errcode 310000: sign not match");
    run(&app, "2026-03-16T02:05:00Z").await;
    let reports: Vec<_> = smtp
        .messages()
        .into_iter()
        .filter(|m| m.subject.contains("群机器人"))
        .collect();
    assert_eq!(reports.len(), 1, "one admin, told once");
    assert!(reports[0].to.contains("admin"), "{}", reports[0].to);
    assert!(
        reports[0].text_body.contains("errcode 310000"),
        "{}",
        reports[0].text_body
    );
}
