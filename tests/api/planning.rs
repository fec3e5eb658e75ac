//! Schedule and time saved over the API, every figure worked by hand from docs/rules.md.
//!
//! The route: a (statutory 10, promised 5) → b (20) and c (10) → d (5, after b and c),
//! starting Monday 2026-03-02. Working-day indices from the start (2026 calendar):
//! 5 = 03-09, 10 = 03-16, 15 = 03-23, 25 = 04-07 (04-04..06 off), 30 = 04-14,
//! 40 = 04-28, 45 = 05-08 (05-01..05 off).

use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, CODE_A};

fn spec(key: &str, statutory: i64, promised: Option<i64>, deps: &[&str]) -> Value {
    json!({"key": key, "name": key, "agency": "区规划资源局", "stage": "工程建设许可", "statutory_days": statutory, "promised_days": promised, "depends_on": deps})
}

async fn project(app: &TestApp) -> i64 {
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    project_named(app, ent, "示例").await
}

async fn project_named(app: &TestApp, ent: i64, name: &str) -> i64 {
    let steps = json!([
        spec("a", 10, Some(5), &[]),
        spec("b", 20, None, &["a"]),
        spec("c", 10, None, &["a"]),
        spec("d", 5, None, &["b", "c"])
    ]);
    let body = json!({"name": name, "enterprise_id": ent, "steps": steps, "liaison_ids": [], "start_date": "2026-03-02"});
    app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap()
}

fn step<'a>(s: &'a Value, key: &str) -> &'a Value {
    s["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["key"] == key)
        .unwrap()
}

#[tokio::test]
async fn a_project_not_started_is_planned_from_today() {
    let app = spawn_app().await; // today 2026-03-16, index 10
    let id = project(&app).await;
    let s = app
        .get(&format!("/api/v1/projects/{id}/schedule"), &app.admin)
        .await
        .ok(200)
        .clone();
    // Planned with limits: a 5 + b 20 + d 5 = 30 → 04-14; c has 10 days of slack.
    assert_eq!(s["planned_finish"], "2026-04-14");
    assert_eq!(s["planned_critical_path"], json!(["a", "b", "d"]));
    // Nothing started: a starts today (10), b/c at 15, d at 35, finish 40 → 04-28.
    assert_eq!(s["projected_finish"], "2026-04-28");
    assert_eq!(s["critical_path"], json!(["a", "b", "d"]));
    let c = step(&s, "c");
    assert_eq!(c["earliest_start"], "2026-03-23");
    assert_eq!(c["latest_start"], "2026-04-07");
    assert_eq!(c["slack_days"], 10);
    assert_eq!(c["critical"], false);
    assert_eq!(step(&s, "a")["earliest_start"], "2026-03-16");
    assert_eq!(s["provisional"], false);

    let t = app
        .get(&format!("/api/v1/projects/{id}/time-saved"), &app.admin)
        .await
        .ok(200)
        .clone();
    // Baseline 10+20+10+5 = 45; statutory critical path a→b→d = 35; planned 30;
    // projected 40; saved 45−40 = 5 = 10 by parallel routing − 5 by agencies;
    // baseline would end at index 45 = 05-08, the projection at 04-28: 10 calendar days.
    assert_eq!(
        t,
        json!({
            "baseline_days": 45, "critical_path_statutory_days": 35, "planned_days": 30,
            "actual_days": null, "projected_days": 40, "saved_days": 5, "saved_by_parallel_days": 10,
            "saved_by_faster_agencies_days": -5, "baseline_finish": "2026-05-08", "finish": "2026-04-28",
            "saved_calendar_days": 10, "provisional": false,
        })
    );
}

#[tokio::test]
async fn actuals_move_the_projection_and_the_portfolio_sums_it() {
    let app = spawn_app().await;
    let id = project(&app).await;
    let ev = |key: &str| format!("/api/v1/projects/{id}/steps/{key}/events");
    for (key, action, on) in [
        ("a", "accept", "2026-03-03"),
        ("a", "approve", "2026-03-06"),
        ("b", "accept", "2026-03-09"),
        ("c", "accept", "2026-03-09"),
        ("c", "approve", "2026-03-13"),
    ] {
        app.post(
            &ev(key),
            &app.admin,
            &crate::helpers::event_body(action, on),
        )
        .await
        .ok(200);
    }
    let s = app
        .get(&format!("/api/v1/projects/{id}/schedule"), &app.admin)
        .await
        .ok(200)
        .clone();
    // b in review since 03-09 (index 5), due 5 + 20 = 25 = 04-07, later than today;
    // d starts then and takes 5: 30 = 04-14.
    assert_eq!(s["projected_finish"], "2026-04-14");
    assert_eq!(step(&s, "b")["earliest_finish"], "2026-04-07");
    assert_eq!(step(&s, "d")["earliest_start"], "2026-04-07");
    assert_eq!(step(&s, "b")["critical"], true);
    assert_eq!(step(&s, "d")["critical"], true);
    // c finished at index 9; d may start as late as 25: 16 days of slack.
    assert_eq!(step(&s, "c")["slack_days"], 16);
    let t = app
        .get(&format!("/api/v1/projects/{id}/time-saved"), &app.admin)
        .await
        .ok(200)
        .clone();
    // Projected 30: saved 45−30 = 15 = 10 parallel + 5 agencies; 05-08 − 04-14 = 24 days.
    assert_eq!(t["projected_days"], 30);
    assert_eq!(t["saved_days"], 15);
    assert_eq!(t["saved_by_faster_agencies_days"], 5);
    assert_eq!(t["saved_calendar_days"], 24);

    // A second, untouched project: the portfolio adds both.
    project_named(&app, 1, "again").await;
    let p = app
        .get("/api/v1/time-saved", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(p["projects"], 2);
    assert_eq!(p["baseline_days"], 90);
    assert_eq!(p["projected_days"], 70); // 30 + 40
    assert_eq!(p["saved_days"], 20); // 15 + 5
    assert_eq!(p["actual_days"], Value::Null);
    let only = app
        .get(&format!("/api/v1/time-saved?q={}", "again"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(only["projects"], 1);
    assert_eq!(only["saved_days"], 5);
    let ent_user = app.add_user("firm", "enterprise", Some(1)).await.1;
    app.get("/api/v1/time-saved", &ent_user).await.problem(403);
    app.get(&format!("/api/v1/projects/{id}/schedule"), &ent_user)
        .await
        .ok(200);
}
