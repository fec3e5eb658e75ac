//! The web pages over plain HTTP: cookie sign-in, CSRF on every form, errors as HTML pages,
//! what each kind of user may see, and an HTML check of every page.

pub mod admin_calendar;
pub mod admin_user;
pub mod agencies;
pub mod at_zone_scale;
pub mod chat;
pub mod client;
pub mod cockpit;
pub mod enterprise_forms;
pub mod event_forms;
pub mod fixture;
pub mod forms;
pub mod gantt;
pub mod handover;
pub mod html_check;
pub mod import_example;
pub mod kept;
pub mod landing;
pub mod lists;
pub mod lists_export;
pub mod lists_started;
pub mod matrix;
pub mod offered_actions;
pub mod operations;
pub mod project_edit;
pub mod project_forms;
pub mod records;
pub mod records_import;
pub mod records_matrix;
pub mod records_settings;
pub mod reports;
pub mod requests;
pub mod requests_filing;
pub mod requests_filters;
pub mod routes;
pub mod step_limits;
pub mod views;
pub mod views_project;

use client::{csrf_in, PageClient};
use fixture::{zone, USER_PASSWORD};
use html_check::check_page;

#[tokio::test]
async fn every_page_is_valid_html_with_labels_lang_and_worded_lights() {
    let z = zone().await;
    let mut admin = PageClient::new(&z.app);
    let anon = admin.get("/login").await;
    check_page("login", &anon.body);
    admin.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let red = format!("/projects/{}", z.red);
    let green = format!("/projects/{}", z.green);
    for path in [
        "/overview",
        "/my",
        red.as_str(),
        green.as_str(),
        "/admin/users",
        "/admin/calendar",
        "/admin/routes",
        "/nowhere/at/all",
    ] {
        let page = admin.get(path).await;
        let expected = if path == "/nowhere/at/all" { 404 } else { 200 };
        assert_eq!(page.status, expected, "{path}: {}", page.body);
        if expected == 200 {
            check_page(path, &page.body);
        }
    }
    let mut ent = PageClient::new(&z.app);
    ent.login(&z.ent_a, USER_PASSWORD).await;
    check_page("/enterprise", &ent.get("/enterprise").await.body);
    check_page("enterprise project", &ent.get(&green).await.body);
    // English sticks once chosen.
    let switched = ent.get("/lang/en?next=/enterprise").await;
    assert_eq!(switched.status, 303);
    assert_eq!(switched.location.as_deref(), Some("/enterprise"));
    let english = ent.get("/enterprise").await.body;
    assert!(english.contains("<html lang=\"en\">"), "{english}");
    assert!(english.contains("Waiting on us"));
    check_page("/enterprise (en)", &english);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_secure_behind_tls() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    let page = c.login(&z.liaison, USER_PASSWORD).await;
    assert_eq!(page.location.as_deref(), Some("/my"));
    let session = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(!session.contains("Secure"), "{session}");
    // Behind a TLS proxy the cookie is Secure.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = http
        .get(z.app.url("/login"))
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    let login_cookie = form
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(login_cookie.contains("Secure"), "{login_cookie}");
    // A wrong password shows the form again, in Chinese, with a 401.
    let mut other = PageClient::new(&z.app);
    let form = other.get("/login").await;
    let token = csrf_in(&form.body);
    let wrong = other
        .post(
            "/login",
            &[
                ("csrf", &token),
                ("username", "xiaoer"),
                ("password", "nope"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("用户名或密码错误"));
    // Signed out, pages send you to the login form and come back after.
    let mut anon = PageClient::new(&z.app);
    let redirect = anon.get("/my").await;
    assert_eq!(redirect.status, 303);
    assert_eq!(redirect.location.as_deref(), Some("/login?next=/my"));
    // Logging out revokes the session.
    let my = c.get("/my").await;
    let out = c.post("/logout", &[("csrf", &csrf_in(&my.body))]).await;
    assert_eq!(out.status, 303);
    assert_eq!(c.get("/my").await.status, 303);
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let path = format!("/projects/{}/steps/land-prereview/events", z.red);
    let fields = [
        ("action", "approve"),
        ("on", "2026-03-16"),
        ("confirm", "1"),
    ];
    for csrf in [None, Some("0".repeat(64))] {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        if let Some(t) = &csrf {
            form.push(("csrf", t));
        }
        let refused = c.post(&path, &form).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(refused.body.starts_with("<!doctype html>"));
        check_page("csrf refusal", &refused.body);
    }
    let step = format!("/api/v1/projects/{}", z.red);
    let before = z.app.get(&step, &z.app.admin).await.ok(200).clone();
    assert_eq!(before["light"], "red");
    // With the token, the event is recorded and the light changes.
    let page = c.get(&format!("/projects/{}", z.red)).await;
    let token = csrf_in(&page.body);
    let mut form = fields.to_vec();
    form.push(("csrf", &token));
    let done = c.post(&path, &form).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let after = z.app.get(&step, &z.app.admin).await.ok(200).clone();
    assert_ne!(after["light"], "red");
    // A refused rule (409: an action that does not fit) is an HTML page too.
    let again = c.post(&path, &form).await;
    assert_eq!(again.status, 409);
    check_page("conflict", &again.body);
    // The login form has its own token.
    let mut anon = PageClient::new(&z.app);
    anon.get("/login").await;
    let bare = anon
        .post(
            "/login",
            &[("username", "xiaoer"), ("password", USER_PASSWORD)],
        )
        .await;
    assert_eq!(bare.status, 403);
}

#[tokio::test]
async fn each_kind_of_user_sees_what_is_theirs() {
    let z = zone().await;
    let mut ent = PageClient::new(&z.app);
    ent.login(&z.ent_a, USER_PASSWORD).await;
    let home = ent.get("/enterprise").await.body;
    assert!(
        home.contains("晶圆厂二期") && !home.contains("九亭生物医药基地"),
        "{home}"
    );
    assert!(home.contains("等待我方补正") && home.contains("节能审查"));
    // Waiting since 2026-03-10: 4 working days (11, 12, 13, 16 March); no staff notes.
    assert!(
        home.contains("已等待 4 个工作日") && home.contains("2026年3月10日"),
        "{home}"
    );
    assert!(!home.contains("内部备注"));
    let own = ent.get(&format!("/projects/{}", z.green)).await.body;
    assert!(!own.contains("内部备注") && !own.contains("event-form"));
    assert_eq!(ent.get(&format!("/projects/{}", z.red)).await.status, 404);
    assert_eq!(ent.get("/overview").await.status, 403);
    assert_eq!(ent.get("/my").await.status, 403);
    // The liaison: the red project first, with its stalled step and next step.
    let mut liaison = PageClient::new(&z.app);
    liaison.login(&z.liaison, USER_PASSWORD).await;
    let my = liaison.get("/my").await.body;
    let (red_at, green_at) = (
        my.find("九亭生物医药基地").unwrap(),
        my.find("晶圆厂二期").unwrap(),
    );
    assert!(red_at < green_at, "the red project comes first");
    assert!(
        my.contains("环评审批（报告表）"),
        "the stalled EIA is named"
    );
    assert_eq!(liaison.get("/admin/users").await.status, 403);
    // The manager: red list and agencies ranked.
    let mut boss = PageClient::new(&z.app);
    boss.login(&z.manager, USER_PASSWORD).await;
    let o = boss.get("/overview").await.body;
    let red_list = &o[o.find("id=\"red-list\"").unwrap()..];
    assert!(red_list[..red_list.find("</table>").unwrap()].contains("九亭生物医药基地"));
    let agencies = &o[o.find("id=\"agencies\"").unwrap()..];
    assert!(agencies.find("区规划资源局").unwrap() < agencies.find("区发改委").unwrap());
    assert!(o.contains("<svg") && o.contains("节省"));
}
