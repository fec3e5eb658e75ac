//! Every page of the product as its users meet it, at a desk (1400 px) and on a phone
//! (390 px): each opens with its heading, fits the phone's width (only charts and wide
//! tables scroll, inside their own box), shows no English in Chinese and no violation to
//! axe-core at either width (`checks`), and leaves a screenshot to look at in
//! `target/screenshots/tour-*.png`.

use serde_json::json;

use super::checks::check_page;
use super::harness::Browser;
use crate::helpers::ADMIN_PASSWORD;
use crate::pages::fixture::{zone, USER_PASSWORD};

pub async fn visit(b: &Browser, who: &str, name: &str, path: &str, problems: &mut Vec<String>) {
    b.goto(path).await;
    if b.count("main h1").await == 0 {
        problems.push(format!("{who} {path}: no page"));
        return;
    }
    let title = b.text("main h1").await;
    if title.contains("出错了") || b.count("p.error").await > 0 && !path.contains("error") {
        problems.push(format!("{who} {path}: an error page ({title})"));
    }
    check_page(b, who, path, problems).await;
    let (over, widest) = b.overflow_at(390).await;
    if over > 0 {
        problems.push(format!(
            "{who} {path}: {over} px too wide at 390 px ({widest})"
        ));
    }
    b.screenshot(&format!("tour-{who}-{name}"), 1400).await;
    b.screenshot(&format!("tour-{who}-{name}-phone"), 390).await;
}

#[tokio::test]
async fn every_page_at_desk_and_phone_width() {
    let z = zone().await;
    let ent = z.app.get("/api/v1/enterprises", &z.app.admin).await.ok(200)["items"][0]["id"]
        .as_i64()
        .unwrap();
    let request = json!({"title": "临时用电何时接通", "text": "工地临时用电申请已提交两周。", "category": "utilities", "channel": "phone", "enterprise_id": ent, "urgent": true});
    let request = z
        .app
        .post("/api/v1/requests", &z.app.admin, &request)
        .await
        .ok(201)["id"]
        .clone();
    // Alerts raised, so that /alerts shows rows (the red step, the stalled one); before
    // the robot below exists, so that nothing is sent to it.
    z.app
        .post(
            "/api/v1/jobs/run",
            &z.app.admin,
            &json!({"at": "2026-03-16T10:00:00+08:00"}),
        )
        .await
        .ok(200);
    // The liaison's group robot, so their settings page shows one (never called here).
    let liaison = z.app.login(&z.liaison, USER_PASSWORD).await;
    let robot = json!({"kind": "dingtalk", "name": "九亭项目服务群", "secret": "SECtour",
        "url": "https://oapi.dingtalk.com/robot/send?access_token=tour0000"});
    z.app
        .post("/api/v1/chat-robots", &liaison, &robot)
        .await
        .ok(201);
    let b = Browser::start(&z.app).await;
    let mut problems = Vec::new();
    let (red, green) = (z.red, z.green);

    b.goto("/login").await;
    visit(&b, "anonymous", "login", "/login", &mut problems).await;

    b.login(&z.liaison, USER_PASSWORD).await;
    for (name, path) in [
        ("my", "/my".to_string()),
        ("project", format!("/projects/{red}")),
        ("project-months", format!("/projects/{red}?zoom=months")),
        ("project-new", "/projects/new".into()),
        ("project-edit", format!("/projects/{red}/edit")),
        ("enterprises", "/enterprises".into()),
        ("enterprise-new", "/enterprises/new".into()),
        ("enterprise", format!("/enterprises/{ent}")),
        ("licences", "/licences".into()),
        ("projects", "/projects".into()),
        ("projects-refused", "/projects?light=purple".into()),
        ("licence-new", "/licences/new".into()),
        ("import", "/imports/new".into()),
        ("settings", "/settings".into()),
        ("requests", "/requests".into()),
        ("request-new", "/requests/new".into()),
        ("request", format!("/requests/{request}")),
    ] {
        visit(&b, "liaison", name, &path, &mut problems).await;
    }
    // The event form's confirmation of a 补正, then the withdrawal offered beside it.
    b.goto(&format!("/projects/{green}")).await;
    b.click("#step-land-prereview details.record summary").await;
    b.css("#action-land-prereview")
        .await
        .select_by_value("request_materials")
        .await
        .unwrap();
    b.fill("#notice-land-prereview", "1. 用地红线图（盖章版）")
        .await;
    b.click("#record-land-prereview").await;
    b.css("#confirm-land-prereview").await;
    check_page(&b, "liaison", "an event to confirm", &mut problems).await;
    b.screenshot("tour-liaison-event-confirm", 1400).await;
    b.screenshot("tour-liaison-event-confirm-phone", 390).await;
    b.click("#confirm-yes-land-prereview").await;
    b.css("#done").await;
    b.click("details.withdraw summary").await;
    check_page(&b, "liaison", "an event to withdraw", &mut problems).await;
    b.screenshot("tour-liaison-event-withdraw", 1400).await;
    b.screenshot("tour-liaison-event-withdraw-phone", 390).await;
    b.goto("/").await;
    b.logout().await;

    b.login(&z.ent_a, USER_PASSWORD).await;
    for (name, path) in [
        ("home", "/enterprise".to_string()),
        ("project", format!("/projects/{green}")),
        ("settings", "/settings".into()),
        ("request-new", "/requests/new".into()),
    ] {
        visit(&b, "enterprise", name, &path, &mut problems).await;
    }
    b.goto("/").await;
    b.logout().await;

    b.login(&z.manager, USER_PASSWORD).await;
    for (name, path) in [
        ("overview", "/overview".to_string()),
        ("weekly-report", "/reports/weekly".into()),
        // This week's, as of today: running steps, the red one among them.
        ("weekly-report-now", "/reports/weekly?week=2026-W12".into()),
        ("alerts", "/alerts".into()),
        ("projects", "/projects".into()),
        ("project", format!("/projects/{red}")),
        ("requests", "/requests".into()),
        ("request", format!("/requests/{request}")),
        ("settings", "/settings".into()),
    ] {
        visit(&b, "manager", name, &path, &mut problems).await;
    }
    b.goto("/").await;
    b.logout().await;

    b.login("admin", ADMIN_PASSWORD).await;
    for (name, path) in [
        ("users", "/admin/users"),
        ("calendar", "/admin/calendar"),
        ("routes", "/admin/routes"),
        ("user", "/admin/users/2"),
        ("jobs", "/admin/jobs"),
        ("route-edit", "/admin/routes/standard-industrial"),
        ("audit", "/admin/audit"),
        ("agencies", "/admin/agencies"),
        // 区建管委, fourth in config/agencies.toml.
        ("agency", "/admin/agencies/4"),
        ("targets", "/admin/targets"),
    ] {
        visit(&b, "admin", name, path, &mut problems).await;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
