//! The year's targets and landing figures, worked by hand from docs/rules.md.
//!
//! Today is Monday 2026-03-16. 2026 calendar: 02-15…02-23 and 04-04…04-06 off, Saturdays
//! 02-14 and 02-28 working days.

use serde_json::json;

use crate::helpers::spawn_app;
use crate::landing_fixture::landing_zone;

#[tokio::test]
async fn targets_are_set_by_admins_and_read_by_staff() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    let (_, firm) = app.add_user("wafer.firm", "enterprise", Some(z.ent)).await;
    app.get("/api/v1/targets/2026", &z.manager)
        .await
        .problem(404);
    let body = json!({"starts": 44, "productions": 20});
    let before = app.get("/api/v1/targets/2026", &app.admin).await.status;
    app.put("/api/v1/targets/2026", &z.manager, &body, None)
        .await
        .problem(403);
    app.put("/api/v1/targets/2026", &firm, &body, None)
        .await
        .problem(403);
    let r = app
        .put(
            "/api/v1/targets/2026",
            &app.admin,
            &json!({"starts": -1, "productions": 20}),
            None,
        )
        .await;
    assert_eq!(r.fields(), ["starts"]);
    assert_eq!(
        r.body["errors"][0]["code"], "target_not_whole",
        "{}",
        r.body
    );
    assert_eq!(
        app.get("/api/v1/targets/2026", &app.admin).await.status,
        before
    );
    let t = app
        .put("/api/v1/targets/2026", &app.admin, &body, None)
        .await;
    assert_eq!(
        t.ok(200).clone(),
        json!({"year": 2026, "starts": 44, "productions": 20, "version": 1})
    );
    // A change made on an old version is refused.
    let newer = json!({"starts": 46, "productions": 20});
    app.put("/api/v1/targets/2026", &app.admin, &newer, Some(7))
        .await
        .problem(409);
    app.put("/api/v1/targets/2026", &app.admin, &newer, Some(1))
        .await
        .ok(200);
    let t = app.get("/api/v1/targets/2026", &z.liaison).await;
    assert_eq!(t.ok(200)["starts"], 46);
    // Each setting is in the audit log.
    let log = app
        .get("/api/v1/audit?action=targets_set", &app.admin)
        .await;
    let items = log.ok(200)["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    assert!(items
        .iter()
        .any(|e| e["detail"] == "starts 46, productions 20" && e["target"] == "targets/2026"));
    app.get("/api/v1/targets/2026", &firm).await.problem(403);
    app.get("/api/v1/landing?year=2026", &firm)
        .await
        .problem(403);
}

