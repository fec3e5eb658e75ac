//! Registering robots: who may, what is refused (nothing changed after), credentials
//! never returned, and the test button's answers.

use serde_json::{json, Value};

use super::{add_robot, app_with, FakeRobot, Script};
use crate::smtp::SmtpServer;

async fn robots_seen_by_admin(app: &crate::helpers::TestApp) -> Value {
    app.get("/api/v1/chat-robots", &app.admin)
        .await
        .ok(200)
        .clone()
}

#[tokio::test]
async fn a_liaison_registers_their_robot_and_never_sees_its_key_again() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let key = "secret-key-7f3a";
    let r = app
        .post(
            "/api/v1/chat-robots",
            &liaison,
            &json!({"kind": "wecom", "url": robot.wecom_url(key), "name": "九亭项目群"}),
        )
        .await;
    let created = r.ok(201).clone();
    assert_eq!(created["owner"], liaison_id);
    assert_eq!(created["kind"], "wecom");
    assert_eq!(created["url_hint"], "127.0.0.1 …7f3a");
    add_robot(
        &app,
        &liaison,
        json!({"kind": "dingtalk", "url": robot.dingtalk_url("tok-1"), "secret": "SECshh-very-secret"}),
    )
    .await;
    // Neither the URL nor the secret comes back, in any answer.
    let listed = app
        .get("/api/v1/chat-robots", &liaison)
        .await
        .ok(200)
        .to_string();
    for secret in [key, "tok-1", "SECshh-very-secret"] {
        assert!(!listed.contains(secret), "{listed}");
        assert!(!created.to_string().contains(secret));
    }
    let items: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(items[1]["has_secret"], true);
    assert!(items[1].get("url").is_none() && items[1].get("secret").is_none());
    // An admin registers the managers' group (the default owner for admins).
    let managers = app
        .post(
            "/api/v1/chat-robots",
            &app.admin,
            &json!({"kind": "wecom", "url": robot.wecom_url("mgr")}),
        )
        .await
        .ok(201)
        .clone();
    assert_eq!(managers["owner"], "managers");
    // The liaison sees only their own; the admin sees all three.
    assert_eq!(
        robots_seen_by_admin(&app).await.as_array().unwrap().len(),
        3
    );
    let mine = app
        .get("/api/v1/chat-robots", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(mine.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn every_refusal_names_its_field_and_changes_nothing() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let (other_id, other) = app.add_user("liaison2", "liaison", None).await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;
    let theirs = add_robot(
        &app,
        &other,
        json!({"kind": "wecom", "url": robot.wecom_url("k2")}),
    )
    .await;
    let ent = app.add_enterprise("松江企业", crate::helpers::CODE_B).await;
    let (_, ent_user) = app.add_user("ent1", "enterprise", Some(ent)).await;
    let before = (robots_seen_by_admin(&app).await, app.snapshot().await);
    let url = robot.wecom_url("k");
    let refused = [
        (json!({"kind": "slack", "url": url}), 422, Some("kind")),
        (
            json!({"kind": "wecom", "url": "https://10.1.2.3/cgi-bin/webhook/send?key=k"}),
            422,
            Some("url"),
        ),
        (
            json!({"kind": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"}),
            422,
            Some("url"),
        ),
        (
            json!({"kind": "wecom", "url": "not a url"}),
            422,
            Some("url"),
        ),
        (
            json!({"kind": "wecom", "url": robot.dingtalk_url("t")}),
            422,
            Some("url"),
        ),
        (
            json!({"kind": "wecom", "url": url, "secret": "SEC1"}),
            422,
            Some("secret"),
        ),
        // An allowed host on another port than https's 443 (item 8 of issue 28).
        (
            json!({"kind": "wecom", "url": "https://127.0.0.1:8443/cgi-bin/webhook/send?key=k"}),
            422,
            Some("url"),
        ),
        // A DingTalk signing secret always starts with SEC.
        (
            json!({"kind": "dingtalk", "url": robot.dingtalk_url("t"), "secret": "shh-not-signed"}),
            422,
            Some("secret"),
        ),
        (
            json!({"kind": "wecom", "url": url, "name": "群".repeat(51)}),
            422,
            Some("name"),
        ),
        (
            json!({"kind": "wecom", "url": url, "colour": "red"}),
            400,
            None,
        ),
        (
            json!({"kind": "wecom", "url": url, "owner": other_id}),
            403,
            None,
        ),
        (
            json!({"kind": "wecom", "url": url, "owner": "managers"}),
            403,
            None,
        ),
    ];
    for (body, status, field) in refused {
        let r = app.post("/api/v1/chat-robots", &liaison, &body).await;
        r.problem(status);
        if let Some(f) = field {
            assert_eq!(r.fields(), [f], "{body}");
        }
    }
    // Managers and enterprise users have no robots; nobody anonymous does anything.
    for token in [&manager, &ent_user] {
        app.get("/api/v1/chat-robots", token).await.problem(403);
        app.post(
            "/api/v1/chat-robots",
            token,
            &json!({"kind": "wecom", "url": url}),
        )
        .await
        .problem(403);
        app.post(
            &format!("/api/v1/chat-robots/{theirs}/test"),
            token,
            &json!({}),
        )
        .await
        .problem(403);
    }
    app.get_anon("/api/v1/chat-robots").await.problem(401);
    // Another liaison's robot is not found for this one: not read, changed, tested or removed.
    let path = format!("/api/v1/chat-robots/{theirs}");
    app.patch(&path, &liaison, &json!({"name": "我的"}), None)
        .await
        .problem(404);
    app.delete(&path, &liaison).await.problem(404);
    app.post(&format!("{path}/test"), &liaison, &json!({}))
        .await
        .problem(404);
    // A stale version, a bad new URL, an admin naming a manager as owner.
    app.patch(&path, &other, &json!({"name": "x"}), Some(7))
        .await
        .problem(409);
    let r = app
        .patch(
            &path,
            &other,
            &json!({"url": "https://evil.example/send?key=1"}),
            None,
        )
        .await;
    r.problem(422);
    assert_eq!(r.fields(), ["url"]);
    assert_eq!(
        r.body["errors"][0]["code"], "robot_host_not_allowed",
        "{}",
        r.body
    );
    assert_eq!(
        r.body["errors"][0]["args"]["host"], "evil.example",
        "{}",
        r.body
    );
    let manager_id = app.user_id("manager1").await;
    let r = app
        .post(
            "/api/v1/chat-robots",
            &app.admin,
            &json!({"kind": "wecom", "url": url, "owner": manager_id}),
        )
        .await;
    r.problem(422);
    assert_eq!(r.fields(), ["owner"]);
    assert_eq!(r.body["errors"][0]["code"], "robot_owner", "{}", r.body);
    // Five robots per owner at most: the sixth is a conflict.
    for i in 0..4 {
        add_robot(
            &app,
            &other,
            json!({"kind": "wecom", "url": robot.wecom_url(&format!("n{i}"))}),
        )
        .await;
    }
    let before_sixth = robots_seen_by_admin(&app).await;
    let r = app
        .post(
            "/api/v1/chat-robots",
            &other,
            &json!({"kind": "wecom", "url": url}),
        )
        .await;
    assert_eq!(r.problem(409)["code"], "too_many_robots", "{}", r.body);
    assert_eq!(r.body["args"]["max"], "5", "{}", r.body);
    assert_eq!(robots_seen_by_admin(&app).await, before_sixth);
    assert_eq!(before.1, app.snapshot().await);
    assert_eq!(
        before.0.as_array().unwrap().len() + 4,
        before_sixth.as_array().unwrap().len()
    );
    // Nothing was ever posted to the robot by any of this.
    assert!(robot.seen().is_empty());
}

#[tokio::test]
async fn the_owner_changes_turns_off_and_removes_a_robot() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let id = add_robot(
        &app,
        &liaison,
        json!({"kind": "dingtalk", "url": robot.dingtalk_url("t1"), "secret": "SEC1"}),
    )
    .await;
    let path = format!("/api/v1/chat-robots/{id}");
    let r = app
        .patch(
            &path,
            &liaison,
            &json!({"name": "新群", "secret": null, "active": false}),
            Some(1),
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(
        (
            r["name"].as_str(),
            r["has_secret"].as_bool(),
            r["active"].as_bool(),
            r["version"].as_i64()
        ),
        (Some("新群"), Some(false), Some(false), Some(2))
    );
    app.delete(&path, &liaison).await.ok(204);
    assert!(app
        .get("/api/v1/chat-robots", &liaison)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .is_empty());
    // The audit log says what happened to robots, never their URL.
    let audit = app
        .get("/api/v1/audit", &app.admin)
        .await
        .ok(200)
        .to_string();
    assert!(
        audit.contains("chat_robot_added") && audit.contains("chat_robot_removed"),
        "{audit}"
    );
    assert!(!audit.contains("t1"), "{audit}");
}

#[tokio::test]
async fn the_test_button_shows_the_platforms_answer() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let robot = FakeRobot::start();
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let id = add_robot(
        &app,
        &liaison,
        json!({"kind": "wecom", "url": robot.wecom_url("k")}),
    )
    .await;
    let path = format!("/api/v1/chat-robots/{id}/test");
    let ok = app.post(&path, &liaison, &json!({})).await.ok(200).clone();
    assert_eq!(
        (
            ok["delivered"].as_bool(),
            ok["errcode"].as_i64(),
            ok["http_status"].as_i64()
        ),
        (Some(true), Some(0), Some(200))
    );
    let seen = robot.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, "/cgi-bin/webhook/send?key=k");
    assert_eq!(seen[0].body["msgtype"], "markdown");
    assert!(super::content(&seen[0].body).contains("测试消息"));
    robot.answer(Script::Code(310000));
    let refused = app.post(&path, &liaison, &json!({})).await.ok(200).clone();
    assert_eq!(
        (refused["delivered"].as_bool(), refused["errcode"].as_i64()),
        (Some(false), Some(310000))
    );
    assert_eq!(refused["message"], "sign not match");
    let shown = app
        .get("/api/v1/chat-robots", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(shown[0]["last_error"], "errcode 310000: sign not match");
    // A robot at its 20 a minute: the button answers 429 and posts nothing.
    for _ in 0..18 {
        app.post(&path, &liaison, &json!({})).await.ok(200);
    }
    assert_eq!(robot.seen().len(), 20);
    app.post(&path, &liaison, &json!({})).await.problem(429);
    assert_eq!(robot.seen().len(), 20);
}

#[tokio::test]
async fn users_give_a_mobile_for_mentions_and_a_bad_one_is_refused() {
    let smtp = SmtpServer::start();
    let app = app_with(&smtp).await;
    let (id, _) = app.add_user("liaison1", "liaison", None).await;
    let path = format!("/api/v1/users/{id}");
    let r = app
        .patch(&path, &app.admin, &json!({"mobile": "021-5555"}), None)
        .await;
    r.problem(422);
    assert_eq!(r.fields(), ["mobile"]);
    let u = app
        .patch(&path, &app.admin, &json!({"mobile": "13812345678"}), None)
        .await
        .ok(200)
        .clone();
    assert_eq!(u["mobile"], "13812345678");
}
