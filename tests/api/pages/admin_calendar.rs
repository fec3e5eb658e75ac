//! Issue 28 item 3, the calendar: a bad date comes back beside its field, in Chinese,
//! naming its line, with everything typed kept and nothing published; a date the rules
//! refuse (a make-up working day on a weekday) is named by its line too; a good year is
//! published and confirmed.

use super::client::{csrf_in, PageClient};
use super::forms::field_error;
use crate::helpers::{spawn_app, ADMIN_PASSWORD};

#[tokio::test]
async fn a_bad_date_in_the_calendar_is_named_by_its_line_and_the_text_kept() {
    let app = spawn_app().await;
    let mut c = PageClient::new(&app);
    c.login("admin", ADMIN_PASSWORD).await;
    let page = c.get("/admin/calendar?year=2027").await;
    assert_eq!(page.status, 200);
    let csrf = csrf_in(&page.body);
    let typed = "2027-01-01\n2027-02-05\n2026-02-30\n2027-02-06, 2027-13-01";
    let before = app
        .get("/api/v1/calendar/2027", &app.admin)
        .await
        .ok(200)
        .clone();
    let r = c
        .post(
            "/admin/calendar/2027",
            &[
                ("csrf", &csrf),
                ("holidays", typed),
                ("workdays", "2027-02-07"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        field_error(&r.body, "holidays").as_deref(),
        Some("第3行：2026-02-30 不是有效日期；第4行：2027-13-01 不是有效日期")
    );
    assert!(
        r.body
            .contains(">2027-01-01\n2027-02-05\n2026-02-30\n2027-02-06, 2027-13-01</textarea>"),
        "{}",
        r.body
    );
    assert!(r.body.contains(">2027-02-07</textarea>"));
    let after = app.get("/api/v1/calendar/2027", &app.admin).await;
    assert_eq!(after.ok(200), &before);

    // 2027-02-08 is a Monday: not a make-up working day.
    let r = c
        .post(
            "/admin/calendar/2027",
            &[
                ("csrf", &csrf),
                ("holidays", "2027-01-01"),
                ("workdays", "2027-02-07\n2027-02-08"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        field_error(&r.body, "workdays").as_deref(),
        Some("第2行：2027-02-08 不是星期六或星期日，调休上班日须是周末")
    );
    assert!(r.body.contains(">2027-02-07\n2027-02-08</textarea>"));

    let r = c
        .post(
            "/admin/calendar/2027",
            &[
                ("csrf", &csrf),
                ("holidays", "2027-01-01\n2027-02-05"),
                ("workdays", "2027-02-07"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let shown = c.get(r.location.as_deref().unwrap()).await.body;
    assert!(
        shown.contains("日历已发布。") && shown.contains("已发布"),
        "{shown}"
    );
    let year = app.get("/api/v1/calendar/2027", &app.admin).await;
    assert_eq!(
        year.ok(200)["holidays"],
        serde_json::json!(["2027-01-01", "2027-02-05"])
    );
}
