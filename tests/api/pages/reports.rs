//! The weekly report from the pages: a manager picks a week, reads it in the layout and
//! downloads the XLSX and CSV with the browser's session; the same figures as the API's
//! (the zone and its hand-computed figures are those of `tests/api/reports.rs`).

use super::client::PageClient;
use super::forms::field_error;
use crate::helpers::{spawn_app, PASSWORD};
use crate::reports::{check_xlsx, zone};

#[tokio::test]
async fn a_manager_reads_and_downloads_the_weekly_report_with_the_browser_session() {
    let app = spawn_app().await;
    zone(&app).await;
    let mut c = PageClient::new(&app);
    c.login("manager1", PASSWORD).await;
    let page = c.get("/reports/weekly?week=2026-W11").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("2026-03-09 – 2026-03-15"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"2026-W11\""));
    assert!(page
        .body
        .contains("href=\"/reports/weekly?week=2026-W11&amp;format=xlsx\""));

    let (status, ct, disposition, xlsx) = c
        .download("/reports/weekly?week=2026-W11&format=xlsx")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        ct,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        disposition,
        "attachment; filename=\"weekly-report-2026-W11.xlsx\""
    );
    check_xlsx(xlsx);
    let (status, ct, _, csv) = c.download("/reports/weekly?week=2026-W11&format=csv").await;
    assert_eq!((status, ct.as_str()), (200, "text/csv; charset=utf-8"));
    let api = app
        .client
        .get(app.url("/api/v1/reports/weekly?week=2026-W11&format=csv"))
        .bearer_auth(app.login("manager1", PASSWORD).await)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(csv, api.to_vec(), "the page's CSV is the API's");

    // A week that is no week, or has not begun: said beside the week, what was typed kept.
    for (week, message) in [
        ("2026-X1", "“2026-X1”不是 ISO 周（例如 2026-W08）"),
        ("2026-W13", "2026-W13 尚未开始（今天是 2026-03-16）"),
    ] {
        let refused = c.get(&format!("/reports/weekly?week={week}")).await;
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert_eq!(field_error(&refused.body, "week").as_deref(), Some(message));
        assert!(refused.body.contains(&format!("value=\"{week}\"")));
        assert!(!refused.body.contains("id=\"report\""));
    }
    // Only managers and admins; signed out, the login page.
    let mut liaison = PageClient::new(&app);
    liaison.login("liaison1", PASSWORD).await;
    assert_eq!(liaison.get("/reports/weekly").await.status, 403);
    let (status, _, _, _) = liaison
        .download("/reports/weekly?week=2026-W11&format=xlsx")
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        PageClient::new(&app).get("/reports/weekly").await.status,
        303
    );
}
