//! Every form's refused state, and every page a user may not open, in Chinese and free of
//! accessibility violations (the checks of `checks`), as each kind of user meets them:
//! each form sent as it first shows (empty or half filled), the refusal read.

use std::time::Duration;

use super::checks::check_page;
use super::harness::Browser;
use crate::helpers::ADMIN_PASSWORD;
use crate::pages::fixture::{zone, USER_PASSWORD};

/// Opens `path`, sets the fields `values` (id, value), sends the form of `button`, and
/// checks the refusal shown.
async fn refuse_with(
    b: &Browser,
    who: &str,
    (path, button): (&str, &str),
    values: &[(&str, &str)],
    problems: &mut Vec<String>,
) {
    b.goto(path).await;
    for (id, value) in values {
        b.client
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![(*id).into(), (*value).into()],
            )
            .await
            .unwrap();
    }
    // A mark on the old document: gone once the answer to the form is shown.
    b.client
        .execute("window.__sent = true;", vec![])
        .await
        .unwrap();
    // A form folded in a <details> is opened first, as a person would.
    b.client
        .execute(
            "for (let d = document.querySelector(arguments[0]); d; d = d.parentElement) { if (d.tagName === 'DETAILS') d.open = true; }",
            vec![button.into()],
        )
        .await
        .unwrap();
    b.click(button).await;
    let mut arrived = false;
    for _ in 0..50 {
        let now = b
            .client
            .execute(
                "return window.__sent === undefined && document.readyState === 'complete';",
                vec![],
            )
            .await
            .unwrap_or_default();
        if now.as_bool() == Some(true) {
            arrived = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let what = format!("{path} {button} refused");
    if !arrived {
        problems.push(format!("{who} {what}: no answer"));
        return;
    }
    if b.count(".field-error, .error").await == 0 {
        problems.push(format!("{who} {what}: no refusal shown"));
    }
    check_page(b, who, &what, problems).await;
    let name = format!("refused-{who}-{}", path.replace('/', "-"));
    b.screenshot(&name, 1400).await;
}

/// Sends the form of `button` on `path` as it first shows.
async fn refuse(b: &Browser, who: &str, path: &str, button: &str, problems: &mut Vec<String>) {
    refuse_with(b, who, (path, button), &[], problems).await;
}

/// Opens a page that refuses `who` (a page they may not open, or a query it cannot read),
/// and checks the refusal shown.
async fn forbidden(b: &Browser, who: &str, path: &str, problems: &mut Vec<String>) {
    b.goto(path).await;
    if b.count(".error").await == 0 {
        problems.push(format!("{who} {path}: no refusal shown"));
    }
    check_page(b, who, &format!("{path} forbidden"), problems).await;
}

#[tokio::test]
async fn every_refusal_is_in_chinese_and_accessible() {
    let z = zone().await;
    let b = Browser::start(&z.app).await;
    let mut problems = Vec::new();
    let red = z.red;

    let wrong = [("username", "xiaoer"), ("password", "not-the-password")];
    refuse_with(
        &b,
        "anonymous",
        ("/login", "#login-submit"),
        &wrong,
        &mut problems,
    )
    .await;

    b.login(&z.liaison, USER_PASSWORD).await;
    for (path, button) in [
        ("/enterprises/new".to_string(), "#save-enterprise"),
        ("/projects/new".into(), "#preview-project"),
        ("/projects/new".into(), "#create-project"),
        ("/licences/new".into(), "#licence-submit"),
        ("/imports/new".into(), "#import-submit"),
        ("/requests/new".into(), "#request-submit"),
        ("/settings".into(), "#password-submit"),
        ("/settings".into(), "#robot-add"),
        (format!("/projects/{red}/edit"), "#add-step-button"),
        (format!("/projects/{red}/edit"), "#add-dependency"),
        (format!("/projects/{red}/edit"), "#archive-project"),
    ] {
        refuse(&b, "liaison", &path, button, &mut problems).await;
    }
    // 开工 before the construction permit is approved.
    let path = format!("/projects/{red}");
    let early = [("f-started_actual", "2026-03-16")];
    refuse_with(
        &b,
        "liaison",
        (&path, "#save-milestones"),
        &early,
        &mut problems,
    )
    .await;
    for path in ["/reports/weekly", "/overview", "/admin/users"] {
        forbidden(&b, "liaison", path, &mut problems).await;
    }
    b.goto("/").await;
    b.logout().await;

    b.login(&z.ent_a, USER_PASSWORD).await;
    refuse(
        &b,
        "enterprise",
        "/requests/new",
        "#request-submit",
        &mut problems,
    )
    .await;
    refuse(
        &b,
        "enterprise",
        "/settings",
        "#password-submit",
        &mut problems,
    )
    .await;
    for path in [
        "/reports/weekly".to_string(),
        "/reports/weekly?week=2026-W11&format=xlsx".into(),
        "/overview".into(),
        "/projects".into(),
        "/my".into(),
        "/admin/users".into(),
        format!("/projects/{red}"),
    ] {
        forbidden(&b, "enterprise", &path, &mut problems).await;
    }
    b.goto("/").await;
    b.logout().await;

    b.login(&z.manager, USER_PASSWORD).await;
    forbidden(&b, "manager", "/reports/weekly?week=2026-X1", &mut problems).await;
    forbidden(&b, "manager", "/admin/users", &mut problems).await;
    b.goto("/").await;
    b.logout().await;

    b.login("admin", ADMIN_PASSWORD).await;
    for (path, button) in [
        ("/admin/users", "form[action='/admin/users#add'] button"),
        ("/admin/agencies", "#add-agency"),
        ("/admin/targets", "#save-targets"),
        ("/admin/users/2", "#reset-password"),
    ] {
        refuse(&b, "admin", path, button, &mut problems).await;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
