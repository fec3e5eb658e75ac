//! A liaison records 开工 on the project page; the manager's overview counts it.

use serde_json::json;

use super::harness::Browser;
use crate::helpers::{spawn_app, PASSWORD};
use crate::landing_fixture::landing_zone;

/// Sets a field's value directly (date inputs take typing in the browser's locale).
async fn set(b: &Browser, id: &str, value: &str) {
    b.client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![id.into(), value.into()],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_liaison_records_the_start_and_the_manager_sees_the_count_move() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    app.put(
        "/api/v1/targets/2026",
        &app.admin,
        &json!({"starts": 2, "productions": 1}),
        None,
    )
    .await
    .ok(200);
    let pid = z
        .project(&app, "晶圆一期", Some("2026-310117-04-01-000001"))
        .await;
    z.approve_permit(&app, pid, "2026-03-02", "2026-03-13")
        .await;
    let b = Browser::start(&app).await;

    b.login("manager1", PASSWORD).await;
    b.goto("/overview").await;
    assert_eq!(b.text("#landing-started").await, "0");
    assert_eq!(b.text("#landing-starts-target").await, "2");
    b.logout().await;

    // The liaison opens the project, the milestone form, and records 开工 on 03-16.
    b.login("liaison1", PASSWORD).await;
    b.goto(&format!("/projects/{pid}")).await;
    assert!(b.text("#permit-deadline").await.contains("2026年6月13日"));
    b.click("#record-milestones summary").await;
    set(&b, "f-started_actual", "2026-03-16").await;
    b.click("#save-milestones").await;
    assert!(b.text("#done").await.contains("节点日期已保存"));
    assert!(b.text("#ms-started").await.contains("2026年3月16日"));
    b.screenshot("landing-project", 1280).await;
    b.logout().await;

    b.login("manager1", PASSWORD).await;
    b.goto("/overview").await;
    assert_eq!(b.text("#landing-started").await, "1");
    assert_eq!(
        b.count("#landing-chart rect.started[data-month='3'][data-started='1']")
            .await,
        1
    );
    b.screenshot("landing-overview", 1280).await;
    b.screenshot("landing-overview-phone", 390).await;
}
