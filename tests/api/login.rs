//! Logging in: the throttle on names and addresses, its audit entries, parallel bursts,
//! a slow-down that holds no database connection, and the login form's refusals.

use std::sync::Arc;

use crate::helpers::{default_now, spawn_app, spawn_app_with, TestApp, PASSWORD};
use crate::pages::client::PageClient;

const WRONG: &str = "Wrong-pass-2026";

/// Five wrong passwords, one after the other: the name's limit.
async fn fail_five(app: &TestApp, name: &str) {
    for _ in 0..5 {
        app.post_login(name, WRONG).await.problem(401);
    }
}

async fn audit_targets(app: &TestApp, action: &str) -> Vec<String> {
    let log = app
        .get("/api/v1/audit?per_page=500", &app.admin)
        .await
        .ok(200)
        .clone();
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .map(|e| e["target"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn repeated_failures_lock_a_user_name_with_a_clear_429() {
    let app = spawn_app().await;
    app.add_user("liaison1", "liaison", None).await;
    app.add_user("liaison2", "liaison", None).await;
    fail_five(&app, "liaison1").await;
    // Locked now, even with the right password; the answer says when to come back.
    let r = app.post_login("liaison1", PASSWORD).await;
    let detail = r.problem(429)["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("try again in 15 minute"), "{detail}");
    let retry: i64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // Another name from the same address is not locked by these five.
    app.login("liaison2", PASSWORD).await;
    // The audit log tells the story; no password in it.
    let (_, liaison) = app.add_user("liaison3", "liaison", None).await;
    app.get("/api/v1/audit", &liaison).await.problem(403);
    let failed = audit_targets(&app, "login_failed").await;
    assert_eq!(failed.iter().filter(|t| *t == "liaison1").count(), 5);
    assert_eq!(audit_targets(&app, "login_locked").await, ["liaison1"]);
    assert!(audit_targets(&app, "login")
        .await
        .contains(&"liaison2".into()));
    let log = app.get("/api/v1/audit?per_page=500", &app.admin).await;
    assert!(!log.body.to_string().contains(PASSWORD));
    assert_eq!(log.body["items"][0]["address"], "127.0.0.1", "{}", log.body);
}

/// A locked name's refused attempts write one audit entry per lock, not one per attempt:
/// otherwise each 429 adds a row, a way to fill the disk.
#[tokio::test]
async fn a_lock_writes_one_audit_entry_however_often_it_refuses() {
    let app = spawn_app().await;
    app.add_user("liaison1", "liaison", None).await;
    app.add_user("liaison2", "liaison", None).await;
    fail_five(&app, "liaison1").await;
    app.post_login("liaison1", PASSWORD).await.problem(429);
    let snapshot = app.snapshot().await;
    assert_eq!(audit_targets(&app, "login_locked").await, ["liaison1"]);
    for i in 0..20 {
        let password = if i % 2 == 0 { PASSWORD } else { WRONG };
        app.post_login("liaison1", password).await.problem(429);
    }
    assert_eq!(audit_targets(&app, "login_locked").await, ["liaison1"]);
    assert_eq!(
        app.snapshot().await,
        snapshot,
        "refused logins change nothing"
    );
    // The service still answers, and other names still log in.
    app.login("liaison2", PASSWORD).await;
}

/// The same for a locked address: one entry, whatever names are tried from it; and the
/// lock holds for every name, the admin's too.
#[tokio::test]
async fn many_failures_from_one_address_lock_the_address_with_one_entry() {
    let app = spawn_app().await;
    for i in 0..20 {
        app.post_login(&format!("guess{i}"), WRONG)
            .await
            .problem(401);
    }
    for i in 0..10 {
        app.post_login(&format!("other{i}"), WRONG)
            .await
            .problem(429);
    }
    app.post_login("admin", crate::helpers::ADMIN_PASSWORD)
        .await
        .problem(429);
    assert_eq!(audit_targets(&app, "login_locked").await.len(), 1);
}

/// Sends `n` wrong logins at once (names from `name_of`); the statuses, sorted.
async fn burst(app: &TestApp, n: usize, name_of: impl Fn(usize) -> String) -> Vec<u16> {
    let mut set = tokio::task::JoinSet::new();
    let client = Arc::new(app.client.clone());
    for i in 0..n {
        let (client, url, name) = (client.clone(), app.url("/api/v1/sessions"), name_of(i));
        set.spawn(async move {
            let body = serde_json::json!({"username": name, "password": WRONG});
            let r = client.post(url).json(&body).send().await.unwrap();
            r.status().as_u16()
        });
    }
    let mut statuses = set.join_all().await;
    statuses.sort();
    statuses
}

/// Ten wrong passwords at once get no more guesses than ten in a row: five are checked
/// (401), five refused (429), and the name is locked, the right password included.
#[tokio::test]
async fn a_parallel_burst_gets_no_more_guesses_than_the_limit() {
    let app = spawn_app().await;
    app.add_user("liaison1", "liaison", None).await;
    let statuses = burst(&app, 10, |_| "liaison1".into()).await;
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    app.post_login("liaison1", PASSWORD).await.problem(429);
    let failed = audit_targets(&app, "login_failed").await;
    assert_eq!(failed.len(), 5, "{failed:?}");
}

/// The same for an address: thirty names at once from one address, twenty checked.
#[tokio::test]
async fn a_parallel_burst_of_names_gets_no_more_than_the_address_limit() {
    let app = spawn_app().await;
    let statuses = burst(&app, 30, |i| format!("guess{i}")).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        20,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        10,
        "{statuses:?}"
    );
}

/// The slow-down after repeated failures waits without a database connection: with a
/// pool of one, a listing sent while a failure waits out its 750 ms is answered first.
#[tokio::test]
async fn the_slow_down_after_a_failure_holds_no_database_connection() {
    let app = spawn_app_with(default_now(), |s| s.database.pool_size = 1).await;
    app.add_user("liaison1", "liaison", None).await;
    for _ in 0..4 {
        app.post_login("liaison1", WRONG).await.problem(401);
    }
    let (client, url) = (app.client.clone(), app.url("/api/v1/sessions"));
    let slow = tokio::spawn(async move {
        let body = serde_json::json!({"username": "liaison1", "password": WRONG});
        let r = client.post(url).json(&body).send().await.unwrap();
        (r.status().as_u16(), std::time::Instant::now())
    });
    let listed = app.get("/api/v1/projects", &app.admin).await;
    let listed_at = std::time::Instant::now();
    listed.ok(200);
    let (status, refused_at) = slow.await.unwrap();
    assert_eq!(status, 401);
    assert!(
        listed_at < refused_at,
        "the listing waited for the slow-down"
    );
}

/// The login form refuses an overlong name beside its field, keeps what was typed, and
/// does no work for it; a locked name is told when to come back.
#[tokio::test]
async fn the_login_form_shows_its_refusals_beside_the_fields() {
    let app = spawn_app().await;
    app.add_user("liaison1", "liaison", None).await;
    let mut page = PageClient::new(&app);
    let long = "名".repeat(65);
    let refused = page.submit_login(&long, PASSWORD).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("用户名最多 64 个字符"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(&format!("value=\"{long}\"")));
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(audit_targets(&app, "login_failed").await.is_empty());
    // A long password, too.
    let refused = page.submit_login("liaison1", &"x".repeat(257)).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("密码最多 256 个字符"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"liaison1\""));
    // Locked: the page says when to come back, with the API's status.
    fail_five(&app, "liaison1").await;
    let locked = page.submit_login("liaison1", PASSWORD).await;
    assert_eq!(locked.status, 429);
    assert!(
        locked.body.contains("登录失败次数过多，请 15 分钟后再试"),
        "{}",
        locked.body
    );
    // The service still answers, and the right name still signs in elsewhere.
    app.add_user("liaison2", "liaison", None).await;
    PageClient::new(&app).login("liaison2", PASSWORD).await;
}
