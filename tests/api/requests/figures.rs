//! The figures of four requests, worked by hand, and the auto-close rule. Each moment is an
//! instance on the same database with its own clock (Shanghai = UTC + 8).

use serde_json::{json, Value};

use super::act;
use crate::helpers::{spawn_app_at, spawn_second_instance, TestApp, CODE_A, PASSWORD};

async fn at(app: &TestApp, instant: &str) -> (TestApp, String, String) {
    let later = spawn_second_instance(app, instant.parse().unwrap(), |_| {}).await;
    let firm = later.login("paint.firm", PASSWORD).await;
    let liaison = later.login("liaison1", PASSWORD).await;
    (later, firm, liaison)
}

fn row(v: &Value) -> [&Value; 12] {
    [
        &v["received"],
        &v["replied_within_limit"],
        &v["reply_rate"],
        &v["resolved"],
        &v["resolution_rate"],
        &v["resolved_within_limit"],
        &v["rated"],
        &v["satisfied"],
        &v["satisfaction_rate"],
        &v["open"],
        &v["overdue"],
        &v["unanswered"],
    ]
}

fn nums(v: [Value; 12]) -> Vec<Value> {
    v.to_vec()
}

#[tokio::test]
async fn figures_of_four_requests_and_the_auto_close_by_hand() {
    // Monday 2026-03-02, 10:00: the enterprise files A and B (审批), C and D (水电气网).
    let app = spawn_app_at("2026-03-02T02:00:00Z".parse().unwrap()).await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let (_, firm) = app.add_user("paint.firm", "enterprise", Some(ent)).await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    app.add_user("manager1", "manager", None).await;
    let mut ids = vec![];
    for (title, category) in [
        ("A", "approval"),
        ("B", "approval"),
        ("C", "utilities"),
        ("D", "utilities"),
    ] {
        let body = json!({"title": title, "text": "诉求内容", "category": category});
        ids.push(
            app.post("/api/v1/requests", &firm, &body).await.ok(201)["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let (a, b, d) = (ids[0], ids[1], ids[3]);
    act(
        &app,
        &liaison,
        a,
        json!({"action": "reply", "text": "收到，正在协调"}),
    )
    .await;
    act(&app, &liaison, a, json!({"action": "accept"})).await;
    act(&app, &liaison, d, json!({"action": "accept"})).await;
    // D answered and resolved the same day: rated by 03-02 + 5 working days = 03-09.
    let v = act(
        &app,
        &liaison,
        d,
        json!({"action": "resolve", "text": "已接通临时用电"}),
    )
    .await;
    assert_eq!(v["rate_by"], "2026-03-09");

    // Wednesday 03-04: B accepted and the enterprise asked for papers (its first reply,
    // one day late: due 03-03); A handed to 区建管委 and resolved.
    let (t1, _, liaison) = at(&app, "2026-03-04T02:00:00Z").await;
    act(&t1, &liaison, b, json!({"action": "accept"})).await;
    let v = act(
        &t1,
        &liaison,
        b,
        json!({"action": "wait_enterprise", "text": "请补充用地红线图"}),
    )
    .await;
    assert_eq!(
        (&v["status"], &v["replied_within_limit"]),
        (&json!("waiting_enterprise"), &json!(false))
    );
    act(
        &t1,
        &liaison,
        a,
        json!({"action": "hand_over", "agency": "区建管委"}),
    )
    .await;
    act(
        &t1,
        &liaison,
        a,
        json!({"action": "resolve", "text": "施工许可已受理"}),
    )
    .await;

    // Friday 03-06: A rated satisfied; B's papers arrive: paused 03-05, 03-06 = 2 days, so
    // B is due 03-02 + (5 + 2) working days = 03-11.
    let (t2, firm, _) = at(&app, "2026-03-06T02:00:00Z").await;
    let v = act(
        &t2,
        &firm,
        a,
        json!({"action": "rate", "rating": "satisfied"}),
    )
    .await;
    assert_eq!(v["status"], "closed");
    let v = act(
        &t2,
        &firm,
        b,
        json!({"action": "reply", "text": "红线图已上传"}),
    )
    .await;
    assert_eq!(
        (&v["status"], &v["paused_days"], &v["resolve_due_on"]),
        (&json!("accepted"), &json!(2), &json!("2026-03-11"))
    );

    // The scheduler closes D, unrated, the working day after 03-09, not before.
    let run = |at: &'static str| {
        let t2 = &t2;
        async move {
            t2.post("/api/v1/jobs/run", &t2.admin, &json!({"at": at}))
                .await
                .ok(200)
                .clone()
        }
    };
    run("2026-03-09T09:00:00Z").await;
    let path = format!("/api/v1/requests/{d}");
    assert_eq!(t2.get(&path, &t2.admin).await.ok(200)["status"], "resolved");
    run("2026-03-10T01:00:00Z").await;
    let closed = t2.get(&path, &t2.admin).await.ok(200).clone();
    assert_eq!(
        (&closed["status"], &closed["rating"]),
        (&json!("closed"), &Value::Null)
    );
    let last = closed["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (&last["action"], &last["party"]),
        (&json!("close"), &json!("system"))
    );
    // Closed, it can no longer be rated or reopened.
    let actions = format!("/api/v1/requests/{d}/actions");
    t2.post(
        &actions,
        &firm,
        &json!({"action": "rate", "rating": "satisfied"}),
    )
    .await
    .problem(409);
    let refused = t2
        .post(
            &actions,
            &firm,
            &json!({"action": "reopen", "text": "不满意"}),
        )
        .await;
    assert_eq!(
        refused.problem(409)["code"],
        "request_transition_not_allowed",
        "{}",
        refused.body
    );
    // A second run closes nothing twice.
    run("2026-03-10T02:00:00Z").await;
    let again = t2.get(&path, &t2.admin).await.ok(200).clone();
    assert_eq!(again["version"], closed["version"]);

    // Thursday 03-12: B resolved one day late, rated dissatisfied: reopened with a new
    // clock due 03-12 + 5 = 03-19.
    let (t3, firm, liaison) = at(&app, "2026-03-12T02:00:00Z").await;
    act(
        &t3,
        &liaison,
        b,
        json!({"action": "resolve", "text": "已协调规资局"}),
    )
    .await;
    let v = act(
        &t3,
        &firm,
        b,
        json!({"action": "rate", "rating": "dissatisfied"}),
    )
    .await;
    assert_eq!(
        (&v["status"], &v["resolve_due_on"]),
        (&json!("reopened"), &json!("2026-03-19"))
    );

    // Monday 03-16. The week of 03-02 read as it stood at its end (Sunday 03-08): A and D
    // resolved in time (2 of 4: 50 %), replied in time A and D (B late, C never): 50 %;
    // rated A only, satisfied: 100 %; open B and C; overdue C (reply due 03-03); B's clock
    // at 03-08 is 4 working days − 2 paused = 2 of 5: green; unanswered C.
    let (t4, _, liaison) = at(&app, "2026-03-16T02:00:00Z").await;
    let week = t4
        .get(
            "/api/v1/requests/stats?from=2026-03-02&to=2026-03-08",
            &liaison,
        )
        .await;
    let f = week.ok(200)["figures"].clone();
    assert_eq!(week.body["as_of"], "2026-03-08T15:59:59Z");
    let expect = [
        json!(4),
        json!(2),
        json!(50.0),
        json!(2),
        json!(50.0),
        json!(2),
        json!(1),
        json!(1),
        json!(100.0),
        json!(2),
        json!(1),
        json!(1),
    ];
    assert_eq!(row(&f["total"]).map(Value::clone).to_vec(), nums(expect));
    // Read now (to 03-16): B has been rated dissatisfied, so rated 2, satisfied 1: 50 %;
    // still resolved A and D only (B reopened); open B and C; B is on day 2 of 5 (03-13,
    // 03-16): green; overdue C alone.
    let now = t4
        .get(
            "/api/v1/requests/stats?from=2026-03-02&to=2026-03-16",
            &liaison,
        )
        .await;
    let f = now.ok(200)["figures"].clone();
    let expect = [
        json!(4),
        json!(2),
        json!(50.0),
        json!(2),
        json!(50.0),
        json!(2),
        json!(2),
        json!(1),
        json!(50.0),
        json!(2),
        json!(1),
        json!(1),
    ];
    assert_eq!(row(&f["total"]).map(Value::clone).to_vec(), nums(expect));
    // By category: 审批 A and B (both answered, A in time; both rated, one satisfied);
    // 水电气网 C and D (C unanswered, D resolved).
    let approval = &f["by_category"]["approval"];
    assert_eq!(
        (
            &approval["received"],
            &approval["replied_within_limit"],
            &approval["satisfaction_rate"]
        ),
        (&json!(2), &json!(1), &json!(50.0))
    );
    let utilities = &f["by_category"]["utilities"];
    assert_eq!(
        (
            &utilities["unanswered"],
            &utilities["resolved"],
            &utilities["rated"]
        ),
        (&json!(1), &json!(1), &json!(0))
    );
    // By agency: A went to 区建管委; B, C, D were never handed over.
    assert_eq!(f["by_agency"]["区建管委"]["received"], 1);
    assert_eq!(f["by_agency"][""]["received"], 3);
    let manager = t4.login("manager1", PASSWORD).await;
    t4.get(
        "/api/v1/requests/stats?from=2026-03-02&to=2026-03-16",
        &manager,
    )
    .await
    .ok(200);
    let _ = manager;
}
