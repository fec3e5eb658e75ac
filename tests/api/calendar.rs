//! The working-day calendar over the API, against docs/rules.md's official tables.

use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_at};

#[tokio::test]
async fn published_years_and_the_check_values_of_the_domain() {
    let app = spawn_app().await;
    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let y = app
        .get("/api/v1/calendar/2026", &liaison)
        .await
        .ok(200)
        .clone();
    // 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33 days off; 6 make-up working days.
    assert_eq!(y["holidays"].as_array().unwrap().len(), 33);
    assert_eq!(
        y["workdays"],
        json!([
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10"
        ])
    );
    assert_eq!(y["provisional"], false);
    let unpublished = app
        .get("/api/v1/calendar/2027", &liaison)
        .await
        .ok(200)
        .clone();
    assert_eq!(
        unpublished,
        json!({"year": 2027, "holidays": [], "workdays": [], "provisional": true, "version": 0})
    );
    for (from, days, date) in [
        ("2026-02-09", 10, "2026-02-28"),
        ("2025-04-25", 5, "2025-05-06"),
        ("2026-09-21", 20, "2026-10-26"),
        ("2026-01-01", 120, "2026-06-30"),
        ("2026-03-16", 0, "2026-03-16"),
    ] {
        let r = app
            .get(
                &format!("/api/v1/calendar/add-working-days?from={from}&days={days}"),
                &liaison,
            )
            .await;
        assert_eq!(r.ok(200)["date"], date, "{from} + {days}");
        assert_eq!(r.body["provisional"], false);
    }
    // 2027 is not published: Monday–Friday, marked provisional. 2027-01-01 is a Friday.
    let r = app
        .get(
            "/api/v1/calendar/add-working-days?from=2027-01-01&days=5",
            &liaison,
        )
        .await;
    assert_eq!(
        r.ok(200).clone(),
        json!({"date": "2027-01-08", "provisional": true})
    );
    app.get(
        "/api/v1/calendar/add-working-days?from=2026-02-30&days=1",
        &liaison,
    )
    .await
    .problem(400);
    app.get(
        "/api/v1/calendar/add-working-days?from=2026-02-03&days=-1",
        &liaison,
    )
    .await
    .problem(400);
    app.get_anon("/api/v1/calendar/2026").await.problem(401);
}

#[tokio::test]
async fn publishing_a_year_moves_due_dates_at_once() {
    // Today 2026-12-30; a 5-day step accepted on Monday 2026-12-28.
    let app = spawn_app_at("2026-12-30T02:00:00Z".parse().unwrap()).await;
    let ent = app
        .add_enterprise("松江晶圆制造有限公司", crate::helpers::CODE_A)
        .await;
    let steps = json!([{"key": "a", "name": "项目备案", "agency": "区发改委", "stage": "立项用地规划许可", "statutory_days": 5, "depends_on": []}]);
    let body = json!({"name": "跨年项目", "enterprise_id": ent, "steps": steps, "liaison_ids": [], "start_date": "2026-12-28"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let r = app
        .post(
            &format!("/api/v1/projects/{id}/steps/a/events"),
            &app.admin,
            &json!({"action": "accept", "on": "2026-12-28"}),
        )
        .await;
    // Mon–Fri fallback for 2027: 12-29, 12-30, 12-31, 01-01 (Fri), 01-04 → due 2027-01-04.
    assert_eq!(r.ok(200)["due_on"], "2027-01-04");
    assert_eq!(r.body["provisional"], true);

    let (_, liaison) = app.add_user("liaison1", "liaison", None).await;
    let year = json!({"holidays": ["2027-01-01"], "workdays": []});
    app.put("/api/v1/calendar/2027", &liaison, &year, None)
        .await
        .problem(403);
    let bad = [
        (
            json!({"holidays": [], "workdays": ["2027-01-05"]}),
            "workdays",
            "workday_not_weekend",
        ),
        (
            json!({"holidays": ["2028-01-01"], "workdays": []}),
            "holidays",
            "date_outside_year",
        ),
        (
            json!({"year": 2028, "holidays": [], "workdays": []}),
            "year",
            "year_mismatch",
        ),
    ];
    for (body, field, code) in bad {
        let r = app
            .put("/api/v1/calendar/2027", &app.admin, &body, None)
            .await;
        r.problem(422);
        assert_eq!(r.fields(), [field], "{}", r.body);
        assert_eq!(r.body["errors"][0]["code"], code, "{}", r.body);
    }
    app.put(
        "/api/v1/calendar/2027",
        &app.admin,
        &json!({"holidays": ["soon"], "workdays": []}),
        None,
    )
    .await
    .problem(400);
    app.put("/api/v1/calendar/2027", &app.admin, &year, Some(3))
        .await
        .problem(409);
    assert_eq!(
        app.get("/api/v1/calendar/2027", &app.admin).await.ok(200)["provisional"],
        true
    );

    let r = app
        .put("/api/v1/calendar/2027", &app.admin, &year, Some(0))
        .await;
    assert_eq!(
        r.ok(200).clone(),
        json!({"year": 2027, "holidays": ["2027-01-01"], "workdays": [], "provisional": false, "version": 1})
    );
    // With 2027-01-01 a day off: 12-29, 12-30, 12-31, 01-04, 01-05 → due 2027-01-05.
    let p = app
        .get(&format!("/api/v1/projects/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(p["steps"][0]["due_on"], "2027-01-05");
    assert_eq!(p["steps"][0]["provisional"], false);
}
