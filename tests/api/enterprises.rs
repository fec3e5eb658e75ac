use serde_json::json;

use crate::helpers::{spawn_app, CODE_A, CODE_B, CODE_C};

#[tokio::test]
async fn staff_register_enterprises_and_enterprise_users_see_only_their_own() {
    let app = spawn_app().await;
    let a = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let b = app.add_enterprise("申松涂料有限公司", CODE_B).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let (_, firm_a) = app.add_user("firm-a", "enterprise", Some(a)).await;
    let r = app.get("/api/v1/enterprises", &liaison).await;
    assert_eq!(r.ok(200)["total"], 2);
    let r = app.get("/api/v1/enterprises", &firm_a).await;
    let body = r.ok(200);
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["name"], "松江晶圆制造有限公司");
    app.get(&format!("/api/v1/enterprises/{a}"), &firm_a)
        .await
        .ok(200);
    app.get(&format!("/api/v1/enterprises/{b}"), &firm_a)
        .await
        .problem(404);
    let body =
        json!({"name": "X", "credit_code": CODE_C, "contact_name": "X", "contact_email": "x@x.cn"});
    app.post("/api/v1/enterprises", &firm_a, &body)
        .await
        .problem(403);
    app.patch(
        &format!("/api/v1/enterprises/{a}"),
        &firm_a,
        &json!({"name": "改名"}),
        None,
    )
    .await
    .problem(403);
    app.post("/api/v1/enterprises", &liaison, &body)
        .await
        .ok(201);
}

#[tokio::test]
async fn enterprise_input_is_checked_and_versions_guard_edits() {
    let app = spawn_app().await;
    let a = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let before = app.snapshot().await;
    let bad = [
        (
            json!({"name": "X", "credit_code": "91310117MA1J3P0A04", "contact_name": "X", "contact_email": "x@x.cn"}),
            "credit_code",
        ),
        (
            json!({"name": " ", "credit_code": CODE_B, "contact_name": "X", "contact_email": "x@x.cn"}),
            "name",
        ),
        (
            json!({"name": "X", "credit_code": CODE_B, "contact_name": "X", "contact_email": "nope"}),
            "contact_email",
        ),
    ];
    for (body, field) in bad {
        let r = app.post("/api/v1/enterprises", &app.admin, &body).await;
        r.problem(422);
        assert_eq!(r.fields(), vec![field.to_string()], "{}", r.body);
        if field == "credit_code" {
            assert_eq!(
                r.body["errors"][0]["code"], "credit_code_check",
                "{}",
                r.body
            );
        }
    }
    let dup =
        json!({"name": "Y", "credit_code": CODE_A, "contact_name": "Y", "contact_email": "y@y.cn"});
    let r = app.post("/api/v1/enterprises", &app.admin, &dup).await;
    assert_eq!(r.problem(409)["code"], "credit_code_taken", "{}", r.body);
    assert_eq!(app.snapshot().await, before);

    let path = format!("/api/v1/enterprises/{a}");
    let r = app
        .patch(&path, &app.admin, &json!({"contact_name": "张总"}), Some(1))
        .await;
    assert_eq!(r.ok(200)["version"], 2);
    assert_eq!(r.headers.get("etag").unwrap(), "\"2\"");
    let before = app.snapshot().await;
    let r = app
        .patch(&path, &app.admin, &json!({"contact_name": "赵总"}), Some(1))
        .await;
    assert!(r.problem(409)["detail"]
        .as_str()
        .unwrap()
        .contains("version 2"));
    assert_eq!(r.body["code"], "stale_version", "{}", r.body);
    assert_eq!(r.body["args"]["current"], "2", "{}", r.body);
    let r = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&app.admin)
        .header("If-Match", "soon")
        .json(&json!({"contact_name": "赵总"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(app.snapshot().await, before);
    // Without If-Match the client takes the current version as it is.
    let r = app
        .patch(&path, &app.admin, &json!({"contact_name": "赵总"}), None)
        .await;
    assert_eq!(r.ok(200)["contact_name"], "赵总");
    app.get("/api/v1/enterprises/99999", &app.admin)
        .await
        .problem(404);
    app.get("/api/v1/enterprises/abc", &app.admin)
        .await
        .problem(404);
}
