use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, CODE_A, CODE_B};

/// An enterprise, a liaison and a standard-industrial project assigned to that liaison.
pub struct Zone {
    pub ent: i64,
    pub liaison_id: i64,
    pub liaison: String,
    pub project: Value,
}

pub async fn zone(app: &TestApp) -> Zone {
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let body = json!({
        "name": "300毫米硅片生产线", "enterprise_id": ent, "template": "standard-industrial",
        "liaison_ids": [liaison_id], "start_date": "2026-03-02", "city": "上海市松江区",
        "investment_cny": 10_000_000_000i64,
    });
    let project = app.add_project(&liaison, &body).await.ok(201).clone();
    Zone {
        ent,
        liaison_id,
        liaison,
        project,
    }
}

fn step<'a>(project: &'a Value, key: &str) -> &'a Value {
    project["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap_or_else(|| panic!("no step {key}"))
}

#[tokio::test]
async fn a_project_from_the_standard_template_has_the_routes_steps() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let p = &z.project;
    assert_eq!(p["template"], "standard-industrial");
    assert_eq!(p["liaison_ids"], json!([z.liaison_id]));
    assert_eq!(p["investment_cny"], 10_000_000_000i64);
    assert_eq!(p["version"], 1);
    assert_eq!(p["light"], Value::Null);
    assert_eq!(p["stalled"], false);
    let keys: Vec<&str> = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "filing",
            "land-prereview",
            "land-grant",
            "land-use-permit",
            "eia",
            "energy-review",
            "design-review",
            "works-permit",
            "drawing-review",
            "construction-permit",
            "completion-acceptance"
        ]
    );
    let permit = step(p, "construction-permit");
    assert_eq!(permit["name"], "施工许可证");
    assert_eq!(permit["agency"], "区建管委");
    assert_eq!(permit["statutory_days"], 7);
    assert_eq!(
        permit["depends_on"],
        json!(["drawing-review", "eia", "energy-review"])
    );
    assert_eq!(permit["status"], "pending");
    assert_eq!(permit["light"], Value::Null);
    assert_eq!(
        permit["clock"],
        json!({"statutory_used": 0, "paused_days": 0, "elapsed_days": 0})
    );
    assert_eq!(step(p, "filing")["statutory_days"], 0);
    assert_eq!(step(p, "eia")["statutory_days"], 30);
    // GET returns what POST returned.
    let id = p["id"].as_i64().unwrap();
    assert_eq!(
        &app.get(&format!("/api/v1/projects/{id}"), &app.admin)
            .await
            .ok(200)
            .clone(),
        p
    );
}

#[tokio::test]
async fn the_three_route_templates_of_the_domain_are_served() {
    let app = spawn_app().await;
    let r = app.get("/api/v1/route-templates", &app.admin).await;
    let keys: Vec<&str> = r.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "hazardous-chemical",
            "low-risk-industrial",
            "standard-industrial"
        ]
    );
    let haz = app
        .get("/api/v1/route-templates/hazardous-chemical", &app.admin)
        .await
        .ok(200)
        .clone();
    let safety = haz["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "safety-review")
        .unwrap();
    assert_eq!(safety["statutory_days"], 45);
    assert_eq!(safety["agency"], "区应急管理局");
    app.get("/api/v1/route-templates/none", &app.admin)
        .await
        .problem(404);
}

fn explicit(steps: Value) -> Value {
    json!({"name": "P", "enterprise_id": 1, "steps": steps, "liaison_ids": [], "start_date": "2026-03-02"})
}

fn spec(key: &str, deps: &[&str]) -> Value {
    json!({"key": key, "name": key, "agency": "区发改委", "stage": "立项用地规划许可", "statutory_days": 5, "depends_on": deps})
}

