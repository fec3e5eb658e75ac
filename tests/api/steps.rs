use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::projects::zone;

fn spec(key: &str, deps: &[&str]) -> Value {
    json!({"key": key, "name": "规划核实", "agency": "区规划资源局", "stage": "竣工验收", "statutory_days": 10, "promised_days": 5, "depends_on": deps})
}

#[tokio::test]
async fn steps_are_added_edited_and_removed() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let id = z.project["id"].as_i64().unwrap();
    let base = format!("/api/v1/projects/{id}");
    let r = app
        .post(
            &format!("{base}/steps"),
            &z.liaison,
            &spec("planning-check", &["construction-permit"]),
        )
        .await;
    let s = r.ok(201);
    assert_eq!(s["depends_on"], json!(["construction-permit"]));
    assert_eq!(s["promised_days"], 5);
    assert_eq!(s["status"], "pending");
    assert_eq!(s["version"], 1);
    let step_path = format!("{base}/steps/planning-check");
    let r = app
        .patch(
            &step_path,
            &z.liaison,
            &json!({"promised_days": null, "name": "规划资源验收"}),
            Some(1),
        )
        .await;
    assert_eq!(r.ok(200)["promised_days"], Value::Null);
    assert_eq!(r.body["name"], "规划资源验收");
    assert_eq!(r.body["version"], 2);
    app.patch(
        &step_path,
        &z.liaison,
        &json!({"statutory_days": 3}),
        Some(1),
    )
    .await
    .problem(409);
    let p = app.get(&base, &z.liaison).await.ok(200).clone();
    assert_eq!(p["steps"].as_array().unwrap().len(), 12);
    // A step others depend on cannot go; a leaf can.
    let r = app
        .delete(&format!("{base}/steps/construction-permit"), &z.liaison)
        .await;
    assert!(r.problem(409)["detail"]
        .as_str()
        .unwrap()
        .contains("planning-check"));
    assert_eq!(r.body["code"], "step_has_dependents", "{}", r.body);
    assert_eq!(r.body["args"]["key"], "construction-permit", "{}", r.body);
    app.delete(&step_path, &z.liaison).await.ok(204);
    app.delete(&step_path, &z.liaison).await.problem(404);
    assert_eq!(
        app.get(&base, &z.liaison).await.ok(200)["steps"]
            .as_array()
            .unwrap()
            .len(),
        11
    );
}

#[tokio::test]
async fn bad_steps_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let id = z.project["id"].as_i64().unwrap();
    let steps = format!("/api/v1/projects/{id}/steps");
    let before = app.snapshot().await;
    app.post(&steps, &z.liaison, &spec("filing", &[]))
        .await
        .problem(409);
    let r = app.post(&steps, &z.liaison, &spec("x", &["nowhere"])).await;
    assert_eq!(r.fields(), ["depends_on[0]"]);
    r.problem(422);
    let r = app.post(&steps, &z.liaison, &spec("bad key!", &[])).await;
    assert_eq!(r.fields(), ["key"]);
    let mut blank = spec("y", &[]);
    blank["agency"] = json!("");
    assert_eq!(
        app.post(&steps, &z.liaison, &blank).await.fields(),
        ["agency"]
    );
    // Editing a step so that it waits for its own successor closes a cycle.
    let r = app
        .patch(
            &format!("{steps}/filing"),
            &z.liaison,
            &json!({"depends_on": ["construction-permit"]}),
            None,
        )
        .await;
    let detail = r.problem(422)["detail"].as_str().unwrap().to_string();
    assert!(
        detail.contains("filing")
            && detail.contains("construction-permit")
            && detail.contains("cycle"),
        "{detail}"
    );
    let r = app
        .patch(
            &format!("{steps}/eia"),
            &z.liaison,
            &json!({"depends_on": ["eia"]}),
            None,
        )
        .await;
    r.problem(422);
    app.patch(
        &format!("{steps}/nope"),
        &z.liaison,
        &json!({"name": "x"}),
        None,
    )
    .await
    .problem(404);
    app.post("/api/v1/projects/9999/steps", &app.admin, &spec("z", &[]))
        .await
        .problem(404);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn dependencies_are_added_removed_and_never_close_a_cycle() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let id = z.project["id"].as_i64().unwrap();
    let deps = format!("/api/v1/projects/{id}/dependencies");
    let before = app.snapshot().await;
    let r = app
        .post(
            &deps,
            &z.liaison,
            &json!({"from": "works-permit", "to": "land-prereview"}),
        )
        .await;
    let detail = r.problem(422)["detail"].as_str().unwrap().to_string();
    for k in [
        "land-prereview",
        "land-grant",
        "land-use-permit",
        "design-review",
        "works-permit",
    ] {
        assert!(detail.contains(k), "cycle should name {k}: {detail}");
    }
    let r = app
        .post(&deps, &z.liaison, &json!({"from": "ghost", "to": "eia"}))
        .await;
    assert_eq!(r.fields(), ["from"]);
    app.post(&deps, &z.liaison, &json!({"from": "eia", "to": "eia"}))
        .await
        .problem(422);
    app.post(&deps, &z.liaison, &json!({"from": "filing", "to": "eia"}))
        .await
        .problem(409);
    app.post(&deps, &z.liaison, &json!({"from": "filing"}))
        .await
        .problem(400);
    assert_eq!(app.snapshot().await, before);
    let r = app
        .post(
            &deps,
            &z.liaison,
            &json!({"from": "eia", "to": "design-review"}),
        )
        .await;
    assert_eq!(r.ok(201), &json!({"from": "eia", "to": "design-review"}));
    let p = app
        .get(&format!("/api/v1/projects/{id}"), &z.liaison)
        .await
        .ok(200)
        .clone();
    let design = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "design-review")
        .unwrap();
    assert_eq!(design["depends_on"], json!(["eia", "land-use-permit"]));
    app.delete(&format!("{deps}/eia/design-review"), &z.liaison)
        .await
        .ok(204);
    app.delete(&format!("{deps}/eia/design-review"), &z.liaison)
        .await
        .problem(404);
}
