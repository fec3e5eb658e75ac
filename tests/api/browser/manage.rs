//! Managers and admins in the browser: the weekly report read and its XLSX downloaded
//! with the browser's own session (read back and checked); a red count followed to its
//! list and exported; an account edited, its password reset, disabled and enabled again;
//! a route template's promised days changed, new projects taking them, old ones not.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use serde_json::json;

use super::harness::Browser;
use crate::helpers::{spawn_app, ADMIN_PASSWORD, PASSWORD};
use crate::pages::fixture::USER_PASSWORD;
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
    b.fill("#f-display_name", "王小二").await;
    b.fill("#f-phone", "021-5768 1234").await;
    b.click("#save-profile").await;
    b.wait_text("#done", "已保存").await;
    b.fill("#f-password", "Fresh-pass-2027").await;
    b.fill("#f-password_again", "Fresh-pass-2026").await;
    b.click("#reset-password").await;
    assert_eq!(b.text("#e-password").await, "两次输入的密码不一致");
    b.fill("#f-password", "Fresh-pass-2027").await;
    b.fill("#f-password_again", "Fresh-pass-2027").await;
    b.click("#reset-password").await;
    b.wait_text("#done", "密码已重置").await;
    b.click("#disable-user").await;
    b.wait_text("#done", "账号已停用").await;
    b.screenshot("admin-user-disabled", 1400).await;
    app.post_login("xiaoer", "Fresh-pass-2027")
        .await
        .problem(401);
    b.click("#enable-user").await;
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

#[tokio::test]
async fn a_manager_follows_the_red_count_to_its_list_and_exports_it() {
    let z = crate::pages::fixture::zone().await;
    let b = Browser::start(&z.app).await;
    b.login(&z.manager, USER_PASSWORD).await;
    // The zone has one red project (九亭: land pre-review long overdue).
    assert!(b.text("#count-red").await.starts_with('1'));
    b.click("#count-red").await;
    let list = b.wait_text("#projects", "九亭生物医药基地").await;
    assert!(!list.contains("晶圆厂二期"), "{list}");
    b.screenshot("manager-red-list", 1400).await;
    let href = b
        .css("#export-xlsx")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(
        href.contains("light=red") && href.contains("format=xlsx"),
        "{href}"
    );
    let bytes = download(&b, &href).await;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let rows: Vec<Vec<String>> = book
        .worksheet_range(&sheet)
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    // A header, then exactly the list's one project.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[1].iter().any(|c| c == "九亭生物医药基地"), "{rows:?}");
}

#[tokio::test]
async fn an_admin_changes_a_templates_promised_days_and_only_new_projects_take_them() {
    let z = crate::pages::fixture::zone().await;
    let (app, old) = (&z.app, z.green);
    let b = Browser::start(app).await;
    b.login("admin", ADMIN_PASSWORD).await;
    b.goto("/admin/routes/standard-industrial").await;
    // The construction permit's row: its promised days, none today, become 3.
    let row = b
        .client
        .execute(
            "return [...document.querySelectorAll('#steps input[name$=\".key\"]')]
               .find(i => i.value === 'construction-permit').id.split('-')[1];",
            vec![],
        )
        .await
        .unwrap();
    let field = format!("#f-{}-promised_days", row.as_str().unwrap());
    b.css(&field).await.clear().await.unwrap();
    b.fill(&field, "3").await;
    b.click("#save-route").await;
    b.wait_text("#done", "").await;
    assert!(b.text("#history").await.contains('2'));
    b.screenshot("admin-route-saved", 1400).await;

    let promised = |p: &serde_json::Value| {
        p["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == "construction-permit")
            .unwrap()["promised_days"]
            .clone()
    };
    let ent = app.get("/api/v1/enterprises", &app.admin).await.ok(200)["items"][0]["id"].clone();
    let new = app
        .add_project(
            &app.admin,
            &json!({"name": "三期", "enterprise_id": ent, "template": "standard-industrial",
                "liaison_ids": [], "start_date": "2026-03-16"}),
        )
        .await
        .ok(201)
        .clone();
    assert_eq!(promised(&new), json!(3));
    let kept = app
        .get(&format!("/api/v1/projects/{old}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(promised(&kept), json!(null));
}
