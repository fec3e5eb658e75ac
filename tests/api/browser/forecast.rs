//! Forecasts in the browser: the zone of `forecasts.rs` (one step with history, one
//! without) on the project page, the what-if forms, the cockpit and the enterprise's page,
//! read in Chinese at a desk's width and a phone's, with no English left and nothing
//! axe-core finds.

use super::checks::check_page;
use super::harness::Browser;
use crate::helpers::{spawn_app, ADMIN_PASSWORD};

#[tokio::test]
async fn a_manager_reads_the_forecast_beside_the_laws_dates() {
    let app = spawn_app().await;
    let id = crate::forecasts::zone(&app).await;
    let b = Browser::start(&app).await;
    b.login("admin", ADMIN_PASSWORD).await;
    b.goto(&format!("/projects/{id}")).await;
    let eia = b.text("#forecast-eia").await;
    assert!(eia.contains("预计 2026年4月21日 前后"), "{eia}");
    assert!(eia.contains("依据本部门同一环节 8 个已办结案例"), "{eia}");
    assert!(b
        .text("#forecast-construction-permit")
        .await
        .contains("无历史数据"));
    assert!(b.text("#project-forecast").await.contains("开工"));
    b.screenshot("project-forecast", 1400).await;
    b.shoot_element("#gantt", "project-forecast-gantt").await;
    b.screenshot("project-forecast-phone", 390).await;
    let mut problems = Vec::new();
    check_page(&b, "admin", "project forecast", &mut problems).await;
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn what_if_is_asked_in_a_form_and_refused_beside_its_field() {
    let app = spawn_app().await;
    let id = crate::forecasts::zone(&app).await;
    crate::forecasts_zone::planned(&app, id).await;
    let b = Browser::start(&app).await;
    b.login("admin", ADMIN_PASSWORD).await;
    b.goto(&format!("/projects/{id}")).await;
    b.click("#what-if-link").await;
    // The step chosen from the list, the days typed: EIA five days longer moves the permit
    // from 04-30 to 05-11 (worked in forecasts.rs).
    b.css("#f-step option[value='eia']")
        .await
        .click()
        .await
        .unwrap();
    b.fill("#f-days", "5").await;
    b.click("#what-if-show").await;
    let table = b.wait_text("#what-if-table", "2026年5月11日").await;
    assert!(table.contains("2026年4月30日"), "{table}");
    b.screenshot("what-if-project", 1400).await;
    b.screenshot("what-if-project-phone", 390).await;
    let mut problems = Vec::new();
    check_page(&b, "admin", "what if (project)", &mut problems).await;
    // Out of range: refused beside the field, the figure kept.
    b.fill("#f-days", "300").await;
    b.click("#what-if-show").await;
    let said = b.wait_text("#e-days", "应在").await;
    assert_eq!(said, "应在 -200 到 200 个工作日之间");
    let kept = b.css("#f-days").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("300"));
    b.screenshot("what-if-project-refused", 390).await;
    // The cockpit's: an agency a factor slower.
    b.goto("/overview").await;
    b.click("#what-if-zone-link").await;
    b.fill("#f-agency", "区生态环境局").await;
    b.fill("#f-factor", "2").await;
    b.click("#what-if-show").await;
    let row = b.wait_text("#what-if-expected", "1.0（1–1）").await;
    assert!(row.contains("今年预计开工"), "{row}");
    b.screenshot("what-if-zone", 1400).await;
    b.screenshot("what-if-zone-phone", 390).await;
    check_page(&b, "admin", "what if (zone)", &mut problems).await;
    b.fill("#f-factor", "0.01").await;
    b.click("#what-if-show").await;
    assert_eq!(
        b.wait_text("#e-factor", "应在").await,
        "应在 0.1 到 10 倍之间"
    );
    b.screenshot("what-if-zone-refused", 390).await;
    // The cockpit's starts card, and the enterprise's own page with its permit and 开工.
    b.goto("/overview#starts-forecast-h").await;
    let starts = b.text("#starts-forecast").await;
    assert!(starts.contains("今年预计开工 1.0 个"), "{starts}");
    b.screenshot("forecast-cockpit", 1400).await;
    b.screenshot("forecast-cockpit-phone", 390).await;
    check_page(&b, "admin", "cockpit forecast", &mut problems).await;
    let ent = crate::forecasts::enterprise(&app, crate::helpers::CODE_A).await;
    app.add_user("firm_a", "enterprise", ent).await;
    b.logout().await;
    b.login("firm_a", crate::helpers::PASSWORD).await;
    b.goto("/enterprise").await;
    let line = b.wait_text("main", "按本区以往项目预测").await;
    assert!(line.contains("施工许可八成在 2026年4月30日 之前"), "{line}");
    b.screenshot("forecast-enterprise", 1400).await;
    b.screenshot("forecast-enterprise-phone", 390).await;
    check_page(&b, "firm_a", "enterprise forecast", &mut problems).await;
    assert!(problems.is_empty(), "{problems:#?}");
}
