//! The scheduler against a real SMTP server: digests, no duplicates, the sending window,
//! escalation, an outage, two instances. Figures worked by hand on the 2026 calendar.
//!
//! Step `permit` (limit 9) accepted Monday 03-02: due 03-02 + 9 = Friday 03-13; yellow
//! from day ⌈0.8 × 9⌉ = 8 = Thursday 03-12; red from Saturday 03-14; escalated once more
//! than 3 working days past due: 03-16, 17, 18, 19 → Thursday 03-19.
//! Step `eia` (limit 20) accepted 03-02, materials requested Wednesday 03-04: paused days
//! by 03-11 = 5 (not stalled), by 03-12 = 6 (stalled).

use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, spawn_second_instance, TestApp, CODE_A};
use crate::smtp::SmtpServer;

fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-03-20T02:00:00Z".parse().unwrap()
}

/// An app sending to `smtp`; the Monday report is off so only alerts are counted.
pub async fn app_with_mail(smtp: &SmtpServer) -> TestApp {
    let settings = smtp.settings();
    spawn_app_with(now(), move |s| {
        s.smtp = settings;
        s.reports.weekly_email = false;
    })
    .await
}

/// The zone of these tests: step `permit` yellow Thu 03-12, red Sat 03-14, escalated Thu
/// 03-19; `eia` stalled from Thu 03-12. Returns (project id, liaison id, liaison token).
pub async fn zone(app: &TestApp) -> (i64, i64, String) {
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    app.add_user("manager1", "manager", None).await;
    let step = |key: &str, name: &str, days: i64| json!({"key": key, "name": name, "agency": "区建管委", "stage": "施工许可", "statutory_days": days, "depends_on": []});
    let body = json!({"name": "300毫米硅片生产线", "enterprise_id": ent, "steps": [step("permit", "施工许可证", 9), step("eia", "环评审批", 20)], "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    for (key, action, on) in [
        ("permit", "accept", "2026-03-02"),
        ("eia", "accept", "2026-03-02"),
        ("eia", "request_materials", "2026-03-04"),
    ] {
        app.post(
            &format!("/api/v1/projects/{id}/steps/{key}/events"),
            &app.admin,
            &crate::helpers::event_body(action, on),
        )
        .await
        .ok(200);
    }
    (id, liaison_id, liaison)
}

/// The zone; returns the liaison's and the manager's email addresses.
async fn setup(app: &TestApp) -> (String, String) {
    zone(app).await;
    (
        "liaison1@zone.example.cn".into(),
        "manager1@zone.example.cn".into(),
    )
}

async fn run(app: &TestApp, at: &str) -> Value {
    app.post("/api/v1/jobs/run", &app.admin, &json!({"at": at}))
        .await
        .ok(200)
        .clone()
}

fn counts(r: &Value) -> (i64, i64, i64) {
    (
        r["alerts_raised"].as_i64().unwrap(),
        r["emails_sent"].as_i64().unwrap(),
        r["emails_failed"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn digests_respect_the_window_and_never_repeat() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp).await;
    let (liaison, manager) = setup(&app).await;
    // Wed 03-11 09:00: permit used 7 of 9 (green), eia paused 5 (not stalled).
    assert_eq!(counts(&run(&app, "2026-03-11T01:00:00Z").await), (0, 0, 0));
    // Thu 03-12 20:00: yellow and stalled, but outside the window: nothing leaves.
    assert_eq!(counts(&run(&app, "2026-03-12T12:00:00Z").await), (2, 0, 0));
    assert!(smtp.messages().is_empty());
    // Fri 03-13 08:30, the window opens: one digest with both.
    assert_eq!(counts(&run(&app, "2026-03-13T00:30:00Z").await), (0, 1, 0));
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].to.contains(&liaison), "{}", mails[0].to);
    for text in [
        "施工许可证",
        "环评审批",
        "300毫米硅片生产线",
        "2026年3月13日",
        "English",
    ] {
        assert!(
            mails[0].text_body.contains(text),
            "digest lacks {text}: {}",
            mails[0].text_body
        );
    }
    let first_id = mails[0].message_id.clone();
    // Again the same day: nothing new, no second email.
    assert_eq!(counts(&run(&app, "2026-03-13T01:00:00Z").await), (0, 0, 0));
    // Sat 03-14: red, but not a working day. Mon 03-16 08:00: before the window.
    assert_eq!(counts(&run(&app, "2026-03-14T02:00:00Z").await), (1, 0, 0));
    assert_eq!(counts(&run(&app, "2026-03-16T00:00:00Z").await), (0, 0, 0));
    assert_eq!(smtp.messages().len(), 1);
    // Mon 08:30: the red alert, alone.
    assert_eq!(counts(&run(&app, "2026-03-16T00:30:00Z").await), (0, 1, 0));
    let mails = smtp.messages();
    assert_eq!(mails.len(), 2);
    let red = mails.iter().find(|m| m.message_id != first_id).unwrap();
    assert!(red.subject.contains("红灯"), "{}", red.subject);
    assert!(
        !red.text_body.contains("环评审批"),
        "only what was not yet emailed: {}",
        red.text_body
    );
    // Thu 03-19: four working days past due → escalated to the manager only.
    assert_eq!(counts(&run(&app, "2026-03-19T02:00:00Z").await), (1, 1, 0));
    let mails = smtp.messages();
    assert_eq!(mails.len(), 3);
    assert_eq!(mails.iter().filter(|m| m.to.contains(&manager)).count(), 1);
    // The record: four alerts, each delivered once.
    let alerts = app.get("/api/v1/alerts", &app.admin).await.ok(200).clone();
    let mut levels: Vec<&str> = alerts["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["level"].as_str().unwrap())
        .collect();
    levels.sort_unstable();
    assert_eq!(levels, ["escalated", "red", "stalled", "yellow"]);
    for a in alerts["items"].as_array().unwrap() {
        assert_eq!(a["deliveries"].as_array().unwrap().len(), 1, "{a}");
        assert_eq!(a["deliveries"][0]["status"], "sent");
    }
    let red_only = app
        .get("/api/v1/alerts?level=red", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(red_only["total"], 1);
}

#[tokio::test]
async fn an_alert_raised_while_smtp_is_down_is_delivered_once_when_it_returns() {
    let mut smtp = SmtpServer::start();
    let app = app_with_mail(&smtp).await;
    setup(&app).await;
    smtp.stop();
    let r = run(&app, "2026-03-12T01:00:00Z").await;
    assert_eq!(counts(&r), (2, 0, 1));
    let alerts = app.get("/api/v1/alerts", &app.admin).await.ok(200).clone();
    assert_eq!(alerts["items"][0]["deliveries"][0]["status"], "pending");
    assert_eq!(alerts["items"][0]["deliveries"][0]["attempts"], 1);
    smtp.restart();
    // The retry waits its back-off (one minute): 30 s later nothing is attempted.
    assert_eq!(counts(&run(&app, "2026-03-12T01:00:30Z").await), (0, 0, 0));
    assert_eq!(counts(&run(&app, "2026-03-12T01:02:00Z").await), (0, 1, 0));
    assert_eq!(counts(&run(&app, "2026-03-12T01:10:00Z").await), (0, 0, 0));
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1);
    let alerts = app.get("/api/v1/alerts", &app.admin).await.ok(200).clone();
    assert_eq!(alerts["items"][0]["deliveries"][0]["status"], "sent");
    assert_eq!(alerts["items"][0]["deliveries"][0]["attempts"], 2);
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_alert_once() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp).await;
    setup(&app).await;
    let settings = smtp.settings();
    let other = spawn_second_instance(&app, now(), move |s| {
        s.smtp = settings;
        s.reports.weekly_email = false;
    })
    .await;
    let at = json!({"at": "2026-03-12T01:00:00Z"});
    let (a, b) = tokio::join!(
        app.post("/api/v1/jobs/run", &app.admin, &at),
        other.post("/api/v1/jobs/run", &other.admin, &at)
    );
    let raised =
        a.ok(200)["alerts_raised"].as_i64().unwrap() + b.ok(200)["alerts_raised"].as_i64().unwrap();
    let sent = a.body["emails_sent"].as_i64().unwrap() + b.body["emails_sent"].as_i64().unwrap();
    assert_eq!((raised, sent), (2, 1));
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn only_admins_run_jobs() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp).await;
    let (_, liaison) = app.add_user("liaison9", "liaison", None).await;
    app.post("/api/v1/jobs/run", &liaison, &json!({}))
        .await
        .problem(403);
    app.post("/api/v1/jobs/run", &app.admin, &json!({"at": "yesterday"}))
        .await
        .problem(400);
    let r = app.get("/api/v1/alerts?level=purple", &app.admin).await;
    assert_eq!(r.problem(422)["code"], "alert_level", "{}", r.body);
    app.get("/api/v1/alerts", &liaison).await.ok(200);
}

