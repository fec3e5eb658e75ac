//! Alerts and the catch-up from the pages: an admin runs the jobs as of now and reads
//! what was done; staff read the alerts with their delivery; a bad filter is said beside
//! it; each page only for whom it is for.

use super::client::{csrf_in, PageClient};
use super::fixture::{zone, USER_PASSWORD};
use super::forms::field_error;
use super::matrix::Callers;
use crate::helpers::ADMIN_PASSWORD;

/// The number after a label in the jobs report (`<dt>label</dt><dd>N</dd>`).
fn figure(body: &str, label: &str) -> i64 {
    let at = body.find(&format!("<dt>{label}</dt><dd>")).expect(label) + label.len() + 13;
    body[at..at + body[at..].find('<').unwrap()]
        .parse()
        .unwrap()
}

#[tokio::test]
async fn an_admin_catches_up_and_staff_read_the_alerts() {
    let z = zone().await;
    let mut admin = PageClient::new(&z.app);
    admin.login("admin", ADMIN_PASSWORD).await;
    let page = admin.get("/admin/jobs").await;
    assert_eq!(page.status, 200);
    let ran = admin
        .post("/admin/jobs", &[("csrf", &csrf_in(&page.body))])
        .await;
    assert_eq!(ran.status, 200, "{}", ran.body);
    assert!(ran.body.contains("已补跑。"));
    // The same figures the API keeps: every alert raised is listed.
    let raised = figure(&ran.body, "新提醒");
    let api = z
        .app
        .get("/api/v1/alerts?per_page=500", &z.app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(Some(raised), api["total"].as_i64());
    assert!(
        raised >= 2,
        "the red land pre-review and the stalled EIA: {raised}"
    );
    // A second run raises nothing new.
    let again = admin
        .post("/admin/jobs", &[("csrf", &csrf_in(&page.body))])
        .await;
    assert_eq!(figure(&again.body, "新提醒"), 0);

    let mut liaison = PageClient::new(&z.app);
    liaison.login(&z.liaison, USER_PASSWORD).await;
    let list = liaison.get("/alerts").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body.matches("<tr data-level=").count() as i64, raised);
    assert!(list.body.contains("用地预审与选址意见书") && list.body.contains("红灯"));
    let red = liaison.get("/alerts?level=red").await;
    assert!(
        red.body.contains("data-level=\"red\"") && !red.body.contains("data-level=\"stalled\"")
    );
    let bad = liaison.get("/alerts?level=purple").await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        field_error(&bad.body, "level").as_deref(),
        Some("应为黄灯、红灯、停滞或升级之一")
    );

    let mut who = Callers::of(&z).await;
    who.check_gets(&[
        ("/alerts".into(), [200, 200, 200, 200, 403, 403, 303]),
        ("/admin/jobs".into(), [200, 403, 403, 403, 403, 403, 303]),
    ])
    .await;
    who.check_posts(&[(
        "/admin/jobs".into(),
        vec![],
        [200, 403, 403, 403, 403, 403, 303],
    )])
    .await;
}

/// Issue 28: an alert names its project (and its 项目代码), linked, never as `#id`.
#[tokio::test]
async fn each_alert_names_its_project_and_its_code() {
    let z = zone().await;
    let code = "2026-310117-04-01-000033";
    let path = format!("/api/v1/projects/{}", z.red);
    z.app
        .patch(
            &path,
            &z.app.admin,
            &serde_json::json!({"project_code": code}),
            None,
        )
        .await
        .ok(200);
    z.app
        .post(
            "/api/v1/jobs/run",
            &z.app.admin,
            &serde_json::json!({"at": "2026-03-16T10:00:00+08:00"}),
        )
        .await
        .ok(200);
    let mut manager = PageClient::new(&z.app);
    manager.login(&z.manager, USER_PASSWORD).await;
    let list = manager.get("/alerts?level=red").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let cell = list
        .body
        .split("<td class=\"alert-project\">")
        .nth(1)
        .and_then(|rest| rest.split("</td>").next())
        .unwrap_or_else(|| panic!("no alert row: {}", list.body));
    assert_eq!(
        cell,
        format!(
            "<a href=\"/projects/{}\">九亭生物医药基地</a><br><span class=\"muted\">统一项目代码 {code}</span>",
            z.red
        )
    );
    assert!(!list.body.contains(&format!(">#{}<", z.red)));
    // The API says the same.
    let api = z
        .app
        .get("/api/v1/alerts?level=red", &z.app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(api["items"][0]["project_name"], "九亭生物医药基地");
    assert_eq!(api["items"][0]["project_code"], code);
}
