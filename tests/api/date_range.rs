//! Every day typed into the product lies in 2000-01-01 … 2100-12-31, on every path; outside
//! it is a 422 naming the field, nothing changes and the service answers on.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, CODE_A};

const FAR: [&str; 4] = ["0001-01-01", "1999-12-31", "2101-01-01", "+262142-12-31"];

/// A project of one step with a liaison; returns the project id and the liaison's token.
async fn project(app: &TestApp) -> (i64, i64, String) {
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let steps = json!([{"key": "filing", "name": "项目备案", "agency": "区发改委", "stage": "立项用地规划许可", "statutory_days": 5, "depends_on": []}]);
    let body = json!({"name": "涂料仓储", "enterprise_id": ent, "steps": steps, "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let id = app.add_project(&liaison, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    (id, ent, liaison)
}

/// 422 naming `field` (or 400 where JSON cannot even hold the day), and nothing changed.
async fn refused(app: &TestApp, before: &Value, r: crate::helpers::Reply, field: &str) {
    if r.status.as_u16() == 422 {
        assert_eq!(r.fields(), [field], "{}", r.body);
    } else {
        r.problem(400);
    }
    assert_eq!(&app.snapshot().await, before, "nothing changed");
}

#[tokio::test]
async fn an_event_outside_the_range_is_refused() {
    let app = spawn_app().await;
    let (id, _, liaison) = project(&app).await;
    let before = app.snapshot().await;
    let path = format!("/api/v1/projects/{id}/steps/filing/events");
    for day in FAR {
        let r = app
            .post(&path, &liaison, &json!({"action": "accept", "on": day}))
            .await;
        refused(&app, &before, r, "on").await;
    }
    let r = app
        .post(
            &path,
            &liaison,
            &json!({"action": "accept", "on": "2000-01-01"}),
        )
        .await;
    r.ok(200);
}

#[tokio::test]
async fn project_start_and_licence_days_outside_the_range_are_refused() {
    let app = spawn_app().await;
    let (id, ent, liaison) = project(&app).await;
    let before = app.snapshot().await;
    for day in FAR {
        let r = app
            .patch(
                &format!("/api/v1/projects/{id}"),
                &liaison,
                &json!({"start_date": day}),
                None,
            )
            .await;
        refused(&app, &before, r, "start_date").await;
    }
    let licences = app
        .get("/api/v1/licences", &app.admin)
        .await
        .ok(200)
        .clone();
    let lic = json!({"enterprise_id": ent, "kind": "危险化学品经营许可证", "number": "0042", "issued_on": "2023-06-15", "expires_on": "2026-06-14"});
    for (field, day) in [("expires_on", "2101-01-01"), ("issued_on", "1999-12-31")] {
        let mut bad = lic.clone();
        bad[field] = json!(day);
        let r = app.post("/api/v1/licences", &liaison, &bad).await;
        refused(&app, &before, r, field).await;
    }
    assert_eq!(
        app.get("/api/v1/licences", &app.admin).await.ok(200),
        &licences
    );
}

#[tokio::test]
async fn jobs_run_at_an_instant_outside_the_range_is_refused() {
    let app = spawn_app().await;
    let before = app.snapshot().await;
    for at in ["2101-01-01T00:00:00Z", "1999-12-31T00:00:00Z"] {
        let r = app
            .post("/api/v1/jobs/run", &app.admin, &json!({"at": at}))
            .await;
        refused(&app, &before, r, "at").await;
    }
    app.get_anon("/healthz").await.ok(200);
}

#[tokio::test]
async fn import_cells_outside_the_range_are_row_errors() {
    let app = spawn_app().await;
    app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let before = app.snapshot().await;
    let body = format!(
        "project,enterprise,start_date,step,name,agency,stage,statutory_days,accepted_on\n\
         甲,{CODE_A},2101-01-01,filing,备案,区发改委,立项,0,\n\
         乙,{CODE_A},2026-03-02,filing,备案,区发改委,立项,0,0001-01-01\n"
    );
    let r = app
        .post_raw("/api/v1/imports", &app.admin, &body, "text/csv")
        .await;
    let p = r.problem(422).clone();
    assert_eq!(r.fields(), ["line 2", "line 3"], "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("start_date"),
        "{p}"
    );
    assert!(
        p["errors"][1]["message"]
            .as_str()
            .unwrap()
            .contains("accepted_on"),
        "{p}"
    );
    assert_eq!(app.snapshot().await, before);
}
