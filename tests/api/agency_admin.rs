//! Admins add and rename agencies; every refusal names its field and changes nothing; a
//! rename reaches every project's steps and saves a new version of the templates.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, CODE_A};

const LIST: &str = "/api/v1/agencies";

/// The id of the agency with this name.
pub async fn id_of(app: &TestApp, name: &str) -> i64 {
    app.get(LIST, &app.admin)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn an_admin_adds_an_agency_and_a_step_can_name_it() {
    let app = spawn_app().await;
    let r = app
        .post(
            LIST,
            &app.admin,
            &json!({"name": "区消防救援支队", "short_name": "消防支队"}),
        )
        .await;
    let a = r.ok(201).clone();
    assert_eq!(a["short_name"], "消防支队");
    assert_eq!(a["steps"], 0);
    // Without a short name, the name is the short name.
    let b = app
        .post(LIST, &app.admin, &json!({"name": "区人防办"}))
        .await
        .ok(201)
        .clone();
    assert_eq!(b["short_name"], "区人防办");
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let steps = json!([{"key": "fire", "name": "消防验收", "agency": "消防支队", "stage": "竣工验收",
        "statutory_days": 15, "depends_on": []}]);
    let body = json!({"name": "晶圆厂", "enterprise_id": ent, "steps": steps,
        "liaison_ids": [], "start_date": "2026-03-02"});
    let p = app.add_project(&app.admin, &body).await.ok(201).clone();
    assert_eq!(p["steps"][0]["agency"], "区消防救援支队");
    assert_eq!(p["steps"][0]["agency_id"], a["id"]);
}

#[tokio::test]
async fn every_refused_agency_names_its_field_and_changes_nothing() {
    let app = spawn_app().await;
    let (_, liaison) = app.add_user("wang", "liaison", None).await;
    let jianguan = id_of(&app, "区建管委").await;
    let before = app.snapshot().await;
    let long = "局".repeat(101);
    for (body, field) in [
        (json!({"name": "  "}), "name"),
        (json!({"name": long}), "name"),
        (
            json!({"name": "区消防救援支队", "short_name": "消".repeat(21)}),
            "short_name",
        ),
        // Another agency's name, or its short name: a step could not tell them apart.
        (json!({"name": "区建管委"}), "name"),
        (json!({"name": "建管委"}), "name"),
        (
            json!({"name": "区消防救援支队", "short_name": "区发改委"}),
            "short_name",
        ),
        // The lead mark is not part of a name: this is 区建管委 again.
        (json!({"name": "区建管委（牵头）"}), "name"),
    ] {
        let r = app.post(LIST, &app.admin, &body).await;
        assert_eq!(r.fields(), [field], "{body}");
        r.problem(422);
    }
    let r = app
        .post(
            LIST,
            &app.admin,
            &json!({"name": "区消防救援支队", "city": "松江"}),
        )
        .await;
    r.problem(400);
    app.post(LIST, &liaison, &json!({"name": "区消防救援支队"}))
        .await
        .problem(403);
    let r = app
        .client
        .post(app.url(LIST))
        .json(&json!({"name": "区消防救援支队"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let path = format!("{LIST}/{jianguan}");
    let rename = json!({"name": "区住房和建设管理委员会", "short_name": "建管委"});
    app.patch(&path, &app.admin, &rename, Some(7))
        .await
        .problem(409);
    app.patch(&path, &liaison, &rename, Some(1))
        .await
        .problem(403);
    app.patch(&format!("{LIST}/999999"), &app.admin, &rename, None)
        .await
        .problem(404);
    let r = app
        .patch(&path, &app.admin, &json!({"name": "区发改委"}), Some(1))
        .await;
    assert_eq!(r.fields(), ["name"]);
    // Staff read the list; an enterprise's user does not.
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (_, firm) = app.add_user("firm", "enterprise", Some(ent)).await;
    app.get(LIST, &liaison).await.ok(200);
    app.get(LIST, &firm).await.problem(403);
    let mut after = app.snapshot().await;
    // Only the enterprise and its user were added since.
    for k in [
        "/api/v1/users?per_page=500",
        "/api/v1/enterprises?per_page=500",
    ] {
        after[k] = before[k].clone();
    }
    assert_eq!(after, before);
}

fn step_agency(project: &Value, key: &str) -> Value {
    project["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()["agency"]
        .clone()
}

#[tokio::test]
async fn a_rename_reaches_every_project_and_saves_a_new_template_version() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let body = json!({"name": "晶圆厂", "enterprise_id": ent, "template": "standard-industrial",
        "liaison_ids": [], "start_date": "2026-03-02"});
    let p = app.add_project(&app.admin, &body).await.ok(201).clone();
    let jianguan = id_of(&app, "区建管委").await;
    let pid = p["id"].as_i64().unwrap();
    // Read once, so a view kept from before the rename would show the old name.
    app.get(&format!("/api/v1/projects/{pid}"), &app.admin)
        .await
        .ok(200);
    let rename = json!({"name": "区住房和建设管理委员会", "short_name": "住建委"});
    let r = app
        .patch(&format!("{LIST}/{jianguan}"), &app.admin, &rename, Some(1))
        .await;
    assert_eq!(r.ok(200)["version"], 2);
    assert_eq!(r.headers.get("etag").unwrap().to_str().unwrap(), "\"2\"");

    let now = app
        .get(&format!("/api/v1/projects/{pid}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(
        step_agency(&now, "completion-acceptance"),
        "区住房和建设管理委员会"
    );
    assert_eq!(step_agency(&now, "eia"), "区生态环境局");

    // Each template naming it has a new version; the one that does not keeps its own.
    for (key, version) in [
        ("standard-industrial", 2),
        ("hazardous-chemical", 2),
        ("low-risk-industrial", 2),
    ] {
        let t = app
            .get(&format!("/api/v1/route-templates/{key}"), &app.admin)
            .await
            .ok(200)
            .clone();
        assert_eq!(t["version"], version, "{key}");
        let agencies: Vec<&str> = t["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["agency"].as_str().unwrap())
            .collect();
        assert!(!agencies.contains(&"区建管委"), "{key}: {agencies:?}");
        assert!(agencies.contains(&"区住房和建设管理委员会"), "{key}");
    }
    // A new project from the template takes the new name; the short name still works.
    let q = app
        .add_project(
            &app.admin,
            &json!({"name": "新厂", "enterprise_id": ent,
        "template": "standard-industrial", "liaison_ids": [], "start_date": "2026-03-02"}),
        )
        .await
        .ok(201)
        .clone();
    assert_eq!(
        step_agency(&q, "construction-permit"),
        "区住房和建设管理委员会"
    );
    let audit = app
        .get("/api/v1/audit?action=agency_changed", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(audit["items"].as_array().unwrap().len(), 1);
}
