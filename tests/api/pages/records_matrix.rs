//! Who may open the records pages (licences, imports, settings) and send their forms.
//! The upload form is multipart: its rows are in `records_import.rs`.

use super::fixture::zone;
use super::matrix::Callers;

#[tokio::test]
async fn the_records_pages_of_each_kind_of_user() {
    let z = zone().await;
    let mut who = Callers::of(&z).await;
    let red = z.red;
    //                                         admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        ("/licences".into(), [200, 200, 200, 200, 403, 403, 303]),
        ("/licences/new".into(), [200, 200, 200, 200, 403, 403, 303]),
        (
            format!("/licences/new?project_id={red}&step=filing"),
            [200, 200, 200, 200, 403, 403, 303],
        ),
        ("/imports/new".into(), [200, 200, 200, 200, 403, 403, 303]),
        (
            "/imports/example.csv".into(),
            [200, 200, 200, 200, 403, 403, 303],
        ),
        ("/settings".into(), [200, 200, 200, 200, 200, 200, 303]),
    ])
    .await;
    let before = z.app.snapshot().await;
    let listed = z
        .app
        .get("/api/v1/licences", &z.app.admin)
        .await
        .ok(200)
        .clone();
    who.check_posts(&[
        (
            "/licences/new".into(),
            vec![("enterprise_id", ""), ("kind", "x")],
            [422, 422, 422, 422, 403, 403, 303],
        ),
        (
            "/settings/password".into(),
            vec![
                ("current_password", "not-the-password-1"),
                ("password", "New-password-2026"),
                ("password_again", "New-password-2026"),
            ],
            [422, 422, 422, 422, 422, 422, 303],
        ),
        // Only liaisons have a feed; turning off one that is off changes nothing.
        (
            "/settings/feed".into(),
            vec![("action", "off")],
            [403, 403, 303, 303, 403, 403, 303],
        ),
    ])
    .await;
    assert_eq!(
        z.app.snapshot().await,
        before,
        "refused forms change nothing"
    );
    let after = z
        .app
        .get("/api/v1/licences", &z.app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(after, listed);
}
