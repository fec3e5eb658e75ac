//! An admin changes a route template in the browser: each save a new version listed in
//! the history; new projects take it, old ones keep theirs; every refusal shown beside
//! its field in Chinese, with what was typed kept and nothing changed.

use serde_json::{json, Value};

use super::client::{csrf_in, PageClient};
use super::fixture::zone;
use super::forms::field_error;
use super::html_check::check_page;
use super::matrix::Callers;
use crate::helpers::{TestApp, ADMIN_PASSWORD, CODE_C};

const PAGE: &str = "/admin/routes/low-risk-industrial";
const API: &str = "/api/v1/route-templates/low-risk-industrial";
const STEP: [&str; 7] = [
    "key",
    "name",
    "agency",
    "stage",
    "statutory_days",
    "promised_days",
    "depends_on",
];

/// The form as the page shows it for `t`, plus the blank row for a new step.
fn form_of(t: &Value, csrf: &str) -> Vec<(String, String)> {
    let mut f = vec![
        ("csrf".to_string(), csrf.to_string()),
        ("version".into(), t["version"].to_string()),
        ("name".into(), t["name"].as_str().unwrap().to_string()),
    ];
    let steps = t["steps"].as_array().unwrap();
    for (i, s) in steps.iter().enumerate() {
        for k in STEP {
            let v = match &s[k] {
                Value::String(x) => x.clone(),
                Value::Null => String::new(),
                Value::Array(a) => a
                    .iter()
                    .map(|d| d.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            f.push((format!("steps[{i}].{k}"), v));
        }
    }
    for k in STEP {
        f.push((format!("steps[{}].{k}", steps.len()), String::new()));
    }
    f
}

fn set(form: &mut Vec<(String, String)>, name: &str, value: &str) {
    match form.iter_mut().find(|(k, _)| k == name) {
        Some(f) => f.1 = value.to_string(),
        None => form.push((name.to_string(), value.to_string())),
    }
}

async fn post(c: &mut PageClient, form: &[(String, String)]) -> super::client::Page {
    let borrowed: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.post(PAGE, &borrowed).await
}

async fn admin(app: &TestApp) -> (PageClient, String, Value) {
    let mut c = PageClient::new(app);
    c.login("admin", ADMIN_PASSWORD).await;
    let page = c.get(PAGE).await;
    assert_eq!(page.status, 200, "{}", page.body);
    check_page(PAGE, &page.body);
    let csrf = csrf_in(&page.body);
    let t = app.get(API, &app.admin).await.ok(200).clone();
    (c, csrf, t)
}

fn promised(p: &Value, key: &str) -> Value {
    p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()["promised_days"]
        .clone()
}

#[tokio::test]
async fn an_admin_changes_promised_days_adds_and_removes_steps_and_new_projects_follow() {
    let z = zone().await;
    let app = &z.app;
    let ent = app.add_enterprise("新桥精密机械有限公司", CODE_C).await;
    let create = |name: &str| {
        json!({"name": name, "enterprise_id": ent, "template": "low-risk-industrial",
            "liaison_ids": [], "start_date": "2026-03-02"})
    };
    let old = app
        .add_project(&app.admin, &create("旧厂房"))
        .await
        .ok(201)
        .clone();
    let (mut c, csrf, t) = admin(app).await;
    let mut form = form_of(&t, &csrf);
    // construction-permit (row 4): promised 1 → 3; completion-acceptance (row 5) removed;
    // a new step in the blank row 6.
    set(&mut form, "steps[4].promised_days", "3");
    set(&mut form, "steps[5].remove", "1");
    for (k, v) in [
        ("key", "fire-check"),
        ("name", "消防验收"),
        ("agency", "区建管委"),
        ("stage", "竣工验收"),
        ("statutory_days", "15"),
        ("promised_days", "4"),
        ("depends_on", "construction-permit"),
    ] {
        set(&mut form, &format!("steps[6].{k}"), v);
    }
    let saved = post(&mut c, &form).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/admin/routes/low-risk-industrial?done=route_saved")
    );
    let page = c
        .get("/admin/routes/low-risk-industrial?done=route_saved")
        .await;
    assert!(page.body.contains("已保存为新版本"), "{}", page.body);
    check_page("saved", &page.body);
    let history = &page.body[page.body.find("id=\"history\"").unwrap()..];
    assert!(history.contains("<td>2</td><td>admin</td>"), "{history}");
    assert!(history.contains("<td>1</td><td>初始配置</td>"), "{history}");

    let t2 = app.get(API, &app.admin).await.ok(200).clone();
    assert_eq!(t2["version"], 2);
    let keys: Vec<&str> = t2["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "filing",
            "land-grant",
            "land-use-permit",
            "works-permit",
            "construction-permit",
            "fire-check"
        ]
    );
    let new = app
        .add_project(&app.admin, &create("新厂房"))
        .await
        .ok(201)
        .clone();
    assert_eq!(promised(&new, "construction-permit"), 3);
    assert_eq!(promised(&new, "fire-check"), 4);
    let old_now = app
        .get(&format!("/api/v1/projects/{}", old["id"]), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(promised(&old_now, "construction-permit"), 1);
    assert_eq!(old_now["steps"].as_array().unwrap().len(), 6);
    assert!(old_now["steps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["key"] == "completion-acceptance"));
    // The list shows the version and links to the edit page.
    let list = c.get("/admin/routes").await.body;
    assert!(
        list.contains("href=\"/admin/routes/low-risk-industrial\""),
        "{list}"
    );
    assert!(list.contains("版本 2"), "{list}");
}

#[tokio::test]
async fn every_refusal_is_shown_beside_its_field_in_chinese_and_changes_nothing() {
    let z = zone().await;
    let app = &z.app;
    let (mut c, csrf, t) = admin(app).await;
    let before = app.snapshot().await;
    // (change, field id, the message's Chinese, status)
    type Change = Box<dyn Fn(&mut Vec<(String, String)>)>;
    let cases: Vec<(Change, &str, &str, u16)> = vec![
        (Box::new(|f| set(f, "name", " ")), "name", "必填", 422),
        (Box::new(|f| set(f, "steps[4].statutory_days", "七")), "s4-statutory_days", "请填写整数天数", 422),
        (Box::new(|f| set(f, "steps[4].promised_days", "2501")), "s4-promised_days", "应为 0 到 2500 之间的整数个工作日", 422),
        // Issue 28: a promise above the statute (row 4's is 7 days).
        (Box::new(|f| set(f, "steps[4].promised_days", "8")), "s4-promised_days", "承诺时限不能超过法定时限", 422),
        // A removed row before it: the message still stands beside row 4.
        (Box::new(|f| { set(f, "steps[3].remove", "1"); set(f, "steps[4].statutory_days", "-1"); set(f, "steps[4].depends_on", "land-use-permit") }), "s4-statutory_days", "应为 0 到 2500 之间的整数个工作日", 422),
        (Box::new(|f| set(f, "steps[1].key", "a b")), "s1-key", "环节代码只能包含英文字母、数字、“-”和“_”（发现 &#x27; &#x27;）", 422),
        (Box::new(|f| set(f, "steps[1].key", "filing")), "steps", "环节代码 filing 重复使用", 422),
        (Box::new(|f| set(f, "steps[1].depends_on", "filing, nowhere")), "steps", "环节 land-grant 依赖的 nowhere 不是本路线的环节", 422),
        (Box::new(|f| set(f, "steps[0].depends_on", "completion-acceptance")), "steps", "依赖关系形成了循环：filing → land-grant → land-use-permit → works-permit → construction-permit → completion-acceptance → filing", 422),
        (Box::new(|f| for i in 0..6 { set(f, &format!("steps[{i}].remove"), "1") }), "steps", "路线至少需要一个环节", 422),
    ];
    for (change, field, message, status) in cases {
        let mut form = form_of(&t, &csrf);
        change(&mut form);
        let r = post(&mut c, &form).await;
        assert_eq!(r.status, status, "{field}: {}", r.body);
        assert_eq!(
            field_error(&r.body, field).as_deref(),
            Some(message),
            "{field}: {}",
            r.body
        );
        assert!(r.body.contains("未能保存"), "{}", r.body);
        check_page(field, &r.body);
    }
    // A stale form (someone saved meanwhile): said so, and the latest version shown.
    let mut form = form_of(&t, &csrf);
    set(&mut form, "version", "7");
    set(&mut form, "name", "低风险工业项目（拟改）");
    let stale = post(&mut c, &form).await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(
        stale.body.contains("这条记录刚被别人修改过"),
        "{}",
        stale.body
    );
    assert!(!stale.body.contains("拟改"), "{}", stale.body);
    assert!(stale.body.contains("name=\"version\" value=\"1\""));
    check_page("stale", &stale.body);
    assert_eq!(app.snapshot().await, before);
    assert_eq!(app.get(API, &app.admin).await.ok(200)["version"], 1);
    // Unknown template.
    assert_eq!(c.get("/admin/routes/airport").await.status, 404);
}

#[tokio::test]
async fn who_may_open_and_save_route_templates() {
    let z = zone().await;
    let mut who = Callers::of(&z).await;
    //                                         admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        ("/admin/routes".into(), [200, 403, 403, 403, 403, 403, 303]),
        (PAGE.into(), [200, 403, 403, 403, 403, 403, 303]),
    ])
    .await;
    let before = z.app.snapshot().await;
    who.check_posts(&[(
        PAGE.into(),
        vec![("version", "1"), ("name", ""), ("steps[0].key", "filing")],
        [422, 403, 403, 403, 403, 403, 303],
    )])
    .await;
    assert_eq!(z.app.snapshot().await, before);
}
