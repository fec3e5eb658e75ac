//! Route templates kept in the database: admins save new versions; projects copy their
//! steps when created, so a save reaches new projects and never old ones.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_second_instance, TestApp, CODE_A};

pub const KEY: &str = "/api/v1/route-templates/low-risk-industrial";

pub async fn template(app: &TestApp) -> Value {
    app.get(KEY, &app.admin).await.ok(200).clone()
}

pub fn step_mut<'a>(t: &'a mut Value, key: &str) -> &'a mut Value {
    t["steps"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["key"] == key)
        .unwrap()
}

pub fn body(t: &Value) -> Value {
    json!({"name": t["name"], "steps": t["steps"]})
}

fn promised(project: &Value, key: &str) -> Value {
    project["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()["promised_days"]
        .clone()
}

async fn project(app: &TestApp, ent: i64, name: &str) -> Value {
    let body = json!({"name": name, "enterprise_id": ent, "template": "low-risk-industrial",
        "liaison_ids": [], "start_date": "2026-03-02"});
    app.add_project(&app.admin, &body).await.ok(201).clone()
}

#[tokio::test]
async fn a_saved_template_reaches_new_projects_and_never_old_ones() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let t = template(&app).await;
    assert_eq!(t["version"], 1);
    let old = project(&app, ent, "旧项目").await;
    assert_eq!(promised(&old, "construction-permit"), 1);

    let mut changed = t.clone();
    step_mut(&mut changed, "construction-permit")["promised_days"] = json!(3);
    let r = app.put(KEY, &app.admin, &body(&changed), Some(1)).await;
    let saved = r.ok(200).clone();
    assert_eq!(saved["version"], 2);
    assert_eq!(r.headers.get("etag").unwrap().to_str().unwrap(), "\"2\"");
    // The list and the one read the same data.
    assert_eq!(template(&app).await, saved);
    let list = app.get("/api/v1/route-templates", &app.admin).await;
    let listed = list.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "low-risk-industrial")
        .unwrap()
        .clone();
    assert_eq!(listed, saved);

    let new = project(&app, ent, "新项目").await;
    assert_eq!(promised(&new, "construction-permit"), 3);
    let old_again = app
        .get(&format!("/api/v1/projects/{}", old["id"]), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(promised(&old_again, "construction-permit"), 1);
}

#[tokio::test]
async fn a_restart_keeps_saved_versions_and_seeds_only_missing_keys() {
    let app = spawn_app().await;
    let mut t = template(&app).await;
    t["name"] = json!("低风险工业项目（改）");
    app.put(KEY, &app.admin, &body(&t), Some(1)).await.ok(200);
    // A second start on the same database, with one more template file.
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir("config/routes").unwrap() {
        let p = f.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("tiny.toml"),
        "key = \"tiny\"\nname = \"小项目\"\n[[steps]]\nkey = \"filing\"\nname = \"项目备案\"\nagency = \"区发改委\"\nstage = \"立项\"\nstatutory_days = 0\n",
    )
    .unwrap();
    let routes = dir.path().to_path_buf();
    let second = spawn_second_instance(&app, chrono::Utc::now(), |s| {
        s.data.routes_dir = routes.clone()
    })
    .await;
    let again = template(&second).await;
    assert_eq!(again["version"], 2);
    assert_eq!(again["name"], "低风险工业项目（改）");
    let tiny = second
        .get("/api/v1/route-templates/tiny", &second.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(tiny["version"], 1);
    assert_eq!(tiny["steps"][0]["agency"], "区发改委");
}

#[tokio::test]
async fn every_refusal_leaves_the_template_as_it_was() {
    let app = spawn_app().await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;
    let t = template(&app).await;
    let before = app.snapshot().await;

    // Only admins.
    app.put(KEY, &manager, &body(&t), Some(1))
        .await
        .problem(403);
    // No such template.
    app.put(
        "/api/v1/route-templates/airport",
        &app.admin,
        &body(&t),
        Some(1),
    )
    .await
    .problem(404);
    // Stale.
    let r = app.put(KEY, &app.admin, &body(&t), Some(7)).await;
    assert!(r.problem(409)["detail"]
        .as_str()
        .unwrap()
        .contains("version 1"));

    let refused = |change: &dyn Fn(&mut Value)| {
        let mut b = body(&t);
        change(&mut b);
        b
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            refused(&|b| b["name"] = json!("  ")),
            "name",
            "blank",
        ),
        (refused(&|b| b["steps"] = json!([])), "steps", "at least one step"),
        (
            refused(&|b| b["steps"][1]["key"] = json!("filing")),
            "steps",
            "filing is used more than once",
        ),
        (
            refused(&|b| b["steps"][1]["depends_on"] = json!(["nowhere"])),
            "steps",
            "depends on nowhere, which is not a step",
        ),
        (
            refused(&|b| b["steps"][0]["depends_on"] = json!(["completion-acceptance"])),
            "steps",
            "dependencies form a cycle: filing → land-grant → land-use-permit → works-permit → construction-permit → completion-acceptance → filing",
        ),
        (
            refused(&|b| b["steps"][4]["promised_days"] = json!(2501)),
            "steps[4].promised_days",
            "from 0 to 2500",
        ),
        (
            refused(&|b| b["steps"][4]["statutory_days"] = json!(-1)),
            "steps[4].statutory_days",
            "from 0 to 2500",
        ),
    ];
    for (b, field, message) in cases {
        let r = app.put(KEY, &app.admin, &b, Some(1)).await;
        let p = r.problem(422).clone();
        let errors = p["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"] == field && e["message"].as_str().unwrap().contains(message)),
            "{field}: {message} not in {p}"
        );
    }
    // The route's refusals carry their codes (the pages translate by them).
    let cycle = refused(&|b| b["steps"][0]["depends_on"] = json!(["completion-acceptance"]));
    let r = app.put(KEY, &app.admin, &cycle, Some(1)).await;
    assert_eq!(
        r.problem(422)["errors"][0]["code"],
        "dependency_cycle",
        "{}",
        r.body
    );
    assert_eq!(app.snapshot().await, before);
    assert_eq!(template(&app).await["version"], 1);
}
