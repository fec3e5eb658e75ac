//! Chat robots on the settings page: a liaison registers one (refusals beside their
//! fields, the URL kept and the secret not), sends a test and reads the platform's
//! answer, turns it off, removes it, and gives a mobile; who may do what.

use serde_json::json;

use super::client::{csrf_in, PageClient};
use super::html_check::check_page;
use super::project_forms::refused_with;
use crate::chat::{chat_settings, now, FakeRobot, Script};
use crate::helpers::{spawn_app_with, TestApp, PASSWORD};

async fn app() -> TestApp {
    spawn_app_with(now(), chat_settings).await
}

async fn signed_in(app: &TestApp, who: &str, password: &str) -> (PageClient, String) {
    let mut c = PageClient::new(app);
    c.login(who, password).await;
    let csrf = csrf_in(&c.get("/settings").await.body);
    (c, csrf)
}

#[tokio::test]
async fn a_liaison_registers_tests_turns_off_and_removes_a_robot() {
    let app = app().await;
    let robot = FakeRobot::start();
    app.add_user("xiaoer", "liaison", None).await;
    let (mut c, csrf) = signed_in(&app, "xiaoer", PASSWORD).await;
    let page = c.get("/settings").await;
    assert!(page.body.contains("尚未登记机器人"), "{}", page.body);
    check_page("settings-chat", &page.body);

    let before = app
        .get("/api/v1/chat-robots", &app.admin)
        .await
        .ok(200)
        .clone();
    let intranet = "https://10.0.0.8/cgi-bin/webhook/send?key=abc";
    let refused = c
        .post(
            "/settings/chat-robots",
            &[
                ("csrf", &csrf),
                ("kind", "wecom"),
                ("name", "九亭群"),
                ("url", intranet),
                ("secret", ""),
            ],
        )
        .await;
    refused_with(
        &refused,
        422,
        "url",
        "不允许向 10.0.0.8 发送：只能登记企业微信或钉钉的官方地址",
    );
    let url_input = refused
        .body
        .split("id=\"f-url\"")
        .nth(1)
        .unwrap_or_default();
    let url_input = url_input.split('>').next().unwrap_or_default();
    assert!(
        url_input.contains("10.0.0.8") && url_input.contains("key=abc"),
        "the URL typed is kept: {url_input}"
    );
    assert!(refused.body.contains("value=\"九亭群\""));
    let url = robot.wecom_url("k3y-9z");
    let with_secret = c
        .post(
            "/settings/chat-robots",
            &[
                ("csrf", &csrf),
                ("kind", "wecom"),
                ("name", ""),
                ("url", &url),
                ("secret", "SECnot-shown"),
            ],
        )
        .await;
    refused_with(
        &with_secret,
        422,
        "secret",
        "企业微信机器人没有加签密钥，请留空",
    );
    assert!(
        !with_secret.body.contains("SECnot-shown"),
        "a secret is never shown back"
    );
    // Another port than 443 on an allowed host, and a DingTalk secret without SEC.
    let other_port = "https://127.0.0.1:8443/cgi-bin/webhook/send?key=k";
    let refused = c
        .post(
            "/settings/chat-robots",
            &[
                ("csrf", &csrf),
                ("kind", "wecom"),
                ("name", "九亭群"),
                ("url", other_port),
                ("secret", ""),
            ],
        )
        .await;
    refused_with(
        &refused,
        422,
        "url",
        "只能使用平台的默认端口（443），请去掉地址中的端口",
    );
    assert!(
        refused.body.contains("127.0.0.1:8443"),
        "the URL typed is kept"
    );
    let refused = c
        .post(
            "/settings/chat-robots",
            &[
                ("csrf", &csrf),
                ("kind", "dingtalk"),
                ("name", "九亭群"),
                ("url", &robot.dingtalk_url("t0k")),
                ("secret", "not-a-signing-secret"),
            ],
        )
        .await;
    refused_with(
        &refused,
        422,
        "secret",
        "钉钉加签密钥以 SEC 开头，请完整复制",
    );
    assert_eq!(
        app.get("/api/v1/chat-robots", &app.admin)
            .await
            .ok(200)
            .clone(),
        before
    );

    let added = c
        .post(
            "/settings/chat-robots",
            &[
                ("csrf", &csrf),
                ("kind", "wecom"),
                ("name", "九亭群"),
                ("url", &url),
                ("secret", ""),
            ],
        )
        .await;
    assert_eq!(
        added.location.as_deref(),
        Some("/settings?done=robot_added#chat")
    );
    let page = c.get("/settings?done=robot_added").await;
    assert!(page.body.contains("机器人已登记"));
    assert!(page.body.contains("127.0.0.1 …y-9z"), "{}", page.body);
    assert!(
        !page.body.contains("k3y-9z"),
        "the key is never shown again"
    );
    check_page("settings-robot", &page.body);
    let id = app.get("/api/v1/chat-robots", &app.admin).await.ok(200)[0]["id"]
        .as_i64()
        .unwrap();

    // The test button shows what the platform answered, delivered or not.
    let tested = c
        .post(
            &format!("/settings/chat-robots/{id}/test"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(tested.status, 200);
    assert!(
        tested
            .body
            .contains("测试消息已送达：平台答复 errcode 0（ok）"),
        "{}",
        tested.body
    );
    // Delivered at 2026-03-20T02:00Z: shown in Shanghai's time (UTC+8), for people.
    assert!(
        tested
            .body
            .contains("最近送达：<span class=\"robot-sent\">2026年3月20日 10:00</span>"),
        "{}",
        tested.body
    );
    robot.answer(Script::Code(310000));
    let tested = c
        .post(
            &format!("/settings/chat-robots/{id}/test"),
            &[("csrf", &csrf)],
        )
        .await;
    assert!(
        tested
            .body
            .contains("测试消息未送达：平台答复 errcode 310000（sign not match）"),
        "{}",
        tested.body
    );
    assert!(tested.body.contains("连续失败 1 次"));
    assert_eq!(robot.seen().len(), 2);

    // Off, then removed.
    let off = c
        .post(
            &format!("/settings/chat-robots/{id}/toggle"),
            &[("csrf", &csrf), ("version", "1"), ("active", "0")],
        )
        .await;
    assert_eq!(
        off.location.as_deref(),
        Some("/settings?done=robot_changed#chat")
    );
    assert!(c.get("/settings").await.body.contains("已停用"));
    let stale = c
        .post(
            &format!("/settings/chat-robots/{id}/toggle"),
            &[("csrf", &csrf), ("version", "1"), ("active", "1")],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    let removed = c
        .post(
            &format!("/settings/chat-robots/{id}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        removed.location.as_deref(),
        Some("/settings?done=robot_removed#chat")
    );
    assert!(c.get("/settings").await.body.contains("尚未登记机器人"));
}

#[tokio::test]
async fn the_mobile_for_mentions_is_checked_and_saved() {
    let app = app().await;
    app.add_user("xiaoer", "liaison", None).await;
    let (mut c, csrf) = signed_in(&app, "xiaoer", PASSWORD).await;
    let bad = c
        .post(
            "/settings/mobile",
            &[("csrf", &csrf), ("mobile", "021-5555")],
        )
        .await;
    refused_with(&bad, 422, "mobile", "请填写 11 位手机号，如 13812345678");
    assert!(bad.body.contains("value=\"021-5555\""));
    let ok = c
        .post(
            "/settings/mobile",
            &[("csrf", &csrf), ("mobile", "13812345678")],
        )
        .await;
    assert_eq!(
        ok.location.as_deref(),
        Some("/settings?done=mobile_saved#chat")
    );
    let id = app.user_id("xiaoer").await;
    let u = app
        .get(&format!("/api/v1/users/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(u["mobile"], "13812345678");
}

#[tokio::test]
async fn who_sees_and_uses_the_robot_forms() {
    let app = app().await;
    let robot = FakeRobot::start();
    let (_, theirs) = app.add_user("other", "liaison", None).await;
    app.add_user("xiaoer", "liaison", None).await;
    app.add_user("boss", "manager", None).await;
    let body = json!({"kind": "wecom", "url": robot.wecom_url("k")});
    let id = app
        .post("/api/v1/chat-robots", &theirs, &body)
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    // A manager has no robot section and cannot post to it.
    let (mut boss, csrf) = signed_in(&app, "boss", PASSWORD).await;
    assert!(!boss
        .get("/settings")
        .await
        .body
        .contains("id=\"robot-form\""));
    let r = boss
        .post(
            "/settings/chat-robots",
            &[
                ("csrf", &csrf),
                ("kind", "wecom"),
                ("url", &robot.wecom_url("x")),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    // Another liaison's robot is not there for this one.
    let (mut c, csrf) = signed_in(&app, "xiaoer", PASSWORD).await;
    for action in ["test", "toggle", "delete"] {
        let r = c
            .post(
                &format!("/settings/chat-robots/{id}/{action}"),
                &[("csrf", &csrf), ("version", "1"), ("active", "0")],
            )
            .await;
        assert_eq!(r.status, 404, "{action}");
    }
    assert!(robot.seen().is_empty());
    // Without the CSRF token nothing is done; anonymous callers are sent to log in.
    let r = c
        .post(&format!("/settings/chat-robots/{id}/test"), &[])
        .await;
    assert_ne!(r.status, 200);
    let mut anon = PageClient::new(&app);
    assert_eq!(
        anon.post("/settings/chat-robots", &[("kind", "wecom")])
            .await
            .status,
        303
    );
    // The admin's section registers the managers' group and lists every robot.
    let (mut admin, csrf) = signed_in(&app, "admin", crate::helpers::ADMIN_PASSWORD).await;
    let page = admin.get("/settings").await;
    assert!(page.body.contains("管理层群"), "{}", page.body);
    assert!(page.body.contains(&format!("data-robot=\"{id}\"")));
    let added = admin
        .post(
            "/settings/chat-robots",
            &[
                ("csrf", &csrf),
                ("kind", "dingtalk"),
                ("name", "管理层"),
                ("url", &robot.dingtalk_url("m")),
                ("secret", "SECm"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let all = app
        .get("/api/v1/chat-robots", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(all[1]["owner"], "managers");
}

#[tokio::test]
async fn an_admin_gives_a_liaison_their_mobile_on_the_users_page() {
    let app = app().await;
    let (id, _) = app.add_user("xiaoer", "liaison", None).await;
    let (mut c, csrf, version) = super::admin_user::admin_page(&app, id).await;
    let path = format!("/admin/users/{id}");
    let form = |mobile: &'static str| {
        vec![
            ("form", "profile"),
            ("display_name", "王芳"),
            ("email", "wang@zone.example.cn"),
            ("role", "liaison"),
            ("mobile", mobile),
        ]
    };
    let mut bad = form("1381234");
    bad.extend([("csrf", csrf.as_str()), ("version", version.as_str())]);
    let refused = c.post(&path, &bad).await;
    refused_with(
        &refused,
        422,
        "mobile",
        "请填写 11 位手机号，如 13812345678",
    );
    assert!(refused.body.contains("value=\"1381234\""));
    let mut good = form("13912345678");
    good.extend([("csrf", csrf.as_str()), ("version", version.as_str())]);
    assert_eq!(c.post(&path, &good).await.status, 303);
    let u = app
        .get(&path.replace("/admin", "/api/v1"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(u["mobile"], "13912345678");
}
