//! Permit validity: until 开工 is recorded, the liaisons are reminded 30 and 7 days before
//! the start deadline (approval + 3 months, + 3 per extension), in the sending window of a
//! working day like licences.
//!
//! Permit approved Friday 2026-03-13: deadline 06-13; one extension moves it to Sunday
//! 09-13. 30 days before 06-13 is Thursday 05-14; 30 days before 09-13 is Friday 08-14;
//! 7 days before is Sunday 09-06, a day off: the reminder waits for Monday 09-07.

use serde_json::json;

use crate::helpers::spawn_app_with;
use crate::landing_fixture::landing_zone;
use crate::smtp::SmtpServer;

#[tokio::test]
async fn reminders_come_30_and_7_days_before_the_start_deadline_on_working_days() {
    let smtp = SmtpServer::start();
    let settings = smtp.settings();
    let app = spawn_app_with("2026-03-16T02:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings;
        s.reports.weekly_email = false;
    })
    .await;
    let z = landing_zone(&app).await;
    let a = z
        .project(&app, "晶圆一期", Some("2026-310117-04-01-000001"))
        .await;
    z.approve_permit(&app, a, "2026-03-02", "2026-03-13").await;
    // B started the day after its permit: never reminded.
    let b = z.project(&app, "晶圆二期", None).await;
    z.approve_permit(&app, b, "2026-03-02", "2026-03-13").await;
    z.put_milestones(&app, b, &json!({"started": {"actual": "2026-03-16"}}))
        .await
        .ok(200);
    let m = app
        .get(&format!("/api/v1/projects/{a}/milestones"), &z.liaison)
        .await;
    assert_eq!(m.ok(200)["permit_start_deadline"], "2026-06-13");
    let run = |at: &'static str| {
        let app = &app;
        async move {
            app.post("/api/v1/jobs/run", &app.admin, &json!({"at": at}))
                .await
                .ok(200)["emails_sent"]
                .as_i64()
                .unwrap()
        }
    };
    // 09:00 in Shanghai is 01:00 UTC. 31 days before 06-13: nothing.
    assert_eq!(run("2026-05-13T01:00:00Z").await, 0);
    assert_eq!(run("2026-05-14T01:00:00Z").await, 1);
    assert_eq!(run("2026-05-14T05:00:00Z").await, 0, "once");
    // One extension recorded: the deadline is 09-13, reminders start again for it.
    let m = z
        .put_milestones(&app, a, &json!({"permit_extensions": 1}))
        .await;
    assert_eq!(m.ok(200)["permit_start_deadline"], "2026-09-13");
    assert_eq!(run("2026-06-08T01:00:00Z").await, 0);
    assert_eq!(run("2026-08-13T01:00:00Z").await, 0);
    assert_eq!(run("2026-08-14T01:00:00Z").await, 1);
    // 7 days before falls on Sunday 09-06: sent Monday 09-07.
    assert_eq!(run("2026-09-06T02:00:00Z").await, 0);
    assert_eq!(run("2026-09-07T01:00:00Z").await, 1);
    assert_eq!(run("2026-09-08T01:00:00Z").await, 0);
    let mails = smtp.messages();
    assert_eq!(mails.len(), 3);
    assert!(mails
        .iter()
        .all(|m| m.to.contains("liaison1@zone.example.cn")));
    assert!(mails
        .iter()
        .all(|m| m.text_body.contains("晶圆一期")
            && m.text_body.contains("2026-310117-04-01-000001")));
    assert!(
        mails[0].text_body.contains("2026年6月13日") && mails[0].text_body.contains("还有 30 天")
    );
    assert!(
        mails[1].text_body.contains("2026年9月13日") && mails[1].text_body.contains("还有 30 天")
    );
    // Monday 09-07 is 6 days before 09-13.
    assert!(
        mails[2].text_body.contains("2026年9月13日") && mails[2].text_body.contains("还有 6 天")
    );
    assert!(
        mails[2].subject.contains("开工期限提醒"),
        "{}",
        mails[2].subject
    );
}

#[tokio::test]
async fn recording_the_start_stops_the_reminders() {
    let smtp = SmtpServer::start();
    let settings = smtp.settings();
    let app = spawn_app_with("2026-03-16T02:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings;
        s.reports.weekly_email = false;
    })
    .await;
    let z = landing_zone(&app).await;
    let a = z.project(&app, "晶圆一期", None).await;
    z.approve_permit(&app, a, "2026-03-02", "2026-03-13").await;
    let run = |at: &'static str| {
        let app = &app;
        async move {
            app.post("/api/v1/jobs/run", &app.admin, &json!({"at": at}))
                .await
                .ok(200)["emails_sent"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(run("2026-05-14T01:00:00Z").await, 1);
    z.put_milestones(&app, a, &json!({"started": {"actual": "2026-03-16"}}))
        .await
        .ok(200);
    // 7 days before 06-13 is Saturday 06-06; Monday 06-08 would have sent it.
    assert_eq!(run("2026-06-08T01:00:00Z").await, 0);
    assert_eq!(smtp.messages().len(), 1);
}
