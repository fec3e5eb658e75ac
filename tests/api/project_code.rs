//! 统一项目代码 on projects: shape checked, unique, found by `q`, set and cleared by PATCH.

use serde_json::json;

use crate::helpers::spawn_app;
use crate::landing_fixture::landing_zone;

const CODE: &str = "2019-310117-04-01-000123";

#[tokio::test]
async fn a_code_is_checked_unique_and_searchable() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    let before = app.snapshot().await;
    // Five digits in the last group: refused beside the field, nothing written.
    let steps = json!([{"key": "construction-permit", "name": "施工许可证", "agency": "区建管委",
        "stage": "施工许可", "statutory_days": 20, "depends_on": []}]);
    let bad = json!({"name": "晶圆二期", "enterprise_id": z.ent, "steps": steps, "liaison_ids": [z.liaison_id],
        "start_date": "2026-01-05", "project_code": "2019-310117-04-01-00012"});
    let r = app.add_project(&z.liaison, &bad).await;
    assert_eq!(
        r.problem(422)["errors"][0]["code"],
        "project_code_shape",
        "{}",
        r.body
    );
    assert!(
        r.fields().contains(&"project_code".to_string()),
        "{}",
        r.body
    );
    assert_eq!(app.snapshot().await, before);

    let first = z.project(&app, "300毫米硅片生产线", Some(CODE)).await;
    let p = app
        .get(&format!("/api/v1/projects/{first}"), &z.liaison)
        .await;
    assert_eq!(p.ok(200)["project_code"], CODE);

    // The same code on a second project: 409, and nothing changed.
    let before = app.snapshot().await;
    let mut dup = bad.clone();
    dup["name"] = json!("晶圆二期");
    dup["project_code"] = json!(CODE);
    let r = app.add_project(&z.liaison, &dup).await;
    assert_eq!(r.problem(409)["code"], "project_code_taken", "{}", r.body);
    assert_eq!(app.snapshot().await, before);

    let second = z.project(&app, "晶圆二期", None).await;
    let path = format!("/api/v1/projects/{second}");
    let before = app.snapshot().await;
    app.patch(&path, &z.liaison, &json!({"project_code": CODE}), None)
        .await
        .problem(409);
    let r = app
        .patch(
            &path,
            &z.liaison,
            &json!({"project_code": "2019-310117-04-01-0001234"}),
            None,
        )
        .await;
    assert_eq!(r.fields(), ["project_code"]);
    assert_eq!(app.snapshot().await, before);

    let other = "2026-310117-35-02-004512";
    let r = app
        .patch(&path, &z.liaison, &json!({"project_code": other}), None)
        .await;
    assert_eq!(r.ok(200)["project_code"], other);

    // Found by a part of its code, as by a part of its name.
    let found = app.get("/api/v1/projects?q=310117-04", &z.manager).await;
    let items = found.ok(200)["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], first);
    assert_eq!(items[0]["project_code"], CODE);
    let found = app.get("/api/v1/projects?q=310117", &z.manager).await;
    assert_eq!(found.ok(200)["total"], 2);

    // null clears it; the code is free again.
    let r = app
        .patch(&path, &z.liaison, &json!({"project_code": null}), None)
        .await;
    assert_eq!(r.ok(200)["project_code"], json!(null));
    let r = app
        .patch(&path, &z.liaison, &json!({"project_code": other}), None)
        .await;
    assert_eq!(r.ok(200)["project_code"], other);
}

const IMPORT_HEADER: &str =
    "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,project_code";

async fn import(app: &crate::helpers::TestApp, rows: &[String]) -> crate::helpers::Reply {
    let mut body = String::from(IMPORT_HEADER);
    for r in rows {
        body.push('\n');
        body.push_str(r);
    }
    body.push('\n');
    app.post_raw("/api/v1/imports", &app.admin, &body, "text/csv")
        .await
}

#[tokio::test]
async fn imports_carry_codes_checked_like_the_api() {
    use crate::helpers::CODE_A;
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    z.project(&app, "300毫米硅片生产线", Some(CODE)).await;
    let row = |name: &str, step: &str, code: &str| {
        format!("{name},{CODE_A},2026-03-02,liaison1,{step},施工许可证,区建管委,施工许可,20,{code}")
    };
    let before = app.snapshot().await;
    let r = import(
        &app,
        &[
            row("封装线", "construction-permit", "2026-310117-04-01-12345"),
            row("研发中心", "construction-permit", CODE),
            row("测试线", "construction-permit", "2026-310117-04-01-000002"),
            row("测试线", "acceptance", "2026-310117-04-01-000003"),
        ],
    )
    .await;
    let body = r.problem(422).to_string();
    // Line 2: the shape; line 3: the code of a project already; line 5: differs from line 4.
    assert!(body.contains("must have the shape"), "{body}");
    assert!(body.contains("is the code of a project already"), "{body}");
    assert!(body.contains("differ from line 4"), "{body}");
    assert_eq!(app.snapshot().await, before);
    let r = import(
        &app,
        &[row(
            "测试线",
            "construction-permit",
            "2026-310117-04-01-000002",
        )],
    )
    .await;
    let id = r.ok(201)["project_ids"][0].as_i64().unwrap();
    let p = app.get(&format!("/api/v1/projects/{id}"), &z.manager).await;
    assert_eq!(p.ok(200)["project_code"], "2026-310117-04-01-000002");
}

#[tokio::test]
async fn the_calendar_feed_names_the_code() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    let pid = z.project(&app, "300毫米硅片生产线", Some(CODE)).await;
    // Accepted: an open step with a due date in the feed.
    let path = format!("/api/v1/projects/{pid}/steps/construction-permit/events");
    app.post(
        &path,
        &z.liaison,
        &json!({"action": "accept", "on": "2026-03-16"}),
    )
    .await
    .ok(200);
    let link = app.post("/api/v1/ics-feed", &z.liaison, &json!({})).await;
    let url = link.ok(201)["url"].as_str().unwrap().to_string();
    let path = &url[url.find("/ics/").unwrap()..];
    let text = app
        .client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("\r\n ", "");
    assert!(
        text.contains(&format!("项目代码 Project code: {CODE}")),
        "{text}"
    );
}
