//! How every form answers: a refusal comes back on the same page, each message beside its
//! field in the reader's language, what was typed kept (never a password); a success is
//! confirmed. Unknown paths answer an HTML 404 to a browser.

use super::client::{csrf_in, PageClient};
use crate::helpers::{spawn_app, ADMIN_PASSWORD};

/// The message shown beside a field (`<p class="field-error" id="e-NAME">…</p>`).
pub fn field_error(body: &str, name: &str) -> Option<String> {
    let open = format!("id=\"e-{name}\">");
    let at = body.find(&open)? + open.len();
    Some(body[at..at + body[at..].find("</p>")?].to_string())
}

#[tokio::test]
async fn a_refused_form_comes_back_with_its_messages_beside_the_fields() {
    let app = spawn_app().await;
    app.add_user("xiaoer", "liaison", None).await;
    let mut admin = PageClient::new(&app);
    admin.login("admin", ADMIN_PASSWORD).await;
    let page = admin.get("/admin/users").await;
    let csrf = csrf_in(&page.body);
    let before = app.snapshot().await;
    let refused = admin
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("username", "xiaoer"),
                ("display_name", "王小二"),
                ("email", "not-an-address"),
                ("role", "liaison"),
                ("enterprise_id", ""),
                ("password", "Secret-pass-2026"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        field_error(&refused.body, "email").as_deref(),
        Some("应为电子邮箱地址，例如 name@example.cn"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("未能保存"), "{}", refused.body);
    // What was typed is kept, except the password.
    assert!(refused.body.contains("value=\"王小二\""));
    assert!(refused.body.contains("value=\"not-an-address\""));
    assert!(!refused.body.contains("Secret-pass-2026"));
    assert_eq!(
        app.snapshot().await,
        before,
        "a refused form changes nothing"
    );

    // The taken name is said beside its field once the email is right.
    let taken = admin
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("username", "xiaoer"),
                ("display_name", "王小二"),
                ("email", "wang@zone.example.cn"),
                ("role", "liaison"),
                ("password", "Secret-pass-2026"),
            ],
        )
        .await;
    assert_eq!(taken.status, 409, "{}", taken.body);
    assert!(
        taken.body.contains("用户名“xiaoer”已被使用"),
        "{}",
        taken.body
    );

    // In English when switched.
    admin.get("/lang/en?next=/admin/users").await;
    let english = admin
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("username", "wang"),
                ("display_name", ""),
                ("email", "wang@zone.example.cn"),
                ("role", "liaison"),
                ("password", "Secret-pass-2026"),
            ],
        )
        .await;
    assert_eq!(english.status, 422);
    assert_eq!(
        field_error(&english.body, "display_name").as_deref(),
        Some("must not be blank")
    );
    admin.get("/lang/zh?next=/admin/users").await;

    // A success is confirmed.
    let added = admin
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("username", "wang"),
                ("display_name", "王小二"),
                ("email", "wang@zone.example.cn"),
                ("role", "liaison"),
                ("password", "Secret-pass-2026"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let to = added.location.unwrap();
    assert_eq!(to, "/admin/users?done=user_added");
    let confirmed = admin.get(&to).await;
    assert!(
        confirmed.body.contains("用户已添加。"),
        "{}",
        confirmed.body
    );
    // A made-up confirmation word shows nothing.
    let odd = admin.get("/admin/users?done=%3Cscript%3E").await;
    assert!(!odd.body.contains("id=\"done\""));
}

#[tokio::test]
async fn unknown_paths_answer_html_to_a_browser_and_problem_json_to_the_api() {
    let app = spawn_app().await;
    let browser = app
        .client
        .get(app.url("/no/such/page"))
        .header("Accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert_eq!(browser.status(), 404);
    assert!(browser.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let body = browser.text().await.unwrap();
    assert!(
        body.contains("找不到") || body.contains("not found"),
        "{body}"
    );
    assert!(body.contains("<html"), "{body}");
    let api = app
        .client
        .get(app.url("/api/v1/no-such-thing"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 404);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
}
