//! The project page's forecasts in the browser: the zone of `forecasts.rs` (one step with
//! history, one without), read in Chinese at a desk's width and a phone's, with no English
//! left and nothing axe-core finds.

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
    b.screenshot("project-forecast-phone", 390).await;
    let mut problems = Vec::new();
    check_page(&b, "admin", "project forecast", &mut problems).await;
    assert!(problems.is_empty(), "{problems:#?}");
}
