//! Who may do what: every endpoint × every role × own or other enterprise, one table.
//! Requests are built so that a permitted caller is refused on the merits (422, 409) or
//! served, and nothing changes; a refused caller gets 401, 403 or 404 (another
//! enterprise's project is absent to them, not forbidden).

use serde_json::{json, Value};

use crate::helpers::{spawn_app, CODE_A, CODE_B};

#[tokio::test]
async fn the_permission_matrix() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let other = app.add_enterprise("申松涂料有限公司", CODE_B).await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;
    let (liaison_id, liaison) = app.add_user("liaison1", "liaison", None).await;
    let (_, liaison2) = app.add_user("liaison2", "liaison", None).await;
    let (_, firm) = app.add_user("firm-own", "enterprise", Some(ent)).await;
    let (_, other_firm) = app.add_user("firm-other", "enterprise", Some(other)).await;
    let body = json!({"name": "硅片产线", "enterprise_id": ent, "template": "standard-industrial", "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let p = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let callers = [
        &app.admin,
        &manager,
        &liaison,
        &liaison2,
        &firm,
        &other_firm,
        &String::new(),
    ];
    let pp = format!("/api/v1/projects/{p}");
    let robot_body =
        json!({"kind": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"});
    let robot = app
        .post("/api/v1/chat-robots", &liaison, &robot_body)
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    let robot = format!("/api/v1/chat-robots/{robot}");
    let u = format!("/api/v1/users/{liaison_id}");
    let e = format!("/api/v1/enterprises/{ent}");
    let bad_project = json!({"name": "", "enterprise_id": ent, "template": "standard-industrial", "liaison_ids": [liaison_id], "start_date": "2026-03-02"});
    let bad_licence = json!({"enterprise_id": ent, "kind": "", "number": "1", "issued_on": "2026-01-01", "expires_on": "2027-01-01"});
    //        method    path                                   body                    admin manager liaison other-liaison firm other-firm anonymous
    let rows: Vec<(&str, String, Value, [u16; 7])> = vec![
        (
            "GET",
            "/api/v1/users".into(),
            json!(null),
            [200, 200, 200, 200, 403, 403, 401],
        ),
        (
            "POST",
            "/api/v1/users".into(),
            json!({"username": "x", "display_name": "", "email": "x", "role": "liaison", "password": "p"}),
            [422, 403, 403, 403, 403, 403, 401],
        ),
        (
            "GET",
            u.clone(),
            json!(null),
            [200, 200, 200, 200, 403, 403, 401],
        ),
        (
            "PATCH",
            u.clone(),
            json!({"display_name": ""}),
            [422, 403, 403, 403, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/enterprises".into(),
            json!(null),
            [200, 200, 200, 200, 200, 200, 401],
        ),
        (
            "GET",
            e.clone(),
            json!(null),
            [200, 200, 200, 200, 200, 404, 401],
        ),
        (
            "POST",
            "/api/v1/enterprises".into(),
            json!({"name": "", "credit_code": "x", "contact_name": "", "contact_email": "x"}),
            [422, 422, 422, 422, 403, 403, 401],
        ),
        (
            "PATCH",
            e.clone(),
            json!({"name": ""}),
            [422, 422, 422, 422, 403, 404, 401],
        ),
        (
            "GET",
            "/api/v1/route-templates".into(),
            json!(null),
            [200, 200, 200, 200, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/route-templates/standard-industrial".into(),
            json!(null),
            [200, 200, 200, 200, 403, 403, 401],
        ),
        (
            "PUT",
            "/api/v1/route-templates/standard-industrial".into(),
            json!({"name": "", "steps": []}),
            [422, 403, 403, 403, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/projects".into(),
            json!(null),
            [200, 200, 200, 200, 200, 200, 401],
        ),
        (
            "POST",
            "/api/v1/projects".into(),
            bad_project,
            [422, 422, 422, 403, 403, 403, 401],
        ),
        (
            "GET",
            pp.clone(),
            json!(null),
            [200, 200, 200, 200, 200, 404, 401],
        ),
        (
            "PATCH",
            pp.clone(),
            json!({"name": ""}),
            [422, 422, 422, 403, 403, 404, 401],
        ),
        (
            "POST",
            format!("{pp}/steps"),
            json!({"key": "", "name": "", "agency": "", "stage": "", "statutory_days": 1}),
            [422, 422, 422, 403, 403, 404, 401],
        ),
        (
            "PATCH",
            format!("{pp}/steps/filing"),
            json!({"name": ""}),
            [422, 422, 422, 403, 403, 404, 401],
        ),
        (
            "DELETE",
            format!("{pp}/steps/filing"),
            json!(null),
            [409, 409, 409, 403, 403, 404, 401],
        ),
        (
            "POST",
            format!("{pp}/dependencies"),
            json!({"from": "filing", "to": "filing"}),
            [422, 422, 422, 403, 403, 404, 401],
        ),
        (
            "DELETE",
            format!("{pp}/dependencies/eia/filing"),
            json!(null),
            [404, 404, 404, 403, 403, 404, 401],
        ),
        (
            "POST",
            format!("{pp}/steps/filing/events"),
            json!({"action": "approve"}),
            [409, 409, 409, 403, 403, 404, 401],
        ),
        (
            "GET",
            format!("{pp}/steps/filing/events"),
            json!(null),
            [200, 200, 200, 200, 200, 404, 401],
        ),
        (
            "GET",
            format!("{pp}/schedule"),
            json!(null),
            [200, 200, 200, 200, 200, 404, 401],
        ),
        (
            "GET",
            format!("{pp}/time-saved"),
            json!(null),
            [200, 200, 200, 200, 200, 404, 401],
        ),
        (
            "GET",
            format!("{pp}/timeline"),
            json!(null),
            [200, 200, 200, 200, 200, 404, 401],
        ),
        (
            "GET",
            "/api/v1/time-saved".into(),
            json!(null),
            [200, 200, 200, 200, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/alerts".into(),
            json!(null),
            [200, 200, 200, 200, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/licences".into(),
            json!(null),
            [200, 200, 200, 200, 200, 200, 401],
        ),
        (
            "POST",
            "/api/v1/licences".into(),
            bad_licence,
            [422, 422, 422, 422, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/calendar/2026".into(),
            json!(null),
            [200, 200, 200, 200, 200, 200, 401],
        ),
        (
            "GET",
            "/api/v1/calendar/add-working-days?from=2026-03-02&days=1".into(),
            json!(null),
            [200, 200, 200, 200, 200, 200, 401],
        ),
        (
            "PUT",
            "/api/v1/calendar/2027".into(),
            json!({"holidays": ["2026-01-01"], "workdays": []}),
            [422, 403, 403, 403, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/reports/weekly?week=2026-W10".into(),
            json!(null),
            [200, 200, 403, 403, 403, 403, 401],
        ),
        (
            "POST",
            "/api/v1/jobs/run".into(),
            json!({"at": "2026-03-14T02:00:00Z"}),
            [200, 403, 403, 403, 403, 403, 401],
        ),
        (
            "GET",
            "/api/v1/audit".into(),
            json!(null),
            [200, 403, 403, 403, 403, 403, 401],
        ),
        // Chat robots: admins and liaisons only; another liaison's robot is absent to them.
        (
            "GET",
            "/api/v1/chat-robots".into(),
            json!(null),
            [200, 403, 200, 200, 403, 403, 401],
        ),
        (
            "POST",
            "/api/v1/chat-robots".into(),
            json!({"kind": "slack", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"}),
            [422, 403, 422, 422, 403, 403, 401],
        ),
        (
            "PATCH",
            robot.clone(),
            json!({"url": "https://10.0.0.1/send?key=k"}),
            [422, 403, 422, 404, 403, 403, 401],
        ),
        (
            "DELETE",
            "/api/v1/chat-robots/999999".into(),
            json!(null),
            [404, 403, 404, 404, 403, 403, 401],
        ),
        (
            "POST",
            "/api/v1/chat-robots/999999/test".into(),
            json!({}),
            [404, 403, 404, 404, 403, 403, 401],
        ),
    ];
    let robots_before = app
        .get("/api/v1/chat-robots", &app.admin)
        .await
        .ok(200)
        .clone();
    let before = app.get(&pp, &app.admin).await.ok(200).clone();
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &rows {
        for (who, (token, want)) in callers.iter().zip(expected).enumerate() {
            let mut req = app.client.request(method.parse().unwrap(), app.url(path));
            if !token.is_empty() {
                req = req.bearer_auth(token);
            }
            if !body.is_null() {
                req = req.json(body);
            }
            let got = req.send().await.unwrap().status().as_u16();
            if got != *want {
                wrong.push(format!(
                    "{method} {path} as caller {who}: {got}, expected {want}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Nothing a refused or merely refused-on-the-merits request did changed the project.
    assert_eq!(app.get(&pp, &app.admin).await.ok(200).clone(), before);
    assert_eq!(
        app.get("/api/v1/chat-robots", &app.admin)
            .await
            .ok(200)
            .clone(),
        robots_before
    );
}
