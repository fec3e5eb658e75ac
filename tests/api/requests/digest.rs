//! Overdue requests reach the owning liaison's digest (unowned ones: the managers) and
//! escalate to managers, each once. Filed Monday 2026-03-02: first reply due 03-03;
//! escalated once more than 3 working days past it: 03-04, 05, 06, 09 → Monday 03-09.

use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, TestApp, CODE_A};
use crate::smtp::SmtpServer;

async fn run(app: &TestApp, at: &str) -> (i64, i64) {
    let r = app
        .post("/api/v1/jobs/run", &app.admin, &json!({"at": at}))
        .await;
    let r: &Value = r.ok(200);
    (
        r["alerts_raised"].as_i64().unwrap(),
        r["emails_sent"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn overdue_requests_reach_the_liaison_and_escalate_to_managers_once() {
    let smtp = SmtpServer::start();
    let settings = smtp.settings();
    let app = spawn_app_with("2026-03-02T02:00:00Z".parse().unwrap(), move |s| {
        s.smtp = settings;
        s.reports.weekly_email = false;
    })
    .await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    app.add_user("manager1", "manager", None).await;
    let body = json!({"title": "临时用电申请", "text": "x", "category": "utilities"});
    app.post("/api/v1/requests", &firm, &body).await.ok(201);
    let body = json!({"title": "人才公寓申请", "text": "x", "category": "talent_housing", "channel": "visit", "enterprise_id": ent});
    app.post("/api/v1/requests", &liaison, &body).await.ok(201);

    // Tuesday 03-03 is the due day: nothing yet.
    assert_eq!(run(&app, "2026-03-03T02:00:00Z").await, (0, 0));
    // Wednesday 09:00: both replies overdue. The liaison's own one to the liaison, the
    // unowned one to the manager.
    assert_eq!(run(&app, "2026-03-04T01:00:00Z").await, (2, 2));
    let mails = smtp.messages();
    let to_liaison = mails.iter().find(|m| m.to.contains("liaison1@")).unwrap();
    assert!(
        to_liaison.text_body.contains("人才公寓申请"),
        "{}",
        to_liaison.text_body
    );
    assert!(to_liaison.text_body.contains("尚未首次答复"));
    assert!(!to_liaison.text_body.contains("临时用电申请"));
    let to_manager = mails.iter().find(|m| m.to.contains("manager1@")).unwrap();
    assert!(to_manager.text_body.contains("临时用电申请"));
    // Again: nothing raised or sent twice.
    assert_eq!(run(&app, "2026-03-04T02:00:00Z").await, (0, 0));
    // Monday 03-09: four working days past due: both escalated, one email to the manager.
    assert_eq!(run(&app, "2026-03-09T02:00:00Z").await, (2, 1));
    let mails = smtp.messages();
    assert_eq!(mails.len(), 3);
    let escalation = mails
        .iter()
        .find(|m| m.subject.contains("升级督办"))
        .unwrap();
    assert!(escalation.to.contains("manager1@"));
    assert!(
        escalation.text_body.contains("人才公寓申请")
            && escalation.text_body.contains("临时用电申请")
    );
}
