use serde_json::json;

use crate::helpers::{spawn_app, ADMIN_PASSWORD, CODE_A, PASSWORD};

#[tokio::test]
async fn login_gives_a_token_that_works_until_logout() {
    let app = spawn_app().await;
    let r = app.post_login("admin", ADMIN_PASSWORD).await;
    let body = r.ok(201);
    assert_eq!(body["user"]["role"], "admin");
    assert!(body["user"].get("password_hash").is_none());
    let token = body["token"].as_str().unwrap().to_string();
    assert!(token.len() >= 40);
    app.get("/api/v1/users", &token).await.ok(200);
    app.delete("/api/v1/sessions/current", &token).await.ok(204);
    app.get("/api/v1/users", &token).await.problem(401);
    // Another session of the same user is untouched.
    app.get("/api/v1/users", &app.admin).await.ok(200);
}

#[tokio::test]
async fn wrong_name_and_wrong_password_get_the_same_401() {
    let app = spawn_app().await;
    let a = app.post_login("admin", "Wrong-pass-2026").await;
    let b = app.post_login("nobody", ADMIN_PASSWORD).await;
    assert_eq!(a.problem(401)["detail"], b.problem(401)["detail"]);
    app.get("/api/v1/users", "").await.problem(401);
    app.get("/api/v1/users", "not-a-token").await.problem(401);
    app.get_anon("/api/v1/projects").await.problem(401);
}

#[tokio::test]
async fn only_admins_manage_users_and_staff_read_them() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let (_, firm) = app.add_user("firm1", "enterprise", Some(ent)).await;
    let new_user = json!({"username": "x1", "display_name": "X", "email": "x@zone.example.cn", "role": "liaison", "password": PASSWORD});
    let before = app.snapshot().await;
    for token in [&manager, &liaison, &firm] {
        app.post("/api/v1/users", token, &new_user)
            .await
            .problem(403);
        app.patch(
            &format!("/api/v1/users/{liaison_id}"),
            token,
            &json!({"display_name": "Y"}),
            None,
        )
        .await
        .problem(403);
    }
    app.get("/api/v1/users", &firm).await.problem(403);
    assert_eq!(app.snapshot().await, before);
    let list = app.get("/api/v1/users", &liaison).await;
    assert_eq!(list.ok(200)["total"], 4);
    app.get(&format!("/api/v1/users/{liaison_id}"), &manager)
        .await
        .ok(200);
}

#[tokio::test]
async fn creating_users_refuses_bad_input_and_changes_nothing() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let before = app.snapshot().await;
    let base = json!({"username": "wang.li", "display_name": "王丽", "email": "wang@zone.example.cn", "role": "liaison", "password": PASSWORD});
    let cases = [
        (json!({"password": "short1"}), "password"),
        (json!({"password": "onlylettershere"}), "password"),
        (json!({"email": "not-an-email"}), "email"),
        (json!({"username": "a b"}), "username"),
        (json!({"role": "enterprise"}), "enterprise_id"),
        (
            json!({"role": "liaison", "enterprise_id": ent}),
            "enterprise_id",
        ),
        (
            json!({"role": "enterprise", "enterprise_id": 9999}),
            "enterprise_id",
        ),
    ];
    for (change, field) in cases {
        let mut body = base.clone();
        body.as_object_mut()
            .unwrap()
            .extend(change.as_object().unwrap().clone());
        let r = app.post("/api/v1/users", &app.admin, &body).await;
        r.problem(422);
        assert!(
            r.fields().contains(&field.to_string()),
            "{change}: {}",
            r.body
        );
    }
    let r = app
        .post(
            "/api/v1/users",
            &app.admin,
            &json!({"username": "u", "role": "boss"}),
        )
        .await;
    r.problem(400);
    let mut extra = base.clone();
    extra["is_root"] = json!(true);
    let r = app.post("/api/v1/users", &app.admin, &extra).await;
    assert!(r.problem(400)["detail"]
        .as_str()
        .unwrap()
        .contains("is_root"));
    app.post_raw(
        "/api/v1/users",
        &app.admin,
        "{\"username\": ",
        "application/json",
    )
    .await
    .problem(400);
    app.post_raw(
        "/api/v1/users",
        &app.admin,
        "username=x",
        "application/x-www-form-urlencoded",
    )
    .await
    .problem(415);
    assert_eq!(app.snapshot().await, before);
    app.post("/api/v1/users", &app.admin, &base).await.ok(201);
    let r = app.post("/api/v1/users", &app.admin, &base).await;
    assert_eq!(r.problem(409)["code"], "username_taken", "{}", r.body);
    assert_eq!(r.body["args"]["name"], base["username"], "{}", r.body);
}

#[tokio::test]
async fn a_password_change_or_disabling_ends_the_users_sessions() {
    let app = spawn_app().await;
    let (id, token) = app.add_user("liaison1", "liaison", None).await;
    let r = app.get(&format!("/api/v1/users/{id}"), &app.admin).await;
    let version = r.ok(200)["version"].as_i64().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/users/{id}"),
            &app.admin,
            &json!({"password": "Another-pass-77"}),
            Some(version),
        )
        .await;
    assert_eq!(r.ok(200)["version"], version + 1);
    app.get("/api/v1/users", &token).await.problem(401);
    app.post_login("liaison1", PASSWORD).await.problem(401);
    let token = app.login("liaison1", "Another-pass-77").await;
    // A stale version is refused and changes nothing.
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin,
        &json!({"active": false}),
        Some(version),
    )
    .await
    .problem(409);
    app.get("/api/v1/users", &token).await.ok(200);
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin,
        &json!({"active": false}),
        None,
    )
    .await
    .ok(200);
    app.get("/api/v1/users", &token).await.problem(401);
    app.post_login("liaison1", "Another-pass-77")
        .await
        .problem(401);
}
