//! The light dates stored with steps and projects, which lists and the scheduler read
//! instead of every history, follow every change that moves a light: a calendar year
//! published, and a database from before they were kept (filled in at start-up).

use approval_tracker::store::{DbConn, DbUrl};
use diesel::connection::SimpleConnection;
use serde_json::{json, Value};

use crate::helpers::{default_now, spawn_app, spawn_second_instance, TestApp, CODE_A};

/// A project whose 用地预审 (limit 20) was accepted Thursday 2026-02-05: on 03-16 it is
/// red, due 03-11 (02-06 1, 02-09…13 → 6, 02-14 make-up 7, 02-24…28 → 12, 03-02…06 → 17,
/// 03-09…11 → 20).
async fn red_project(app: &TestApp) -> i64 {
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let body = json!({"name": "红", "enterprise_id": ent, "template": "standard-industrial",
        "liaison_ids": [], "start_date": "2026-02-02"});
    let pid = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    for (key, action, on) in [
        ("filing", "accept", "2026-02-02"),
        ("filing", "approve", "2026-02-02"),
        ("land-prereview", "accept", "2026-02-05"),
    ] {
        let path = format!("/api/v1/projects/{pid}/steps/{key}/events");
        app.post(&path, &app.admin, &crate::helpers::event_body(action, on))
            .await
            .ok(200);
    }
    pid
}

