//! Managers and admins in the browser: the weekly report read and its XLSX downloaded
//! with the browser's own session (read back and checked); an account edited, its
//! password reset, disabled and enabled again.

use super::harness::Browser;
use crate::helpers::{spawn_app, ADMIN_PASSWORD, PASSWORD};
use crate::reports::{check_xlsx, zone};

/// Fetches `href` from the page with the browser's cookies; the bytes.
async fn download(b: &Browser, href: &str) -> Vec<u8> {
    let got = b
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               fetch(arguments[0], {credentials: 'same-origin'})
                 .then(r => r.arrayBuffer())
                 .then(buf => done(Array.from(new Uint8Array(buf))))
                 .catch(e => done(String(e)));"#,
            vec![href.into()],
        )
        .await
        .unwrap();
    got.as_array()
        .unwrap_or_else(|| panic!("{got}"))
        .iter()
        .map(|v| v.as_u64().unwrap() as u8)
        .collect()
}

#[tokio::test]
async fn a_manager_reads_the_weekly_report_and_downloads_its_xlsx() {
    let app = spawn_app().await;
    zone(&app).await;
    let b = Browser::start(&app).await;
    b.login("manager1", PASSWORD).await;
    // From the navigation; by default last week (today is Monday 2026-03-16: W11).
    b.css("nav a[href='/reports/weekly']")
        .await
        .click()
        .await
        .unwrap();
    assert!(b.text("#report").await.contains("2026-03-09 – 2026-03-15"));
    b.screenshot("manager-weekly-report", 1400).await;
    b.screenshot("manager-weekly-report-phone", 390).await;
    let href = b
        .css("#download-xlsx")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(href, "/reports/weekly?week=2026-W11&format=xlsx");
    check_xlsx(download(&b, &href).await);
}

#[tokio::test]
async fn an_admin_edits_resets_disables_and_enables_an_account() {
    let app = spawn_app().await;
    let (id, _) = app.add_user("xiaoer", "liaison", None).await;
    let b = Browser::start(&app).await;
    b.login("admin", ADMIN_PASSWORD).await;
    b.css("nav a[href='/admin/users']")
        .await
        .click()
        .await
        .unwrap();
    b.css(&format!("a[href='/admin/users/{id}']"))
        .await
        .click()
        .await
        .unwrap();
    let name = b.css("#f-display_name").await;
    name.clear().await.unwrap();
    name.send_keys("王小二").await.unwrap();
    b.css("#f-phone")
        .await
        .send_keys("021-5768 1234")
        .await
        .unwrap();
    b.css("#save-profile").await.click().await.unwrap();
    b.wait_text("#done", "已保存").await;
    b.css("#f-password")
        .await
        .send_keys("Fresh-pass-2027")
        .await
        .unwrap();
    b.css("#f-password_again")
        .await
        .send_keys("Fresh-pass-2026")
        .await
        .unwrap();
    b.css("#reset-password").await.click().await.unwrap();
    assert_eq!(b.text("#e-password").await, "两次输入的密码不一致");
    b.css("#f-password")
        .await
        .send_keys("Fresh-pass-2027")
        .await
        .unwrap();
    b.css("#f-password_again")
        .await
        .send_keys("Fresh-pass-2027")
        .await
        .unwrap();
    b.css("#reset-password").await.click().await.unwrap();
    b.wait_text("#done", "密码已重置").await;
    b.css("#disable-user").await.click().await.unwrap();
    b.wait_text("#done", "账号已停用").await;
    b.screenshot("admin-user-disabled", 1400).await;
    app.post_login("xiaoer", "Fresh-pass-2027")
        .await
        .problem(401);
    b.css("#enable-user").await.click().await.unwrap();
    b.wait_text("#done", "重新启用").await;
    app.post_login("xiaoer", PASSWORD).await.problem(401);
    let user = app.login("xiaoer", "Fresh-pass-2027").await;
    let me = app
        .get(&format!("/api/v1/users/{id}"), &user)
        .await
        .ok(200)
        .clone();
    assert_eq!(
        (me["display_name"].as_str(), me["phone"].as_str()),
        (Some("王小二"), Some("021-5768 1234"))
    );
}
