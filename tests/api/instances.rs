//! Several instances on one database: what one writes, the other's kept lists and views
//! show at once (the list cache is keyed by what the database has committed, the view
//! cache by the project's revision), and its route templates too, on both backends.

use serde_json::json;

use crate::helpers::{default_now, spawn_app, spawn_second_instance, ADMIN_PASSWORD, CODE_A};
use crate::pages::client::{csrf_in, PageClient};
use crate::pages::project_forms::by_id;
use crate::route_templates::{body, step_mut, template, KEY};

#[tokio::test]
async fn two_instances_see_each_others_writes_at_once() {
    let a = spawn_app().await;
    let b = spawn_second_instance(&a, default_now(), |_| {}).await;
    let ent = a.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (liaison_id, _) = a.add_user("liaison1", "liaison", None).await;
    let body = |name: &str| json!({"name": name, "enterprise_id": ent, "template": "low-risk-industrial", "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let first = a.add_project(&a.admin, &body("一号厂房")).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    // Both instances read (and keep) the list and the project.
    for app in [&a, &b] {
        for _ in 0..2 {
            assert_eq!(
                app.get("/api/v1/projects", &app.admin).await.ok(200)["total"],
                1
            );
            app.get(&format!("/api/v1/projects/{first}"), &app.admin)
                .await
                .ok(200);
        }
    }
    // B writes; A's very next reads show it, and the other way round.
    b.add_project(&b.admin, &body("二号厂房")).await.ok(201);
    assert_eq!(
        a.get("/api/v1/projects", &a.admin).await.ok(200)["total"],
        2
    );
    let path = format!("/api/v1/projects/{first}/steps/filing/events");
    a.post(
        &path,
        &a.admin,
        &json!({"action": "accept", "on": "2026-03-02"}),
    )
    .await
    .ok(200);
    let seen = b
        .get(&format!("/api/v1/projects/{first}"), &b.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(seen["steps"][0]["status"], "in_review");
    let in_review = b
        .get("/api/v1/projects?q=一号", &b.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(in_review["items"][0]["name"], "一号厂房");
    a.patch(
        &format!("/api/v1/projects/{first}"),
        &a.admin,
        &json!({"name": "一号厂房（扩建）"}),
        None,
    )
    .await
    .ok(200);
    let list = b.get("/api/v1/projects", &b.admin).await.ok(200).clone();
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"一号厂房（扩建）"), "{names:?}");
}

/// An admin's new version of a template on one instance is what the other's new-project
/// form offers and previews at once. Promising the low-risk route's 施工许可证 in 3 working
/// days instead of 1 makes its chain 16 + 2 = 18 days from Monday 03-16 (the 16 are worked
/// by hand in pages/project_forms.rs): 04-08 (16), Thursday 04-09 (17), Friday 04-10 (18).
#[tokio::test]
async fn a_template_saved_on_one_instance_is_what_the_other_offers_at_once() {
    let a = spawn_app().await;
    let b = spawn_second_instance(&a, default_now(), |_| {}).await;
    let mut c = PageClient::new(&b);
    let home = c.login("admin", ADMIN_PASSWORD).await.location.unwrap();
    let csrf = csrf_in(&c.get(&home).await.body);
    let fields = [
        ("csrf", csrf.as_str()),
        ("template", "low-risk-industrial"),
        ("start_date", "2026-03-16"),
        ("intent", "preview"),
    ];
    let preview = c.post("/projects/new", &fields).await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(by_id(&preview.body, "planned-finish").contains("data-date=\"2026-04-08\""));

    let mut t = template(&a).await;
    t["name"] = json!("低风险工业项目（承诺提速）");
    step_mut(&mut t, "construction-permit")["promised_days"] = json!(3);
    a.put(KEY, &a.admin, &body(&t), Some(1)).await.ok(200);

    let preview = c.post("/projects/new", &fields).await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    let finish = by_id(&preview.body, "planned-finish");
    assert!(finish.contains("data-date=\"2026-04-10\""), "{finish}");
    assert!(preview.body.contains("低风险工业项目（承诺提速）"));
    let list = c.get("/projects").await;
    assert!(
        list.body.contains("低风险工业项目（承诺提速）"),
        "the filter's choices"
    );
}
