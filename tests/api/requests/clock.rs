//! The clock of a request filed on a Friday evening before the Spring Festival, through
//! the API (the hand-worked clocks of every rule are the domain's unit tests).

use serde_json::json;

use super::act;
use crate::helpers::{spawn_app_at, spawn_second_instance, CODE_A, PASSWORD};

#[tokio::test]
async fn filed_on_a_friday_evening_before_the_spring_festival() {
    // Friday 2026-02-13, 22:00 in Shanghai: the 10 pm call, recorded by the liaison.
    let app = spawn_app_at("2026-02-13T14:00:00Z".parse().unwrap()).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let body = json!({"title": "危化品许可证延续", "text": "来电咨询", "category": "approval", "channel": "phone", "enterprise_id": ent});
    let r = app
        .post("/api/v1/requests", &liaison, &body)
        .await
        .ok(201)
        .clone();
    let id = r["id"].as_i64().unwrap();
    // First reply: 1 working day after the 13th is the make-up Saturday 02-14. Resolution:
    // 02-14 (1), holiday 02-15…02-23, 02-24 (2), 25 (3), 26 (4), 27 (5).
    assert_eq!(
        (&r["reply_due_on"], &r["resolve_due_on"]),
        (&json!("2026-02-14"), &json!("2026-02-27"))
    );
    assert_eq!(r["light"], "green");
    // Nobody answered over the holiday: Tuesday 02-24 it is overdue and unanswered.
    let later = spawn_second_instance(&app, "2026-02-24T01:00:00Z".parse().unwrap(), |_| {}).await;
    let liaison = later.login("liaison1", PASSWORD).await;
    let overdue = later
        .get("/api/v1/requests?overdue=true", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(overdue["total"], 1);
    assert_eq!(overdue["items"][0]["light"], "red");
    let r = act(
        &later,
        &liaison,
        id,
        json!({"action": "reply", "text": "已转办"}),
    )
    .await;
    assert_eq!(r["replied_within_limit"], false);
    // Answered, the resolution clock is still in time: day 2 of 5, green; no longer overdue.
    assert_eq!(
        (&r["used_days"], &r["light"], &r["overdue"]),
        (&json!(2), &json!("green"), &json!(false))
    );
    let overdue = later.get("/api/v1/requests?overdue=true", &liaison).await;
    assert_eq!(overdue.ok(200)["total"], 0);
}
