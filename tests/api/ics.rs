//! Calendar feeds: a liaison's open steps' due dates and licence expiries at a secret URL
//! they can rotate. On the zone of `reports.rs`, today Monday 03-16, liaison2 has:
//! - P2 节能审查 in review, accepted 03-03, limit 5 → due 03-10;
//! - P2 危化品安全条件审查 accepted 03-03, paused 03-05 → 03-16 (03-06, 09…13, 16 = 7 days),
//!   back in review → due 03-03 + (10 + 7) = 03-26;
//! - a 危险化学品经营许可证 of P2 expiring 2026-06-30.
//!
//! P3's design was approved on 03-16 and P4 is finished: not in the feed.

use serde_json::json;

use crate::helpers::PASSWORD;
use crate::reports::zone;

fn path_of(url: &str) -> String {
    let i = url.find("/ics/").expect("an /ics/ URL");
    url[i..].to_string()
}

#[tokio::test]
async fn a_liaison_subscribes_to_due_dates_and_expiries_and_can_rotate_the_link() {
    let app = crate::helpers::spawn_app().await;
    let manager = zone(&app).await;
    let projects = app
        .get("/api/v1/projects?q=生物医药", &app.admin)
        .await
        .ok(200)
        .clone();
    let p2 = &projects["items"][0];
    app.post("/api/v1/licences", &app.admin, &json!({"enterprise_id": p2["enterprise_id"], "project_id": p2["id"],
        "kind": "危险化学品经营许可证", "number": "沪松危经字〔2026〕001号", "issued_on": "2023-07-01", "expires_on": "2026-06-30"}))
        .await
        .ok(201);
    let liaison = app.login("liaison2", PASSWORD).await;
    let link = app
        .post("/api/v1/ics-feed", &liaison, &json!({}))
        .await
        .ok(201)["url"]
        .as_str()
        .unwrap()
        .to_string();
    let feed = app
        .client
        .get(app.url(&path_of(&link)))
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status().as_u16(), 200);
    assert_eq!(
        feed.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let text = feed.text().await.unwrap();
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"),
        "{text}"
    );
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 3, "{text}");
    let unfolded = text.replace("\r\n ", "");
    for wanted in [
        "DTSTART;VALUE=DATE:20260310",
        "SUMMARY:截止 Due: 节能审查 · 生物医药基地",
        "DTSTART;VALUE=DATE:20260326",
        "DTSTART;VALUE=DATE:20260630",
        "沪松危经字〔2026〕001号",
    ] {
        assert!(unfolded.contains(wanted), "{wanted} missing: {text}");
    }
    assert!(
        !unfolded.contains("设计方案审查"),
        "approved steps are not due"
    );
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "lines folded at 75 octets"
    );
    // Rotating: the old link stops working, the new one works.
    let new_link = app
        .post("/api/v1/ics-feed", &liaison, &json!({}))
        .await
        .ok(201)["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new_link, link);
    app.get_anon(&path_of(&link)).await.problem(404);
    assert_eq!(
        app.client
            .get(app.url(&path_of(&new_link)))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    // Turned off; managers have no feed; a guessed secret is a 404.
    app.delete("/api/v1/ics-feed", &liaison).await.ok(204);
    app.get_anon(&path_of(&new_link)).await.problem(404);
    let r = app.post("/api/v1/ics-feed", &manager, &json!({})).await;
    assert_eq!(r.problem(403)["code"], "feeds_liaisons_only", "{}", r.body);
    app.get_anon("/ics/0123456789abcdef.ics").await.problem(404);
}

async fn feed_link(app: &crate::helpers::TestApp, username: &str) -> String {
    let token = app.login(username, PASSWORD).await;
    let link = app
        .post("/api/v1/ics-feed", &token, &json!({}))
        .await
        .ok(201)["url"]
        .as_str()
        .unwrap()
        .to_string();
    path_of(&link)
}

async fn feed_status(app: &crate::helpers::TestApp, path: &str) -> u16 {
    app.client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// A feed serves only while its owner is an active liaison. Its end is a 404, the answer
/// of a secret never issued: 410 would tell whoever holds an old link that it once worked.
#[tokio::test]
async fn a_feed_ends_when_its_owner_leaves_the_liaison_role_or_is_disabled() {
    let app = crate::helpers::spawn_app().await;
    zone(&app).await;
    let wafer = app
        .get("/api/v1/enterprises?q=晶圆", &app.admin)
        .await
        .ok(200)["items"][0]["id"]
        .as_i64()
        .unwrap();
    let l2 = app.user_id("liaison2").await;
    let l1 = app.user_id("liaison1").await;
    let link = feed_link(&app, "liaison2").await;
    assert_eq!(feed_status(&app, &link).await, 200);
    let p2 = app
        .get("/api/v1/projects?q=生物医药", &app.admin)
        .await
        .ok(200)["items"][0]["id"]
        .as_i64()
        .unwrap();
    let has_l2 = |v: &serde_json::Value| {
        v["liaison_ids"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u.as_i64() == Some(l2))
    };
    let before = app.get(&format!("/api/v1/projects/{p2}"), &app.admin).await;
    assert!(has_l2(before.ok(200)));
    let version = before.body["version"].as_i64().unwrap();
    let l2_session = app.login("liaison2", PASSWORD).await;

    // liaison2 becomes an account of another enterprise: the feed goes, the assignments
    // to the liaison named to take them over.
    let changed = app
        .patch(
            &format!("/api/v1/users/{l2}"),
            &app.admin,
            &json!({"role": "enterprise", "enterprise_id": wafer, "successor_id": l1}),
            None,
        )
        .await;
    assert_eq!(changed.ok(200)["role"], "enterprise");
    let after = app.get(&format!("/api/v1/projects/{p2}"), &app.admin).await;
    assert!(!has_l2(after.ok(200)));
    // The project changed, so its version moved: an edit made on the old one is caught.
    assert_eq!(after.body["version"].as_i64(), Some(version + 1));
    app.patch(
        &format!("/api/v1/projects/{p2}"),
        &app.admin,
        &json!({"name": "生物医药（改）"}),
        Some(version),
    )
    .await
    .problem(409);
    // The sessions opened under the old role are over: sign in again into the new one.
    app.get("/api/v1/projects", &l2_session).await.problem(401);
    let snapshot = app.snapshot().await;
    app.get_anon(&link).await.problem(404);
    assert_eq!(
        app.snapshot().await,
        snapshot,
        "a refused feed changes nothing"
    );
    // A liaison again: the old link stays dead and the assignments are not brought back.
    app.patch(
        &format!("/api/v1/users/{l2}"),
        &app.admin,
        &json!({"role": "liaison", "enterprise_id": null}),
        None,
    )
    .await
    .ok(200);
    app.get_anon(&link).await.problem(404);
    let again = app.get(&format!("/api/v1/projects/{p2}"), &app.admin).await;
    assert!(!has_l2(again.ok(200)));

    // A disabled liaison's feed ends too; the service keeps serving the others.
    let link1 = feed_link(&app, "liaison1").await;
    let fresh2 = feed_link(&app, "liaison2").await;
    assert_eq!(feed_status(&app, &link1).await, 200);
    app.patch(
        &format!("/api/v1/users/{l1}"),
        &app.admin,
        &json!({"active": false, "successor_id": l2}),
        None,
    )
    .await
    .ok(200);
    let snapshot = app.snapshot().await;
    app.get_anon(&link1).await.problem(404);
    assert_eq!(
        app.snapshot().await,
        snapshot,
        "a refused feed changes nothing"
    );
    assert_eq!(feed_status(&app, &fresh2).await, 200);
}