#[tokio::test]
async fn the_years_landing_is_worked_by_hand() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    app.put(
        "/api/v1/targets/2026",
        &app.admin,
        &json!({"starts": 4, "productions": 2}),
        None,
    )
    .await
    .ok(200);
    // A: signed 01-05, permit 02-13, started 02-24.
    let a = z
        .project(&app, "晶圆一期", Some("2026-310117-04-01-000001"))
        .await;
    z.approve_permit(&app, a, "2026-02-02", "2026-02-13").await;
    let body = json!({"signed": {"actual": "2026-01-05"}, "started": {"planned": "2026-03-01", "actual": "2026-02-24"}});
    z.put_milestones(&app, a, &body).await.ok(200);
    // B: signed 02-02, permit 03-06, started 03-09.
    let b = z.project(&app, "晶圆二期", None).await;
    z.approve_permit(&app, b, "2026-02-24", "2026-03-06").await;
    let body = json!({"signed": {"actual": "2026-02-02"}, "started": {"planned": "2026-03-02", "actual": "2026-03-09"}});
    z.put_milestones(&app, b, &body).await.ok(200);
    // C: planned to start 04-01, permit not yet accepted: projected 20 working days from
    // today (03-16): Mar 17–20, 23–27, 30–Apr 3 (14), Apr 7–10 (18), 13, 14 → 04-14 > 04-01.
    let c = z.project(&app, "封装测试线", None).await;
    let body = json!({"started": {"planned": "2026-04-01"}});
    z.put_milestones(&app, c, &body).await.ok(200);
    // D: planned to start 12-01, permit projected 04-14 too: not at risk.
    let d = z.project(&app, "研发中心", None).await;
    let body = json!({"started": {"planned": "2026-12-01"}});
    z.put_milestones(&app, d, &body).await.ok(200);

    let l = app.get("/api/v1/landing?year=2026", &z.manager).await;
    let l = l.ok(200).clone();
    assert_eq!(l["targets"]["starts"], 4);
    assert_eq!(l["started"], 2);
    assert_eq!(l["producing"], 0);
    // Started by month, cumulative: A in February, B in March.
    let started: Vec<i64> = l["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["started"].as_i64().unwrap())
        .collect();
    assert_eq!(started, [0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    // A: 01-05 → 02-13 = 39 days, 29 working days (Jan 6–30: 19, Feb 2–13: 10).
    // B: 02-02 → 03-06 = 26 + 6 = 32 days; working days Feb 3–6 (4), 9–13 (5), Sat 14 (1),
    // 24–27 (4), Sat 28 (1), Mar 2–6 (5) = 20.
    // Median of 39 and 32: 35.5 days (of 29 and 20: 24.5); (180 − 35.5) / 30 = 4.8 months.
    let s = &l["signing_to_permit"];
    assert_eq!(s["median_days"], 35.5);
    assert_eq!(s["median_working_days"], 24.5);
    assert_eq!(s["months_saved"], 4.8);
    assert_eq!(s["reference_days"], 180);
    let lines: Vec<(i64, i64, i64)> = s["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["project_id"].as_i64().unwrap(),
                p["calendar_days"].as_i64().unwrap(),
                p["working_days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, [(a, 39, 29), (b, 32, 20)]);
    // Not started: C at risk first, then D.
    let ns = l["not_started"].as_array().unwrap();
    assert_eq!(ns.len(), 2);
    assert_eq!(ns[0]["project_id"], c);
    assert_eq!(ns[0]["permit_on"], "2026-04-14");
    assert_eq!(ns[0]["at_risk"], true);
    assert_eq!(ns[1]["project_id"], d);
    assert_eq!(ns[1]["at_risk"], false);
    assert_eq!(l["at_risk"], 1);
    // Another year: nothing of this one.
    let l = app.get("/api/v1/landing?year=2025", &z.manager).await;
    assert_eq!(l.ok(200)["started"], 0);
}

#[tokio::test]
async fn the_weekly_report_has_a_landing_section_and_the_codes() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    app.put(
        "/api/v1/targets/2026",
        &app.admin,
        &json!({"starts": 4, "productions": 2}),
        None,
    )
    .await
    .ok(200);
    // A started 02-24, B started Monday 03-09 (in week 2026-W11, 03-09…03-15).
    let a = z
        .project(&app, "晶圆一期", Some("2026-310117-04-01-000001"))
        .await;
    z.approve_permit(&app, a, "2026-02-02", "2026-02-13").await;
    let body = json!({"signed": {"actual": "2026-01-05"}, "started": {"actual": "2026-02-24"}});
    z.put_milestones(&app, a, &body).await.ok(200);
    let b = z
        .project(&app, "晶圆二期", Some("2026-310117-04-01-000002"))
        .await;
    z.approve_permit(&app, b, "2026-02-24", "2026-03-06").await;
    let body = json!({"signed": {"actual": "2026-02-02"}, "started": {"actual": "2026-03-09"}});
    z.put_milestones(&app, b, &body).await.ok(200);
    // C: planned 04-01; as of Sunday 03-15 its permit (20 working days, not accepted) is
    // projected 20 working days later: Mar 16–20, 23–27, 30–Apr 3 (15), Apr 7–10 (19),
    // Apr 13 → 04-13, after 04-01: at risk.
    let c = z
        .project(&app, "封装测试线", Some("2026-310117-04-01-000003"))
        .await;
    z.put_milestones(&app, c, &json!({"started": {"planned": "2026-04-01"}}))
        .await
        .ok(200);
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W11", &z.manager)
        .await;
    let l = r.ok(200)["landing"].clone();
    // Median of 39 and 32 days (see the_years_landing_is_worked_by_hand): 35.5.
    assert_eq!(
        l,
        json!({"year": 2026, "started": 2, "starts_target": 4, "producing": 0,
            "productions_target": 2, "started_this_week": 1,
            "signing_to_permit_median_days": 35.5, "signing_to_permit_reference_days": 180,
            "not_started": 1, "at_risk": ["封装测试线"]})
    );
    let csv = app
        .client
        .get(app.url("/api/v1/reports/weekly?week=2026-W11&format=csv"))
        .bearer_auth(&z.manager)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("项目落地（年初至今） Landing, year to date"),
        "{csv}"
    );
    assert!(csv.contains("开工项目 Started,2,4"), "{csv}");
    assert!(csv.contains("其中有风险 At risk,1：封装测试线"), "{csv}");
    // Week 2026-W10: B's permit approved on 03-06 is listed with B's code.
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W10", &z.manager)
        .await;
    let finished = r.ok(200)["finished_steps"].clone();
    assert_eq!(finished[0]["project_code"], "2026-310117-04-01-000002");
    let csv = app
        .client
        .get(app.url("/api/v1/reports/weekly?week=2026-W10&format=csv"))
        .bearer_auth(&z.manager)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("晶圆二期（2026-310117-04-01-000002）,施工许可证"),
        "{csv}"
    );
}