#[tokio::test]
async fn a_step_accepted_again_starts_a_new_episode_that_can_alert_again() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp).await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (liaison_id, _) = app.add_user("liaison1", "liaison", None).await;
    let steps = json!([{"key": "filing", "name": "项目备案", "agency": "区发改委", "stage": "立项用地规划许可", "statutory_days": 1, "depends_on": []}]);
    let body = json!({"name": "P", "enterprise_id": ent, "steps": steps, "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    // Accepted Mon 03-02, limit 1: due 03-03, red on Wed 03-04. Rejected and accepted
    // again on Thu 03-05: due Fri 03-06, red again by Mon 03-09.
    for (action, on) in [
        ("accept", "2026-03-02"),
        ("reject", "2026-03-05"),
        ("accept", "2026-03-05"),
    ] {
        app.post(
            &format!("/api/v1/projects/{id}/steps/filing/events"),
            &app.admin,
            &crate::helpers::event_body(action, on),
        )
        .await
        .ok(200);
    }
    // The run of 03-04 sees the data as it stood then: the first episode, red.
    assert_eq!(counts(&run(&app, "2026-03-04T01:00:00Z").await), (1, 1, 0));
    assert_eq!(counts(&run(&app, "2026-03-05T01:00:00Z").await), (0, 0, 0));
    assert_eq!(counts(&run(&app, "2026-03-09T01:00:00Z").await), (1, 1, 0));
    let alerts = app
        .get("/api/v1/alerts?level=red", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(alerts["total"], 2);
    assert_eq!(smtp.messages().len(), 2);
}
