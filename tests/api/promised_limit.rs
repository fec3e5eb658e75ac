//! Issue 28 item 8: an agency may promise less than the statute, never more (承诺时限不能
//! 超过法定时限). Refused on every path, naming `promised_days`, changing nothing: project
//! creation, a step added or edited (a lower statutory limit under the promise too), a
//! route template, an import row. The shipped templates keep their promises within.

use serde_json::json;

use crate::helpers::{spawn_app, CODE_A};
use crate::route_templates::{body, step_mut, template, KEY};

const MESSAGE: &str = "the promised limit cannot exceed the statutory limit";

fn step(statutory: i64, promised: i64) -> serde_json::Value {
    json!({"key": "eia", "name": "环评审批", "agency": "区生态环境局", "stage": "工程建设许可",
        "statutory_days": statutory, "promised_days": promised, "depends_on": []})
}

#[tokio::test]
async fn a_promise_above_the_statutory_limit_is_refused_on_every_path() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let before = app.snapshot().await;

    // Creation.
    let new = json!({"name": "硅片产线", "enterprise_id": ent, "steps": [step(30, 31)],
        "liaison_ids": [], "start_date": "2026-03-02"});
    let r = app.add_project(&app.admin, &new).await;
    assert_eq!(r.problem(422)["errors"][0]["message"], MESSAGE);
    assert_eq!(r.fields(), ["steps[0].promised_days"]);
    assert_eq!(app.snapshot().await, before);

    // Equal is allowed; then a step added, a promise raised, a statute lowered: refused.
    let ok = json!({"name": "硅片产线", "enterprise_id": ent, "steps": [step(30, 30)],
        "liaison_ids": [], "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &ok).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let before = app.snapshot().await;
    let mut added = step(10, 11);
    added["key"] = json!("energy");
    let r = app
        .post(&format!("/api/v1/projects/{id}/steps"), &app.admin, &added)
        .await;
    r.problem(422);
    assert_eq!(r.fields(), ["promised_days"]);
    let path = format!("/api/v1/projects/{id}/steps/eia");
    for patch in [json!({"promised_days": 31}), json!({"statutory_days": 20})] {
        let r = app.patch(&path, &app.admin, &patch, None).await;
        assert_eq!(r.problem(422)["errors"][0]["message"], MESSAGE, "{patch}");
        assert_eq!(r.fields(), ["promised_days"]);
    }
    assert_eq!(app.snapshot().await, before);

    // A route template.
    let mut t = template(&app).await;
    let limit = step_mut(&mut t, "construction-permit")["statutory_days"].clone();
    step_mut(&mut t, "construction-permit")["promised_days"] = json!(limit.as_i64().unwrap() + 1);
    let r = app.put(KEY, &app.admin, &body(&t), Some(1)).await;
    assert_eq!(r.problem(422)["errors"][0]["message"], MESSAGE);
    assert_eq!(template(&app).await["version"], 1);

    // An import row (line 2).
    let csv = format!(
        "\u{feff}project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,promised_days\n\
         新厂房,{CODE_A},2026-03-02,,eia,环评审批,区生态环境局,工程建设许可,30,40\n"
    );
    let r = app
        .post_raw("/api/v1/imports", &app.admin, &csv, "text/csv")
        .await;
    let p = r.problem(422).clone();
    assert_eq!(r.fields(), ["line 2"], "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains(MESSAGE),
        "{p}"
    );
    assert_eq!(app.snapshot().await, before);
}
