//! Refusals carry codes (API.md, Conventions): every problem answers a stable `code` and
//! its `args` at the top and per field, beside the unchanged English, and the OpenAPI
//! document lists the codes.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, CODE_A};

/// The entry of `errors` for `field`.
fn field<'a>(problem: &'a Value, field: &str) -> &'a Value {
    problem["errors"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["field"] == field))
        .unwrap_or_else(|| panic!("no error for {field}: {problem}"))
}

#[tokio::test]
async fn a_refusal_answers_its_code_and_arguments_beside_the_english() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;

    let body = json!({"name": " ", "enterprise_id": ent, "template": "standard-industrial", "liaison_ids": [], "start_date": "2026-03-02"});
    let r = app.add_project(&app.admin, &body).await;
    let p = r.problem(422);
    let name = field(p, "name");
    assert_eq!(name["code"], "required", "{p}");
    assert_eq!(name["message"], "must not be blank");
    assert_eq!(name["args"], json!({}));

    let body = json!({"name": "长".repeat(201), "enterprise_id": ent, "template": "standard-industrial", "liaison_ids": [], "start_date": "2026-03-02"});
    let r = app.add_project(&app.admin, &body).await;
    let p = r.problem(422);
    let name = field(p, "name");
    assert_eq!(name["code"], "too_long", "{p}");
    assert_eq!(name["args"], json!({"max": "200"}));
    assert_eq!(name["message"], "must be at most 200 characters");
    // One field refused: the top answers that field's code.
    assert_eq!(p["code"], "too_long", "{p}");
    assert_eq!(p["detail"], "name: must be at most 200 characters");

    let r = app.post_login(&"a".repeat(65), "whatever-1").await;
    let p = r.problem(422);
    assert_eq!(field(p, "username")["code"], "too_long", "{p}");

    let r = app.get_anon("/api/v1/projects").await;
    let p = r.problem(401);
    assert_eq!(p["code"], "sign_in_first", "{p}");

    let r = app.get("/api/v1/projects/987654", &app.admin).await;
    let p = r.problem(404);
    assert_eq!(p["code"], "not_found", "{p}");
    assert_eq!(p["args"]["what"], "project", "{p}");

    let r = app
        .post("/api/v1/enterprises", &app.admin, &json!({"nonsense": 1}))
        .await;
    let p = r.problem(400);
    assert_eq!(p["code"], "bad_json_value", "{p}");
    assert_eq!(field(p, "nonsense")["code"], "bad_json_value", "{p}");

    let r = app
        .post_raw("/api/v1/enterprises", &app.admin, "name=x", "text/plain")
        .await;
    let p = r.problem(415);
    assert_eq!(p["code"], "not_json", "{p}");
    assert_eq!(
        p["detail"],
        "unsupported media type: send the body as application/json"
    );
}

#[tokio::test]
async fn the_openapi_document_lists_every_code_a_problem_may_carry() {
    let app = spawn_app().await;
    let doc = app.get_anon("/api/openapi.json").await.ok(200).clone();
    for schema in ["Problem", "FieldError"] {
        let props = &doc["components"]["schemas"][schema]["properties"];
        assert!(props["args"].is_object(), "{schema}: {props}");
        let codes: Vec<&str> = props["code"]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{schema}.code lists no codes: {props}"))
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for code in [
            "required",
            "too_long",
            "date_out_of_range",
            "not_found",
            "internal",
        ] {
            assert!(codes.contains(&code), "{schema} lacks {code}");
        }
    }
}
