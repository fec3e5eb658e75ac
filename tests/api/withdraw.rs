//! 补正 is told once, in full, and a mistaken event can be withdrawn (撤销, docs/rules.md):
//! a 补正 without its notice is refused; a withdrawn 补正 gives the red light back, with
//! the figures as if it had never been recorded, the history keeping it marked for staff
//! and hiding it from the enterprise; every refusal changes nothing.
//!
//! Today is Monday 2026-03-16 (a second instance on the same database stands for the next
//! day). Land pre-review (20 working days) accepted Tuesday 02-03: its 20th working day
//! after is 03-09 (02-14 and 02-28 are make-up Saturdays, 02-15…02-23 off), so it is red
//! today, 25 working days on the agency's clock (03-10, 11, 12, 13, 16 past the 20).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::helpers::{event_body, spawn_on, TestApp, PASSWORD};
use crate::projects::zone;

fn at(day: &str) -> DateTime<Utc> {
    format!("{day}T02:00:00Z").parse().unwrap()
}

struct Red {
    app: TestApp,
    pid: i64,
    liaison: String,
}

/// The standard project with its filing done on 02-02 and land pre-review accepted 02-03.
async fn red_prereview() -> Red {
    let app = crate::helpers::spawn_app().await;
    let z = zone(&app).await;
    let pid = z.project["id"].as_i64().unwrap();
    for (key, action, on) in [
        ("filing", "accept", "2026-02-02"),
        ("filing", "approve", "2026-02-02"),
        ("land-prereview", "accept", "2026-02-03"),
    ] {
        let path = format!("/api/v1/projects/{pid}/steps/{key}/events");
        app.post(&path, &z.liaison, &event_body(action, on))
            .await
            .ok(200);
    }
    Red {
        app,
        pid,
        liaison: z.liaison,
    }
}

async fn prereview(app: &TestApp, pid: i64) -> Value {
    let p = app
        .get(&format!("/api/v1/projects/{pid}"), &app.admin)
        .await
        .ok(200)
        .clone();
    let steps = p["steps"].as_array().unwrap();
    steps
        .iter()
        .find(|s| s["key"] == "land-prereview")
        .unwrap()
        .clone()
}

async fn history(app: &TestApp, token: &str, pid: i64) -> Value {
    let path = format!("/api/v1/projects/{pid}/steps/land-prereview/events");
    app.get(&path, token).await.ok(200).clone()
}

async fn red_ids(app: &TestApp) -> Vec<i64> {
    let list = app.get("/api/v1/projects?light=red", &app.admin).await;
    let items = list.ok(200)["items"].as_array().unwrap().clone();
    items.iter().map(|p| p["id"].as_i64().unwrap()).collect()
}

fn withdraw_path(pid: i64, key: &str, event: &Value) -> String {
    format!("/api/v1/projects/{pid}/steps/{key}/events/{event}/withdraw")
}

