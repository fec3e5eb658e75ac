//! Text and size bounded as docs/rules.md says, on every path: sign-in, projects, steps and
//! import. Each refusal is a 422 naming the field; nothing changes.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, CODE_A};

fn steps(n: usize) -> Value {
    (0..n)
        .map(|i| json!({"key": format!("s{i}"), "name": "环节", "agency": "区发改委", "stage": "立项", "statutory_days": 1, "depends_on": []}))
        .collect()
}

#[tokio::test]
async fn an_overlong_user_name_or_password_is_refused_before_any_work() {
    let app = spawn_app().await;
    let audit = app
        .get("/api/v1/audit?per_page=500", &app.admin)
        .await
        .ok(200)
        .clone();
    for _ in 0..8 {
        let r = app.post_login(&"a".repeat(65), "whatever-1").await;
        assert_eq!(r.fields(), ["username"], "{}", r.body);
        r.problem(422);
        let r = app.post_login("liaison1", &"p".repeat(100_000)).await;
        assert_eq!(r.fields(), ["password"], "{}", r.body);
    }
    // No failure counted, no audit line written, and the service answers.
    assert_eq!(
        app.get("/api/v1/audit?per_page=500", &app.admin)
            .await
            .ok(200),
        &audit
    );
}

#[tokio::test]
async fn a_project_has_at_most_500_steps() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let before = app.snapshot().await;
    let body = json!({"name": "涂料仓储", "enterprise_id": ent, "steps": steps(501), "start_date": "2026-03-02"});
    let r = app.add_project(&app.admin, &body).await;
    assert_eq!(r.fields(), ["steps"], "{}", r.body);
    r.problem(422);
    assert_eq!(app.snapshot().await, before);
    let body = json!({"name": "涂料仓储", "enterprise_id": ent, "steps": steps(500), "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let before = app.snapshot().await;
    let one = json!({"key": "extra", "name": "环节", "agency": "区发改委", "stage": "立项", "statutory_days": 1, "depends_on": []});
    let r = app
        .post(&format!("/api/v1/projects/{id}/steps"), &app.admin, &one)
        .await;
    r.problem(422);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn import_bounds_names_and_steps_like_the_api() {
    let app = spawn_app().await;
    app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let before = app.snapshot().await;
    let mut body = String::from(
        "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days\n",
    );
    body.push_str(&format!(
        "{},{CODE_A},2026-03-02,,a,备案,区发改委,立项,0\n",
        "名".repeat(201)
    ));
    body.push_str(&format!(
        "乙,{CODE_A},2026-03-02,{},a,备案,区发改委,立项,0\n",
        "l".repeat(65)
    ));
    for i in 0..501 {
        body.push_str(&format!(
            "丙,{CODE_A},2026-03-02,,s{i},备案,区发改委,立项,0\n"
        ));
    }
    let r = app
        .post_raw("/api/v1/imports", &app.admin, &body, "text/csv")
        .await;
    let p = r.problem(422).clone();
    let messages: Vec<String> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["field"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        messages[0].starts_with("line 2: project: must be at most 200"),
        "{messages:?}"
    );
    assert!(messages[1].starts_with("line 3: liaisons:"), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("at most 500 steps")),
        "{messages:?}"
    );
    assert_eq!(app.snapshot().await, before);
}
