//! Milestones from signing to production: order checked, 开工 only after the construction
//! permit, the permit's start deadline with its extensions, signing to permit by hand.
//!
//! Today is Monday 2026-03-16. 2026 calendar: 01-01…01-03 and 02-15…02-23 off, Saturday
//! 02-14 a working day.

use serde_json::json;

use crate::helpers::spawn_app;
use crate::landing_fixture::landing_zone;

#[tokio::test]
async fn milestones_follow_their_order_and_the_permit() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    let pid = z.project(&app, "300毫米硅片生产线", None).await;
    let path = format!("/api/v1/projects/{pid}/milestones");
    let empty = app.get(&path, &z.liaison).await.ok(200).clone();
    assert_eq!(empty["permit_start_deadline"], json!(null));
    assert_eq!(empty["permit_extensions"], 0);

    // 开工 before the construction permit is approved: 409, nothing recorded.
    let before = (app.snapshot().await, empty.clone());
    let started = json!({"signed": {"actual": "2026-01-05"}, "started": {"actual": "2026-03-10"}});
    let r = z.put_milestones(&app, pid, &started).await;
    assert_eq!(
        r.problem(409)["code"],
        "started_before_permit",
        "{}",
        r.body
    );
    // 拿地 before 签约: 422 beside land.actual.
    let r = z
        .put_milestones(
            &app,
            pid,
            &json!({"signed": {"actual": "2026-03-01"}, "land": {"actual": "2026-02-01"}}),
        )
        .await;
    assert_eq!(r.fields(), ["land.actual"]);
    assert_eq!(
        r.body["errors"][0]["code"], "milestones_out_of_order",
        "{}",
        r.body
    );
    // Extensions of a permit not yet approved: 422.
    let r = z
        .put_milestones(&app, pid, &json!({"permit_extensions": 1}))
        .await;
    assert_eq!(r.fields(), ["permit_extensions"]);
    // An enterprise user reads but cannot write.
    let (_, firm) = app.add_user("wafer.firm", "enterprise", Some(z.ent)).await;
    app.get(&path, &firm).await.ok(200);
    app.put(&path, &firm, &started, None).await.problem(403);
    let after = app.get(&path, &z.liaison).await.ok(200).clone();
    let mut snap = app.snapshot().await;
    // The new enterprise user is the only change.
    snap["/api/v1/users?per_page=500"] = before.0["/api/v1/users?per_page=500"].clone();
    assert_eq!((snap, after), before);

    // Permit accepted Monday 02-02, approved Friday 02-13.
    z.approve_permit(&app, pid, "2026-02-02", "2026-02-13")
        .await;
    // 开工 the day before the permit: 422.
    let r = z
        .put_milestones(&app, pid, &json!({"started": {"actual": "2026-02-12"}}))
        .await;
    assert_eq!(r.fields(), ["started.actual"]);
    let m = z
        .put_milestones(
            &app,
            pid,
            &json!({"signed": {"planned": "2026-01-01", "actual": "2026-01-05"}}),
        )
        .await
        .ok(200)
        .clone();
    // 01-05 → 02-13: 26 days left in January + 13 = 39 calendar days. Working days after
    // 01-05 up to 02-13: Jan 6–9, 12–16, 19–23, 26–30 (19) + Feb 2–6, 9–13 (10) = 29.
    // Against 180: (180 − 39) / 30 = 4.7 months saved.
    assert_eq!(
        m["signing_to_permit"],
        json!({"calendar_days": 39, "working_days": 29, "reference_days": 180, "months_saved": 4.7})
    );
    // Issued 02-13: work must start by 05-13 (3 months).
    assert_eq!(m["permit_approved_on"], "2026-02-13");
    assert_eq!(m["permit_start_deadline"], "2026-05-13");
    let m = z
        .put_milestones(&app, pid, &json!({"permit_extensions": 1}))
        .await
        .ok(200)
        .clone();
    // One extension: 3 more months, 08-13.
    assert_eq!(m["permit_start_deadline"], "2026-08-13");
    m["project_code"].as_null().unwrap();

    // A third extension, and 投产 before 开工: 422, nothing changed.
    let before = (app.snapshot().await, m.clone());
    let r = z
        .put_milestones(&app, pid, &json!({"permit_extensions": 3}))
        .await;
    assert_eq!(r.fields(), ["permit_extensions"]);
    let r = z
        .put_milestones(
            &app,
            pid,
            &json!({"started": {"actual": "2026-03-02"}, "producing": {"actual": "2026-02-27"}}),
        )
        .await;
    assert_eq!(r.fields(), ["producing.actual"]);
    // A day not yet come cannot be actual.
    let r = z
        .put_milestones(&app, pid, &json!({"started": {"actual": "2026-03-17"}}))
        .await;
    assert_eq!(r.fields(), ["started.actual"]);
    let after = app.get(&path, &z.liaison).await.ok(200).clone();
    assert_eq!((app.snapshot().await, after), before);

    let m = z
        .put_milestones(
            &app,
            pid,
            &json!({"started": {"planned": "2026-03-01", "actual": "2026-03-02"}}),
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(
        m["started"],
        json!({"planned": "2026-03-01", "actual": "2026-03-02"})
    );
    assert_eq!(
        m["signed"],
        json!({"planned": "2026-01-01", "actual": "2026-01-05"})
    );
    // The history: who recorded which day, in order.
    let h: Vec<(String, String, serde_json::Value)> = m["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["recorded_by"], "liaison1");
            (
                e["milestone"].as_str().unwrap().to_string(),
                e["action"].as_str().unwrap().to_string(),
                e["on"].clone(),
            )
        })
        .collect();
    let want = [
        ("signed", "planned", "2026-01-01"),
        ("signed", "actual", "2026-01-05"),
        ("permit", "extended", "2026-08-13"),
        ("started", "planned", "2026-03-01"),
        ("started", "actual", "2026-03-02"),
    ];
    let want: Vec<(String, String, serde_json::Value)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), json!(c)))
        .collect();
    assert_eq!(h, want);
}
