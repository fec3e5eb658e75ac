//! Issue 28 item 2 in the browser, at 390 px: disabling a liaison who holds a project is
//! refused beside the successor's choice with the project listed; choosing a successor
//! disables the account and hands the project over.

use serde_json::json;

use super::harness::Browser;
use crate::helpers::{spawn_app, ADMIN_PASSWORD};

#[tokio::test]
async fn an_admin_disables_a_liaison_choosing_who_takes_over() {
    let app = spawn_app().await;
    let (project, _, leaving, successor) = crate::handover::zone(&app).await;
    let b = Browser::start(&app).await;
    b.login("admin", ADMIN_PASSWORD).await;
    b.goto(&format!("/admin/users/{leaving}")).await;
    b.click("#disable-user").await;
    let refused = b.text("#e-successor_id").await;
    assert!(refused.contains("该店小二仍负责 1 个在办项目"), "{refused}");
    assert!(b.text("#held").await.contains("300毫米硅片生产线"));
    // The profile form above still shows the account.
    let name = b.css("#f-display_name").await.prop("value").await.unwrap();
    assert_eq!(name.as_deref(), Some("wang.fang"));
    assert_eq!(b.overflow_at(390).await.0, 0);
    b.screenshot("admin-user-handover-refused-390", 390).await;
    b.click(&format!(
        "#f-successor_id-active option[value='{successor}']"
    ))
    .await;
    b.click("#disable-user").await;
    b.wait_text("#done", "账号已停用").await;
    let p = app
        .get(&format!("/api/v1/projects/{project}"), &app.admin)
        .await;
    assert_eq!(p.ok(200)["liaison_ids"], json!([successor]));
}