#[tokio::test]
async fn a_request_for_materials_without_its_notice_is_refused_and_changes_nothing() {
    let r = red_prereview().await;
    let before = r.app.snapshot().await;
    let path = format!("/api/v1/projects/{}/steps/land-prereview/events", r.pid);
    for body in [
        json!({"action": "request_materials"}),
        json!({"action": "request_materials", "notice": "  \n "}),
        json!({"action": "request_materials", "notice": null, "note": "内部：电话告知"}),
    ] {
        let reply = r.app.post(&path, &r.liaison, &body).await;
        let problem = reply.problem(422);
        assert_eq!(problem["errors"][0]["field"], "notice", "{body}");
    }
    assert_eq!(r.app.snapshot().await, before);
    assert_eq!(
        history(&r.app, &r.liaison, r.pid)
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_withdrawn_request_for_materials_gives_the_red_light_back_as_if_never_recorded() {
    let r = red_prereview().await;
    let (app, pid) = (&r.app, r.pid);
    let red = prereview(app, pid).await;
    assert_eq!(red["light"], "red");
    assert_eq!(red["due_on"], "2026-03-09");
    assert_eq!(
        red["clock"],
        json!({"statutory_used": 25, "paused_days": 0, "elapsed_days": 25})
    );
    assert_eq!(red_ids(app).await, vec![pid]);
    // The scheduler raises its red alert.
    let run = json!({"at": "2026-03-16T02:30:00Z"});
    app.post("/api/v1/jobs/run", &app.admin, &run).await.ok(200);
    let alerts = format!("/api/v1/alerts?project_id={pid}");
    let raised = app.get(&alerts, &app.admin).await.ok(200).clone();

    // One click too many: 补正 recorded today, the red light gone with it.
    let path = format!("/api/v1/projects/{pid}/steps/land-prereview/events");
    let notice = "请补充：用地红线图（盖章版）";
    let body = json!({"action": "request_materials", "notice": notice});
    let paused = app.post(&path, &r.liaison, &body).await.ok(200).clone();
    assert_eq!(paused["status"], "awaiting_applicant");
    assert_eq!(paused["light"], Value::Null);
    assert!(red_ids(app).await.is_empty());
    let asked = history(app, &r.liaison, pid).await;
    let event = asked[1]["id"].clone();

    // Withdrawn by its author the same day, with a reason: as if it had never been.
    let reason = "点错了：企业材料齐全，应继续审查";
    let back = app
        .post(
            &withdraw_path(pid, "land-prereview", &event),
            &r.liaison,
            &json!({"reason": reason}),
        )
        .await
        .ok(200)
        .clone();
    for step in [back.clone(), prereview(app, pid).await] {
        assert_eq!(step["status"], "in_review");
        assert_eq!(step["light"], "red");
        assert_eq!(step["due_on"], "2026-03-09");
        assert_eq!(step["accepted_on"], "2026-02-03");
        assert_eq!(
            step["clock"],
            json!({"statutory_used": 25, "paused_days": 0, "elapsed_days": 25})
        );
        assert_eq!(step["version"], red["version"].as_i64().unwrap() + 2);
    }
    assert_eq!(red_ids(app).await, vec![pid]);
    let project = app
        .get(&format!("/api/v1/projects/{pid}"), &app.admin)
        .await;
    assert_eq!(project.ok(200)["light"], "red");

    // Staff see it marked; the enterprise no longer sees it, nor its notice.
    let staff = history(app, &r.liaison, pid).await;
    assert_eq!(staff.as_array().unwrap().len(), 2);
    assert_eq!(staff[1]["action"], "request_materials");
    assert_eq!(staff[1]["withdrawn"]["reason"], reason);
    assert!(staff[1]["withdrawn"]["by"].as_str().unwrap().len() > 1);
    assert!(staff[0].get("withdrawn").is_none());
    let ent_id = app.get("/api/v1/enterprises", &app.admin).await.ok(200)["items"][0]["id"]
        .as_i64()
        .unwrap();
    let (_, firm) = app.add_user("firm", "enterprise", Some(ent_id)).await;
    let theirs = history(app, &firm, pid).await;
    assert_eq!(theirs.as_array().unwrap().len(), 1, "{theirs}");
    let timeline = app
        .get(&format!("/api/v1/projects/{pid}/timeline"), &firm)
        .await
        .ok(200)
        .clone();
    assert!(!timeline.to_string().contains(notice), "{timeline}");
    let home = crate::pages::client::PageClient::new(app);
    let mut home = home;
    home.login("firm", PASSWORD).await;
    let page = home.get("/enterprise").await.body;
    assert!(
        !page.contains("用地红线图"),
        "the withdrawn notice is not shown"
    );

    // The red alert was raised once; the next run raises nothing new for the same episode.
    app.post("/api/v1/jobs/run", &app.admin, &run).await.ok(200);
    let again = app.get(&alerts, &app.admin).await.ok(200).clone();
    assert_eq!(again, raised);

    // Audited: who withdrew what, and why.
    let audit = app
        .get("/api/v1/audit?action=event_withdrawn", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(audit["total"], 1, "{audit}");
    assert!(audit["items"][0]["detail"]
        .as_str()
        .unwrap()
        .contains(reason));
    assert_eq!(audit["items"][0]["username"], "liaison1");
}

#[tokio::test]
async fn only_the_latest_event_by_its_author_that_day_or_an_admin_and_refusals_change_nothing() {
    let r = red_prereview().await;
    let (app, pid) = (&r.app, r.pid);
    let path = format!("/api/v1/projects/{pid}/steps/land-prereview/events");
    let body = json!({"action": "request_materials", "notice": "请补充：盖章版红线图"});
    app.post(&path, &r.liaison, &body).await.ok(200);
    let events = history(app, &r.liaison, pid).await;
    let (accept, asked) = (events[0]["id"].clone(), events[1]["id"].clone());
    let (other_id, other) = app.add_user("liaison2", "liaison", None).await;
    app.patch(
        &format!("/api/v1/projects/{pid}"),
        &app.admin,
        &json!({"liaison_ids": [app.user_id("liaison1").await, other_id]}),
        None,
    )
    .await
    .ok(200);
    let filing = app
        .get(
            &format!("/api/v1/projects/{pid}/steps/filing/events"),
            &app.admin,
        )
        .await
        .ok(200)[1]["id"]
        .clone();
    let step = prereview(app, pid).await;
    let before = (app.snapshot().await, history(app, &app.admin, pid).await);
    let why = json!({"reason": "点错了"});
    let cases: Vec<(String, &str, Value, u16, &str)> = vec![
        // Not the step's latest event.
        (
            withdraw_path(pid, "land-prereview", &accept),
            &r.liaison,
            why.clone(),
            409,
            "",
        ),
        // Another liaison of the project.
        (
            withdraw_path(pid, "land-prereview", &asked),
            &other,
            why.clone(),
            403,
            "",
        ),
        // No reason, or only blanks.
        (
            withdraw_path(pid, "land-prereview", &asked),
            &r.liaison,
            json!({"reason": " "}),
            422,
            "reason",
        ),
        (
            withdraw_path(pid, "land-prereview", &asked),
            &r.liaison,
            json!({"reason": "x".repeat(2001)}),
            422,
            "reason",
        ),
        // An event of another step, and one that does not exist.
        (
            withdraw_path(pid, "eia", &asked),
            &r.liaison,
            why.clone(),
            404,
            "",
        ),
        (
            withdraw_path(pid, "land-prereview", &json!(999_999)),
            &r.liaison,
            why.clone(),
            404,
            "",
        ),
        // The filing's approval under a step that has started since.
        (
            withdraw_path(pid, "filing", &filing),
            &app.admin,
            why.clone(),
            409,
            "",
        ),
    ];
    for (path, token, body, status, field) in cases {
        let reply = app.post(&path, token, &body).await;
        let problem = reply.problem(status);
        if !field.is_empty() {
            assert_eq!(problem["errors"][0]["field"], field, "{path}");
        }
    }
    // An unknown field is malformed; a stale If-Match is a conflict.
    let path = withdraw_path(pid, "land-prereview", &asked);
    app.post(&path, &r.liaison, &json!({"reason": "x", "why": "y"}))
        .await
        .problem(400);
    let stale = app
        .client
        .post(app.url(&path))
        .bearer_auth(&r.liaison)
        .header(
            "If-Match",
            (step["version"].as_i64().unwrap() - 1).to_string(),
        )
        .json(&why)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 409);
    assert_eq!(
        (app.snapshot().await, history(app, &app.admin, pid).await),
        before,
        "refusals change nothing"
    );

    // The next day its author may not; an administrator may, once.
    let tomorrow = spawn_on(&app.db_url, at("2026-03-17"), |_| {}).await;
    let liaison = tomorrow.login("liaison1", PASSWORD).await;
    let r = tomorrow.post(&path, &liaison, &why).await;
    assert_eq!(r.problem(403)["code"], "withdraw_not_allowed", "{}", r.body);
    let back = tomorrow
        .post(&path, &tomorrow.admin, &why)
        .await
        .ok(200)
        .clone();
    assert_eq!(back["status"], "in_review");
    tomorrow
        .post(&path, &tomorrow.admin, &why)
        .await
        .problem(409);
    // Then the accept is the latest, and may go too: the step is pending again.
    let path = withdraw_path(pid, "land-prereview", &accept);
    let pending = tomorrow
        .post(&path, &tomorrow.admin, &why)
        .await
        .ok(200)
        .clone();
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["accepted_on"], Value::Null);
    assert_eq!(pending["light"], Value::Null);
}
