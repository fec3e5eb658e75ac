//! Agencies as data: each agency once (name, short name), steps refer to it, "lead" (牵头)
//! is a mark on the step; admins add and rename agencies; old data migrates.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, CODE_A};

const LIST: &str = "/api/v1/agencies";

async fn agencies(app: &TestApp) -> Vec<Value> {
    app.get(LIST, &app.admin)
        .await
        .ok(200)
        .as_array()
        .unwrap()
        .clone()
}

fn named<'a>(all: &'a [Value], name: &str) -> &'a Value {
    all.iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no agency {name} in {all:?}"))
}

fn step<'a>(project: &'a Value, key: &str) -> &'a Value {
    project["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()
}

async fn standard_project(app: &TestApp, ent: i64, name: &str) -> Value {
    let body = json!({"name": name, "enterprise_id": ent, "template": "standard-industrial",
        "liaison_ids": [], "start_date": "2026-03-02"});
    app.add_project(&app.admin, &body).await.ok(201).clone()
}

fn one_step(agency: &str) -> Value {
    json!([{"key": "filing", "name": "项目备案", "agency": agency, "stage": "立项用地规划许可",
        "statutory_days": 0, "depends_on": []}])
}

#[tokio::test]
async fn each_agency_is_listed_once_and_the_lead_is_a_mark_on_the_step() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let p = standard_project(&app, ent, "晶圆厂").await;
    let all = agencies(&app).await;
    let names: Vec<&str> = all.iter().map(|a| a["name"].as_str().unwrap()).collect();
    // config/agencies.toml, by name (code point order); nothing with the lead mark or a
    // joint name in it.
    assert_eq!(
        names,
        [
            "区发改委",
            "区应急管理局",
            "区建管委",
            "区生态环境局",
            "区规划资源局"
        ]
    );
    let jianguan = named(&all, "区建管委");
    assert_eq!(jianguan["short_name"], "建管委");
    // drawing-review, construction-permit and completion-acceptance of the one project.
    assert_eq!(jianguan["steps"], 3);
    assert_eq!(named(&all, "区规划资源局")["steps"], 5);

    for (key, lead) in [
        ("drawing-review", true),
        ("construction-permit", false),
        ("completion-acceptance", true),
    ] {
        let s = step(&p, key);
        assert_eq!(s["agency"], "区建管委", "{key}");
        assert_eq!(s["agency_id"], jianguan["id"], "{key}");
        assert_eq!(s["lead"], lead, "{key}");
    }
    let t = app
        .get("/api/v1/route-templates/standard-industrial", &app.admin)
        .await
        .ok(200)
        .clone();
    let completion = t["steps"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(completion["agency"], "区建管委");
    assert_eq!(completion["lead"], true);
}

#[tokio::test]
async fn a_step_names_its_agency_by_name_short_name_or_the_old_lead_spelling() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    for (written, lead) in [
        ("区建管委", false),
        ("建管委", false),
        ("区建管委（牵头）", true),
    ] {
        let body = json!({"name": format!("项目{written}"), "enterprise_id": ent,
            "steps": one_step(written), "liaison_ids": [], "start_date": "2026-03-02"});
        let p = app.add_project(&app.admin, &body).await.ok(201).clone();
        assert_eq!(p["steps"][0]["agency"], "区建管委", "{written}");
        assert_eq!(p["steps"][0]["lead"], lead, "{written}");
    }
}

#[tokio::test]
async fn an_unknown_agency_is_refused_where_a_step_names_it_and_nothing_changes() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let p = standard_project(&app, ent, "晶圆厂").await;
    let pid = p["id"].as_i64().unwrap();
    let before = app.snapshot().await;

    let body = json!({"name": "新项目", "enterprise_id": ent, "steps": one_step("区建委"),
        "liaison_ids": [], "start_date": "2026-03-02"});
    let r = app.add_project(&app.admin, &body).await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "steps[0].agency");
    assert_eq!(r.body["errors"][0]["code"], "unknown_agency", "{}", r.body);
    assert!(r.body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("区建委"));

    let add = json!({"key": "extra", "name": "补充环节", "agency": "区建委", "stage": "施工许可",
        "statutory_days": 5, "depends_on": []});
    let r = app
        .post(&format!("/api/v1/projects/{pid}/steps"), &app.admin, &add)
        .await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "agency");

    let path = format!("/api/v1/projects/{pid}/steps/eia");
    let r = app
        .patch(&path, &app.admin, &json!({"agency": "区建委"}), None)
        .await;
    assert_eq!(r.fields(), ["agency"]);
    r.problem(422);

    let mut t = app
        .get("/api/v1/route-templates/standard-industrial", &app.admin)
        .await
        .ok(200)
        .clone();
    t["steps"][4]["agency"] = json!("区建委");
    let put = json!({"name": t["name"], "steps": t["steps"]});
    let r = app
        .put(
            "/api/v1/route-templates/standard-industrial",
            &app.admin,
            &put,
            Some(1),
        )
        .await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "steps[4].agency");
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn a_patch_moves_a_step_to_another_agency_and_sets_the_lead() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let p = standard_project(&app, ent, "晶圆厂").await;
    let pid = p["id"].as_i64().unwrap();
    let path = format!("/api/v1/projects/{pid}/steps/construction-permit");
    let r = app
        .patch(
            &path,
            &app.admin,
            &json!({"agency": "应急局", "lead": true}),
            None,
        )
        .await;
    let s = r.ok(200);
    assert_eq!(s["agency"], "区应急管理局");
    assert_eq!(s["lead"], true);
    let all = agencies(&app).await;
    assert_eq!(named(&all, "区建管委")["steps"], 2);
    assert_eq!(named(&all, "区应急管理局")["steps"], 1);
}
