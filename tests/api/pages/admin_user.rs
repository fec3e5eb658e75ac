//! An admin changes an account in the browser: profile and role, enterprise from a list,
//! disable and enable, a password reset; every refusal beside its field, a stale form
//! caught, nothing changed by a refusal.

use super::client::{csrf_in, PageClient};
use super::forms::field_error;
use super::matrix::Callers;
use crate::helpers::{spawn_app, ADMIN_PASSWORD, CODE_A, PASSWORD};

pub async fn admin_page(app: &crate::helpers::TestApp, id: i64) -> (PageClient, String, String) {
    let mut c = PageClient::new(app);
    c.login("admin", ADMIN_PASSWORD).await;
    let page = c.get(&format!("/admin/users/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = csrf_in(&page.body);
    let at = page.body.find("name=\"version\" value=\"").unwrap() + 22;
    let version = page.body[at..at + page.body[at..].find('"').unwrap()].to_string();
    (c, csrf, version)
}

#[tokio::test]
async fn an_admin_edits_disables_enables_and_resets_an_account() {
    let app = spawn_app().await;
    let firm = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (id, _) = app.add_user("xiaoer", "liaison", None).await;
    let (mut c, csrf, version) = admin_page(&app, id).await;
    let path = format!("/admin/users/{id}");
    let firm_text = firm.to_string();

    // Refused: a blank name and an enterprise for a liaison, each beside its field.
    let before = app.snapshot().await;
    let refused = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("form", "profile"),
                ("version", &version),
                ("display_name", ""),
                ("email", "wang@zone.example.cn"),
                ("role", "liaison"),
                ("enterprise_id", &firm_text),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        field_error(&refused.body, "display_name").as_deref(),
        Some("必填")
    );
    assert_eq!(
        field_error(&refused.body, "enterprise_id").as_deref(),
        Some("只有企业账号才属于某个企业")
    );
    assert!(refused.body.contains("value=\"wang@zone.example.cn\""));
    assert_eq!(app.snapshot().await, before);

    // The liaison becomes the enterprise's account: saved and confirmed.
    let saved = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("form", "profile"),
                ("version", &version),
                ("display_name", "王芳"),
                ("email", "wang@zone.example.cn"),
                ("phone", "021-5768 1234"),
                ("role", "enterprise"),
                ("enterprise_id", &firm_text),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let shown = c.get(saved.location.as_deref().unwrap()).await.body;
    assert!(
        shown.contains("已保存。") && shown.contains("value=\"王芳\""),
        "{shown}"
    );
    let user = app
        .get(&format!("/api/v1/users/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(
        (user["role"].as_str(), user["enterprise_id"].as_i64()),
        (Some("enterprise"), Some(firm))
    );
    assert_eq!(user["phone"], "021-5768 1234");

    // A form drawn from the old version is caught, and shows the latest.
    let stale = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("form", "profile"),
                ("version", &version),
                ("display_name", "旧的"),
                ("email", "old@zone.example.cn"),
                ("role", "liaison"),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("这条记录刚被别人修改过") && stale.body.contains("value=\"王芳\""));

    // Disabled: no more sign-in; enabled again: signs in.
    let (mut c, csrf, version) = admin_page(&app, id).await;
    let off = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("form", "active"),
                ("version", &version),
                ("active", "false"),
            ],
        )
        .await;
    assert_eq!(off.status, 303);
    assert!(c
        .get(off.location.as_deref().unwrap())
        .await
        .body
        .contains("账号已停用"));
    app.post_login("xiaoer", PASSWORD).await.problem(401);
    let (mut c, csrf, version) = admin_page(&app, id).await;
    c.post(
        &path,
        &[
            ("csrf", &csrf),
            ("form", "active"),
            ("version", &version),
            ("active", "true"),
        ],
    )
    .await;
    app.login("xiaoer", PASSWORD).await;

    // A password reset: two different entries, then a weak one, then a good one.
    let (mut c, csrf, version) = admin_page(&app, id).await;
    let reset = |a: &'static str, b: &'static str| {
        vec![("form", "password"), ("password", a), ("password_again", b)]
    };
    for (fields, message, status) in [
        (
            reset("New-pass-2027", "New-pass-2028"),
            "两次输入的密码不一致",
            422,
        ),
        (reset("short", "short"), "至少 10 个字符", 422),
    ] {
        let mut form = fields.clone();
        form.extend([("csrf", csrf.as_str()), ("version", version.as_str())]);
        let r = c.post(&path, &form).await;
        assert_eq!(r.status, status, "{}", r.body);
        assert_eq!(field_error(&r.body, "password").as_deref(), Some(message));
        assert!(
            !r.body.contains("New-pass-202"),
            "a password is never shown again"
        );
    }
    let mut form = reset("New-pass-2027", "New-pass-2027");
    form.extend([("csrf", csrf.as_str()), ("version", version.as_str())]);
    let done = c.post(&path, &form).await;
    assert_eq!(done.status, 303, "{}", done.body);
    app.post_login("xiaoer", PASSWORD).await.problem(401);
    app.login("xiaoer", "New-pass-2027").await;
}

#[tokio::test]
async fn an_admin_cannot_demote_themselves_and_only_admins_reach_the_page() {
    let z = super::fixture::zone().await;
    let admin_id = z
        .app
        .get("/api/v1/users?per_page=500", &z.app.admin)
        .await
        .ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "admin")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (mut c, csrf, version) = admin_page(&z.app, admin_id).await;
    let path = format!("/admin/users/{admin_id}");
    let r = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("form", "profile"),
                ("version", &version),
                ("display_name", "系统管理员"),
                ("email", "admin@zone.example.cn"),
                ("role", "manager"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        field_error(&r.body, "role").as_deref(),
        Some("管理员不能降低自己的角色或停用自己")
    );
    let mut who = Callers::of(&z).await;
    who.check_gets(&[(path.clone(), [200, 403, 403, 403, 403, 403, 303])])
        .await;
    let before = z.app.snapshot().await;
    who.check_posts(&[(
        path,
        vec![
            ("form", "profile"),
            ("display_name", ""),
            ("role", "admin"),
            ("email", "x"),
        ],
        [422, 403, 403, 403, 403, 403, 303],
    )])
    .await;
    assert_eq!(z.app.snapshot().await, before);
}
