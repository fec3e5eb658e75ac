//! Permit validity: until 开工 is recorded, the liaisons are reminded 30 and 7 days before
//! the start deadline (approval + 3 months, + 3 per extension), in the sending window of a
//! working day like licences.
//!
//! Permit approved Friday 2026-03-13: deadline 06-13; one extension moves it to Sunday
//! 09-13. 30 days before 06-13 is Thursday 05-14; 30 days before 09-13 is Friday 08-14;
//! 7 days before is Sunday 09-06, a day off: the reminder waits for Monday 09-07.

use serde_json::json;

use crate::helpers::{spawn_app_with, spawn_second_instance, PASSWORD};
use crate::landing_fixture::landing_zone;
use crate::pages::client::PageClient;
use crate::pages::html_check::check_page;
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
    let run = |at: &'static str| app.emails_sent_at(at);
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
    let run = |at: &'static str| app.emails_sent_at(at);
    assert_eq!(run("2026-05-14T01:00:00Z").await, 1);
    z.put_milestones(&app, a, &json!({"started": {"actual": "2026-03-16"}}))
        .await
        .ok(200);
    // 7 days before 06-13 is Saturday 06-06; Monday 06-08 would have sent it.
    assert_eq!(run("2026-06-08T01:00:00Z").await, 0);
    assert_eq!(smtp.messages().len(), 1);
}

/// Issued Tuesday 2026-03-31: 3 months → 06-30; each extension runs from the deadline it
/// extends → 09-30 → 12-30 (民法典 art. 202; 9 months from the issue would be 12-31). No
/// 开工 by 12-30: lapsed (已失效) from Thursday 12-31, a working day, whose first sending
/// run tells the liaison and the manager once. 开工 recorded late stays a lapse.
#[tokio::test]
async fn a_permit_past_its_deadline_without_a_start_lapses_with_one_alert() {
    let smtp = SmtpServer::start();
    let settings = smtp.settings();
    let app = spawn_app_with("2026-04-01T02:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings;
        s.reports.weekly_email = false;
    })
    .await;
    let z = landing_zone(&app).await;
    let a = z
        .project(&app, "晶圆一期", Some("2026-310117-04-01-000001"))
        .await;
    z.approve_permit(&app, a, "2026-03-02", "2026-03-31").await;
    let path = format!("/api/v1/projects/{a}/milestones");
    let m = app.get(&path, &z.liaison).await.ok(200).clone();
    assert_eq!(
        (&m["permit_start_deadline"], &m["permit_lapsed"]),
        (&json!("2026-06-30"), &json!(false))
    );
    let m = z
        .put_milestones(&app, a, &json!({"permit_extensions": 1}))
        .await;
    assert_eq!(m.ok(200)["permit_start_deadline"], "2026-09-30");
    let m = z
        .put_milestones(
            &app,
            a,
            &json!({"permit_extensions": 2, "started": {"planned": "2026-10-15"}}),
        )
        .await;
    assert_eq!(m.ok(200)["permit_start_deadline"], "2026-12-30");
    let run = |at: &'static str| app.emails_sent_at(at);
    // Wednesday 12-23, 7 days before: one reminder to the liaison (30 and 7 reached).
    assert_eq!(run("2026-12-23T01:00:00Z").await, 1);
    // The deadline's own day: not lapsed yet.
    assert_eq!(run("2026-12-30T01:00:00Z").await, 0);
    // The day after: one alert each to the liaison and the manager, once.
    assert_eq!(run("2026-12-31T01:00:00Z").await, 2);
    assert_eq!(run("2026-12-31T05:00:00Z").await, 0, "once");
    let later = spawn_second_instance(&app, "2027-01-04T02:00:00Z".parse().unwrap(), |_| {}).await;
    assert_eq!(run("2027-01-04T01:00:00Z").await, 0, "once across runs");
    let mails = smtp.messages();
    assert_eq!(mails.len(), 3);
    let lapse: Vec<_> = mails
        .iter()
        .filter(|m| m.subject.contains("已失效"))
        .collect();
    assert_eq!(
        lapse.len(),
        2,
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert!(lapse
        .iter()
        .any(|m| m.to.contains("liaison1@zone.example.cn")));
    assert!(lapse
        .iter()
        .any(|m| m.to.contains("manager1@zone.example.cn")));
    assert!(lapse.iter().all(|m| m.text_body.contains("2026年12月30日")
        && m.text_body.contains("2026-310117-04-01-000001")));

    // Read on 12-31: lapsed in the milestones and the year's landing list (planned 10-15,
    // not started).
    let dec31 = spawn_second_instance(&app, "2026-12-31T06:00:00Z".parse().unwrap(), |_| {}).await;
    let liaison = dec31.login("liaison1", PASSWORD).await;
    let m = dec31.get(&path, &liaison).await.ok(200).clone();
    assert_eq!(m["permit_lapsed"], true);
    let l = dec31
        .get("/api/v1/landing?year=2026", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(l["not_started"][0]["project_id"], a);
    assert_eq!(l["not_started"][0]["permit_lapsed"], true);
    // The pages say so: the project page, the enterprise's page, the managers' overview.
    app.add_user("wafer.firm", "enterprise", Some(z.ent)).await;
    for (who, path, mark) in [
        (
            "liaison1",
            format!("/projects/{a}"),
            "id=\"permit-lapsed\"".to_string(),
        ),
        (
            "wafer.firm",
            "/enterprise".into(),
            format!("id=\"permit-lapsed-{a}\""),
        ),
        ("manager1", "/overview".into(), format!("id=\"lapsed-{a}\"")),
    ] {
        let mut c = PageClient::new(&dec31);
        c.login(who, PASSWORD).await;
        let page = c.get(&path).await;
        let at = page
            .body
            .find(&mark)
            .unwrap_or_else(|| panic!("{path}: {}", page.body));
        assert!(
            page.body[at..].contains("施工许可已失效"),
            "{path}: {}",
            page.body
        );
        check_page(&path, &page.body);
    }
    // 开工 recorded late (after the deadline) is allowed; the lapse stays.
    let liaison = later.login("liaison1", PASSWORD).await;
    let m = later
        .put(
            &path,
            &liaison,
            &json!({"started": {"actual": "2027-01-04"}}),
            None,
        )
        .await;
    assert_eq!(
        (&m.ok(200)["started"]["actual"], &m.body["permit_lapsed"]),
        (&json!("2027-01-04"), &json!(true))
    );
}