async fn ids_with(app: &TestApp, query: &str) -> Vec<i64> {
    let r = app
        .get(&format!("/api/v1/projects?{query}"), &app.admin)
        .await;
    r.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

async fn light_of(app: &TestApp, pid: i64) -> Value {
    let p = app
        .get(&format!("/api/v1/projects/{pid}"), &app.admin)
        .await;
    p.ok(200)["light"].clone()
}

#[tokio::test]
async fn publishing_a_calendar_moves_the_lights_that_lists_read() {
    let app = spawn_app().await; // today: Monday 03-16
    let pid = red_project(&app).await;
    assert_eq!(ids_with(&app, "light=red").await, [pid]);
    // Four more days off, 03-09…12: 03-13 is the 18th working day, 03-16 the 19th, so on
    // 03-16 the step has used 19 of 20 (≥ 16: yellow) and is due 03-17: not red yet.
    let y = app
        .get("/api/v1/calendar/2026", &app.admin)
        .await
        .ok(200)
        .clone();
    let mut holidays: Vec<Value> = y["holidays"].as_array().unwrap().clone();
    holidays.extend(["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"].map(Value::from));
    let body = json!({"holidays": holidays, "workdays": y["workdays"]});
    app.put(
        "/api/v1/calendar/2026",
        &app.admin,
        &body,
        y["version"].as_i64(),
    )
    .await
    .ok(200);
    assert_eq!(ids_with(&app, "light=red").await, Vec::<i64>::new());
    assert_eq!(ids_with(&app, "light=yellow").await, [pid]);
    assert_eq!(light_of(&app, pid).await, "yellow");
}

/// Lists are kept between requests until someone commits: what another instance (or any
/// other connection) writes shows in the next list at once.
#[tokio::test]
async fn a_list_shows_at_once_what_another_instance_wrote() {
    let app = spawn_app().await;
    assert_eq!(ids_with(&app, "light=red").await, Vec::<i64>::new());
    // Its own writes...
    let pid = red_project(&app).await;
    assert_eq!(ids_with(&app, "light=red").await, [pid]);
    assert_eq!(ids_with(&app, "light=red").await, [pid]); // kept
                                                          // ...and another instance's.
    let other = spawn_second_instance(&app, default_now(), |_| {}).await;
    let path = format!("/api/v1/projects/{pid}/steps/land-prereview/events");
    other
        .post(&path, &other.admin, &json!({"action": "approve"}))
        .await
        .ok(200);
    assert_eq!(ids_with(&app, "light=red").await, Vec::<i64>::new());
}

#[tokio::test]
async fn a_database_from_before_the_dates_is_filled_in_at_start_up() {
    let app = spawn_app().await;
    let pid = red_project(&app).await;
    // As a database migrated from before the dates were kept would have them: empty.
    let mut conn = DbConn::open(&DbUrl::parse(&app.db_url).unwrap()).unwrap();
    conn.batch_execute(
        "UPDATE steps SET yellow_on = NULL, red_on = NULL, paused_since = NULL; \
         UPDATE projects SET in_review = FALSE, yellow_on = NULL, red_on = NULL, paused_since = NULL;",
    )
    .unwrap();
    assert_eq!(ids_with(&app, "light=red").await, Vec::<i64>::new());
    let restarted = spawn_second_instance(&app, default_now(), |_| {}).await;
    assert_eq!(ids_with(&restarted, "light=red").await, [pid]);
    assert_eq!(light_of(&restarted, pid).await, "red");
}

/// Dates left on a step that is no longer with an agency (as a faulty write would leave
/// them) are found at start-up too, and the project's light with them.
#[tokio::test]
async fn dates_left_on_finished_steps_are_cleared_at_start_up() {
    let app = spawn_app().await;
    let pid = red_project(&app).await;
    let path = format!("/api/v1/projects/{pid}/steps/land-prereview/events");
    app.post(&path, &app.admin, &json!({"action": "approve"}))
        .await
        .ok(200);
    let mut conn = DbConn::open(&DbUrl::parse(&app.db_url).unwrap()).unwrap();
    conn.batch_execute(&format!(
        "UPDATE steps SET red_on = '2026-03-11' WHERE key = 'land-prereview'; \
         UPDATE projects SET red_on = '2026-03-11' WHERE id = {pid};"
    ))
    .unwrap();
    assert_eq!(ids_with(&app, "light=red").await, [pid]);
    let restarted = spawn_second_instance(&app, default_now(), |_| {}).await;
    assert_eq!(ids_with(&restarted, "light=red").await, Vec::<i64>::new());
}

/// Every step's and project's stored dates, in id order.
fn stored(db_url: &str) -> Vec<String> {
    use approval_tracker::store::schema::{projects as p, steps as s};
    use diesel::prelude::*;
    let mut conn = DbConn::open(&DbUrl::parse(db_url).unwrap()).unwrap();
    type Day = Option<chrono::NaiveDate>;
    let steps: Vec<(i32, Day, Day, Day)> = s::table
        .select((s::id, s::yellow_on, s::red_on, s::paused_since))
        .order(s::id)
        .load(&mut conn)
        .unwrap();
    let projects: Vec<(i32, bool, Day, Day)> = p::table
        .select((p::id, p::in_review, p::yellow_on, p::red_on))
        .order(p::id)
        .load(&mut conn)
        .unwrap();
    let mut out: Vec<String> = steps.iter().map(|r| format!("step {r:?}")).collect();
    out.extend(projects.iter().map(|r| format!("project {r:?}")));
    out
}

/// As a rule change would leave them: the red day a week later, the yellow day earlier.
/// Nothing is missing, so nothing but the rules' version tells they are stale.
fn as_an_older_rule_stored(db_url: &str, version: Option<i32>) {
    let mut conn = DbConn::open(&DbUrl::parse(db_url).unwrap()).unwrap();
    conn.batch_execute(
        "UPDATE steps SET red_on = '2026-03-18', yellow_on = '2026-02-09' WHERE red_on IS NOT NULL; \
         UPDATE projects SET red_on = '2026-03-18', yellow_on = '2026-02-09' WHERE red_on IS NOT NULL;",
    )
    .unwrap();
    if let Some(v) = version {
        conn.batch_execute(&format!("UPDATE derived_rules SET version = {v};"))
            .unwrap();
    }
}

#[tokio::test]
async fn stored_dates_are_computed_again_when_the_rules_version_changed() {
    let app = spawn_app().await;
    let pid = red_project(&app).await;
    let fresh = stored(&app.db_url);
    // The red day by today's rules: 03-12, the day after the due date 03-11.
    assert!(
        fresh.iter().any(|l| l.contains("Some(2026-03-12)")),
        "{fresh:?}"
    );
    as_an_older_rule_stored(&app.db_url, None);
    // Under the same version a restart keeps them (only what is missing is filled in).
    let same = spawn_second_instance(&app, default_now(), |_| {}).await;
    assert_eq!(ids_with(&same, "light=red").await, Vec::<i64>::new());
    assert_ne!(stored(&app.db_url), fresh);
    // Computed by another version: the restart computes every date again.
    as_an_older_rule_stored(&app.db_url, Some(0));
    let restarted = spawn_second_instance(&app, default_now(), |_| {}).await;
    assert_eq!(stored(&app.db_url), fresh);
    assert_eq!(ids_with(&restarted, "light=red").await, [pid]);
}

#[tokio::test]
async fn recompute_computes_every_stored_date_again_on_demand() {
    let app = spawn_app().await;
    red_project(&app).await;
    let fresh = stored(&app.db_url);
    as_an_older_rule_stored(&app.db_url, None);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_approval-tracker"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["recompute", "--database-url", &app.db_url])
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("light dates of 1 project(s)"), "{said}");
    assert_eq!(stored(&app.db_url), fresh);
}