#[tokio::test]
async fn invalid_projects_are_refused_whole() {
    let app = spawn_app().await;
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let before = app.snapshot().await;
    let cycle = explicit(json!([
        spec("a", &["c"]),
        spec("b", &["a"]),
        spec("c", &["b"])
    ]));
    let r = app.add_project(&app.admin, &cycle).await;
    let detail = r.problem(422)["detail"].as_str().unwrap().to_string();
    for k in ["a", "b", "c"] {
        assert!(detail.contains(k), "{detail}");
    }
    assert!(detail.contains("cycle"), "{detail}");
    let unknown = explicit(json!([spec("a", &[]), spec("b", &["zz"])]));
    let r = app.add_project(&app.admin, &unknown).await;
    assert!(r.problem(422)["detail"].as_str().unwrap().contains("zz"));
    let dup = explicit(json!([spec("a", &[]), spec("a", &[])]));
    app.add_project(&app.admin, &dup).await.problem(422);
    let mut negative = explicit(json!([spec("a", &[])]));
    negative["steps"][0]["statutory_days"] = json!(-3);
    let r = app.add_project(&app.admin, &negative).await;
    assert_eq!(r.fields(), ["steps[0].statutory_days"]);
    let mut both = explicit(json!([spec("a", &[])]));
    both["template"] = json!("standard-industrial");
    app.add_project(&app.admin, &both).await.problem(422);
    let mut unknown_template = explicit(json!(null));
    unknown_template.as_object_mut().unwrap().remove("steps");
    unknown_template["template"] = json!("airport");
    assert_eq!(
        app.add_project(&app.admin, &unknown_template)
            .await
            .fields(),
        ["template"]
    );
    let mut bad_ent = explicit(json!([spec("a", &[])]));
    bad_ent["enterprise_id"] = json!(77);
    assert_eq!(
        app.add_project(&app.admin, &bad_ent).await.fields(),
        ["enterprise_id"]
    );
    let mut bad_liaison = explicit(json!([spec("a", &[])]));
    bad_liaison["liaison_ids"] = json!([1]);
    assert_eq!(
        app.add_project(&app.admin, &bad_liaison).await.fields(),
        ["liaison_ids[0]"]
    );
    // Malformed: an impossible date, an unknown field, broken JSON.
    let mut date = explicit(json!([spec("a", &[])]));
    date["start_date"] = json!("2026-02-30");
    let r = app.add_project(&app.admin, &date).await;
    r.problem(400);
    assert_eq!(r.fields(), ["start_date"]);
    let mut extra = explicit(json!([spec("a", &[])]));
    extra["budget"] = json!(1);
    assert!(
        app.add_project(&app.admin, &extra).await.problem(400)["detail"]
            .as_str()
            .unwrap()
            .contains("budget")
    );
    let mut extra_step = explicit(json!([spec("a", &[])]));
    extra_step["steps"][0]["colour"] = json!("red");
    app.add_project(&app.admin, &extra_step).await.problem(400);
    app.post_raw(
        "/api/v1/projects",
        &app.admin,
        "{\"name\":",
        "application/json",
    )
    .await
    .problem(400);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn who_may_see_and_change_a_project() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let other = app.add_enterprise("申松涂料有限公司", CODE_B).await;
    let (_, own_firm) = app.add_user("firm-a", "enterprise", Some(z.ent)).await;
    let (_, other_firm) = app.add_user("firm-b", "enterprise", Some(other)).await;
    let (_, other_liaison) = app.add_user("liaison2", "liaison", None).await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;
    let id = z.project["id"].as_i64().unwrap();
    let path = format!("/api/v1/projects/{id}");
    let before = app.snapshot().await;
    app.get(&path, &own_firm).await.ok(200);
    app.get(&path, &other_firm).await.problem(404);
    assert_eq!(
        app.get("/api/v1/projects", &other_firm).await.ok(200)["total"],
        0
    );
    assert_eq!(
        app.get("/api/v1/projects", &own_firm).await.ok(200)["total"],
        1
    );
    let rename = json!({"name": "新名称"});
    app.patch(&path, &own_firm, &rename, None)
        .await
        .problem(403);
    app.patch(&path, &other_firm, &rename, None)
        .await
        .problem(404);
    app.patch(&path, &other_liaison, &rename, None)
        .await
        .problem(403);
    app.delete(&path, &other_liaison).await.problem(403);
    app.post(&format!("{path}/steps"), &own_firm, &spec("x", &[]))
        .await
        .problem(403);
    let not_mine = json!({"name": "P", "enterprise_id": z.ent, "template": "low-risk-industrial", "liaison_ids": [z.liaison_id], "start_date": "2026-03-02"});
    app.add_project(&other_liaison, &not_mine)
        .await
        .problem(403);
    app.add_project(&own_firm, &not_mine).await.problem(403);
    assert_eq!(app.snapshot().await, before);
    app.patch(&path, &z.liaison, &rename, None).await.ok(200);
    app.patch(&path, &manager, &json!({"city": null}), None)
        .await
        .ok(200);
    app.add_project(&manager, &not_mine).await.ok(201);
}

async fn list(app: &TestApp, query: &str) -> Value {
    app.get(&format!("/api/v1/projects{query}"), &app.admin)
        .await
        .ok(200)
        .clone()
}

#[tokio::test]
async fn projects_are_listed_filtered_paged_and_archived() {
    let app = spawn_app().await;
    let z = zone(&app).await;
    let other = app.add_enterprise("申松涂料有限公司", CODE_B).await;
    let paint = json!({"name": "涂料仓储改建", "enterprise_id": other, "template": "hazardous-chemical", "liaison_ids": [], "start_date": "2026-03-09"});
    let paint_id = app.add_project(&app.admin, &paint).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    assert_eq!(list(&app, "").await["total"], 2);
    assert_eq!(
        list(&app, "").await["items"][0]["id"],
        paint_id,
        "newest first"
    );
    assert_eq!(
        list(&app, &format!("?enterprise_id={other}")).await["total"],
        1
    );
    assert_eq!(
        list(&app, &format!("?liaison_id={}", z.liaison_id)).await["items"][0]["id"],
        z.project["id"]
    );
    assert_eq!(
        list(&app, "?q=%E7%A1%85%E7%89%87").await["total"],
        1,
        "q=硅片"
    );
    let page2 = list(&app, "?per_page=1&page=2").await;
    assert_eq!(page2["total"], 2);
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    assert_eq!(page2["items"][0]["id"], z.project["id"]);
    assert_eq!(list(&app, "?light=red").await["total"], 0);
    app.get("/api/v1/projects?per_page=501", &app.admin)
        .await
        .problem(422);
    let r = app.get("/api/v1/projects?page=0", &app.admin).await;
    assert_eq!(r.problem(422)["code"], "page_from_one", "{}", r.body);
    app.get("/api/v1/projects?per_page=abc", &app.admin)
        .await
        .problem(400);
    app.get("/api/v1/projects?light=purple", &app.admin)
        .await
        .problem(400);
    // DELETE archives: gone from the list, kept for the record.
    let path = format!("/api/v1/projects/{paint_id}");
    app.delete(&path, &app.admin).await.ok(204);
    assert_eq!(list(&app, "").await["total"], 1);
    assert_eq!(list(&app, "?archived=true").await["total"], 2);
    let archived = app.get(&path, &app.admin).await;
    assert_eq!(archived.ok(200)["archived"], true);
    assert_eq!(archived.body["version"], 2);
    // A stale version is refused.
    app.patch(&path, &app.admin, &json!({"archived": false}), Some(1))
        .await
        .problem(409);
    let r = app
        .patch(&path, &app.admin, &json!({"archived": false}), Some(2))
        .await;
    assert_eq!(r.ok(200)["archived"], false);
}
